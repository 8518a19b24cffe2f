// SPDX-License-Identifier: GPL-3.0-or-later
// Case-file validation (docs/case-format.md: #units, #limits, #validation-errors): every bad input is refused with a
// "<json path>: <reason>" line; units are normalised and converted with the documented factors.
#include "case/CaseData.h"
#include "rules/RulePack.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace consilium;

namespace {

// A small valid case; @FACTS@, @MEDS@, @FAILED@ and @TOP@ are replaced per test.
constexpr const char *kTemplate = R"({"format": "consilium-case/1", "id": "t-001", "label": "test case",)"
                                  R"( "as_of": "2026-11-25", "jurisdiction": "EU",)"
                                  R"( "facts": {"age_years": 34, "sex": "female", "disease": "SLE"@FACTS@},)"
                                  R"( "medications": [@MEDS@], "failed_therapies": [@FAILED@]@TOP@})";

constexpr const char *kDefaultMeds
    = R"({"agent": "mycophenolate_mofetil", "last_dose": "2026-11-20"},)"
      R"( {"agent": "prednisone", "daily_dose": {"value": 15, "unit": "mg"}, "last_dose": "2026-11-24"})";
constexpr const char *kDefaultFailed = R"("cyclophosphamide", "rituximab")";

QByteArray makeCase(const QByteArray &extraFacts = {}, const QByteArray &meds = kDefaultMeds,
    const QByteArray &failed = kDefaultFailed, const QByteArray &extraTop = {})
{
    QByteArray doc(kTemplate);
    doc.replace("@FACTS@", extraFacts.isEmpty() ? QByteArray() : ", " + extraFacts);
    doc.replace("@MEDS@", meds);
    doc.replace("@FAILED@", failed);
    doc.replace("@TOP@", extraTop.isEmpty() ? QByteArray() : ", " + extraTop);
    return doc;
}

QByteArray withFact(const QByteArray &fact)
{
    return makeCase(fact);
}

// The base case with one literal piece of text replaced (the piece must occur).
QByteArray replaced(const QByteArray &from, const QByteArray &to)
{
    QByteArray doc = makeCase();
    Q_ASSERT(doc.contains(from));
    doc.replace(from, to);
    return doc;
}

QByteArray numberText(double v)
{
    return QByteArray::number(v, 'g', 17);
}

QByteArray unitFact(const QString &id, double value, const QString &unit)
{
    QString u = unit;
    u.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    u.replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return "\"" + id.toUtf8() + "\": {\"value\": " + numberText(value) + ", \"unit\": \"" + u.toUtf8() + "\"}";
}

bool relClose(double a, double b, double rel = 1e-12)
{
    return std::fabs(a - b) <= rel * std::max({ 1.0, std::fabs(a), std::fabs(b) });
}

const RulePack &pack()
{
    return RulePack::builtin();
}

// One fact of a parsed case: canonical value and status plus what was entered.
struct FactView {
    ValueStatus status = ValueStatus::Absent;
    double value = 0.0;
    double entered = 0.0;
    QString unit;
};

FactView factAt(const CaseData &c, int vi)
{
    const auto i = std::size_t(vi);
    Q_ASSERT(vi >= 0 && i < c.values.size() && i < c.status.size() && i < c.facts.size());
    return { c.status[i], c.values[i], c.facts[i].entered, c.facts[i].unit };
}

FactView factOf(const CaseData &c, const char *id)
{
    return factAt(c, pack().variableIndex(QString::fromLatin1(id)));
}
FactView factOf(const CaseData &c, const QString &id)
{
    return factAt(c, pack().variableIndex(id));
}

} // namespace

class TestCaseInput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void rejects_data();
    void rejects();
    void nestingWithinLimitIsNotADepthError();
    void severalProblemsAreAllReported();
    void findingCodes_data();
    void findingCodes();

    void baseCaseIsValid();
    void examplesParse();
    void rangeBoundariesAccepted_data();
    void rangeBoundariesAccepted();
    void microSignNormalisation();
    void superscriptNineNormalisation();
    void explicitStatuses();
    void lastDoseAfterAsOfAccepted();
    void asOfOverride();
    void specConversionFactors_data();
    void specConversionFactors();
    void everyUnitConvertsToCanonical_data();
    void everyUnitConvertsToCanonical();
    void multiUnitVariablesPresent();
};

void TestCaseInput::initTestCase()
{
    QVERIFY(pack().variableIndex(QStringLiteral("creatinine")) >= 0);
}

