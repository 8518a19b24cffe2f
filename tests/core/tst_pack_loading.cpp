// SPDX-License-Identifier: GPL-3.0-or-later
// Rule-pack validation (resources/packs/FORMAT.md, docs/engine.md#rule-pack): a pack with any problem is refused as
// a whole with "<json path>: <reason>" lines; the sha256 is over the raw bytes; vignettes run.
#include "PackMutation.h"
#include "engine/Vignettes.h"
#include "rules/RulePack.h"

#include <QCryptographicHash>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cstring>
#include <functional>

using namespace consilium;

namespace {

using namespace consilium::pack_mutation;

// The reference pack with one piece of its raw text replaced (the piece must occur).
QByteArray textReplaced(const QByteArray &from, const QByteArray &to)
{
    QByteArray bytes = RulePack::builtinBytes();
    const qsizetype at = bytes.indexOf(from);
    Q_ASSERT(at >= 0);
    bytes.replace(at, from.size(), to);
    return bytes;
}

void addMember(Doc &d, JValue &target, const char *key, JValue value)
{
    JValue k;
    k.SetString(key, rapidjson::SizeType(std::strlen(key)), d.GetAllocator());
    target.AddMember(k, value, d.GetAllocator()); // rapidjson does not check for duplicates
}

// Path of a criterion by id, e.g. "$.criteria[6]".
QString criterionPath(const char *id)
{
    const Doc d = parsePack(RulePack::builtinBytes());
    return QStringLiteral("$.criteria[%1]").arg(indexById(d["criteria"], id));
}

QString variablePath(const char *id)
{
    const Doc d = parsePack(RulePack::builtinBytes());
    return QStringLiteral("$.variables[%1]").arg(indexById(d["variables"], id));
}

QString derivedPath(const char *id)
{
    const Doc d = parsePack(RulePack::builtinBytes());
    return QStringLiteral("$.derived[%1]").arg(indexById(d["derived"], id));
}

QByteArray withCondition(const char *criterion, const char *key, const char *expression)
{
    return mutated(
        [&](Doc &d) { setString(d, elementById(d, "criteria", criterion), key, QString::fromUtf8(expression)); });
}

QString hex64Pattern()
{
    return QStringLiteral("^[0-9a-f]{64}$");
}

} // namespace

class TestPackLoading : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void builtinLoads();
    void roundTripThroughWriterStillLoads();
    void sha256OverRawBytes();
    void acceptsPerStateTexts();
    void rejects_data();
    void rejects();
    void findingCodes_data();
    void findingCodes();
    void vignettesPass();
    void previousPackStillLoads();
    void alteredVignetteVerdictFails();
    void alteredVignetteDerivedFails();
};

void TestPackLoading::builtinLoads()
{
    const QByteArray bytes = RulePack::builtinBytes();
    QVERIFY(bytes.size() > 1000);
    json::Diagnostics diag;
    const auto p = RulePack::load(bytes, diag);
    QVERIFY2(p, qPrintable(diag.lines().join(QLatin1Char('\n'))));
    QVERIFY(diag.ok());
    QCOMPARE(p->id(), QStringLiteral("consilium-reference"));
    QCOMPARE(p->version(), QStringLiteral("2026.2"));
    QCOMPARE(p->jurisdictions(), (QStringList { QStringLiteral("EU"), QStringLiteral("US") }));
    QCOMPARE(p->arms()[0].id, QStringLiteral("autologous_car_t"));
    QCOMPARE(p->arms()[1].id, QStringLiteral("allogeneic_car_t"));
    QCOMPARE(p->arms()[2].id, QStringLiteral("bispecific_tce"));
    QCOMPARE(p->arms()[3].id, QStringLiteral("standard_care"));
    QCOMPARE(p->vignettes().size(), std::size_t(20)); // 2026.1: 12; clinical/options-2026.2.md §E: 8
    QVERIFY(!p->criteria().empty());
    QCOMPARE(p->derivedOrder().size(), p->derived().size());
    // Dependency order: every derived value comes after the derived values it reads.
    std::vector<int> position(p->derived().size(), -1);
    for (std::size_t i = 0; i < p->derivedOrder().size(); ++i)
        position[std::size_t(p->derivedOrder()[i])] = int(i);
    for (std::size_t i = 0; i < p->derived().size(); ++i) {
        for (int slot : p->derived()[i].dependencySlots) {
            const int dep = p->derivedIndexOfSlot(slot);
            if (dep >= 0)
                QVERIFY2(position[std::size_t(dep)] < position[i], qPrintable(p->derived()[i].id));
        }
    }
    // Units offered first per jurisdiction (issue 10): SI in the EU, conventional in the US.
    const Variable &creatinine = p->variables()[std::size_t(p->variableIndex(QStringLiteral("creatinine")))];
    QCOMPARE(creatinine.defaultUnit(QStringLiteral("EU")), QStringLiteral("umol/L"));
    QCOMPARE(creatinine.defaultUnit(QStringLiteral("US")), QStringLiteral("mg/dL"));
    const Variable &weight = p->variables()[std::size_t(p->variableIndex(QStringLiteral("weight")))];
    QCOMPARE(weight.defaultUnit(QStringLiteral("EU")), QStringLiteral("kg")); // none listed: canonical
    // builtin() is the same pack.
    QCOMPARE(RulePack::builtin().sha256(), p->sha256());
}

