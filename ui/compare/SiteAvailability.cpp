// SPDX-License-Identifier: GPL-3.0-or-later
#include "compare/SiteAvailability.h"

#include "common/Labels.h"
#include "rules/RulePack.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSettings>
#include <QVBoxLayout>

namespace consilium {

namespace {

QString key(const QString &optionId)
{
    return QStringLiteral("site/options/") + optionId;
}

} // namespace

SiteAvailability::Level SiteAvailability::of(const QString &optionId)
{
    const QString v = QSettings().value(key(optionId)).toString();
    if (v == QLatin1String("offered"))
        return Offered;
    if (v == QLatin1String("referral"))
        return Referral;
    if (v == QLatin1String("not_offered"))
        return NotOffered;
    return NotStated;
}

void SiteAvailability::set(const QString &optionId, Level level)
{
    QSettings s;
    switch (level) {
    case Offered:
        s.setValue(key(optionId), QStringLiteral("offered"));
        break;
    case Referral:
        s.setValue(key(optionId), QStringLiteral("referral"));
        break;
    case NotOffered:
        s.setValue(key(optionId), QStringLiteral("not_offered"));
        break;
    case NotStated:
        s.remove(key(optionId));
        break;
    }
}

QString SiteAvailability::label(Level level)
{
    switch (level) {
    case Offered:
        return tr("Offered at this centre");
    case Referral:
        return tr("Can refer to it");
    case NotOffered:
        return tr("Not offered");
    case NotStated:
        return tr("Not stated");
    }
    return {};
}

SiteAvailabilityDialog::SiteAvailabilityDialog(const RulePack &pack, QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("siteAvailabilityDialog"));
    setWindowTitle(tr("Options at this centre"));
    auto *form = new QFormLayout;
    for (int arm = 0; arm < kArmCount; ++arm) {
        bool heading = false;
        for (const OptionDef &opt : pack.options()) {
            if (opt.arm != arm)
                continue;
            if (!heading) {
                auto *h = new QLabel(QStringLiteral("<b>%1</b>").arg(Labels::arm(arm).toHtmlEscaped()), this);
                form->addRow(h);
                heading = true;
            }
            auto *combo = new QComboBox(this);
            combo->setObjectName(QStringLiteral("siteAvailability_") + opt.id);
            for (const auto level : { SiteAvailability::NotStated, SiteAvailability::Offered,
                     SiteAvailability::Referral, SiteAvailability::NotOffered })
                combo->addItem(SiteAvailability::label(level), int(level));
            combo->setCurrentIndex(qMax(0, combo->findData(int(SiteAvailability::of(opt.id)))));
            combo->setAccessibleName(opt.label);
            form->addRow(opt.label, combo);
            m_choices.emplace_back(opt.id, combo);
        }
    }
    auto *inner = new QWidget(this);
    inner->setLayout(form);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(inner);
    scroll->setWidgetResizable(true);
    auto *note
        = new QLabel(tr("Offered options are listed first; options not offered are greyed but still evaluated."), this);
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(note);
    layout->addWidget(scroll, 1);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(560, 520);
}

void SiteAvailabilityDialog::apply()
{
    for (const auto &[id, combo] : m_choices)
        SiteAvailability::set(id, SiteAvailability::Level(combo->currentData().toInt()));
}

} // namespace consilium