void TestCaseInput::rejects_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("path"); // a diag line must start with "<path>: "
    QTest::addColumn<QString>("keywords"); // and contain one of these (case-insensitive, '|'-separated)

    auto row = [](const char *name, const QByteArray &input, const char *path, const char *keywords) {
        QTest::newRow(name) << input << QString::fromUtf8(path) << QString::fromUtf8(keywords);
    };

    // Syntax and document level.
    row("malformed JSON", QByteArray(R"({"format": "consilium-case/1", "id": )"), "$", "malformed|syntax|invalid");
    row("malformed JSON (trailing comma)", replaced(R"("disease": "SLE")", R"("disease": "SLE",)"), "$",
        "malformed|syntax|invalid");
    row("empty file", QByteArray(), "$", "empty");
    row("whitespace-only file", QByteArray(" \n\t\r\n  "), "$", "empty");
    row("root is an array", QByteArray("[]"), "$", "object");
    row("trailing garbage", makeCase() + " {\"x\": 1}", "$", "malformed|trailing|followed|garbage");
    row("trailing garbage (word)", makeCase() + "\nxyz", "$", "malformed|trailing|followed|garbage");
    row("non-UTF-8 byte in a string",
        replaced(R"("label": "test case")",
            "\"label\": \"bad \xff"
            "byte\""),
        "$", "utf-8|utf8|encoding");
    row("non-UTF-8 truncated sequence", replaced(R"("label": "test case")", "\"label\": \"bad \xc3\""), "$",
        "utf-8|utf8|encoding");
    row("file over 1 MiB",
        replaced(R"("label": "test case")", "\"label\": \"" + QByteArray(1024 * 1024 + 16, 'a') + "\""), "$",
        "byte|MiB|size|large|limit");

    // Top-level fields.
    row("wrong format", replaced(R"("consilium-case/1")", R"("consilium-case/2")"), "$.format", "consilium-case/1");
    row("format not a string", replaced(R"("consilium-case/1")", "1"), "$.format", "string");
    row("missing format", replaced(R"("format": "consilium-case/1", )", ""), "$.format", "missing|required");
    row("missing as_of", replaced(R"("as_of": "2026-11-25", )", ""), "$.as_of", "missing|required");
    row("missing facts",
        QByteArray(R"({"format": "consilium-case/1", "id": "x", "as_of": "2026-11-25", "jurisdiction": "EU"})"),
        "$.facts", "missing|required");
    row("unknown key at top level", makeCase({}, kDefaultMeds, kDefaultFailed, R"("colour": "red")"), "$.colour",
        "unknown");
    row("duplicate key at top level", replaced(R"("id": "t-001",)", R"("id": "t-001", "id": "t-002",)"), "$.id",
        "duplicate");
    row("jurisdiction UK", replaced(R"("jurisdiction": "EU")", R"("jurisdiction": "UK")"), "$.jurisdiction", "UK");
    row("jurisdiction lower case", replaced(R"("jurisdiction": "EU")", R"("jurisdiction": "eu")"), "$.jurisdiction",
        "eu");
    row("jurisdiction not a string", replaced(R"("jurisdiction": "EU")", R"("jurisdiction": 1)"), "$.jurisdiction",
        "string");
    row("facts is an array",
        replaced(R"("facts": {"age_years": 34, "sex": "female", "disease": "SLE"})", R"("facts": [])"), "$.facts",
        "object");
    row("medications not an array",
        replaced(R"("medications": [)", R"("medications": {"x": [)").replace("], \"failed", "]}, \"failed"),
        "$.medications", "array");
    row("failed_therapies not an array",
        replaced(R"("failed_therapies": ["cyclophosphamide", "rituximab"])", R"("failed_therapies": "rituximab")"),
        "$.failed_therapies", "array");

    // Dates.
    row("as_of 2026-02-30", replaced("2026-11-25", "2026-02-30"), "$.as_of", "date");
    row("as_of 2026-13-01", replaced("2026-11-25", "2026-13-01"), "$.as_of", "date");
    row("as_of 25.11.2026", replaced("2026-11-25", "25.11.2026"), "$.as_of", "date");
    row("as_of 2026-1-5", replaced("2026-11-25", "2026-1-5"), "$.as_of", "date");
    row("as_of with time", replaced("2026-11-25", "2026-11-25T10:00:00"), "$.as_of", "date");
    row("as_of number", replaced(R"("2026-11-25")", "20261125"), "$.as_of", "string|date");
    row("last_dose 2026-02-30", replaced("2026-11-20", "2026-02-30"), "$.medications[0].last_dose", "date");
    row("last_dose 2026-13-01", replaced("2026-11-20", "2026-13-01"), "$.medications[0].last_dose", "date");
    row("last_dose 25.11.2026", replaced("2026-11-24", "25.11.2026"), "$.medications[1].last_dose", "date");
    row("last_dose 2026-1-5", replaced("2026-11-24", "2026-1-5"), "$.medications[1].last_dose", "date");
    row("measurement date invalid", withFact(R"("creatinine": {"value": 1, "unit": "mg/dL", "date": "2026-02-29"})"),
        "$.facts.creatinine.date", "date");

    // Facts: keys.
    row("unknown key in facts", withFact(R"("favourite_colour": "red")"), "$.facts.favourite_colour", "unknown");
    row("fact id wrong case", withFact(R"("Creatinine": {"value": 1, "unit": "mg/dL"})"), "$.facts.Creatinine",
        "unknown");
    row("duplicate key inside facts", withFact(R"("age_years": 35)"), "$.facts.age_years", "duplicate");
    row("derived value given as a fact", withFact(R"("egfr_ckd_epi_2021": {"value": 90, "unit": "mL/min/1.73m2"})"),
        "$.facts.egfr_ckd_epi_2021", "derived|computed");
    row("derived value given as a bare number", withFact(R"("crcl_cockcroft_gault": 90)"),
        "$.facts.crcl_cockcroft_gault", "derived|computed");
    row("unknown key in a unit object", withFact(R"("creatinine": {"value": 1, "unit": "mg/dL", "method": "jaffe"})"),
        "$.facts.creatinine.method", "unknown");
    row("unknown key in a status object", withFact(R"("dlco": {"status": "unknown", "why": "no lab"})"),
        "$.facts.dlco.why", "unknown");
    row("unknown status", withFact(R"("dlco": {"status": "pending"})"), "$.facts.dlco.status", "not_evaluated|unknown");
    row("unit object without unit", withFact(R"("creatinine": {"value": 1})"), "$.facts.creatinine.unit",
        "missing|required");
    row("unit object without value", withFact(R"("creatinine": {"unit": "mg/dL"})"), "$.facts.creatinine.value",
        "missing|required");

    // Facts: types.
    row("string for number (value)", withFact(R"("creatinine": {"value": "1.0", "unit": "mg/dL"})"),
        "$.facts.creatinine.value", "number");
    row("string for bare number", replaced(R"("age_years": 34)", R"("age_years": "34")"), "$.facts.age_years",
        "number");
    row("unit not a string", withFact(R"("creatinine": {"value": 1, "unit": 1})"), "$.facts.creatinine.unit", "string");
    row("number for bool", withFact(R"("active_infection": 1)"), "$.facts.active_infection", "true|bool");
    row("string for bool", withFact(R"("active_infection": "false")"), "$.facts.active_infection", "true|bool");
    row("bool for enum", replaced(R"("sex": "female")", R"("sex": true)"), "$.facts.sex", "boolean|string|value");
    row("number for enum", withFact(R"("hbsag": 0)"), "$.facts.hbsag", "number|string|value");
    row("array for number", withFact(R"("lvef": [60, "%"])"), "$.facts.lvef", "number|object|array");
    row("null fact value", withFact(R"("lvef": null)"), "$.facts.lvef", "null");
    row("null bool fact", withFact(R"("pregnant": null)"), "$.facts.pregnant", "null");
    row("non-integer ecog", withFact(R"("ecog": 1.5)"), "$.facts.ecog", "whole|integer");
    row("non-integer nyha_class", withFact(R"("nyha_class": 2.5)"), "$.facts.nyha_class", "whole|integer");

    // Facts: enums.
    row("sex other", replaced(R"("sex": "female")", R"("sex": "other")"), "$.facts.sex", "other");
    row("sex upper case", replaced(R"("sex": "female")", R"("sex": "Female")"), "$.facts.sex", "Female");
    row("disease sle", replaced(R"("disease": "SLE")", R"("disease": "sle")"), "$.facts.disease", "sle");
    row("hbsag unknown literal", withFact(R"("hbsag": "borderline")"), "$.facts.hbsag", "borderline");

    // Facts: units.
    row("bare number creatinine", withFact(R"("creatinine": 80)"), "$.facts.creatinine", "unit");
    row("bare number weight", withFact(R"("weight": 62)"), "$.facts.weight", "unit");
    row("bare number lvef", withFact(R"("lvef": 60)"), "$.facts.lvef", "unit");
    row("unknown unit mmol/L for creatinine", withFact(R"("creatinine": {"value": 0.08, "unit": "mmol/L"})"),
        "$.facts.creatinine.unit", "mmol/L");
    row("unit case MG/DL", withFact(R"("creatinine": {"value": 1, "unit": "MG/DL"})"), "$.facts.creatinine.unit",
        "MG/DL");
    row("unit case mg/dl", withFact(R"("creatinine": {"value": 1, "unit": "mg/dl"})"), "$.facts.creatinine.unit",
        "mg/dl");
    row("unit case KG", withFact(R"("weight": {"value": 62, "unit": "KG"})"), "$.facts.weight.unit", "KG");
    row("unit with spaces", withFact(R"("creatinine": {"value": 1, "unit": " mg/dL"})"), "$.facts.creatinine.unit",
        "unit");
    row("empty unit", withFact(R"("creatinine": {"value": 1, "unit": ""})"), "$.facts.creatinine.unit", "unit");
    row("unit of another variable", withFact(R"("lvef": {"value": 60, "unit": "mg/dL"})"), "$.facts.lvef.unit",
        "mg/dL");
    row("unit object on an enum", replaced(R"("sex": "female")", R"("sex": {"value": "female", "unit": "kg"})"),
        "$.facts.sex.unit", "unknown");

    // Facts: ranges (inclusive, checked after conversion to the canonical unit).
    row("age 121", replaced(R"("age_years": 34)", R"("age_years": 121)"), "$.facts.age_years", "range");
    row("age -1", replaced(R"("age_years": 34)", R"("age_years": -1)"), "$.facts.age_years", "range");
    row("spo2 100.5", withFact(R"("spo2": {"value": 100.5, "unit": "%"})"), "$.facts.spo2.value", "range");
    row("spo2 49.9", withFact(R"("spo2": {"value": 49.9, "unit": "%"})"), "$.facts.spo2.value", "range");
    row("creatinine 25 mg/dL", withFact(R"("creatinine": {"value": 25, "unit": "mg/dL"})"), "$.facts.creatinine.value",
        "range");
    row("creatinine 0.05 mg/dL", withFact(R"("creatinine": {"value": 0.05, "unit": "mg/dL"})"),
        "$.facts.creatinine.value", "range");
    row("creatinine 2000 umol/L", withFact(R"("creatinine": {"value": 2000, "unit": "umol/L"})"),
        "$.facts.creatinine.value", "range");
    // 8 is inside the canonical 0.1–20 but 8 µmol/L = 0.0905 mg/dL is not.
    row("creatinine 8 umol/L", withFact(R"("creatinine": {"value": 8, "unit": "umol/L"})"), "$.facts.creatinine.value",
        "range");
    // 30 is inside 20–350 but 30 lb = 13.6 kg is not.
    row("weight 30 lb", withFact(R"("weight": {"value": 30, "unit": "lb"})"), "$.facts.weight.value", "range");
    row("ecog 5", withFact(R"("ecog": 5)"), "$.facts.ecog", "range");
    row("nyha_class 0", withFact(R"("nyha_class": 0)"), "$.facts.nyha_class", "range");
    row("travel 49 h", withFact(R"("travel_minutes_to_centre": {"value": 49, "unit": "h"})"),
        "$.facts.travel_minutes_to_centre.value", "range");
    row("huge number", withFact(R"("creatinine": {"value": 1e308, "unit": "mg/dL"})"), "$.facts.creatinine.value",
        "range");

    // Nesting.
    row("nesting deeper than 64", withFact("\"lvef\": " + QByteArray(70, '[') + QByteArray(70, ']')), "$.facts.lvef",
        "nest|deep|depth");
    row("nesting deeper than 64 (objects)",
        withFact("\"lvef\": " + QByteArray("{\"a\": ").repeated(70) + "1" + QByteArray(70, '}')), "$.facts.lvef",
        "nest|deep|depth");

    // NaN and Infinity are not JSON numbers; docs/case-format.md#limits: the error names the field.
    row("NaN in a unit object", withFact(R"("creatinine": {"value": NaN, "unit": "mg/dL"})"),
        "$.facts.creatinine.value", "nan|finite|number|invalid");
    row("Infinity in a unit object", withFact(R"("creatinine": {"value": Infinity, "unit": "mg/dL"})"),
        "$.facts.creatinine.value", "infinity|finite|number|invalid");
    row("-Infinity in a unit object", withFact(R"("creatinine": {"value": -Infinity, "unit": "mg/dL"})"),
        "$.facts.creatinine.value", "infinity|finite|number|invalid");
    row("NaN as a bare number", replaced(R"("age_years": 34)", R"("age_years": NaN)"), "$.facts.age_years",
        "nan|finite|number|invalid");
    row("-Infinity as a bare number", replaced(R"("age_years": 34)", R"("age_years": -Infinity)"), "$.facts.age_years",
        "infinity|finite|number|invalid");

    // Medications and failed therapies.
    row("unknown key in a medication",
        replaced(R"({"agent": "mycophenolate_mofetil", "last_dose": "2026-11-20"})",
            R"({"agent": "mycophenolate_mofetil", "last_dose": "2026-11-20", "route": "oral"})"),
        "$.medications[0].route", "unknown");
    row("duplicate key in a medication",
        replaced(
            R"({"agent": "mycophenolate_mofetil",)", R"({"agent": "mycophenolate_mofetil", "agent": "azathioprine",)"),
        "$.medications[0].agent", "duplicate");
    row("medication without agent", replaced(R"({"agent": "mycophenolate_mofetil", )", "{"), "$.medications[0].agent",
        "missing|required");
    row("unknown drug in medications", replaced(R"("agent": "mycophenolate_mofetil")", R"("agent": "unobtainium")"),
        "$.medications[0].agent", "unobtainium");
    row("drug id wrong case", replaced(R"("agent": "mycophenolate_mofetil")", R"("agent": "Mycophenolate_Mofetil")"),
        "$.medications[0].agent", "Mycophenolate_Mofetil");
    row("unknown drug in failed_therapies", replaced(R"("rituximab"])", R"("rituximab", "unobtainium"])"),
        "$.failed_therapies[2]", "unobtainium");
    row("drug class id in failed_therapies", replaced(R"("cyclophosphamide", )", R"("w14", )"), "$.failed_therapies[0]",
        "w14");
    row("number in failed_therapies", replaced(R"("cyclophosphamide", )", "42, "), "$.failed_therapies[0]",
        "agent|string");
    row("glucocorticoid without daily_dose",
        replaced(
            R"({"agent": "prednisone", "daily_dose": {"value": 15, "unit": "mg"}, )", R"({"agent": "prednisone", )"),
        "$.medications[1].daily_dose", "dose");
    row("dexamethasone without daily_dose", makeCase({}, R"({"agent": "dexamethasone", "last_dose": "2026-11-20"})"),
        "$.medications[0].daily_dose", "dose");
    row("daily_dose in g", replaced(R"("unit": "mg"})", R"("unit": "g"})"), "$.medications[1].daily_dose.unit",
        "unit|mg");
    row("daily_dose in MG", replaced(R"("unit": "mg"})", R"("unit": "MG"})"), "$.medications[1].daily_dose.unit",
        "unit|mg");
    row("daily_dose bare number", replaced(R"({"value": 15, "unit": "mg"})", "15"), "$.medications[1].daily_dose",
        "object|unit");
    row("daily_dose value string", replaced(R"({"value": 15, "unit": "mg"})", R"({"value": "15", "unit": "mg"})"),
        "$.medications[1].daily_dose.value", "number");
    row("daily_dose unknown key",
        replaced(R"({"value": 15, "unit": "mg"})", R"({"value": 15, "unit": "mg", "per": "day"})"),
        "$.medications[1].daily_dose.per", "unknown");
    row("negative daily_dose", replaced(R"({"value": 15, "unit": "mg"})", R"({"value": -5, "unit": "mg"})"),
        "$.medications[1].daily_dose.value", "negative|range");
}

