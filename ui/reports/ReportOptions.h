// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/SiteOptions.h"

#include <QCoreApplication>
#include <QString>

namespace consilium {

class Evaluation;

// The options (products, trial protocols, regimens; resources/packs/FORMAT.md, "Options";
// docs/result-format.md#options) in the conference report, as HTML for its QTextDocument. A pack
// without options gives empty text everywhere, so its report prints exactly as before.
class ReportOptions
{
    Q_DECLARE_TR_FUNCTIONS(consilium::ReportOptions)

public:
    // "Products and trials": under each arm, every option with its name, kind, status in the case's
    // jurisdiction, the site's availability (`site`; it never changes a verdict), verdict,
    // screening note, deciding criteria and earliest start.
    static QString section(const Evaluation &e, const SiteOptions &site);
    // The toxicity rows of the arm's options (their own rows, tagged with the option; none of an
    // option that does not apply), shown under the arm's toxicity chart.
    static QString toxicityRows(const Evaluation &e, int arm);
    // An option's earliest start: "— (ineligible)" for an ineligible option (as the arms, issue
    // 10), "—" for one that does not apply, else "now", the date, or "unknown".
    static QString earliestStart(const Evaluation &e, int option);

private:
    static QString armTable(const Evaluation &e, const SiteOptions &site, int arm);
    static QString optionRow(const Evaluation &e, const SiteOptions &site, int option);
};

} // namespace consilium
