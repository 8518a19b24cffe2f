// SPDX-License-Identifier: GPL-3.0-or-later
// Engine::evaluateFull: everything a view shows, computed once from the fast path's workspace.
#include "engine/Engine.h"

#include <algorithm>

namespace consilium {

namespace {

bool isKnown(const Workspace &ws, int slot)
{
    return ws.status[std::size_t(slot)] == ValueStatus::Known;
}

Tri evaluateOn(const Expression &e, const Workspace &ws)
{
    return e.evaluate(ws.values.data(), ws.status.data());
}

} // namespace

void collectMissingInputs(const RulePack &pack, const Workspace &ws, int slot, std::vector<int> &out)
{
    if (isKnown(ws, slot))
        return;
    auto add = [&out](int input) {
        if (std::find(out.begin(), out.end(), input) == out.end())
            out.push_back(input);
    };
    const Symbol &sym = pack.symbol(slot);
    if (sym.kind == SymbolKind::Variable) {
        add(slot);
        return;
    }
    if (sym.kind != SymbolKind::Derived)
        return;
    const DerivedDef &def = pack.derived()[std::size_t(sym.index)];
    for (int dep : def.dependencySlots)
        collectMissingInputs(pack, ws, dep, out);
    for (PseudoInput p : def.pseudo) {
        const bool missing = (p == PseudoInput::Medications && ws.medicationsAbsent)
            || (p == PseudoInput::FailedTherapies && ws.failedTherapiesAbsent)
            || (p == PseudoInput::MedicationLastDose && !ws.medicationsAbsent && ws.lastDoseMissing);
        if (missing)
            add(pack.slotCount() + int(p));
    }
}

QString missingInputId(const RulePack &pack, int input)
{
    return input < pack.slotCount() ? pack.symbol(input).id : pseudoInputName(PseudoInput(input - pack.slotCount()));
}

QString Engine::inputName(int input) const
{
    return missingInputId(m_pack, input);
}

ArmTimeline Engine::timeline(const LogisticsDef &def, const Evaluation &e, bool variants) const
{
    const Workspace &ws = e.m_ws;
    ArmTimeline out;
    const std::vector<PhaseDef> *phases = &def.phases;
    for (const auto &variant : def.variants) {
        if (variants && evaluateOn(variant.when, ws) == Tri::True) {
            phases = &variant.phases;
            out.variant = variant.label;
            break;
        }
    }
    const qint64 asOf = ws.asOf.toJulianDay();
    std::vector<int> points;
    QString unknownRef;
    auto unknownTimeline = [&out](const QString &what) {
        out.known = false;
        out.phases.clear();
        out.note = QStringLiteral("Timeline unknown: %1 is unknown (see missing inputs).").arg(what);
        return out;
    };
    auto resolve = [&](const DayOffset &off) -> std::optional<int> {
        int day = 0;
        switch (off.from) {
        case DayOffset::From::AsOf:
            break;
        case DayOffset::From::DerivedDate:
            if (!isKnown(ws, off.ref)) {
                unknownRef = m_pack.symbol(off.ref).id;
                return std::nullopt;
            }
            day = int(qint64(ws.values[std::size_t(off.ref)]) - asOf);
            break;
        case DayOffset::From::Point:
            if (off.ref >= int(points.size()) || points[std::size_t(off.ref)] == INT32_MIN)
                return std::nullopt;
            day = points[std::size_t(off.ref)];
            break;
        }
        switch (off.daysKind) {
        case DayOffset::Days::Fixed:
            day += off.days;
            break;
        case DayOffset::Days::Param:
            day += int(def.parameters.value(off.param).value);
            break;
        case DayOffset::Days::PerJurisdiction:
            if (e.m_case.jurisdiction < 0)
                return std::nullopt;
            day += off.perJurisdiction[std::size_t(e.m_case.jurisdiction)];
            break;
        }
        if (off.months != 0)
            day = int(ws.asOf.addDays(day).addMonths(off.months).toJulianDay() - asOf);
        if (off.hasMin)
            day = std::max(day, off.min);
        return day;
    };
    for (const auto &[name, off] : def.points) {
        const auto day = resolve(off);
        points.push_back(day.value_or(INT32_MIN));
        if (!day)
            return unknownTimeline(unknownRef.isEmpty() ? name : unknownRef);
    }
    if (def.timeToTreatmentPoint >= 0)
        out.timeToTreatmentDays = points[std::size_t(def.timeToTreatmentPoint)];
    for (const PhaseDef &ph : *phases) {
        const auto start = resolve(ph.start);
        std::optional<int> end;
        if (ph.hasEnd)
            end = resolve(ph.end);
        if (!start || (ph.hasEnd && !end))
            return unknownTimeline(unknownRef);
        if (ph.omitIfEmpty && end && *end <= *start)
            continue;
        out.phases.push_back({ ph.phase, *start, end, ph.note, ph.evidence, ph.noteKey });
    }
    return out;
}

void Engine::washoutDetails(Evaluation &e) const
{
    // The two washout formulas again, with a sink. Recomputing a derived value from the same
    // inputs writes the same result, so this runs on the evaluated workspace.
    for (const DerivedDef &def : m_pack.derived()) {
        if (def.formula == Formula::LeukapheresisWashout) {
            WashoutSink sink { &e.m_washout, &e.m_washoutNotDefined };
            computeDerived(def, e.m_case, e.m_ws, &sink);
        } else if (def.formula == Formula::TceWashout) {
            WashoutSink sink { &e.m_tceWashout, nullptr };
            computeDerived(def, e.m_case, e.m_ws, &sink);
        }
    }
}

void Engine::groupResults(Evaluation &e) const
{
    const auto &criteria = m_pack.criteria();
    const Workspace &ws = e.m_ws;
    const std::size_t nGroups = std::size_t(groupCount());
    std::vector<std::vector<int>> excl(nGroups);
    std::vector<std::vector<int>> caut(nGroups);
    e.m_groups.resize(m_groups.size());
    e.m_optionResults.resize(m_optionGroups.size());
    for (std::size_t g = 0; g < nGroups; ++g) {
        GroupResult &r = e.result(int(g));
        r.verdict = ws.verdicts[g];
        for (int ci : group(int(g)).criteria) {
            const Criterion &cr = criteria[std::size_t(ci)];
            const CriterionState st = ws.states[std::size_t(ci)];
            if (criterionDecides(r.verdict, cr.severity, st))
                r.deciding.push_back(ci);
            r.cautionsFired += cr.severity == Severity::Caution && st == CriterionState::NotMet;
            if (st != CriterionState::Unknown)
                continue;
            if (cr.severity == Severity::Exclusion) {
                for (int s : cr.slots)
                    collectMissingInputs(m_pack, ws, s, excl[g]);
            } else if (cr.severity == Severity::Caution) {
                ++r.cautionsUnknown;
                for (int s : cr.slots)
                    collectMissingInputs(m_pack, ws, s, caut[g]);
            }
        }
    }
    // Rank by the number of groups whose unknown exclusions reference the input, then by id
    // (docs/result-format.md, "missing_inputs").
    const std::size_t nInputs = std::size_t(m_pack.slotCount()) + std::size_t(kPseudoInputCount);
    std::vector<int> counts(nInputs, 0);
    std::vector<int> cautionCounts(nInputs, 0);
    for (std::size_t g = 0; g < nGroups; ++g) {
        if (!group(int(g)).ranked) // options do not change the ranking (docs/result-format.md#options)
            continue;
        for (int in : excl[g])
            ++counts[std::size_t(in)];
        for (int in : caut[g])
            ++cautionCounts[std::size_t(in)];
    }
    auto rank = [this](std::vector<int> &list, const std::vector<int> &by) {
        std::sort(list.begin(), list.end(), [&](int a, int b) {
            const int ca = by[std::size_t(a)];
            const int cb = by[std::size_t(b)];
            return ca != cb ? ca > cb : inputName(a) < inputName(b);
        });
    };
    auto names = [this](const std::vector<int> &list) {
        QStringList out;
        out.reserve(qsizetype(list.size()));
        for (int in : list)
            out.append(inputName(in));
        return out;
    };
    for (std::size_t g = 0; g < nGroups; ++g) {
        std::vector<int> cautionOnly;
        for (int in : caut[g]) {
            if (std::find(excl[g].begin(), excl[g].end(), in) == excl[g].end())
                cautionOnly.push_back(in);
        }
        rank(excl[g], counts);
        rank(cautionOnly, cautionCounts);
        e.result(int(g)).missingInputs = names(excl[g]);
        e.result(int(g)).cautionMissingInputs = names(cautionOnly);
    }
    std::vector<int> all;
    for (std::size_t in = 0; in < nInputs; ++in) {
        if (counts[in] > 0)
            all.push_back(int(in));
    }
    rank(all, counts);
    for (int in : all)
        e.m_whatWouldChange.push_back({ inputName(in), counts[std::size_t(in)] });
}

void Engine::derivedDetails(Evaluation &e) const
{
    const auto &derived = m_pack.derived();
    e.m_scorePoints.resize(derived.size());
    e.m_applicability.reserve(qsizetype(derived.size()));
    for (std::size_t d = 0; d < derived.size(); ++d) {
        const DerivedDef &def = derived[d];
        if (def.formula == Formula::PointsScore) {
            e.m_scorePoints[d].assign(def.paramsAs<PointsScoreParams>().components.size(), -1);
            int sum = 0;
            scoreSum(def, e.m_ws, sum, e.m_scorePoints[d].data());
        }
        // The pack's `applicability` note: always, or when its `when` is true for this case
        // (resources/packs/FORMAT.md, "derived").
        QString warning;
        if (def.applicability
            && (!def.applicability->when || evaluateOn(*def.applicability->when, e.m_ws) == Tri::True))
            warning = def.applicability->note;
        e.m_applicability.append(warning);
    }
}

void Engine::patientRows(Evaluation &e) const
{
    const Workspace &ws = e.m_ws;
    for (const Arm arm : kArms) {
        const std::size_t a = armIndex(arm);
        const std::size_t subs = m_pack.arms()[a].subOptions.size();
        auto &rows = e.m_toxicity[a];
        rows.resize(subs + 1);
        for (const ToxicityEntry &t : m_pack.toxicity()[a]) {
            // An option's rows belong to the sub-option that is its alias, if any.
            int sub = t.subOption;
            for (std::size_t s = 0; t.option >= 0 && s < subs; ++s) {
                if (m_pack.arms()[a].subOptions[s].option == t.option)
                    sub = int(s);
            }
            if ((t.option >= 0 && sub < 0) || sub >= int(subs)
                || (t.hasShowWhen && evaluateOn(t.showWhen, ws) == Tri::False))
                continue;
            rows[sub < 0 ? 0 : std::size_t(sub) + 1].push_back(&t);
            // A sub-option's figures only when the sub-option applies to the patient.
            const int g = sub < 0 ? -1 : groupIndex(arm, sub);
            if (g < 0 || e.m_groups[std::size_t(g)].verdict != Verdict::NotApplicable)
                e.m_patientToxicity[a].push_back(&t);
        }
        for (const Modifier &m : m_pack.modifiers()) {
            if (m.arms[a] && evaluateOn(m.when, ws) == Tri::True)
                e.m_modifiers[a].push_back(&m);
        }
    }
}

// The earliest start a logistics definition's `earliest_start` slot gives: as_of without one,
// unknown (nullopt) while the slot is not known.
std::optional<QDate> Engine::earliestStartOf(const LogisticsDef &def, const Evaluation &e) const
{
    const int slot = def.earliestStartSlot;
    if (slot < 0)
        return e.asOf();
    if (isKnown(e.m_ws, slot))
        return QDate::fromJulianDay(qint64(e.m_ws.values[std::size_t(slot)]));
    return std::nullopt;
}

Evaluation Engine::evaluatedCase(const CaseData &c) const
{
    Evaluation e;
    e.m_engine = this;
    e.m_pack = &m_pack;
    e.m_case = c;
    prepare(e.m_ws);
    evaluate(c, e.m_ws);
    return e;
}

Evaluation Engine::evaluateFull(const CaseData &c) const
{
    Evaluation e = evaluatedCase(c);
    washoutDetails(e);
    groupResults(e);
    derivedDetails(e);
    patientRows(e);
    for (const Arm arm : kArms) {
        const std::size_t a = armIndex(arm);
        e.m_subOptionGroup.push_back(groupIndex(arm, 0));
        e.m_timelines[a] = timeline(m_pack.logistics()[a], e, true);
        e.m_earliestStart[a] = earliestStartOf(m_pack.logistics()[a], e);
    }
    optionDetails(e);
    return e;
}

Evaluation Engine::evaluateSummary(const CaseData &c) const
{
    Evaluation e = evaluatedCase(c);
    groupResults(e);
    for (const Arm arm : kArms) {
        const std::size_t a = armIndex(arm);
        e.m_subOptionGroup.push_back(groupIndex(arm, 0));
        e.m_earliestStart[a] = earliestStartOf(m_pack.logistics()[a], e);
    }
    e.m_options.resize(m_pack.options().size());
    for (std::size_t o = 0; o < e.m_options.size(); ++o)
        e.m_options[o].earliestStart = earliestStartOf(m_optionLogistics[o].def, e);
    return e;
}

} // namespace consilium
