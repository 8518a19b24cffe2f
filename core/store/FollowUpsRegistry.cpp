// SPDX-License-Identifier: GPL-3.0-or-later
// The registry extract: one row per treated patient with the items registries collect after
// cell therapy (issue 14; the fields are documented in docs/registry.md).
#include "store/FollowUpsInternal.h"

#include "store/CanonicalJson.h"

#include "json/StrictJson.h"

#include "engine/JsonValues.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace consilium {

namespace {

constexpr char kExtractFormat[] = "consilium-registry-extract/1";

QVariant textOrNull(const QString &s)
{
    return s.isEmpty() ? QVariant() : QVariant(s);
}

QVariant gradeOrNull(const QString &s)
{
    bool ok = false;
    const int n = s.toInt(&ok);
    return ok ? QVariant(n) : QVariant();
}

QVariant flagOrNull(std::optional<bool> flag)
{
    return flag ? QVariant(*flag) : QVariant();
}

// The case's diagnosis (facts.disease) and prior therapies (failed_therapies) as stored with
// the decided version (docs/case-format.md); null where the case leaves them unknown.
void caseItems(const QByteArray &caseContent, QVariant &diagnosis, QVariant &priorTherapies)
{
    json::Document doc;
    if (!parseStored(caseContent, doc) || !doc.IsObject())
        return;
    if (doc.HasMember("facts") && doc["facts"].IsObject() && doc["facts"].HasMember("disease")
        && doc["facts"]["disease"].IsString())
        diagnosis = json::toQString(doc["facts"]["disease"]);
    if (doc.HasMember("failed_therapies") && doc["failed_therapies"].IsArray()) {
        QStringList agents;
        for (const auto &a : doc["failed_therapies"].GetArray()) {
            if (a.IsString())
                agents << json::toQString(a);
        }
        priorTherapies = agents;
    }
}

// The number of failed prior lines as the decision's engine counted it: the input
// failed_lines_count of any criterion in the stored result (docs/case-format.md#failed-therapies);
// null when no criterion read it or it was unknown.
QVariant priorLines(const QByteArray &resultJson)
{
    json::Document doc;
    if (!parseStored(resultJson, doc) || !doc.IsObject() || !doc.HasMember("arms") || !doc["arms"].IsObject())
        return {};
    for (const auto &arm : doc["arms"].GetObject()) {
        if (!arm.value.IsObject() || !arm.value.HasMember("criteria") || !arm.value["criteria"].IsArray())
            continue;
        for (const auto &c : arm.value["criteria"].GetArray()) {
            if (!c.IsObject() || !c.HasMember("inputs") || !c["inputs"].IsObject())
                continue;
            const auto it = c["inputs"].FindMember("failed_lines_count");
            if (it != c["inputs"].MemberEnd() && it->value.IsNumber())
                return QVariant(qint64(it->value.GetInt64()));
        }
    }
    return {};
}

void addOutcome(RegistryRow &row, int day, const FollowUpOutcome *o)
{
    const QString p = QStringLiteral("d%1_").arg(day);
    const FollowUpOutcome none;
    const FollowUpOutcome &v = o ? *o : none;
    row.emplace_back(p + QStringLiteral("assessed_on"), textOrNull(v.assessedOn));
    row.emplace_back(p + QStringLiteral("crs_grade"), gradeOrNull(v.crs.grade));
    row.emplace_back(p + QStringLiteral("crs_onset"), textOrNull(v.crs.onset));
    row.emplace_back(p + QStringLiteral("crs_resolved"), textOrNull(v.crs.resolved));
    row.emplace_back(p + QStringLiteral("icans_grade"), gradeOrNull(v.icans.grade));
    row.emplace_back(p + QStringLiteral("icans_onset"), textOrNull(v.icans.onset));
    row.emplace_back(p + QStringLiteral("icans_resolved"), textOrNull(v.icans.resolved));
    row.emplace_back(p + QStringLiteral("icaht_grade"), gradeOrNull(v.icahtGrade));
    row.emplace_back(p + QStringLiteral("infection_grade3plus"), flagOrNull(v.infectionGrade3plus));
    row.emplace_back(p + QStringLiteral("response"), textOrNull(v.response));
    row.emplace_back(p + QStringLiteral("died"), flagOrNull(v.died));
    row.emplace_back(p + QStringLiteral("death_date"), textOrNull(v.deathDate));
}

// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
QByteArray csvField(const QVariant &v)
{
    if (v.isNull())
        return {};
    QString s;
    if (v.typeId() == QMetaType::Bool)
        s = v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    else if (v.typeId() == QMetaType::QStringList)
        s = v.toStringList().isEmpty() ? QStringLiteral("none") : v.toStringList().join(QLatin1Char(';'));
    else
        s = v.toString();
    if (s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')) || s.contains(QLatin1Char('\n'))
        || s.contains(QLatin1Char('\r')))
        s = QLatin1Char('"') + s.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
    return s.toUtf8();
}

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

using jsonout::writeString;

void writeValue(JsonWriter &w, const QVariant &v)
{
    if (v.isNull())
        w.Null();
    else if (v.typeId() == QMetaType::Bool)
        w.Bool(v.toBool());
    else if (v.typeId() == QMetaType::Int || v.typeId() == QMetaType::LongLong)
        w.Int64(v.toLongLong());
    else if (v.typeId() == QMetaType::QStringList) {
        w.StartArray();
        for (const QString &s : v.toStringList())
            writeString(w, s);
        w.EndArray();
    } else
        writeString(w, v.toString());
}

} // namespace

