// SPDX-License-Identifier: GPL-3.0-or-later
#include "compare/SiteAvailability.h"

#include "common/Labels.h"
#include "common/Session.h"
#include "compare/ComparisonView.h"
#include "compare/ResultText.h"
#include "rules/RulePack.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QMessageBox>
#include <QScrollArea>
#include <QVBoxLayout>

namespace consilium {

QString SiteAvailability::label(SiteOptions::Level level)
{
    switch (level) {
    case SiteOptions::Offered:
        return tr("Offered at this centre");
    case SiteOptions::Referral:
        return tr("Can refer to it");
    case SiteOptions::NotOffered:
        return tr("Not offered");
    case SiteOptions::NotStated:
        return tr("Not stated");
    }
    return {};
}

SiteAvailabilityDialog::SiteAvailabilityDialog(
    const RulePack &pack, const SiteOptions &current, const QString &problem, QWidget *parent)
    : QDialog(parent), m_current(current)
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
            for (const auto level :
                { SiteOptions::NotStated, SiteOptions::Offered, SiteOptions::Referral, SiteOptions::NotOffered })
                combo->addItem(SiteAvailability::label(level), int(level));
            combo->setCurrentIndex(qMax(0, combo->findData(int(current.of(opt.id)))));
            const QString label = ResultText::optionLabel(pack, opt);
            combo->setAccessibleName(label);
            form->addRow(label, combo);
            m_choices.emplace_back(opt.id, combo);
        }
    }
    auto *inner = new QWidget(this);
    inner->setLayout(form);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(inner);
    scroll->setWidgetResizable(true);
    QString text = tr("Kept in the database for every workstation of this centre. Offered options are listed first; "
                      "options not offered are greyed but still evaluated.");
    if (!problem.isEmpty())
        text += QLatin1Char('\n') + tr("The stored setting cannot be used (%1); saving replaces it.").arg(problem);
    auto *note = new QLabel(text, this);
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

SiteOptions SiteAvailabilityDialog::chosen() const
{
    SiteOptions out = m_current;
    for (const auto &[id, combo] : m_choices)
        out.set(id, SiteOptions::Level(combo->currentData().toInt()));
    return out;
}

void bindSiteOptions(ComparisonView *view, Session &session)
{
    view->setSiteOptions(session.siteOptions(), session.siteOptionsProblem());
    QObject::connect(&session, &Session::siteOptionsChanged, view,
        [view, &session] { view->setSiteOptions(session.siteOptions(), session.siteOptionsProblem()); });
    QObject::connect(view, &ComparisonView::siteOptionsEdited, view, [view, &session](const SiteOptions &site) {
        if (const auto done = session.setSiteOptions(site); !done)
            QMessageBox::warning(view, SiteAvailabilityDialog::tr("Options at this centre"),
                SiteAvailabilityDialog::tr("The site setting was not saved: %1").arg(done.error().message));
    });
}

} // namespace consilium
