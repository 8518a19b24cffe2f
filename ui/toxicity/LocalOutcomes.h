// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Proportion.h"
#include "store/FollowUps.h"
#include "timeline/ChartSupport.h"

#include <QCoreApplication>
#include <QString>

#include <vector>

class QChart;

namespace consilium {

class Evaluation;

// Patients with an event among the patients for whom the item is known (n); n = 0: known for nobody.
struct LocalCount {
    int events = 0;
    int n = 0;
};

// One measure of the site's follow-up (FollowUps::localOutcomes) beside the rule pack's published
// rates of the same risk and severity (issue 14, "Local outcomes beside the literature").
struct LocalOutcomeRow {
    QString measure; // "crs_any", "crs_grade3", "icans_any", "icans_grade3", "icaht_grade3", "infection_grade3"
    QString risk; // the pack's risk: "CRS", "ICANS", "ICAHT", "Infection"
    ToxicityMetric metric = ToxicityMetric::AnyGrade;
    LocalCount site;
    ToxicityFigure aid; // the autoimmune cohort, as ResultText::toxicityFigure chooses it
    ToxicityFigure oncology; // the oncology reference
};

// The site's outcomes of one arm: the patients treated in it (FollowUps::ArmOutcomes summed over
// the arm and its sub-options) and the measures the pack or the site has a figure for.
struct LocalOutcomesArm {
    int arm = 0;
    int treated = 0;
    std::vector<LocalOutcomeRow> rows;
};

// Local outcomes beside the literature: the model the toxicity view, its chart and the conference
// report share, and THE rule for showing a site's small numbers (countText).
class LocalOutcomes
{
    Q_DECLARE_TR_FUNCTIONS(consilium::LocalOutcomes)

public:
    // A site's rate is shown as its count with n ("2/5"), never as a bare percentage (spec UX.md:
    // "rates are never shown as bare percentages without n"); the percentage is added, after the
    // count, only from this n on (a presentation rule of this application, not a clinical
    // threshold; docs/follow-up-views.md#small-numbers).
    static constexpr int kPercentFromN = 20;
    // "2/5", "12/40 (30%)", or "no data" when the item is known for nobody.
    static QString countText(const LocalCount &count);

    // The measures of `arm` (0 … kArmCount − 1): those whose risk the pack lists for the arm (the
    // rows shown for this patient, ResultText::visibleToxicity) or the site has a count for.
    // `evaluation` may be null (no published figures then).
    static LocalOutcomesArm forArm(
        const std::vector<FollowUps::ArmOutcomes> &site, const Evaluation *evaluation, int arm);
    static int treatedTotal(const std::vector<FollowUps::ArmOutcomes> &site);
    static QString measureLabel(const QString &measure);
    // What is shown instead of a table when the arm has no treated patient: true in every state
    // (no treatment recorded anywhere, or none in this arm).
    static QString emptyText(const std::vector<FollowUps::ArmOutcomes> &site, int arm);
    // "Treated at this site: 3 patients (with a follow-up and a treatment date)".
    static QString treatedText(const LocalOutcomesArm &arm);
    // How to read the numbers (the rule above, the interval, "not found"; the whiskers with `chart`).
    static QString legendText(bool chart = true);

    // Grouped bars per measure: this site beside the published autoimmune cohort (the oncology
    // reference is in the table; the chart above shows it for every risk), each labelled with its
    // count ("2/5"; "no data" or "not found" at the baseline, never a bar) and the 95% Wilson
    // interval as a whisker. Returns the labels, measure-major (2 per measure).
    struct Bar {
        QString measure;
        int set = 0; // 0 this site, 1 autoimmune cohort (published)
        bool found = false;
        double percent = 0;
        QString label;
    };
    static std::vector<Bar> populate(QChart *chart, const LocalOutcomesArm &arm, const ChartStyle &style);

    // The conference report's table (HTML for its QTextDocument): every arm with a treated
    // patient or a published figure, or the sentence that none is recorded.
    static QString reportSection(const std::vector<FollowUps::ArmOutcomes> &site, const Evaluation &evaluation);
};

} // namespace consilium
