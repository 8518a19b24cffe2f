// SPDX-License-Identifier: GPL-3.0-or-later
// The FHIR R4 Bundle import (core/exchange/FhirImport.h, docs/cli.md#import-fhir) on the bundles of
// tests/data/fhir. Expected values are worked by hand from the pack's unit factors
// (resources/packs/consilium-reference.json, variables[].units) and stated beside each check; every
// draft is read back with the strict case reader.
#include "case/CaseData.h"
#include "exchange/FhirImport.h"
#include "rules/RulePack.h"

#include <QFile>
#include <QtTest>

using namespace consilium;
using Outcome = fhir::ImportItem::Outcome;

namespace {

const QDate kAsOf(2026, 12, 1);

QByteArray bundleFile(const char *name)
{
    QFile f(QStringLiteral(CONSILIUM_SOURCE_DIR "/tests/data/fhir/") + QLatin1String(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", name);
    return f.readAll();
}

fhir::ImportResult import(const QByteArray &bytes, QDate asOf = kAsOf)
{
    fhir::ImportOptions o;
    o.asOf = asOf;
    return fhir::importBundle(bytes, RulePack::builtin(), RulePack::builtin().codes(), o);
}

// The draft read back strictly (it must validate).
CaseData readDraft(const fhir::ImportResult &r)
{
    json::Diagnostics d;
    auto data = parseCase(r.draft, RulePack::builtin(), d);
    if (!data)
        qFatal("draft does not validate: %s", qPrintable(d.lines().join(QLatin1Char('\n'))));
    return *data;
}

int var(const char *id)
{
    return RulePack::builtin().variableIndex(QLatin1String(id));
}

bool known(const CaseData &c, const char *id)
{
    return c.status[std::size_t(var(id))] == ValueStatus::Known;
}

double value(const CaseData &c, const char *id)
{
    return c.values[std::size_t(var(id))];
}

QString enumValue(const CaseData &c, const char *id)
{
    const auto &values = RulePack::builtin().variables()[std::size_t(var(id))].values;
    return values.value(qsizetype(value(c, id)));
}

// The items about `target` with `outcome` from `resource` ("" = any resource).
std::vector<fhir::ImportItem> items(
    const fhir::ImportResult &r, Outcome outcome, const QString &target, const QString &resource = {})
{
    std::vector<fhir::ImportItem> out;
    for (const auto &it : r.items) {
        if (it.outcome == outcome && it.target == target && (resource.isEmpty() || it.resource == resource))
            out.push_back(it);
    }
    return out;
}

const fhir::ImportItem *itemOf(const fhir::ImportResult &r, const QString &resource)
{
    for (const auto &it : r.items) {
        if (it.resource == resource)
            return &it;
    }
    return nullptr;
}

const MedicationInput *medication(const CaseData &c, const char *agent)
{
    for (const auto &m : c.medications) {
        if (m.agent == RulePack::builtin().agentIndex(QLatin1String(agent)))
            return &m;
    }
    return nullptr;
}

} // namespace

class TestFhirImport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void siUnitsTransaction();
    void siUnitsMedications();
    void usUnitsSearchset();
    void problemsLeaveValuesMissing();
    void ageAtAsOf();
    void statedAgeOnlyForItsDay();
    void conflictingDiseases();
    void ongoingMedicationHasNoLastDose();
    void malformedBundles_data();
    void malformedBundles();
    void valueErrors();
    void reportJson();
};

void TestFhirImport::siUnitsTransaction()
{
    const auto r = import(bundleFile("sle-si-units-transaction.json"));
    QVERIFY(r.ok());
    const CaseData c = readDraft(r);
    QCOMPARE(c.asOf, kAsOf);
    QCOMPARE(enumValue(c, "sex"), QStringLiteral("female"));
    QCOMPARE(value(c, "age_years"), 35.0); // born 1991-03-14, as_of 2026-12-01
    QCOMPARE(enumValue(c, "disease"), QStringLiteral("SLE")); // SNOMED CT 55464009 and ICD-10 M32.1
    // Creatinine 97.262 µmol/L (LOINC 14682-9) ÷ 88.42 = 1.1 mg/dL; it supersedes 0.9 mg/dL of 2026-10-01.
    QVERIFY(qAbs(value(c, "creatinine") - 1.1) < 1e-12);
    QCOMPARE(c.facts[std::size_t(var("creatinine"))].date, QStringLiteral("2026-11-20"));
    const auto superseded
        = items(r, Outcome::Ignored, QStringLiteral("creatinine"), QStringLiteral("Observation/crea-old"));
    QCOMPARE(superseded.size(), std::size_t(1));
    QVERIFY(superseded[0].reason.contains(QLatin1String("superseded by Observation/crea-new")));
    QCOMPARE(value(c, "anc"), 3.1); // 10*9/L = 10^9/L, factor 1
    QCOMPARE(value(c, "platelets"), 210.0);
    QVERIFY(qAbs(value(c, "hemoglobin") - 11.5992) < 1e-9); // 7.2 mmol/L × 1.611
    QVERIFY(qAbs(value(c, "alt_x_uln") - 2.4) < 1e-12); // 84 U/L / referenceRange.high 35 U/L
    QVERIFY(qAbs(value(c, "bilirubin") - 1.0) < 1e-12); // 17.1 µmol/L ÷ 17.1
    QVERIFY(qAbs(value(c, "crp") - 1.2) < 1e-12); // 12 mg/L ÷ 10
    QCOMPARE(value(c, "weight"), 62.0);
    // AST without a reference range: an error, never a guess; ast_x_uln stays missing.
    QVERIFY(!known(c, "ast_x_uln"));
    const auto ast = items(r, Outcome::Error, QStringLiteral("ast_x_uln"));
    QCOMPARE(ast.size(), std::size_t(1));
    QCOMPARE(ast[0].path, QStringLiteral("$.entry[9].resource.referenceRange"));
    // eGFR is derived: named and ignored.
    QCOMPARE(items(r, Outcome::Ignored, QStringLiteral("egfr_ckd_epi_2021")).size(), std::size_t(1));
    QCOMPARE(itemOf(r, QStringLiteral("Encounter/enc1"))->outcome, Outcome::Ignored);
    // Nothing else became a fact.
    for (const char *id : { "ferritin", "ldh", "igg", "height", "alc" })
        QVERIFY2(!known(c, id), id);
    QVERIFY(!c.hasFailedTherapies);
}

void TestFhirImport::siUnitsMedications()
{
    const auto r = import(bundleFile("sle-si-units-transaction.json"));
    const CaseData c = readDraft(r);
    QVERIFY(c.hasMedications);
    QCOMPARE(c.medications.size(), std::size_t(3));
    const MedicationInput *pred = medication(c, "prednisolone"); // ATC H02AB06, 10 mg once a day
    QVERIFY(pred && pred->hasDailyDose && pred->hasLastDose);
    QCOMPARE(pred->dailyDoseMg, 10.0);
    QCOMPARE(pred->lastDose, QDate(2026, 11, 28)); // effectivePeriod.end
    const MedicationInput *hcq = medication(c, "hydroxychloroquine"); // request: 200 mg × 2 per day
    QVERIFY(hcq && hcq->hasDailyDose);
    QCOMPARE(hcq->dailyDoseMg, 400.0);
    QVERIFY(!hcq->hasLastDose); // a prescription date is not a dose date
    const MedicationInput *rtx = medication(c, "rituximab"); // administration on 2026-06-15
    QVERIFY(rtx && rtx->hasLastDose && !rtx->hasDailyDose);
    QCOMPARE(rtx->lastDose, QDate(2026, 6, 15));
    // Mycophenolic acid (L04AA06) is not in the pack's ATC codes: reported, not guessed.
    const auto *mmf = itemOf(r, QStringLiteral("MedicationStatement/ms-mmf"));
    QVERIFY(mmf);
    QCOMPARE(mmf->outcome, Outcome::Ignored);
    QVERIFY(mmf->reason.contains(QLatin1String("L04AA06")));
}

void TestFhirImport::usUnitsSearchset()
{
    const auto r = import(bundleFile("ssc-us-units-searchset.json"));
    QVERIFY(r.ok());
    const CaseData c = readDraft(r);
    QCOMPARE(enumValue(c, "sex"), QStringLiteral("male"));
    QCOMPARE(value(c, "age_years"), 57.0); // born 1968-12-02: 58 only on 2026-12-02
    QCOMPARE(enumValue(c, "disease"), QStringLiteral("SSc")); // ICD-10 M34.9
    // Two creatinine values on 2026-11-25: 14:30 (1.3) is later than 08:00 (1.5).
    QCOMPARE(value(c, "creatinine"), 1.3);
    QCOMPARE(value(c, "anc"), 4.2); // 10*3/uL = 10^9/L, factor 1
    QVERIFY(qAbs(value(c, "platelets") - 150.0) < 1e-12); // 150000 /uL ÷ 1000
    QVERIFY(qAbs(value(c, "ast_x_uln") - 1.75) < 1e-12); // 70 U/L / 40 U/L
    QVERIFY(qAbs(value(c, "weight") - 81.6466266) < 1e-9); // 180 [lb_av] × 0.45359237
    QVERIFY(qAbs(value(c, "height") - 177.8) < 1e-9); // 70 [in_i] × 2.54
    // Preliminary and entered-in-error results and another patient's CRP are ignored.
    for (const char *id : { "Observation/crea-prelim", "Observation/crea-eie", "Observation/other-pt" })
        QCOMPARE(itemOf(r, QLatin1String(id))->outcome, Outcome::Ignored);
    QVERIFY(!known(c, "crp"));
    // Prednisone 5 mg every 12 h = 10 mg/day; methotrexate through a Medication reference, weekly: no daily dose.
    const MedicationInput *pred = medication(c, "prednisone");
    QVERIFY(pred && pred->hasDailyDose);
    QCOMPARE(pred->dailyDoseMg, 10.0);
    QCOMPARE(pred->lastDose, QDate(2026, 11, 30));
    const MedicationInput *mtx = medication(c, "methotrexate");
    QVERIFY(mtx && !mtx->hasDailyDose && !mtx->hasLastDose);
    QCOMPARE(r.count(Outcome::Error), 0);
}

void TestFhirImport::problemsLeaveValuesMissing()
{
    const auto r = import(bundleFile("ms-problems-collection.json"));
    QVERIFY(r.ok());
    const CaseData c = readDraft(r);
    QCOMPARE(enumValue(c, "disease"), QStringLiteral("MS")); // the entered-in-error SLE condition is ignored
    QVERIFY(!known(c, "age_years")); // birthDate "1985" only
    // Creatinine of 2026-11-29 in mmol/L: not convertible for creatinine, an error; the older µmol/L value is
    // not imported in its place.
    QVERIFY(!known(c, "creatinine"));
    const auto crea = items(r, Outcome::Error, QStringLiteral("creatinine"));
    QCOMPARE(crea.size(), std::size_t(1));
    QCOMPARE(crea[0].path, QStringLiteral("$.entry[5].resource.valueQuantity.code"));
    QCOMPARE(items(r, Outcome::Ignored, QStringLiteral("creatinine"), QStringLiteral("Observation/crea-old")).size(),
        std::size_t(1));
    QVERIFY(!known(c, "anc")); // "< 0.5" is a bound, not a value
    QVERIFY(!known(c, "platelets")); // 4000 × 10^9/L is outside the pack's range [0, 2000]
    QVERIFY(qAbs(value(c, "ldh") - 192.0) < 1e-9); // 3.2 µkat/L × 60
    QCOMPARE(value(c, "alc"), 0.9);
    QVERIFY(!known(c, "crp")); // dated 2027-01-05, after as_of
    // Dexamethasone without a daily dose: the medication list is left out (unknown), not shortened.
    QVERIFY(!c.hasMedications);
    QCOMPARE(items(r, Outcome::Error, QStringLiteral("medications/dexamethasone")).size(), std::size_t(1));
    QCOMPARE(itemOf(r, QStringLiteral("MedicationStatement/ms-clad"))->outcome, Outcome::Ignored);
}

void TestFhirImport::ageAtAsOf()
{
    // The same bundle a day later: the 58th birthday.
    const auto r = import(bundleFile("ssc-us-units-searchset.json"), QDate(2026, 12, 2));
    QCOMPARE(value(readDraft(r), "age_years"), 58.0);
    // Values dated after as_of are not imported: on 2026-11-24 no laboratory value exists yet.
    const auto early = import(bundleFile("ssc-us-units-searchset.json"), QDate(2026, 11, 24));
    const CaseData c = readDraft(early);
    QVERIFY(!known(c, "creatinine"));
    QCOMPARE(value(c, "age_years"), 57.0);
}

// A Patient with Consilium's age-at-as-of extension (docs/fhir.md#urls) and no birthDate.
QByteArray statedAgeBundle(const QByteArray &ageParts, const QByteArray &patientExtra = {})
{
    return QByteArray(R"({"resourceType": "Bundle", "type": "collection", "entry": [{"fullUrl": "urn:uuid:p1",
        "resource": {"resourceType": "Patient", "gender": "female",)")
        + patientExtra + R"( "extension": [{"url": "https://consilium.invalid/fhir/StructureDefinition/age-at-as-of",
        "extension": [)"
        + ageParts + "]}]}}]}";
}

void TestFhirImport::statedAgeOnlyForItsDay()
{
    const QByteArray age41 = R"({"url": "age", "valueAge": {"value": 41, "unit": "a",
        "system": "http://unitsofmeasure.org", "code": "a"}}, {"url": "asOf", "valueDate": "2026-12-01"})";
    // Stated at as_of: the age at as_of.
    const auto same = import(statedAgeBundle(age41));
    QCOMPARE(value(readDraft(same), "age_years"), 41.0);
    QCOMPARE(items(same, Outcome::Mapped, QStringLiteral("age_years"))[0].path,
        QStringLiteral("$.entry[0].resource.extension[0]"));
    // Stated on another day: 41 or 42 at a later as_of cannot be told without a birthDate.
    const auto later = import(statedAgeBundle(age41), QDate(2027, 6, 1));
    QVERIFY(!known(readDraft(later), "age_years"));
    const auto ignored = items(later, Outcome::Ignored, QStringLiteral("age_years"));
    QCOMPARE(ignored.size(), std::size_t(1));
    QVERIFY2(ignored[0].reason.contains(QLatin1String("2026-12-01")), qPrintable(ignored[0].reason));
    // A birthDate, where there is one, is what age is computed from: 1980-06-15 → 46 at 2026-12-01.
    const auto both = import(statedAgeBundle(age41, R"("birthDate": "1980-06-15",)"));
    QCOMPARE(value(readDraft(both), "age_years"), 46.0);
    // Malformed: no day, a fractional age, not in years. Each is an error for age alone.
    for (const QByteArray &bad : { QByteArray(R"({"url": "age", "valueAge": {"value": 41, "system":
                                       "http://unitsofmeasure.org", "code": "a"}})"),
             QByteArray(R"({"url": "age", "valueAge": {"value": 41.5, "system": "http://unitsofmeasure.org",
                 "code": "a"}}, {"url": "asOf", "valueDate": "2026-12-01"})"),
             QByteArray(R"({"url": "age", "valueAge": {"value": 41, "system": "http://unitsofmeasure.org",
                 "code": "mo"}}, {"url": "asOf", "valueDate": "2026-12-01"})") }) {
        const auto r = import(statedAgeBundle(bad));
        QVERIFY(r.ok());
        const CaseData c = readDraft(r);
        QVERIFY(!known(c, "age_years"));
        QCOMPARE(enumValue(c, "sex"), QStringLiteral("female"));
        QCOMPARE(items(r, Outcome::Error, QStringLiteral("age_years")).size(), std::size_t(1));
    }
    // Out of the pack's range: an error, never clamped.
    const auto old = import(statedAgeBundle(R"({"url": "age", "valueAge": {"value": 140, "unit": "a",
        "system": "http://unitsofmeasure.org", "code": "a"}}, {"url": "asOf", "valueDate": "2026-12-01"})"));
    QVERIFY(!known(readDraft(old), "age_years"));
    QVERIFY(items(old, Outcome::Error, QStringLiteral("age_years"))[0].reason.contains(QLatin1String("range")));
}

