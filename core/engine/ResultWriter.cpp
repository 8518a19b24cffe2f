// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/ResultWriter.h"

#include "engine/Explanations.h"
#include "engine/JsonValues.h"

#include "engine/ResultFragments.h"

#include <rapidjson/prettywriter.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>

#include <cmath>
#include <optional>
#include <string>
#include <unordered_map>

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
using W = jsonout::CompactWriter;

// A text the result takes from the pack (a timeline phase's note and evidence, labels): such
// strings reach the result as implicitly shared copies of the pack's (or the engine's) QStrings,
// so their JSON is kept per thread, keyed by the shared buffer. The cache holds a copy, so that
// buffer is neither freed nor changed while cached (a shared QString detaches before a write);
// strings not shared (composed for this case) or not heap-allocated are written as usual.
void writeText(W &w, const QString &s)
{
    const auto &d = s.data_ptr();
    if (s.size() < 16 || !d.isMutable() || !d.isShared()) {
        writeString(w, s);
        return;
    }
    struct Entry {
        QString text;
        QByteArray json;
    };
    thread_local std::unordered_map<const QChar *, Entry> cache;
    auto it = cache.find(s.constData());
    if (it == cache.end() || it->second.text.size() != s.size()) {
        if (cache.size() >= 4096) // bounded: texts composed once per engine are few
            cache.clear();
        Entry entry { s, {} };
        jsonout::appendJsonString(entry.json, s);
        it = cache.insert_or_assign(s.constData(), std::move(entry)).first;
    }
    w.Fragment(it->second.json);
}

template <std::size_t N> void key(W &w, const char (&k)[N])
{
    w.PlainKey(k, qsizetype(N - 1));
}

void writeWashout(W &w, const std::vector<WashoutEntry> &entries)
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

void writeEasixDetails(W &w, const Evaluation &e, const DerivedDef &def)
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

void writeScoreDetails(W &w, const Evaluation &e, const DerivedDef &def)
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

void writeDerived(W &w, const Evaluation &e)
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

// Each criterion's per-case part (docs/result-format.md, "criteria": state … inputs, then the
// pack's tail) serialised once per result: an option repeats its arm's criteria with the same
// state, explanation and inputs (docs/result-format.md#options).
class CriterionCache
{
public:
    CriterionCache(const Evaluation &e, const ResultFragments &f) : m_e(e), m_f(f)
    {
        m_arena.clear(); // keeps the capacity
        m_spans.assign(f.criteria.size(), { 0, 0 });
    }

    void write(W &w, int ci, bool origin)
    {
        const Criterion &cr = m_e.pack().criteria()[std::size_t(ci)];
        const ResultFragments::Criterion &f = m_f.criteria[std::size_t(ci)];
        auto &span = m_spans[std::size_t(ci)];
        if (span.second == 0)
            span = body(ci, cr, f);
        jsonout::JsonBuffer &out = w.BeginValue();
        out += f.head;
        if (origin) // an option's criterion: from the arm or its own (docs/result-format.md#options)
            out += cr.option >= 0 ? R"(,"origin":"option")" : R"(,"origin":"arm")";
        out.append(m_arena.constData() + span.first, span.second);
    }

private:
    std::pair<qsizetype, qsizetype> body(int ci, const Criterion &cr, const ResultFragments::Criterion &f)
    {
        const qsizetype start = m_arena.size();
        m_arena += R"(,"state":")";
        const auto st = toString(m_e.state(ci));
        jsonout::appendEscaped(m_arena, st.data(), st.size());
        m_arena += '"';
        m_arena += f.severity;
        m_text.truncate(0); // keeps the capacity
        m_e.appendExplanation(m_text, ci);
        jsonout::appendJsonString(m_arena, m_text);
        m_arena += R"(,"inputs":{)";
        for (std::size_t i = 0; i < cr.slots.size(); ++i) {
            if (i > 0)
                m_arena += ',';
            m_arena += f.inputKeys[i];
            W value(m_arena);
            writeSlotValue(value, m_e, cr.slots[i]);
        }
        m_arena += '}';
        m_arena += f.tail;
        return { start, m_arena.size() - start };
    }

    const Evaluation &m_e;
    const ResultFragments &m_f;
    static thread_local jsonout::JsonBuffer m_arena;
    static thread_local std::vector<std::pair<qsizetype, qsizetype>> m_spans;
    static thread_local QString m_text;
};
thread_local jsonout::JsonBuffer CriterionCache::m_arena;
thread_local std::vector<std::pair<qsizetype, qsizetype>> CriterionCache::m_spans;
thread_local QString CriterionCache::m_text;

