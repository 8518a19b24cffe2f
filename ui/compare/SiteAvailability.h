// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/SiteOptions.h"

#include <QCoreApplication>
#include <QDialog>
#include <QString>

#include <vector>

class QComboBox;

namespace consilium {

class ComparisonView;
class RulePack;
class Session;

// Shows the session's site setting in `view` and keeps it current: the view's choices are
// stored in the database (a failure is shown and nothing changes), and a change made by any view
// of the session re-orders every view.
void bindSiteOptions(ComparisonView *view, Session &session);

// The words for a site's availability of an option (store/SiteOptions.h, the site setting
// "site_options"): "Offered at this centre", "Can refer to it", "Not offered".
class SiteAvailability
{
    Q_DECLARE_TR_FUNCTIONS(consilium::SiteAvailability)

public:
    static QString label(SiteOptions::Level level);
};

// The site setting: one choice per option of the pack, grouped by arm. `problem`: why the stored
// setting could not be used (shown at the top; saving replaces it).
class SiteAvailabilityDialog : public QDialog
{
    Q_OBJECT

public:
    SiteAvailabilityDialog(
        const RulePack &pack, const SiteOptions &current, const QString &problem, QWidget *parent = nullptr);
    // The stored setting with the choices made here (options of other packs kept).
    SiteOptions chosen() const;

private:
    SiteOptions m_current;
    std::vector<std::pair<QString, QComboBox *>> m_choices; // option id, its combo
};

} // namespace consilium
