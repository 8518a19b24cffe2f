// SPDX-License-Identifier: GPL-3.0-or-later
// consilium-summary/3 (docs/result-format.md#summary-output, issue 15): every line of generated
// cases and of the sparsest work-ups is at most 1 KB, and a reader written from the document
// (SummaryDecoder.h) gets back every arm's, sub-option's and option's verdict, earliest start,
// missing and caution missing inputs as the full result gives them, under both shipped packs; the
// summary evaluation (Engine::evaluateSummary) answers what evaluateFull answers.
#include "CliRun.h"
#include "SummaryDecoder.h"
#include "SyntheticCases.h"
#include "engine/CaseEvaluation.h"
#include "engine/SummaryResult.h"
#include "rules/RulePack.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

const QString kPack2026_2 = QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/packs/consilium-reference.json");
const QString kPack2026_1 = QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/packs/consilium-reference-2026.1.json");

std::unique_ptr<consilium::RulePack> loadPack(const QString &file)
{
    QFile f(file);
    consilium::json::Diagnostics diag;
    return f.open(QIODevice::ReadOnly) ? consilium::RulePack::load(f.readAll(), diag) : nullptr;
}

// A case with no fact, no medication list and no failed therapies: every input is missing.
QByteArray everythingMissing(const QString &id)
{
    return QStringLiteral(
        R"({"format":"consilium-case/1","id":"%1","as_of":"2026-11-25","jurisdiction":"EU","facts":{}})")
        .arg(id)
        .toUtf8();
}

QStringList lines(const QString &out)
{
    return out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

} // namespace

class TestCliSummary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }
    void everyLineFitsIn1KB();
    void decodesToTheFullResult_data();
    void decodesToTheFullResult();
    void summaryEvaluationEqualsFull_data() { decodesToTheFullResult_data(); }
    void summaryEvaluationEqualsFull();

private:
    QString writeCases(const QList<QByteArray> &cases);
    Run evaluate(const QString &jsonl, const QString &packFile, const char *output);
    std::unique_ptr<QTemporaryDir> m_dir;
};

