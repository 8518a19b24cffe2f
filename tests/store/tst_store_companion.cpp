// SPDX-License-Identifier: GPL-3.0-or-later
// A second writing connection for a worker thread (docs/store.md#re-evaluation-in-the-background):
// only a writer hands one out; the worker's re-evaluation lands complete, audited in the one
// chain, and the writer goes on writing afterwards.
#include "StoreTestUtil.h"

#include "store/Evaluations.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <thread>

using namespace consilium;
using namespace storetest;

class TestStoreCompanion : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void onlyAWriterHandsOneOut()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("c.sqlite"));
        StoreError e;
        { // create it
            auto writer = openStore(path, e);
            QVERIFY2(writer, qPrintable(e.message));
            QVERIFY(!writer->companion().path().isEmpty());
        }
        auto reader = openStore(path, e, false);
        QVERIFY2(reader, qPrintable(e.message));
        const WriterCompanion none = reader->companion();
        QVERIFY(none.path().isEmpty());
        const auto refused = CaseStore::openCompanion(none);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, StoreErrc::Refused);
        // The re-evaluation says why it did nothing, and writes nothing.
        const ReevaluationSummary s = Evaluations::reevaluateAllAt(none, RulePack::builtin());
        QCOMPARE(s.evaluated, qint64(0));
        QCOMPARE(s.failures.size(), 1);
        QVERIFY(s.failures.first().contains(QStringLiteral("open for writing")));
    }

    void reevaluatesOnAWorkerThread()
    {
        QTemporaryDir dir;
        StoreError e;
        auto store = openStore(dir.filePath(QStringLiteral("c.sqlite")), e);
        QVERIFY2(store, qPrintable(e.message));
        const QStringList files = exampleFiles();
        QVERIFY(files.size() >= 10);
        for (const QString &f : files)
            QVERIFY(store->saveCase(readAll(f), RulePack::builtin()).value().status == SaveStatus::Added);

        const WriterCompanion companion = store->companion(); // on the writer's thread
        std::vector<std::pair<qint64, qint64>> steps;
        ReevaluationSummary summary;
        std::thread worker([&] {
            summary = Evaluations::reevaluateAllAt(
                companion, RulePack::builtin(),
                [&steps](qint64 done, qint64 total) { steps.emplace_back(done, total); }, nullptr, 4, 2);
        });
        worker.join();
        QVERIFY2(summary.failures.isEmpty(), qPrintable(summary.failures.join(QLatin1Char('\n'))));
        QCOMPARE(summary.evaluated, qint64(files.size()));
        QVERIFY(!steps.empty());
        QCOMPARE(steps.back(), (std::pair<qint64, qint64>(files.size(), files.size())));
        // The writer sees the worker's evaluations, and the audit chain is one chain.
        CaseFilter f;
        f.packSha256 = RulePack::builtin().sha256();
        f.readiness = Readiness::NotEvaluated;
        QCOMPARE(valueOr(store->countCases(f), qint64(-1)), qint64(0));
        QVERIFY(store->audit().verify(store->dialect()).intact);
        // It keeps writing afterwards, on the same chain.
        QVERIFY(store->begin());
        QVERIFY(store->audit(QStringLiteral("test.after"), QStringLiteral("test"), QStringLiteral("x"), {}, {}));
        QVERIFY(store->commit());
        const AuditVerification v = store->audit().verify(store->dialect());
        QVERIFY2(v.intact, qPrintable(v.problems.join(QLatin1Char('\n'))));
    }

    // PostgreSQL has no single writer: a second client that saves while another transaction
    // has appended to the audit chain waits for the audit lock (pg_advisory_xact_lock, taken
    // before the chain head is read; docs/store.md#postgresql) and then appends after that row:
    // one chain, no duplicate row id, nothing refused. A store's append is held back and sent
    // with its COMMIT (AuditLog::holdBackUntilCommit), so until then it holds no lock; reading
    // the log inside the transaction sends it, and from then on the lock is held.
    void concurrentWriterWaitsForTheAuditLock()
    {
        if (!onPostgres())
            QSKIP("PostgreSQL only: SQLite admits one writer (the lock file and BEGIN IMMEDIATE)");
        QTemporaryDir dir;
        StoreError e;
        auto first = openStore(dir.filePath(QStringLiteral("c.sqlite")), e);
        QVERIFY2(first, qPrintable(e.message));
        const QString db = first->path();
        const qint64 before = first->audit().head()->id;
        QVERIFY_STORE(first->begin());
        QVERIFY_STORE(first->audit(QStringLiteral("test.held"), QStringLiteral("test"), QStringLiteral("1"), {}, {}));
        RawConnection raw(db);
        // This database's advisory locks only: the other _pg tests run on the same cluster at once.
        const QString advisory
            = QStringLiteral("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database ="
                             " (SELECT oid FROM pg_database WHERE datname = current_database())");
        QCOMPARE(raw.scalar(advisory).toInt(), 0); // held back: not sent, no lock yet
        QCOMPARE(first->audit().head()->id, before + 1); // sent; the lock is held from here
        QCOMPARE(raw.scalar(advisory).toInt(), 1);

        QString secondError = QStringLiteral("not run");
        std::thread second([&db, &secondError] {
            StoreError openError;
            auto other = openStore(db, openError);
            if (!other) {
                secondError = openError.message;
                return;
            }
            const auto saved = other->saveCase(example(QStringLiteral("V01-sle-ln-si-units")), RulePack::builtin());
            secondError = saved ? QString() : saved.error().message;
        });
        // Joined on every way out (a failed check returns early); its wait ends with the
        // first transaction, or after the lock timeout (SqlDialect::configure).
        const std::unique_ptr<std::thread, void (*)(std::thread *)> joiner(&second, [](std::thread *t) {
            if (t->joinable())
                t->join();
        });
        // The second client is waiting for the audit lock the first one holds.
        QTRY_COMPARE_WITH_TIMEOUT(raw.scalar(advisory + QStringLiteral(" AND NOT granted")).toInt(), 1, 30000);
        QVERIFY_STORE(first->commit());
        second.join();
        QVERIFY2(secondError.isEmpty(), qPrintable(secondError));

        const AuditVerification v = first->audit().verify(first->dialect());
        QVERIFY2(v.intact, qPrintable(v.problems.join(QLatin1Char('\n'))));
        const std::vector<AuditEntry> rows = first->audit().entries(before + 1);
        QVERIFY(rows.size() >= 2);
        QCOMPARE(rows.front().action, QStringLiteral("test.held"));
        QCOMPARE(rows.front().id, before + 1);
        QCOMPARE(rows.back().action, QStringLiteral("case.version_added"));
        QCOMPARE(first->latestVersion(QStringLiteral("V01-sle-ln-si-units")).value().version, 1);
    }

    // A held-back audit row that the server refuses fails the commit it travels with: the
    // change is rolled back with it, the caller is told, and the store goes on working.
    void refusedAuditRowRollsTheChangeBack()
    {
        if (!onPostgres())
            QSKIP("PostgreSQL only: appends are held back until COMMIT there (AuditLog::holdBackUntilCommit)");
        QTemporaryDir dir;
        StoreError e;
        auto store = openStore(dir.filePath(QStringLiteral("c.sqlite")), e);
        QVERIFY2(store, qPrintable(e.message));
        RawConnection raw(store->path());
        QSqlQuery q(raw.db());
        QVERIFY2(q.exec(QStringLiteral("CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS"
                                       " $f$ BEGIN RAISE EXCEPTION 'audit row refused by the test'; END $f$")),
            qPrintable(q.lastError().text()));
        QVERIFY2(q.exec(QStringLiteral("CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW"
                                       " WHEN (NEW.object_id IN ('refused', 'V01-sle-ln-si-units'))"
                                       " EXECUTE FUNCTION refuse_audit()")),
            qPrintable(q.lastError().text()));
        const qint64 before = store->audit().head()->id;

        const auto refused = store->setSetting(QStringLiteral("refused"), QStringLiteral("value"));
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QLatin1String("audit row refused by the test")),
            qPrintable(refused.error().message));
        QVERIFY(!store->setting(QStringLiteral("refused")).value()); // the change went with it
        QCOMPARE(store->audit().head()->id, before);

        // A case's save, whose BEGIN went with its first statement (CaseStore::Begin): the case
        // row and its version were written in the transaction the refused row rolled back.
        const auto saved = store->saveCase(example(QStringLiteral("V01-sle-ln-si-units")), RulePack::builtin());
        QVERIFY(!saved);
        QVERIFY2(saved.error().message.contains(QLatin1String("audit row refused by the test")),
            qPrintable(saved.error().message));
        const auto summary = store->caseSummary(QStringLiteral("V01-sle-ln-si-units"));
        QVERIFY(!summary);
        QCOMPARE(summary.error().code, StoreErrc::NotFound);
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM case_versions")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QCOMPARE(store->audit().head()->id, before);

        QVERIFY_STORE(store->setSetting(QStringLiteral("accepted"), QStringLiteral("value")));
        QCOMPARE(store->setting(QStringLiteral("accepted")).value().value_or(QString()), QStringLiteral("value"));
        QCOMPARE(store->audit().head()->id, before + 1);
        const AuditVerification v = store->audit().verify(store->dialect());
        QVERIFY2(v.intact, qPrintable(v.problems.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(TestStoreCompanion)
#include "tst_store_companion.moc"