void TestFhirImport::conflictingDiseases()
{
    const QByteArray bundle = R"({"resourceType": "Bundle", "type": "collection", "entry": [
      {"resource": {"resourceType": "Condition", "id": "a", "code": {"coding": [{"system": "http://snomed.info/sct", "code": "55464009"}]}}},
      {"resource": {"resourceType": "Condition", "id": "b", "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10", "code": "M34.9"}]}}}]})";
    const auto r = import(bundle);
    QVERIFY(r.ok());
    QVERIFY(!known(readDraft(r), "disease"));
    QCOMPARE(items(r, Outcome::Error, QStringLiteral("disease")).size(), std::size_t(2));
    // No Patient: sex and age stay missing (said in the notes).
    QVERIFY(r.notes.join(QLatin1Char('\n')).contains(QLatin1String("no Patient")));
}

void TestFhirImport::ongoingMedicationHasNoLastDose()
{
    // An open effectivePeriod (start only) is ongoing: its start is not the last dose.
    const QByteArray bundle = R"({"resourceType": "Bundle", "type": "collection", "entry": [
      {"resource": {"resourceType": "MedicationStatement", "id": "m", "status": "active",
        "medicationCodeableConcept": {"coding": [{"system": "http://www.whocc.no/atc", "code": "L04AX01"}]},
        "effectivePeriod": {"start": "2025-03-01"}}}]})";
    const CaseData c = readDraft(import(bundle));
    QVERIFY(c.hasMedications);
    const MedicationInput *aza = medication(c, "azathioprine");
    QVERIFY(aza);
    QVERIFY(!aza->hasLastDose);
}