void TestCaseInput::rejects()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, path);
    QFETCH(QString, keywords);

    json::Diagnostics diag;
    const auto c = parseCase(input, pack(), diag);
    QVERIFY2(!c.has_value(), "an invalid case was accepted");
    QVERIFY(diag.count() >= 1);
    QCOMPARE(diag.ok(), false);

    const QStringList words = keywords.split(QLatin1Char('|'));
    bool found = false;
    for (const QString &line : diag.lines()) {
        bool pathMatches = false;
        if (keywords.startsWith(QLatin1String("nest")))
            pathMatches = line.startsWith(path); // the depth error names the deep element below the field
        else
            pathMatches = line.startsWith(path + QStringLiteral(": "));
        if (!pathMatches)
            continue;
        for (const QString &w : words)
            found = found || line.contains(w, Qt::CaseInsensitive);
    }
    QVERIFY2(found,
        qPrintable(QStringLiteral("no line starting with '%1: ' and mentioning %2; got:\n%3")
                       .arg(path, keywords, diag.lines().join(QLatin1Char('\n')))));
    for (const QString &line : diag.lines())
        QVERIFY2(line.startsWith(QLatin1Char('$')), qPrintable(line)); // every line names a JSON path
}

void TestCaseInput::nestingWithinLimitIsNotADepthError()
{
    // 40 nested arrays (well within 64 levels): refused as a wrong type, but not for depth.
    json::Diagnostics diag;
    QVERIFY(!parseCase(withFact("\"lvef\": " + QByteArray(40, '[') + QByteArray(40, ']')), pack(), diag).has_value());
    for (const QString &l : diag.lines())
        QVERIFY2(!l.contains(QStringLiteral("nest"), Qt::CaseInsensitive)
                && !l.contains(QStringLiteral("deep"), Qt::CaseInsensitive),
            qPrintable(l));
    QVERIFY2(std::any_of(diag.findings().cbegin(), diag.findings().cend(),
                 [](const json::Finding &f) { return f.path == QLatin1String("$.facts.lvef"); }),
        qPrintable(diag.lines().join(QLatin1Char('\n'))));
}

