// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Proportion.h"

#include <boost/math/distributions/normal.hpp>

#include <cmath>

namespace consilium {

std::optional<ProportionInterval> wilsonInterval(double events, double n, double level)
{
    if (!(n >= 1) || !(events >= 0) || events > n || !(level > 0 && level < 1) || !std::isfinite(n))
        return std::nullopt;
    const double z = boost::math::quantile(boost::math::normal_distribution<double>(), (1 + level) / 2);
    const double z2 = z * z;
    const double p = events / n;
    const double denominator = 1 + z2 / n;
    const double centre = (p + z2 / (2 * n)) / denominator;
    const double half = z / denominator * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    ProportionInterval out;
    // Exact bounds at 0 and n events (the formula gives them up to rounding).
    out.lower = events == 0 ? 0.0 : std::max(0.0, centre - half);
    out.upper = events == n ? 1.0 : std::min(1.0, centre + half);
    return out;
}

namespace {

// Reported percentages carry one decimal: k matches when 100·k/n rounds to it.
constexpr double kPercentTolerance = 0.05 + 1e-9;

bool reproduces(qint64 k, qint64 n, double percent)
{
    return !std::isnan(percent) && n > 0 && std::abs(100.0 * double(k) / double(n) - percent) <= kPercentTolerance;
}

// The only whole number of events that rounds to `percent` of n; -1 if none or several do.
qint64 uniqueEvents(double percent, qint64 n)
{
    if (std::isnan(percent) || n <= 0)
        return -1;
    const auto centre = qint64(std::llround(percent * double(n) / 100.0));
    qint64 found = -1;
    for (qint64 k = std::max<qint64>(0, centre - 2); k <= std::min(n, centre + 2); ++k) {
        if (!reproduces(k, n, percent))
            continue;
        if (found >= 0)
            return -1;
        found = k;
    }
    return found;
}

} // namespace

ToxicityFigure toxicityFigure(const ToxicityEntry &t, ToxicityMetric metric)
{
    ToxicityFigure f;
    if (t.kind != QLatin1String("aid_cohort") && t.kind != QLatin1String("oncology_reference"))
        return f;
    const bool any = metric == ToxicityMetric::AnyGrade;
    const double percent = any ? t.anyGradePercent : t.grade3PlusPercent;
    const double other = any ? t.grade3PlusPercent : t.anyGradePercent;
    const qint64 n = t.n > 0 ? t.n : -1;
    qint64 k = -1;
    bool derived = false;
    if (t.events >= 0 && n > 0 && t.events <= n) {
        // The events belong to the rate they reproduce; with no rate given, to any grade.
        const bool noRateGiven = any && std::isnan(percent) && !reproduces(t.events, n, other);
        if (reproduces(t.events, n, percent) || noRateGiven)
            k = t.events;
    }
    if (k < 0 && n > 0) {
        k = uniqueEvents(percent, n);
        derived = k >= 0;
    }
    if (k < 0 && std::isnan(percent))
        return f; // no rate for this metric
    f.entry = &t;
    f.found = true;
    f.n = n;
    f.events = k;
    f.eventsDerived = derived;
    f.percent = k >= 0 ? 100.0 * double(k) / double(n) : percent;
    if (n > 0)
        f.interval = wilsonInterval(k >= 0 ? double(k) : percent * double(n) / 100.0, double(n));
    return f;
}

ToxicityFigure bestToxicityFigure(
    const std::vector<const ToxicityEntry *> &rows, const QString &risk, const QString &kind, ToxicityMetric metric)
{
    ToxicityFigure best;
    for (const ToxicityEntry *t : rows) {
        if (t->risk != risk || t->kind != kind)
            continue;
        const ToxicityFigure f = toxicityFigure(*t, metric);
        if (!f.found)
            continue;
        const bool better = !best.found || (f.events >= 0 && best.events < 0)
            || ((f.events >= 0) == (best.events >= 0) && f.n > best.n);
        if (better)
            best = f;
    }
    return best;
}

} // namespace consilium
