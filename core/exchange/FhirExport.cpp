// SPDX-License-Identifier: GPL-3.0-or-later
// The FHIR R4 export of a decision (exchange/FhirExport.h, docs/fhir.md#export): the Bundle, the
// Patient, the Condition, the Observations and the Provenance. The decision's own resources
// (ClinicalImpression, RequestGroup, CarePlan) are in FhirExportDecision.cpp.
#include "exchange/FhirExport.h"
#include "exchange/FhirExportParts.h"
#include "rules/RulePack.h"

#include <QDateTime>
#include <QUuid>

namespace consilium::fhir {

using namespace detail;

namespace url {

QString codeSystem(const char *name)
{
    return QLatin1String(kBase) + QLatin1String("/CodeSystem/") + QLatin1String(name);
}

QString extension(const char *name)
{
    return QLatin1String(kBase) + QLatin1String("/StructureDefinition/") + QLatin1String(name);
}

QString namingSystem(const char *name)
{
    return QLatin1String(kBase) + QLatin1String("/NamingSystem/") + QLatin1String(name);
}

QString packUrn(const QString &id, const QString &version, const QString &sha256)
{
    return QStringLiteral("urn:consilium:pack:%1:%2:sha256:%3").arg(id, version, sha256);
}

} // namespace url

QString resourceUrn(qint64 decisionId, const QString &kind)
{
    // The export's UUID namespace (docs/fhir.md#export); never change it, or re-exports differ.
    static const QUuid ns(QStringLiteral("ac58918b-27f9-48cb-9bef-f439138c5dd6"));
    const QUuid id = QUuid::createUuidV5(ns, QStringLiteral("decision/%1/%2").arg(decisionId).arg(kind));
    return QStringLiteral("urn:uuid:") + id.toString(QUuid::WithoutBraces);
}

namespace detail {

QString ExportContext::packUrn() const
{
    const QJsonObject p = result.value(QStringLiteral("rule_pack")).toObject();
    return url::packUrn(p.value(QStringLiteral("id")).toString(), p.value(QStringLiteral("version")).toString(),
        p.value(QStringLiteral("sha256")).toString());
}

QJsonObject coding(const QString &system, const QString &code, const QString &display)
{
    QJsonObject o { { QStringLiteral("system"), system }, { QStringLiteral("code"), code } };
    if (!display.isEmpty())
        o.insert(QStringLiteral("display"), display);
    return o;
}

QJsonObject codeable(const QJsonObject &c, const QString &text)
{
    QJsonObject o { { QStringLiteral("coding"), QJsonArray { c } } };
    if (!text.isEmpty())
        o.insert(QStringLiteral("text"), text);
    return o;
}

QJsonObject extensionString(const char *name, const QString &value)
{
    return QJsonObject { { QStringLiteral("url"), url::extension(name) }, { QStringLiteral("valueString"), value } };
}

QString instant(const QString &stored)
{
    QDateTime t = QDateTime::fromString(stored, Qt::ISODateWithMs);
    if (!t.isValid())
        return {};
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QString groupLabel(const QJsonObject &result, const QString &group)
{
    const QJsonObject arms = result.value(QStringLiteral("arms")).toObject();
    const qsizetype slash = group.indexOf(QLatin1Char('/'));
    const QJsonObject arm = arms.value(group.left(slash < 0 ? group.size() : slash)).toObject();
    if (slash < 0)
        return arm.value(QStringLiteral("label")).toString();
    return arm.value(QStringLiteral("sub_options"))
        .toObject()
        .value(group.mid(slash + 1))
        .toObject()
        .value(QStringLiteral("label"))
        .toString();
}

} // namespace detail

namespace {

const QLatin1String kUcum("http://unitsofmeasure.org");

bool known(const ExportContext &c, int v)
{
    return v >= 0 && c.caseData.status[std::size_t(v)] == ValueStatus::Known;
}

// Patient: pseudonymous (identifier type PSEUDED, the case id), gender, age at as_of as an
// extension (docs/fhir.md#patient); never a name or a birth date.
QJsonObject patient(ExportContext &c)
{
    QJsonObject type = codeable(coding(QStringLiteral("http://terminology.hl7.org/CodeSystem/v2-0203"),
        QStringLiteral("PSEUDED"), QStringLiteral("pseudonymized identifier")));
    QJsonObject p { { QStringLiteral("resourceType"), QStringLiteral("Patient") },
        { QStringLiteral("identifier"),
            QJsonArray { QJsonObject { { QStringLiteral("use"), QStringLiteral("secondary") },
                { QStringLiteral("type"), type }, { QStringLiteral("system"), url::namingSystem("case-id") },
                { QStringLiteral("value"), c.decision.caseId } } } } };
    const int sex = c.pack.variableIndex(QStringLiteral("sex"));
    if (known(c, sex)) {
        // The pack's sex values are FHIR's administrative genders (female, male).
        const QString value
            = c.pack.variables()[std::size_t(sex)].values.value(int(c.caseData.values[std::size_t(sex)]));
        static const QStringList genders
            = { QStringLiteral("female"), QStringLiteral("male"), QStringLiteral("other"), QStringLiteral("unknown") };
        if (genders.contains(value))
            p.insert(QStringLiteral("gender"), value);
        else
            c.notExported << QStringLiteral("sex: '%1' is not a FHIR administrative gender").arg(value);
    }
    const int age = c.pack.variableIndex(QStringLiteral("age_years"));
    if (known(c, age)) {
        const QJsonObject value { { QStringLiteral("value"), c.caseData.values[std::size_t(age)] },
            { QStringLiteral("unit"), QStringLiteral("a") }, { QStringLiteral("system"), kUcum },
            { QStringLiteral("code"), QStringLiteral("a") } };
        // A complex extension: the age and the day it was stated at, so an importer reads it
        // back only for that day (docs/fhir.md#urls).
        const QJsonArray parts { QJsonObject { { QStringLiteral("url"), QStringLiteral("age") },
                                     { QStringLiteral("valueAge"), value } },
            QJsonObject { { QStringLiteral("url"), QStringLiteral("asOf") },
                { QStringLiteral("valueDate"), c.caseData.asOf.toString(Qt::ISODate) } } };
        p.insert(QStringLiteral("extension"),
            QJsonArray { QJsonObject {
                { QStringLiteral("url"), url::extension("age-at-as-of") }, { QStringLiteral("extension"), parts } } });
    }
    return p;
}

// Condition: the case's disease with every SNOMED CT / ICD-10 code the pack maps to it.
QJsonObject condition(ExportContext &c)
{
    QJsonObject cond { { QStringLiteral("resourceType"), QStringLiteral("Condition") },
        { QStringLiteral("subject"), c.ref("Patient") } };
    const int v = c.pack.variableIndex(QStringLiteral("disease"));
    if (!known(c, v)) {
        c.notExported << QStringLiteral("disease: not known in the case; the Condition has no code");
        return cond;
    }
    const QString disease = c.pack.variables()[std::size_t(v)].values.value(int(c.caseData.values[std::size_t(v)]));
    QJsonArray codings;
    for (const DiseaseCode &d : c.pack.codes().diseases) {
        if (d.disease == disease)
            codings.append(coding(d.system, d.code));
    }
    if (codings.isEmpty())
        c.notExported
            << QStringLiteral("disease: the pack has no code for '%1' (Condition.code.text only)").arg(disease);
    QJsonObject code { { QStringLiteral("text"), disease } };
    if (!codings.isEmpty())
        code.insert(QStringLiteral("coding"), codings);
    cond.insert(QStringLiteral("code"), code);
    return cond;
}

// Variables that have their own place in the bundle (Patient, Condition).
bool exportedElsewhere(const QString &id)
{
    return id == QLatin1String("sex") || id == QLatin1String("disease") || id == QLatin1String("age_years");
}

// The code a fact is exported under and the value and unit it is written in: the first code of
// the variable whose `units` hold the unit as entered, the value as entered; else the first code
// with `units`, the value converted from the pack's canonical unit into that code's first unit
// through the pack's own conversion. A code without `units` is never used: a value is not
// written under a code whose property (mass or substance concentration) may not fit its unit.
struct CodedValue {
    const ObservationCode *code = nullptr;
    QString unit;
    double value = 0;
};

std::optional<CodedValue> codedValue(const ExportContext &c, int v, QString &why)
{
    const Variable &var = c.pack.variables()[std::size_t(v)];
    const FactInput &f = c.caseData.facts[std::size_t(v)];
    const QString entered = f.unit.isEmpty() ? var.unit : f.unit;
    const ObservationCode *fallback = nullptr;
    bool anyCode = false;
    for (const ObservationCode &oc : c.pack.codes().observations) {
        if (oc.variable != v)
            continue;
        anyCode = true;
        if (oc.units.contains(entered))
            return CodedValue { &oc, entered, f.unit.isEmpty() ? c.caseData.values[std::size_t(v)] : f.entered };
        if (!fallback && !oc.units.isEmpty())
            fallback = &oc;
    }
    if (!fallback) {
        why = anyCode
            ? QStringLiteral("the pack does not say which units fit its observation codes (codes.observations[].units)")
            : QStringLiteral("the pack maps no observation code to it");
        return std::nullopt;
    }
    const UnitConversion *to = var.findUnit(fallback->units.constFirst());
    if (!to) {
        why = QStringLiteral("no conversion into '%1'").arg(fallback->units.constFirst());
        return std::nullopt;
    }
    const double canonical = c.caseData.values[std::size_t(v)];
    return CodedValue { fallback, to->unit, to->divide ? canonical * to->factor : canonical / to->factor };
}

const UcumUnit *ucumOf(const ExportContext &c, const QString &unit)
{
    for (const UcumUnit &u : c.pack.codes().ucum) {
        if (u.unit == unit)
            return &u;
    }
    return nullptr;
}

// One Observation per known numeric fact with a LOINC code and a UCUM spelling of its unit as
// entered (docs/fhir.md#observation); every other known fact is named in notExported.
void observations(ExportContext &c, QJsonArray &entries, QStringList &kinds)
{
    const auto &vars = c.pack.variables();
    for (std::size_t i = 0; i < vars.size(); ++i) {
        const Variable &var = vars[i];
        if (!known(c, int(i)) || exportedElsewhere(var.id))
            continue;
        QString why;
        const auto coded = codedValue(c, int(i), why);
        if (!coded) {
            c.notExported << QStringLiteral("%1: %2").arg(var.id, why);
            continue;
        }
        const ObservationCode *oc = coded->code;
        const FactInput &f = c.caseData.facts[i];
        const QString &unit = coded->unit;
        const double value = coded->value;
        const UcumUnit *u = ucumOf(c, unit);
        if (!u) {
            c.notExported << QStringLiteral("%1: the pack has no UCUM spelling for its unit '%2'").arg(var.id, unit);
            continue;
        }
        QJsonObject obs { { QStringLiteral("resourceType"), QStringLiteral("Observation") },
            { QStringLiteral("status"), QStringLiteral("final") },
            { QStringLiteral("code"), codeable(coding(oc->system, oc->code), var.label) },
            { QStringLiteral("subject"), c.ref("Patient") },
            { QStringLiteral("valueQuantity"),
                QJsonObject { { QStringLiteral("value"), value }, { QStringLiteral("unit"), unit },
                    { QStringLiteral("system"), kUcum }, { QStringLiteral("code"), u->ucum } } } };
        if (!f.date.isEmpty())
            obs.insert(QStringLiteral("effectiveDateTime"), f.date);
        const QString kind = QStringLiteral("Observation/") + var.id;
        kinds << kind;
        entries.append(QJsonObject { { QStringLiteral("kind"), kind }, { QStringLiteral("resource"), obs } });
    }
}

QJsonObject agent(const char *type, const QString &who, const QString &role = {})
{
    QJsonObject a { { QStringLiteral("type"),
                        codeable(
                            coding(QStringLiteral("http://terminology.hl7.org/CodeSystem/provenance-participant-type"),
                                QLatin1String(type))) },
        { QStringLiteral("who"),
            QJsonObject { { QStringLiteral("display"), who.isEmpty() ? QStringLiteral("(not recorded)") : who } } } };
    if (!role.isEmpty())
        a.insert(QStringLiteral("role"), QJsonArray { QJsonObject { { QStringLiteral("text"), role } } });
    return a;
}

// Provenance of the finalisation: who finalised, when, under which pack; each position's
// recorder as an attester with the position's role (docs/fhir.md#provenance).
QJsonObject provenance(ExportContext &c)
{
    const ExportDecision &d = c.decision;
    QJsonArray agents { agent("author", d.finalisedBy, QStringLiteral("finalised the decision")) };
    for (const ExportPosition &p : d.positions) {
        const QString who = p.recordedBy.isEmpty() ? p.participant : p.recordedBy;
        agents.append(agent("attester", who, QStringLiteral("%1 (%2, %3)").arg(p.role, p.participant, p.stance)));
    }
    return QJsonObject { { QStringLiteral("resourceType"), QStringLiteral("Provenance") },
        { QStringLiteral("target"), QJsonArray { c.ref("CarePlan") } },
        { QStringLiteral("recorded"), instant(d.finalisedAt) },
        { QStringLiteral("policy"), QJsonArray { c.packUrn() } }, { QStringLiteral("agent"), agents } };
}

QJsonObject entry(const QString &urn, QJsonObject resource)
{
    resource.insert(QStringLiteral("id"), urn.mid(QStringLiteral("urn:uuid:").size()));
    return QJsonObject { { QStringLiteral("fullUrl"), urn }, { QStringLiteral("resource"), resource } };
}

QJsonObject bundle(ExportContext &c)
{
    const ExportDecision &d = c.decision;
    QJsonArray entries { entry(c.urn("Patient"), patient(c)), entry(c.urn("Condition"), condition(c)) };
    QJsonArray obs;
    QStringList kinds;
    observations(c, obs, kinds);
    for (qsizetype i = 0; i < obs.size(); ++i)
        entries.append(
            entry(resourceUrn(d.id, kinds[i]), obs[i].toObject().value(QStringLiteral("resource")).toObject()));
    entries.append(entry(c.urn("ClinicalImpression"), clinicalImpression(c)));
    entries.append(entry(c.urn("RequestGroup"), requestGroup(c)));
    entries.append(entry(c.urn("CarePlan"), carePlan(c)));
    if (d.finalised)
        entries.append(entry(c.urn("Provenance"), provenance(c)));
    QJsonObject b { { QStringLiteral("resourceType"), QStringLiteral("Bundle") },
        { QStringLiteral("id"), c.urn("Bundle").mid(QStringLiteral("urn:uuid:").size()) },
        { QStringLiteral("identifier"),
            QJsonObject { { QStringLiteral("system"), url::namingSystem("decision-id") },
                { QStringLiteral("value"), QString::number(d.id) } } },
        { QStringLiteral("type"), QStringLiteral("collection") },
        { QStringLiteral("timestamp"), instant(d.finalised ? d.finalisedAt : d.createdAt) },
        { QStringLiteral("entry"), entries } };
    if (!d.finalised) // a draft says so (docs/fhir.md#export)
        b.insert(QStringLiteral("meta"),
            QJsonObject { { QStringLiteral("tag"),
                QJsonArray { coding(url::codeSystem("decision-status"), QStringLiteral("draft"),
                    QStringLiteral("draft decision, not finalised")) } } });
    return b;
}

} // namespace

ExportResult exportDecision(const ExportDecision &decision, const RulePack &pack)
{
    ExportResult out;
    json::Diagnostics diag;
    const auto caseData = parseCase(decision.caseJson, pack, diag);
    if (!caseData) {
        out.error = QStringLiteral("the decided case version does not read under pack %1 %2: %3")
                        .arg(pack.id(), pack.version(), diag.lines().join(QStringLiteral("; ")));
        return out;
    }
    QJsonParseError err {};
    const QJsonDocument result = QJsonDocument::fromJson(decision.resultJson, &err);
    if (!result.isObject()) {
        out.error = QStringLiteral("the decision's stored result does not read: %1").arg(err.errorString());
        return out;
    }
    ExportContext c(decision, pack, *caseData, result.object());
    out.bundle = QJsonDocument(bundle(c)).toJson(QJsonDocument::Indented);
    out.notExported = c.notExported;
    return out;
}

} // namespace consilium::fhir
