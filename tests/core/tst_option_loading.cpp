// SPDX-License-Identifier: GPL-3.0-or-later
// Options in the rule pack (resources/packs/FORMAT.md, "Options"): what the loader accepts (effective
// criteria, sub-option alias, overrides) and every problem it names, refusing the pack as a whole.
#include "PackMutation.h"
#include "rules/RulePack.h"

#include <QFile>
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

QString pathOf(const char *array, const char *id)
{
    const Doc d = parsePack(RulePack::builtinBytes());
    return QStringLiteral("$.%1[%2]").arg(QLatin1String(array)).arg(indexById(d[array], id));
}

QStringList ids(const RulePack &p, const std::vector<int> &criteria)
{
    QStringList out;
    for (int c : criteria)
        out.append(p.criteria()[std::size_t(c)].id);
    return out;
}

} // namespace

class TestOptionLoading : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void effectiveCriteria();
    void subOptionAlias();
    void overrides();
    void packWithoutOptions();
    void rejects_data();
    void rejects();
};

// Arm criteria not in `replaces` (arm order), then the option's own (options-2026.2.md §D.2).
void TestOptionLoading::effectiveCriteria()
{
    const RulePack &p = RulePack::builtin();
    const int o = p.optionIndex(QStringLiteral("auto-miv-cel-kysa8"));
    QVERIFY(o >= 0);
    const OptionDef &opt = p.options()[std::size_t(o)];
    QCOMPARE(opt.arm, int(Arm::AutologousCarT));
    const QStringList eff = ids(p, opt.effectiveCriteria);
    for (const char *replaced : { "AUTO-AGE-01", "AUTO-AGE-02", "AUTO-REF-01", "AUTO-CARD-01" })
        QVERIFY2(!eff.contains(QLatin1String(replaced)), replaced);
    QVERIFY(eff.contains(QStringLiteral("AUTO-RENAL-01")));
    const QStringList own = { QStringLiteral("OPT-KYSA8-DIS-01"), QStringLiteral("OPT-KYSA8-AGE-01"),
        QStringLiteral("OPT-KYSA8-REF-01"), QStringLiteral("OPT-KYSA8-CARD-01") };
    QCOMPARE(eff.mid(eff.size() - own.size()), own);
    // The arm part keeps the arm's order, and no other option's criterion slips in.
    int previous = -1;
    for (int c : opt.effectiveCriteria) {
        const Criterion &cr = p.criteria()[std::size_t(c)];
        QVERIFY(cr.option == -1 || cr.option == o);
        QCOMPARE(cr.arm, opt.arm);
        QVERIFY(c > previous || cr.option == o);
        previous = c;
    }
    // An option without own criteria or replaces has exactly the arm's criteria.
    const OptionDef &cta = p.options()[std::size_t(p.optionIndex(QStringLiteral("allo-cta311")))];
    int armCriteria = 0;
    for (const Criterion &cr : p.criteria())
        armCriteria += cr.arm == int(Arm::AllogeneicCarT) && cr.option < 0 && cr.subOption < 0;
    QCOMPARE(int(cta.effectiveCriteria.size()), armCriteria);
}

void TestOptionLoading::subOptionAlias()
{
    const RulePack &p = RulePack::builtin();
    const auto &subs = p.arms()[armIndex(Arm::StandardCare)].subOptions;
    QCOMPARE(subs.size(), std::size_t(1));
    QCOMPARE(subs[0].id, QStringLiteral("ahsct"));
    QCOMPARE(subs[0].option, p.optionIndex(QStringLiteral("soc-ahsct")));
    // soc-ahsct replaces every arm criterion, so its effective criteria are the SOC-HSCT-* set.
    const OptionDef &soc = p.options()[std::size_t(subs[0].option)];
    for (const QString &id : ids(p, soc.effectiveCriteria))
        QVERIFY2(id.startsWith(QLatin1String("SOC-HSCT-")), qPrintable(id));
    QCOMPARE(soc.effectiveCriteria.size(), std::size_t(9));
}

void TestOptionLoading::overrides()
{
    const RulePack &p = RulePack::builtin();
    const OptionDef &d08 = p.options()[std::size_t(p.optionIndex(QStringLiteral("auto-descartes-08-aurora")))];
    const LogisticsOverride &lg = d08.logistics;
    QVERIFY(lg.washoutRequired && lg.washoutRequired->kind == PackFact::Kind::Bool && !lg.washoutRequired->boolean);
    QVERIFY(lg.veinToVeinDays && lg.veinToVeinDays->kind == PackFact::Kind::Null);
    QVERIFY(lg.lymphodepletion);
    QCOMPARE(lg.lymphodepletion->regimen, QStringLiteral("none"));
    QVERIFY(lg.administration);
    QCOMPARE(lg.administration->phases.size(), std::size_t(6));
    QVERIFY(lg.administration->complete);
    QVERIFY(d08.integrating.has_value());
    QVERIFY(!*d08.integrating);
    const OptionDef &zorpo = p.options()[std::size_t(p.optionIndex(QStringLiteral("auto-zorpo-cel-castle")))];
    QVERIFY(!zorpo.logistics.washoutRequired && !zorpo.logistics.administration);
    QVERIFY(zorpo.costim.isEmpty()); // null = not stated
}

