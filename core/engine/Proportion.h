// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "rules/RulePack.h"

#include <optional>
#include <vector>

namespace consilium {

// A two-sided confidence interval of a binomial proportion, as fractions in [0, 1].
struct ProportionInterval {
    double lower = 0;
    double upper = 0;
};

// The Wilson score interval for `events` of `n` (Wilson EB. Probable inference, the law of
// succession, and statistical inference. J Am Stat Assoc 1927;22:209–212):
//   centre = (p + z²/2n) / (1 + z²/n),  half-width = z / (1 + z²/n) · √(p(1−p)/n + z²/4n²)
// with p = events/n and z the standard normal quantile of (1 + level)/2 (1.95996… for 95 %).
// Unlike the normal (Wald) interval it stays within [0, 1] and is informative at 0 or n events
// and for small n (1 of 1: 20.7 %–100 %). `events` may be fractional when it comes from a
// reported percentage. nullopt when n < 1, events is outside [0, n] or level is not in (0, 1).
std::optional<ProportionInterval> wilsonInterval(double events, double n, double level = 0.95);

enum class ToxicityMetric { AnyGrade, Grade3Plus };

// The figure shown for one toxicity row: "k/n" with the 95 % Wilson interval, a percentage
// without a count, or nothing ("not found"). The grid, the toxicity chart, the conference
// report and the patient handout all show these numbers.
struct ToxicityFigure {
    const ToxicityEntry *entry = nullptr; // the row the numbers come from; null: not found
    bool found = false; // a rate is known for the metric
    qint64 events = -1; // k; -1 when not known (a percentage alone)
    qint64 n = -1; // -1 when not reported
    bool eventsDerived = false; // k was worked out from the reported percentage (the only k that rounds to it)
    double percent = kUnknown; // 100·k/n when k is known, else the reported percentage
    std::optional<ProportionInterval> interval; // 95 % Wilson; needs n
};

// The figure of one row for a metric. `events` belongs to the rate it reproduces (any grade when
// the row gives no percentage); a percentage alone gives k only when exactly one whole number
// of events rounds to it (to one decimal).
ToxicityFigure toxicityFigure(const ToxicityEntry &entry, ToxicityMetric metric);

// The figure shown for a risk among `rows` (the rows shown for the patient, in pack order) of
// one kind ("aid_cohort" or "oncology_reference"): a row with a count before one with a
// percentage alone, then the largest n, then pack order. Not found when no row of the kind
// has a rate for the metric.
ToxicityFigure bestToxicityFigure(
    const std::vector<const ToxicityEntry *> &rows, const QString &risk, const QString &kind, ToxicityMetric metric);

} // namespace consilium
