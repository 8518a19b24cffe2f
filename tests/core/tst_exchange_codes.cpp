// SPDX-License-Identifier: GPL-3.0-or-later
// The pack's codes for exchange (resources/packs/FORMAT.md, "Codes for exchange"): what pack 2026.2
// maps, the loader's refusals (each naming the JSON path and the finding code), and a site's
// extension file (consilium-codes/1) merged onto the pack's codes, duplicates refused.
#include "rules/RulePack.h"

#include <QtTest>

using namespace consilium;

namespace {

// The built-in pack with one piece of text replaced (the text must occur exactly once).
QByteArray packWith(const char *from, const char *to)
{
    QByteArray bytes = RulePack::builtinBytes();
    const QByteArray f(from);
    Q_ASSERT_X(bytes.count(f) == 1, "packWith", from);
    return bytes.replace(f, QByteArray(to));
}

const json::Finding *findingAt(const json::Diagnostics &d, const QString &path)
{
    for (const json::Finding &f : d.findings()) {
        if (f.path == path)
            return &f;
    }
    return nullptr;
}

QByteArray extension(const QByteArray &codes)
{
    return QByteArray(R"({"format": "consilium-codes/1", "codes": )") + codes + '}';
}

} // namespace

class TestExchangeCodes : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void referencePackMapsByData();
    void rejects_data();
    void rejects();
    void siteExtensionMerges();
    void siteExtensionDuplicateRefused();
    void siteExtensionInvalid_data();
    void siteExtensionInvalid();
};

void TestExchangeCodes::referencePackMapsByData()
{
    const RulePack &pack = RulePack::builtin();
    const ExchangeCodes &codes = pack.codes();
    const QString loinc = QStringLiteral("http://loinc.org");
    // Creatinine by its mass (2160-0) and molar (14682-9) LOINC codes (issue 14).
    for (const char *code : { "2160-0", "14682-9" }) {
        const ObservationCode *c = codes.observation(loinc, QLatin1String(code));
        QVERIFY2(c, code);
        QCOMPARE(pack.variables()[std::size_t(c->variable)].id, QStringLiteral("creatinine"));
        QVERIFY(c->ulnUnit.isEmpty());
        QVERIFY(c->from.source.contains(QLatin1String(code)));
        QVERIFY(!c->from.evidence.isEmpty());
    }
    // ALT is kept as a multiple of the upper limit of normal.
    const ObservationCode *alt = codes.observation(loinc, QStringLiteral("1742-6"));
    QVERIFY(alt);
    QCOMPARE(pack.variables()[std::size_t(alt->variable)].id, QStringLiteral("alt_x_uln"));
    QCOMPARE(alt->ulnUnit, QStringLiteral("xULN"));
    // eGFR is derived: mapped only to be named, never imported.
    const ObservationCode *egfr = codes.observation(loinc, QStringLiteral("98979-8"));
    QVERIFY(egfr);
    QCOMPARE(egfr->variable, -1);
    QCOMPARE(egfr->derived, QStringLiteral("egfr_ckd_epi_2021"));
    // The system is part of the key.
    QVERIFY(!codes.observation(QStringLiteral("http://snomed.info/sct"), QStringLiteral("2160-0")));
    // UCUM spellings to the pack's unit ids (the factors stay in the variables' units).
    QCOMPARE(codes.unit(QStringLiteral("10*9/L"))->unit, QStringLiteral("10^9/L"));
    QCOMPARE(codes.unit(QStringLiteral("mm[Hg]"))->unit, QStringLiteral("mmHg"));
    QVERIFY(!codes.unit(QStringLiteral("mg/dl"))); // UCUM is case-sensitive
    const AgentCode *pred = codes.agent(QStringLiteral("http://www.whocc.no/atc"), QStringLiteral("H02AB07"));
    QVERIFY(pred);
    QCOMPARE(pack.agents()[std::size_t(pred->agent)].id, QStringLiteral("prednisone"));
    const DiseaseCode *sle = codes.disease(QStringLiteral("http://snomed.info/sct"), QStringLiteral("55464009"));
    QVERIFY(sle);
    QCOMPARE(sle->disease, QStringLiteral("SLE"));
    QCOMPARE(codes.disease(QStringLiteral("http://hl7.org/fhir/sid/icd-10"), QStringLiteral("M34.9"))->disease,
        QStringLiteral("SSc"));
}

