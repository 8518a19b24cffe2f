// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/ResultWriter.h"

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

// Appends `value` rounded half away from zero to `decimals` places (locale-independent).
void appendDecimal(QString &out, double value, int decimals)
{
    static constexpr double kScale[] = { 1.0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6 };
    const double scale = decimals >= 0 && decimals < 7 ? kScale[decimals] : std::pow(10.0, decimals);
    double rounded = std::round(value * scale) / scale;
    if (rounded == 0.0)
        rounded = 0.0; // no "-0.0"
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, rounded, std::chars_format::fixed, decimals);
    out.append(QLatin1String(buf, qsizetype(res.ptr - buf)));
}

} // namespace

QString formatDecimal(double value, int decimals)
{
    QString out;
    appendDecimal(out, value, decimals);
    return out;
}

QString stateLabel(CriterionState s)
{
    switch (s) {
    case CriterionState::Met:
        return QStringLiteral("Met");
    case CriterionState::NotMet:
        return QStringLiteral("Not met");
    case CriterionState::Unknown:
        return QStringLiteral("Unknown");
    case CriterionState::NotApplicable:
        return QStringLiteral("Not applicable");
    }
    return {};
}

QString verdictLabel(Verdict v)
{
    switch (v) {
    case Verdict::Eligible:
        return QStringLiteral("eligible");
    case Verdict::EligibleWithCautions:
        return QStringLiteral("eligible with cautions");
    case Verdict::Undetermined:
        return QStringLiteral("undetermined");
    case Verdict::Ineligible:
        return QStringLiteral("ineligible");
    case Verdict::NotApplicable:
        return QStringLiteral("not applicable");
    }
    return {};
}

namespace {

void appendDisplayValue(QString &out, const RulePack &pack, const Workspace &ws, int slot)
{
    const ValueStatus st = ws.status[std::size_t(slot)];
    if (st == ValueStatus::NotEvaluated) {
        out += QLatin1String("not evaluated");
        return;
    }
    if (st != ValueStatus::Known) {
        out += QLatin1String("unknown");
        return;
    }
    const double v = ws.values[std::size_t(slot)];
    switch (pack.slotType(slot)) {
    case ValueType::Number:
    case ValueType::Integer: {
        // Counts of years, minutes, points, grades and classes (the bare-number variables of
        // reference-rules §0.5) read naturally without a trailing ".0" when they are whole.
        const Symbol &sym = pack.symbol(slot);
        if (sym.kind == SymbolKind::Variable && pack.variables()[std::size_t(sym.index)].bareNumber
            && v == std::floor(v))
            appendDecimal(out, v, 0);
        else
            appendDecimal(out, v, pack.slotDecimals(slot));
        return;
    }
    case ValueType::Bool:
        out += v != 0.0 ? QLatin1String("yes") : QLatin1String("no");
        return;
    case ValueType::Enum:
        if (const QStringList *values = pack.slotValues(slot))
            out += values->value(qsizetype(v));
        return;
    case ValueType::Date:
        out += QDate::fromJulianDay(qint64(v)).toString(Qt::ISODate);
        return;
    }
}

} // namespace

QString displayValue(const RulePack &pack, const Workspace &ws, int slot)
{
    QString out;
    appendDisplayValue(out, pack, ws, slot);
    return out;
}

