// SPDX-License-Identifier: GPL-3.0-or-later
// Pack texts in more than one language (issue 12; resources/packs/FORMAT.md, "Texts in more than one
// language"): a text field is a string (English) or {"en": …, "de": …}. The loader keeps both, refuses
// an unknown language, a missing English text and a German template whose placeholders differ from the
// English one, naming the path; the engine gives the text of a language and says when it fell back to
// English; the result stays English.
#include "engine/CaseEvaluation.h"
#include "engine/Engine.h"
#include "engine/Explanations.h"
#include "engine/ResultWriter.h"
#include "rules/RulePack.h"

#include <QFile>
#include <QTest>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstring>
#include <functional>

using namespace consilium;

namespace {

using Doc = rapidjson::Document;
using JValue = rapidjson::Value;

QByteArray mutated(const std::function<void(Doc &)> &edit)
{
    const QByteArray bytes = RulePack::builtinBytes();
    Doc d;
    d.Parse<rapidjson::kParseFullPrecisionFlag>(bytes.constData(), std::size_t(bytes.size()));
    Q_ASSERT(!d.HasParseError());
    edit(d);
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    d.Accept(w);
    return QByteArray(buffer.GetString(), qsizetype(buffer.GetSize()));
}

int indexById(const JValue &array, const char *id)
{
    for (rapidjson::SizeType i = 0; i < array.Size(); ++i) {
        if (std::strcmp(array[i]["id"].GetString(), id) == 0)
            return int(i);
    }
    Q_ASSERT_X(false, "indexById", id);
    return -1;
}

JValue &byId(Doc &d, const char *array, const char *id)
{
    return d[array][rapidjson::SizeType(indexById(d[array], id))];
}

QString pathOf(const char *array, const char *id)
{
    const QByteArray bytes = RulePack::builtinBytes();
    Doc d;
    d.Parse<rapidjson::kParseFullPrecisionFlag>(bytes.constData(), std::size_t(bytes.size()));
    return QStringLiteral("$.%1[%2]").arg(QLatin1String(array)).arg(indexById(d[array], id));
}

JValue str(Doc &d, const char *s)
{
    JValue v;
    v.SetString(s, rapidjson::SizeType(std::strlen(s)), d.GetAllocator());
    return v;
}

// {"en": en, "de": de} (de == nullptr: English only), or any object given as key/value pairs.
JValue texts(Doc &d, std::initializer_list<std::pair<const char *, const char *>> byLanguage)
{
    JValue o(rapidjson::kObjectType);
    for (const auto &[language, text] : byLanguage)
        o.AddMember(str(d, language), str(d, text), d.GetAllocator());
    return o;
}

void set(Doc &d, JValue &target, const char *key, JValue value)
{
    if (target.HasMember(key))
        target[key] = value;
    else
        target.AddMember(str(d, key), value, d.GetAllocator());
}

const char kAgeEn[] = "Age {age_years| y} (required ≥ 18)";
const char kAgeDe[] = "Alter {age_years| J.} (≥ 18 erforderlich)";
const char kRenalEn[] = "eGFR {egfr_ckd_epi_2021| mL/min/1.73 m²} (required ≥ 30)";
const char kRenalDe[] = "eGFR {egfr_ckd_epi_2021| mL/min/1.73 m²} (≥ 30 erforderlich)";

// The built-in pack with German for the age label, AUTO-AGE-01 and AUTO-RENAL-01, and English only
// for AUTO-AGE-02 and the arm label of the allogeneic arm.
QByteArray germanPack()
{
    return mutated([](Doc &d) {
        set(d, byId(d, "variables", "age_years"), "label", texts(d, { { "en", "Age" }, { "de", "Alter" } }));
        set(d, byId(d, "variables", "creatinine"), "label",
            texts(d, { { "en", "Serum creatinine" }, { "de", "Serumkreatinin" } }));
        set(d, byId(d, "criteria", "AUTO-AGE-01"), "explanation", texts(d, { { "en", kAgeEn }, { "de", kAgeDe } }));
        set(d, byId(d, "criteria", "AUTO-RENAL-01"), "explanation",
            texts(d, { { "en", kRenalEn }, { "de", kRenalDe } }));
        set(d, byId(d, "criteria", "AUTO-AGE-02"), "explanation", str(d, "Age {age_years| y} (caution above 65)"));
        set(d, d["arms"][1], "label", str(d, "Allogeneic CAR T"));
        set(d, d["arms"][0], "label", texts(d, { { "en", "Autologous CAR T" }, { "de", "Autologe CAR-T-Zellen" } }));
    });
}

int criterionIndex(const RulePack &pack, const char *id)
{
    for (std::size_t i = 0; i < pack.criteria().size(); ++i) {
        if (pack.criteria()[i].id == QLatin1String(id))
            return int(i);
    }
    return -1;
}

ExplanationWords germanWords()
{
    ExplanationWords w;
    w.language = QStringLiteral("de");
    w.unknownValue = QStringLiteral("unbekannt");
    w.notEvaluatedValue = QStringLiteral("nicht erhoben");
    w.missing = QStringLiteral("fehlend: %1");
    return w;
}

QByteArray exampleCase(const char *name)
{
    QFile f(QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/examples/%1.json").arg(QLatin1String(name)));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestPackTexts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsBothLanguages();
    void fallsBackToEnglishFlagged();
    void refusesBadTextShapes_data();
    void refusesBadTextShapes();
    void germanTemplateNeedsSamePlaceholders();
    void germanExplanationRendered();
    void missingGermanExplanationFlagged();
    void resultStaysEnglish();
    void referencePackHasGermanEverywhere();
};

// Issue 12: every text of the reference pack has German (toxicity rows, logistics notes, option notes,
// variable, derived and drug-class notes, agent labels included); an empty English text (the
// screening note of soc-ahsct) has nothing to translate and is not listed.
void TestPackTexts::referencePackHasGermanEverywhere()
{
    json::Diagnostics diag;
    const auto pack = RulePack::load(RulePack::builtinBytes(), diag);
    QVERIFY2(pack, qPrintable(diag.lines().join(QLatin1Char('\n'))));
    const QStringList englishOnly = pack->texts().keysWithout(QStringLiteral("de"));
    QVERIFY2(englishOnly.isEmpty(), qPrintable(englishOnly.join(QLatin1Char('\n'))));
    // A few German texts of the kinds named in the issue, from the pack.
    const auto de = [&](const QString &key) { return pack->text(key, QStringLiteral("de")); };
    QCOMPARE(de(QStringLiteral("$.toxicity.autologous_car_t[0].summary")).text,
        QStringLiteral("CRS bei 11/15 (Grad 1 10/15, Grad 2 1/15), keines Grad ≥ 3; Erlanger Produkt vom 4-1BB-Typ "
                       "(Kostimulation B)"));
    QCOMPARE(
        de(textKey(u"agent", QStringLiteral("cyclophosphamide"), u"label")).text, QStringLiteral("Cyclophosphamid"));
    QVERIFY(!de(textKey(u"agent", QStringLiteral("cyclophosphamide"), u"label")).fellBack);
    // The English text stays what it was.
    QCOMPARE(pack->text(textKey(u"agent", QStringLiteral("cyclophosphamide"), u"label"), QStringLiteral("en")).text,
        QStringLiteral("Cyclophosphamide"));
    // A mutated pack without one German text lists exactly that key.
    const auto bare = RulePack::load(mutated([](Doc &d) {
        JValue &agents = byId(d, "drug_classes", "w21")["agents"];
        for (auto &a : agents.GetArray()) {
            if (std::strcmp(a["id"].GetString(), "cyclophosphamide") == 0)
                a["label"].SetString("Cyclophosphamide", d.GetAllocator());
        }
    }),
        diag);
    QVERIFY(bare);
    QCOMPARE(bare->texts().keysWithout(QStringLiteral("de")),
        QStringList { textKey(u"agent", QStringLiteral("cyclophosphamide"), u"label") });
}

void TestPackTexts::keepsBothLanguages()
{
    json::Diagnostics diag;
    const auto pack = RulePack::load(germanPack(), diag);
    QVERIFY2(pack, qPrintable(diag.lines().join(QLatin1Char('\n'))));
    const Variable &age = pack->variables()[std::size_t(pack->variableIndex(QStringLiteral("age_years")))];
    QCOMPARE(age.label, QStringLiteral("Age")); // the structs (and so the result) keep English
    const LocalText de = pack->text(textKey(u"variable", age.id, u"label"), QStringLiteral("de"));
    QCOMPARE(de.text, QStringLiteral("Alter"));
    QVERIFY(!de.fellBack);
    const LocalText en = pack->text(textKey(u"variable", age.id, u"label"), QStringLiteral("en"));
    QCOMPARE(en.text, QStringLiteral("Age"));
    QVERIFY(!en.fellBack);
    QCOMPARE(pack->text(textKey(u"arm", QStringLiteral("autologous_car_t"), u"label"), QStringLiteral("de")).text,
        QStringLiteral("Autologe CAR-T-Zellen"));
    QCOMPARE(pack->arms()[0].label, QStringLiteral("Autologous CAR T"));
    const int ci = criterionIndex(*pack, "AUTO-AGE-01");
    QCOMPARE(pack->criteria()[std::size_t(ci)].explanationTemplate, QString::fromUtf8(kAgeEn));
    QCOMPARE(
        pack->text(textKey(u"criterion", QStringLiteral("AUTO-AGE-01"), u"explanation"), QStringLiteral("de")).text,
        QString::fromUtf8(kAgeDe));
}

void TestPackTexts::fallsBackToEnglishFlagged()
{
    json::Diagnostics diag;
    const auto pack = RulePack::load(germanPack(), diag);
    QVERIFY(pack);
    const LocalText arm
        = pack->text(textKey(u"arm", QStringLiteral("allogeneic_car_t"), u"label"), QStringLiteral("de"));
    QCOMPARE(arm.text, QStringLiteral("Allogeneic CAR T"));
    QVERIFY(arm.fellBack);
    // English asked for: never a fallback.
    QVERIFY(!pack->text(textKey(u"arm", QStringLiteral("allogeneic_car_t"), u"label"), QStringLiteral("en")).fellBack);
    // A key the pack does not have: empty, not flagged.
    const LocalText none = pack->text(QStringLiteral("variable/no_such_thing/label"), QStringLiteral("de"));
    QVERIFY(none.text.isEmpty());
    QVERIFY(!none.fellBack);
}

void TestPackTexts::refusesBadTextShapes_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("code");
    const QString age = pathOf("variables", "age_years");
    QTest::newRow("unknown language") << mutated([](Doc &d) {
        set(d, byId(d, "variables", "age_years"), "label", texts(d, { { "en", "Age" }, { "fr", "Âge" } }));
    }) << age + QStringLiteral(".label.fr")
                                      << QStringLiteral("unknown-key");
    QTest::newRow("no English") << mutated([](Doc &d) {
        set(d, byId(d, "variables", "age_years"), "label", texts(d, { { "de", "Alter" } }));
    }) << age + QStringLiteral(".label.en")
                                << QStringLiteral("required");
    QTest::newRow("German not a string") << mutated([](Doc &d) {
        JValue o = texts(d, { { "en", "Age" } });
        o.AddMember("de", JValue(3), d.GetAllocator());
        set(d, byId(d, "variables", "age_years"), "label", std::move(o));
    }) << age + QStringLiteral(".label.de")
                                         << QStringLiteral("type");
    QTest::newRow("empty German") << mutated([](Doc &d) {
        set(d, byId(d, "variables", "age_years"), "label", texts(d, { { "en", "Age" }, { "de", " " } }));
    }) << age + QStringLiteral(".label.de")
                                  << QStringLiteral("required");
    QTest::newRow("a number") << mutated([](Doc &d) {
        set(d, byId(d, "options", "auto-miv-cel-kysa8"), "screening_note", JValue(1));
    }) << pathOf("options", "auto-miv-cel-kysa8") + QStringLiteral(".screening_note")
                              << QStringLiteral("type");
    QTest::newRow("unknown language in a list") << mutated([](Doc &d) {
        JValue notes(rapidjson::kArrayType);
        notes.PushBack(texts(d, { { "en", "a" }, { "es", "b" } }), d.GetAllocator());
        set(d, byId(d, "options", "auto-miv-cel-kysa8"), "notes", std::move(notes));
    }) << pathOf("options", "auto-miv-cel-kysa8") + QStringLiteral(".notes[0].es")
                                                << QStringLiteral("unknown-key");
    QTest::newRow("German template, unknown identifier") << mutated([](Doc &d) {
        set(d, byId(d, "criteria", "AUTO-AGE-01"), "explanation", texts(d, { { "en", kAgeEn }, { "de", "{alter}" } }));
    }) << pathOf("criteria", "AUTO-AGE-01") + QStringLiteral(".explanation.de")
                                                         << QStringLiteral("template");
}

void TestPackTexts::refusesBadTextShapes()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, path);
    QFETCH(QString, code);
    json::Diagnostics diag;
    QVERIFY(!RulePack::load(bytes, diag)); // refused as a whole
    bool found = false;
    for (const json::Finding &f : diag.findings())
        found = found || (f.path == path && f.code == code);
    QVERIFY2(found, qPrintable(diag.lines().join(QLatin1Char('\n'))));
}

