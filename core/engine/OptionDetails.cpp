// SPDX-License-Identifier: GPL-3.0-or-later
// Options (resources/packs/FORMAT.md, "Options"; docs/engine.md#options): their verdict groups, the
// composition of their logistics from the arm's default and their overrides, and what
// evaluateFull shows for each (earliest start, timeline, toxicity rows, modifiers).
#include "engine/Engine.h"

#include <algorithm>

namespace consilium {

namespace {

using Override = LogisticsOverride;

DayOffset fromPoint(int point, int days)
{
    DayOffset off;
    off.from = DayOffset::From::Point;
    off.ref = point;
    off.days = days;
    return off;
}

std::vector<PhaseDef>::iterator findPhase(std::vector<PhaseDef> &phases, const char *name)
{
    return std::find_if(
        phases.begin(), phases.end(), [name](const PhaseDef &p) { return p.phase == QLatin1String(name); });
}

void removePhases(std::vector<PhaseDef> &phases, std::initializer_list<const char *> names)
{
    for (const char *name : names) {
        phases.erase(std::remove_if(phases.begin(), phases.end(),
                         [name](const PhaseDef &p) { return p.phase == QLatin1String(name); }),
            phases.end());
    }
}

QString factText(const PackFact &f)
{
    return f.note.isEmpty() ? f.source : f.source + QStringLiteral("; ") + f.note;
}

// washout_required false: every offset from the arm's earliest-start date starts at as_of instead, so
// the washout phase is empty (and omitted) and earliest_start = as_of.
void dropWashout(LogisticsDef &def)
{
    auto unhook = [&def](DayOffset &off) {
        if (off.from == DayOffset::From::DerivedDate && off.ref == def.earliestStartSlot) {
            off.from = DayOffset::From::AsOf;
            off.ref = -1;
        }
    };
    for (auto &point : def.points)
        unhook(point.second);
    for (PhaseDef &ph : def.phases) {
        unhook(ph.start);
        unhook(ph.end);
    }
    def.earliestStartSlot = -1;
}

void applyLymphodepletion(LogisticsDef &def, const Override::Lymphodepletion &ld)
{
    const int tt = def.timeToTreatmentPoint;
    if (ld.regimen == QLatin1String("none")) {
        // No lymphodepletion: an autologous product is manufactured up to the infusion (as the
        // 2026.1 mRNA variant), an allogeneic one is infused at its start point.
        removePhases(def.phases, { "lymphodepletion", "bridging" });
        if (auto m = findPhase(def.phases, "manufacturing"); m != def.phases.end()) {
            m->end = fromPoint(tt, 0);
        } else if (tt >= 0 && def.points[std::size_t(tt)].second.from == DayOffset::From::Point) {
            def.points[std::size_t(tt)].second.daysKind = DayOffset::Days::Fixed;
            def.points[std::size_t(tt)].second.days = 0;
        }
        return;
    }
    auto ph = findPhase(def.phases, "lymphodepletion");
    if (ph == def.phases.end())
        return;
    QString note = QStringLiteral("Regimen %1").arg(ld.regimen);
    if (!ld.doses.isEmpty())
        note += QStringLiteral(": ") + ld.doses;
    if (ld.regimen != QLatin1String("flu_cy"))
        note += QStringLiteral("; day within the window NF; fludarabine_dose_percent does not apply (no fludarabine)");
    if (!ld.alternatives.isEmpty())
        note += QStringLiteral(". Alternatives: ") + ld.alternatives.join(QStringLiteral(", "));
    ph->note = note + QStringLiteral(" (") + ld.source + QLatin1Char(')');
    ph->noteKey.clear(); // composed: no pack text of its own
    ph->evidence = ld.evidence;
}

// The dose phases replace the arm's infusion (CAR T) or step-up and maintenance doses (bispecific);
// the infection prophylaxis then ends one month after the last dose, or is open if a dose is not placed.
void applyAdministration(LogisticsDef &def, const Override::Administration &adm)
{
    auto first = std::find_if(def.phases.begin(), def.phases.end(), [](const PhaseDef &p) {
        return p.phase == QLatin1String("infusion") || p.phase == QLatin1String("step_up_inpatient");
    });
    const auto at = first - def.phases.begin();
    removePhases(def.phases, { "infusion", "step_up_inpatient", "maintenance_dose" });
    def.phases.insert(def.phases.begin() + std::min<std::ptrdiff_t>(at, std::ptrdiff_t(def.phases.size())),
        adm.phases.begin(), adm.phases.end());
    if (auto ip = findPhase(def.phases, "infection_prophylaxis"); ip != def.phases.end()) {
        ip->hasEnd = adm.complete && !adm.phases.empty();
        if (ip->hasEnd) {
            ip->end = adm.phases.back().start;
            ip->end.months += 1;
        }
    }
}

// inpatient_days, proximity_days, driving_days: [I, I + d) from the time-to-treatment point; 0 omits
// the phase; null keeps it open (end_day null).
void applyDays(LogisticsDef &def, const char *name, const Override::Days &days, std::ptrdiff_t insertAt)
{
    auto ph = findPhase(def.phases, name);
    const PackFact &f = days.fact;
    if (f.kind == PackFact::Kind::Number && days.perJurisdiction.empty() && f.number == 0) {
        if (ph != def.phases.end())
            def.phases.erase(ph);
        return;
    }
    if (ph == def.phases.end()) {
        if (f.kind == PackFact::Kind::Null)
            return; // nothing to keep
        PhaseDef added;
        added.phase = QLatin1String(name);
        const auto pos = std::min<std::ptrdiff_t>(insertAt, std::ptrdiff_t(def.phases.size()));
        ph = def.phases.insert(def.phases.begin() + pos, added);
    }
    const int tt = def.timeToTreatmentPoint;
    ph->start = fromPoint(tt, 0);
    ph->hasEnd = f.kind == PackFact::Kind::Number;
    ph->end = fromPoint(tt, int(f.number));
    if (!days.perJurisdiction.empty()) {
        ph->end.daysKind = DayOffset::Days::PerJurisdiction;
        ph->end.perJurisdiction = days.perJurisdiction;
    }
    ph->omitIfEmpty = false;
    ph->note = factText(f);
    ph->noteKey.clear(); // composed: no pack text of its own
    ph->evidence = f.evidence;
}

Override::Days plainDays(const PackFact &f)
{
    return Override::Days { f, {} };
}

} // namespace

void Engine::addOptionGroups()
{
    m_optionGroup = int(m_groups.size());
    const auto &options = m_pack.options();
    for (std::size_t o = 0; o < options.size(); ++o) {
        VerdictGroup g;
        g.arm = options[o].arm;
        g.option = int(o);
        g.ranked = false;
        g.key = options[o].id;
        g.criteria = options[o].effectiveCriteria;
        m_optionGroups.push_back(g);
    }
    // A sub-option that is an alias of an option has the option's criteria and verdict.
    for (const Arm arm : kArms) {
        const auto &subs = m_pack.arms()[armIndex(arm)].subOptions;
        for (std::size_t s = 0; s < subs.size(); ++s) {
            if (subs[s].option < 0)
                continue;
            VerdictGroup &g = m_groups[std::size_t(groupIndex(arm, int(s)))]; // a sub-option, never an option
            g.criteria = options[std::size_t(subs[s].option)].effectiveCriteria;
            g.aliasOf = m_optionGroup + subs[s].option;
        }
    }
}

Engine::OptionLogistics Engine::composeLogistics(const OptionDef &opt) const
{
    OptionLogistics out;
    LogisticsDef &def = out.def;
    def = m_pack.logistics()[std::size_t(opt.arm)];
    def.variants.clear(); // variants are keyed on case fields; an option states its own facts
    const Override &lg = opt.logistics;
    if (lg.washoutRequired && lg.washoutRequired->kind == PackFact::Kind::Bool && !lg.washoutRequired->boolean)
        dropWashout(def);
    if (lg.veinToVeinDays && def.parameters.contains(QStringLiteral("vein_to_vein_days"))) {
        if (lg.veinToVeinDays->kind == PackFact::Kind::Number) {
            Param &v = def.parameters[QStringLiteral("vein_to_vein_days")];
            v = Param { lg.veinToVeinDays->number, lg.veinToVeinDays->source, lg.veinToVeinDays->evidence,
                lg.veinToVeinDays->note };
        } else {
            out.notes.append(
                QStringLiteral("Vein-to-vein time not found for this option: the arm's %1 days are kept (%2).")
                    .arg(def.parameters.value(QStringLiteral("vein_to_vein_days")).value)
                    .arg(factText(*lg.veinToVeinDays)));
        }
    }
    if (lg.lymphodepletion)
        applyLymphodepletion(def, *lg.lymphodepletion);
    std::ptrdiff_t afterDoses = std::ptrdiff_t(def.phases.size());
    if (lg.administration) {
        applyAdministration(def, *lg.administration);
        if (!lg.administration->complete)
            out.notes.append(QStringLiteral("Not every dose can be placed (%1).").arg(lg.administration->source));
        const auto last = std::find_if(def.phases.rbegin(), def.phases.rend(), [&](const PhaseDef &p) {
            return !lg.administration->phases.empty() && p.phase == lg.administration->phases.back().phase;
        });
        if (last != def.phases.rend())
            afterDoses = def.phases.rend() - last;
    } else if (auto inf = findPhase(def.phases, "infusion"); inf != def.phases.end()) {
        afterDoses = inf - def.phases.begin() + 1;
    }
    if (lg.inpatientDays) {
        applyDays(def, "inpatient_monitoring", plainDays(*lg.inpatientDays), afterDoses);
        def.inpatientDays = *lg.inpatientDays;
    }
    if (lg.proximityDays)
        applyDays(def, "proximity_window", *lg.proximityDays, afterDoses + 1);
    if (lg.drivingDays)
        applyDays(def, "driving_restriction", *lg.drivingDays, afterDoses + 2);
    if (lg.irradiatedBloodProducts && lg.irradiatedBloodProducts->kind == PackFact::Kind::Bool
        && !lg.irradiatedBloodProducts->boolean)
        removePhases(def.phases, { "irradiated_blood_products" });
    return out;
}

void Engine::compileOptions()
{
    const auto &options = m_pack.options();
    for (std::size_t o = 0; o < options.size(); ++o) {
        CompiledOption co;
        co.group = std::uint16_t(m_optionGroup + int(o));
        co.armGroup = std::uint16_t(options[o].arm);
        co.replacedBegin = std::int32_t(m_replaced.size());
        for (int c : options[o].replacedCriteria)
            m_replaced.push_back(c);
        co.replacedEnd = std::int32_t(m_replaced.size());
        m_compiledOptions.push_back(co);
        m_optionLogistics.push_back(composeLogistics(options[o]));
    }
    for (std::size_t g = 0; g < m_groups.size(); ++g) {
        if (m_groups[g].aliasOf >= 0)
            m_aliases.emplace_back(std::uint16_t(g), std::uint16_t(m_groups[g].aliasOf));
    }
}

// The case's auto_car_vector / auto_car_costim replaced by the option's `integrating` / `costim`
// (resources/packs/FORMAT.md, "Options"): not stated = unknown.
void Engine::substitutePlatform(const OptionDef &opt, Workspace &ws) const
{
    auto set = [&](const char *variable, const QString &literal) {
        const int slot = m_pack.slotOf(QLatin1String(variable));
        const QStringList *values = slot >= 0 ? m_pack.slotValues(slot) : nullptr;
        if (!values)
            return;
        const auto idx = values->indexOf(literal);
        ws.status[std::size_t(slot)] = idx >= 0 ? ValueStatus::Known : ValueStatus::Absent;
        ws.values[std::size_t(slot)] = idx >= 0 ? double(idx) : kUnknown;
    };
    set("auto_car_vector",
        opt.integrating ? QLatin1String(*opt.integrating ? "integrating" : "mrna") : QLatin1String(""));
    set("auto_car_costim", opt.costim);
}

void Engine::optionDetails(Evaluation &e) const
{
    const auto &options = m_pack.options();
    e.m_options.resize(options.size());
    Workspace ws;
    for (std::size_t o = 0; o < options.size(); ++o) {
        const OptionDef &opt = options[o];
        Evaluation::OptionDetails &out = e.m_options[o];
        const OptionLogistics &lg = m_optionLogistics[o];
        out.timeline = timeline(lg.def, e, false);
        if (!lg.notes.isEmpty())
            out.timeline.note = (out.timeline.note + QLatin1Char(' ') + lg.notes.join(QLatin1Char(' '))).trimmed();
        out.earliestStart = earliestStartOf(lg.def, e);
        ws.values = e.m_ws.values;
        ws.status = e.m_ws.status;
        substitutePlatform(opt, ws);
        auto shown = [&ws](const ToxicityEntry &t) {
            return !t.hasShowWhen || t.showWhen.evaluate(ws.values.data(), ws.status.data()) != Tri::False;
        };
        const auto &rows = m_pack.toxicity()[std::size_t(opt.arm)];
        for (const ToxicityEntry &t : rows) {
            if (t.option < 0 && t.subOption < 0 && shown(t))
                out.toxicity.push_back(&t);
        }
        for (const ToxicityEntry &t : rows) {
            if (t.option == int(o) && shown(t))
                out.toxicity.push_back(&t);
        }
        for (const Modifier &m : m_pack.modifiers()) {
            if (m.arms[std::size_t(opt.arm)] && m.when.evaluate(ws.values.data(), ws.status.data()) == Tri::True)
                out.modifiers.push_back(&m);
        }
    }
}

} // namespace consilium