void TestPackLoading::roundTripThroughWriterStillLoads()
{
    // The mutation tests below re-serialise the pack; unchanged, that must still be a valid pack,
    // so each rejection is caused by its one mutation.
    const QByteArray bytes = mutated([](Doc &) {});
    json::Diagnostics diag;
    const auto p = RulePack::load(bytes, diag);
    QVERIFY2(p, qPrintable(diag.lines().join(QLatin1Char('\n'))));
    const auto outcomes = runVignettes(*p);
    QCOMPARE(outcomes.size(), std::size_t(20));
    for (const auto &o : outcomes)
        QVERIFY2(o.passed(), qPrintable(o.id + QStringLiteral(": ") + o.failures.join(QStringLiteral("; "))));
}

void TestPackLoading::sha256OverRawBytes()
{
    const QByteArray bytes = RulePack::builtinBytes();
    json::Diagnostics diag;
    const auto p = RulePack::load(bytes, diag);
    QVERIFY(p);
    QVERIFY2(QRegularExpression(hex64Pattern()).match(p->sha256()).hasMatch(), qPrintable(p->sha256()));
    QCOMPARE(p->sha256(), QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
    QCOMPARE(p->bytes(), bytes);

    // One byte more (insignificant whitespace): still a valid pack, different identity.
    json::Diagnostics diag2;
    const auto spaced = RulePack::load(bytes + ' ', diag2);
    QVERIFY2(spaced, qPrintable(diag2.lines().join(QLatin1Char('\n'))));
    QVERIFY(spaced->sha256() != p->sha256());
    QCOMPARE(spaced->sha256(),
        QString::fromLatin1(QCryptographicHash::hash(bytes + ' ', QCryptographicHash::Sha256).toHex()));

    // One byte changed inside a string.
    QByteArray changed = bytes;
    const qsizetype at = changed.indexOf("\"title\": \"");
    QVERIFY(at >= 0);
    const qsizetype c = at + qsizetype(std::strlen("\"title\": \""));
    changed[c] = changed[c] == 'X' ? 'Y' : 'X';
    json::Diagnostics diag3;
    const auto retitled = RulePack::load(changed, diag3);
    QVERIFY2(retitled, qPrintable(diag3.lines().join(QLatin1Char('\n'))));
    QVERIFY(retitled->sha256() != p->sha256());
    QCOMPARE(retitled->id(), p->id());
    QCOMPARE(retitled->version(), p->version());
}

void TestPackLoading::acceptsPerStateTexts()
{
    // Every key of explanation_by_state is optional, so an empty object and all four keys load.
    const QByteArray bytes = mutated([](Doc &d) {
        JValue none(rapidjson::kObjectType);
        addMember(d, elementById(d, "criteria", "AUTO-RENAL-01"), "explanation_by_state", std::move(none));
        JValue all(rapidjson::kObjectType);
        setString(d, all, "met", QStringLiteral("LVEF {lvef|%}: met"));
        setString(d, all, "not_met", QStringLiteral("LVEF {lvef| %}: not met"));
        setString(d, all, "unknown", QStringLiteral("LVEF {lvef}: unknown"));
        setString(d, all, "not_applicable", QStringLiteral("LVEF: not applicable"));
        addMember(d, elementById(d, "criteria", "AUTO-CARD-01"), "explanation_by_state", std::move(all));
    });
    json::Diagnostics diag;
    const auto p = RulePack::load(bytes, diag);
    QVERIFY2(p, qPrintable(diag.lines().join(QLatin1Char('\n'))));
    for (const Criterion &c : p->criteria()) {
        if (c.id == QLatin1String("AUTO-RENAL-01")) {
            for (const QString &t : c.stateTemplates)
                QVERIFY(t.isEmpty());
            QCOMPARE(&c.explanationFor(CriterionState::Met), &c.explanation);
        } else if (c.id == QLatin1String("AUTO-CARD-01")) {
            QCOMPARE(c.stateTemplates[std::size_t(CriterionState::Met)], QStringLiteral("LVEF {lvef|%}: met"));
            QCOMPARE(
                c.stateTemplates[std::size_t(CriterionState::NotApplicable)], QStringLiteral("LVEF: not applicable"));
            // {lvef|%}: the slot, with "%" as its unit.
            const auto &met = c.explanationFor(CriterionState::Met);
            QCOMPARE(met.size(), std::size_t(3));
            QCOMPARE(met[1].slot, p->slotOf(QStringLiteral("lvef")));
            QCOMPARE(met[1].text, QStringLiteral("%"));
            QCOMPARE(c.explanationFor(CriterionState::NotMet)[1].text, QStringLiteral(" %"));
            QCOMPARE(c.explanationFor(CriterionState::Unknown)[1].text, QString());
        }
    }
}

void TestPackLoading::rejects_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("path"); // a line must start with "<path>: " (or with <path> when prefix)
    QTest::addColumn<bool>("prefix");
    QTest::addColumn<QStringList>("mentions"); // and contain each item (alternatives separated by '|')

    auto row = [](const char *name, const QByteArray &bytes, const QString &path, const QStringList &mentions,
                   bool prefix = false) { QTest::newRow(name) << bytes << path << prefix << mentions; };
    auto S = [](const char *s) { return QString::fromUtf8(s); };

    const QString renal = criterionPath("AUTO-RENAL-01");
    const QString hep01 = criterionPath("AUTO-HEP-01");
    const QString hep03 = criterionPath("AUTO-HEP-03");
    const QString creatinine = variablePath("creatinine");
    const QString fluda = derivedPath("fludarabine_dose_percent");

    // Document level.
    row("empty", QByteArray(), S("$"), { S("empty") });
    row("not JSON", QByteArray("consilium"), S("$"), { S("malformed|syntax|invalid") });
    row("root is an array", QByteArray("[]"), S("$"), { S("object") });
    row("pack over 4 MiB",
        textReplaced(
            "\"description\": {\"en\": \"", "\"description\": {\"en\": \"" + QByteArray(4 * 1024 * 1024 + 16, 'a')),
        S("$"), { S("byte|MiB|size|large|limit") });
    row("NaN in JSON", textReplaced("\"range\": [0, 120]", "\"range\": [0, NaN]"),
        variablePath("age_years") + S(".range[1]"), { S("nan|finite|number|invalid") });
    row("Infinity in JSON", textReplaced("\"range\": [0, 120]", "\"range\": [0, Infinity]"),
        variablePath("age_years") + S(".range[1]"), { S("infinity|finite|number|invalid") });
    row("trailing garbage", RulePack::builtinBytes() + "\n}", S("$"), { S("malformed|trailing|followed") });
    row("nesting deeper than 64", mutated([](Doc &d) {
        JValue v(rapidjson::kArrayType);
        for (int i = 0; i < 70; ++i) {
            JValue outer(rapidjson::kArrayType);
            outer.PushBack(v, d.GetAllocator());
            v = outer;
        }
        addMember(d, d, "deep", std::move(v));
    }),
        S("$.deep"), { S("nest|deep|depth") }, true);

    // Top level.
    row("wrong format", mutated([](Doc &d) { setString(d, d, "format", QStringLiteral("consilium-pack/2")); }),
        S("$.format"), { S("consilium-pack/1") });
    row("case format instead of pack format",
        mutated([](Doc &d) { setString(d, d, "format", QStringLiteral("consilium-case/1")); }), S("$.format"),
        { S("consilium-pack/1") });
    row("missing format", mutated([](Doc &d) { d.RemoveMember("format"); }), S("$.format"), { S("missing|required") });
    row("unknown key at top level", mutated([](Doc &d) { setString(d, d, "colour", QStringLiteral("red")); }),
        S("$.colour"), { S("unknown") });
    row("duplicate key at top level",
        textReplaced(
            "\"format\": \"consilium-pack/1\"", "\"format\": \"consilium-pack/1\", \"format\": \"consilium-pack/1\""),
        S("$.format"), { S("duplicate") });
    row("duplicate key in a criterion", mutated([](Doc &d) {
        addMember(d, elementById(d, "criteria", "AUTO-RENAL-01"), "severity", JValue("caution"));
    }),
        renal + S(".severity"), { S("duplicate") });
    row("bad pack id", mutated([](Doc &d) { setString(d, d, "id", QStringLiteral("Consilium Reference")); }), S("$.id"),
        { S("[a-z0-9]|id") });
    row("effective_from not ISO",
        mutated([](Doc &d) { setString(d, d, "effective_from", QStringLiteral("25.11.2026")); }), S("$.effective_from"),
        { S("date") });
    row("effective_from not a calendar day",
        mutated([](Doc &d) { setString(d, d, "effective_from", QStringLiteral("2026-02-30")); }), S("$.effective_from"),
        { S("date") });

    // Arms.
    row("missing arm", mutated([](Doc &d) { d["arms"].Erase(d["arms"].Begin() + 1); }), S("$.arms"),
        { S("allogeneic_car_t") });
    row("fifth arm", mutated([](Doc &d) {
        JValue arm(rapidjson::kObjectType);
        setString(d, arm, "id", QStringLiteral("radiotherapy"));
        setString(d, arm, "label", QStringLiteral("Radiotherapy"));
        d["arms"].PushBack(arm, d.GetAllocator());
    }),
        S("$.arms[4].id"), { S("radiotherapy") });
    row("unknown key in an arm", mutated([](Doc &d) { setString(d, d["arms"][0], "colour", QStringLiteral("red")); }),
        S("$.arms[0].colour"), { S("unknown") });

    // Variables.
    row("unknown key in a variable", mutated([](Doc &d) {
        setString(d, elementById(d, "variables", "creatinine"), "colour", QStringLiteral("red"));
    }),
        creatinine + S(".colour"), { S("unknown") });
    row("unknown key in a unit conversion", mutated([](Doc &d) {
        setString(d, elementById(d, "variables", "creatinine")["units"][1], "colour", QStringLiteral("red"));
    }),
        creatinine + S(".units[1].colour"), { S("unknown") });
    row("unknown variable type", mutated([](Doc &d) {
        setString(d, elementById(d, "variables", "creatinine"), "type", QStringLiteral("float"));
    }),
        creatinine + S(".type"), { S("number") });
    row("range is a string", mutated([](Doc &d) {
        setString(d, elementById(d, "variables", "creatinine"), "range", QStringLiteral("0.1-20"));
    }),
        creatinine + S(".range"), { S("array|range") });
    row("default unit not accepted by the variable", mutated([](Doc &d) {
        setString(d, elementById(d, "variables", "creatinine")["default_unit"], "EU", QStringLiteral("mmol/L"));
    }),
        creatinine + S(".default_unit.EU"), { S("mmol/L"), S("accepted unit") });
    row("default unit for a jurisdiction the pack does not cover", mutated([](Doc &d) {
        setString(d, elementById(d, "variables", "creatinine")["default_unit"], "UK", QStringLiteral("umol/L"));
    }),
        creatinine + S(".default_unit.UK"), { S("jurisdiction") });
    row("default unit of an enum", mutated([](Doc &d) {
        JValue units(rapidjson::kObjectType);
        addMember(d, elementById(d, "variables", "sex"), "default_unit", std::move(units));
    }),
        variablePath("sex") + S(".default_unit"), { S("numeric") });
    // The later of the two definitions is the duplicate.
    row("variable defined twice", mutated([](Doc &d) {
        setString(d, elementById(d, "variables", "creatinine"), "id", QStringLiteral("weight"));
    }),
        creatinine + S(".id"), { S("weight"), S("twice|duplicate") });
    row("bad variable id",
        mutated([](Doc &d) { setString(d, elementById(d, "variables", "weight"), "id", QStringLiteral("Weight")); }),
        variablePath("weight") + S(".id"), { S("Weight") });

    // Criteria: structure.
    row("unknown key in a criterion", mutated([](Doc &d) {
        setString(d, elementById(d, "criteria", "AUTO-RENAL-01"), "colour", QStringLiteral("red"));
    }),
        renal + S(".colour"), { S("unknown") });
    row("criterion with unknown arm", mutated([](Doc &d) {
        setString(d, elementById(d, "criteria", "AUTO-RENAL-01"), "arm", QStringLiteral("radiotherapy"));
    }),
        renal + S(".arm"), { S("radiotherapy") });
    row("criterion without arm",
        mutated([](Doc &d) { elementById(d, "criteria", "AUTO-RENAL-01").RemoveMember("arm"); }), renal + S(".arm"),
        { S("missing|required") });
    row("criterion with unknown severity", mutated([](Doc &d) {
        setString(d, elementById(d, "criteria", "AUTO-RENAL-01"), "severity", QStringLiteral("fatal"));
    }),
        renal + S(".severity"), { S("exclusion") });
    row("criterion defined twice", mutated([](Doc &d) {
        setString(d, elementById(d, "criteria", "AUTO-RENAL-01"), "id", QStringLiteral("AUTO-AGE-01"));
    }),
        renal + S(".id"), { S("AUTO-AGE-01") });
    row("sub_option on the wrong arm", mutated([](Doc &d) {
        setString(d, elementById(d, "criteria", "AUTO-RENAL-01"), "sub_option", QStringLiteral("ahsct"));
    }),
        renal + S(".sub_option"), { S("ahsct") });

    // Criteria: expressions (type-checked at load; the error names the criterion and the column).
    row("typo in an identifier", withCondition("AUTO-RENAL-01", "condition", "age_years >= 18 and bilirubn < 2"),
        renal + S(".condition"), { S("AUTO-RENAL-01"), S("column 21"), S("bilirubn") });
    row("typo in applies_when", withCondition("AUTO-HEP-01", "applies_when", "diseas != \"IIM\""),
        hep01 + S(".applies_when"), { S("AUTO-HEP-01"), S("column 1"), S("diseas") });
    row("identifier wrong case", withCondition("AUTO-RENAL-01", "condition", "Age_years >= 18"),
        renal + S(".condition"), { S("AUTO-RENAL-01"), S("column 1"), S("Age_years") });
    row("unknown enum literal", withCondition("AUTO-RENAL-01", "condition", "disease == \"LUPUS\""),
        renal + S(".condition"), { S("AUTO-RENAL-01"), S("column"), S("LUPUS") });
    row("unknown enum literal in a list",
        withCondition("AUTO-RENAL-01", "condition", "disease in [\"SLE\", \"lupus\"]"), renal + S(".condition"),
        { S("AUTO-RENAL-01"), S("column"), S("lupus") });
    row("unit not accepted in a literal", withCondition("AUTO-HEP-03", "condition", "bilirubin < 34 mmol/L"),
        hep03 + S(".condition"), { S("AUTO-HEP-03"), S("column"), S("mmol/L") });
    row("unit case in a literal", withCondition("AUTO-HEP-03", "condition", "bilirubin < 34 UMOL/L"),
        hep03 + S(".condition"), { S("AUTO-HEP-03"), S("column"), S("UMOL/L") });
    row("enum compared with <", withCondition("AUTO-RENAL-01", "condition", "disease < \"SLE\""),
        renal + S(".condition"), { S("AUTO-RENAL-01"), S("column"), S("enum|==") });
    row("bool compared with a number", withCondition("AUTO-RENAL-01", "condition", "active_infection == 0"),
        renal + S(".condition"), { S("AUTO-RENAL-01"), S("column"), S("bool|true") });
    row("number compared with a string", withCondition("AUTO-RENAL-01", "condition", "age_years == \"34\""),
        renal + S(".condition"), { S("AUTO-RENAL-01"), S("column"), S("number|compare") });
    row("identifiers with different units", withCondition("AUTO-RENAL-01", "condition", "lvef >= creatinine"),
        renal + S(".condition"), { S("AUTO-RENAL-01"), S("column"), S("unit") });
    row("number on its own", withCondition("AUTO-RENAL-01", "condition", "age_years"), renal + S(".condition"),
        { S("AUTO-RENAL-01"), S("column 1") });
    row("syntax error (missing operand)", withCondition("AUTO-RENAL-01", "condition", "age_years >= "),
        renal + S(".condition"),
        { S("AUTO-RENAL-01"), S("column 14") }); // the operand is missing at the end of the text
    row("syntax error (double operator)", withCondition("AUTO-RENAL-01", "condition", "age_years >= >= 18"),
        renal + S(".condition"), { S("AUTO-RENAL-01"), S("column 14") });
    row("unbalanced parenthesis (open)", withCondition("AUTO-RENAL-01", "condition", "(age_years >= 18 and lvef >= 45"),
        renal + S(".condition"), { S("AUTO-RENAL-01"), S("column 32"), S(")") });
    row("unbalanced parenthesis (close)", withCondition("AUTO-RENAL-01", "condition", "age_years >= 18)"),
        renal + S(".condition"), { S("AUTO-RENAL-01"), S("column 16") });
    row("empty condition", withCondition("AUTO-RENAL-01", "condition", ""), renal + S(".condition"),
        { S("AUTO-RENAL-01") });
    row("C-style operator", withCondition("AUTO-RENAL-01", "condition", "age_years >= 18 && lvef >= 45"),
        renal + S(".condition"), { S("AUTO-RENAL-01"), S("column 17") });
    row("unknown identifier in a modifier", mutated([](Doc &d) {
        setString(d, d["modifiers"][0], "when", QStringLiteral("car_hematotox_categori == \"high\""));
    }),
        S("$.modifiers[0].when"), { S("column 1"), S("car_hematotox_categori") });

    // Explanation templates.
    row("unknown placeholder in a template", mutated([](Doc &d) {
        setString(
            d, elementById(d, "criteria", "AUTO-RENAL-01"), "explanation", QStringLiteral("eGFR {unknown_var} mL/min"));
    }),
        renal + S(".explanation"), { S("unknown_var") });
    row("unclosed placeholder", mutated([](Doc &d) {
        setString(
            d, elementById(d, "criteria", "AUTO-RENAL-01"), "explanation", QStringLiteral("eGFR {egfr_ckd_epi_2021"));
    }),
        renal + S(".explanation"), { S("{") });
    row("unit on a placeholder that is not a number", mutated([](Doc &d) {
        setString(d, elementById(d, "criteria", "AUTO-DIS-01"), "explanation", QStringLiteral("Disease {disease| y}"));
    }),
        criterionPath("AUTO-DIS-01") + S(".explanation"), { S("disease"), S("not a number") });
    row("empty unit in a placeholder", mutated([](Doc &d) {
        setString(d, elementById(d, "criteria", "AUTO-RENAL-01"), "explanation",
            QStringLiteral("eGFR {egfr_ckd_epi_2021|} (required 30)"));
    }),
        renal + S(".explanation"), { S("empty unit"), S("egfr_ckd_epi_2021") });
    row("unknown placeholder before a unit", mutated([](Doc &d) {
        setString(d, elementById(d, "criteria", "AUTO-RENAL-01"), "explanation", QStringLiteral("eGFR {egfr|%}"));
    }),
        renal + S(".explanation"), { S("unknown identifier"), S("egfr") });
    row("empty explanation",
        mutated([](Doc &d) { setString(d, elementById(d, "criteria", "AUTO-RENAL-01"), "explanation", QString()); }),
        renal + S(".explanation"), { S("empty") });

    // Per-state explanation texts: every key optional, unknown keys and bad templates refused.
    auto withStateTexts = [](const char *criterion, const std::function<void(Doc &, JValue &)> &fill) {
        return mutated([&](Doc &d) {
            JValue by(rapidjson::kObjectType);
            fill(d, by);
            addMember(d, elementById(d, "criteria", criterion), "explanation_by_state", std::move(by));
        });
    };
    auto text = [](Doc &d, JValue &by, const char *key, const char *value) {
        setString(d, by, key, QString::fromUtf8(value));
    };
    row("explanation_by_state: unknown key",
        withStateTexts("AUTO-RENAL-01",
            [&](Doc &d, JValue &by) {
                text(d, by, "met", "eGFR {egfr_ckd_epi_2021}");
                text(d, by, "fired", "eGFR {egfr_ckd_epi_2021} is below 30");
            }),
        renal + S(".explanation_by_state.fired"), { S("unknown key") });
    row("explanation_by_state: unknown identifier",
        withStateTexts("AUTO-RENAL-01", [&](Doc &d, JValue &by) { text(d, by, "not_met", "eGFR {egfr} below 30"); }),
        renal + S(".explanation_by_state.not_met"), { S("unknown identifier"), S("egfr") });
    row("explanation_by_state: unit on a non-number",
        withStateTexts("AUTO-RENAL-01", [&](Doc &d, JValue &by) { text(d, by, "unknown", "Sex {sex|%}"); }),
        renal + S(".explanation_by_state.unknown"), { S("sex"), S("not a number") });
    row("explanation_by_state: unbalanced brace",
        withStateTexts("AUTO-RENAL-01", [&](Doc &d, JValue &by) { text(d, by, "met", "eGFR {egfr_ckd_epi_2021"); }),
        renal + S(".explanation_by_state.met"), { S("unclosed") });
    row("explanation_by_state: empty text",
        withStateTexts("AUTO-RENAL-01", [&](Doc &d, JValue &by) { text(d, by, "not_applicable", ""); }),
        renal + S(".explanation_by_state.not_applicable"), { S("empty") });
    row("explanation_by_state: not a string",
        withStateTexts("AUTO-RENAL-01", [&](Doc &d, JValue &by) { addMember(d, by, "met", JValue(3)); }),
        renal + S(".explanation_by_state.met"), { S("string") });
    row("explanation_by_state: not an object", mutated([](Doc &d) {
        setString(d, elementById(d, "criteria", "AUTO-RENAL-01"), "explanation_by_state", QStringLiteral("met"));
    }),
        renal + S(".explanation_by_state"), { S("object") });

    // Derived values.
    row("derived value refers to itself", mutated([](Doc &d) {
        setString(d, elementById(d, "derived", "fludarabine_dose_percent")["params"]["bands"]["value"][0], "when",
            QStringLiteral("fludarabine_dose_percent > 70"));
    }),
        S("$.derived"), { S("cycle"), S("fludarabine_dose_percent") }, true);
    row("two derived values refer to each other", mutated([](Doc &d) {
        JValue &derived = d["derived"];
        const int fi = indexById(derived, "fludarabine_dose_percent");
        const char *ids[2] = { "cyc_a", "cyc_b" };
        const char *whens[2] = { "cyc_b > 1", "cyc_a > 1" };
        for (int k = 0; k < 2; ++k) {
            JValue copy(derived[rapidjson::SizeType(fi)], d.GetAllocator());
            setString(d, copy, "id", QString::fromLatin1(ids[k]));
            JValue &bands = copy["params"]["bands"]["value"];
            while (bands.Size() > 1)
                bands.PopBack();
            setString(d, bands[0], "when", QString::fromLatin1(whens[k]));
            derived.PushBack(copy, d.GetAllocator());
        }
    }),
        S("$.derived"), { S("cycle"), S("cyc_a"), S("cyc_b") }, true);
    row("unknown identifier in a derived band", mutated([](Doc &d) {
        setString(d, elementById(d, "derived", "fludarabine_dose_percent")["params"]["bands"]["value"][0], "when",
            QStringLiteral("crcl_cockroft_gault > 70"));
    }),
        fluda + S(".params.bands.value[0].when"),
        { S("fludarabine_dose_percent"), S("crcl_cockroft_gault"), S("column 1") });
    row("unknown formula", mutated([](Doc &d) {
        setString(d, elementById(d, "derived", "fludarabine_dose_percent"), "formula", QStringLiteral("mdrd"));
    }),
        fluda + S(".formula"), { S("mdrd") });
    row("derived input refers to an unknown variable", mutated([](Doc &d) {
        setString(
            d, elementById(d, "derived", "egfr_ckd_epi_2021")["inputs"], "creatinine", QStringLiteral("creatinin"));
    }),
        derivedPath("egfr_ckd_epi_2021") + S(".inputs.creatinine"), { S("creatinin") });
    // A derived value's applicability: {"when": expression, "note": text} and nothing else.
    const QString egfr = derivedPath("egfr_ckd_epi_2021");
    row("unknown key in an applicability", mutated([](Doc &d) {
        setString(d, elementById(d, "derived", "egfr_ckd_epi_2021")["applicability"], "colour", QStringLiteral("red"));
    }),
        egfr + S(".applicability"), { S("colour") }, true);
    row("applicability with an unknown identifier", mutated([](Doc &d) {
        setString(
            d, elementById(d, "derived", "egfr_ckd_epi_2021")["applicability"], "when", QStringLiteral("age_yrs < 18"));
    }),
        egfr + S(".applicability.when"), { S("egfr_ckd_epi_2021"), S("age_yrs") });
    row("applicability without a note",
        mutated([](Doc &d) { elementById(d, "derived", "egfr_ckd_epi_2021")["applicability"].RemoveMember("note"); }),
        egfr + S(".applicability.note"), { S("missing|required") });
    row("applicability with an empty note", mutated([](Doc &d) {
        setString(d, elementById(d, "derived", "egfr_ckd_epi_2021")["applicability"], "note", QStringLiteral(" "));
    }),
        egfr + S(".applicability.note"), { S("empty") });
    row("applicability is not an object", mutated([](Doc &d) {
        setString(d, elementById(d, "derived", "egfr_ckd_epi_2021"), "applicability", QStringLiteral("adults"));
    }),
        egfr + S(".applicability"), { S("object") });

    // Vignettes.
    row("vignette expectation for an unknown arm", mutated([](Doc &d) {
        JValue &arms = d["vignettes"][0]["expected"]["arms"];
        JValue copy(arms["allogeneic_car_t"], d.GetAllocator());
        addMember(d, arms, "radiotherapy", std::move(copy));
    }),
        S("$.vignettes[0].expected.arms.radiotherapy"), { S("radiotherapy") });
    row("unknown key in a vignette",
        mutated([](Doc &d) { setString(d, d["vignettes"][0], "colour", QStringLiteral("red")); }),
        S("$.vignettes[0].colour"), { S("unknown") });
}

