// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QDialog>
#include <QString>

#include <vector>

class QComboBox;

namespace consilium {

class RulePack;

// Which options (resources/packs/FORMAT.md, "Options") this centre offers, can refer to, or does
// not offer (issue 12, "Site availability"), kept by option id in the settings (QSettings,
// "site/options/<id>"). Not stated unless set. Availability orders and greys the options in the
// window; it never changes a verdict: every option is still evaluated.
class SiteAvailability
{
    Q_DECLARE_TR_FUNCTIONS(consilium::SiteAvailability)

public:
    enum Level { Offered, Referral, NotStated, NotOffered }; // the order options are listed in
    static Level of(const QString &optionId);
    static void set(const QString &optionId, Level level);
    static QString label(Level level);
};

// The site setting: one choice per option of the pack, grouped by arm.
class SiteAvailabilityDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SiteAvailabilityDialog(const RulePack &pack, QWidget *parent = nullptr);
    void apply(); // writes the choices

private:
    std::vector<std::pair<QString, QComboBox *>> m_choices; // option id, its combo
};

} // namespace consilium
