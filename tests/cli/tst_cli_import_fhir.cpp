// SPDX-License-Identifier: GPL-3.0-or-later
// `consilium-cli import-fhir` (docs/cli.md#import-fhir): the draft on stdout evaluates, the report goes
// to stderr or --report FILE (text or json), and the exit codes of docs/cli.md#exit-codes.
#include "CliRun.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

namespace {

QString bundle(const char *name)
{
    return QStringLiteral(CONSILIUM_SOURCE_DIR "/tests/data/fhir/") + QLatin1String(name);
}

} // namespace

class TestCliImportFhir : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void draftEvaluates();
    void valueErrorsExitOne();
    void reportFileJson();
    void siteCodes();
    void exitCodes_data();
    void exitCodes();

private:
    QTemporaryDir m_dir;
};

void TestCliImportFhir::draftEvaluates()
{
    const Run r = runCli({ QStringLiteral("import-fhir"), bundle("ssc-us-units-searchset.json"),
                             QStringLiteral("--as-of"), QStringLiteral("2026-12-01") },
        m_dir.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY(r.err.contains(QLatin1String("as_of 2026-12-01, jurisdiction EU: 12 mapped, 5 ignored, 0 errors")));
    QVERIFY(r.err.contains(QLatin1String("mapped   creatinine = 1.3 mg/dL (2026-11-25)")));
    QFile f(m_dir.filePath(QStringLiteral("case.json")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(r.out.toUtf8());
    f.close();
    const Run e = runCli(
        { QStringLiteral("evaluate"), f.fileName(), QStringLiteral("--format"), QStringLiteral("text") }, m_dir.path());
    QVERIFY2(e.exitCode == 0, qPrintable(e.describe()));
}

void TestCliImportFhir::valueErrorsExitOne()
{
    // AST without a reference range: the draft is still written, the exit code says an error was reported.
    const Run r = runCli({ QStringLiteral("import-fhir"), bundle("sle-si-units-transaction.json"),
                             QStringLiteral("--as-of"), QStringLiteral("2026-12-01") },
        m_dir.path());
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.out.contains(QLatin1String("\"format\": \"consilium-case/1\"")));
    QVERIFY(r.err.contains(QLatin1String("ERROR    ast_x_uln")));
}

void TestCliImportFhir::reportFileJson()
{
    const QString report = m_dir.filePath(QStringLiteral("report.json"));
    const Run r = runCli(
        { QStringLiteral("import-fhir"), bundle("ms-problems-collection.json"), QStringLiteral("--report"), report,
            QStringLiteral("--report-format"), QStringLiteral("json"), QStringLiteral("--jurisdiction"),
            QStringLiteral("US"), QStringLiteral("--id"), QStringLiteral("ms-1") },
        m_dir.path());
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.isEmpty(), qPrintable(r.err)); // the report went to the file
    QVERIFY(r.out.contains(QLatin1String("\"id\": \"ms-1\"")));
    QVERIFY(r.out.contains(QLatin1String("\"jurisdiction\": \"US\"")));
    QFile f(report);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
    QCOMPARE(o.value(QLatin1String("as_of_is_default")).toBool(), true); // no --as-of: today
    QCOMPARE(o.value(QLatin1String("jurisdiction")).toString(), QStringLiteral("US"));
    QVERIFY(o.value(QLatin1String("counts")).toObject().value(QLatin1String("error")).toInt() > 0);
}

void TestCliImportFhir::siteCodes()
{
    // A site code for creatinine maps a bundle value the pack alone does not know.
    QFile codes(m_dir.filePath(QStringLiteral("site-codes.json")));
    QVERIFY(codes.open(QIODevice::WriteOnly));
    codes.write(R"({"format": "consilium-codes/1", "codes": {"ucum": [
        {"ucum": "mg/dl", "unit": "mg/dL", "source": "site lab: legacy lower-case spelling", "evidence": "C"}]}})");
    codes.close();
    const QStringList base = { QStringLiteral("import-fhir"), bundle("unknown-ucum-unit.json"),
        QStringLiteral("--as-of"), QStringLiteral("2026-12-01") };
    QCOMPARE(runCli(base, m_dir.path()).exitCode, 1);
    const Run r = runCli(base + QStringList { QStringLiteral("--codes"), codes.fileName() }, m_dir.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY(r.out.contains(QLatin1String("\"unit\": \"mg/dL\"")));
    // A duplicate of the pack's own codes is refused as bad pack data.
    QVERIFY(codes.open(QIODevice::WriteOnly | QIODevice::Truncate));
    codes.write(R"({"format": "consilium-codes/1", "codes": {"ucum": [
        {"ucum": "mg/dL", "unit": "mg/dL", "source": "site", "evidence": "C"}]}})");
    codes.close();
    const Run dup = runCli(base + QStringList { QStringLiteral("--codes"), codes.fileName() }, m_dir.path());
    QCOMPARE(dup.exitCode, 3);
    QVERIFY(dup.out.isEmpty());
    QVERIFY2(dup.err.contains(QLatin1String("$.codes.ucum[0]: already mapped by the pack at $.codes.ucum[0]")),
        qPrintable(dup.err));
}

void TestCliImportFhir::exitCodes_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exit");
    QTest::addColumn<QString>("stderrMentions");
    QTest::newRow("not JSON") << QStringList { bundle("not-json.json") } << 2 << "malformed JSON";
    QTest::newRow("document") << QStringList { bundle("document-bundle.json") } << 2
                              << "$.type: Bundle type \"document\" is not imported";
    QTest::newRow("wrong resource") << QStringList { bundle("wrong-resource-type.json") } << 2 << "$.resourceType";
    QTest::newRow("missing file") << QStringList { bundle("no-such-bundle.json") } << 66 << "cannot read";
    QTest::newRow("bad as-of") << QStringList { bundle("bad-date.json"), QStringLiteral("--as-of"),
        QStringLiteral("2026-02-30") }
                               << 64 << "--as-of";
    QTest::newRow("bad jurisdiction") << QStringList { bundle("bad-date.json"), QStringLiteral("--jurisdiction"),
        QStringLiteral("CH") } << 64 << "--jurisdiction";
    QTest::newRow("bad report format") << QStringList { bundle("bad-date.json"), QStringLiteral("--report-format"),
        QStringLiteral("xml") } << 64 << "--report-format";
    QTest::newRow("no bundle") << QStringList {} << 64 << "Usage";
}

void TestCliImportFhir::exitCodes()
{
    QFETCH(QStringList, args);
    QFETCH(int, exit);
    QFETCH(QString, stderrMentions);
    const Run r = runCli(QStringList { QStringLiteral("import-fhir") } + args, m_dir.path());
    QVERIFY2(r.exitCode == exit, qPrintable(r.describe()));
    QVERIFY(r.out.isEmpty());
    QVERIFY2(r.err.contains(stderrMentions), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestCliImportFhir)
#include "tst_cli_import_fhir.moc"