void TestCaseInput::severalProblemsAreAllReported()
{
    // Three independent problems → three lines, each naming its own field.
    QByteArray doc = makeCase(R"("creatinine": {"value": 1, "unit": "MG/DL"}, "lvef": 60)", kDefaultMeds,
        kDefaultFailed, R"("colour": "red")");
    json::Diagnostics diag;
    QVERIFY(!parseCase(doc, pack(), diag).has_value());
    QCOMPARE(diag.count(), 3);
    QStringList paths;
    for (const QString &l : diag.lines())
        paths.append(l.section(QStringLiteral(": "), 0, 0));
    paths.sort();
    QCOMPARE(paths,
        (QStringList {
            QStringLiteral("$.colour"), QStringLiteral("$.facts.creatinine.unit"), QStringLiteral("$.facts.lvef") }));
}

// Each finding is a value {path, code, message}: the editor and the import dialogs use the path and
// the code; the CLI prints "path: message" (json::FindingCode, docs/case-format.md).
void TestCaseInput::findingCodes_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("code");
    auto row = [](const char *name, const QByteArray &input, const char *path, const char *code) {
        QTest::newRow(name) << input << QString::fromUtf8(path) << QString::fromLatin1(code);
    };
    row("syntax error", QByteArray(R"({"format": "consilium-case/1",)"), "$", json::FindingCode::Syntax);
    row("invalid UTF-8", QByteArray("{\"id\": \"\xC3\x28\"}"), "$", json::FindingCode::Encoding);
    row("duplicate key", withFact(R"("sex": "male")"), "$.facts.sex", json::FindingCode::DuplicateKey);
    row("wrong type", replaced(R"("age_years": 34)", R"("age_years": "34")"), "$.facts.age_years",
        json::FindingCode::Type);
    row("unknown key", withFact(R"("favourite_colour": "blue")"), "$.facts.favourite_colour",
        json::FindingCode::UnknownKey);
    row("unknown top-level key", makeCase({}, kDefaultMeds, kDefaultFailed, R"("colour": "red")"), "$.colour",
        json::FindingCode::UnknownKey);
    row("out of range", replaced(R"("age_years": 34)", R"("age_years": 340)"), "$.facts.age_years",
        json::FindingCode::Range);
    row("bad unit", withFact(R"("creatinine": {"value": 1, "unit": "furlongs"})"), "$.facts.creatinine.unit",
        json::FindingCode::Unit);
    row("not a date", replaced(R"("as_of": "2026-11-25")", R"("as_of": "2026-11-31")"), "$.as_of",
        json::FindingCode::Date);
    row("not an enum value", replaced(R"("sex": "female")", R"("sex": "robot")"), "$.facts.sex",
        json::FindingCode::Enum);
    row("unknown drug", replaced(R"("mycophenolate_mofetil", "last)", R"("unobtainium", "last)"),
        "$.medications[0].agent", json::FindingCode::Reference);
    row("missing key", replaced(R"("id": "t-001", )", ""), "$.id", json::FindingCode::Required);
}

