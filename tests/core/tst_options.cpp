// SPDX-License-Identifier: GPL-3.0-or-later
// Options in the engine and the result (docs/engine.md#options, docs/result-format.md#options;
// options-2026.2.md §D): the verdict of an option is SPEC §2 over its effective criteria (plus
// not_applicable when none applies), computed in the one workspace pass; the ahsct sub-option is
// the option soc-ahsct; arms and the ranking are what they were; timelines compose per §D.4.
#include "TestFiles.h"
#include "engine/CaseEvaluation.h"
#include "engine/ResultWriter.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace consilium;

namespace {

using test::readFile;

// Every example case: pack 2026.1's (resources/examples) and the option vignettes' (E01–E08).
QStringList exampleFiles()
{
    QStringList out;
    for (const char *sub : { "", "/options-2026.2" }) {
        const QDir dir(QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/examples") + QLatin1String(sub));
        for (const QString &name : dir.entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name))
            out.append(dir.filePath(name));
    }
    return out;
}

const RulePack &pack2026_1()
{
    static const std::unique_ptr<RulePack> pack = [] {
        json::Diagnostics diag;
        auto p = RulePack::load(
            readFile(QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/packs/consilium-reference-2026.1.json")), diag);
        if (!p)
            qFatal("pack 2026.1 does not load");
        return p;
    }();
    return *pack;
}

Evaluation evaluate(const Engine &engine, const QString &file)
{
    CaseOutcome out = evaluateCase(engine, readFile(file));
    if (!out.ok())
        qFatal("%s: %s", qPrintable(file), qPrintable(out.diag.lines().join(QLatin1Char('\n'))));
    return std::move(*out.evaluation);
}

QString exampleE(const char *name)
{
    return QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/examples/options-2026.2/") + QLatin1String(name)
        + QStringLiteral(".json");
}

QJsonObject option(const QJsonObject &result, const char *arm, const char *id)
{
    for (const QJsonValue &o : result[QLatin1String("arms")][QLatin1String(arm)][QLatin1String("options")].toArray()) {
        if (o[QLatin1String("id")].toString() == QLatin1String(id))
            return o.toObject();
    }
    return {};
}

using Phases = QList<std::tuple<QString, int, QJsonValue>>;

Phases phases(const QJsonObject &opt)
{
    Phases out;
    for (const QJsonValue &p : opt[QLatin1String("timeline")].toArray())
        out.append({ p[QLatin1String("phase")].toString(), p[QLatin1String("start_day")].toInt(),
            p[QLatin1String("end_day")] });
    return out;
}

} // namespace

class TestOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void verdictIsSpecOverEffectiveCriteria();
    void ahsctSubOptionIsTheOption();
    void armsAndRankingAreThoseOf2026_1();
    void resultShape();
    void packWithoutOptionsWritesNoOptions();
    void timelinesOfTheVignettes();
    void lymphodepletionAndDayOverrides();
    void toxicityAndModifiersUseTheOptionsPlatform();
    void textListsOptions();
};

// Recounted from the criterion states, independently of the engine's tallies.
void TestOptions::verdictIsSpecOverEffectiveCriteria()
{
    const Engine engine(RulePack::builtin());
    int checked = 0;
    for (const QString &file : exampleFiles()) {
        const Evaluation e = evaluate(engine, file);
        QVERIFY(e.optionCount() > 0);
        for (int o = 0; o < e.optionCount(); ++o) {
            VerdictTally t;
            for (int ci : e.optionCriteria(o)) {
                const CriterionState st = e.state(ci);
                if (st != CriterionState::NotApplicable)
                    addToTally(t, e.pack().criteria()[std::size_t(ci)].severity, st, 1);
            }
            const Verdict want = t.applicable == 0 ? Verdict::NotApplicable : verdictFrom(t);
            QVERIFY2(e.optionVerdict(o) == want, qPrintable(file + QLatin1Char(' ') + e.optionDef(o).id));
            // Deciding criteria are exactly those criterionDecides names, in effective order.
            std::vector<int> deciding;
            for (int ci : e.optionCriteria(o)) {
                if (criterionDecides(want, e.pack().criteria()[std::size_t(ci)].severity, e.state(ci)))
                    deciding.push_back(ci);
            }
            QCOMPARE(e.option(o).deciding, deciding);
            ++checked;
        }
    }
    QCOMPARE(checked, 20 * 12);
}

void TestOptions::ahsctSubOptionIsTheOption()
{
    const Engine engine(RulePack::builtin());
    const int soc = engine.pack().optionIndex(QStringLiteral("soc-ahsct"));
    for (const QString &file : exampleFiles()) {
        const Evaluation e = evaluate(engine, file);
        const GroupResult &sub = e.group(Arm::StandardCare, 0);
        QVERIFY2(sub.verdict == e.optionVerdict(soc), qPrintable(file));
        QCOMPARE(sub.deciding, e.option(soc).deciding);
        QCOMPARE(sub.missingInputs, e.option(soc).missingInputs);
        QCOMPARE(sub.cautionMissingInputs, e.option(soc).cautionMissingInputs);
    }
}

// options-2026.2.md §A/§D.2: arm verdicts and what_would_change do not move when options arrive.
void TestOptions::armsAndRankingAreThoseOf2026_1()
{
    const Engine now(RulePack::builtin());
    const Engine before(pack2026_1());
    const QDir dir(QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/examples"));
    for (const QString &name : dir.entryList({ QStringLiteral("V*.json") }, QDir::Files)) {
        const Evaluation a = evaluate(now, dir.filePath(name));
        const Evaluation b = evaluate(before, dir.filePath(name));
        for (std::size_t g = 0; g < b.groups().size(); ++g) {
            QVERIFY2(a.group(int(g)).verdict == b.group(int(g)).verdict, qPrintable(name));
            QCOMPARE(a.group(int(g)).missingInputs, b.group(int(g)).missingInputs);
        }
        QCOMPARE(a.whatWouldChange().size(), b.whatWouldChange().size());
        for (std::size_t i = 0; i < a.whatWouldChange().size(); ++i) {
            QCOMPARE(a.whatWouldChange()[i].input, b.whatWouldChange()[i].input);
            QCOMPARE(a.whatWouldChange()[i].groups, b.whatWouldChange()[i].groups);
        }
    }
}

void TestOptions::resultShape()
{
    const Engine engine(RulePack::builtin());
    const Evaluation e = evaluate(engine, exampleE("E06-sle-partial-48kg"));
    const QJsonObject r = QJsonDocument::fromJson(resultJson(engine, e, false)).object();
    static const QStringList order = { QStringLiteral("eligible"), QStringLiteral("eligible_with_cautions"),
        QStringLiteral("undetermined"), QStringLiteral("ineligible"), QStringLiteral("not_applicable") };
    int total = 0;
    for (const char *arm : { "autologous_car_t", "allogeneic_car_t", "bispecific_tce", "standard_care" }) {
        const QJsonArray options = r[QLatin1String("arms")][QLatin1String(arm)][QLatin1String("options")].toArray();
        QVERIFY(!options.isEmpty());
        for (qsizetype i = 0; i < options.size(); ++i) {
            const QJsonObject o = options[i].toObject();
            for (const char *k : { "id", "verdict", "criteria", "missing_inputs", "caution_missing_inputs",
                     "earliest_start", "timeline", "label", "kind", "toxicity", "modifiers", "screening_note" })
                QVERIFY2(o.contains(QLatin1String(k)), k);
            if (i > 0) { // by verdict, then id
                const QJsonObject p = options[i - 1].toObject();
                const auto vo = order.indexOf(o[QLatin1String("verdict")].toString());
                const auto vp = order.indexOf(p[QLatin1String("verdict")].toString());
                QVERIFY(vp < vo || (vp == vo && p[QLatin1String("id")].toString() < o[QLatin1String("id")].toString()));
            }
            for (const QJsonValue &c : o[QLatin1String("criteria")].toArray()) {
                const QString origin = c[QLatin1String("origin")].toString();
                QVERIFY(origin == QLatin1String("arm") || origin == QLatin1String("option"));
                QCOMPARE(origin == QLatin1String("option"),
                    c[QLatin1String("id")].toString().startsWith(QLatin1String("OPT-"))
                        || c[QLatin1String("id")].toString().startsWith(QLatin1String("SOC-HSCT-")));
            }
            ++total;
        }
    }
    QCOMPARE(total, 12);
    // §E E06: BRASLE undetermined on its SLEDAI and B-cell criteria, with both inputs missing.
    const QJsonObject brasle = option(r, "bispecific_tce", "tce-blinatumomab-brasle");
    QCOMPARE(brasle[QLatin1String("verdict")].toString(), QStringLiteral("undetermined"));
    QStringList missing;
    for (const QJsonValue &m : brasle[QLatin1String("missing_inputs")].toArray())
        missing.append(m.toString());
    missing.sort();
    QCOMPARE(missing, (QStringList { QStringLiteral("cd19_b_cells"), QStringLiteral("sledai_2k") }));
    // The option's own toxicity rows are tagged with its id.
    bool tagged = false;
    for (const QJsonValue &t : brasle[QLatin1String("toxicity")].toArray())
        tagged = tagged || t[QLatin1String("option")].toString() == QLatin1String("tce-blinatumomab-brasle");
    QVERIFY(tagged);
}

void TestOptions::packWithoutOptionsWritesNoOptions()
{
    const Engine engine(pack2026_1());
    const Evaluation e
        = evaluate(engine, QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/examples/V02-spec-example.json"));
    QCOMPARE(e.optionCount(), 0);
    const QByteArray json = resultJson(engine, e, true);
    QVERIFY(!json.contains("\"options\""));
    QVERIFY(!json.contains("\"origin\""));
    QVERIFY(!resultText(engine, e).contains(QLatin1String("Options:")));
}

// options-2026.2.md §E E03 (Descartes-08, W = 0, I = 24) and E08 (CLN-978, T = 13; BRASLE, T = 0).
void TestOptions::timelinesOfTheVignettes()
{
    const Engine engine(RulePack::builtin());
    const Evaluation e03 = evaluate(engine, exampleE("E03-mg-azathioprine"));
    const QJsonObject r03 = QJsonDocument::fromJson(resultJson(engine, e03, false)).object();
    const QJsonObject d08 = option(r03, "autologous_car_t", "auto-descartes-08-aurora");
    QCOMPARE(d08[QLatin1String("earliest_start")].toString(), QStringLiteral("2026-12-04"));
    Phases want = { { QStringLiteral("leukapheresis"), 0, 1 }, { QStringLiteral("manufacturing"), 1, 24 } };
    for (int k = 0; k < 6; ++k)
        want.append({ QStringLiteral("infusion"), 24 + 7 * k, 25 + 7 * k });
    QCOMPARE(phases(d08), want);
    QVERIFY(!d08[QLatin1String("timeline_note")].toString().isEmpty()); // vein-to-vein NF, the arm's kept
    QCOMPARE(option(r03, "autologous_car_t", "auto-zorpo-cel-castle")[QLatin1String("earliest_start")].toString(),
        QStringLiteral("2026-12-17"));

    const Evaluation e08 = evaluate(engine, exampleE("E08-sle-one-is-line"));
    const QJsonObject r08 = QJsonDocument::fromJson(resultJson(engine, e08, false)).object();
    QCOMPARE(phases(option(r08, "bispecific_tce", "tce-cln-978-sle")),
        (Phases { { QStringLiteral("washout"), 0, 13 }, { QStringLiteral("injection"), 13, 14 },
            { QStringLiteral("injection"), 20, 21 }, { QStringLiteral("injection"), 27, 28 },
            { QStringLiteral("injection"), 34, 35 }, { QStringLiteral("inpatient_monitoring"), 13, 15 },
            { QStringLiteral("infection_prophylaxis"), 13, 65 } }));
    QCOMPARE(phases(option(r08, "bispecific_tce", "tce-blinatumomab-brasle")),
        (Phases { { QStringLiteral("infusion_course"), 0, 5 },
            { QStringLiteral("infection_prophylaxis"), 0, QJsonValue(QJsonValue::Null) } }));
}

// §D.4: a cy_only regimen keeps the window with its note (no fludarabine band); inpatient days
// [I, I + d); a per-jurisdiction proximity override takes the case's jurisdiction.
void TestOptions::lymphodepletionAndDayOverrides()
{
    const Engine engine(RulePack::builtin());
    const Evaluation e01 = evaluate(engine, exampleE("E01-sle-plt60"));
    const QJsonObject r01 = QJsonDocument::fromJson(resultJson(engine, e01, false)).object();
    const QJsonObject ft819 = option(r01, "allogeneic_car_t", "allo-ft819");
    QCOMPARE(phases(ft819),
        (Phases { { QStringLiteral("lymphodepletion"), 0, 3 }, { QStringLiteral("infusion"), 5, 6 },
            { QStringLiteral("inpatient_monitoring"), 5, 8 },
            { QStringLiteral("proximity_window"), 5, QJsonValue(QJsonValue::Null) } }));
    const QString ld = ft819[QLatin1String("timeline")][0][QLatin1String("note")].toString();
    QVERIFY2(ld.contains(QLatin1String("cy_only"))
            && ld.contains(QLatin1String("fludarabine_dose_percent does not apply"))
            && ld.contains(QLatin1String("Alternatives: bendamustine, none")),
        qPrintable(ld));

    // A site pack giving Descartes-08 a proximity window of 10 days in the EU and 5 in the US.
    QString text = QString::fromUtf8(RulePack::builtinBytes());
    const QRegularExpression from(QStringLiteral("\"proximity_days\": \\{\\s*\"value\": 0,"));
    QCOMPARE(text.count(from), 1);
    text.replace(from, QStringLiteral("\"proximity_days\": {\"value\": {\"EU\": 10, \"US\": 5},"));
    const QByteArray bytes = text.toUtf8();
    json::Diagnostics diag;
    const auto site = RulePack::load(bytes, diag);
    QVERIFY2(site, qPrintable(diag.lines().join(QLatin1Char('\n'))));
    const Engine siteEngine(*site);
    const Evaluation e03 = evaluate(siteEngine, exampleE("E03-mg-azathioprine")); // EU
    const QJsonObject r03 = QJsonDocument::fromJson(resultJson(siteEngine, e03, false)).object();
    QVERIFY(phases(option(r03, "autologous_car_t", "auto-descartes-08-aurora"))
                .contains({ QStringLiteral("proximity_window"), 24, 34 }));
}

// §D.4: rows keyed on auto_car_vector and the CD28 / mRNA modifiers follow the option's facts.
void TestOptions::toxicityAndModifiersUseTheOptionsPlatform()
{
    const Engine engine(RulePack::builtin());
    const Evaluation e = evaluate(engine, exampleE("E02-sps-one-line"));
    const RulePack &pack = engine.pack();
    auto risks = [&](const char *id) {
        QStringList out;
        for (const ToxicityEntry *t : e.optionToxicity(pack.optionIndex(QLatin1String(id))))
            out.append(t->risk + (t->option >= 0 ? QStringLiteral("@option") : QString()));
        return out;
    };
    auto modifiers = [&](const char *id) {
        QStringList out;
        for (const Modifier *m : e.optionModifiers(pack.optionIndex(QLatin1String(id))))
            out.append(m->id);
        return out;
    };
    // Integrating (KYSA-8, CD28): the arm's secondary-malignancy row of the case's jurisdiction and MOD-CD28.
    QVERIFY(risks("auto-miv-cel-kysa8").contains(QStringLiteral("Secondary malignancy")));
    QVERIFY(modifiers("auto-miv-cel-kysa8").contains(QStringLiteral("MOD-CD28")));
    QVERIFY(!modifiers("auto-miv-cel-kysa8").contains(QStringLiteral("MOD-MRNA")));
    // mRNA (Descartes-08): no arm secondary-malignancy row, MOD-MRNA, its own rows after the arm's.
    const QStringList d08 = risks("auto-descartes-08-aurora");
    QVERIFY(!d08.contains(QStringLiteral("Secondary malignancy")));
    QVERIFY(modifiers("auto-descartes-08-aurora").contains(QStringLiteral("MOD-MRNA")));
    QVERIFY(!modifiers("auto-descartes-08-aurora").contains(QStringLiteral("MOD-CD28")));
    const auto firstOwn = std::find_if(d08.begin(), d08.end(), [](const QString &r) {
        return r.endsWith(QLatin1String("@option"));
    }) - d08.begin();
    QVERIFY(firstOwn > 0);
    for (qsizetype i = firstOwn; i < d08.size(); ++i)
        QVERIFY(d08[i].endsWith(QLatin1String("@option")));
}

void TestOptions::textListsOptions()
{
    const Engine engine(RulePack::builtin());
    const Evaluation e = evaluate(engine, exampleE("E02-sps-one-line"));
    const QString text = resultText(engine, e);
    QVERIFY(text.contains(QLatin1String("(auto-miv-cel-kysa8, trial): ELIGIBLE")));
    QVERIFY(text.contains(QLatin1String("[OPT-RESE-DIS-01 exclusion]")));
    QVERIFY(text.contains(QLatin1String("Not encoded (check at screening): SPS clinical criteria")));
}

QTEST_GUILESS_MAIN(TestOptions)
#include "tst_options.moc"