void TestPackTexts::germanTemplateNeedsSamePlaceholders()
{
    for (const char *de : { "Alter (≥ 18 erforderlich)", "Alter {age_years| J.}, eGFR {egfr_ckd_epi_2021}" }) {
        const QByteArray bytes = mutated([de](Doc &d) {
            set(d, byId(d, "criteria", "AUTO-AGE-01"), "explanation", texts(d, { { "en", kAgeEn }, { "de", de } }));
        });
        json::Diagnostics diag;
        QVERIFY2(!RulePack::load(bytes, diag), de);
        QCOMPARE(diag.count(), 1);
        QCOMPARE(diag.findings()[0].path, pathOf("criteria", "AUTO-AGE-01") + QStringLiteral(".explanation.de"));
        QCOMPARE(diag.findings()[0].code, QStringLiteral("template"));
    }
    // Per-state texts follow the same rule, against their English sibling.
    const QByteArray bytes = mutated([](Doc &d) {
        JValue by(rapidjson::kObjectType);
        by.AddMember("met", texts(d, { { "en", "Age {age_years| y}" }, { "de", "Volljährig" } }), d.GetAllocator());
        set(d, byId(d, "criteria", "AUTO-AGE-01"), "explanation_by_state", std::move(by));
    });
    json::Diagnostics diag;
    QVERIFY(!RulePack::load(bytes, diag));
    QCOMPARE(
        diag.findings()[0].path, pathOf("criteria", "AUTO-AGE-01") + QStringLiteral(".explanation_by_state.met.de"));
}