void TestPackLoading::rejects()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, path);
    QFETCH(bool, prefix);
    QFETCH(QStringList, mentions);

    json::Diagnostics diag;
    const auto p = RulePack::load(bytes, diag);
    QVERIFY2(!p, "an invalid pack was accepted");
    QVERIFY(diag.count() >= 1);

    bool found = false;
    for (const QString &line : diag.lines()) {
        if (!(prefix ? line.startsWith(path) : line.startsWith(path + QStringLiteral(": "))))
            continue;
        bool all = true;
        for (const QString &item : mentions) {
            const QStringList alternatives = item.split(QLatin1Char('|'));
            all = all && std::any_of(alternatives.cbegin(), alternatives.cend(), [&](const QString &a) {
                return line.contains(a, Qt::CaseInsensitive);
            });
        }
        found = found || all;
    }
    QVERIFY2(found,
        qPrintable(QStringLiteral("no line starting with '%1' and mentioning [%2]; got:\n%3")
                       .arg(path, mentions.join(QStringLiteral(", ")), diag.lines().join(QLatin1Char('\n')))));
    for (const QString &line : diag.lines())
        QVERIFY2(line.startsWith(QLatin1Char('$')), qPrintable(line));
}

// Each finding is a value {path, code, message}: the path names the field exactly and the code
// says what kind of problem it is (json::FindingCode, resources/packs/FORMAT.md "Findings").
void TestPackLoading::findingCodes_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("code");
    auto row = [](const char *name, const QByteArray &bytes, const QString &path, const char *code) {
        QTest::newRow(name) << bytes << path << QString::fromLatin1(code);
    };
    auto S = [](const char *s) { return QString::fromUtf8(s); };
    const QString renal = criterionPath("AUTO-RENAL-01");
    const QString fluda = derivedPath("fludarabine_dose_percent");

    row("not JSON", QByteArray("consilium"), S("$"), json::FindingCode::Syntax);
    row("duplicate key",
        textReplaced(
            "\"format\": \"consilium-pack/1\"", "\"format\": \"consilium-pack/1\", \"format\": \"consilium-pack/1\""),
        S("$.format"), json::FindingCode::DuplicateKey);
    row("unknown key", mutated([](Doc &d) { setString(d, d["vignettes"][0], "colour", QStringLiteral("red")); }),
        S("$.vignettes[0].colour"), json::FindingCode::UnknownKey);
    row("missing key", mutated([](Doc &d) { elementById(d, "criteria", "AUTO-RENAL-01").RemoveMember("arm"); }),
        renal + S(".arm"), json::FindingCode::Required);
    row("wrong format", mutated([](Doc &d) { setString(d, d, "format", QStringLiteral("consilium-pack/2")); }),
        S("$.format"), json::FindingCode::Format);
    row("criterion defined twice", mutated([](Doc &d) {
        setString(d, elementById(d, "criteria", "AUTO-RENAL-01"), "id", QStringLiteral("AUTO-AGE-01"));
    }),
        renal + S(".id"), json::FindingCode::Duplicate);
    row("variable defined twice", mutated([](Doc &d) {
        setString(d, elementById(d, "variables", "creatinine"), "id", QStringLiteral("weight"));
    }),
        variablePath("creatinine") + S(".id"), json::FindingCode::Duplicate);
    row("bad expression", withCondition("AUTO-RENAL-01", "condition", "age_years >= >= 18"), renal + S(".condition"),
        json::FindingCode::Expression);
    row("unknown identifier in a band", mutated([](Doc &d) {
        setString(d, elementById(d, "derived", "fludarabine_dose_percent")["params"]["bands"]["value"][0], "when",
            QStringLiteral("crcl_cockroft_gault > 70"));
    }),
        fluda + S(".params.bands.value[0].when"), json::FindingCode::Expression);
    row("unknown formula", mutated([](Doc &d) {
        setString(d, elementById(d, "derived", "fludarabine_dose_percent"), "formula", QStringLiteral("mdrd"));
    }),
        fluda + S(".formula"), json::FindingCode::Enum);
    row("unknown input", mutated([](Doc &d) {
        setString(
            d, elementById(d, "derived", "egfr_ckd_epi_2021")["inputs"], "creatinine", QStringLiteral("creatinin"));
    }),
        derivedPath("egfr_ckd_epi_2021") + S(".inputs.creatinine"), json::FindingCode::Reference);
    row("unknown severity", mutated([](Doc &d) {
        setString(d, elementById(d, "criteria", "AUTO-RENAL-01"), "severity", QStringLiteral("fatal"));
    }),
        renal + S(".severity"), json::FindingCode::Enum);
    row("unknown placeholder", mutated([](Doc &d) {
        setString(d, elementById(d, "criteria", "AUTO-RENAL-01"), "explanation", QStringLiteral("eGFR {egfr_x}"));
    }),
        renal + S(".explanation"), json::FindingCode::Template);
    row("effective_from not a date",
        mutated([](Doc &d) { setString(d, d, "effective_from", QStringLiteral("2026-02-30")); }), S("$.effective_from"),
        json::FindingCode::Date);
    row("range is a string", mutated([](Doc &d) {
        setString(d, elementById(d, "variables", "creatinine"), "range", QStringLiteral("0.1-20"));
    }),
        variablePath("creatinine") + S(".range"), json::FindingCode::Type);
}