void TestFhirImport::malformedBundles_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("not JSON") << bundleFile("not-json.json") << "$"
                              << "syntax"
                              << "malformed JSON";
    QTest::newRow("a Patient, not a Bundle") << bundleFile("wrong-resource-type.json") << "$.resourceType"
                                             << "type"
                                             << "Patient";
    QTest::newRow("document bundle") << bundleFile("document-bundle.json") << "$.type"
                                     << "enum"
                                     << "document";
    QTest::newRow("two patients") << QByteArray(R"({"resourceType": "Bundle", "type": "searchset", "entry": [
             {"resource": {"resourceType": "Patient", "id": "p1"}}, {"resource": {"resourceType": "Patient", "id": "p2"}}]})")
                                  << "$.entry[1].resource"
                                  << "invalid"
                                  << "Patient/p2";
}

void TestFhirImport::malformedBundles()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, path);
    QFETCH(QString, code);
    QFETCH(QString, mentions);
    const auto r = import(bytes);
    QVERIFY(!r.ok());
    QVERIFY(r.draft.isEmpty());
    QCOMPARE(r.fatal.findings().size(), std::size_t(1));
    const json::Finding &f = r.fatal.findings().front();
    QCOMPARE(f.path, path);
    QCOMPARE(f.code, code);
    QVERIFY2(f.message.contains(mentions), qPrintable(f.message));
}

