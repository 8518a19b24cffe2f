// SPDX-License-Identifier: GPL-3.0-or-later
// Two workstations on one PostgreSQL database (issue 13, docs/store.md#live-refresh): a save in
// one window appears in the other's case list and open case; an open case with unsaved edits
// keeps them and says who saved what; a change made by another process (the CLI) shows too;
// the decision panel follows a decision opened elsewhere. Runs on the throw-away cluster of
// the pg_cluster fixture (CONSILIUM_TEST_PG_URI, tests/store/pg-cluster.sh).
#include "UiTestSupport.h"

#include "cases/CaseListModel.h"
#include "cases/CaseListPanel.h"
#include "editor/CaseDocument.h"
#include "editor/EditCommands.h"
#include "shell/CaseWorkspace.h"
#include "shell/MainWindow.h"
#include "store/StoreLocation.h"

#include <QMessageBox>

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUndoStack>

using namespace consilium;
using namespace consilium::test;

namespace {

// The test cluster (CONSILIUM_TEST_PG_URI, set by ctest).
PostgresTarget testCluster()
{
    const StoreLocation base = parseStoreLocation(qEnvironmentVariable("CONSILIUM_TEST_PG_URI"));
    if (!base.postgres)
        qFatal("CONSILIUM_TEST_PG_URI is not set to a postgresql:// location (run through ctest: %s)",
            qPrintable(base.error));
    return *base.postgres;
}

// Runs each statement on an administrator's connection to the test cluster; `required`: a
// statement that fails ends the test run.
void onCluster(const QStringList &statements, bool required = true)
{
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("admin"));
        applyPostgresTarget(admin, testCluster());
        if (!admin.open())
            qFatal("cannot reach the test cluster: %s", qPrintable(admin.lastError().text()));
        for (const QString &sql : statements) {
            QSqlQuery q(admin);
            if (!q.exec(sql) && required)
                qFatal("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        }
        admin.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("admin"));
}

// A new, empty database on the test cluster, as a postgresql:// location.
QString freshDatabase(const QString &name)
{
    onCluster({ QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(name) }, false);
    onCluster({ QStringLiteral("CREATE DATABASE %1").arg(name) });
    PostgresTarget target = testCluster();
    target.database = name;
    return target.uri();
}

// Drafts are kept per database location, and the location of a test database is the same in
// every run: a draft left by an earlier run would be offered again.
void clearDrafts()
{
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/drafts"))
        .removeRecursively();
}

// Ends every client connection to `database`, as a server restart would.
void terminateConnections(const QString &database)
{
    onCluster({ QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '%1'"
                               " AND pid <> pg_backend_pid()")
                    .arg(database) });
}

std::unique_ptr<Session> openOn(const QString &uri, const QString &name)
{
    Session::Options o;
    o.databasePath = uri;
    o.displayName = name;
    o.today = [] { return kToday; };
    StoreError error;
    std::unique_ptr<Session> s = Session::open(o, error);
    if (!s)
        qFatal("cannot open %s: %s", qPrintable(uri), qPrintable(error.message));
    return s;
}

