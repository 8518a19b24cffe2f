// SPDX-License-Identifier: GPL-3.0-or-later
// The follow-up record as JSON, consilium-follow-up/1 (docs/store.md#follow-up-json).
#include "store/FollowUps.h"
#include "store/FollowUpsInternal.h"

#include "json/StrictJson.h"

#include "engine/JsonValues.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace consilium {

namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

using jsonout::writeString;

// Unknown (empty) is null, never "" (docs/store.md#follow-up-json).
void writeText(JsonWriter &w, const char *key, const QString &s)
{
    w.Key(key);
    if (s.isEmpty())
        w.Null();
    else
        writeString(w, s);
}

// A grade is a whole number in JSON; one that is not a number (only possible when set through
// the API and refused by validate()) is written as the text it is.
void writeGrade(JsonWriter &w, const char *key, const QString &grade)
{
    w.Key(key);
    bool ok = false;
    const int n = grade.toInt(&ok);
    if (grade.isEmpty())
        w.Null();
    else if (ok)
        w.Int(n);
    else
        writeString(w, grade);
}

void writeFlag(JsonWriter &w, const char *key, std::optional<bool> flag)
{
    w.Key(key);
    if (flag)
        w.Bool(*flag);
    else
        w.Null();
}

void writeEvent(JsonWriter &w, const char *key, const ToxicityEvent &e)
{
    w.Key(key);
    w.StartObject();
    writeGrade(w, "grade", e.grade);
    writeText(w, "onset", e.onset);
    writeText(w, "resolved", e.resolved);
    w.EndObject();
}

void writeOutcome(JsonWriter &w, const FollowUpOutcome &o)
{
    w.StartObject();
    w.Key("day");
    w.Int(o.day);
    writeText(w, "assessed_on", o.assessedOn);
    writeEvent(w, "crs", o.crs);
    writeEvent(w, "icans", o.icans);
    writeGrade(w, "icaht_grade", o.icahtGrade);
    writeFlag(w, "infection_grade3plus", o.infectionGrade3plus);
    writeText(w, "infection_text", o.infectionText);
    writeText(w, "response", o.response);
    writeFlag(w, "died", o.died);
    writeText(w, "death_date", o.deathDate);
    w.EndObject();
}

// The record's own content; with `withIds` also its id, decision and who recorded it when.
QByteArray writeRecord(const FollowUp &f, bool withIds)
{
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    w.Key("format");
    w.String(kFollowUpFormat);
    if (withIds) {
        w.Key("id");
        w.Int64(f.id);
        w.Key("decision_id");
        w.Int64(f.decisionId);
    }
    w.Key("status");
    writeString(w, followUpStatusName(f.status));
    writeText(w, "treated_on", f.treatedOn);
    writeText(w, "arm", f.arm);
    writeText(w, "option", f.option);
    writeText(w, "lot_or_trial_id", f.lotOrTrialId);
    writeText(w, "lymphodepletion", f.lymphodepletion);
    writeText(w, "reason", f.notCarriedReason);
    writeText(w, "reason_text", f.notCarriedText);
    w.Key("outcomes");
    w.StartArray();
    for (const FollowUpOutcome &o : f.outcomes)
        writeOutcome(w, o);
    w.EndArray();
    if (withIds) {
        writeText(w, "recorded_at", f.recordedAt);
        writeText(w, "recorded_by", f.recordedBy);
    }
    w.EndObject();
    return QByteArray(buffer.GetString(), qsizetype(buffer.GetSize()));
}

// Readers of nullable values: null or absent is unknown (empty / nullopt).
QString text(const json::ObjectView &v, std::string_view key)
{
    const json::Value *value = v.get(key);
    if (!value || value->IsNull())
        return {};
    return v.string(key).value_or(QString());
}

QString grade(const json::ObjectView &v, std::string_view key)
{
    const json::Value *value = v.get(key);
    if (!value || value->IsNull())
        return {};
    const auto n = v.integer(key);
    return n ? QString::number(*n) : QString();
}