void TestFhirImport::valueErrors()
{
    // A bad date is an error for that value; the rest of the bundle is imported.
    const auto bad = import(bundleFile("bad-date.json"));
    QVERIFY(bad.ok());
    const CaseData c = readDraft(bad);
    QCOMPARE(enumValue(c, "sex"), QStringLiteral("female"));
    QVERIFY(!known(c, "age_years") && !known(c, "creatinine"));
    QCOMPARE(items(bad, Outcome::Error, QStringLiteral("age_years"))[0].path,
        QStringLiteral("$.entry[0].resource.birthDate"));
    QCOMPARE(items(bad, Outcome::Error, QStringLiteral("creatinine"))[0].path,
        QStringLiteral("$.entry[1].resource.effectiveDateTime"));
    // "mg/dl" is not UCUM (UCUM is case-sensitive): an error, never read as mg/dL.
    const auto unit = import(bundleFile("unknown-ucum-unit.json"));
    QVERIFY(unit.ok());
    QVERIFY(!known(readDraft(unit), "creatinine"));
    const auto e = items(unit, Outcome::Error, QStringLiteral("creatinine"));
    QCOMPARE(e.size(), std::size_t(1));
    QCOMPARE(e[0].path, QStringLiteral("$.entry[1].resource.valueQuantity.code"));
    QVERIFY(e[0].reason.contains(QLatin1String("'mg/dl'")));
}

