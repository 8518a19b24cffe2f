// SPDX-License-Identifier: GPL-3.0-or-later
// The FHIR R4 Bundle import (exchange/FhirImport.h, docs/cli.md#import-fhir): the bundle's
// checks, the order of the steps, and the draft consilium-case/1 (docs/case-format.md), which is
// read back with the strict case reader before it is handed out.
#include "exchange/FhirImport.h"
#include "case/CaseData.h"
#include "exchange/FhirResources.h"
#include "rules/RulePack.h"

#include "engine/JsonValues.h"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <algorithm>
#include <charconv>
#include <set>

namespace consilium::fhir {

using json::childPath;
using json::indexPath;
using Outcome = ImportItem::Outcome;
namespace FindingCode = json::FindingCode;
using namespace detail;

namespace {

// A bundle may be larger than a case file; FHIR servers export whole records.
constexpr qsizetype kMaxBundleBytes = qsizetype(32) * 1024 * 1024;

bool readEntries(const Value &root, Context &c, json::Diagnostics &fatal)
{
    const QString type = string(root, "resourceType");
    if (type != QLatin1String("Bundle")) {
        fatal.error(QStringLiteral("$.resourceType"),
            QStringLiteral("expected a Bundle, found resourceType \"%1\"").arg(type), QLatin1String(FindingCode::Type));
        return false;
    }
    const QString bundleType = string(root, "type");
    static const QStringList accepted
        = { QStringLiteral("collection"), QStringLiteral("searchset"), QStringLiteral("transaction") };
    if (!accepted.contains(bundleType)) {
        fatal.error(QStringLiteral("$.type"),
            QStringLiteral("Bundle type \"%1\" is not imported (expected collection, searchset or transaction)")
                .arg(bundleType),
            QLatin1String(FindingCode::Enum));
        return false;
    }
    const Value *entries = member(root, "entry");
    if (entries && !entries->IsArray()) {
        fatal.error(QStringLiteral("$.entry"), QStringLiteral("expected an array"), QLatin1String(FindingCode::Type));
        return false;
    }
    for (qsizetype i = 0; entries && i < qsizetype(entries->Size()); ++i) {
        const Value &entry = (*entries)[rapidjson::SizeType(i)];
        const QString path = indexPath(QStringLiteral("$.entry"), i);
        const Value *resource = member(entry, "resource");
        if (!resource || !resource->IsObject() || string(*resource, "resourceType").isEmpty()) {
            Entry bare;
            bare.path = path;
            c.add(Outcome::Ignored, bare, path, QStringLiteral("an entry without a resource"));
            continue;
        }
        c.entries.push_back({ resource, childPath(path, "resource"), string(*resource, "resourceType"),
            string(*resource, "id"), string(entry, "fullUrl") });
    }
    return true;
}

// The one Patient of the bundle (several distinct patients: fatal).
bool findPatient(Context &c, json::Diagnostics &fatal)
{
    const Entry *patient = nullptr;
    for (const Entry &e : c.entries) {
        if (e.type != QLatin1String("Patient"))
            continue;
        if (patient && patient->id != e.id) {
            fatal.error(e.path,
                QStringLiteral("a second patient (%1 after %2): import one patient at a time")
                    .arg(e.label(), patient->label()),
                QLatin1String(FindingCode::Invalid));
            return false;
        }
        patient = &e;
    }
    if (!patient) {
        c.notes << QStringLiteral("no Patient: sex and age_years stay missing");
        return true;
    }
    c.patientRef = QStringLiteral("Patient/") + patient->id;
    c.patientFullUrl = patient->fullUrl;
    importPatient(c, *patient);
    return true;
}

// One disease for the case: conditions naming different diseases are an error (none is imported).
void resolveDisease(Context &c)
{
    std::set<QString> names;
    for (const ImportItem &it : c.items) {
        if (it.outcome == Outcome::Mapped && it.target == QLatin1String("disease"))
            names.insert(it.text);
    }
    if (names.empty())
        return;
    const QString all = QStringList(names.begin(), names.end()).join(QStringLiteral(", "));
    bool first = true;
    for (ImportItem &it : c.items) {
        if (it.outcome != Outcome::Mapped || it.target != QLatin1String("disease"))
            continue;
        if (names.size() > 1) {
            it.outcome = Outcome::Error;
            it.reason = QStringLiteral("the conditions name different diseases (%1): disease stays missing").arg(all);
        } else if (!first) {
            it.outcome = Outcome::Ignored;
            it.reason = QStringLiteral("the same disease as an earlier condition");
        }
        first = false;
    }
    if (names.size() == 1)
        c.setFact({ c.pack.variableIndex(QStringLiteral("disease")), std::nullopt, *names.begin(), {}, {} });
}

void ignoreOthers(Context &c)
{
    static const QStringList read = { QStringLiteral("Patient"), QStringLiteral("Condition"),
        QStringLiteral("Observation"), QStringLiteral("MedicationStatement"), QStringLiteral("MedicationRequest"),
        QStringLiteral("MedicationAdministration") };
    for (const Entry &e : c.entries) {
        if (e.type == QLatin1String("Medication"))
            c.add(
                Outcome::Ignored, e, e.path, QStringLiteral("a Medication is read only through a medicationReference"));
        else if (!read.contains(e.type))
            c.add(Outcome::Ignored, e, e.path, QStringLiteral("resourceType %1 is not imported").arg(e.type));
    }
}

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

using jsonout::writeString;

// Numbers in shortest round-trip form ("35", not "35.0"), as the result writer writes them.
void writeNumber(Writer &w, double v)
{
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    w.RawValue(buf, rapidjson::SizeType(res.ptr - buf), rapidjson::kNumberType);
}

void writeFacts(Writer &w, const Context &c)
{
    w.Key("facts");
    w.StartObject();
    for (std::size_t v = 0; v < c.pack.variables().size(); ++v) {
        for (const DraftFact &f : c.facts) {
            if (f.variable != int(v))
                continue;
            writeString(w, c.pack.variables()[v].id);
            if (!f.number) {
                writeString(w, f.text);
                continue;
            }
            w.StartObject();
            w.Key("value");
            writeNumber(w, *f.number);
            w.Key("unit");
            writeString(w, f.unit);
            if (!f.date.isEmpty()) {
                w.Key("date");
                writeString(w, f.date);
            }
            w.EndObject();
        }
    }
    w.EndObject();
}

QByteArray writeDraft(const Context &c, const QString &id, const QString &jurisdiction)
{
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    w.SetIndent(' ', 2);
    w.StartObject();
    w.Key("format");
    w.String("consilium-case/1");
    w.Key("id");
    writeString(w, id);
    w.Key("label");
    w.String("Imported from a FHIR bundle; review before saving");
    w.Key("as_of");
    writeString(w, c.asOf.toString(Qt::ISODate));
    w.Key("jurisdiction");
    writeString(w, jurisdiction);
    writeFacts(w, c);
    if (c.hasMedications) {
        w.Key("medications");
        w.StartArray();
        for (const DraftMedication &m : c.medications) {
            w.StartObject();
            w.Key("agent");
            writeString(w, c.pack.agents()[std::size_t(m.agent)].id);
            if (m.dailyDoseMg) {
                w.Key("daily_dose");
                w.StartObject();
                w.Key("value");
                writeNumber(w, *m.dailyDoseMg);
                w.Key("unit");
                w.String("mg");
                w.EndObject();
            }
            if (m.lastDose.isValid()) {
                w.Key("last_dose");
                writeString(w, m.lastDose.toString(Qt::ISODate));
            }
            w.EndObject();
        }
        w.EndArray();
    }
    w.EndObject();
    return QByteArray(buffer.GetString(), qsizetype(buffer.GetSize())) + '\n';
}

} // namespace

qsizetype ImportResult::count(ImportItem::Outcome outcome) const
{
    return std::count_if(items.begin(), items.end(), [&](const ImportItem &i) { return i.outcome == outcome; });
}

ImportResult importBundle(
    const QByteArray &bytes, const RulePack &pack, const ExchangeCodes &codes, const ImportOptions &options)
{
    ImportResult result;
    result.asOf = options.asOf;
    result.asOfIsDefault = options.asOfIsDefault;
    result.jurisdiction = options.jurisdiction.isEmpty() ? pack.jurisdictions().value(0) : options.jurisdiction;
    json::Document doc;
    json::Limits limits;
    limits.maxBytes = kMaxBundleBytes;
    if (!json::parseStrict(bytes, doc, result.fatal, limits))
        return result;
    Context c(pack, codes, options.asOf);
    if (options.jurisdiction.isEmpty())
        c.notes
            << QStringLiteral("jurisdiction: %1, the pack's first (not read from the bundle)").arg(result.jurisdiction);
    if (!readEntries(doc, c, result.fatal) || !findPatient(c, result.fatal))
        return result;
    for (const Entry &e : c.entries) {
        if (e.type == QLatin1String("Condition"))
            importCondition(c, e);
    }
    resolveDisease(c);
    importObservations(c);
    importMedications(c);
    ignoreOthers(c);
    c.notes << QStringLiteral("failed_therapies: not imported (which therapies failed is a clinical judgement); "
                              "the list stays missing");
    const QString id = options.caseId.isEmpty() ? QStringLiteral("fhir-import-") + options.asOf.toString(Qt::ISODate)
                                                : options.caseId;
    result.draft = writeDraft(c, id, result.jurisdiction);
    result.items = std::move(c.items);
    result.notes = std::move(c.notes);
    json::Diagnostics check;
    if (!parseCase(result.draft, pack, check)) {
        for (const json::Finding &f : check.findings())
            result.fatal.error(f.path, QStringLiteral("the draft is not a valid case: ") + f.message, f.code);
        result.draft.clear();
    }
    return result;
}

} // namespace consilium::fhir