void TestCaseInput::findingCodes()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, path);
    QFETCH(QString, code);
    json::Diagnostics diag;
    QVERIFY(!parseCase(input, pack(), diag).has_value());
    const auto &findings = diag.findings();
    QVERIFY2(std::any_of(findings.cbegin(), findings.cend(),
                 [&](const json::Finding &f) { return f.path == path && f.code == code && !f.message.isEmpty(); }),
        qPrintable(
            QStringLiteral("no finding %1 at %2; got:\n%3").arg(code, path, diag.lines().join(QLatin1Char('\n')))));
    QStringList lines;
    for (const json::Finding &f : findings)
        lines << f.path + QStringLiteral(": ") + f.message;
    QCOMPARE(diag.lines(), lines); // what the CLI prints
}

void TestCaseInput::baseCaseIsValid()
{
    // The template behind every rejection row must itself be valid, so each row tests one thing.
    json::Diagnostics diag;
    const auto c = parseCase(makeCase(), pack(), diag);
    QVERIFY2(c.has_value(), qPrintable(diag.lines().join(QLatin1Char('\n'))));
    QVERIFY(diag.ok());
    QCOMPARE(c->id, QStringLiteral("t-001"));
    QCOMPARE(c->asOf, QDate(2026, 11, 25));
    QCOMPARE(pack().jurisdictions().value(c->jurisdiction), QStringLiteral("EU"));
    QCOMPARE(c->medications.size(), std::size_t(2));
    QVERIFY(c->medications[1].hasDailyDose);
    QCOMPARE(c->medications[1].dailyDoseMg, 15.0);
    QCOMPARE(c->failedTherapies.size(), std::size_t(2));
    QCOMPARE(factOf(*c, "age_years").status, ValueStatus::Known);
    QCOMPARE(factOf(*c, "age_years").value, 34.0);
    QCOMPARE(factOf(*c, "creatinine").status, ValueStatus::Absent);
    // A UTF-8 byte-order mark is not an error.
    json::Diagnostics bomDiag;
    QVERIFY(parseCase("\xEF\xBB\xBF" + makeCase(), pack(), bomDiag).has_value());
    // Non-ASCII text in a string is fine.
    json::Diagnostics utfDiag;
    QVERIFY2(parseCase(replaced(R"("label": "test case")", "\"label\": \"Sj\xc3\xb6gren \xe2\x80\x93 \xce\xbc\""),
                 pack(), utfDiag)
                 .has_value(),
        qPrintable(utfDiag.lines().join(QLatin1Char('\n'))));
}

void TestCaseInput::examplesParse()
{
    const QDir dir(QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/examples"));
    const QStringList files = dir.entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name);
    QVERIFY(files.size() >= 10);
    for (const QString &name : files) {
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::ReadOnly));
        json::Diagnostics diag;
        const auto c = parseCase(f.readAll(), pack(), diag);
        QVERIFY2(c.has_value(), qPrintable(name + QStringLiteral(":\n") + diag.lines().join(QLatin1Char('\n'))));
        QVERIFY2(diag.ok(), qPrintable(name));
        QCOMPARE(c->id, QFileInfo(name).completeBaseName());
    }
}

