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

// Every input of a formula is known.
bool inputsKnown(const DerivedDef &def, const Workspace &ws)
{
    for (int s : def.inputSlots) {
        if (!isKnown(ws, s))
            return false;
    }
    return true;
}

// The value of the first band whose condition holds; unknown once a band cannot be decided.
void computeBands(const DerivedDef &def, Workspace &ws)
{
    for (const auto &[when, value] : def.paramsAs<BandsParams>().bands) {
        const Tri t = when.evaluate(ws.values.data(), ws.status.data());
        if (t == Tri::True)
            return setKnown(ws, def.slot, value);
        if (t == Tri::Unknown)
            break;
    }
    setUnknown(ws, def.slot);
}

void computePointsCategory(const RulePack &pack, const DerivedDef &def, Workspace &ws)
{
    // The score is computed first (dependency order); its known points decide partial data.
    const int slot = def.slot;
    const auto &category = def.paramsAs<PointsCategoryParams>();
    const int sum = ws.knownPoints[std::size_t(pack.derivedIndexOfSlot(category.scoreSlot))];
    const bool complete = isKnown(ws, category.scoreSlot);
    if (sum >= category.highAt)
        return setKnown(ws, slot, 1.0); // values[1] = high; more data can only add points
    if (!complete)
        return setUnknown(ws, slot);
    setKnown(ws, slot, 0.0);
}

bool isGlucocorticoid(const RulePack &pack, const Agent &a)
{
    return pack.drugClasses()[std::size_t(a.drugClass)].kind == DrugKind::Glucocorticoid;
}

// The glucocorticoid dose within the window, in milligrams of the reference (prednisone).
double prednisoneEquivalent(const RulePack &pack, const DerivedDef &def, const CaseData &c, const QDate &asOf)
{
    const auto &params = def.paramsAs<PrednisoneEquivalentParams>();
    const double reference = params.referenceMg.value;
    const QDate from = asOf.addDays(-qint64(params.windowDays.value));
    double total = 0;
    for (const auto &m : c.medications) {
        const Agent &a = pack.agents()[std::size_t(m.agent)];
        if (!isGlucocorticoid(pack, a))
            continue;
        if (m.hasLastDose && m.lastDose < from)
            continue;
        total += m.dailyDoseMg * reference / a.prednisoneEquivalentMg;
    }
    return total;
}

// When the glucocorticoid washout ends: the latest dose within the window plus the washout days;
// none if a glucocorticoid's last dose is missing or none was given within the window.
std::optional<QDate> glucocorticoidWashoutEnd(
    const RulePack &pack, const WashoutParams &params, const CaseData &c, const QDate &asOf)
{
    const QDate from = asOf.addDays(-qint64(params.windowDays));
    std::optional<QDate> latestGc;
    bool gcUnknown = false;
    for (const auto &m : c.medications) {
        const Agent &a = pack.agents()[std::size_t(m.agent)];
        if (!isGlucocorticoid(pack, a))
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
    return gcUnknown || !latestGc ? std::nullopt : std::optional<QDate>(latestGc->addDays(gcDays));
}

// Distinct failed agents whose class counts as a line; the list is short, so a quadratic scan
// avoids allocating.
int failedLines(const RulePack &pack, const CaseData &c)
{
    int count = 0;
    for (std::size_t i = 0; i < c.failedTherapies.size(); ++i) {
        const int agent = c.failedTherapies[i];
        const Agent &a = pack.agents()[std::size_t(agent)];
        if (!pack.drugClasses()[std::size_t(a.drugClass)].countsAsLine)
            continue;
        bool seen = false;
        for (std::size_t j = 0; j < i && !seen; ++j)
            seen = c.failedTherapies[j] == agent;
        if (!seen)
            ++count;
    }
    return count;
}

} // namespace

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
            if (g.arm == criteria[i].arm && g.subOption == criteria[i].subOption && criteria[i].option < 0)
                g.criteria.push_back(int(i));
        }
    }
    addOptionGroups();
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
        for (int g = 0; g < groupCount(); ++g) {
            const VerdictGroup &vg = group(g);
            if (cr.option >= 0 ? vg.option == cr.option
                               : vg.arm == cr.arm && vg.subOption == cr.subOption && vg.option < 0)
                cc.group = std::uint16_t(g);
        }
        m_compiled.push_back(cc);
    }
    compileOptions();
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
    for (int i = 0; i < groupCount(); ++i) {
        if (group(i).key == key)
            return i;
    }
    return -1;
}

int Engine::groupIndex(Arm arm, int subOption) const
{
    for (std::size_t i = 0; i < m_groups.size(); ++i) {
        if (m_groups[i].arm == int(arm) && m_groups[i].subOption == subOption && m_groups[i].option < 0)
            return int(i);
    }
    return -1;
}