void TestFhirImport::reportJson()
{
    fhir::ImportOptions o;
    o.asOf = kAsOf;
    o.asOfIsDefault = true;
    o.jurisdiction = QStringLiteral("US");
    o.caseId = QStringLiteral("conf-2026-12-01-a");
    const RulePack &pack = RulePack::builtin();
    const auto r = fhir::importBundle(bundleFile("sle-si-units-transaction.json"), pack, pack.codes(), o);
    const CaseData c = readDraft(r);
    QCOMPARE(c.id, QStringLiteral("conf-2026-12-01-a"));
    QCOMPARE(pack.jurisdictions().value(c.jurisdiction), QStringLiteral("US"));
    QJsonParseError pe;
    const QJsonObject report = QJsonDocument::fromJson(fhir::reportJson(r, pack), &pe).object();
    QCOMPARE(pe.error, QJsonParseError::NoError);
    QCOMPARE(report.value(QLatin1String("format")).toString(), QStringLiteral("consilium-fhir-import-report/1"));
    QCOMPARE(report.value(QLatin1String("as_of_is_default")).toBool(), true);
    const QJsonObject counts = report.value(QLatin1String("counts")).toObject();
    QCOMPARE(counts.value(QLatin1String("error")).toInt(), 1); // AST without reference range
    QCOMPARE(counts.value(QLatin1String("mapped")).toInt() + counts.value(QLatin1String("ignored")).toInt()
            + counts.value(QLatin1String("error")).toInt(),
        report.value(QLatin1String("items")).toArray().size());
    bool creatinine = false;
    for (const auto &v : report.value(QLatin1String("items")).toArray()) {
        const QJsonObject it = v.toObject();
        if (it.value(QLatin1String("outcome")).toString() == QLatin1String("mapped")
            && it.value(QLatin1String("target")).toString() == QLatin1String("creatinine")) {
            creatinine = true;
            QCOMPARE(it.value(QLatin1String("value")).toDouble(), 97.262);
            QCOMPARE(it.value(QLatin1String("unit")).toString(), QStringLiteral("umol/L"));
            QCOMPARE(it.value(QLatin1String("date")).toString(), QStringLiteral("2026-11-20"));
            QCOMPARE(it.value(QLatin1String("resource")).toString(), QStringLiteral("Observation/crea-new"));
            QCOMPARE(it.value(QLatin1String("code")).toString(), QStringLiteral("http://loinc.org|14682-9"));
        }
    }
    QVERIFY(creatinine);
    QVERIFY(fhir::reportText(r).contains(QLatin1String("(today; --as-of to change)")));
}

QTEST_GUILESS_MAIN(TestFhirImport)
#include "tst_fhir_import.moc"
