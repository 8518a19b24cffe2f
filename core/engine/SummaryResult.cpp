// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/SummaryResult.h"

#include "engine/JsonValues.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <vector>

namespace consilium {

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;
using jsonout::writeDate;
using jsonout::writeSlotValue;
using jsonout::writeString;
using jsonout::writeStringList;

// The one-letter verdict codes of consilium-summary/2 (docs/result-format.md#summary-output).
const char *verdictCode(Verdict v)
{
    switch (v) {
    case Verdict::Eligible:
        return "E";
    case Verdict::EligibleWithCautions:
        return "C";
    case Verdict::Undetermined:
        return "U";
    case Verdict::Ineligible:
        return "I";
    case Verdict::NotApplicable:
        return "N";
    }
    return "?";
}

// One line's missing-input lists, each written once under "inputs" and named by its index
// wherever it occurs (the options of an arm mostly miss what the arm misses).
class InputLists
{
public:
    int indexOf(const QStringList &list)
    {
        const auto at = std::find(m_lists.begin(), m_lists.end(), list);
        if (at != m_lists.end())
            return int(at - m_lists.begin());
        m_lists.push_back(list);
        return int(m_lists.size() - 1);
    }
    void write(Writer &w) const
    {
        w.StartArray();
        for (const QStringList &l : m_lists)
            writeStringList(w, l);
        w.EndArray();
    }

private:
    std::vector<QStringList> m_lists;
};

// The keys of one verdict group (an arm, a sub-option or an option): "v" the verdict code, "m"
// and "c" the index of its missing_inputs / caution_missing_inputs list (left out when empty),
// and with `start` "s" its earliest start when it is not the as_of date (null: unknown).
void writeGroupKeys(
    Writer &w, const GroupResult &r, InputLists &lists, const Evaluation &e, const std::optional<QDate> *start)
{
    w.Key("v");
    w.String(verdictCode(r.verdict));
    if (!r.missingInputs.isEmpty()) {
        w.Key("m");
        w.Int(lists.indexOf(r.missingInputs));
    }
    if (!r.cautionMissingInputs.isEmpty()) {
        w.Key("c");
        w.Int(lists.indexOf(r.cautionMissingInputs));
    }
    if (start && *start != std::optional<QDate>(e.asOf())) {
        w.Key("s");
        writeDate(w, *start);
    }
}

void writeArm(Writer &w, const Engine &engine, const Evaluation &e, Arm arm, InputLists &lists)
{
    const std::size_t a = armIndex(arm);
    w.Key(kArmIds[a]);
    w.StartObject();
    writeGroupKeys(w, e.group(arm), lists, e, &e.earliestStart(arm));
    const auto &subs = e.pack().arms()[a].subOptions;
    if (!subs.empty()) {
        w.Key("sub");
        w.StartObject();
        for (std::size_t s = 0; s < subs.size(); ++s) {
            writeString(w, subs[s].id);
            w.StartObject();
            writeGroupKeys(w, e.group(engine.groupIndex(arm, int(s))), lists, e, nullptr);
            w.EndObject();
        }
        w.EndObject();
    }
    w.EndObject();
}

} // namespace

QByteArray summaryJson(const Engine &engine, const Evaluation &e)
{
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    InputLists lists;
    w.StartObject();
    w.Key("format");
    w.String("consilium-summary/2");
    w.Key("case_id");
    writeString(w, e.caseData().id);
    w.Key("as_of");
    jsonout::writeIsoDate(w, e.asOf());
    // The arrays below are in the pack's order: the line names the pack it was written under
    // (the first 16 hex digits of its SHA-256, docs/result-format.md#summary-output).
    w.Key("pack");
    writeString(w, e.pack().sha256().left(16));
    w.Key("derived");
    w.StartArray();
    for (const DerivedDef &def : e.pack().derived())
        writeSlotValue(w, e, def.slot);
    w.EndArray();
    w.Key("arms");
    w.StartObject();
    for (const Arm arm : kArms)
        writeArm(w, engine, e, arm, lists);
    w.EndObject();
    if (!e.pack().options().empty()) {
        w.Key("options");
        w.StartArray();
        for (int o = 0; o < e.optionCount(); ++o) {
            w.StartObject();
            writeGroupKeys(w, e.option(o), lists, e, &e.optionEarliestStart(o));
            w.EndObject();
        }
        w.EndArray();
    }
    w.Key("inputs");
    lists.write(w);
    w.EndObject();
    return QByteArray(buffer.GetString(), qsizetype(buffer.GetSize()));
}

} // namespace consilium
