// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/ResultWriter.h"

#include "engine/Explanations.h"
#include "engine/JsonValues.h"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <QStringEncoder>

#include <charconv>
#include <cmath>

namespace consilium {

QString engineVersion()
{
    return QStringLiteral(CONSILIUM_VERSION);
}

namespace {

using jsonout::writeDate;
using jsonout::writeNumber;
using jsonout::writeSlotValue;
using jsonout::writeString;
using jsonout::writeStringList;

template <typename W> void key(W &w, const char *k)
{
    w.Key(k);
}

template <typename W> void writeOptionalNumber(W &w, double v)
{
    if (std::isnan(v))
        w.Null();
    else
        writeNumber(w, v);
}

template <typename W> void writePackFact(W &w, const PackFact &f)
{
    w.StartObject();
    key(w, "value");
    switch (f.kind) {
    case PackFact::Kind::Null:
        w.Null();
        break;
    case PackFact::Kind::Number:
        writeNumber(w, f.number);
        break;
    case PackFact::Kind::Bool:
        w.Bool(f.boolean);
        break;
    }
    key(w, "source");
    writeString(w, f.source);
    key(w, "evidence");
    writeString(w, f.evidence);
    if (!f.note.isEmpty()) {
        key(w, "note");
        writeString(w, f.note);
    }
    w.EndObject();
}

template <typename W> void writeWashout(W &w, const std::vector<WashoutEntry> &entries)
{
    w.StartObject();
    // The latest date per key (an agent listed twice keeps its latest end).
    QStringList keys;
    for (const auto &e : entries) {
        if (!keys.contains(e.key))
            keys.append(e.key);
    }
    for (const QString &k : keys) {
        std::optional<QDate> end;
        bool unknown = false;
        for (const auto &e : entries) {
            if (e.key != k)
                continue;
            if (!e.end)
                unknown = true;
            else if (!end || *e.end > *end)
                end = e.end;
        }
        writeString(w, k);
        writeDate(w, unknown ? std::nullopt : end);
    }
    w.EndObject();
}

template <typename W> void writeEasixDetails(W &w, const Evaluation &e, const DerivedDef &def)
{
    const bool known = e.isKnown(def.slot);
    const int plt = def.inputSlots[2];
    bool inputsKnown = true;
    for (int s : def.inputSlots)
        inputsKnown = inputsKnown && e.isKnown(s);
    if (!known && inputsKnown && e.value(plt) == 0.0) {
        key(w, "undefined");
        w.String("undefined (platelets 0)");
    }
    if (const auto *easix = std::get_if<EasixParams>(&def.params)) {
        key(w, "above_cutoff");
        if (known)
            w.Bool(e.value(def.slot) > easix->cutoff.value);
        else
            w.Null();
        key(w, "cutoff");
        writeNumber(w, easix->cutoff.value);
    }
}

template <typename W> void writeScoreDetails(W &w, const Evaluation &e, const DerivedDef &def)
{
    const RulePack &pack = e.pack();
    key(w, "category");
    int catSlot = -1;
    for (const DerivedDef &other : pack.derived()) {
        if (other.formula == Formula::PointsCategory && other.paramsAs<PointsCategoryParams>().scoreSlot == def.slot)
            catSlot = other.slot;
    }
    if (catSlot >= 0)
        writeSlotValue(w, e, catSlot);
    else
        w.Null();
    key(w, "points");
    w.StartObject();
    const std::vector<int> &points = e.scorePoints(pack.derivedIndexOfSlot(def.slot));
    const auto &components = def.paramsAs<PointsScoreParams>().components;
    for (std::size_t i = 0; i < components.size(); ++i) {
        writeString(w, pack.symbol(components[i].slot).id);
        if (points[i] < 0)
            w.Null();
        else
            w.Int(points[i]);
    }
    w.EndObject();
}

template <typename W> void writeDerived(W &w, const Evaluation &e)
{
    w.StartObject();
    for (const DerivedDef &def : e.pack().derived()) {
        writeString(w, def.id);
        switch (def.type) {
        case ValueType::Date:
        case ValueType::Enum:
            writeSlotValue(w, e, def.slot);
            continue;
        case ValueType::Number:
        case ValueType::Integer:
        case ValueType::Bool:
            break;
        }
        w.StartObject();
        key(w, "value");
        writeSlotValue(w, e, def.slot);
        if (def.type != ValueType::Bool) {
            key(w, "unit");
            writeString(w, def.unit);
        }
        if (def.formula == Formula::Easix || def.formula == Formula::MEasix)
            writeEasixDetails(w, e, def);
        if (def.formula == Formula::PointsScore)
            writeScoreDetails(w, e, def);
        if (!def.note.isEmpty()) {
            key(w, "note");
            writeString(w, def.note);
        }
        w.EndObject();
    }
    key(w, "washout_end_dates");
    writeWashout(w, e.washout());
    key(w, "tce_washout_end_dates");
    writeWashout(w, e.tceWashout());
    key(w, "washout_not_defined");
    writeStringList(w, e.washoutNotDefined());
    w.EndObject();
}

template <typename W>
void writeCriteria(W &w, const Evaluation &e, const std::vector<int> &criteria, bool origin = false)
{
    const RulePack &pack = e.pack();
    w.StartArray();
    for (int ci : criteria) {
        const Criterion &cr = pack.criteria()[std::size_t(ci)];
        w.StartObject();
        key(w, "id");
        writeString(w, cr.id);
        if (origin) { // an option's criterion: from the arm or its own (docs/result-format.md#options)
            key(w, "origin");
            w.String(cr.option >= 0 ? "option" : "arm");
        }
        key(w, "state");
        const auto st = toString(e.state(ci));
        w.String(st.data(), rapidjson::SizeType(st.size()));
        key(w, "severity");
        const auto sev = toString(cr.severity);
        w.String(sev.data(), rapidjson::SizeType(sev.size()));
        key(w, "explanation");
        thread_local QString text;
        text.truncate(0); // keeps the capacity
        e.appendExplanation(text, ci);
        writeString(w, text);
        key(w, "inputs");
        w.StartObject();
        for (int s : cr.slots) {
            writeString(w, pack.symbol(s).id);
            writeSlotValue(w, e, s);
        }
        w.EndObject();
        if (cr.hasApplies) {
            key(w, "applies_when");
            writeString(w, cr.applies.text());
        }
        key(w, "condition");
        writeString(w, cr.condition.text());
        key(w, "source");
        writeString(w, cr.source);
        key(w, "evidence");
        writeString(w, cr.evidence);
        w.EndObject();
    }
    w.EndArray();
}

template <typename W>
void writeToxicityRows(W &w, const RulePack &pack, const std::vector<const ToxicityEntry *> &rows, bool tagged)
{
    w.StartArray();
    for (const ToxicityEntry *row : rows) {
        const ToxicityEntry &t = *row;
        w.StartObject();
        if (tagged && t.option >= 0) { // an option's own row (docs/result-format.md#options)
            key(w, "option");
            writeString(w, pack.options()[std::size_t(t.option)].id);
        }
        key(w, "risk");
        writeString(w, t.risk);
        key(w, "kind");
        writeString(w, t.kind);
        if (!std::isnan(t.anyGradePercent)) {
            key(w, "any_grade_percent");
            writeNumber(w, t.anyGradePercent);
        }
        if (!std::isnan(t.grade3PlusPercent)) {
            key(w, "grade3plus_percent");
            writeNumber(w, t.grade3PlusPercent);
        }
        if (t.events >= 0) {
            key(w, "events");
            w.Int64(t.events);
        }
        if (t.n >= 0) {
            key(w, "n");
            w.Int64(t.n);
        }
        key(w, "population");
        writeString(w, t.population);
        if (!t.followUp.isEmpty()) {
            key(w, "follow_up");
            writeString(w, t.followUp);
        }
        key(w, "summary");
        writeString(w, t.summary);
        key(w, "source");
        writeString(w, t.source);
        key(w, "evidence");
        writeString(w, t.evidence);
        w.EndObject();
    }
    w.EndArray();
}

template <typename W> void writeToxicity(W &w, const Evaluation &e, Arm arm, int subOption)
{
    writeToxicityRows(w, e.pack(), e.toxicity(arm, subOption), false);
}

template <typename W> void writeTimeline(W &w, const Evaluation &e, const ArmTimeline &tl, bool alwaysNote = false)
{
    key(w, "timeline");
    w.StartArray();
    for (const TimelinePhase &ph : tl.phases) {
        w.StartObject();
        key(w, "phase");
        writeString(w, ph.phase);
        key(w, "start_day");
        w.Int(ph.startDay);
        key(w, "end_day");
        if (ph.endDay)
            w.Int(*ph.endDay);
        else
            w.Null();
        key(w, "start_date");
        jsonout::writeIsoDate(w, e.asOf().addDays(ph.startDay));
        key(w, "end_date");
        writeDate(w, ph.endDay ? std::optional<QDate>(e.asOf().addDays(*ph.endDay)) : std::nullopt);
        key(w, "note");
        writeString(w, ph.note);
        key(w, "evidence");
        writeString(w, ph.evidence);
        w.EndObject();
    }
    w.EndArray();
    if (!tl.known || (alwaysNote && !tl.note.isEmpty())) {
        key(w, "timeline_note");
        writeString(w, tl.note);
    }
    if (!tl.variant.isEmpty()) {
        key(w, "timeline_variant");
        writeString(w, tl.variant);
    }
}

template <typename W> void writeGroup(W &w, const Engine &engine, const Evaluation &e, std::size_t g)
{
    const VerdictGroup &group = engine.groups()[g];
    const GroupResult &r = e.group(int(g));
    key(w, "verdict");
    const auto v = toString(r.verdict);
    w.String(v.data(), rapidjson::SizeType(v.size()));
    key(w, "cautions_not_yet_checked");
    w.Int(r.cautionsUnknown);
    key(w, "criteria");
    writeCriteria(w, e, group.criteria);
    key(w, "missing_inputs");
    writeStringList(w, r.missingInputs);
    key(w, "caution_missing_inputs");
    writeStringList(w, r.cautionMissingInputs);
}

template <typename W> void writeHeader(W &w, const Evaluation &e)
{
    const RulePack &pack = e.pack();
    key(w, "format");
    w.String("consilium-result/1");
    key(w, "case_id");
    writeString(w, e.caseData().id);
    if (!e.caseData().label.isEmpty()) {
        key(w, "label");
        writeString(w, e.caseData().label);
    }
    key(w, "as_of");
    jsonout::writeIsoDate(w, e.asOf());
    key(w, "jurisdiction");
    writeString(w, pack.jurisdictions().value(e.caseData().jurisdiction));
    key(w, "engine_version");
    writeString(w, engineVersion());
    key(w, "rule_pack");
    w.StartObject();
    key(w, "id");
    writeString(w, pack.id());
    key(w, "version");
    writeString(w, pack.version());
    key(w, "sha256");
    writeString(w, pack.sha256());
    key(w, "sign_off");
    writeString(w, pack.signOffStatus());
    w.EndObject();
}

template <typename W> void writeLogistics(W &w, const LogisticsDef &lg)
{
    w.StartObject();
    key(w, "inpatient_days");
    writePackFact(w, lg.inpatientDays);
    key(w, "caregiver_required");
    writePackFact(w, lg.caregiverRequired);
    key(w, "long_term_follow_up_years");
    writePackFact(w, lg.longTermFollowUpYears);
    key(w, "centre_requirements");
    writeStringList(w, lg.centreRequirements);
    key(w, "notes");
    writeStringList(w, lg.notes);
    w.EndObject();
}

template <typename W> void writeModifiers(W &w, const std::vector<const Modifier *> &modifiers)
{
    w.StartArray();
    for (const Modifier *m : modifiers) {
        w.StartObject();
        key(w, "id");
        writeString(w, m->id);
        key(w, "label");
        writeString(w, m->label);
        key(w, "text");
        writeString(w, m->text);
        key(w, "source");
        writeString(w, m->source);
        key(w, "evidence");
        writeString(w, m->evidence);
        w.EndObject();
    }
    w.EndArray();
}

template <typename W> void writeSubOptions(W &w, const Engine &engine, const Evaluation &e, Arm arm)
{
    const auto &subs = e.pack().arms()[armIndex(arm)].subOptions;
    if (subs.empty())
        return;
    key(w, "sub_options");
    w.StartObject();
    for (std::size_t s = 0; s < subs.size(); ++s) {
        writeString(w, subs[s].id);
        w.StartObject();
        key(w, "label");
        writeString(w, subs[s].label);
        writeGroup(w, engine, e, std::size_t(engine.groupIndex(arm, int(s))));
        key(w, "toxicity");
        writeToxicity(w, e, arm, int(s));
        w.EndObject();
    }
    w.EndObject();
}

// An arm's options, eligible first (docs/result-format.md#options).
template <typename W> void writeOptions(W &w, const Evaluation &e, Arm arm)
{
    w.StartArray();
    for (int o : e.optionsOf(arm)) {
        const OptionDef &opt = e.optionDef(o);
        const GroupResult &r = e.option(o);
        w.StartObject();
        key(w, "id");
        writeString(w, opt.id);
        key(w, "label");
        writeString(w, opt.label);
        key(w, "kind");
        writeString(w, opt.kind);
        key(w, "verdict");
        const auto v = toString(r.verdict);
        w.String(v.data(), rapidjson::SizeType(v.size()));
        key(w, "criteria");
        writeCriteria(w, e, e.optionCriteria(o), true);
        key(w, "missing_inputs");
        writeStringList(w, r.missingInputs);
        key(w, "caution_missing_inputs");
        writeStringList(w, r.cautionMissingInputs);
        key(w, "earliest_start");
        writeDate(w, e.optionEarliestStart(o));
        writeTimeline(w, e, e.optionTimeline(o), true);
        key(w, "toxicity");
        writeToxicityRows(w, e.pack(), e.optionToxicity(o), true);
        key(w, "modifiers");
        writeModifiers(w, e.optionModifiers(o));
        key(w, "screening_note");
        writeString(w, opt.screeningNote);
        w.EndObject();
    }
    w.EndArray();
}

template <typename W> void writeArm(W &w, const Engine &engine, const Evaluation &e, Arm arm)
{
    const std::size_t a = armIndex(arm);
    w.Key(kArmIds[a]);
    w.StartObject();
    key(w, "label");
    writeString(w, e.pack().arms()[a].label);
    writeGroup(w, engine, e, a);
    key(w, "earliest_start");
    writeDate(w, e.earliestStart(arm));
    const ArmTimeline &tl = e.timeline(arm);
    key(w, "time_to_treatment_days");
    if (tl.timeToTreatmentDays)
        w.Int(*tl.timeToTreatmentDays);
    else
        w.Null();
    writeTimeline(w, e, e.timeline(arm));
    key(w, "logistics");
    writeLogistics(w, e.pack().logistics()[a]);
    key(w, "toxicity");
    writeToxicity(w, e, arm, -1);
    key(w, "modifiers");
    writeModifiers(w, e.modifiers(arm));
    writeSubOptions(w, engine, e, arm);
    if (!e.pack().options().empty()) {
        key(w, "options");
        writeOptions(w, e, arm);
    }
    w.EndObject();
}

template <typename W> void writeResult(W &w, const Engine &engine, const Evaluation &e)
{
    w.StartObject();
    writeHeader(w, e);
    key(w, "derived");
    writeDerived(w, e);
    key(w, "what_would_change");
    w.StartArray();
    for (const RankedInput &in : e.whatWouldChange()) {
        w.StartObject();
        key(w, "input");
        writeString(w, in.input);
        key(w, "settles");
        w.Int(in.groups);
        w.EndObject();
    }
    w.EndArray();
    key(w, "arms");
    w.StartObject();
    for (const Arm arm : kArms)
        writeArm(w, engine, e, arm);
    w.EndObject();
    w.EndObject();
}

} // namespace

QByteArray resultJson(const Engine &engine, const Evaluation &e, bool pretty)
{
    rapidjson::StringBuffer buffer;
    if (pretty) {
        rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
        w.SetIndent(' ', 2);
        writeResult(w, engine, e);
    } else {
        rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
        writeResult(w, engine, e);
    }
    return QByteArray(buffer.GetString(), qsizetype(buffer.GetSize()));
}

} // namespace consilium
