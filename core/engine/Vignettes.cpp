// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Vignettes.h"

#include "engine/CaseEvaluation.h"
#include "engine/Engine.h"
#include "engine/ResultWriter.h"

#include <algorithm>

namespace consilium {

namespace {

QStringList sorted(QStringList l)
{
    l.sort();
    l.removeDuplicates();
    return l;
}

void compareSet(const QString &what, const QStringList &expected, const QStringList &actual, QStringList &failures)
{
    const QStringList e = sorted(expected);
    const QStringList a = sorted(actual);
    if (e != a)
        failures.append(QStringLiteral("%1: expected [%2], got [%3]")
                            .arg(what, e.join(QStringLiteral(", ")), a.join(QStringLiteral(", "))));
}

// One arm, sub-option or option (resources/packs/FORMAT.md, "vignettes"): verdict, deciding criteria,
// other not-met and unknown criteria and missing inputs, as sets.
void checkGroup(
    const Engine &engine, const Evaluation &e, const QString &key, const VignetteExpectation &x, QStringList &failures)
{
    const RulePack &pack = engine.pack();
    const int g = engine.groupIndex(key);
    if (g < 0) {
        failures.append(QStringLiteral("%1: no such arm or option").arg(key));
        return;
    }
    const GroupResult &r = e.group(g);
    const QString verdict = QString::fromLatin1(toString(r.verdict).data());
    if (verdict != x.verdict)
        failures.append(QStringLiteral("%1 verdict: expected %2, got %3").arg(key, x.verdict, verdict));
    QStringList deciding;
    QStringList notMet;
    QStringList unknown;
    for (int ci : engine.group(g).criteria) {
        const Criterion &cr = pack.criteria()[std::size_t(ci)];
        const CriterionState st = e.state(ci);
        if (std::find(r.deciding.begin(), r.deciding.end(), ci) != r.deciding.end())
            deciding.append(cr.id);
        else if (st == CriterionState::NotMet)
            notMet.append(cr.id);
        else if (st == CriterionState::Unknown)
            unknown.append(cr.id);
    }
    compareSet(key + QStringLiteral(" deciding criteria"), x.deciding, deciding, failures);
    compareSet(key + QStringLiteral(" other criteria not met"), x.otherNotMet, notMet, failures);
    compareSet(key + QStringLiteral(" other criteria unknown"), x.otherUnknown, unknown, failures);
    compareSet(key + QStringLiteral(" missing inputs"), x.missingInputs, r.missingInputs, failures);
}

} // namespace

std::vector<VignetteOutcome> runVignettes(const RulePack &pack)
{
    const Engine engine(pack);
    std::vector<VignetteOutcome> out;
    for (const Vignette &v : pack.vignettes()) {
        VignetteOutcome o;
        o.id = v.id;
        const CaseOutcome outcome = evaluateCase(engine, v.caseJson);
        if (!outcome.ok()) {
            for (const QString &l : outcome.diag.lines())
                o.failures.append(QStringLiteral("case rejected: ") + l);
            out.push_back(o);
            continue;
        }
        const Evaluation &e = *outcome.evaluation;
        for (const auto &[id, expected] : v.expectedNumbers) {
            const int slot = pack.slotOf(id);
            const QString actual = e.displayValue(slot);
            const QString want = formatDecimal(expected, pack.slotDecimals(slot));
            if (actual != want)
                o.failures.append(QStringLiteral("derived %1: expected %2, got %3").arg(id, want, actual));
        }
        for (const auto &[id, expected] : v.expectedText) {
            const QString actual = e.displayValue(pack.slotOf(id));
            if (actual != expected)
                o.failures.append(QStringLiteral("derived %1: expected %2, got %3").arg(id, expected, actual));
        }
        for (const auto *expectations : { &v.arms, &v.options }) {
            for (const auto &[key, x] : *expectations)
                checkGroup(engine, e, key, x, o.failures);
        }
        out.push_back(o);
    }
    return out;
}

} // namespace consilium
