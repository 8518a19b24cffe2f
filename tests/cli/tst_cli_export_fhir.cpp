// SPDX-License-Identifier: GPL-3.0-or-later
// `consilium-cli db export-fhir DECISION_ID [-o FILE]` (docs/cli.md#db-export-fhir): exit codes from
// docs/cli.md#exit-codes, the bundle on stdout or in the file (the same bytes), what was not exported
// on stderr, and a correction's bundle naming the corrected decision's CarePlan.
#include "CliRun.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

class TestCliExportFhir : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void unknownDecisionIsNotFound();
    void badIdIsAUsageError();
    void stdoutAndFileHoldTheSameBundle();
    void correctionReplacesTheOriginal();

private:
    Run db(QStringList args) const
    {
        args.prepend(QStringLiteral("db"));
        args << QStringLiteral("--db") << m_db << QStringLiteral("--as") << QStringLiteral("Dr Test");
        return runCli(args, m_dir.path());
    }
    void must(const QStringList &args) const
    {
        const Run r = db(args);
        if (r.exitCode != 0)
            QFAIL(qPrintable(args.join(QLatin1Char(' ')) + QLatin1Char('\n') + r.describe()));
    }

    QTemporaryDir m_dir;
    QString m_db;
};

void TestCliExportFhir::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_db = m_dir.filePath(QStringLiteral("t.sqlite"));
    must({ QStringLiteral("init") });
    must({ QStringLiteral("import"),
        QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/examples/V01-sle-ln-si-units.json") });
    must({ QStringLiteral("conference"), QStringLiteral("create"), QStringLiteral("--date"),
        QStringLiteral("2026-12-01"), QStringLiteral("--title"), QStringLiteral("Board") });
    must({ QStringLiteral("conference"), QStringLiteral("add-case"), QStringLiteral("1"),
        QStringLiteral("V01-sle-ln-si-units") });
    must({ QStringLiteral("decide"), QStringLiteral("1"), QStringLiteral("V01-sle-ln-si-units") });
    must({ QStringLiteral("outcome"), QStringLiteral("1"), QStringLiteral("--arm"), QStringLiteral("autologous_car_t"),
        QStringLiteral("--rationale"), QStringLiteral("trial slot") });
    for (const char *role : { "rheumatology", "cellular_therapy" })
        must({ QStringLiteral("position"), QStringLiteral("1"), QStringLiteral("--participant"),
            QStringLiteral("Dr ") + QLatin1String(role), QStringLiteral("--role"), QLatin1String(role),
            QStringLiteral("--agree") });
    must({ QStringLiteral("finalise"), QStringLiteral("1") });
    must({ QStringLiteral("correct"), QStringLiteral("1") }); // decision 2, a draft
}

void TestCliExportFhir::unknownDecisionIsNotFound()
{
    const Run r = db({ QStringLiteral("export-fhir"), QStringLiteral("99") });
    QCOMPARE(r.exitCode, 1); // docs/cli.md#exit-codes: a db action not found
    QVERIFY(r.out.isEmpty());
    QVERIFY2(r.err.contains(QLatin1String("99")), qPrintable(r.err));
}

void TestCliExportFhir::badIdIsAUsageError()
{
    QCOMPARE(db({ QStringLiteral("export-fhir"), QStringLiteral("one") }).exitCode, 64);
}

void TestCliExportFhir::stdoutAndFileHoldTheSameBundle()
{
    const QString file = m_dir.filePath(QStringLiteral("d1.json"));
    const Run toFile = db({ QStringLiteral("export-fhir"), QStringLiteral("1"), QStringLiteral("-o"), file });
    QVERIFY2(toFile.exitCode == 0, qPrintable(toFile.describe()));
    QVERIFY(toFile.out.isEmpty());
    // V01 has an LVEF, which the pack maps to no LOINC code: named on stderr, not exported.
    QVERIFY2(toFile.err.contains(QLatin1String("not exported: lvef")), qPrintable(toFile.err));
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    const QJsonObject bundle = QJsonDocument::fromJson(bytes).object();
    QCOMPARE(bundle.value(QStringLiteral("resourceType")).toString(), QStringLiteral("Bundle"));
    QCOMPARE(bundle.value(QStringLiteral("type")).toString(), QStringLiteral("collection"));
    const Run toStdout = db({ QStringLiteral("export-fhir"), QStringLiteral("1") });
    QCOMPARE(toStdout.exitCode, 0);
    QCOMPARE(toStdout.out.toUtf8(), bytes); // and the same bytes every time
}

void TestCliExportFhir::correctionReplacesTheOriginal()
{
    auto carePlan = [](const QJsonObject &bundle) {
        for (const QJsonValue &e : bundle.value(QStringLiteral("entry")).toArray()) {
            const QJsonObject entry = e.toObject();
            if (entry.value(QStringLiteral("resource")).toObject().value(QStringLiteral("resourceType")).toString()
                == QLatin1String("CarePlan"))
                return entry;
        }
        return QJsonObject();
    };
    const Run original = db({ QStringLiteral("export-fhir"), QStringLiteral("1") });
    const Run correction = db({ QStringLiteral("export-fhir"), QStringLiteral("2") });
    QCOMPARE(correction.exitCode, 0);
    const QJsonObject bundle = QJsonDocument::fromJson(correction.out.toUtf8()).object();
    // A draft says so (docs/fhir.md#export).
    QCOMPARE(bundle.value(QStringLiteral("meta"))
                 .toObject()
                 .value(QStringLiteral("tag"))
                 .toArray()[0]
                 .toObject()
                 .value(QStringLiteral("code"))
                 .toString(),
        QStringLiteral("draft"));
    const QJsonObject cp = carePlan(bundle).value(QStringLiteral("resource")).toObject();
    QCOMPARE(cp.value(QStringLiteral("replaces")).toArray()[0].toObject().value(QStringLiteral("reference")).toString(),
        carePlan(QJsonDocument::fromJson(original.out.toUtf8()).object()).value(QStringLiteral("fullUrl")).toString());
}

QTEST_GUILESS_MAIN(TestCliExportFhir)
#include "tst_cli_export_fhir.moc"