void writeCriteria(W &w, CriterionCache &cache, const std::vector<int> &criteria, bool origin = false)
{
    w.StartArray();
    for (int ci : criteria)
        cache.write(w, ci, origin);
    w.EndArray();
}

void writeToxicityRows(
    W &w, const RulePack &pack, const ResultFragments &f, const std::vector<const ToxicityEntry *> &rows, bool tagged)
{
    w.StartArray();
    for (const ToxicityEntry *row : rows) {
        const auto it = f.toxicity.find(row);
        if (it != f.toxicity.end()) // the engine lists rows of RulePack::toxicity()
            w.Fragment(tagged ? it->second.tagged : it->second.plain);
        else
            w.Fragment(toxicityJson(
                *row, tagged && row->option >= 0 ? pack.options()[std::size_t(row->option)].id : QString()));
    }
    w.EndArray();
}

void writeToxicity(W &w, const ResultFragments &f, const Evaluation &e, Arm arm, int subOption)
{
    writeToxicityRows(w, e.pack(), f, e.toxicity(arm, subOption), false);
}

void writeTimeline(W &w, const Evaluation &e, const ArmTimeline &tl, bool alwaysNote = false)
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
        writeText(w, ph.note);
        key(w, "evidence");
        writeText(w, ph.evidence);
        w.EndObject();
    }
    w.EndArray();
    if (!tl.known || (alwaysNote && !tl.note.isEmpty())) {
        key(w, "timeline_note");
        writeText(w, tl.note);
    }
    if (!tl.variant.isEmpty()) {
        key(w, "timeline_variant");
        writeText(w, tl.variant);
    }
}

// What the parts of one result share: the engine, the evaluation, the pack's fragments and the
// criteria serialised for this result.
struct Context {
    const Engine &engine;
    const Evaluation &e;
    const ResultFragments &f;
    CriterionCache &criteria;
};

void writeGroup(W &w, Context &c, std::size_t g)
{
    const VerdictGroup &group = c.engine.groups()[g];
    const GroupResult &r = c.e.group(int(g));
    key(w, "verdict");
    const auto v = toString(r.verdict);
    w.String(v.data(), rapidjson::SizeType(v.size()));
    key(w, "cautions_not_yet_checked");
    w.Int(r.cautionsUnknown);
    key(w, "criteria");
    writeCriteria(w, c.criteria, group.criteria);
    key(w, "missing_inputs");
    writeStringList(w, r.missingInputs);
    key(w, "caution_missing_inputs");
    writeStringList(w, r.cautionMissingInputs);
}

void writeHeader(W &w, const Evaluation &e)
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

void writeModifiers(W &w, const ResultFragments &f, const std::vector<const Modifier *> &modifiers)
{
    w.StartArray();
    for (const Modifier *m : modifiers) {
        const auto it = f.modifiers.find(m);
        if (it != f.modifiers.end()) // the engine lists objects of RulePack::modifiers()
            w.Fragment(it->second);
        else
            w.Fragment(modifierJson(*m));
    }
    w.EndArray();
}

void writeSubOptions(W &w, Context &c, Arm arm)
{
    const auto &subs = c.e.pack().arms()[armIndex(arm)].subOptions;
    if (subs.empty())
        return;
    key(w, "sub_options");
    w.StartObject();
    for (std::size_t s = 0; s < subs.size(); ++s) {
        writeString(w, subs[s].id);
        w.StartObject();
        key(w, "label");
        writeString(w, subs[s].label);
        writeGroup(w, c, std::size_t(c.engine.groupIndex(arm, int(s))));
        key(w, "toxicity");
        writeToxicity(w, c.f, c.e, arm, int(s));
        w.EndObject();
    }
    w.EndObject();
}

// An arm's options, eligible first (docs/result-format.md#options); id, label and kind, then the
// screening note come from the pack's fragments.
void writeOptions(W &w, Context &c, Arm arm)
{
    const Evaluation &e = c.e;
    w.StartArray();
    for (int o : e.optionsOf(arm)) {
        const GroupResult &r = e.option(o);
        const ResultFragments::Option &f = c.f.options[std::size_t(o)];
        w.OpenObject(f.head, 6);
        key(w, "verdict");
        const auto v = toString(r.verdict);
        w.String(v.data(), rapidjson::SizeType(v.size()));
        key(w, "criteria");
        writeCriteria(w, c.criteria, e.optionCriteria(o), true);
        key(w, "missing_inputs");
        writeStringList(w, r.missingInputs);
        key(w, "caution_missing_inputs");
        writeStringList(w, r.cautionMissingInputs);
        key(w, "earliest_start");
        writeDate(w, e.optionEarliestStart(o));
        writeTimeline(w, e, e.optionTimeline(o), true);
        key(w, "toxicity");
        writeToxicityRows(w, e.pack(), c.f, e.optionToxicity(o), true);
        key(w, "modifiers");
        writeModifiers(w, c.f, e.optionModifiers(o));
        w.CloseObject(f.tail);
    }
    w.EndArray();
}