void TestCaseInput::rangeBoundariesAccepted_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("variable");
    QTest::addColumn<double>("canonical");

    auto row = [](const char *name, const QByteArray &input, const char *variable, double canonical) {
        QTest::newRow(name) << input << QString::fromLatin1(variable) << canonical;
    };
    row("age 0", replaced(R"("age_years": 34)", R"("age_years": 0)"), "age_years", 0);
    row("age 120", replaced(R"("age_years": 34)", R"("age_years": 120)"), "age_years", 120);
    row("age 120 years", replaced(R"("age_years": 34)", R"("age_years": {"value": 120, "unit": "years"})"), "age_years",
        120);
    row("spo2 100", withFact(R"("spo2": {"value": 100, "unit": "%"})"), "spo2", 100);
    row("spo2 50", withFact(R"("spo2": {"value": 50, "unit": "%"})"), "spo2", 50);
    row("creatinine 0.1 mg/dL", withFact(R"("creatinine": {"value": 0.1, "unit": "mg/dL"})"), "creatinine", 0.1);
    row("creatinine 20 mg/dL", withFact(R"("creatinine": {"value": 20, "unit": "mg/dL"})"), "creatinine", 20);
    row("ecog 0", withFact(R"("ecog": 0)"), "ecog", 0);
    row("ecog 4", withFact(R"("ecog": 4)"), "ecog", 4);
    row("ecog 2.0", withFact(R"("ecog": 2.0)"), "ecog", 2);
    row("nyha_class 1", withFact(R"("nyha_class": 1)"), "nyha_class", 1);
    row("nyha_class 4", withFact(R"("nyha_class": 4)"), "nyha_class", 4);
    row("weight 350 kg", withFact(R"("weight": {"value": 350, "unit": "kg"})"), "weight", 350);
    row("weight 20000 g", withFact(R"("weight": {"value": 20000, "unit": "g"})"), "weight", 20);
    row("anc 0", withFact(R"("anc": {"value": 0, "unit": "10^9/L"})"), "anc", 0);
    row("travel 2880 min", withFact(R"("travel_minutes_to_centre": {"value": 2880, "unit": "min"})"),
        "travel_minutes_to_centre", 2880);
    row("travel 48 h", withFact(R"("travel_minutes_to_centre": {"value": 48, "unit": "h"})"),
        "travel_minutes_to_centre", 2880);
    row("travel bare 0", withFact(R"("travel_minutes_to_centre": 0)"), "travel_minutes_to_centre", 0);
    row("mrss 51", withFact(R"("mrss": 51)"), "mrss", 51);
    row("sledai 0", withFact(R"("sledai_2k": 0)"), "sledai_2k", 0);
    row("disease_duration bare 90", withFact(R"("disease_duration_years": 90)"), "disease_duration_years", 90);
}

void TestCaseInput::rangeBoundariesAccepted()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, variable);
    QFETCH(double, canonical);
    json::Diagnostics diag;
    const auto c = parseCase(input, pack(), diag);
    QVERIFY2(c.has_value(), qPrintable(diag.lines().join(QLatin1Char('\n'))));
    const FactView f = factOf(*c, variable);
    QCOMPARE(f.status, ValueStatus::Known);
    QVERIFY2(relClose(f.value, canonical), qPrintable(QString::number(f.value, 'g', 17)));
}

void TestCaseInput::microSignNormalisation()
{
    // docs/case-format.md#units: "µ" (U+00B5, micro sign) and "μ" (U+03BC, Greek mu) are normalised to "u".
    const QByteArray units[] = { QByteArray("umol/L"), QByteArray("\xc2\xb5mol/L"), QByteArray("\xce\xbcmol/L") };
    for (const QByteArray &u : units) {
        json::Diagnostics diag;
        const auto c = parseCase(withFact("\"creatinine\": {\"value\": 88.42, \"unit\": \"" + u + "\"}"), pack(), diag);
        QVERIFY2(c.has_value(),
            qPrintable(QString::fromUtf8(u) + QStringLiteral(": ") + diag.lines().join(QLatin1Char('\n'))));
        const FactView f = factOf(*c, "creatinine");
        QCOMPARE(f.status, ValueStatus::Known);
        // 88.42 µmol/L ÷ 88.42 is exactly 1 mg/dL (docs/case-format.md#units; FORMAT.md: division kept as division).
        QVERIFY2(f.value == 1.0, qPrintable(QString::number(f.value, 'g', 17)));
        QCOMPARE(f.entered, 88.42);
        QCOMPARE(f.unit, QStringLiteral("umol/L"));
    }
    // The same for a value that is not a round number: all three spellings give the identical double.
    double values[3] = {};
    for (int i = 0; i < 3; ++i) {
        json::Diagnostics diag;
        const auto c
            = parseCase(withFact("\"bilirubin\": {\"value\": 34, \"unit\": \"" + units[i] + "\"}"), pack(), diag);
        QVERIFY2(c.has_value(), qPrintable(diag.lines().join(QLatin1Char('\n'))));
        values[i] = factOf(*c, "bilirubin").value;
    }
    QVERIFY(values[0] == values[1] && values[1] == values[2]);
    QVERIFY(relClose(values[0], 34.0 / 17.1));
    // Only the micro signs are normalised: other look-alikes stay unknown units.
    json::Diagnostics diag;
    QVERIFY(!parseCase(withFact(R"("creatinine": {"value": 80, "unit": "Umol/L"})"), pack(), diag).has_value());
    QVERIFY(diag.lines().value(0).startsWith(QStringLiteral("$.facts.creatinine.unit: ")));
}

