// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Engine.h"

#include "engine/Formulas.h"

#include <algorithm>
#include <cmath>

namespace consilium {

namespace {

bool isKnown(const Workspace &ws, int slot)
{
    return ws.status[std::size_t(slot)] == ValueStatus::Known;
}

void setKnown(Workspace &ws, int slot, double v)
{
    ws.values[std::size_t(slot)] = v;
    ws.status[std::size_t(slot)] = ValueStatus::Known;
}

void setUnknown(Workspace &ws, int slot)
{
    ws.values[std::size_t(slot)] = kUnknown;
    ws.status[std::size_t(slot)] = ValueStatus::Absent;
}

QDate addInterval(const QDate &d, int days, int months)
{
    return d.addDays(days).addMonths(months);
}

double dateValue(const QDate &d)
{
    return double(d.toJulianDay());
}

} // namespace

struct Engine::WashoutSink {
    std::vector<WashoutEntry> *entries = nullptr;
    QStringList *notDefined = nullptr;
};

Engine::Engine(const RulePack &pack) : m_pack(pack)
{
    for (int arm = 0; arm < kArmCount; ++arm) {
        VerdictGroup g;
        g.arm = arm;
        g.key = QLatin1String(kArmIds[std::size_t(arm)]);
        m_groups.push_back(g);
    }
    for (int arm = 0; arm < kArmCount; ++arm) {
        const auto &subs = pack.arms()[std::size_t(arm)].subOptions;
        for (std::size_t s = 0; s < subs.size(); ++s) {
            VerdictGroup g;
            g.arm = arm;
            g.subOption = int(s);
            g.key = QLatin1String(kArmIds[std::size_t(arm)]) + QLatin1Char('/') + subs[s].id;
            m_groups.push_back(g);
        }
    }
    const auto &criteria = pack.criteria();
    for (std::size_t i = 0; i < criteria.size(); ++i) {
        for (auto &g : m_groups) {
            if (g.arm == criteria[i].arm && g.subOption == criteria[i].subOption)
                g.criteria.push_back(int(i));
        }
    }
    QHash<QString, std::int32_t> distinct;
    auto compile = [&](const Expression &e) -> std::int32_t {
        if (e.isEmpty())
            return -1;
        const QString key = e.text().simplified();
        if (const auto it = distinct.constFind(key); it != distinct.constEnd())
            return *it;
        m_roots.push_back(e.appendTo(m_program));
        const auto id = std::int32_t(m_roots.size()) - 1;
        distinct.insert(key, id);
        return id;
    };
    for (const Criterion &cr : criteria) {
        CompiledCriterion cc;
        cc.applies = cr.hasApplies ? compile(cr.applies) : -1;
        cc.condition = compile(cr.condition);
        cc.severity = cr.severity;
        for (std::size_t g = 0; g < m_groups.size(); ++g) {
            if (m_groups[g].arm == cr.arm && m_groups[g].subOption == cr.subOption)
                cc.group = std::uint16_t(g);
        }
        m_compiled.push_back(cc);
    }
    m_femaleIndex.assign(pack.derived().size(), -1);
    for (std::size_t i = 0; i < pack.derived().size(); ++i) {
        const DerivedDef &def = pack.derived()[i];
        if (def.formula == Formula::CkdEpi2021 || def.formula == Formula::CockcroftGault) {
            const QStringList *values = pack.slotValues(def.inputSlots[2]);
            m_femaleIndex[i] = values ? int(values->indexOf(QStringLiteral("female"))) : -1;
        }
    }
}

int Engine::groupIndex(const QString &key) const
{
    for (std::size_t i = 0; i < m_groups.size(); ++i) {
        if (m_groups[i].key == key)
            return int(i);
    }
    return -1;
}

void Engine::prepare(Workspace &ws) const
{
    ws.values.assign(std::size_t(m_pack.slotCount()), kUnknown);
    ws.status.assign(std::size_t(m_pack.slotCount()), ValueStatus::Absent);
    ws.states.assign(m_pack.criteria().size(), CriterionState::Unknown);
    ws.verdicts.assign(m_groups.size(), Verdict::Undetermined);
    ws.tallies.assign(m_groups.size(), VerdictTally {});
    ws.expressions.assign(m_roots.size(), Tri::Unknown);
    ws.knownPoints.assign(m_pack.derived().size(), 0);
}

bool Engine::scoreSum(const DerivedDef &def, const Workspace &ws, int &sum, int *perComponent) const
{
    sum = 0;
    bool allKnown = true;
    const auto &components = def.paramsAs<PointsScoreParams>().components;
    for (std::size_t i = 0; i < components.size(); ++i) {
        const auto &comp = components[i];
        int points = -1;
        for (const auto &[when, value] : comp.points) {
            if (when.evaluate(ws.values.data(), ws.status.data()) == Tri::True) {
                points = value;
                break;
            }
        }
        if (perComponent)
            perComponent[i] = points;
        if (points < 0)
            allKnown = false;
        else
            sum += points;
    }
    return allKnown;
}

std::vector<int> Engine::scoreComponents(const DerivedDef &def, const Workspace &ws) const
{
    std::vector<int> out(def.paramsAs<PointsScoreParams>().components.size(), -1);
    int sum = 0;
    scoreSum(def, ws, sum, out.data());
    return out;
}

void Engine::computeDerived(const DerivedDef &def, const CaseData &c, Workspace &ws, WashoutSink *sink) const
{
    const int slot = def.slot;
    const std::size_t index = std::size_t(m_pack.derivedIndexOfSlot(slot));
    auto in = [&](std::size_t role) { return ws.values[std::size_t(def.inputSlots[role])]; };
    auto inputsKnown = [&] {
        for (int s : def.inputSlots) {
            if (!isKnown(ws, s))
                return false;
        }
        return true;
    };
    switch (def.formula) {
    case Formula::CkdEpi2021:
        if (!inputsKnown())
            return setUnknown(ws, slot);
        return setKnown(ws, slot, formulas::ckdEpi2021(in(0), in(1), int(in(2)) == m_femaleIndex[index]));
    case Formula::CockcroftGault:
        if (!inputsKnown())
            return setUnknown(ws, slot);
        return setKnown(ws, slot, formulas::cockcroftGault(in(0), in(1), in(3), int(in(2)) == m_femaleIndex[index]));
    case Formula::Easix:
    case Formula::MEasix: {
        double v = 0;
        if (!inputsKnown() || !formulas::easix(in(0), in(1), in(2), v))
            return setUnknown(ws, slot);
        return setKnown(ws, slot, v);
    }
    case Formula::Bands:
        for (const auto &[when, value] : def.paramsAs<BandsParams>().bands) {
            const Tri t = when.evaluate(ws.values.data(), ws.status.data());
            if (t == Tri::True)
                return setKnown(ws, slot, value);
            if (t == Tri::Unknown)
                break;
        }
        return setUnknown(ws, slot);
    case Formula::PointsScore: {
        int sum = 0;
        const bool complete = scoreSum(def, ws, sum, nullptr);
        ws.knownPoints[index] = sum;
        if (!complete)
            return setUnknown(ws, slot);
        return setKnown(ws, slot, sum);
    }
    case Formula::PointsCategory: {
        // The score is computed first (dependency order); its known points decide partial data.
        const auto &category = def.paramsAs<PointsCategoryParams>();
        const int sum = ws.knownPoints[std::size_t(m_pack.derivedIndexOfSlot(category.scoreSlot))];
        const bool complete = isKnown(ws, category.scoreSlot);
        if (sum >= category.highAt)
            return setKnown(ws, slot, 1.0); // values[1] = high; more data can only add points
        if (!complete)
            return setUnknown(ws, slot);
        return setKnown(ws, slot, 0.0);
    }
    case Formula::PrednisoneEquivalent: {
        if (!c.hasMedications)
            return setUnknown(ws, slot);
        const auto &params = def.paramsAs<PrednisoneEquivalentParams>();
        const double reference = params.referenceMg.value;
        const QDate from = ws.asOf.addDays(-qint64(params.windowDays.value));
        double total = 0;
        for (const auto &m : c.medications) {
            const Agent &a = m_pack.agents()[std::size_t(m.agent)];
            if (m_pack.drugClasses()[std::size_t(a.drugClass)].kind != DrugKind::Glucocorticoid)
                continue;
            if (m.hasLastDose && m.lastDose < from)
                continue;
            total += m.dailyDoseMg * reference / a.prednisoneEquivalentMg;
        }
        return setKnown(ws, slot, total);
    }
    case Formula::LeukapheresisWashout:
    case Formula::TceWashout: {
        if (!c.hasMedications)
            return setUnknown(ws, slot);
        const bool leuka = def.formula == Formula::LeukapheresisWashout;
        const WashoutParams &params = leuka
            ? static_cast<const WashoutParams &>(def.paramsAs<LeukapheresisWashoutParams>())
            : def.paramsAs<TceWashoutParams>();
        const int predSlot = def.inputSlots[0];
        bool unknown = false;
        QDate latest = ws.asOf;
        auto record = [&](const QString &key, std::optional<QDate> end) {
            if (sink && sink->entries)
                sink->entries->push_back({ key, end });
            if (!end) {
                unknown = true;
                ws.lastDoseMissing = true;
            } else if (*end > latest) {
                latest = *end;
            }
        };
        for (const auto &m : c.medications) {
            const Agent &a = m_pack.agents()[std::size_t(m.agent)];
            const DrugClass &dc = m_pack.drugClasses()[std::size_t(a.drugClass)];
            if (dc.kind == DrugKind::Glucocorticoid)
                continue;
            if (leuka) {
                if (dc.kind == DrugKind::NotListed && sink && sink->notDefined && !sink->notDefined->contains(a.id))
                    sink->notDefined->append(a.id);
                if (!dc.hasWashout)
                    continue;
                record(a.id,
                    m.hasLastDose ? std::optional<QDate>(addInterval(m.lastDose, dc.washoutDays, dc.washoutMonths))
                                  : std::nullopt);
            } else {
                if (dc.bispecific != BispecificRule::StopBefore)
                    continue;
                const int days = int(def.paramsAs<TceWashoutParams>().stopBeforeDays.value);
                record(a.id, m.hasLastDose ? std::optional<QDate>(m.lastDose.addDays(days)) : std::nullopt);
            }
        }
        if (!isKnown(ws, predSlot))
            return setUnknown(ws, slot);
        const double pred = ws.values[std::size_t(predSlot)];
        const bool gcTriggers = leuka ? pred > params.gcThresholdMg.value : pred >= params.gcThresholdMg.value;
        if (gcTriggers) {
            const QDate from = ws.asOf.addDays(-qint64(params.windowDays));
            std::optional<QDate> latestGc;
            bool gcUnknown = false;
            for (const auto &m : c.medications) {
                const Agent &a = m_pack.agents()[std::size_t(m.agent)];
                if (m_pack.drugClasses()[std::size_t(a.drugClass)].kind != DrugKind::Glucocorticoid)
                    continue;
                if (!m.hasLastDose) {
                    gcUnknown = true;
                    continue;
                }
                if (m.lastDose < from)
                    continue;
                if (!latestGc || m.lastDose > *latestGc)
                    latestGc = m.lastDose;
            }
            const int gcDays = int(params.gcDays.value);
            record(QStringLiteral("glucocorticoids"),
                gcUnknown || !latestGc ? std::nullopt : std::optional<QDate>(latestGc->addDays(gcDays)));
        }
        if (unknown)
            return setUnknown(ws, slot);
        return setKnown(ws, slot, dateValue(latest));
    }
    case Formula::OnOrBeforeAsOf:
        if (!inputsKnown())
            return setUnknown(ws, slot);
        return setKnown(ws, slot, in(0) <= dateValue(ws.asOf) ? 1.0 : 0.0);
    case Formula::FailedLines: {
        if (!c.hasFailedTherapies)
            return setUnknown(ws, slot);
        // Distinct agents whose class counts as a line; the list is short, so a quadratic scan
        // avoids allocating.
        int count = 0;
        for (std::size_t i = 0; i < c.failedTherapies.size(); ++i) {
            const int agent = c.failedTherapies[i];
            const Agent &a = m_pack.agents()[std::size_t(agent)];
            if (!m_pack.drugClasses()[std::size_t(a.drugClass)].countsAsLine)
                continue;
            bool seen = false;
            for (std::size_t j = 0; j < i && !seen; ++j)
                seen = c.failedTherapies[j] == agent;
            if (!seen)
                ++count;
        }
        return setKnown(ws, slot, count);
    }
    case Formula::OnAgent: {
        if (!c.hasMedications)
            return setUnknown(ws, slot);
        bool on = false;
        for (const auto &m : c.medications)
            on = on || m.agent == def.paramsAs<OnAgentParams>().agent;
        return setKnown(ws, slot, on ? 1.0 : 0.0);
    }
    }
    setUnknown(ws, slot);
}

void Engine::evaluate(const CaseData &c, Workspace &ws) const
{
    ws.asOf = c.asOf;
    ws.lastDoseMissing = false;
    ws.medicationsAbsent = !c.hasMedications;
    ws.failedTherapiesAbsent = !c.hasFailedTherapies;
    std::copy(c.values.begin(), c.values.end(), ws.values.begin());
    std::copy(c.status.begin(), c.status.end(), ws.status.begin());
    const auto js = std::size_t(m_pack.jurisdictionSlot());
    ws.values[js] = c.jurisdiction;
    ws.status[js] = c.jurisdiction >= 0 ? ValueStatus::Known : ValueStatus::Absent;
    for (int d : m_pack.derivedOrder())
        computeDerived(m_pack.derived()[std::size_t(d)], c, ws, nullptr);

    const double *v = ws.values.data();
    const ValueStatus *s = ws.status.data();
    const Expression::Node *program = m_program.data();
    std::fill(ws.tallies.begin(), ws.tallies.end(), VerdictTally {});
    Tri *results = ws.expressions.data();
    for (std::size_t r = 0; r < m_roots.size(); ++r)
        results[r] = Expression::evaluateNodes(program, m_roots[r], v, s);
    for (std::size_t i = 0; i < m_compiled.size(); ++i) {
        const CompiledCriterion &cc = m_compiled[i];
        const Tri applies = cc.applies >= 0 ? results[cc.applies] : Tri::True;
        const CriterionState st = applies == Tri::False
            ? CriterionState::NotApplicable
            : criterionState(applies, cc.condition >= 0 ? results[cc.condition] : Tri::True);
        ws.states[i] = st;
        if (st == CriterionState::NotApplicable)
            continue;
        VerdictTally &t = ws.tallies[cc.group];
        ++t.applicable;
        if (cc.severity == Severity::Exclusion) {
            t.exclusionNotMet += st == CriterionState::NotMet;
            t.exclusionUnknown += st == CriterionState::Unknown;
        } else if (cc.severity == Severity::Caution) {
            t.cautionFired += st == CriterionState::NotMet;
        }
    }
    for (std::size_t g = 0; g < m_groups.size(); ++g) {
        const bool subOptionUnused = m_groups[g].subOption >= 0 && ws.tallies[g].applicable == 0;
        ws.verdicts[g] = subOptionUnused ? Verdict::NotApplicable : verdictFrom(ws.tallies[g]);
    }
}

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

void Engine::collectMissing(int slot, const Evaluation &e, std::vector<int> &out) const
{
    collectMissingInputs(m_pack, e.ws, slot, out);
}

QString Engine::inputName(int input) const
{
    return missingInputId(m_pack, input);
}

ArmTimeline Engine::timeline(int arm, const Evaluation &e) const
{
    const LogisticsDef &def = m_pack.logistics()[std::size_t(arm)];
    const Workspace &ws = e.ws;
    ArmTimeline out;
    const std::vector<PhaseDef> *phases = &def.phases;
    for (const auto &variant : def.variants) {
        if (variant.when.evaluate(ws.values.data(), ws.status.data()) == Tri::True) {
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
            if (e.caseData.jurisdiction < 0)
                return std::nullopt;
            day += off.perJurisdiction[std::size_t(e.caseData.jurisdiction)];
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
        out.phases.push_back({ ph.phase, *start, end, ph.note, ph.evidence });
    }
    return out;
}

Evaluation Engine::evaluateFull(const CaseData &c) const
{
    Evaluation e;
    e.pack = &m_pack;
    e.caseData = c;
    prepare(e.ws);
    evaluate(c, e.ws);
    // Washout details: the two washout formulas again, with a sink. Recomputing a derived value
    // from the same inputs writes the same result, so this runs on the evaluated workspace.
    for (const DerivedDef &def : m_pack.derived()) {
        if (def.formula == Formula::LeukapheresisWashout) {
            WashoutSink sink { &e.washout, &e.washoutNotDefined };
            computeDerived(def, c, e.ws, &sink);
        } else if (def.formula == Formula::TceWashout) {
            WashoutSink sink { &e.tceWashout, nullptr };
            computeDerived(def, c, e.ws, &sink);
        }
    }
    const auto &criteria = m_pack.criteria();
    const std::size_t nGroups = m_groups.size();
    std::vector<std::vector<int>> excl(nGroups);
    std::vector<std::vector<int>> caut(nGroups);
    e.groups.resize(nGroups);
    for (std::size_t g = 0; g < nGroups; ++g) {
        e.groups[g].verdict = e.ws.verdicts[g];
        for (int ci : m_groups[g].criteria) {
            if (e.ws.states[std::size_t(ci)] != CriterionState::Unknown)
                continue;
            const Criterion &cr = criteria[std::size_t(ci)];
            if (cr.severity == Severity::Exclusion) {
                for (int s : cr.slots)
                    collectMissing(s, e, excl[g]);
            } else if (cr.severity == Severity::Caution) {
                ++e.groups[g].cautionsUnknown;
                for (int s : cr.slots)
                    collectMissing(s, e, caut[g]);
            }
        }
    }
    // Rank by the number of groups whose unknown exclusions reference the input, then by id (§0.5).
    const std::size_t nInputs = std::size_t(m_pack.slotCount()) + std::size_t(kPseudoInputCount);
    std::vector<int> counts(nInputs, 0);
    std::vector<int> cautionCounts(nInputs, 0);
    for (std::size_t g = 0; g < nGroups; ++g) {
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
        e.groups[g].missingInputs = names(excl[g]);
        e.groups[g].cautionMissingInputs = names(cautionOnly);
    }
    std::vector<int> all;
    for (std::size_t in = 0; in < nInputs; ++in) {
        if (counts[in] > 0)
            all.push_back(int(in));
    }
    rank(all, counts);
    for (int in : all)
        e.whatWouldChange.push_back({ inputName(in), counts[std::size_t(in)] });
    for (int arm = 0; arm < kArmCount; ++arm) {
        e.timelines[std::size_t(arm)] = timeline(arm, e);
        const int slot = m_pack.logistics()[std::size_t(arm)].earliestStartSlot;
        if (slot < 0)
            e.earliestStart[std::size_t(arm)] = c.asOf;
        else if (isKnown(e.ws, slot))
            e.earliestStart[std::size_t(arm)] = QDate::fromJulianDay(qint64(e.ws.values[std::size_t(slot)]));
    }
    return e;
}

} // namespace consilium