void TestPackTexts::germanExplanationRendered()
{
    json::Diagnostics diag;
    const auto pack = RulePack::load(germanPack(), diag);
    QVERIFY(pack);
    const Engine engine(*pack);
    const CaseOutcome v02 = evaluateCase(engine, exampleCase("V02-spec-example"));
    QVERIFY(v02.ok());
    const int age = criterionIndex(*pack, "AUTO-AGE-01");
    const LocalText de = v02.evaluation->explanationText(age, germanWords());
    QCOMPARE(de.text, QStringLiteral("Alter 34 J. (≥ 18 erforderlich)"));
    QVERIFY(!de.fellBack);
    // English through the same call: the English template, not flagged, as the result writes it.
    const LocalText en = v02.evaluation->explanationText(age, ExplanationWords {});
    QCOMPARE(en.text, QStringLiteral("Age 34 y (required ≥ 18)"));
    QVERIFY(!en.fellBack);
    QCOMPARE(en.text, v02.evaluation->explanationText(age));

    // An unknown derived value says why in German words with the German label.
    QByteArray noCreatinine = exampleCase("V02-spec-example");
    const QByteArray line = R"("creatinine": {"value": 80, "unit": "umol/L", "date": "2026-11-20"},)";
    QCOMPARE(noCreatinine.count(line), 1);
    noCreatinine.replace(line, "");
    const CaseOutcome partial = evaluateCase(engine, noCreatinine);
    QVERIFY(partial.ok());
    const LocalText renal = partial.evaluation->explanationText(criterionIndex(*pack, "AUTO-RENAL-01"), germanWords());
    QCOMPARE(renal.text, QStringLiteral("eGFR unbekannt (fehlend: Serumkreatinin) (≥ 30 erforderlich)"));
    QVERIFY(!renal.fellBack);
}