void TestExchangeCodes::rejects_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("mentions");
    const QString obs = QStringLiteral("$.codes.observations[%1].%2");
    QTest::newRow("unknown variable") << packWith(R"("variable": "anc", "system")", R"("variable": "anx", "system")")
                                      << obs.arg(2).arg(QLatin1String("variable")) << "reference"
                                      << "anx";
    QTest::newRow("not a number variable")
        << packWith(R"("variable": "anc", "system")", R"("variable": "sex", "system")")
        << obs.arg(2).arg(QLatin1String("variable")) << "type"
        << "sex";
    QTest::newRow("uln unit not accepted")
        << packWith(R"("code": "1742-6", "uln_unit": "xULN")", R"("code": "1742-6", "uln_unit": "U/L")")
        << obs.arg(6).arg(QLatin1String("uln_unit")) << "unit"
        << "U/L";
    QTest::newRow("export unit not of the variable")
        << packWith(R"("code": "2160-0", "units": ["mg/dL"])", R"("code": "2160-0", "units": ["mmHg"])")
        << QStringLiteral("$.codes.observations[0].units[0]") << "unit"
        << "mmHg";
    QTest::newRow("export unit listed twice")
        << packWith(R"("code": "2160-0", "units": ["mg/dL"])", R"("code": "2160-0", "units": ["mg/dL", "mg/dL"])")
        << QStringLiteral("$.codes.observations[0].units[1]") << "duplicate"
        << "twice";
    QTest::newRow("export units beside uln_unit") << packWith(
        R"("code": "1742-6", "uln_unit": "xULN")", R"("code": "1742-6", "uln_unit": "xULN", "units": ["xULN"])")
                                                  << obs.arg(6).arg(QLatin1String("units")) << "unknown-key"
                                                  << "uln_unit";
    QTest::newRow("code mapped twice") << packWith(R"("code": "751-8")", R"("code": "2160-0")")
                                       << obs.arg(2).arg(QLatin1String("code")) << "duplicate"
                                       << "2160-0";
    QTest::newRow("empty source") << packWith(
        R"("source": "LOINC, loinc.org/751-8: Neutrophils [#/volume] in Blood by Automated count")", R"("source": " ")")
                                  << obs.arg(2).arg(QLatin1String("source")) << "required"
                                  << "source";
    QTest::newRow("unknown derived") << packWith(R"("derived": "egfr_ckd_epi_2021")", R"("derived": "egfr")")
                                     << obs.arg(16).arg(QLatin1String("derived")) << "reference"
                                     << "egfr";
    QTest::newRow("variable and derived")
        << packWith(R"("derived": "egfr_ckd_epi_2021")", R"("derived": "egfr_ckd_epi_2021", "variable": "anc")")
        << QStringLiteral("$.codes.observations[16]") << "required"
        << "exactly one";
    QTest::newRow("unknown agent") << packWith(
        R"("agent": "prednisone", "system")", R"("agent": "prednison", "system")")
                                   << QStringLiteral("$.codes.agents[0].agent") << "reference"
                                   << "prednison";
    QTest::newRow("not a disease value") << packWith(R"("disease": "MG", "system": "http://snomed.info/sct")",
        R"("disease": "Myasthenia", "system": "http://snomed.info/sct")")
                                         << QStringLiteral("$.codes.diseases[3].disease") << "reference"
                                         << "Myasthenia";
    QTest::newRow("pack unit of no variable")
        << packWith(R"("ucum": "kPa", "unit": "kPa")", R"("ucum": "kPa", "unit": "bar")")
        << QStringLiteral("$.codes.ucum[20].unit") << "unit"
        << "bar";
    QTest::newRow("unknown key") << packWith(
        R"("ucum": "kPa", "unit": "kPa")", R"("ucum": "kPa", "factor": 7, "unit": "kPa")")
                                 << QStringLiteral("$.codes.ucum[20].factor") << "unknown-key"
                                 << "unknown key";
}

void TestExchangeCodes::rejects()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, path);
    QFETCH(QString, code);
    QFETCH(QString, mentions);
    json::Diagnostics d;
    QVERIFY(!RulePack::load(bytes, d));
    const json::Finding *f = findingAt(d, path);
    QVERIFY2(f, qPrintable(d.lines().join(QLatin1Char('\n'))));
    QCOMPARE(f->code, code);
    QVERIFY2(f->message.contains(mentions), qPrintable(f->message));
}

