// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/SummaryResult.h"

#include "engine/JsonValues.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace consilium {

namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;
using jsonout::writeDate;
using jsonout::writeSlotValue;
using jsonout::writeString;
using jsonout::writeStringList;

// verdict, missing_inputs, caution_missing_inputs of one verdict group (an arm, a sub-option or
// an option), as in the full result; a list is left out when it is empty (the line stays short
// for the many cases with nothing missing).
void writeGroup(Writer &w, const GroupResult &r)
{
    w.Key("verdict");
    const auto v = toString(r.verdict);
    w.String(v.data(), rapidjson::SizeType(v.size()));
    if (!r.missingInputs.isEmpty()) {
        w.Key("missing_inputs");
        writeStringList(w, r.missingInputs);
    }
    if (!r.cautionMissingInputs.isEmpty()) {
        w.Key("caution_missing_inputs");
        writeStringList(w, r.cautionMissingInputs);
    }
}

void writeArm(Writer &w, const Engine &engine, const Evaluation &e, Arm arm)
{
    const std::size_t a = armIndex(arm);
    w.Key(kArmIds[a]);
    w.StartObject();
    writeGroup(w, e.group(arm));
    w.Key("earliest_start");
    writeDate(w, e.earliestStart(arm));
    const auto &subs = e.pack().arms()[a].subOptions;
    if (!subs.empty()) {
        w.Key("sub_options");
        w.StartObject();
        for (std::size_t s = 0; s < subs.size(); ++s) {
            writeString(w, subs[s].id);
            w.StartObject();
            writeGroup(w, e.group(engine.groupIndex(arm, int(s))));
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
    w.StartObject();
    w.Key("format");
    w.String("consilium-summary/1");
    w.Key("case_id");
    writeString(w, e.caseData().id);
    w.Key("as_of");
    writeString(w, e.asOf().toString(Qt::ISODate));
    w.Key("derived");
    w.StartObject();
    for (const DerivedDef &def : e.pack().derived()) {
        writeString(w, def.id);
        writeSlotValue(w, e, def.slot);
    }
    w.EndObject();
    w.Key("arms");
    w.StartObject();
    for (const Arm arm : kArms)
        writeArm(w, engine, e, arm);
    w.EndObject();
    if (!e.pack().options().empty()) {
        w.Key("options");
        w.StartObject();
        for (int o = 0; o < e.optionCount(); ++o) {
            writeString(w, e.optionDef(o).id);
            w.StartObject();
            writeGroup(w, e.option(o));
            w.Key("earliest_start");
            writeDate(w, e.optionEarliestStart(o));
            w.EndObject();
        }
        w.EndObject();
    }
    w.EndObject();
    return QByteArray(buffer.GetString(), qsizetype(buffer.GetSize()));
}

} // namespace consilium
