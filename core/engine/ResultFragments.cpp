// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/ResultFragments.h"

#include "engine/JsonValues.h"

#include <cmath>
#include <mutex>

namespace consilium {

namespace {

using jsonout::CompactWriter;
using jsonout::writeNumber;
using jsonout::writeString;
using jsonout::writeStringList;

void writePackFact(CompactWriter &w, const PackFact &f)
{
    w.StartObject();
    w.Key("value");
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
    w.Key("source");
    writeString(w, f.source);
    w.Key("evidence");
    writeString(w, f.evidence);
    if (!f.note.isEmpty()) {
        w.Key("note");
        writeString(w, f.note);
    }
    w.EndObject();
}

QByteArray logisticsJson(const LogisticsDef &lg)
{
    jsonout::JsonBuffer out;
    CompactWriter w(out);
    w.StartObject();
    w.Key("inpatient_days");
    writePackFact(w, lg.inpatientDays);
    w.Key("caregiver_required");
    writePackFact(w, lg.caregiverRequired);
    w.Key("long_term_follow_up_years");
    writePackFact(w, lg.longTermFollowUpYears);
    w.Key("centre_requirements");
    writeStringList(w, lg.centreRequirements);
    w.Key("notes");
    writeStringList(w, lg.notes);
    w.EndObject();
    return out.take();
}

} // namespace

// A toxicity row (docs/result-format.md); `optionId` non-empty = an option's own row in its list.
QByteArray toxicityJson(const ToxicityEntry &t, const QString &optionId)
{
    jsonout::JsonBuffer out;
    CompactWriter w(out);
    w.StartObject();
    if (!optionId.isEmpty()) {
        w.Key("option");
        writeString(w, optionId);
    }
    w.Key("risk");
    writeString(w, t.risk);
    w.Key("kind");
    writeString(w, t.kind);
    if (!std::isnan(t.anyGradePercent)) {
        w.Key("any_grade_percent");
        writeNumber(w, t.anyGradePercent);
    }
    if (!std::isnan(t.grade3PlusPercent)) {
        w.Key("grade3plus_percent");
        writeNumber(w, t.grade3PlusPercent);
    }
    if (t.events >= 0) {
        w.Key("events");
        w.Int64(t.events);
    }
    if (t.n >= 0) {
        w.Key("n");
        w.Int64(t.n);
    }
    w.Key("population");
    writeString(w, t.population);
    if (!t.followUp.isEmpty()) {
        w.Key("follow_up");
        writeString(w, t.followUp);
    }
    w.Key("summary");
    writeString(w, t.summary);
    w.Key("source");
    writeString(w, t.source);
    w.Key("evidence");
    writeString(w, t.evidence);
    w.EndObject();
    return out.take();
}

QByteArray modifierJson(const Modifier &m)
{
    jsonout::JsonBuffer out;
    CompactWriter w(out);
    w.StartObject();
    w.Key("id");
    writeString(w, m.id);
    w.Key("label");
    writeString(w, m.label);
    w.Key("text");
    writeString(w, m.text);
    w.Key("source");
    writeString(w, m.source);
    w.Key("evidence");
    writeString(w, m.evidence);
    w.EndObject();
    return out.take();
}

namespace {

void appendKey(QByteArray &out, const char *k)
{
    out += ",\"";
    out += k;
    out += "\":";
}

ResultFragments::Criterion criterionFragments(const RulePack &pack, const Criterion &cr)
{
    ResultFragments::Criterion f;
    f.head = "{\"id\":";
    jsonout::appendJsonString(f.head, cr.id);
    const auto sev = toString(cr.severity);
    appendKey(f.severity, "severity");
    f.severity += '"';
    jsonout::appendEscaped(f.severity, sev.data(), sev.size());
    f.severity += '"';
    appendKey(f.severity, "explanation");
    for (int s : cr.slots) {
        QByteArray key;
        jsonout::appendJsonString(key, pack.symbol(s).id);
        key += ':';
        f.inputKeys.push_back(std::move(key));
    }
    if (cr.hasApplies) {
        appendKey(f.tail, "applies_when");
        jsonout::appendJsonString(f.tail, cr.applies.text());
    }
    appendKey(f.tail, "condition");
    jsonout::appendJsonString(f.tail, cr.condition.text());
    appendKey(f.tail, "source");
    jsonout::appendJsonString(f.tail, cr.source);
    appendKey(f.tail, "evidence");
    jsonout::appendJsonString(f.tail, cr.evidence);
    f.tail += '}';
    return f;
}

ResultFragments::Option optionFragments(const OptionDef &opt)
{
    ResultFragments::Option f;
    f.head = "{\"id\":";
    jsonout::appendJsonString(f.head, opt.id);
    appendKey(f.head, "label");
    jsonout::appendJsonString(f.head, opt.label);
    appendKey(f.head, "kind");
    jsonout::appendJsonString(f.head, opt.kind);
    appendKey(f.tail, "screening_note");
    jsonout::appendJsonString(f.tail, opt.screeningNote);
    f.tail += '}';
    return f;
}

} // namespace

ResultFragments buildResultFragments(const RulePack &pack)
{
    ResultFragments f;
    f.criteria.reserve(pack.criteria().size());
    for (const Criterion &cr : pack.criteria())
        f.criteria.push_back(criterionFragments(pack, cr));
    for (std::size_t a = 0; a < kArmCount; ++a) {
        f.logistics[a] = logisticsJson(pack.logistics()[a]);
        for (const ToxicityEntry &t : pack.toxicity()[a]) {
            ResultFragments::ToxicityRow row;
            row.plain = toxicityJson(t, QString());
            row.tagged = t.option >= 0 ? toxicityJson(t, pack.options()[std::size_t(t.option)].id) : row.plain;
            f.toxicity.emplace(&t, std::move(row));
        }
    }
    for (const Modifier &m : pack.modifiers())
        f.modifiers.emplace(&m, modifierJson(m));
    for (const OptionDef &opt : pack.options())
        f.options.push_back(optionFragments(opt));
    return f;
}

// Built on first use: most engines never write a full result (docs/result-format.md).
const ResultFragments &Engine::resultFragments() const
{
    std::call_once(m_fragmentsOnce,
        [this] { m_fragments = std::make_shared<const ResultFragments>(buildResultFragments(m_pack)); });
    return *m_fragments;
}

} // namespace consilium
