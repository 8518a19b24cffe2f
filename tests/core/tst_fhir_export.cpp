// SPDX-License-Identifier: GPL-3.0-or-later
// The FHIR R4 export of a decision (core/exchange/FhirExport.h, docs/fhir.md#export) on example case
// V01 (SLE, SI units) under the built-in pack: what issue 14 and docs/fhir.md require of each
// resource, and the round trip through the importer (core/exchange/FhirImport.h). Expected values
// come from the case file, the pack's codes (resources/packs/consilium-reference.json, `codes`) and
// the decision given here, never from an earlier export.
#include "case/CaseData.h"
#include "engine/CaseEvaluation.h"
#include "engine/Engine.h"
#include "engine/ResultWriter.h"
#include "exchange/FhirExport.h"
#include "exchange/FhirImport.h"
#include "rules/RulePack.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>
#include <QtTest>

using namespace consilium;

namespace {

const RulePack &pack()
{
    return RulePack::builtin();
}

// V01 with a measurement date on creatinine (docs/case-format.md: a fact's optional `date`).
QByteArray caseBytes()
{
    QFile f(QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/examples/V01-sle-ln-si-units.json"));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read V01");
    QByteArray bytes = f.readAll();
    const QByteArray from = R"("creatinine": {"value": 80, "unit": "umol/L"})";
    if (!bytes.contains(from))
        qFatal("V01 no longer has the creatinine fact this test dates");
    bytes.replace(from, R"("creatinine": {"value": 80, "unit": "umol/L", "date": "2026-11-20"})");
    return bytes;
}

// The same case with a measurement date on every fact given with a unit: the importer imports
// an Observation only with its effective day (docs/cli.md#import-fhir).
QByteArray datedCaseBytes()
{
    QJsonObject doc = QJsonDocument::fromJson(caseBytes()).object();
    QJsonObject facts = doc.value(QStringLiteral("facts")).toObject();
    for (auto it = facts.begin(); it != facts.end(); ++it) {
        QJsonObject f = it.value().toObject();
        if (f.contains(QStringLiteral("unit")) && !f.contains(QStringLiteral("date"))) {
            f.insert(QStringLiteral("date"), QStringLiteral("2026-11-19"));
            it.value() = f;
        }
    }
    doc.insert(QStringLiteral("facts"), facts);
    return QJsonDocument(doc).toJson();
}

fhir::ExportDecision decision(const QByteArray &caseJson = caseBytes())
{
    fhir::ExportDecision d;
    d.id = 12;
    d.caseId = QStringLiteral("V01-sle-ln-si-units");
    d.caseVersion = 1;
    d.caseJson = caseJson;
    const Engine engine(pack());
    const CaseOutcome outcome = evaluateCase(engine, d.caseJson);
    if (!outcome.ok())
        qFatal("V01 does not evaluate");
    d.resultJson = resultJson(engine, *outcome.evaluation, false);
    d.outcome = QStringLiteral("arm");
    d.chosenArm = QStringLiteral("autologous_car_t");
    d.rationale = QStringLiteral("Refractory class IV lupus nephritis");
    d.finalised = true;
    d.createdAt = QStringLiteral("2026-12-01T14:00:00.000Z");
    d.createdBy = QStringLiteral("Dr Chair");
    d.finalisedAt = QStringLiteral("2026-12-01T14:30:15.250Z");
    d.finalisedBy = QStringLiteral("Dr Chair");
    d.positions = {
        { QStringLiteral("Dr Rheum"), QStringLiteral("rheumatology"), QStringLiteral("agree"), {},
            QStringLiteral("2026-12-01T14:10:00.000Z"), QStringLiteral("Dr Chair") },
        { QStringLiteral("Dr Cell"), QStringLiteral("cellular_therapy"), QStringLiteral("disagree"),
            QStringLiteral("prefers the allogeneic trial"), QStringLiteral("2026-12-01T14:20:00.000Z"),
            QStringLiteral("Dr Cell") },
    };
    return d;
}

QJsonObject bundleOf(const fhir::ExportResult &r)
{
    if (!r.ok())
        qFatal("export failed: %s", qPrintable(r.error));
    return QJsonDocument::fromJson(r.bundle).object();
}

// The resources of `type` in the bundle.
QList<QJsonObject> resources(const QJsonObject &bundle, const char *type)
{
    QList<QJsonObject> out;
    for (const QJsonValue &e : bundle.value(QStringLiteral("entry")).toArray()) {
        const QJsonObject r = e.toObject().value(QStringLiteral("resource")).toObject();
        if (r.value(QStringLiteral("resourceType")).toString() == QLatin1String(type))
            out << r;
    }
    return out;
}

QJsonObject one(const QJsonObject &bundle, const char *type)
{
    const auto list = resources(bundle, type);
    if (list.size() != 1)
        qFatal("expected one %s, found %d", type, int(list.size()));
    return list.first();
}

QString fullUrlOf(const QJsonObject &bundle, const char *type)
{
    for (const QJsonValue &e : bundle.value(QStringLiteral("entry")).toArray()) {
        const QJsonObject entry = e.toObject();
        if (entry.value(QStringLiteral("resource")).toObject().value(QStringLiteral("resourceType")).toString()
            == QLatin1String(type))
            return entry.value(QStringLiteral("fullUrl")).toString();
    }
    return {};
}

QJsonObject observationOf(const QJsonObject &bundle, const QString &loinc)
{
    for (const QJsonObject &o : resources(bundle, "Observation")) {
        const QJsonObject c
            = o.value(QStringLiteral("code")).toObject().value(QStringLiteral("coding")).toArray()[0].toObject();
        if (c.value(QStringLiteral("code")).toString() == loinc)
            return o;
    }
    return {};
}

int var(const char *id)
{
    return pack().variableIndex(QLatin1String(id));
}

} // namespace

class TestFhirExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void patientIsPseudonymous()
    {
        const QJsonObject p = one(bundleOf(fhir::exportDecision(decision(), pack())), "Patient");
        const QJsonObject id = p.value(QStringLiteral("identifier")).toArray()[0].toObject();
        const QJsonObject type
            = id.value(QStringLiteral("type")).toObject().value(QStringLiteral("coding")).toArray()[0].toObject();
        QCOMPARE(type.value(QStringLiteral("system")).toString(),
            QStringLiteral("http://terminology.hl7.org/CodeSystem/v2-0203"));
        QCOMPARE(type.value(QStringLiteral("code")).toString(), QStringLiteral("PSEUDED"));
        QCOMPARE(id.value(QStringLiteral("value")).toString(), QStringLiteral("V01-sle-ln-si-units"));
        QVERIFY(!p.contains(QStringLiteral("name")));
        QVERIFY(!p.contains(QStringLiteral("birthDate")));
        QCOMPARE(p.value(QStringLiteral("gender")).toString(), QStringLiteral("female")); // V01: sex female
        // V01: age_years 34 at its as_of 2026-11-25, as a valueAge in years (UCUM "a") with the
        // day it was stated at, never as a birth date.
        const QJsonObject ext = p.value(QStringLiteral("extension")).toArray()[0].toObject();
        QCOMPARE(ext.value(QStringLiteral("url")).toString(),
            QStringLiteral("https://consilium.invalid/fhir/StructureDefinition/age-at-as-of"));
        const QJsonArray parts = ext.value(QStringLiteral("extension")).toArray();
        QCOMPARE(parts.size(), 2);
        QCOMPARE(parts[0].toObject().value(QStringLiteral("url")).toString(), QStringLiteral("age"));
        const QJsonObject age = parts[0].toObject().value(QStringLiteral("valueAge")).toObject();
        QCOMPARE(age.value(QStringLiteral("value")).toDouble(), 34.0);
        QCOMPARE(age.value(QStringLiteral("code")).toString(), QStringLiteral("a"));
        QCOMPARE(parts[1].toObject().value(QStringLiteral("url")).toString(), QStringLiteral("asOf"));
        QCOMPARE(parts[1].toObject().value(QStringLiteral("valueDate")).toString(), QStringLiteral("2026-11-25"));
    }

    void conditionHasThePacksDiseaseCodes()
    {
        const QJsonObject c = one(bundleOf(fhir::exportDecision(decision(), pack())), "Condition");
        QStringList codes;
        for (const QJsonValue &v : c.value(QStringLiteral("code")).toObject().value(QStringLiteral("coding")).toArray())
            codes << v.toObject().value(QStringLiteral("system")).toString() + QLatin1Char('|')
                    + v.toObject().value(QStringLiteral("code")).toString();
        // resources/packs/FORMAT.md "Codes for exchange": SLE by SNOMED CT and ICD-10 (WHO).
        QVERIFY(codes.contains(QStringLiteral("http://snomed.info/sct|55464009")));
        QVERIFY(codes.contains(QStringLiteral("http://hl7.org/fhir/sid/icd-10|M32.1")));
    }

    void observationsCarryLoincAndUcum()
    {
        const fhir::ExportResult r = fhir::exportDecision(decision(), pack());
        const QJsonObject bundle = bundleOf(r);
        // creatinine 80 umol/L (V01): LOINC 14682-9, Creatinine [Moles/volume], the code whose
        // `units` hold umol/L (pack codes.observations); never 2160-0 [Mass/volume].
        const QJsonObject cr = observationOf(bundle, QStringLiteral("14682-9"));
        QVERIFY(!cr.isEmpty());
        QVERIFY(observationOf(bundle, QStringLiteral("2160-0")).isEmpty());
        const QJsonObject q = cr.value(QStringLiteral("valueQuantity")).toObject();
        QCOMPARE(q.value(QStringLiteral("value")).toDouble(), 80.0);
        QCOMPARE(q.value(QStringLiteral("system")).toString(), QStringLiteral("http://unitsofmeasure.org"));
        QCOMPARE(q.value(QStringLiteral("code")).toString(), QStringLiteral("umol/L"));
        QCOMPARE(cr.value(QStringLiteral("effectiveDateTime")).toString(), QStringLiteral("2026-11-20"));
        // platelets 210 10^9/L: UCUM spelling 10*9/L (pack codes.ucum).
        const QJsonObject plt = observationOf(bundle, QStringLiteral("777-3"));
        QCOMPARE(plt.value(QStringLiteral("valueQuantity")).toObject().value(QStringLiteral("code")).toString(),
            QStringLiteral("10*9/L"));
        QVERIFY(!plt.contains(QStringLiteral("effectiveDateTime"))); // V01 gives no date for it
        // ALT as a multiple of ULN has no UCUM spelling; LVEF has no LOINC code in the pack:
        // both left out and named, never given an invented code.
        QVERIFY(observationOf(bundle, QStringLiteral("1742-6")).isEmpty());
        QVERIFY(r.notExported.join(QLatin1Char('\n')).contains(QStringLiteral("alt_x_uln")));
        QVERIFY(r.notExported.join(QLatin1Char('\n')).contains(QStringLiteral("lvef")));
    }

    // A value goes out under the LOINC code whose property fits its unit (FORMAT.md "Codes for
    // exchange", `units`): creatinine in mg/dL as 2160-0 [Mass/volume]; haemoglobin in mmol/L,
    // for which the pack has no molar code, as 718-7 [Mass/volume] in g/dL, converted by the
    // pack's factor (hemoglobin units: mmol/L multiply 1.611): 7 mmol/L = 11.277 g/dL.
    void eachValueGoesOutUnderTheCodeThatFitsItsUnit()
    {
        QByteArray bytes = caseBytes();
        bytes.replace(R"("creatinine": {"value": 80, "unit": "umol/L", "date": "2026-11-20"})",
            R"("creatinine": {"value": 0.9, "unit": "mg/dL", "date": "2026-11-20"})");
        bytes.replace(
            R"("hemoglobin": {"value": 112, "unit": "g/L"})", R"("hemoglobin": {"value": 7, "unit": "mmol/L"})");
        const QJsonObject bundle = bundleOf(fhir::exportDecision(decision(bytes), pack()));
        const QJsonObject cr = observationOf(bundle, QStringLiteral("2160-0"));
        QCOMPARE(cr.value(QStringLiteral("valueQuantity")).toObject().value(QStringLiteral("value")).toDouble(), 0.9);
        QCOMPARE(cr.value(QStringLiteral("valueQuantity")).toObject().value(QStringLiteral("code")).toString(),
            QStringLiteral("mg/dL"));
        QVERIFY(observationOf(bundle, QStringLiteral("14682-9")).isEmpty());
        const QJsonObject hb
            = observationOf(bundle, QStringLiteral("718-7")).value(QStringLiteral("valueQuantity")).toObject();
        QCOMPARE(hb.value(QStringLiteral("code")).toString(), QStringLiteral("g/dL"));
        QVERIFY2(qAbs(hb.value(QStringLiteral("value")).toDouble() - 11.277) < 1e-9,
            qPrintable(QString::number(hb.value(QStringLiteral("value")).toDouble(), 'g', 17)));
    }

    void clinicalImpressionNamesThePackAndTheDecidingCriteria()
    {
        const QJsonObject b = bundleOf(fhir::exportDecision(decision(), pack()));
        const QJsonObject ci = one(b, "ClinicalImpression");
        QCOMPARE(ci.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
        const QString protocol = ci.value(QStringLiteral("protocol")).toArray()[0].toString();
        QVERIFY2(protocol.contains(pack().sha256()), qPrintable(protocol));
        QVERIFY(protocol.contains(pack().id()) && protocol.contains(pack().version()));
        QStringList ids;
        for (const QJsonValue &f : ci.value(QStringLiteral("finding")).toArray())
            ids << f.toObject()
                       .value(QStringLiteral("itemCodeableConcept"))
                       .toObject()
                       .value(QStringLiteral("coding"))
                       .toArray()[0]
                       .toObject()
                       .value(QStringLiteral("code"))
                       .toString();
        // The chosen arm's exclusions decide its verdict: AUTO-AGE-01 (age >= 18) is one.
        QVERIFY2(ids.contains(QStringLiteral("AUTO-AGE-01")), qPrintable(ids.join(QLatin1Char(','))));
        QVERIFY(!ids.contains(QStringLiteral("ALLO-AGE-01"))); // another arm's criterion
    }

    void requestGroupHasEveryArmWithItsOptions()
    {
        const QJsonObject rg = one(bundleOf(fhir::exportDecision(decision(), pack())), "RequestGroup");
        const QJsonArray actions = rg.value(QStringLiteral("action")).toArray();
        QCOMPARE(actions.size(), qsizetype(pack().arms().size()));
        const QJsonObject autoArm = actions[0].toObject();
        QCOMPARE(autoArm.value(QStringLiteral("title")).toString(), pack().arms()[0].label);
        qsizetype options = 0;
        for (const OptionDef &o : pack().options())
            options += o.arm == 0 ? 1 : 0;
        QVERIFY(options > 0);
        QCOMPARE(autoArm.value(QStringLiteral("action")).toArray().size(), options);
    }

    void carePlanHasDissentRationaleAndLinks()
    {
        const QJsonObject b = bundleOf(fhir::exportDecision(decision(), pack()));
        const QJsonObject cp = one(b, "CarePlan");
        QCOMPARE(cp.value(QStringLiteral("status")).toString(), QStringLiteral("active"));
        QCOMPARE(cp.value(QStringLiteral("intent")).toString(), QStringLiteral("plan"));
        QString notes;
        for (const QJsonValue &n : cp.value(QStringLiteral("note")).toArray())
            notes += n.toObject().value(QStringLiteral("text")).toString() + QLatin1Char('\n');
        QVERIFY(notes.contains(QStringLiteral("Refractory class IV lupus nephritis")));
        QVERIFY(notes.contains(QStringLiteral("cellular_therapy")));
        QVERIFY(notes.contains(QStringLiteral("prefers the allogeneic trial")));
        QVERIFY(!notes.contains(QStringLiteral("Dr Rheum"))); // an agreeing position is no dissent
        QCOMPARE(
            cp.value(QStringLiteral("addresses")).toArray()[0].toObject().value(QStringLiteral("reference")).toString(),
            fullUrlOf(b, "Condition"));
        QStringList supporting;
        for (const QJsonValue &s : cp.value(QStringLiteral("supportingInfo")).toArray())
            supporting << s.toObject().value(QStringLiteral("reference")).toString();
        QVERIFY(supporting.contains(fullUrlOf(b, "ClinicalImpression")));
        // MII tumour-board pattern: the RequestGroup in activity.reference, the chosen arm in a detail.
        const QJsonArray activity = cp.value(QStringLiteral("activity")).toArray();
        QCOMPARE(activity[0]
                     .toObject()
                     .value(QStringLiteral("reference"))
                     .toObject()
                     .value(QStringLiteral("reference"))
                     .toString(),
            fullUrlOf(b, "RequestGroup"));
        QCOMPARE(activity[1]
                     .toObject()
                     .value(QStringLiteral("detail"))
                     .toObject()
                     .value(QStringLiteral("code"))
                     .toObject()
                     .value(QStringLiteral("coding"))
                     .toArray()[0]
                     .toObject()
                     .value(QStringLiteral("code"))
                     .toString(),
            QStringLiteral("autologous_car_t"));
        QVERIFY(!cp.contains(QStringLiteral("replaces")));
    }

    void correctionReplacesTheCorrectedCarePlan()
    {
        fhir::ExportDecision original = decision();
        original.id = 7;
        fhir::ExportDecision correction = decision();
        correction.correctsId = 7;
        const QString replaced = one(bundleOf(fhir::exportDecision(correction, pack())), "CarePlan")
                                     .value(QStringLiteral("replaces"))
                                     .toArray()[0]
                                     .toObject()
                                     .value(QStringLiteral("reference"))
                                     .toString();
        QCOMPARE(replaced, fullUrlOf(bundleOf(fhir::exportDecision(original, pack())), "CarePlan"));
    }

    void provenanceRecordsTheFinalisation()
    {
        const QJsonObject b = bundleOf(fhir::exportDecision(decision(), pack()));
        const QJsonObject pv = one(b, "Provenance");
        QCOMPARE(pv.value(QStringLiteral("recorded")).toString(), QStringLiteral("2026-12-01T14:30:15.250Z"));
        QCOMPARE(
            pv.value(QStringLiteral("target")).toArray()[0].toObject().value(QStringLiteral("reference")).toString(),
            fullUrlOf(b, "CarePlan"));
        QVERIFY(pv.value(QStringLiteral("policy")).toArray()[0].toString().contains(pack().sha256()));
        const QJsonArray agents = pv.value(QStringLiteral("agent")).toArray();
        QCOMPARE(agents.size(), qsizetype(3)); // who finalised + the two positions
        QCOMPARE(
            agents[0].toObject().value(QStringLiteral("who")).toObject().value(QStringLiteral("display")).toString(),
            QStringLiteral("Dr Chair"));
    }

    void aDraftIsTaggedAndHasNoProvenance()
    {
        fhir::ExportDecision d = decision();
        d.finalised = false;
        d.finalisedAt.clear();
        d.finalisedBy.clear();
        const QJsonObject b = bundleOf(fhir::exportDecision(d, pack()));
        const QJsonObject tag
            = b.value(QStringLiteral("meta")).toObject().value(QStringLiteral("tag")).toArray()[0].toObject();
        QCOMPARE(tag.value(QStringLiteral("code")).toString(), QStringLiteral("draft"));
        QVERIFY(resources(b, "Provenance").isEmpty());
        QCOMPARE(one(b, "CarePlan").value(QStringLiteral("status")).toString(), QStringLiteral("draft"));
    }

    void theSameDecisionExportsByteIdentically()
    {
        const fhir::ExportResult a = fhir::exportDecision(decision(), pack());
        const fhir::ExportResult b = fhir::exportDecision(decision(), pack());
        QVERIFY(a.ok());
        QCOMPARE(a.bundle, b.bundle);
        const QString url = fullUrlOf(bundleOf(a), "CarePlan");
        QVERIFY(url.startsWith(QStringLiteral("urn:uuid:")));
        QCOMPARE(QUuid::fromString(url.mid(9)).version(), QUuid::Sha1); // v5: name-based
        QCOMPARE(url, fhir::resourceUrn(12, QStringLiteral("CarePlan")));
        QVERIFY(url != fhir::resourceUrn(13, QStringLiteral("CarePlan")));
    }

    void exportThenImportGivesTheFactsBack()
    {
        const fhir::ExportDecision d = decision(datedCaseBytes());
        const fhir::ExportResult r = fhir::exportDecision(d, pack());
        json::Diagnostics diag;
        const auto original = parseCase(d.caseJson, pack(), diag);
        QVERIFY(original);
        fhir::ImportOptions o;
        o.asOf = original->asOf;
        o.jurisdiction = QStringLiteral("EU");
        const fhir::ImportResult imported = fhir::importBundle(r.bundle, pack(), pack().codes(), o);
        QVERIFY2(imported.ok(), qPrintable(imported.fatal.lines().join(QLatin1Char('\n'))));
        const auto back = parseCase(imported.draft, pack(), diag);
        QVERIFY(back);
        QStringList compared;
        for (const QJsonObject &obs : resources(bundleOf(r), "Observation")) {
            const QString code = obs.value(QStringLiteral("code"))
                                     .toObject()
                                     .value(QStringLiteral("coding"))
                                     .toArray()[0]
                                     .toObject()
                                     .value(QStringLiteral("code"))
                                     .toString();
            const int v = pack().codes().observation(QStringLiteral("http://loinc.org"), code)->variable;
            QCOMPARE(back->status[std::size_t(v)], ValueStatus::Known);
            QVERIFY2(qFuzzyCompare(back->values[std::size_t(v)], original->values[std::size_t(v)]),
                qPrintable(pack().variables()[std::size_t(v)].id));
            QCOMPARE(back->facts[std::size_t(v)].date, original->facts[std::size_t(v)].date);
            compared << pack().variables()[std::size_t(v)].id;
        }
        QVERIFY2(compared.contains(QStringLiteral("creatinine")) && compared.size() >= 10,
            qPrintable(compared.join(QLatin1Char(','))));
        for (const char *id : { "sex", "disease" }) {
            QCOMPARE(back->status[std::size_t(var(id))], ValueStatus::Known);
            QCOMPARE(back->values[std::size_t(var(id))], original->values[std::size_t(var(id))]);
        }
        // Age travels as an age stated at as_of, not a birth date: read back at the same as_of.
        QCOMPARE(back->status[std::size_t(var("age_years"))], ValueStatus::Known);
        QCOMPARE(back->values[std::size_t(var("age_years"))], original->values[std::size_t(var("age_years"))]);
        // At another as_of the age is not carried forward (docs/fhir.md "Limits").
        o.asOf = original->asOf.addYears(1);
        const auto later = parseCase(fhir::importBundle(r.bundle, pack(), pack().codes(), o).draft, pack(), diag);
        QVERIFY(later);
        QVERIFY(later->status[std::size_t(var("age_years"))] != ValueStatus::Known);
    }
};

QTEST_GUILESS_MAIN(TestFhirExport)
#include "tst_fhir_export.moc"