RegistryRow registryRow(const FollowUp &f, const QString &caseId, const QByteArray &caseContent,
    const QByteArray &resultJson, const QString &packId, const QString &packVersion)
{
    QVariant diagnosis;
    QVariant priorTherapies;
    caseItems(caseContent, diagnosis, priorTherapies);
    RegistryRow row {
        { QStringLiteral("case_id"), caseId },
        { QStringLiteral("decision_id"), f.decisionId },
        { QStringLiteral("rule_pack"), QStringLiteral("%1 %2").arg(packId, packVersion) },
        { QStringLiteral("diagnosis"), diagnosis },
        { QStringLiteral("prior_lines"), priorLines(resultJson) },
        { QStringLiteral("prior_therapies"), priorTherapies },
        { QStringLiteral("arm"), textOrNull(f.arm) },
        { QStringLiteral("option"), textOrNull(f.option) },
        { QStringLiteral("lot_or_trial_id"), textOrNull(f.lotOrTrialId) },
        { QStringLiteral("lymphodepletion"), textOrNull(f.lymphodepletion) },
        { QStringLiteral("infusion_date"), textOrNull(f.treatedOn) },
    };
    for (int day : FollowUps::outcomeDays())
        addOutcome(row, day, f.outcome(day));
    row.emplace_back(QStringLiteral("recorded_at"), f.recordedAt);
    return row;
}

QByteArray registryCsv(const std::vector<RegistryRow> &rows)
{
    // The header comes from an empty row, so an extract without patients still names its fields.
    const RegistryRow names = registryRow({}, {}, {}, {}, {}, {});
    QByteArrayList header;
    for (const auto &[name, value] : names)
        header << name.toUtf8();
    QByteArray out = header.join(',') + "\r\n";
    for (const RegistryRow &row : rows) {
        QByteArrayList fields;
        for (const auto &[name, value] : row)
            fields << csvField(value);
        out += fields.join(',') + "\r\n";
    }
    return out;
}

QByteArray registryJson(const std::vector<RegistryRow> &rows)
{
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    w.Key("format");
    w.String(kExtractFormat);
    w.Key("rows");
    w.StartArray();
    for (const RegistryRow &row : rows) {
        w.StartObject();
        for (const auto &[name, value] : row) {
            writeString(w, name);
            writeValue(w, value);
        }
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return QByteArray(buffer.GetString(), qsizetype(buffer.GetSize())) + '\n';
}

} // namespace consilium
