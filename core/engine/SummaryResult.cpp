// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/SummaryResult.h"

#include "engine/JsonValues.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <iterator>
#include <vector>

namespace consilium {

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;
using jsonout::writeDate;
using jsonout::writeSlotValue;
using jsonout::writeString;
using InputSet = std::vector<int>; // input numbers, ascending

// The one-letter verdict codes of consilium-summary/3 (docs/result-format.md#summary-output).
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

// The input numbering of consilium-summary/3 (docs/result-format.md#summary-output): the pack's
// variables in its `variables[]` order, then the pseudo inputs in PseudoInput order
// (resources/packs/FORMAT.md, "Derived").
int inputNumber(const RulePack &pack, const QString &name)
{
    const int slot = pack.slotOf(name);
    const int variables = int(pack.variables().size());
    if (slot >= 0 && slot < variables)
        return slot;
    for (int p = 0; p < kPseudoInputCount; ++p) {
        if (name == pseudoInputName(PseudoInput(p)))
            return variables + p;
    }
    return -1; // cannot happen: missing inputs are variables or pseudo inputs
}

InputSet inputSet(const RulePack &pack, const QStringList &names)
{
    InputSet out;
    out.reserve(std::size_t(names.size()));
    for (const QString &n : names)
        out.push_back(inputNumber(pack, n));
    std::sort(out.begin(), out.end());
    return out;
}

InputSet minus(const InputSet &a, const InputSet &b)
{
    InputSet out;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
}

// An input set under `key`, left out when empty.
void writeSet(Writer &w, const char *key, const InputSet &set)
{
    if (set.empty())
        return;
    w.Key(key);
    w.StartArray();
    for (const int in : set)
        w.Int(in);
    w.EndArray();
}

// "v" the verdict code and, with `start`, "s" the earliest start unless it is `implied` (left out).
void writeVerdictAndStart(Writer &w, Verdict v, const std::optional<QDate> *start, const std::optional<QDate> &implied)
{
    w.Key("v");
    w.String(verdictCode(v));
    if (start && *start != implied) {
        w.Key("s");
        writeDate(w, *start);
    }
}

// An arm or sub-option: "v", "s" (arms: the earliest start when it is not the as_of date, null
// when unknown), and "m" / "c" its missing / caution missing inputs as sets.
void writeGroupKeys(Writer &w, const GroupResult &r, const Evaluation &e, const std::optional<QDate> *start)
{
    writeVerdictAndStart(w, r.verdict, start, e.asOf());
    writeSet(w, "m", inputSet(e.pack(), r.missingInputs));
    writeSet(w, "c", inputSet(e.pack(), r.cautionMissingInputs));
}

// An arm, with "sub" (arms with sub-options): its sub-options' groups in the pack's order.
void writeArm(Writer &w, const Engine &engine, const Evaluation &e, Arm arm)
{
    const auto &subs = e.pack().arms()[armIndex(arm)].subOptions;
    w.StartObject();
    writeGroupKeys(w, e.group(arm), e, &e.earliestStart(arm));
    if (!subs.empty()) {
        w.Key("sub");
        w.StartArray();
        for (std::size_t s = 0; s < subs.size(); ++s) {
            w.StartObject();
            writeGroupKeys(w, e.group(engine.groupIndex(arm, int(s))), e, nullptr);
            w.EndObject();
        }
        w.EndArray();
    }
    w.EndObject();
}

// An option, relative to its arm (docs/result-format.md#summary-output): "s" left out when it is
// the arm's earliest start; "m" the inputs the arm's missing set lacks, "mx" those of the arm's it
// lacks; "c" / "cx" likewise against the arm's caution set without the option's missing inputs.
void writeOption(Writer &w, const Evaluation &e, int o)
{
    const RulePack &pack = e.pack();
    const GroupResult &r = e.option(o);
    const Arm arm = kArms[std::size_t(pack.options()[std::size_t(o)].arm)];
    const GroupResult &armResult = e.group(arm);
    const InputSet missing = inputSet(pack, r.missingInputs);
    const InputSet armMissing = inputSet(pack, armResult.missingInputs);
    const InputSet caution = inputSet(pack, r.cautionMissingInputs);
    const InputSet armCaution = minus(inputSet(pack, armResult.cautionMissingInputs), missing);
    w.StartObject();
    writeVerdictAndStart(w, r.verdict, &e.optionEarliestStart(o), e.earliestStart(arm));
    writeSet(w, "m", minus(missing, armMissing));
    writeSet(w, "mx", minus(armMissing, missing));
    writeSet(w, "c", minus(caution, armCaution));
    writeSet(w, "cx", minus(armCaution, caution));
    w.EndObject();
}

} // namespace

QByteArray summaryJson(const Engine &engine, const Evaluation &e)
{
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    w.StartObject();
    w.Key("format");
    w.String("consilium-summary/3");
    w.Key("case_id");
    writeString(w, e.caseData().id);
    w.Key("as_of");
    jsonout::writeIsoDate(w, e.asOf());
    // The arrays and input numbers below follow the pack's order: the line names the pack it was
    // written under (the first 16 hex digits of its SHA-256, docs/result-format.md#summary-output).
    w.Key("pack");
    writeString(w, e.pack().sha256().left(16));
    w.Key("derived");
    w.StartArray();
    for (const DerivedDef &def : e.pack().derived())
        writeSlotValue(w, e, def.slot);
    w.EndArray();
    w.Key("arms");
    w.StartArray();
    for (const Arm arm : kArms)
        writeArm(w, engine, e, arm);
    w.EndArray();
    if (!e.pack().options().empty()) {
        w.Key("options");
        w.StartArray();
        for (int o = 0; o < e.optionCount(); ++o)
            writeOption(w, e, o);
        w.EndArray();
    }
    w.EndObject();
    return QByteArray(buffer.GetString(), qsizetype(buffer.GetSize()));
}

} // namespace consilium