namespace {

// Why a derived value is unknown: "Serum creatinine missing; Sex not evaluated" (pack labels,
// grouped by status), or empty when no raw input is missing (e.g. EASIX with platelets 0).
QString missingReason(const RulePack &pack, const Workspace &ws, int slot)
{
    if (pack.symbol(slot).kind != SymbolKind::Derived)
        return {};
    std::vector<int> inputs;
    collectMissingInputs(pack, ws, slot, inputs);
    if (inputs.empty())
        return {};
    QStringList missing;
    QStringList unknown;
    QStringList notEvaluated;
    for (int in : inputs) {
        if (in >= pack.slotCount()) {
            missing.append(pseudoInputLabel(PseudoInput(in - pack.slotCount())));
            continue;
        }
        const Symbol &sym = pack.symbol(in);
        QString label = sym.kind == SymbolKind::Variable ? pack.variables()[std::size_t(sym.index)].label : QString();
        if (label.isEmpty())
            label = sym.id;
        switch (ws.status[std::size_t(in)]) {
        case ValueStatus::NotEvaluated:
            notEvaluated.append(label);
            break;
        case ValueStatus::Unknown:
            unknown.append(label);
            break;
        case ValueStatus::Absent:
        case ValueStatus::Known:
            missing.append(label);
            break;
        }
    }
    QStringList groups;
    const QString comma = QStringLiteral(", ");
    if (!missing.isEmpty())
        groups.append(missing.join(comma) + QStringLiteral(" missing"));
    if (!unknown.isEmpty())
        groups.append(unknown.join(comma) + QStringLiteral(" unknown"));
    if (!notEvaluated.isEmpty())
        groups.append(notEvaluated.join(comma) + QStringLiteral(" not evaluated"));
    return groups.join(QStringLiteral("; "));
}

// A placeholder: the value, then its unit only if the value is known; for an unknown derived
// value, why (each reason once per sentence).
void appendPlaceholder(
    QString &out, const RulePack &pack, const Workspace &ws, const TemplatePart &part, QStringList &reasonsGiven)
{
    appendDisplayValue(out, pack, ws, part.slot);
    if (ws.status[std::size_t(part.slot)] == ValueStatus::Known) {
        out += part.text;
        return;
    }
    const QString reason = missingReason(pack, ws, part.slot);
    if (reason.isEmpty() || reasonsGiven.contains(reason))
        return;
    reasonsGiven.append(reason);
    out += QStringLiteral(" (") + reason + QLatin1Char(')');
}

} // namespace

QString unknownValueReason(const RulePack &pack, const Workspace &ws, int slot)
{
    return ws.status[std::size_t(slot)] == ValueStatus::Known ? QString() : missingReason(pack, ws, slot);
}

void appendExplanationText(QString &out, const RulePack &pack, const Workspace &ws, int criterion)
{
    const Criterion &cr = pack.criteria()[std::size_t(criterion)];
    QStringList reasonsGiven;
    for (const TemplatePart &part : cr.explanationFor(ws.states[std::size_t(criterion)])) {
        if (part.slot >= 0)
            appendPlaceholder(out, pack, ws, part, reasonsGiven);
        else
            out += part.text;
    }
}

void appendExplanation(QString &out, const RulePack &pack, const Workspace &ws, int criterion)
{
    out += stateLabel(ws.states[std::size_t(criterion)]);
    out += QLatin1String(": ");
    appendExplanationText(out, pack, ws, criterion);
}

QString renderExplanation(const RulePack &pack, const Workspace &ws, int criterion)
{
    QString out;
    out.reserve(pack.criteria()[std::size_t(criterion)].explanationTemplate.size() + 48);
    appendExplanation(out, pack, ws, criterion);
    return out;
}

QString renderExplanationText(const RulePack &pack, const Workspace &ws, int criterion)
{
    QString out;
    out.reserve(pack.criteria()[std::size_t(criterion)].explanationTemplate.size() + 32);
    appendExplanationText(out, pack, ws, criterion);
    return out;
}