void TestPackLoading::findingCodes()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, path);
    QFETCH(QString, code);
    json::Diagnostics diag;
    QVERIFY(!RulePack::load(bytes, diag));
    const auto &findings = diag.findings();
    const bool found = std::any_of(findings.cbegin(), findings.cend(),
        [&](const json::Finding &f) { return f.path == path && f.code == code && !f.message.isEmpty(); });
    QVERIFY2(found,
        qPrintable(
            QStringLiteral("no finding %1 at %2; got:\n%3").arg(code, path, diag.lines().join(QLatin1Char('\n')))));
    // The CLI's line is the path and the message.
    for (const json::Finding &f : findings)
        QCOMPARE(f.text(), f.path + QStringLiteral(": ") + f.message);
}

void TestPackLoading::vignettesPass()
{
    const auto outcomes = runVignettes(RulePack::builtin());
    QCOMPARE(outcomes.size(), std::size_t(20));
    QStringList ids;
    for (const auto &o : outcomes) {
        QVERIFY2(o.passed(), qPrintable(o.id + QStringLiteral(": ") + o.failures.join(QStringLiteral("; "))));
        ids.append(o.id);
    }
    // Every vignette of the pack (docs/engine.md#vignettes) is there.
    for (const char *id :
        { "V01-sle-ln-si-units", "V02-spec-example", "V03-dcssc-all-eligible", "V04-sle-renal-cardiac",
            "V05-iim-pregnant", "V06-aav-hiv-hbv", "V07-mg-access", "V08-sle-bilirubin-gilbert-unknown",
            "V08b-gilbert-true", "V09-ssc-ahsct-ph", "V09b-ssc-no-rhc", "V10-ms-cladribine-infection", "E01-sle-plt60",
            "E02-sps-one-line", "E03-mg-azathioprine", "E04-sle-bcells-after-rituximab", "E05-ssc-age-70",
            "E06-sle-partial-48kg", "E07-ssc-duration-8y", "E08-sle-one-is-line" })
        QVERIFY2(ids.contains(QLatin1String(id)), id);
}