QByteArray example(const QString &id)
{
    QFile f(QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/examples/%1.json").arg(id));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void setFact(CaseWorkspace &w, const QString &variable, const QString &value)
{
    FactEntry before = w.document()->fact(variable);
    FactEntry after = before;
    after.text = value;
    w.undoStack()->push(new SetFactCommand(w.document(), variable, before, after, variable));
}

void setCrp(CaseWorkspace &w, const QString &value)
{
    setFact(w, QStringLiteral("crp"), value);
}

} // namespace

class TestTeamLive : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aSaveInOneWindowAppearsInTheOther()
    {
        Env env;
        clearDrafts();
        const QString uri = freshDatabase(QStringLiteral("t_team_live"));
        MainWindow a(openOn(uri, QStringLiteral("Dr Weber")));
        MainWindow b(openOn(uri, QStringLiteral("Dr Sommer")));
        QVERIFY(a.session().isLive());
        QVERIFY(b.session().isLive());
        // A team database is never seeded with demonstration cases.
        QCOMPARE(DemoData::seedIfEmpty(a.session()), 0);
        a.show();
        b.show();
        QCOMPARE(b.caseList()->model()->rowCount(), 0);

        // Workstation A saves a case: B's list shows it without anyone reloading.
        QStringList problems;
        QCOMPARE(
            a.session().saveCase(example(QStringLiteral("V01-sle-ln-si-units")), problems).status, SaveStatus::Added);
        QTRY_COMPARE(b.caseList()->model()->rowCount(), 1);
        QCOMPARE(b.caseList()->model()->caseIdAt(0), QStringLiteral("V01-sle-ln-si-units"));

        // B has the case open without edits; A saves version 2: B shows version 2 and says who.
        QVERIFY(b.workspace()->openCase(QStringLiteral("V01-sle-ln-si-units")));
        QVERIFY(a.workspace()->openCase(QStringLiteral("V01-sle-ln-si-units")));
        setCrp(*a.workspace(), QStringLiteral("7"));
        QVERIFY(a.workspace()->save());
        QTRY_VERIFY(b.workspace()->headerText().contains(QStringLiteral("version 2")));
        QCOMPARE(b.workspace()->document()->fact(QStringLiteral("crp")).text, QStringLiteral("7"));
        QVERIFY2(b.workspace()->remoteNotice().contains(QStringLiteral("Dr Weber")),
            qPrintable(b.workspace()->remoteNotice()));
        QVERIFY(b.workspace()->remoteNotice().contains(QStringLiteral("it is shown now")));
        QVERIFY(a.workspace()->remoteNotice().isEmpty()); // its own save is no news to A

        // B edits; A saves version 3: B's edits stay, and B is told what happened.
        setCrp(*b.workspace(), QStringLiteral("12"));
        QVERIFY(b.workspace()->isModified());
        setCrp(*a.workspace(), QStringLiteral("9"));
        QVERIFY(a.workspace()->save());
        QTRY_VERIFY(b.workspace()->remoteNotice().contains(QStringLiteral("while you were editing version 2")));
        QVERIFY(b.workspace()->isModified());
        QCOMPARE(b.workspace()->document()->fact(QStringLiteral("crp")).text, QStringLiteral("12"));
        QVERIFY(b.workspace()->headerText().contains(QStringLiteral("version 2")));
    }

    // No lost update: B saves edits made on version 1 after A saved version 2. The save is
    // refused naming A, B sees what differs, re-applies the edits to version 2 and saves
    // version 3, which holds both A's and B's changes.
    void aConflictingSaveLosesNothing()
    {
        Env env;
        clearDrafts();
        const QString uri = freshDatabase(QStringLiteral("t_team_conflict"));
        MainWindow a(openOn(uri, QStringLiteral("Dr Weber")));
        MainWindow b(openOn(uri, QStringLiteral("Dr Sommer")));
        QStringList problems;
        QCOMPARE(
            a.session().saveCase(example(QStringLiteral("V01-sle-ln-si-units")), problems).status, SaveStatus::Added);
        const QString id = QStringLiteral("V01-sle-ln-si-units");
        QVERIFY(a.workspace()->openCase(id));
        QVERIFY(b.workspace()->openCase(id));
        const QString creatinine = a.workspace()->document()->fact(QStringLiteral("creatinine")).text;
        QVERIFY(creatinine != QStringLiteral("95"));
        setFact(*b.workspace(), QStringLiteral("crp"), QStringLiteral("12"));
        setFact(*a.workspace(), QStringLiteral("creatinine"), QStringLiteral("95"));
        QVERIFY(a.workspace()->save()); // version 2
        QCOMPARE(a.session().store().latestVersion(id).value().version, 2);

        Dialogs::setNextAnswer(QMessageBox::Yes); // re-apply
        QVERIFY(!b.workspace()->save());
        const QString asked = Dialogs::lastMessage();
        QVERIFY2(asked.contains(QStringLiteral("Dr Weber")) && asked.contains(QStringLiteral("(version 2)")),
            qPrintable(asked));
        QVERIFY2(asked.contains(QStringLiteral("yours 12")), qPrintable(asked)); // B's CRP
        QVERIFY2(asked.contains(QStringLiteral("version 2 has 95")), qPrintable(asked)); // A's creatinine
        QCOMPARE(a.session().store().latestVersion(id).value().version, 2); // nothing written
        // B now edits version 2 with its own change re-applied, unsaved.
        QVERIFY(b.workspace()->isModified());
        QVERIFY(b.workspace()->headerText().contains(QStringLiteral("version 2")));
        QCOMPARE(b.workspace()->document()->fact(QStringLiteral("crp")).text, QStringLiteral("12"));
        QCOMPARE(b.workspace()->document()->fact(QStringLiteral("creatinine")).text, QStringLiteral("95"));
        QVERIFY(b.workspace()->save());
        const auto v3 = a.session().store().latestVersion(id);
        QCOMPARE(v3.value().version, 3);
        QVERIFY(v3.value().content.contains("\"value\": 95") || v3.value().content.contains("\"value\":95"));

        // Declining keeps the edits and writes nothing.
        QTRY_VERIFY(a.workspace()->headerText().contains(QStringLiteral("version 3"))); // live refresh
        setFact(*b.workspace(), QStringLiteral("crp"), QStringLiteral("3"));
        setFact(*a.workspace(), QStringLiteral("crp"), QStringLiteral("4"));
        QVERIFY(a.workspace()->save()); // version 4, A was on version 3 (live refresh)
        Dialogs::setNextAnswer(QMessageBox::No);
        QVERIFY(!b.workspace()->save());
        QCOMPARE(b.workspace()->document()->fact(QStringLiteral("crp")).text, QStringLiteral("3"));
        QVERIFY(b.workspace()->isModified());
        QCOMPARE(a.session().store().latestVersion(id).value().version, 4);
    }

    // The server drops every connection (a restart, a network cut): each window says so, keeps
    // working on its drafts, reconnects, listens again, and sees the other's next save.
    void aLostConnectionIsShownAndRecovered()
    {
        Env env;
        clearDrafts();
        const QString uri = freshDatabase(QStringLiteral("t_team_lost"));
        MainWindow a(openOn(uri, QStringLiteral("Dr Weber")));
        MainWindow b(openOn(uri, QStringLiteral("Dr Sommer")));
        b.show();
        a.session().setConnectionCheckInterval(100);
        b.session().setConnectionCheckInterval(100);
        QSignalSpy aSpy(&a.session(), &Session::connectionChanged);
        QSignalSpy bSpy(&b.session(), &Session::connectionChanged);
        auto *banner = find<QLabel>(&b, QStringLiteral("connectionStatus"));
        QVERIFY(banner->isHidden());
        terminateConnections(QStringLiteral("t_team_lost"));
        QTRY_VERIFY_WITH_TIMEOUT(bSpy.count() >= 1, 10000);
        QCOMPARE(bSpy.at(0).at(0).toBool(), false);
        QVERIFY2(bSpy.at(0).at(1).toString().size() > 0, "the banner says why");
        QTRY_VERIFY_WITH_TIMEOUT(bSpy.count() >= 2 && aSpy.count() >= 2, 10000);
        QCOMPARE(bSpy.at(1).at(0).toBool(), true);
        QVERIFY(banner->isHidden());
        QVERIFY(b.session().isLive());
        // Listening again: A's save shows in B.
        QStringList problems;
        QCOMPARE(a.session().saveCase(example(QStringLiteral("V02-spec-example")), problems).status, SaveStatus::Added);
        QTRY_COMPARE(b.caseList()->model()->rowCount(), 1);
    }

    void anotherProcessAndDecisionsShowToo()
    {
        Env env;
        clearDrafts();
        const QString uri = freshDatabase(QStringLiteral("t_team_live_cli"));
        MainWindow b(openOn(uri, QStringLiteral("Dr Sommer")));
        b.show();
        // Another process (the CLI on another workstation) imports two cases.
        for (const QString &id : { QStringLiteral("V01-sle-ln-si-units"), QStringLiteral("V02-spec-example") }) {
            QProcess cli;
            cli.start(QStringLiteral(CONSILIUM_CLI_PATH),
                { QStringLiteral("db"), QStringLiteral("import"), QStringLiteral("--db"), uri,
                    QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/examples/%1.json").arg(id) });
            QVERIFY(cli.waitForFinished(60000));
            QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        }
        QTRY_COMPARE(b.caseList()->model()->rowCount(), 2);

        // A decision opened on workstation A shows in B's open case.
        QVERIFY(b.workspace()->openCase(QStringLiteral("V02-spec-example")));
        auto a = openOn(uri, QStringLiteral("Dr Weber"));
        const auto conference = a->decisions().createConference(QStringLiteral("2026-12-05"), QStringLiteral("Team"),
            { { QStringLiteral("Dr Weber"), QStringLiteral("rheumatology") } });
        QVERIFY(conference);
        const auto decision = a->decisions().open(conference.value(), QStringLiteral("V02-spec-example"), a->pack());
        QVERIFY(decision);
        auto *status = find<QLabel>(&b, QStringLiteral("decisionStatus"));
        QTRY_VERIFY2(status->text().contains(QStringLiteral("Draft decision #%1").arg(decision.value())),
            qPrintable(status->text()));
    }
};

QTEST_MAIN(TestTeamLive)
#include "tst_team_live.moc"
