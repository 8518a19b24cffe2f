// SPDX-License-Identifier: GPL-3.0-or-later
// `consilium-cli db follow-up|due|registry-extract` (issue 14; docs/cli.md#db-follow-up): a
// follow-up recorded by options and amended, shown as consilium-follow-up/1, refused with the
// field named, the due list in text and JSON, and the registry extract in CSV and JSON.
// The decision is made "now" by the CLI, so dates count from its UTC day D: treated on D, the
// day 28 outcome is due on D + 28 and overdue from D + 29 (docs/store.md#follow-up).
#include "CliRun.h"

#include <QDate>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

class TestCliFollowUp : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_db;
    QDate m_decided;

    Run db(QStringList args)
    {
        args.prepend(QStringLiteral("db"));
        args << QStringLiteral("--db") << m_db;
        return runCli(args, m_dir.path());
    }

    static QString iso(const QDate &d) { return d.toString(Qt::ISODate); }

private Q_SLOTS:
    // Two finalised decisions: 1 chose the autologous arm (V01), 2 deferred (V03); 3 is a draft.
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath(QStringLiteral("fu.sqlite"));
        Run r = db({ QStringLiteral("import"), QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/examples") });
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        r = db({ QStringLiteral("conference"), QStringLiteral("create"), QStringLiteral("--date"),
            QStringLiteral("2026-12-01"), QStringLiteral("--title"), QStringLiteral("MDT") });
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QStringList cases { QStringLiteral("V01-sle-ln-si-units"), QStringLiteral("V03-dcssc-all-eligible"),
            QStringLiteral("V02-spec-example") };
        for (int i = 0; i < cases.size(); ++i) {
            const QStringList outcome = i == 0
                ? QStringList { QStringLiteral("--arm"), QStringLiteral("autologous_car_t") }
                : QStringList { QStringLiteral("--defer") };
            r = db(QStringList { QStringLiteral("decide"), QStringLiteral("1"), cases[i] } + outcome);
            QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
            if (i == 2)
                break; // stays a draft
            for (const QString &role : { QStringLiteral("rheumatology"), QStringLiteral("cellular_therapy") }) {
                r = db({ QStringLiteral("position"), QString::number(i + 1), QStringLiteral("--participant"),
                    QStringLiteral("Dr ") + role, QStringLiteral("--role"), role, QStringLiteral("--agree") });
                QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
            }
            r = db({ QStringLiteral("finalise"), QString::number(i + 1) });
            QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        }
        m_decided = QDateTime::currentDateTimeUtc().date();
    }

    void recordAmendAndShow()
    {
        const QString treated = iso(m_decided);
        Run r = db({ QStringLiteral("follow-up"), QStringLiteral("1"), QStringLiteral("--status"),
            QStringLiteral("carried-out"), QStringLiteral("--treated-on"), treated, QStringLiteral("--arm"),
            QStringLiteral("autologous_car_t"), QStringLiteral("--option"), QStringLiteral("auto-rese-cel-reset"),
            QStringLiteral("--lot"), QStringLiteral("LOT-1"), QStringLiteral("--lymphodepletion"),
            QStringLiteral("Flu/Cy") });
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.out.contains(QLatin1String("recorded for decision 1 (carried_out)")), qPrintable(r.describe()));
        // Without --status the latest record is amended: the day 28 outcome is added to it.
        r = db({ QStringLiteral("follow-up"), QStringLiteral("1"), QStringLiteral("--day"), QStringLiteral("28"),
            QStringLiteral("--crs-grade"), QStringLiteral("2"), QStringLiteral("--crs-onset"),
            iso(m_decided.addDays(2)), QStringLiteral("--infection"), QStringLiteral("no") });
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        r = db({ QStringLiteral("follow-up"), QStringLiteral("1"), QStringLiteral("--show") });
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QJsonObject shown = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(shown.value(QLatin1String("format")).toString(), QStringLiteral("consilium-follow-up/1"));
        QCOMPARE(shown.value(QLatin1String("treated_on")).toString(), treated);
        QCOMPARE(shown.value(QLatin1String("lot_or_trial_id")).toString(), QStringLiteral("LOT-1"));
        const QJsonObject d28 = shown.value(QLatin1String("outcomes")).toArray().at(0).toObject();
        QCOMPARE(d28.value(QLatin1String("day")).toInt(), 28);
        QCOMPARE(d28.value(QLatin1String("crs")).toObject().value(QLatin1String("grade")).toInt(), 2);
        QVERIFY(d28.value(QLatin1String("icans")).toObject().value(QLatin1String("grade")).isNull()); // unknown
        QCOMPARE(d28.value(QLatin1String("infection_grade3plus")).toBool(true), false);
        QVERIFY(d28.value(QLatin1String("died")).isNull());
        r = db({ QStringLiteral("follow-up"), QStringLiteral("1"), QStringLiteral("--show"),
            QStringLiteral("--history") });
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).array().size(), 2);
        r = db({ QStringLiteral("verify-audit") });
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    }

    void refusals_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("grade out of range") << QStringList { QStringLiteral("1"), QStringLiteral("--day"),
            QStringLiteral("28"), QStringLiteral("--crs-grade"), QStringLiteral("7") }
                                            << 1 << QStringLiteral("$.outcomes[0].crs.grade: 7 is not a grade");
        QTest::newRow("flag not yes/no/unknown") << QStringList { QStringLiteral("1"), QStringLiteral("--day"),
            QStringLiteral("28"), QStringLiteral("--died"), QStringLiteral("maybe") }
                                                 << 64 << QStringLiteral("--died must be yes, no or unknown");
        QTest::newRow("outcome without --day") << QStringList { QStringLiteral("1"), QStringLiteral("--crs-grade"),
            QStringLiteral("1") } << 64 << QStringLiteral("need --day");
        QTest::newRow("draft decision") << QStringList { QStringLiteral("3"), QStringLiteral("--status"),
            QStringLiteral("not-carried-out"), QStringLiteral("--reason"), QStringLiteral("no_slot") }
                                        << 1 << QStringLiteral("decision 3 is not finalised");
        QTest::newRow("no record to amend")
            << QStringList { QStringLiteral("2"), QStringLiteral("--reason"), QStringLiteral("no_slot") } << 64
            << QStringLiteral("give --status");
        QTest::newRow("reason not in the list") << QStringList { QStringLiteral("2"), QStringLiteral("--status"),
            QStringLiteral("not-carried-out"), QStringLiteral("--reason"), QStringLiteral("bored") }
                                                << 1 << QStringLiteral("$.reason: 'bored' is not one of");
    }

    void refusals()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const Run before = db({ QStringLiteral("follow-up"), QStringLiteral("1"), QStringLiteral("--show") });
        const Run r = db(QStringList { QStringLiteral("follow-up") } + args);
        QVERIFY2(r.exitCode == exitCode, qPrintable(r.describe()));
        QVERIFY2(r.err.contains(message), qPrintable(r.describe()));
        QVERIFY2(r.out.isEmpty(), qPrintable(r.describe()));
        const Run after = db({ QStringLiteral("follow-up"), QStringLiteral("1"), QStringLiteral("--show") });
        QCOMPARE(after.out, before.out); // nothing recorded
    }

    void recordFromJsonFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("record.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"format": "consilium-follow-up/1", "status": "not_carried_out", "reason": "patient_declined",
                    "reason_text": "prefers to wait", "colour": "red"})");
        f.close();
        Run r = db({ QStringLiteral("follow-up"), QStringLiteral("2"), QStringLiteral("--json"), path });
        QVERIFY2(r.exitCode == 2 && r.err.contains(QLatin1String("$.colour: unknown key")), qPrintable(r.describe()));
        r = db({ QStringLiteral("follow-up"), QStringLiteral("2"), QStringLiteral("--json"), path,
            QStringLiteral("--reason"), QStringLiteral("other") });
        QVERIFY2(
            r.exitCode == 64 && r.err.contains(QLatin1String("--reason cannot be combined")), qPrintable(r.describe()));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(R"({"status": "not_carried_out", "reason": "patient_declined", "reason_text": "prefers to wait"})");
        f.close();
        r = db({ QStringLiteral("follow-up"), QStringLiteral("2"), QStringLiteral("--json"), path });
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        r = db({ QStringLiteral("follow-up"), QStringLiteral("2"), QStringLiteral("--show") });
        const QJsonObject shown = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(shown.value(QLatin1String("status")).toString(), QStringLiteral("not_carried_out"));
        QCOMPARE(shown.value(QLatin1String("reason_text")).toString(), QStringLiteral("prefers to wait"));
    }

    // Decision 1 has its day 28 outcome (recordAmendAndShow); day 100 falls due on D + 100.
    // Decision 2 was deferred: nothing is due for it.
    void dueList()
    {
        Run r = db({ QStringLiteral("due"), QStringLiteral("--as-of"), iso(m_decided.addDays(99)) });
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.out.contains(QLatin1String("0 item(s) due as of")), qPrintable(r.describe()));
        r = db({ QStringLiteral("due"), QStringLiteral("--as-of"), iso(m_decided.addDays(101)),
            QStringLiteral("--format"), QStringLiteral("json") });
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QJsonObject due = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(due.value(QLatin1String("format")).toString(), QStringLiteral("consilium-due/1"));
        const QJsonArray items = due.value(QLatin1String("items")).toArray();
        QCOMPARE(items.size(), 1);
        const QJsonObject item = items.at(0).toObject();
        QCOMPARE(item.value(QLatin1String("decision_id")).toInt(), 1);
        QCOMPARE(item.value(QLatin1String("what")).toString(), QStringLiteral("day 100"));
        QCOMPARE(item.value(QLatin1String("due_on")).toString(), iso(m_decided.addDays(100)));
        QCOMPARE(item.value(QLatin1String("overdue")).toBool(), true);
        r = db({ QStringLiteral("due"), QStringLiteral("--as-of"), QStringLiteral("2026-13-01") });
        QCOMPARE(r.exitCode, 64);
    }

    void registryExtract()
    {
        const QString csv = m_dir.filePath(QStringLiteral("extract.csv"));
        Run r = db({ QStringLiteral("registry-extract"), QStringLiteral("-o"), csv });
        QVERIFY2(r.exitCode == 0 && r.out.isEmpty(), qPrintable(r.describe()));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().split('\n');
        QCOMPARE(lines.size(), 3); // header, decision 1 (decision 2 was not carried out), ""
        QVERIFY(lines[0].startsWith("case_id,decision_id,rule_pack,diagnosis,prior_lines,"));
        QVERIFY2(lines[1].startsWith("V01-sle-ln-si-units,1,"), lines[1].constData());
        r = db({ QStringLiteral("registry-extract"), QStringLiteral("--format"), QStringLiteral("json") });
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        const QJsonArray rows = QJsonDocument::fromJson(r.out.toUtf8()).object().value(QLatin1String("rows")).toArray();
        QCOMPARE(rows.size(), 1);
        const QJsonObject row = rows.at(0).toObject();
        QCOMPARE(row.value(QLatin1String("infusion_date")).toString(), iso(m_decided));
        QCOMPARE(row.value(QLatin1String("lymphodepletion")).toString(), QStringLiteral("Flu/Cy"));
        QCOMPARE(row.value(QLatin1String("d28_crs_grade")).toInt(), 2);
        QVERIFY(row.value(QLatin1String("d100_crs_grade")).isNull());
    }
};

QTEST_GUILESS_MAIN(TestCliFollowUp)
#include "tst_cli_followup.moc"