void Engine::prepare(Workspace &ws) const
{
    ws.values.assign(std::size_t(m_pack.slotCount()), kUnknown);
    ws.status.assign(std::size_t(m_pack.slotCount()), ValueStatus::Absent);
    ws.states.assign(m_pack.criteria().size(), CriterionState::Unknown);
    ws.verdicts.assign(std::size_t(groupCount()), Verdict::Undetermined);
    ws.tallies.assign(std::size_t(groupCount()), VerdictTally {});
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

void Engine::computePointsScore(const DerivedDef &def, Workspace &ws, std::size_t index) const
{
    int sum = 0;
    const bool complete = scoreSum(def, ws, sum, nullptr);
    ws.knownPoints[index] = sum;
    if (!complete)
        return setUnknown(ws, def.slot);
    setKnown(ws, def.slot, sum);
}

void Engine::computeWashout(const DerivedDef &def, const CaseData &c, Workspace &ws, WashoutSink *sink) const
{
    const int slot = def.slot;
    if (!c.hasMedications)
        return setUnknown(ws, slot);
    const bool leuka = def.formula == Formula::LeukapheresisWashout;
    const WashoutParams &params = leuka ? static_cast<const WashoutParams &>(def.paramsAs<LeukapheresisWashoutParams>())
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
    if (gcTriggers)
        record(QStringLiteral("glucocorticoids"), glucocorticoidWashoutEnd(m_pack, params, c, ws.asOf));
    if (unknown)
        return setUnknown(ws, slot);
    setKnown(ws, slot, dateValue(latest));
}

void Engine::computeDerived(const DerivedDef &def, const CaseData &c, Workspace &ws, WashoutSink *sink) const
{
    const int slot = def.slot;
    const std::size_t index = std::size_t(m_pack.derivedIndexOfSlot(slot));
    auto in = [&](std::size_t role) { return ws.values[std::size_t(def.inputSlots[role])]; };
    switch (def.formula) {
    case Formula::CkdEpi2021:
        if (!inputsKnown(def, ws))
            return setUnknown(ws, slot);
        return setKnown(ws, slot, formulas::ckdEpi2021(in(0), in(1), int(in(2)) == m_femaleIndex[index]));
    case Formula::CockcroftGault:
        if (!inputsKnown(def, ws))
            return setUnknown(ws, slot);
        return setKnown(ws, slot, formulas::cockcroftGault(in(0), in(1), in(3), int(in(2)) == m_femaleIndex[index]));
    case Formula::Easix:
    case Formula::MEasix: {
        double v = 0;
        if (!inputsKnown(def, ws) || !formulas::easix(in(0), in(1), in(2), v))
            return setUnknown(ws, slot);
        return setKnown(ws, slot, v);
    }
    case Formula::Bands:
        return computeBands(def, ws);
    case Formula::PointsScore:
        return computePointsScore(def, ws, index);
    case Formula::PointsCategory:
        return computePointsCategory(m_pack, def, ws);
    case Formula::PrednisoneEquivalent:
        if (!c.hasMedications)
            return setUnknown(ws, slot);
        return setKnown(ws, slot, prednisoneEquivalent(m_pack, def, c, ws.asOf));
    case Formula::LeukapheresisWashout:
    case Formula::TceWashout:
        return computeWashout(def, c, ws, sink);
    case Formula::OnOrBeforeAsOf:
        if (!inputsKnown(def, ws))
            return setUnknown(ws, slot);
        return setKnown(ws, slot, in(0) <= dateValue(ws.asOf) ? 1.0 : 0.0);
    case Formula::FailedLines:
        if (!c.hasFailedTherapies)
            return setUnknown(ws, slot);
        return setKnown(ws, slot, failedLines(m_pack, c));
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
        addToTally(ws.tallies[cc.group], cc.severity, st, 1);
    }
    // Options: own criteria (tallied above) + the arm's − the replaced ones; no criterion is evaluated twice.
    for (const CompiledOption &co : m_compiledOptions) {
        VerdictTally &t = ws.tallies[co.group];
        const VerdictTally &armTally = ws.tallies[co.armGroup];
        t.applicable += armTally.applicable;
        t.exclusionNotMet += armTally.exclusionNotMet;
        t.exclusionUnknown += armTally.exclusionUnknown;
        t.cautionFired += armTally.cautionFired;
        for (std::int32_t r = co.replacedBegin; r < co.replacedEnd; ++r) {
            const auto ci = std::size_t(m_replaced[std::size_t(r)]);
            const CriterionState st = ws.states[ci];
            if (st != CriterionState::NotApplicable)
                addToTally(t, m_compiled[ci].severity, st, -1);
        }
    }
    for (std::size_t g = 0; g < ws.verdicts.size(); ++g) {
        // A sub-option or an option none of whose criteria applies is not applicable.
        const bool unused = (g >= kArmCount) && ws.tallies[g].applicable == 0;
        ws.verdicts[g] = unused ? Verdict::NotApplicable : verdictFrom(ws.tallies[g]);
    }
    for (const auto &[alias, option] : m_aliases)
        ws.verdicts[alias] = ws.verdicts[option];
}

} // namespace consilium