void TestCaseInput::superscriptNineNormalisation()
{
    for (const char *id : { "anc", "alc", "platelets" }) {
        json::Diagnostics diag;
        const auto c = parseCase(
            withFact("\"" + QByteArray(id) + "\": {\"value\": 1.5, \"unit\": \"10\xe2\x81\xb9/L\"}"), pack(), diag);
        QVERIFY2(
            c.has_value(), qPrintable(QLatin1String(id) + QStringLiteral(": ") + diag.lines().join(QLatin1Char('\n'))));
        const FactView f = factOf(*c, id);
        QCOMPARE(f.status, ValueStatus::Known);
        QCOMPARE(f.value, 1.5);
        QCOMPARE(f.unit, QStringLiteral("10^9/L"));
    }
    // cd3_count: 10⁹/L × 1000 → cells/µL.
    json::Diagnostics diag;
    const auto c = parseCase(withFact("\"cd3_count\": {\"value\": 0.8, \"unit\": \"10\xe2\x81\xb9/L\"}"), pack(), diag);
    QVERIFY2(c.has_value(), qPrintable(diag.lines().join(QLatin1Char('\n'))));
    QVERIFY(relClose(factOf(*c, "cd3_count").value, 800.0));
    // "10^3/µL" mixes both normalisations.
    json::Diagnostics diag2;
    const auto c2 = parseCase(withFact("\"anc\": {\"value\": 2.5, \"unit\": \"10^3/\xc2\xb5L\"}"), pack(), diag2);
    QVERIFY2(c2.has_value(), qPrintable(diag2.lines().join(QLatin1Char('\n'))));
    QCOMPARE(factOf(*c2, "anc").value, 2.5);
}

void TestCaseInput::explicitStatuses()
{
    json::Diagnostics diag;
    const auto c = parseCase(withFact(R"("dlco": {"status": "not_evaluated"}, "lvef": {"status": "unknown"},)"
                                      R"( "hbsag": {"status": "unknown"}, "pregnant": {"status": "not_evaluated"},)"
                                      R"( "ecog": {"status": "unknown", "date": "2026-11-01"})"),
        pack(), diag);
    QVERIFY2(c.has_value(), qPrintable(diag.lines().join(QLatin1Char('\n'))));
    QCOMPARE(factOf(*c, "dlco").status, ValueStatus::NotEvaluated);
    QCOMPARE(factOf(*c, "lvef").status, ValueStatus::Unknown);
    QCOMPARE(factOf(*c, "hbsag").status, ValueStatus::Unknown);
    QCOMPARE(factOf(*c, "pregnant").status, ValueStatus::NotEvaluated);
    QCOMPARE(factOf(*c, "ecog").status, ValueStatus::Unknown);
    QCOMPARE(factOf(*c, "fvc").status, ValueStatus::Absent); // a key absent = unknown (absent)
}

void TestCaseInput::lastDoseAfterAsOfAccepted()
{
    // docs/case-format.md#medications: a last_dose after as_of is accepted (a planned last dose).
    json::Diagnostics diag;
    const auto c = parseCase(replaced("2026-11-20", "2027-01-15"), pack(), diag);
    QVERIFY2(c.has_value(), qPrintable(diag.lines().join(QLatin1Char('\n'))));
    QVERIFY(c->medications[0].hasLastDose);
    QCOMPARE(c->medications[0].lastDose, QDate(2027, 1, 15));
    // A medication without last_dose (not a glucocorticoid) is valid as well.
    json::Diagnostics diag2;
    const auto c2 = parseCase(replaced(R"({"agent": "mycophenolate_mofetil", "last_dose": "2026-11-20"})",
                                  R"({"agent": "mycophenolate_mofetil"})"),
        pack(), diag2);
    QVERIFY2(c2.has_value(), qPrintable(diag2.lines().join(QLatin1Char('\n'))));
    QVERIFY(!c2->medications[0].hasLastDose);
    // Empty arrays are valid (known to be empty), absent arrays are unknown.
    json::Diagnostics diag3;
    const auto c3 = parseCase(makeCase({}, {}, {}), pack(), diag3);
    QVERIFY2(c3.has_value(), qPrintable(diag3.lines().join(QLatin1Char('\n'))));
    QVERIFY(c3->hasMedications);
    QVERIFY(c3->hasFailedTherapies);
    QVERIFY(c3->medications.empty());
    json::Diagnostics diag4;
    const auto c4 = parseCase(
        QByteArray(
            R"({"format": "consilium-case/1", "id": "x", "as_of": "2026-11-25", "jurisdiction": "US", "facts": {}})"),
        pack(), diag4);
    QVERIFY2(c4.has_value(), qPrintable(diag4.lines().join(QLatin1Char('\n'))));
    QVERIFY(!c4->hasMedications);
    QVERIFY(!c4->hasFailedTherapies);
    QCOMPARE(pack().jurisdictions().value(c4->jurisdiction), QStringLiteral("US"));
}

void TestCaseInput::asOfOverride()
{
    CaseParseOptions options;
    options.asOfOverride = QDate(2027, 6, 1);
    json::Diagnostics diag;
    const auto c = parseCase(makeCase(), pack(), diag, options);
    QVERIFY(c.has_value());
    QCOMPARE(c->asOf, QDate(2027, 6, 1));
}

