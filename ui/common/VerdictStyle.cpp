// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/VerdictStyle.h"

#include "common/Labels.h"

#include <QFont>
#include <QPainter>
#include <QPixmap>

namespace consilium {

namespace {

QIcon glyphIcon(const QString &glyph, const QColor &colour, bool outlined)
{
    QIcon icon;
    for (int size : { 16, 24, 32, 48 }) {
        QPixmap pm(size, size);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        const QRectF r(1, 1, size - 2, size - 2);
        if (outlined) {
            p.setPen(QPen(colour, qMax(1.0, size / 12.0), Qt::DashLine));
            p.setBrush(Qt::NoBrush);
        } else {
            p.setPen(Qt::NoPen);
            p.setBrush(colour);
        }
        p.drawEllipse(r);
        QFont f(QStringLiteral("DejaVu Sans"));
        f.setPixelSize(int(size * 0.62));
        f.setBold(true);
        p.setFont(f);
        p.setPen(outlined ? colour : QColor(Qt::white));
        p.drawText(r, Qt::AlignCenter, glyph);
        p.end();
        icon.addPixmap(pm);
    }
    return icon;
}

} // namespace

bool VerdictStyle::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor VerdictStyle::accent(Verdict v, const QPalette &palette)
{
    const bool dark = isDark(palette);
    switch (v) {
    case Verdict::Eligible:
        return dark ? QColor(0x66, 0xbb, 0x6a) : QColor(0x2e, 0x7d, 0x32);
    case Verdict::EligibleWithCautions:
        return dark ? QColor(0xff, 0xb7, 0x4d) : QColor(0xb2, 0x6a, 0x00);
    case Verdict::Undetermined:
        return dark ? QColor(0x90, 0xa4, 0xae) : QColor(0x54, 0x6e, 0x7a);
    case Verdict::Ineligible:
        return dark ? QColor(0xef, 0x53, 0x50) : QColor(0xc6, 0x28, 0x28);
    case Verdict::NotApplicable:
        break;
    }
    return palette.color(QPalette::PlaceholderText);
}

QBrush VerdictStyle::background(Verdict v, const QPalette &palette)
{
    QColor c = accent(v, palette);
    const QColor base = palette.color(QPalette::Base);
    // A light tint of the accent over the base colour.
    const double a = isDark(palette) ? 0.28 : 0.16;
    QColor tint = QColor::fromRgbF(float(base.redF() * (1 - a) + c.redF() * a),
        float(base.greenF() * (1 - a) + c.greenF() * a), float(base.blueF() * (1 - a) + c.blueF() * a));
    if (v == Verdict::Undetermined) {
        c.setAlphaF(0.35f);
        return QBrush(c, Qt::BDiagPattern);
    }
    return QBrush(tint);
}

QIcon VerdictStyle::icon(Verdict v)
{
    const QPalette light;
    const QColor c = accent(v, light);
    return glyphIcon(Labels::verdictIcon(v), c, v == Verdict::Undetermined);
}

QIcon VerdictStyle::stateIcon(CriterionState s)
{
    const QPalette light;
    switch (s) {
    case CriterionState::Met:
        return glyphIcon(Labels::stateIcon(s), accent(Verdict::Eligible, light), false);
    case CriterionState::NotMet:
        return glyphIcon(Labels::stateIcon(s), accent(Verdict::Ineligible, light), false);
    case CriterionState::Unknown:
        return glyphIcon(Labels::stateIcon(s), accent(Verdict::Undetermined, light), true);
    case CriterionState::NotApplicable:
        break;
    }
    return glyphIcon(Labels::stateIcon(s), QColor(0x9e, 0x9e, 0x9e), true);
}

} // namespace consilium