QString TestCliSummary::writeCases(const QList<QByteArray> &cases)
{
    const QString path = m_dir->filePath(QStringLiteral("cases.jsonl"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    for (const QByteArray &c : cases)
        f.write(c + '\n');
    return path;
}

Run TestCliSummary::evaluate(const QString &jsonl, const QString &packFile, const char *output)
{
    QStringList args { QStringLiteral("evaluate"), QStringLiteral("--batch"), jsonl, QStringLiteral("--output"),
        QLatin1String(output) };
    if (packFile != kPack2026_2)
        args << QStringLiteral("--rules") << packFile << QStringLiteral("--allow-unsigned");
    return runCli(args, m_dir->path());
}

void TestCliSummary::everyLineFitsIn1KB()
{
    // Issue 15: a summary line is at most 1 KB — 10,000 generated 2026.2 cases (~10% of facts
    // missing), sparse work-ups (half to all facts missing) and a case with every input missing
    // (docs/result-format.md#summary-output).
    const std::unique_ptr<consilium::RulePack> pack = loadPack(kPack2026_2);
    QVERIFY(pack);
    QList<QByteArray> cases = consilium::syntheticCases(*pack, 10000);
    for (const double missing : { 0.5, 0.8, 0.95, 1.0 })
        cases += consilium::syntheticCases(*pack, 500, missing, 7);
    cases.append(everythingMissing(QStringLiteral("every-input-missing")));
    // The document promises 1 KB for case ids up to 64 bytes: every id here is made that long.
    for (QByteArray &c : cases) {
        const qsizetype at = c.indexOf(R"("id":")") + 6;
        const qsizetype length = c.indexOf('"', at) - at;
        c.insert(at, QByteArray(64 - length, 'x'));
    }
    const Run r = evaluate(writeCases(cases), kPack2026_2, "summary");
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QStringList out = lines(r.out);
    QCOMPARE(out.size(), cases.size());
    qsizetype longest = 0;
    for (const QString &line : out) {
        QVERIFY2(line.startsWith(QLatin1String(R"({"format":"consilium-summary/3")")), qPrintable(line.left(200)));
        longest = std::max(longest, line.toUtf8().size());
    }
    qInfo("longest summary line: %lld bytes", static_cast<long long>(longest));
    QVERIFY2(longest <= 1024, qPrintable(QStringLiteral("longest line %1 bytes").arg(longest)));
    QVERIFY2(out.last().contains(QLatin1String("\"m\":[")), "every input missing: the sets are written");
}

void TestCliSummary::decodesToTheFullResult_data()
{
    QTest::addColumn<QString>("packFile");
    QTest::newRow("2026.2") << kPack2026_2;
    QTest::newRow("2026.1") << kPack2026_1;
}

void TestCliSummary::decodesToTheFullResult()
{
    QFETCH(QString, packFile);
    const std::unique_ptr<consilium::RulePack> pack = loadPack(packFile);
    QVERIFY(pack);
    QList<QByteArray> cases = consilium::syntheticCases(*pack, 150, 0.10, 11);
    cases += consilium::syntheticCases(*pack, 150, 0.6, 12);
    cases.append(everythingMissing(QStringLiteral("every-input-missing")));
    const QString jsonl = writeCases(cases);
    const Run full = evaluate(jsonl, packFile, "full");
    const Run summary = evaluate(jsonl, packFile, "summary");
    QVERIFY2(full.exitCode == 0 && summary.exitCode == 0, qPrintable(full.describe() + summary.describe()));
    const QStringList f = lines(full.out);
    const QStringList s = lines(summary.out);
    QCOMPARE(f.size(), cases.size());
    QCOMPARE(s.size(), cases.size());
    const SummaryPack reader = summaryPack(packFile);
    int nonEmptyOptionSets = 0;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QJsonObject sl = decodeSummary(QJsonDocument::fromJson(s[i].toUtf8()).object(), reader);
        QVERIFY2(!sl.isEmpty(), qPrintable(s[i]));
        compareSummaryWithFull(sl, QJsonDocument::fromJson(f[i].toUtf8()).object(), reader, nonEmptyOptionSets);
        if (QTest::currentTestFailed())
            return;
    }
    // 2026.2 has options; the comparison above must have met options with missing inputs.
    QVERIFY(reader.options.isEmpty() || nonEmptyOptionSets > 100);
}

namespace {

// Verdict, missing inputs (ranked) and caution missing inputs of one group, equal in both.
bool sameGroup(const consilium::GroupResult &a, const consilium::GroupResult &b)
{
    return a.verdict == b.verdict && a.missingInputs == b.missingInputs
        && a.cautionMissingInputs == b.cautionMissingInputs;
}

} // namespace

void TestCliSummary::summaryEvaluationEqualsFull()
{
    // Engine::evaluateSummary computes only what a summary line needs: its verdicts, missing
    // inputs, earliest starts and derived values are evaluateFull's, and so is the line.
    QFETCH(QString, packFile);
    const std::unique_ptr<consilium::RulePack> pack = loadPack(packFile);
    QVERIFY(pack);
    const consilium::Engine engine(*pack);
    QList<QByteArray> cases = consilium::syntheticCases(*pack, 300, 0.10, 21);
    cases += consilium::syntheticCases(*pack, 200, 0.6, 22);
    cases.append(everythingMissing(QStringLiteral("every-input-missing")));
    for (const QByteArray &c : cases) {
        const consilium::CaseReading reading = consilium::readCase(c, *pack);
        QVERIFY2(reading.ok(), qPrintable(reading.diag.lines().join(QLatin1Char('\n'))));
        const consilium::Evaluation full = engine.evaluateFull(*reading.data);
        const consilium::Evaluation summary = engine.evaluateSummary(*reading.data);
        for (const consilium::Arm arm : consilium::kArms) {
            QVERIFY(sameGroup(summary.group(arm), full.group(arm)));
            QCOMPARE(summary.earliestStart(arm), full.earliestStart(arm));
            const auto subs = pack->arms()[consilium::armIndex(arm)].subOptions.size();
            for (int s = 0; s < int(subs); ++s)
                QVERIFY(sameGroup(summary.group(engine.groupIndex(arm, s)), full.group(engine.groupIndex(arm, s))));
        }
        QCOMPARE(summary.optionCount(), full.optionCount());
        for (int o = 0; o < full.optionCount(); ++o) {
            QVERIFY(sameGroup(summary.option(o), full.option(o)));
            QCOMPARE(summary.optionEarliestStart(o), full.optionEarliestStart(o));
        }
        QCOMPARE(consilium::summaryJson(engine, summary), consilium::summaryJson(engine, full));
    }
}

QTEST_GUILESS_MAIN(TestCliSummary)
#include "tst_cli_summary.moc"