// Pack 2026.1 stays shipped, byte for byte (decisions finalised under it replay; issue 12), loads and
// passes its twelve vignettes.
void TestPackLoading::previousPackStillLoads()
{
    QFile f(QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/packs/consilium-reference-2026.1.json"));
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.errorString()));
    json::Diagnostics diag;
    const auto p = RulePack::load(f.readAll(), diag);
    QVERIFY2(p, qPrintable(diag.lines().join(QLatin1Char('\n'))));
    QCOMPARE(p->version(), QStringLiteral("2026.1"));
    QCOMPARE(p->sha256(), QStringLiteral("5a16b95a98964b06456fb68a3707969c4737d29b3d3d558b5ef048ad2ab35592"));
    QVERIFY(p->sha256() != RulePack::builtin().sha256());
    const auto outcomes = runVignettes(*p);
    QCOMPARE(outcomes.size(), std::size_t(12));
    for (const auto &o : outcomes)
        QVERIFY2(o.passed(), qPrintable(o.id + QStringLiteral(": ") + o.failures.join(QStringLiteral("; "))));
}

void TestPackLoading::alteredVignetteVerdictFails()
{
    const QByteArray bytes = mutated([](Doc &d) {
        JValue &v = elementById(d, "vignettes", "V02-spec-example");
        JValue &allo = v["expected"]["arms"]["allogeneic_car_t"];
        Q_ASSERT(std::strcmp(allo["verdict"].GetString(), "ineligible") != 0);
        setString(d, allo, "verdict", QStringLiteral("ineligible"));
    });
    json::Diagnostics diag;
    const auto p = RulePack::load(bytes, diag); // a wrong expectation is not a load error
    QVERIFY2(p, qPrintable(diag.lines().join(QLatin1Char('\n'))));
    const auto outcomes = runVignettes(*p);
    QCOMPARE(outcomes.size(), std::size_t(20));
    int failed = 0;
    for (const auto &o : outcomes) {
        if (o.id == QLatin1String("V02-spec-example")) {
            QVERIFY(!o.passed());
            const QString all = o.failures.join(QLatin1Char('\n'));
            QVERIFY2(all.contains(QLatin1String("allogeneic_car_t")), qPrintable(all));
            QVERIFY2(all.contains(QLatin1String("ineligible")), qPrintable(all));
        } else {
            QVERIFY2(o.passed(), qPrintable(o.id + QStringLiteral(": ") + o.failures.join(QStringLiteral("; "))));
        }
        failed += o.passed() ? 0 : 1;
    }
    QCOMPARE(failed, 1);
}

void TestPackLoading::alteredVignetteDerivedFails()
{
    const QByteArray bytes = mutated([](Doc &d) {
        JValue &derived = elementById(d, "vignettes", "V01-sle-ln-si-units")["expected"]["derived"];
        derived["egfr_ckd_epi_2021"].SetDouble(85.6); // egfr_ckd_epi_2021 worked value: 85.5
    });
    json::Diagnostics diag;
    const auto p = RulePack::load(bytes, diag);
    QVERIFY2(p, qPrintable(diag.lines().join(QLatin1Char('\n'))));
    int failed = 0;
    for (const auto &o : runVignettes(*p)) {
        if (o.passed())
            continue;
        ++failed;
        QCOMPARE(o.id, QStringLiteral("V01-sle-ln-si-units"));
        QVERIFY2(o.failures.join(QLatin1Char('\n')).contains(QLatin1String("egfr_ckd_epi_2021")),
            qPrintable(o.failures.join(QLatin1Char('\n'))));
    }
    QCOMPARE(failed, 1);
}

QTEST_GUILESS_MAIN(TestPackLoading)
#include "tst_pack_loading.moc"