std::optional<bool> flag(const json::ObjectView &v, std::string_view key)
{
    const json::Value *value = v.get(key);
    if (!value || value->IsNull())
        return std::nullopt;
    return v.boolean(key);
}

ToxicityEvent readEvent(const json::ObjectView &parent, std::string_view key)
{
    const json::Value *value = parent.get(key);
    if (!value || value->IsNull())
        return {};
    json::ObjectView v(*value, parent.pathOf(key), parent.diag(), {}, { "grade", "onset", "resolved" });
    return { grade(v, "grade"), text(v, "onset"), text(v, "resolved") };
}

FollowUpOutcome readOutcome(const json::Value &value, const QString &path, json::Diagnostics &diag)
{
    json::ObjectView v(value, path, diag, { "day" },
        { "assessed_on", "crs", "icans", "icaht_grade", "infection_grade3plus", "infection_text", "response", "died",
            "death_date" });
    FollowUpOutcome o;
    o.day = int(v.integer("day").value_or(0));
    o.assessedOn = text(v, "assessed_on");
    o.crs = readEvent(v, "crs");
    o.icans = readEvent(v, "icans");
    o.icahtGrade = grade(v, "icaht_grade");
    o.infectionGrade3plus = flag(v, "infection_grade3plus");
    o.infectionText = text(v, "infection_text");
    o.response = text(v, "response");
    o.died = flag(v, "died");
    o.deathDate = text(v, "death_date");
    return o;
}

} // namespace

QByteArray followUpToJson(const FollowUp &f)
{
    return writeRecord(f, true);
}

QByteArray followUpContent(const FollowUp &f)
{
    return writeRecord(f, false);
}

std::optional<FollowUp> followUpFromJson(const QByteArray &bytes, QStringList &errors)
{
    json::Document doc;
    json::Diagnostics diag;
    if (!json::parseStrict(bytes, doc, diag)) {
        errors << diag.lines();
        return std::nullopt;
    }
    json::ObjectView v(doc, QStringLiteral("$"), diag, { "status" },
        { "format", "id", "decision_id", "treated_on", "arm", "option", "lot_or_trial_id", "lymphodepletion", "reason",
            "reason_text", "outcomes", "recorded_at", "recorded_by" });
    FollowUp f;
    if (const auto format = v.string("format"); format && *format != QLatin1String(kFollowUpFormat))
        diag.error(v.pathOf("format"), QStringLiteral("expected \"%1\"").arg(QLatin1String(kFollowUpFormat)),
            QLatin1String(json::FindingCode::Format));
    f.id = v.integer("id").value_or(0);
    f.decisionId = v.integer("decision_id").value_or(0);
    if (const auto status = v.string("status")) {
        if (const auto s = followUpStatusFromName(*status))
            f.status = *s;
        else
            diag.error(v.pathOf("status"), QStringLiteral("'%1' is not carried_out or not_carried_out").arg(*status),
                QLatin1String(json::FindingCode::Enum));
    }
    f.treatedOn = text(v, "treated_on");
    f.arm = text(v, "arm");
    f.option = text(v, "option");
    f.lotOrTrialId = text(v, "lot_or_trial_id");
    f.lymphodepletion = text(v, "lymphodepletion");
    f.notCarriedReason = text(v, "reason");
    f.notCarriedText = text(v, "reason_text");
    f.recordedAt = text(v, "recorded_at");
    f.recordedBy = text(v, "recorded_by");
    if (const json::Value *outcomes = v.array("outcomes")) {
        for (rapidjson::SizeType i = 0; i < outcomes->Size(); ++i)
            f.outcomes.push_back(readOutcome((*outcomes)[i], json::indexPath(v.pathOf("outcomes"), i), diag));
    }
    if (!diag.ok()) {
        errors << diag.lines();
        return std::nullopt;
    }
    return f;
}

} // namespace consilium