void writeArm(W &w, Context &c, Arm arm)
{
    const Evaluation &e = c.e;
    const std::size_t a = armIndex(arm);
    w.Key(kArmIds[a]);
    w.StartObject();
    key(w, "label");
    writeString(w, e.pack().arms()[a].label);
    writeGroup(w, c, a);
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
    w.Fragment(c.f.logistics[a]);
    key(w, "toxicity");
    writeToxicity(w, c.f, e, arm, -1);
    key(w, "modifiers");
    writeModifiers(w, c.f, e.modifiers(arm));
    writeSubOptions(w, c, arm);
    if (!e.pack().options().empty()) {
        key(w, "options");
        writeOptions(w, c, arm);
    }
    w.EndObject();
}

void writeResult(W &w, Context &c)
{
    const Evaluation &e = c.e;
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
        writeArm(w, c, arm);
    w.EndObject();
    w.EndObject();
}

// The pretty form (`evaluate` of one case): the compact result re-indented by rapidjson's
// PrettyWriter, numbers passed through as written (what writing through PrettyWriter gave).
class Reindent
{
public:
    explicit Reindent(rapidjson::PrettyWriter<rapidjson::StringBuffer> &w) : m_w(w) { }
    bool Null() { return m_w.Null(); }
    bool Bool(bool b) { return m_w.Bool(b); }
    bool Int(int) { return false; } // numbers arrive as RawNumber (kParseNumbersAsStringsFlag)
    bool Uint(unsigned) { return false; }
    bool Int64(std::int64_t) { return false; }
    bool Uint64(std::uint64_t) { return false; }
    bool Double(double) { return false; }
    bool RawNumber(const char *s, rapidjson::SizeType n, bool) { return m_w.RawValue(s, n, rapidjson::kNumberType); }
    bool String(const char *s, rapidjson::SizeType n, bool) { return m_w.String(s, n); }
    bool Key(const char *s, rapidjson::SizeType n, bool) { return m_w.Key(s, n); }
    bool StartObject() { return m_w.StartObject(); }
    bool EndObject(rapidjson::SizeType n) { return m_w.EndObject(n); }
    bool StartArray() { return m_w.StartArray(); }
    bool EndArray(rapidjson::SizeType n) { return m_w.EndArray(n); }

private:
    rapidjson::PrettyWriter<rapidjson::StringBuffer> &m_w;
};

QByteArray reindented(const QByteArray &compact)
{
    rapidjson::StringBuffer buffer;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
    w.SetIndent(' ', 2);
    Reindent handler(w);
    rapidjson::Reader reader;
    rapidjson::StringStream in(compact.constData());
    const bool ok = !reader.Parse<rapidjson::kParseNumbersAsStringsFlag>(in, handler).IsError();
    Q_ASSERT(ok); // we wrote it
    Q_UNUSED(ok);
    return QByteArray(buffer.GetString(), qsizetype(buffer.GetSize()));
}

} // namespace

// Written straight into one reused buffer, the pack's static texts spliced from
// Engine::resultFragments (README "Performance", issue 15).
QByteArray resultJson(const Engine &engine, const Evaluation &e, bool pretty)
{
    // One buffer for the whole result, reserved from the last result's size: no copy when
    // returned, and room for the batch's line end (EvaluateCommands).
    thread_local qsizetype lastSize = 0;
    jsonout::JsonBuffer out(lastSize + lastSize / 8 + 64);
    // The fragments of the evaluation's pack (an engine of another instance of it: built here).
    std::optional<ResultFragments> own;
    if (&engine.pack() != &e.pack())
        own = buildResultFragments(e.pack());
    const ResultFragments &f = own ? *own : engine.resultFragments();
    CriterionCache criteria(e, f);
    Context c { engine, e, f, criteria };
    W w(out);
    writeResult(w, c);
    lastSize = out.size();
    QByteArray bytes = out.take();
    if (pretty)
        return reindented(bytes);
    return bytes;
}

} // namespace consilium