// Pack 2026.1 (no options) still loads, with no option anywhere.
void TestOptionLoading::packWithoutOptions()
{
    QFile f(QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/packs/consilium-reference-2026.1.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    json::Diagnostics diag;
    const auto p = RulePack::load(f.readAll(), diag);
    QVERIFY2(p, qPrintable(diag.lines().join(QLatin1Char('\n'))));
    QCOMPARE(p->version(), QStringLiteral("2026.1"));
    QVERIFY(p->options().empty());
    for (const Criterion &cr : p->criteria())
        QCOMPARE(cr.option, -1);
    QCOMPARE(p->arms()[armIndex(Arm::StandardCare)].subOptions.at(0).option, -1);
}

namespace {

void rejectRow(const char *name, const QByteArray &bytes, const QString &path, const char *code, const char *mentions)
{
    QTest::newRow(name) << bytes << path << QString::fromLatin1(code) << QString::fromUtf8(mentions);
}

// Options themselves: ids, arms, replaces, option links of criteria.
void optionRows()
{
    auto row = rejectRow;
    const QString zorpo = pathOf("options", "auto-zorpo-cel-castle");
    const QString rese = pathOf("options", "auto-rese-cel-reset");
    namespace C = json::FindingCode;
    row("duplicate option id", mutated([](Doc &d) {
        setString(d, elementById(d, "options", "auto-rese-cel-reset"), "id", "auto-zorpo-cel-castle");
    }),
        rese + QStringLiteral(".id"), C::Duplicate, "defined twice");
    row("option on an unknown arm",
        mutated([](Doc &d) { setString(d, elementById(d, "options", "auto-zorpo-cel-castle"), "arm", "car_nk"); }),
        zorpo + QStringLiteral(".arm"), C::Reference, "unknown arm 'car_nk'");
    row("id without its arm's prefix",
        mutated([](Doc &d) { setString(d, elementById(d, "options", "auto-zorpo-cel-castle"), "id", "zorpo-cel"); }),
        zorpo + QStringLiteral(".id"), C::Invalid, "start with 'auto-'");
    row("replaces a criterion of another arm", mutated([](Doc &d) {
        JValue list(rapidjson::kArrayType);
        list.PushBack(JValue("ALLO-AGE-01"), d.GetAllocator());
        set(d, elementById(d, "options", "auto-rese-cel-reset"), "replaces", std::move(list));
    }),
        rese + QStringLiteral(".replaces"), C::Reference,
        "'ALLO-AGE-01' is not a criterion of the arm autologous_car_t");
    row("replaces an option criterion", mutated([](Doc &d) {
        JValue list(rapidjson::kArrayType);
        list.PushBack(JValue("OPT-KYSA8-AGE-01"), d.GetAllocator());
        set(d, elementById(d, "options", "auto-rese-cel-reset"), "replaces", std::move(list));
    }),
        rese + QStringLiteral(".replaces"), C::Reference, "'OPT-KYSA8-AGE-01' is not a criterion");
    row("criterion of an unknown option",
        mutated([](Doc &d) { setString(d, elementById(d, "criteria", "OPT-ZORPO-DIS-01"), "option", "auto-nope"); }),
        pathOf("criteria", "OPT-ZORPO-DIS-01") + QStringLiteral(".option"), C::Reference, "unknown option 'auto-nope'");
    row("criterion of another arm's option",
        mutated([](Doc &d) { setString(d, elementById(d, "criteria", "OPT-ZORPO-DIS-01"), "option", "allo-ft819"); }),
        pathOf("criteria", "OPT-ZORPO-DIS-01") + QStringLiteral(".option"), C::Reference, "another arm");
    row("unknown key in an option",
        mutated([](Doc &d) { setString(d, elementById(d, "options", "auto-zorpo-cel-castle"), "colour", "red"); }),
        zorpo + QStringLiteral(".colour"), C::UnknownKey, "unknown key");
    row("unknown override key", mutated([](Doc &d) {
        JValue lg(rapidjson::kObjectType);
        set(d, lg, "parking_days", JValue(3));
        set(d, elementById(d, "options", "auto-zorpo-cel-castle"), "logistics", std::move(lg));
    }),
        zorpo + QStringLiteral(".logistics.parking_days"), C::UnknownKey, "unknown key");
}

// Enums, overrides, aliases, toxicity rows and expectations.
void overrideRows()
{
    auto row = rejectRow;
    const QString zorpo = pathOf("options", "auto-zorpo-cel-castle");
    const QString rese = pathOf("options", "auto-rese-cel-reset");
    const QString d08 = pathOf("options", "auto-descartes-08-aurora");
    namespace C = json::FindingCode;
    row("bad kind",
        mutated([](Doc &d) { setString(d, elementById(d, "options", "auto-zorpo-cel-castle"), "kind", "study"); }),
        zorpo + QStringLiteral(".kind"), C::Enum, "trial, product or regimen");
    row("bad status", mutated([](Doc &d) {
        setString(d, elementById(d, "options", "auto-zorpo-cel-castle")["status"]["EU"], "status", "licensed");
    }),
        zorpo + QStringLiteral(".status.EU.status"), C::Enum, "approved, investigational, off_label or not_found");
    row("status in an unknown jurisdiction", mutated([](Doc &d) {
        JValue st(rapidjson::kObjectType);
        setString(d, st, "status", "approved");
        set(d, elementById(d, "options", "auto-zorpo-cel-castle")["status"], "CH", std::move(st));
    }),
        zorpo + QStringLiteral(".status.CH"), C::Reference, "unknown jurisdiction 'CH'");
    row("bad regimen", mutated([](Doc &d) {
        setString(
            d, elementById(d, "options", "auto-rese-cel-reset")["logistics"]["lymphodepletion"], "regimen", "flu_only");
    }),
        rese + QStringLiteral(".logistics.lymphodepletion.regimen"), C::Enum, "flu_cy, cy_only, bendamustine or none");
    row("washout_required not a boolean", mutated([](Doc &d) {
        set(d, elementById(d, "options", "auto-descartes-08-aurora")["logistics"]["washout_required"], "value",
            JValue(0));
    }),
        d08 + QStringLiteral(".logistics.washout_required.value"), C::Type, "true or false");
    row("negative inpatient days", mutated([](Doc &d) {
        set(d, elementById(d, "options", "auto-descartes-08-aurora")["logistics"]["inpatient_days"], "value",
            JValue(-1));
    }),
        d08 + QStringLiteral(".logistics.inpatient_days.value"), C::Type, "whole number");
    row("administration phase from an unknown point", mutated([](Doc &d) {
        setString(d,
            elementById(d, "options", "auto-descartes-08-aurora")["logistics"]["administration"]["phases"][0]["start"],
            "from", "T");
    }),
        d08 + QStringLiteral(".logistics.administration.phases[0].start.from"), C::Reference, "'T'");
    row("sub-option alias of an unknown option",
        mutated([](Doc &d) { setString(d, d["arms"][3]["sub_options"][0], "option", "soc-nope"); }),
        QStringLiteral("$.arms[3].sub_options[0].option"), C::Reference, "unknown option 'soc-nope'");
    row("toxicity row of an unknown option",
        mutated([](Doc &d) { setString(d, d["toxicity"]["allogeneic_car_t"][0], "option", "allo-nope"); }),
        QStringLiteral("$.toxicity.allogeneic_car_t[0].option"), C::Reference, "unknown option 'allo-nope'");
    row("toxicity row of another arm's option",
        mutated([](Doc &d) { setString(d, d["toxicity"]["allogeneic_car_t"][0], "option", "auto-zorpo-cel-castle"); }),
        QStringLiteral("$.toxicity.allogeneic_car_t[0].option"), C::Reference, "another arm");
    row("expectation of an unknown option", mutated([](Doc &d) {
        JValue &options = elementById(d, "vignettes", "E01-sle-plt60")["expected"]["options"];
        JValue x(options["auto-zorpo-cel-castle"], d.GetAllocator());
        set(d, options, "auto-nope", std::move(x));
    }),
        pathOf("vignettes", "E01-sle-plt60") + QStringLiteral(".expected.options[\"auto-nope\"]"), C::Reference,
        "unknown option 'auto-nope'");
}

} // namespace

void TestOptionLoading::rejects_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("mentions");
    optionRows();
    overrideRows();
}

void TestOptionLoading::rejects()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, path);
    QFETCH(QString, code);
    QFETCH(QString, mentions);
    json::Diagnostics diag;
    QVERIFY2(!RulePack::load(bytes, diag), "an invalid pack was accepted");
    const auto &findings = diag.findings();
    const bool found = std::any_of(findings.cbegin(), findings.cend(),
        [&](const json::Finding &f) { return f.path == path && f.code == code && f.message.contains(mentions); });
    QVERIFY2(found,
        qPrintable(QStringLiteral("no finding %1 at %2 mentioning '%3'; got:\n%4")
                       .arg(code, path, mentions, diag.lines().join(QLatin1Char('\n')))));
}

QTEST_GUILESS_MAIN(TestOptionLoading)
#include "tst_option_loading.moc"
