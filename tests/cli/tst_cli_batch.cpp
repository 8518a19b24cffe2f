// SPDX-License-Identifier: GPL-3.0-or-later
// `consilium-cli evaluate --batch … --output summary|full` (docs/result-format.md#summary-output,
// #batch-output): one line per case in input order, whatever the number of cores used.
#include "CliRun.h"
#include "SummaryDecoder.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {

QString optionsExample(const char *name)
{
    return QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/examples/options-2026.2/") + QLatin1String(name);
}

QList<QJsonObject> objects(const QString &out)
{
    QList<QJsonObject> list;
    for (const QString &line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        list.append(QJsonDocument::fromJson(line.toUtf8()).object());
    return list;
}

// The built-in pack's orders, which its summary lines follow.
const SummaryPack &builtinSummaryPack()
{
    static const SummaryPack pack
        = summaryPack(QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/packs/consilium-reference.json"));
    return pack;
}

// The line read back by docs/result-format.md#summary-output (SummaryDecoder.h) against the built-in pack.
QJsonObject expand(const QJsonObject &line)
{
    return decodeSummary(line, builtinSummaryPack());
}

} // namespace

class TestCliBatch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }
    void summaryOfE01();
    void summaryAgreesWithTheFullResult();
    void orderKeptAcrossChunks();
    void badOptions_data();
    void badOptions();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCliBatch::summaryOfE01()
{
    // options-2026.2.md §E, E01-sle-plt60: the verdicts of every arm and option, and the derived values.
    QDir().mkpath(m_dir->filePath(QStringLiteral("in")));
    QVERIFY(QFile::copy(optionsExample("E01-sle-plt60.json"), m_dir->filePath(QStringLiteral("in/E01.json"))));
    const Run r = runCli({ QStringLiteral("evaluate"), QStringLiteral("--batch"), QStringLiteral("in"),
                             QStringLiteral("--output"), QStringLiteral("summary") },
        m_dir->path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QList<QJsonObject> lines = objects(r.out);
    QCOMPARE(lines.size(), 1);
    const QJsonObject s = expand(lines.first());
    QCOMPARE(s.value(QStringLiteral("format")).toString(), QStringLiteral("consilium-summary/3"));
    QCOMPARE(s.value(QStringLiteral("case_id")).toString(), QStringLiteral("E01-sle-plt60"));
    const QJsonObject arms = s.value(QStringLiteral("arms")).toObject();
    for (const char *arm : { "autologous_car_t", "allogeneic_car_t", "bispecific_tce", "standard_care" })
        QCOMPARE(arms.value(QLatin1String(arm)).toObject().value(QStringLiteral("verdict")).toString(),
            QStringLiteral("eligible"));
    QCOMPARE(arms.value(QStringLiteral("standard_care"))
                 .toObject()
                 .value(QStringLiteral("sub_options"))
                 .toObject()
                 .value(QStringLiteral("ahsct"))
                 .toObject()
                 .value(QStringLiteral("verdict"))
                 .toString(),
        QStringLiteral("not_applicable"));
    const QJsonObject options = s.value(QStringLiteral("options")).toObject();
    QCOMPARE(options.size(), 12);
    const QStringList ineligible { QStringLiteral("auto-miv-cel-kysa8"), QStringLiteral("auto-descartes-08-aurora"),
        QStringLiteral("allo-allo-329-resolution"), QStringLiteral("tce-blinatumomab-brasle"),
        QStringLiteral("tce-cln-978-sle") };
    for (auto it = options.begin(); it != options.end(); ++it) {
        const QString verdict = it.value().toObject().value(QStringLiteral("verdict")).toString();
        if (it.key() == QLatin1String("soc-ahsct"))
            QCOMPARE(verdict, QStringLiteral("not_applicable"));
        else
            QCOMPARE(
                verdict, ineligible.contains(it.key()) ? QStringLiteral("ineligible") : QStringLiteral("eligible"));
        // Nothing is missing in this complete work-up: the lists are left out.
        QVERIFY(!it.value().toObject().contains(QStringLiteral("missing_inputs")));
    }
    const QJsonObject derived = s.value(QStringLiteral("derived")).toObject();
    QCOMPARE(qRound(derived.value(QStringLiteral("egfr_ckd_epi_2021")).toDouble() * 10), 1010);
    QCOMPARE(derived.value(QStringLiteral("failed_lines_count")).toInt(), 3);
    QCOMPARE(derived.value(QStringLiteral("earliest_leukapheresis")).toString(), QStringLiteral("2026-12-04"));
    QCOMPARE(derived.value(QStringLiteral("car_hematotox_category")).toString(), QStringLiteral("high"));
    QVERIFY(derived.value(QStringLiteral("easix")).isNull()); // not computable: unknown, not 0
    // No explanation or pack text in a summary.
    QVERIFY(!r.out.contains(QLatin1String("explanation")));
}

void TestCliBatch::summaryAgreesWithTheFullResult()
{
    // Every example of options-2026.2.md §E: the summary says what the full result says.
    const QString dir = QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/examples/options-2026.2");
    const Run full = runCli({ QStringLiteral("evaluate"), QStringLiteral("--batch"), dir }, m_dir->path());
    const Run summary = runCli({ QStringLiteral("evaluate"), QStringLiteral("--batch"), dir, QStringLiteral("--output"),
                                   QStringLiteral("summary") },
        m_dir->path());
    QVERIFY2(full.exitCode == 0 && summary.exitCode == 0, qPrintable(full.describe() + summary.describe()));
    const QList<QJsonObject> f = objects(full.out);
    QList<QJsonObject> s = objects(summary.out);
    for (QJsonObject &line : s)
        line = expand(line);
    QCOMPARE(s.size(), 8);
    QCOMPARE(f.size(), s.size());
    int nonEmptyOptionSets = 0;
    for (qsizetype i = 0; i < s.size(); ++i) {
        // The summary gives the sets; the ranking is in the full result (SummaryDecoder.h).
        compareSummaryWithFull(s[i], f[i], builtinSummaryPack(), nonEmptyOptionSets);
        if (QTest::currentTestFailed())
            return;
        // Issue 15: a summary line is at most 1 KB.
        QVERIFY2(s[i].size() > 0 && summary.out.split(QLatin1Char('\n'))[i].toUtf8().size() <= 1024,
            "a summary line stays short");
    }
}

void TestCliBatch::orderKeptAcrossChunks()
{
    // 1,300 cases (more than two chunks of 512), one malformed line among them: one output line
    // per input line, in input order, the bad one with its line number, exit 2.
    QFile source(optionsExample("E02-sps-one-line.json"));
    QVERIFY(source.open(QIODevice::ReadOnly));
    const QJsonObject base = QJsonDocument::fromJson(source.readAll()).object();
    QByteArray jsonl;
    constexpr int kCases = 1300;
    constexpr int kBadLine = 777;
    for (int i = 1; i <= kCases; ++i) {
        if (i == kBadLine) {
            jsonl += "{\"format\": \"consilium-case/1\", \"id\": \"broken\"\n";
            continue;
        }
        QJsonObject c = base;
        c.insert(QStringLiteral("id"), QStringLiteral("case-%1").arg(i, 4, 10, QLatin1Char('0')));
        jsonl += QJsonDocument(c).toJson(QJsonDocument::Compact) + '\n';
    }
    QFile f(m_dir->filePath(QStringLiteral("cases.jsonl")));
    QVERIFY(f.open(QIODevice::WriteOnly) && f.write(jsonl) == jsonl.size());
    f.close();
    const Run r = runCli({ QStringLiteral("evaluate"), QStringLiteral("--batch"), f.fileName(),
                             QStringLiteral("--output"), QStringLiteral("summary") },
        m_dir->path());
    QVERIFY2(r.exitCode == 2, qPrintable(r.describe().left(3000)));
    const QList<QJsonObject> lines = objects(r.out);
    QCOMPARE(lines.size(), kCases);
    for (int i = 1; i <= kCases; ++i) {
        const QJsonObject &o = lines[i - 1];
        if (i == kBadLine) {
            QCOMPARE(o.value(QStringLiteral("line")).toInt(), kBadLine);
            QVERIFY(o.contains(QStringLiteral("input_errors")));
        } else {
            QCOMPARE(o.value(QStringLiteral("case_id")).toString(),
                QStringLiteral("case-%1").arg(i, 4, 10, QLatin1Char('0')));
        }
    }
}

void TestCliBatch::badOptions_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("named");
    const QString e01 = optionsExample("E01-sle-plt60.json");
    QTest::newRow("unknown output") << QStringList { QStringLiteral("evaluate"), QStringLiteral("--batch"), e01,
        QStringLiteral("--output"), QStringLiteral("brief") }
                                    << QStringLiteral("--output must be full or summary");
    QTest::newRow("output without batch") << QStringList { QStringLiteral("evaluate"), e01, QStringLiteral("--output"),
        QStringLiteral("summary") } << QStringLiteral("--output is for --batch");
    QTest::newRow("text with batch") << QStringList { QStringLiteral("evaluate"), QStringLiteral("--batch"), e01,
        QStringLiteral("--format"), QStringLiteral("text") }
                                     << QStringLiteral("--format text is for one case");
}

void TestCliBatch::badOptions()
{
    QFETCH(QStringList, args);
    QFETCH(QString, named);
    const Run r = runCli(args, m_dir->path());
    QVERIFY2(r.exitCode == 64, qPrintable(r.describe()));
    QVERIFY2(r.err.contains(named), qPrintable(r.describe()));
    QVERIFY(r.out.isEmpty());
}

QTEST_GUILESS_MAIN(TestCliBatch)
#include "tst_cli_batch.moc"