void TestExchangeCodes::siteExtensionMerges()
{
    const RulePack &pack = RulePack::builtin();
    ExchangeCodes codes = pack.codes();
    const auto before = codes.observations.size();
    json::Diagnostics d;
    const QByteArray site = extension(R"({"observations": [{"variable": "creatinine",
        "system": "urn:oid:1.2.276.0.76.3.1.999", "code": "KREA", "source": "site lab catalogue 2026", "evidence": "C"}],
        "ucum": [{"ucum": "mg/100mL", "unit": "mg/dL", "source": "site", "evidence": "C"}]})");
    const bool merged = extendExchangeCodes(site, pack, codes, d);
    QVERIFY2(merged, qPrintable(d.lines().join(QLatin1Char('\n'))));
    QCOMPARE(codes.observations.size(), before + 1);
    const ObservationCode *c
        = codes.observation(QStringLiteral("urn:oid:1.2.276.0.76.3.1.999"), QStringLiteral("KREA"));
    QVERIFY(c);
    QCOMPARE(pack.variables()[std::size_t(c->variable)].id, QStringLiteral("creatinine"));
    QCOMPARE(codes.unit(QStringLiteral("mg/100mL"))->unit, QStringLiteral("mg/dL"));
    // The pack's own codes are still there.
    QVERIFY(codes.observation(QStringLiteral("http://loinc.org"), QStringLiteral("2160-0")));
}

void TestExchangeCodes::siteExtensionDuplicateRefused()
{
    const RulePack &pack = RulePack::builtin();
    ExchangeCodes codes = pack.codes();
    json::Diagnostics d;
    const QByteArray site = extension(R"({"observations": [
        {"variable": "igg", "system": "urn:site", "code": "IGG", "source": "site", "evidence": "C"},
        {"variable": "anc", "system": "http://loinc.org", "code": "2160-0", "source": "site", "evidence": "C"}]})");
    const bool merged = extendExchangeCodes(site, pack, codes, d);
    QVERIFY(!merged);
    const json::Finding *f = findingAt(d, QStringLiteral("$.codes.observations[1]"));
    QVERIFY2(f, qPrintable(d.lines().join(QLatin1Char('\n'))));
    QCOMPARE(f->code, QStringLiteral("duplicate"));
    QVERIFY2(f->message.contains(QLatin1String("$.codes.observations[0]")), qPrintable(f->message));
    // Nothing of a refused extension is added.
    QVERIFY(!codes.observation(QStringLiteral("urn:site"), QStringLiteral("IGG")));
    QCOMPARE(codes.observations.size(), pack.codes().observations.size());
}

void TestExchangeCodes::siteExtensionInvalid_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("code");
    QTest::newRow("format") << QByteArray(R"({"format": "consilium-pack/1", "codes": {}})") << "$.format"
                            << "format";
    QTest::newRow("not json") << QByteArray("{") << "$"
                              << "syntax";
    QTest::newRow("unknown agent") << extension(
        R"({"agents": [{"agent": "aspirin", "system": "s", "code": "B01AC06", "source": "x", "evidence": "C"}]})")
                                   << "$.codes.agents[0].agent"
                                   << "reference";
    QTest::newRow("missing evidence") << extension(
        R"({"agents": [{"agent": "prednisone", "system": "s", "code": "P", "source": "x"}]})")
                                      << "$.codes.agents[0].evidence"
                                      << "required";
}

void TestExchangeCodes::siteExtensionInvalid()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, path);
    QFETCH(QString, code);
    ExchangeCodes codes = RulePack::builtin().codes();
    json::Diagnostics d;
    QVERIFY(!extendExchangeCodes(bytes, RulePack::builtin(), codes, d));
    const json::Finding *f = findingAt(d, path);
    QVERIFY2(f, qPrintable(d.lines().join(QLatin1Char('\n'))));
    QCOMPARE(f->code, code);
}

QTEST_GUILESS_MAIN(TestExchangeCodes)
#include "tst_exchange_codes.moc"