void TestPackTexts::missingGermanExplanationFlagged()
{
    json::Diagnostics diag;
    const auto pack = RulePack::load(germanPack(), diag);
    QVERIFY(pack);
    const Engine engine(*pack);
    const CaseOutcome v02 = evaluateCase(engine, exampleCase("V02-spec-example"));
    QVERIFY(v02.ok());
    const int ci = criterionIndex(*pack, "AUTO-AGE-02");
    const LocalText de = v02.evaluation->explanationText(ci, germanWords());
    QVERIFY(de.fellBack);
    // The English sentence with English words, exactly as the English view shows it.
    QCOMPARE(de.text, QStringLiteral("Age 34 y (caution above 65)"));
    QCOMPARE(de.text, v02.evaluation->explanationText(ci));
}

// German texts do not change the result: the same case through the pack with and without them
// writes the same result JSON and text but for the pack's hash.
void TestPackTexts::resultStaysEnglish()
{
    const QByteArray english = mutated([](Doc &d) {
        set(d, byId(d, "variables", "age_years"), "label", str(d, "Age"));
        set(d, byId(d, "variables", "creatinine"), "label", str(d, "Serum creatinine"));
        set(d, byId(d, "criteria", "AUTO-AGE-01"), "explanation", str(d, kAgeEn));
        set(d, byId(d, "criteria", "AUTO-RENAL-01"), "explanation", str(d, kRenalEn));
        set(d, byId(d, "criteria", "AUTO-AGE-02"), "explanation", str(d, "Age {age_years| y} (caution above 65)"));
        set(d, d["arms"][1], "label", str(d, "Allogeneic CAR T"));
        set(d, d["arms"][0], "label", str(d, "Autologous CAR T"));
    });
    QStringList out;
    for (const QByteArray &bytes : { english, germanPack() }) {
        json::Diagnostics diag;
        const auto pack = RulePack::load(bytes, diag);
        QVERIFY(pack);
        const Engine engine(*pack);
        const CaseOutcome v02 = evaluateCase(engine, exampleCase("V02-spec-example"));
        QVERIFY(v02.ok());
        QString both
            = QString::fromUtf8(resultJson(engine, *v02.evaluation, true)) + resultText(engine, *v02.evaluation);
        both.replace(pack->sha256(), QStringLiteral("SHA")).replace(pack->sha256().left(12), QStringLiteral("SHORT"));
        out << both;
    }
    QVERIFY(out[1].contains(QStringLiteral("Age 34 y (required ≥ 18)")));
    QCOMPARE(out[1], out[0]);
}

QTEST_GUILESS_MAIN(TestPackTexts)
#include "tst_pack_texts.moc"
