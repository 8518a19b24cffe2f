// SPDX-License-Identifier: GPL-3.0-or-later
// Several writers on one database (issue 13, docs/store.md#concurrent-writers), on both engines:
// a save against a version that is no longer the latest is a Conflict that names who saved the
// newer one and writes nothing; finalising re-checks the stored decision inside its lock; a
// transient failure (deadlock, serialization) is retried a bounded number of times.
#include "StoreTestUtil.h"

#include "store/Decisions.h"
#include "store/SqlDialect.h"

#include <QSqlError>
#include <QTemporaryDir>

#include <thread>

using namespace consilium;
using namespace storetest;

class TestStoreConflicts : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;

    std::unique_ptr<CaseStore> fresh()
    {
        StoreError e;
        auto s = openStore(m_dir.filePath(QStringLiteral("db%1.sqlite").arg(++m_n)), e);
        if (!s)
            qWarning("%s", qPrintable(e.message));
        return s;
    }

    // The example case V01 with another label: a different document, so a new version.
    static QByteArray v01(const QString &label)
    {
        QByteArray bytes = example(QStringLiteral("V01-sle-ln-si-units"));
        bytes.replace("\"label\": \"", QStringLiteral("\"label\": \"%1 ").arg(label).toUtf8());
        return bytes;
    }

    static qint64 auditRows(CaseStore &s) { return s.audit().head()->id; }

    // A second writer on the same database, as another workstation: on SQLite the second
    // connection a writer may hand out (the lock file admits one writing process), on
    // PostgreSQL the same.
    static std::unique_ptr<CaseStore> second(CaseStore &first, const Actor &actor)
    {
        auto other = CaseStore::openCompanion(first.companion());
        if (!other)
            return nullptr;
        std::unique_ptr<CaseStore> s = std::move(other).value();
        s->setActor(actor);
        return s;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // The editor opened version 1; meanwhile Dr Weber saved version 2. Saving on top of
    // version 1 is refused with who and when, and nothing is written.
    void saveOnAnOutdatedVersionIsAConflict()
    {
        auto a = fresh();
        QVERIFY(a);
        const auto first = a->saveCase(v01(QStringLiteral("first")), RulePack::builtin(), 0);
        QVERIFY2(first, WHY(first));
        QCOMPARE(first.value().version, 1);
        auto b = second(*a, { QStringLiteral("weber"), QStringLiteral("Dr Weber") });
        QVERIFY(b);
        const auto byWeber = b->saveCase(v01(QStringLiteral("weber")), RulePack::builtin(), 1);
        QVERIFY2(byWeber, WHY(byWeber));
        QCOMPARE(byWeber.value().version, 2);
        const QString savedAt = a->latestVersion(QStringLiteral("V01-sle-ln-si-units")).value().createdAt;

        const qint64 rowsBefore = auditRows(*a);
        const auto mine = a->saveCase(v01(QStringLiteral("mine")), RulePack::builtin(), 1);
        QVERIFY(!mine);
        QCOMPARE(mine.error().code, StoreErrc::Conflict);
        const QString &m = mine.error().message;
        QVERIFY2(m.contains(QLatin1String("case V01-sle-ln-si-units")), qPrintable(m));
        // The account is the database login on PostgreSQL, whatever the caller says (issue 13).
        QVERIFY2(
            m.contains(QStringLiteral("Dr Weber (%1)").arg(onPostgres() ? expectedAccount() : QStringLiteral("weber"))),
            qPrintable(m));
        QVERIFY2(m.contains(savedAt), qPrintable(m));
        QVERIFY2(m.contains(QLatin1String("(version 2)")), qPrintable(m));
        QVERIFY2(m.contains(QLatin1String("since you opened version 1")), qPrintable(m));
        QCOMPARE(a->versions(QStringLiteral("V01-sle-ln-si-units")).value().size(), std::size_t(2));
        QCOMPARE(auditRows(*a), rowsBefore);
        QVERIFY(!a->inTransaction());

        // Opened afresh on version 2, the same edit lands as version 3.
        const auto again = a->saveCase(v01(QStringLiteral("mine")), RulePack::builtin(), 2);
        QVERIFY2(again, WHY(again));
        QCOMPARE(again.value().version, 3);
        b.reset();
    }

    // "New case" (0) while the case exists is a conflict too; no version given (the CLI's
    // import) keeps today's behaviour: the save is the next version.
    void newCaseAndNoVersionGiven()
    {
        auto a = fresh();
        QVERIFY(a);
        QVERIFY_STORE(a->saveCase(v01(QStringLiteral("one")), RulePack::builtin()));
        const auto asNew = a->saveCase(v01(QStringLiteral("two")), RulePack::builtin(), 0);
        QVERIFY(!asNew);
        QCOMPARE(asNew.error().code, StoreErrc::Conflict);
        QVERIFY2(asNew.error().message.contains(QLatin1String("since you started it as a new case")),
            qPrintable(asNew.error().message));
        const auto imported = a->saveCase(v01(QStringLiteral("two")), RulePack::builtin());
        QVERIFY2(imported, WHY(imported));
        QCOMPARE(imported.value().version, 2);
        // A version that never existed is a conflict as well (the editor is out of step).
        const auto ahead = a->saveCase(v01(QStringLiteral("three")), RulePack::builtin(), 5);
        QVERIFY(!ahead);
        QCOMPARE(ahead.error().code, StoreErrc::Conflict);
    }

    // Inside the caller's transaction a conflict writes nothing and leaves the transaction
    // usable: what the caller did before still commits.
    void conflictInsideATransactionWritesNothing()
    {
        auto a = fresh();
        QVERIFY(a);
        QVERIFY_STORE(a->saveCase(v01(QStringLiteral("one")), RulePack::builtin()));
        json::Document doc;
        json::Diagnostics diag;
        QVERIFY(json::parseStrict(v01(QStringLiteral("two")), doc, diag));
        WriteTransaction tx(*a);
        QVERIFY_STORE(tx.begun());
        QVERIFY_STORE(a->setSetting(QStringLiteral("test.key"), QStringLiteral("kept")));
        const auto refused = a->saveValidated(doc, 3);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, StoreErrc::Conflict);
        QVERIFY_STORE(tx.commit());
        QCOMPARE(a->setting(QStringLiteral("test.key")).value().value_or(QString()), QStringLiteral("kept"));
        QCOMPARE(a->versions(QStringLiteral("V01-sle-ln-si-units")).value().size(), std::size_t(1));
    }

    // Finalising decides on the decision as stored once its lock is had: a position that
    // another writer records while holding the decision (PostgreSQL: its row lock; SQLite:
    // the write lock) is seen, so the finalisation that started while a role was missing
    // succeeds after that writer commits.
    void finaliseRechecksInsideTheLock()
    {
        auto a = fresh();
        QVERIFY(a);
        QVERIFY_STORE(a->saveCase(example(QStringLiteral("V01-sle-ln-si-units")), RulePack::builtin()));
        Decisions decisions(*a);
        const auto conference = decisions.createConference(QStringLiteral("2026-12-01"), QStringLiteral("MDT"), {});
        QVERIFY2(conference, WHY(conference));
        const auto opened
            = decisions.open(conference.value(), QStringLiteral("V01-sle-ln-si-units"), RulePack::builtin());
        QVERIFY2(opened, WHY(opened));
        const qint64 id = opened.value();
        QVERIFY_STORE(decisions.setOutcome(id, {}, QStringLiteral("deferred for imaging")));
        Position rheum;
        rheum.participant = QStringLiteral("Dr Rheum");
        rheum.role = QStringLiteral("rheumatology");
        QVERIFY_STORE(decisions.recordPosition(id, rheum));
        QCOMPARE(decisions.decision(id).value().missingRoles(), QStringList { QStringLiteral("cellular_therapy") });

        RawConnection other(a->path());
        QVERIFY(other.exec(onPostgres() ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE")));
        if (onPostgres())
            QVERIFY(other.exec(QStringLiteral("SELECT id FROM decisions WHERE id = %1 FOR UPDATE").arg(id)));
        const WriterCompanion companion = a->companion();
        StoreResult<void> finalised = storeFailure(StoreErrc::Sql, QStringLiteral("not run"));
        std::thread finaliser([&companion, &finalised, id] {
            auto b = CaseStore::openCompanion(companion);
            if (!b) {
                finalised = b.error();
                return;
            }
            finalised = Decisions(*b.value()).finalise(id);
        });
        const std::unique_ptr<std::thread, void (*)(std::thread *)> joiner(&finaliser, [](std::thread *t) {
            if (t->joinable())
                t->join();
        });
        QTest::qWait(300); // the finaliser is (most likely) waiting for the lock now
        QVERIFY(other.exec(QStringLiteral("INSERT INTO decision_positions (decision_id, participant, role, position,"
                                          " reason, recorded_at, recorded_by) VALUES (%1, 'Dr Cell',"
                                          " 'cellular_therapy', 'agree', '', '2026-12-01T10:00:00.000Z', 'Dr Cell')")
                               .arg(id)));
        QVERIFY(other.exec(QStringLiteral("COMMIT")));
        finaliser.join();
        QVERIFY2(finalised, WHY(finalised));
        const Decision d = decisions.decision(id).value();
        QVERIFY(d.finalised);
        QCOMPARE(d.positions.size(), std::size_t(2));
        // Once final, a second finalisation is refused (exactly once).
        const auto twice = decisions.finalise(id);
        QVERIFY(!twice);
        QCOMPARE(twice.error().code, StoreErrc::Refused);
    }

    // The retry of CaseStore::retrying: a transient failure is run again, at most
    // kWriteAttempts times; other failures and nested transactions are not retried.
    void transientFailuresAreRetriedBoundedly()
    {
        auto a = fresh();
        QVERIFY(a);
        int calls = 0;
        const auto flaky = a->retrying([&]() -> StoreResult<int> {
            if (++calls < 3)
                return StoreError { StoreErrc::Sql, QStringLiteral("deadlock detected"), {}, true };
            return 42;
        });
        QVERIFY2(flaky, WHY(flaky));
        QCOMPARE(flaky.value(), 42);
        QCOMPARE(calls, 3);

        calls = 0;
        const auto always = a->retrying([&]() -> StoreResult<void> {
            ++calls;
            return StoreError { StoreErrc::Sql, QStringLiteral("deadlock detected"), {}, true };
        });
        QVERIFY(!always);
        QCOMPARE(calls, CaseStore::kWriteAttempts);

        calls = 0;
        const auto plain = a->retrying([&]() -> StoreResult<void> {
            ++calls;
            return storeFailure(StoreErrc::Refused, QStringLiteral("no"));
        });
        QVERIFY(!plain);
        QCOMPARE(calls, 1);

        calls = 0;
        WriteTransaction outer(*a);
        QVERIFY_STORE(outer.begun());
        const auto nested = a->retrying([&]() -> StoreResult<void> {
            ++calls;
            return StoreError { StoreErrc::Sql, QStringLiteral("deadlock detected"), {}, true };
        });
        QVERIFY(!nested);
        QCOMPARE(calls, 1); // the outermost transaction is the one that could be run again
    }

    // The codes each engine reports (PostgreSQL 15 manual, appendix A; SQLite result codes).
    void dialectClassifiesFailures()
    {
        using F = SqlDialect::Failure;
        const auto pg = SqlDialect::postgresql();
        auto err = [](const char *code, QSqlError::ErrorType type = QSqlError::StatementError) {
            return QSqlError(QStringLiteral("driver"), QStringLiteral("database"), type, QLatin1String(code));
        };
        QCOMPARE(pg->classify(err("40P01")), F::Transient);
        QCOMPARE(pg->classify(err("40001")), F::Transient);
        QCOMPARE(pg->classify(err("23505")), F::UniqueViolation);
        QCOMPARE(pg->classify(err("55P03")), F::LockTimeout);
        QCOMPARE(pg->classify(err("57P01")), F::ConnectionLost);
        QCOMPARE(pg->classify(err("08006")), F::ConnectionLost);
        QCOMPARE(pg->classify(err("", QSqlError::ConnectionError)), F::ConnectionLost);
        QCOMPARE(pg->classify(err("P0001")), F::Other); // a trigger's RAISE EXCEPTION
        const auto lite = SqlDialect::sqlite();
        QCOMPARE(lite->classify(err("5")), F::LockTimeout);
        QCOMPARE(lite->classify(QSqlError(QStringLiteral("UNIQUE constraint failed: cases.case_id"), {},
                     QSqlError::StatementError, QStringLiteral("2067"))),
            F::UniqueViolation);
        QCOMPARE(lite->classify(err("1")), F::Other);
    }
};

QTEST_GUILESS_MAIN(TestStoreConflicts)
#include "tst_store_conflicts.moc"