namespace {

using jsonout::writeNumber;
using jsonout::writeSlotValue;
using jsonout::writeString;

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

template <typename W> void writeDate(W &w, const std::optional<QDate> &d)
{
    if (d)
        writeString(w, d->toString(Qt::ISODate));
    else
        w.Null();
}

template <typename W> void writeStringList(W &w, const QStringList &list)
{
    w.StartArray();
    for (const QString &s : list)
        writeString(w, s);
    w.EndArray();
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

template <typename W> void writeDerived(W &w, const Engine &engine, const Evaluation &e)
{
    const RulePack &pack = *e.pack;
    const Workspace &ws = e.ws;
    w.StartObject();
    for (const DerivedDef &def : pack.derived()) {
        writeString(w, def.id);
        const bool known = ws.status[std::size_t(def.slot)] == ValueStatus::Known;
        switch (def.type) {
        case ValueType::Date:
        case ValueType::Enum:
            writeSlotValue(w, pack, ws, def.slot);
            continue;
        case ValueType::Number:
        case ValueType::Integer:
        case ValueType::Bool:
            break;
        }
        w.StartObject();
        key(w, "value");
        writeSlotValue(w, pack, ws, def.slot);
        if (def.type != ValueType::Bool) {
            key(w, "unit");
            writeString(w, def.unit);
        }
        if (def.formula == Formula::Easix || def.formula == Formula::MEasix) {
            const int plt = def.inputSlots[2];
            bool inputsKnown = true;
            for (int s : def.inputSlots)
                inputsKnown = inputsKnown && ws.status[std::size_t(s)] == ValueStatus::Known;
            if (!known && inputsKnown && ws.values[std::size_t(plt)] == 0.0) {
                key(w, "undefined");
                w.String("undefined (platelets 0)");
            }
            if (const auto *easix = std::get_if<EasixParams>(&def.params)) {
                key(w, "above_cutoff");
                if (known)
                    w.Bool(ws.values[std::size_t(def.slot)] > easix->cutoff.value);
                else
                    w.Null();
                key(w, "cutoff");
                writeNumber(w, easix->cutoff.value);
            }
        }
        if (def.formula == Formula::PointsScore) {
            key(w, "category");
            int catSlot = -1;
            for (const DerivedDef &other : pack.derived()) {
                if (other.formula == Formula::PointsCategory
                    && other.paramsAs<PointsCategoryParams>().scoreSlot == def.slot)
                    catSlot = other.slot;
            }
            if (catSlot >= 0)
                writeSlotValue(w, pack, ws, catSlot);
            else
                w.Null();
            key(w, "points");
            w.StartObject();
            const std::vector<int> points = engine.scoreComponents(def, ws);
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
        if (!def.note.isEmpty()) {
            key(w, "note");
            writeString(w, def.note);
        }
        w.EndObject();
    }
    key(w, "washout_end_dates");
    writeWashout(w, e.washout);
    key(w, "tce_washout_end_dates");
    writeWashout(w, e.tceWashout);
    key(w, "washout_not_defined");
    writeStringList(w, e.washoutNotDefined);
    w.EndObject();
}

template <typename W> void writeCriteria(W &w, const Evaluation &e, const std::vector<int> &criteria)
{
    const RulePack &pack = *e.pack;
    w.StartArray();
    for (int ci : criteria) {
        const Criterion &cr = pack.criteria()[std::size_t(ci)];
        w.StartObject();
        key(w, "id");
        writeString(w, cr.id);
        key(w, "state");
        const auto st = toString(e.ws.states[std::size_t(ci)]);
        w.String(st.data(), rapidjson::SizeType(st.size()));
        key(w, "severity");
        const auto sev = toString(cr.severity);
        w.String(sev.data(), rapidjson::SizeType(sev.size()));
        key(w, "explanation");
        thread_local QString text;
        text.truncate(0); // keeps the capacity
        appendExplanation(text, pack, e.ws, ci);
        writeString(w, text);
        key(w, "inputs");
        w.StartObject();
        for (int s : cr.slots) {
            writeString(w, pack.symbol(s).id);
            writeSlotValue(w, pack, e.ws, s);
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

template <typename W> void writeToxicity(W &w, const Evaluation &e, int arm, int subOption)
{
    w.StartArray();
    for (const ToxicityEntry &t : e.pack->toxicity()[std::size_t(arm)]) {
        if (t.subOption != subOption)
            continue;
        if (t.hasShowWhen && t.showWhen.evaluate(e.ws.values.data(), e.ws.status.data()) == Tri::False)
            continue;
        w.StartObject();
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

template <typename W> void writeTimeline(W &w, const Evaluation &e, int arm)
{
    const ArmTimeline &tl = e.timelines[std::size_t(arm)];
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
        writeString(w, e.ws.asOf.addDays(ph.startDay).toString(Qt::ISODate));
        key(w, "end_date");
        writeDate(w, ph.endDay ? std::optional<QDate>(e.ws.asOf.addDays(*ph.endDay)) : std::nullopt);
        key(w, "note");
        writeString(w, ph.note);
        key(w, "evidence");
        writeString(w, ph.evidence);
        w.EndObject();
    }
    w.EndArray();
    if (!tl.known) {
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
    const GroupResult &r = e.groups[g];
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

template <typename W> void writeResult(W &w, const Engine &engine, const Evaluation &e)
{
    const RulePack &pack = *e.pack;
    w.StartObject();
    key(w, "format");
    w.String("consilium-result/1");
    key(w, "case_id");
    writeString(w, e.caseData.id);
    if (!e.caseData.label.isEmpty()) {
        key(w, "label");
        writeString(w, e.caseData.label);
    }
    key(w, "as_of");
    writeString(w, e.ws.asOf.toString(Qt::ISODate));
    key(w, "jurisdiction");
    writeString(w, pack.jurisdictions().value(e.caseData.jurisdiction));
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
    key(w, "derived");
    writeDerived(w, engine, e);
    key(w, "what_would_change");
    w.StartArray();
    for (const RankedInput &in : e.whatWouldChange) {
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
    for (int arm = 0; arm < kArmCount; ++arm) {
        w.Key(kArmIds[std::size_t(arm)]);
        w.StartObject();
        key(w, "label");
        writeString(w, pack.arms()[std::size_t(arm)].label);
        writeGroup(w, engine, e, std::size_t(arm));
        key(w, "earliest_start");
        writeDate(w, e.earliestStart[std::size_t(arm)]);
        const ArmTimeline &tl = e.timelines[std::size_t(arm)];
        key(w, "time_to_treatment_days");
        if (tl.timeToTreatmentDays)
            w.Int(*tl.timeToTreatmentDays);
        else
            w.Null();
        writeTimeline(w, e, arm);
        const LogisticsDef &lg = pack.logistics()[std::size_t(arm)];
        key(w, "logistics");
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
        key(w, "toxicity");
        writeToxicity(w, e, arm, -1);
        key(w, "modifiers");
        w.StartArray();
        for (const Modifier &m : pack.modifiers()) {
            if (!m.arms[std::size_t(arm)] || m.when.evaluate(e.ws.values.data(), e.ws.status.data()) != Tri::True)
                continue;
            w.StartObject();
            key(w, "id");
            writeString(w, m.id);
            key(w, "label");
            writeString(w, m.label);
            key(w, "text");
            writeString(w, m.text);
            key(w, "source");
            writeString(w, m.source);
            key(w, "evidence");
            writeString(w, m.evidence);
            w.EndObject();
        }
        w.EndArray();
        const auto &subs = pack.arms()[std::size_t(arm)].subOptions;
        if (!subs.empty()) {
            key(w, "sub_options");
            w.StartObject();
            for (std::size_t s = 0; s < subs.size(); ++s) {
                writeString(w, subs[s].id);
                w.StartObject();
                key(w, "label");
                writeString(w, subs[s].label);
                const int g
                    = engine.groupIndex(QLatin1String(kArmIds[std::size_t(arm)]) + QLatin1Char('/') + subs[s].id);
                writeGroup(w, engine, e, std::size_t(g));
                key(w, "toxicity");
                writeToxicity(w, e, arm, int(s));
                w.EndObject();
            }
            w.EndObject();
        }
        w.EndObject();
    }
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

QString resultText(const Engine &engine, const Evaluation &e)
{
    const RulePack &pack = *e.pack;
    QString out;
    auto line = [&out](const QString &s) { out += s + QLatin1Char('\n'); };
    line(QStringLiteral("Case %1%2")
             .arg(e.caseData.id, e.caseData.label.isEmpty() ? QString() : QStringLiteral(" — ") + e.caseData.label));
    line(QStringLiteral("As of %1 (%2) · rule pack %3 %4 (sha256 %5…) · engine %6")
             .arg(e.ws.asOf.toString(Qt::ISODate), pack.jurisdictions().value(e.caseData.jurisdiction), pack.id(),
                 pack.version(), pack.sha256().left(12), engineVersion()));
    line(QStringLiteral("Decision support only: the multidisciplinary team decides."));
    line(QString());
    line(QStringLiteral("Derived values"));
    // "eGFR: unknown (Serum creatinine missing)": an unknown value says why.
    auto derivedLine = [&](const DerivedDef &def, QString v) {
        if (const QString why = unknownValueReason(pack, e.ws, def.slot); !why.isEmpty())
            v += QStringLiteral(" (") + why + QLatin1Char(')');
        line(QStringLiteral("  %1: %2").arg(def.label, v));
    };
    for (const DerivedDef &def : pack.derived()) {
        if (def.type == ValueType::Date || def.type == ValueType::Bool)
            continue;
        QString v = displayValue(pack, e.ws, def.slot);
        if (!def.unit.isEmpty() && e.ws.status[std::size_t(def.slot)] == ValueStatus::Known
            && def.type != ValueType::Enum)
            v += QLatin1Char(' ') + def.unit;
        derivedLine(def, v);
    }
    for (const DerivedDef &def : pack.derived()) {
        if (def.type == ValueType::Date)
            derivedLine(def, displayValue(pack, e.ws, def.slot));
    }
    if (!e.whatWouldChange.empty()) {
        QStringList parts;
        for (const auto &in : e.whatWouldChange)
            parts.append(QStringLiteral("%1 (%2)").arg(in.input).arg(in.groups));
        line(QString());
        line(QStringLiteral("What would change the answer: %1").arg(parts.join(QStringLiteral(" · "))));
    }
    for (std::size_t g = 0; g < engine.groups().size(); ++g) {
        const VerdictGroup &group = engine.groups()[g];
        const GroupResult &r = e.groups[g];
        const ArmDef &arm = pack.arms()[std::size_t(group.arm)];
        const QString title = group.subOption < 0
            ? arm.label
            : arm.label + QStringLiteral(" / ") + arm.subOptions[std::size_t(group.subOption)].label;
        QString verdict = verdictLabel(r.verdict);
        if (r.verdict == Verdict::Eligible && r.cautionsUnknown > 0)
            verdict += (r.cautionsUnknown == 1 ? QStringLiteral(", %1 caution not yet checked")
                                               : QStringLiteral(", %1 cautions not yet checked"))
                           .arg(r.cautionsUnknown);
        line(QString());
        line(QStringLiteral("== %1: %2").arg(title, verdict.toUpper()));
        for (int ci : group.criteria) {
            const CriterionState st = e.ws.states[std::size_t(ci)];
            if (st == CriterionState::Met || st == CriterionState::NotApplicable)
                continue;
            const Criterion &cr = pack.criteria()[std::size_t(ci)];
            line(QStringLiteral("  [%1 %2] %3 (%4; %5)")
                     .arg(cr.id, QString::fromLatin1(toString(cr.severity).data()), renderExplanation(pack, e.ws, ci),
                         cr.source, cr.evidence));
        }
        if (!r.missingInputs.isEmpty())
            line(QStringLiteral("  Missing inputs: %1").arg(r.missingInputs.join(QStringLiteral(", "))));
        if (!r.cautionMissingInputs.isEmpty())
            line(QStringLiteral("  Not yet checked (cautions): %1")
                     .arg(r.cautionMissingInputs.join(QStringLiteral(", "))));
        if (group.subOption >= 0)
            continue;
        const auto &start = e.earliestStart[std::size_t(group.arm)];
        line(QStringLiteral("  Earliest start: %1")
                 .arg(start ? start->toString(Qt::ISODate) : QStringLiteral("unknown")));
        const ArmTimeline &tl = e.timelines[std::size_t(group.arm)];
        if (!tl.known)
            line(QStringLiteral("  %1").arg(tl.note));
        for (const TimelinePhase &ph : tl.phases) {
            line(QStringLiteral("  day %1–%2  %3")
                     .arg(ph.startDay)
                     .arg(ph.endDay ? QString::number(*ph.endDay) : QStringLiteral("?"), ph.phase));
        }
    }
    return out;
}

} // namespace consilium
