// SPDX-License-Identifier: GPL-3.0-or-later
#include "compare/VerdictDelegate.h"

#include "common/VerdictStyle.h"
#include "compare/ComparisonModel.h"
#include "compare/OptionsModel.h"

#include <QApplication>
#include <QPainter>

namespace consilium {

namespace {

bool boldBadge(const QModelIndex &index)
{
    return qobject_cast<const ComparisonModel *>(index.model()) != nullptr;
}

} // namespace

void VerdictDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QVariant verdict = index.data(ComparisonModel::VerdictRole);
    const bool badge = index.data(ComparisonModel::BadgeRole).toBool() && verdict.isValid();
    painter->save();
    if (index.data(OptionsModel::UnavailableRole).toBool())
        painter->setOpacity(0.45); // an option this centre does not offer: greyed, still evaluated
    if (badge) {
        const auto v = Verdict(verdict.toInt());
        const QRect r = opt.rect.adjusted(2, 2, -2, -2);
        painter->fillRect(r, VerdictStyle::background(v, opt.palette));
        QPen pen(VerdictStyle::accent(v, opt.palette), 2, v == Verdict::Undetermined ? Qt::DashLine : Qt::SolidLine);
        painter->setPen(pen);
        painter->drawRect(r);
        // The grid's verdict row in bold; an option cell (OptionsModel) holds more than its verdict.
        QFont f = opt.font;
        f.setBold(boldBadge(index));
        opt.font = f;
    }
    if (opt.state & QStyle::State_Selected)
        painter->fillRect(
            opt.rect, opt.palette.color(QPalette::Highlight).lighter(VerdictStyle::isDark(opt.palette) ? 80 : 170));
    if (opt.state & QStyle::State_HasFocus) {
        painter->setPen(QPen(opt.palette.color(QPalette::Highlight), 2));
        painter->drawRect(opt.rect.adjusted(1, 1, -1, -1));
    }
    const int pad = 6;
    QRect textRect = opt.rect.adjusted(pad, pad, -pad, -pad);
    if (!opt.icon.isNull()) {
        const int s = opt.decorationSize.height() > 0 ? qMax(20, opt.decorationSize.height()) : 20;
        opt.icon.paint(painter, QRect(textRect.topLeft(), QSize(s, s)));
        textRect.setLeft(textRect.left() + s + pad);
    }
    painter->setFont(opt.font);
    painter->setPen(opt.palette.color(QPalette::Text));
    painter->drawText(textRect, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, opt.text);
    if (index.data(ComparisonModel::ChangedRole).toBool()) {
        // The "changed" marker: a filled corner triangle plus a dot glyph.
        const QRect r = opt.rect;
        QPolygon tri;
        tri << QPoint(r.right() - 12, r.top()) << QPoint(r.right(), r.top()) << QPoint(r.right(), r.top() + 12);
        painter->setPen(Qt::NoPen);
        painter->setBrush(opt.palette.color(QPalette::Highlight));
        painter->drawPolygon(tri);
    }
    painter->restore();
}

QSize VerdictDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const int width = qMax(160, opt.rect.width() > 0 ? opt.rect.width() : 200);
    QFont f = opt.font;
    if (index.data(ComparisonModel::BadgeRole).toBool() && boldBadge(index))
        f.setBold(true);
    const QFontMetrics fm(f);
    const int iconW = opt.icon.isNull() ? 0 : 26;
    const QRect bounds = fm.boundingRect(QRect(0, 0, width - 12 - iconW, 10000), Qt::TextWordWrap, opt.text);
    return { width, qMax(bounds.height() + 14, fm.height() + 14) };
}

} // namespace consilium