void TestCaseInput::specConversionFactors_data()
{
    // Factors written by hand from the pack's `variables[].units[]` sources (not read from the pack).
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<double>("entered");
    QTest::addColumn<double>("canonical");

    auto row = [](const char *variable, const char *unit, double entered, double canonical) {
        const QByteArray name = QByteArray(variable) + ' ' + unit;
        QTest::newRow(name.constData()) << QString::fromUtf8(variable) << QString::fromUtf8(unit) << entered
                                        << canonical;
    };
    row("creatinine", "umol/L", 80, 80 / 88.42);
    row("creatinine", "mg/dL", 0.9, 0.9);
    row("bilirubin", "umol/L", 34, 34 / 17.1);
    row("bilirubin", "umol/L", 43, 43 / 17.1);
    row("hemoglobin", "mmol/L", 7, 7 * 1.611);
    row("hemoglobin", "g/L", 112, 11.2);
    row("weight", "lb", 150, 150 * 0.45359237);
    row("weight", "g", 62500, 62.5);
    row("height", "in", 66, 66 * 2.54);
    row("height", "m", 1.68, 168);
    row("crp", "mg/L", 25, 2.5);
    row("igg", "mg/dL", 800, 8);
    row("igg", "g/dL", 0.72, 7.2);
    row("ldh", "ukat/L", 4, 240);
    row("anc", "/uL", 1500, 1.5);
    row("anc", "10^3/uL", 1.5, 1.5);
    row("platelets", "/uL", 210000, 210);
    row("alc", "/uL", 900, 0.9);
    row("cd3_count", "10^9/L", 0.8, 800);
    row("cd3_count", "/uL", 650, 650);
    row("pasp", "kPa", 5, 5 * 7.50062);
    row("mpap", "kPa", 3, 3 * 7.50062);
    row("travel_minutes_to_centre", "h", 2, 120);
    row("disease_duration_years", "months", 30, 2.5);
    row("ferritin", "ug/L", 180, 180);
}

void TestCaseInput::specConversionFactors()
{
    QFETCH(QString, variable);
    QFETCH(QString, unit);
    QFETCH(double, entered);
    QFETCH(double, canonical);
    json::Diagnostics diag;
    const auto c = parseCase(withFact(unitFact(variable, entered, unit)), pack(), diag);
    QVERIFY2(c.has_value(), qPrintable(diag.lines().join(QLatin1Char('\n'))));
    const FactView f = factOf(*c, variable);
    QCOMPARE(f.status, ValueStatus::Known);
    QVERIFY2(relClose(f.value, canonical),
        qPrintable(QStringLiteral("got %1, expected %2")
                       .arg(QString::number(f.value, 'g', 17), QString::number(canonical, 'g', 17))));
    QCOMPARE(f.entered, entered);
    QCOMPARE(f.unit, unit);
}

void TestCaseInput::everyUnitConvertsToCanonical_data()
{
    QTest::addColumn<int>("variableIndex");
    QTest::addColumn<int>("unitIndex");
    const auto &vars = pack().variables();
    for (std::size_t vi = 0; vi < vars.size(); ++vi) {
        const Variable &v = vars[vi];
        if (v.units.size() < 2)
            continue;
        for (std::size_t ui = 0; ui < v.units.size(); ++ui) {
            const QByteArray name = (v.id + QLatin1Char(' ') + v.units[ui].unit).toUtf8();
            QTest::newRow(name.constData()) << int(vi) << int(ui);
        }
    }
}

void TestCaseInput::multiUnitVariablesPresent()
{
    // The pack's `variables` give these variables more than one accepted unit; the table-driven
    // conversion test above covers exactly the pack's multi-unit variables, so they must all be there.
    for (const char *id :
        { "weight", "height", "disease_duration_years", "pasp", "mpap", "creatinine", "anc", "alc", "cd3_count",
            "hemoglobin", "platelets", "bilirubin", "ldh", "crp", "ferritin", "igg", "travel_minutes_to_centre" }) {
        const int vi = pack().variableIndex(QString::fromLatin1(id));
        QVERIFY2(vi >= 0, id);
        QVERIFY2(pack().variables()[std::size_t(vi)].units.size() >= 2, id);
    }
}

void TestCaseInput::everyUnitConvertsToCanonical()
{
    QFETCH(int, variableIndex);
    QFETCH(int, unitIndex);
    const Variable &v = pack().variables()[std::size_t(variableIndex)];
    const UnitConversion &u = v.units[std::size_t(unitIndex)];
    QVERIFY(u.factor > 0);

    // A canonical target well inside the plausibility range.
    const double lo = v.hasRange ? v.rangeMin : 0.0;
    const double hi = v.hasRange ? v.rangeMax : 100.0;
    double target = lo + (hi - lo) * 0.3;
    if (v.type == ValueType::Integer)
        target = std::round(target);
    const double entered = u.divide ? target * u.factor : target / u.factor;
    const double expected = u.divide ? entered / u.factor : entered * u.factor;

    json::Diagnostics diag;
    const auto c = parseCase(withFact(unitFact(v.id, entered, u.unit)), pack(), diag);
    QVERIFY2(c.has_value(), qPrintable(diag.lines().join(QLatin1Char('\n'))));
    const FactView f = factAt(*c, variableIndex);
    QCOMPARE(f.status, ValueStatus::Known);
    QVERIFY2(relClose(f.value, expected),
        qPrintable(QStringLiteral("%1 %2 → %3, expected %4")
                       .arg(QString::number(entered, 'g', 17), u.unit, QString::number(f.value, 'g', 17),
                           QString::number(expected, 'g', 17))));
    QVERIFY(relClose(f.value, target, 1e-9));

    // Feeding the canonical value in the canonical unit gives the same canonical value.
    const UnitConversion *canonicalUnit = v.findUnit(normaliseUnit(v.unit));
    if (!canonicalUnit) {
        for (const auto &cu : v.units) {
            if (cu.factor == 1.0)
                canonicalUnit = &cu;
        }
    }
    QVERIFY2(canonicalUnit, qPrintable(QStringLiteral("no unit with factor 1 for ") + v.id));
    QCOMPARE(canonicalUnit->factor, 1.0);
    json::Diagnostics diag2;
    const auto c2 = parseCase(withFact(unitFact(v.id, f.value, canonicalUnit->unit)), pack(), diag2);
    QVERIFY2(c2.has_value(), qPrintable(diag2.lines().join(QLatin1Char('\n'))));
    const FactView f2 = factAt(*c2, variableIndex);
    QCOMPARE(f2.status, ValueStatus::Known);
    QVERIFY2(f2.value == f.value, qPrintable(QString::number(f2.value, 'g', 17)));
}

QTEST_GUILESS_MAIN(TestCaseInput)
#include "tst_case_input.moc"
