// SPDX-License-Identifier: GPL-3.0-or-later
// Purge: the one explicit, confirmed and audited way to remove an archived case (issue 4).
#include "StoreTestUtil.h"

#include "store/Decisions.h"
#include "store/Evaluations.h"
#include "store/ImportExport.h"
#include "store/Replay.h"

#include <QFileInfo>
#include <QTemporaryDir>

#include <map>

using namespace consilium;
using namespace storetest;

namespace {

const QString kV01 = QStringLiteral("V01-sle-ln-si-units");
const QString kV06 = QStringLiteral("V06-aav-hiv-hbv");

qint64 count(const CaseStore &store, const QString &sql)
{
    QSqlQuery q(StoreConnection::of(store));
    return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
}

// name -> definition of every trigger.
std::map<QString, QString> triggers(const CaseStore &store)
{
    // Through the dialect (sqlite_master, pg_trigger), so the suite runs on both engines.
    std::map<QString, QString> out;
    const QSqlDatabase db = StoreConnection::of(store);
    for (const QString &name : store.dialect().triggerNames(db))
        out[name] = store.dialect().triggerDefinition(db, name);
    return out;
}

// Rows that belong to a case, table by table (all of them must go with a purge).
std::map<QString, qint64> rowsOf(const CaseStore &store, const QString &caseId)
{
    const QString ref = QStringLiteral("(SELECT id FROM cases WHERE case_id = '%1')").arg(caseId);
    const QString versions = QStringLiteral("(SELECT id FROM case_versions WHERE case_ref = %1)").arg(ref);
    const QString decisions = QStringLiteral("(SELECT id FROM decisions WHERE case_version_id IN %1)").arg(versions);
    std::map<QString, qint64> out;
    out[QStringLiteral("cases")]
        = count(store, QStringLiteral("SELECT count(*) FROM cases WHERE case_id = '%1'").arg(caseId));
    out[QStringLiteral("case_versions")]
        = count(store, QStringLiteral("SELECT count(*) FROM case_versions WHERE case_ref = %1").arg(ref));
    out[QStringLiteral("evaluations")]
        = count(store, QStringLiteral("SELECT count(*) FROM evaluations WHERE case_version_id IN %1").arg(versions));
    out[QStringLiteral("current_verdicts")]
        = count(store, QStringLiteral("SELECT count(*) FROM current_verdicts WHERE case_ref = %1").arg(ref));
    out[QStringLiteral("decisions")]
        = count(store, QStringLiteral("SELECT count(*) FROM decisions WHERE id IN %1").arg(decisions));
    for (const char *t : { "decision_roles", "decision_positions", "decision_overrides" })
        out[QLatin1String(t)] = count(
            store, QStringLiteral("SELECT count(*) FROM %1 WHERE decision_id IN %2").arg(QLatin1String(t), decisions));
    out[QStringLiteral("conference_cases")]
        = count(store, QStringLiteral("SELECT count(*) FROM conference_cases WHERE case_ref = %1").arg(ref));
    return out;
}

qint64 total(const std::map<QString, qint64> &rows)
{
    qint64 n = 0;
    for (const auto &[table, c] : rows)
        n += c;
    return n;
}

} // namespace

class TestStorePurge : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;

    std::unique_ptr<CaseStore> withExamples(const Clock &clock = {})
    {
        StoreOptions o = storeOptions(m_dir.filePath(QStringLiteral("p%1/consilium.sqlite").arg(++m_n)));
        o.clock = clock;
        auto s = CaseStore::open(o);
        if (!s) {
            qWarning("%s", qUtf8Printable(s.error().message));
            return nullptr;
        }
        if (const auto imported = importCases(*s.value(), examplesDir(), RulePack::builtin()); !imported) {
            qWarning("%s", qUtf8Printable(imported.error().message));
            return nullptr;
        }
        return std::move(s).value();
    }

    static qint64 conference(Decisions &d)
    {
        return valueOr(d.createConference(QStringLiteral("2026-12-01"), QStringLiteral("Cell therapy MDT"),
                           { { QStringLiteral("Dr Rheum"), QStringLiteral("rheumatology") } }),
            qint64(0));
    }

    // A finalised decision on `caseId` (roles rheumatology and cellular therapy suffice for V01).
    static StoreResult<qint64> finalDecision(Decisions &d, qint64 conf, const QString &caseId)
    {
        const auto id = d.open(conf, caseId, RulePack::builtin());
        if (!id)
            return id;
        StoreResult<void> done = d.setOutcome(id.value(), QString(), QStringLiteral("await echocardiography"));
        const auto decision = d.decision(id.value());
        if (done && !decision)
            done = decision.error();
        const QStringList roles = decision ? decision.value().requiredRoles : QStringList();
        for (const QString &role : roles) {
            if (done)
                done = d.recordPosition(id.value(), { QStringLiteral("Dr ") + role, role, Stance::Agree, {}, {} });
        }
        if (done)
            done = d.finalise(id.value());
        if (!done)
            return done.error();
        return id;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")), "the Qt SQLite driver is not installed");
        QVERIFY2(!sqlite3Path().isEmpty(), "the sqlite3 shell (Debian package sqlite3) is required");
        QVERIFY(m_dir.isValid());
    }

    void refusedUnlessArchivedAndConfirmed()
    {
        auto store = withExamples();
        QVERIFY(store);
        const auto rows = rowsOf(*store, kV01);
        const qint64 head = store->audit().head()->id;

        // Not archived: refused, and the error says what to do.
        const auto failed = store->purgeCase(kV01, kV01);
        QVERIFY(!failed);
        QCOMPARE(failed.error().code, StoreErrc::Refused);
        QVERIFY2(failed.error().message.contains(QLatin1String("not archived")), WHY(failed));

        // Archived, but the confirmation is not the case id typed again.
        QVERIFY(store->setArchived(kV01, true));
        const qint64 archivedHead = store->audit().head()->id;
        QCOMPARE(archivedHead, head + 1);
        const QStringList wrong { QString(), QStringLiteral("yes"), kV01.toUpper(), kV01 + QLatin1Char(' ') };
        for (const QString &confirmation : wrong) {
            const auto failed2 = store->purgeCase(kV01, confirmation);
            QVERIFY(!failed2);
            QCOMPARE(failed2.error().code, StoreErrc::Refused);
            QVERIFY2(failed2.error().message.contains(QLatin1String("confirmation")), WHY(failed2));
        }
        // Unknown case.
        const auto failed3 = store->purgeCase(QStringLiteral("no-such-case"), QStringLiteral("no-such-case"));
        QVERIFY(!failed3);
        QCOMPARE(failed3.error().code, StoreErrc::NotFound);

        // A read-only store cannot purge.
        {
            StoreError e;
            auto reader = openStore(store->path(), e, false);
            QVERIFY2(reader, qPrintable(e.message));
            const auto failed4 = reader->purgeCase(kV01, kV01);
            QVERIFY(!failed4);
            QCOMPARE(failed4.error().code, StoreErrc::Refused);
        }
        QCOMPARE(rowsOf(*store, kV01), rows);
        QCOMPARE(store->audit().head()->id, archivedHead);
    }

    void refusedWhileAFinalisedDecisionRestsOnIt()
    {
        auto store = withExamples();
        QVERIFY(store);
        Decisions decisions(*store);
        const qint64 conf = conference(decisions);
        const auto id = finalDecision(decisions, conf, kV01);
        QVERIFY2(id, WHY(id));
        // A correction (a draft) does not make it purgeable either.
        QVERIFY(decisions.correct(id.value()));
        QVERIFY(store->setArchived(kV01, true));
        const auto rows = rowsOf(*store, kV01);
        const qint64 head = store->audit().head()->id;

        const auto failed5 = store->purgeCase(kV01, kV01);
        QVERIFY(!failed5);
        QCOMPARE(failed5.error().code, StoreErrc::Refused);
        const QString message = failed5.error().message;
        QVERIFY2(message.contains(QStringLiteral("finalised decision(s) %1").arg(id.value())), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("replayable")), qPrintable(message));
        QCOMPARE(rowsOf(*store, kV01), rows);
        QCOMPARE(store->audit().head()->id, head);

        const auto replay = replayDecision(*store, id.value());
        QVERIFY2(replay, WHY(replay));
        QVERIFY(replay.value().identical);

        // The CLI says the same and exits 1 (SQLite only: the CLI refuses postgresql:// until
        // issue 13 is complete).
        if (onPostgres())
            return;
        const QString path = store->path();
        store.reset();
        const Run r = cli({ QStringLiteral("db"), QStringLiteral("purge"), kV01, QStringLiteral("--confirm"), kV01,
            QStringLiteral("--db"), path });
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("replayable"), r.err.constData());
    }

    void purgeRemovesEverythingAndIsAudited()
    {
        auto store = withExamples();
        QVERIFY(store);
        const RulePack &pack = RulePack::builtin();
        Evaluations evaluations(*store);
        QCOMPARE(evaluations.reevaluateAll(pack).evaluated, qint64(exampleFiles().size()));
        // A second version of V06, evaluated; a draft decision with a position and an override;
        // and a finalised decision on another case whose guards must survive the purge.
        QByteArray v2 = store->latestVersion(kV06).value().content;
        v2.replace("\"age_years\":41", "\"age_years\":42");
        QCOMPARE(store->saveCase(v2, pack).value().status, SaveStatus::Added);
        QVERIFY(evaluations.evaluateCase(kV06, pack));
        Decisions decisions(*store);
        const qint64 conf = conference(decisions);
        const auto draft = decisions.open(conf, kV06, pack);
        QVERIFY2(draft, WHY(draft));
        QVERIFY(decisions.recordPosition(
            draft.value(), { QStringLiteral("Dr Rheum"), QStringLiteral("rheumatology"), Stance::Agree, {}, {} }));
        QVERIFY(decisions.addOverride(
            draft.value(), QStringLiteral("AUTO-AGE-01"), QStringLiteral("other"), QStringLiteral("noted")));
        const auto final = finalDecision(decisions, conf, kV01);
        QVERIFY2(final, WHY(final));
        QVERIFY(store->setArchived(kV06, true));

        const auto before = rowsOf(*store, kV06);
        QCOMPARE(before.at(QStringLiteral("case_versions")), qint64(2));
        QCOMPARE(before.at(QStringLiteral("evaluations")), qint64(3)); // reevaluateAll, evaluateCase, the decision's
        QCOMPARE(before.at(QStringLiteral("decisions")), qint64(1));
        QVERIFY(before.at(QStringLiteral("decision_roles")) > 0);
        QCOMPARE(before.at(QStringLiteral("decision_positions")), qint64(1));
        QCOMPARE(before.at(QStringLiteral("decision_overrides")), qint64(1));
        QCOMPARE(before.at(QStringLiteral("conference_cases")), qint64(1));
        const auto triggersBefore = triggers(*store);
        const qint64 versionsBefore = count(*store, QStringLiteral("SELECT count(*) FROM case_versions"));
        const qint64 evaluationsBefore = count(*store, QStringLiteral("SELECT count(*) FROM evaluations"));
        const qint64 auditBefore = store->audit().head()->id;
        const QStringList othersBefore = [&] {
            QStringList ids = store->allCaseIds().value();
            ids.removeAll(kV06);
            return ids;
        }();
        const auto finalBefore = decisions.decision(final.value());

        const auto purged = store->purgeCase(kV06, kV06);
        QVERIFY2(purged, WHY(purged));
        QCOMPARE(purged.value().caseId, kV06);
        QCOMPARE(purged.value().versions, 2);
        QCOMPARE(purged.value().evaluations, 3);
        QCOMPARE(purged.value().draftDecisions, 1);
        QCOMPARE(purged.value().conferenceListings, 1);
        QCOMPARE(purged.value().contentSha256.size(), qsizetype(64));

        // Everything of the case is gone, and nothing else.
        QCOMPARE(total(rowsOf(*store, kV06)), qint64(0));
        QVERIFY(!store->caseSummary(kV06));
        QCOMPARE(store->allCaseIds().value(), othersBefore);
        QCOMPARE(count(*store, QStringLiteral("SELECT count(*) FROM case_versions")), versionsBefore - 2);
        QCOMPARE(count(*store, QStringLiteral("SELECT count(*) FROM evaluations")), evaluationsBefore - 3);
        QVERIFY(store->dialect().integrityProblems(StoreConnection::of(*store)).isEmpty());
        const auto finalAfter = decisions.decision(final.value());
        QVERIFY(finalAfter && finalAfter.value().finalised);
        QCOMPARE(finalAfter.value().resultJson, finalBefore.value().resultJson);
        QCOMPARE(decisions.conference(conf).value().caseIds, QStringList { kV01 });

        // One audit row, action "purge", before-hash = the hash of what was purged; the chain
        // still verifies.
        QCOMPARE(store->audit().head()->id, auditBefore + 1);
        QCOMPARE(purged.value().auditRow, auditBefore + 1);
        const AuditEntry row = store->audit().entries(auditBefore + 1).front();
        QCOMPARE(row.action, QStringLiteral("purge"));
        QCOMPARE(row.objectType, QStringLiteral("case"));
        QCOMPARE(row.objectId, kV06);
        QCOMPARE(row.beforeHash, purged.value().contentSha256);
        QCOMPARE(row.afterHash, QString());
        QCOMPARE(row.osUser, expectedAccount());
        QVERIFY2(row.detail.contains(QLatin1String("2 version(s), 3 evaluation(s), 1 draft decision(s)")),
            qPrintable(row.detail));
        const AuditVerification v = store->audit().verify(store->dialect());
        QVERIFY2(v.intact, qPrintable(v.problems.join(QLatin1Char('\n'))));
        QVERIFY(v.notes.isEmpty());

        // The guards are back, exactly as they were, and still refuse ad-hoc SQL.
        QCOMPARE(triggers(*store), triggersBefore);
        {
            RawConnection raw(store->path());
            QVERIFY(!raw.exec(QStringLiteral("DELETE FROM case_versions")));
            QVERIFY(!raw.exec(QStringLiteral("DELETE FROM evaluations")));
            QVERIFY(!raw.exec(QStringLiteral("UPDATE case_versions SET content = '{}'")));
            QVERIFY(!raw.exec(QStringLiteral("DELETE FROM decisions WHERE id = %1").arg(final.value())));
            QVERIFY(!raw.exec(QStringLiteral("UPDATE decisions SET rationale = 'x' WHERE id = %1").arg(final.value())));
            QVERIFY(
                !raw.exec(QStringLiteral("DELETE FROM decision_positions WHERE decision_id = %1").arg(final.value())));
            QVERIFY(!raw.exec(QStringLiteral("DELETE FROM audit_log WHERE id = %1").arg(purged.value().auditRow)));
            QVERIFY(!raw.exec(
                QStringLiteral("UPDATE audit_log SET detail = 'x' WHERE id = %1").arg(purged.value().auditRow)));
        }
        const Run byShell = shell(store->path(), QStringLiteral("DELETE FROM case_versions WHERE id = 1;"));
        QVERIFY(byShell.exitCode != 0);
        QVERIFY(byShell.err.contains("cannot be deleted"));

        // The replay of the other case's finalised decision is unaffected.
        const auto replay = replayDecision(*store, final.value());
        QVERIFY2(replay && replay.value().identical, WHY(replay));

        // The id is free again: importing the case now starts over at version 1.
        const auto again = store->saveCase(example(kV06), pack);
        QVERIFY2(again, WHY(again));
        QCOMPARE(again.value().status, SaveStatus::Added);
        QCOMPARE(again.value().version, 1);
    }

    void contentHashIsOverThePurgedRows()
    {
        // Same rows (same clock, actor and ids) give the same before-hash; one more version
        // changes it.
        const Clock fixed = [] { return QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC); };
        QString hashes[3];
        for (int i = 0; i < 3; ++i) {
            auto store = withExamples(fixed);
            QVERIFY(store);
            if (i == 2) {
                QByteArray v2 = store->latestVersion(kV01).value().content;
                v2.replace("\"label\":\"", "\"label\":\"edited ");
                QCOMPARE(store->saveCase(v2, RulePack::builtin()).value().status, SaveStatus::Added);
            }
            QVERIFY(store->setArchived(kV01, true));
            const auto p = store->purgeCase(kV01, kV01);
            QVERIFY2(p, WHY(p));
            hashes[i] = p.value().contentSha256;
        }
        QCOMPARE(hashes[0], hashes[1]);
        QVERIFY(hashes[2] != hashes[0]);
    }

    void failedPurgeChangesNothing()
    {
        auto store = withExamples();
        QVERIFY(store);
        QVERIFY(Evaluations(*store).evaluateCase(kV01, RulePack::builtin()));
        QVERIFY(store->setArchived(kV01, true));
        const auto rows = rowsOf(*store, kV01);
        const auto triggersBefore = triggers(*store);
        const qint64 head = store->audit().head()->id;
        // The last step of the purge fails: the whole transaction, trigger changes included,
        // rolls back.
        {
            RawConnection raw(store->path());
            QVERIFY(raw.execAll(blockingTrigger(QStringLiteral("DELETE"), QStringLiteral("cases"))));
        }
        const auto failed6 = store->purgeCase(kV01, kV01);
        QVERIFY(!failed6);
        QVERIFY2(failed6.error().message.contains(QLatin1String("blocked by the test")), WHY(failed6));
        QCOMPARE(rowsOf(*store, kV01), rows);
        QCOMPARE(store->audit().head()->id, head);
        auto withTest = triggersBefore;
        withTest[QStringLiteral("test_block")] = triggers(*store)[QStringLiteral("test_block")];
        QCOMPARE(triggers(*store), withTest);
        {
            RawConnection raw(store->path());
            QVERIFY(!raw.exec(QStringLiteral("DELETE FROM case_versions")));
            QVERIFY(raw.exec(dropBlockingTrigger(QStringLiteral("cases"))));
        }
        QVERIFY_STORE(store->purgeCase(kV01, kV01));
        QVERIFY(store->audit().verify(store->dialect()).intact);
    }

    void missingGuardRefusesThePurge()
    {
        auto store = withExamples();
        QVERIFY(store);
        QVERIFY(store->setArchived(kV01, true));
        const auto rows = rowsOf(*store, kV01);
        QCOMPARE(shell(store->path(),
                     store->dialect().dropTrigger(
                         QStringLiteral("case_versions_no_delete"), QStringLiteral("case_versions")))
                     .exitCode,
            0);
        const auto failed7 = store->purgeCase(kV01, kV01);
        QVERIFY(!failed7);
        QCOMPARE(failed7.error().code, StoreErrc::Refused);
        QVERIFY2(failed7.error().message.contains(QLatin1String("case_versions_no_delete")), WHY(failed7));
        QCOMPARE(rowsOf(*store, kV01), rows);
    }

    void purgeThroughCli()
    {
        const QString db = location(m_dir.filePath(QStringLiteral("cli-purge.sqlite")));
        auto run = [&db](QStringList args) {
            args << QStringLiteral("--db") << db;
            args.prepend(QStringLiteral("db"));
            return cli(args);
        };
        QCOMPARE(run({ QStringLiteral("import"), examplesDir() }).exitCode, 0);
        QCOMPARE(run({ QStringLiteral("evaluate"), QStringLiteral("--all") }).exitCode, 0);

        // Without a matching --confirm: a usage error, before the database is touched.
        Run r = run({ QStringLiteral("purge"), kV01 });
        QCOMPARE(r.exitCode, 64);
        QVERIFY2(r.err.contains("--confirm"), r.err.constData());
        r = run({ QStringLiteral("purge"), kV01, QStringLiteral("--confirm"), kV06 });
        QCOMPARE(r.exitCode, 64);
        QVERIFY2(r.err.contains("does not match"), r.err.constData());
        r = run({ QStringLiteral("purge"), kV01, QStringLiteral("--confirm") });
        QCOMPARE(r.exitCode, 64);
        // Not archived: refused.
        r = run({ QStringLiteral("purge"), kV01, QStringLiteral("--confirm"), kV01 });
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("not archived"), r.err.constData());
        QCOMPARE(run({ QStringLiteral("show"), kV01 }).exitCode, 0);

        QCOMPARE(run({ QStringLiteral("archive"), kV01 }).exitCode, 0);
        r = run({ QStringLiteral("purge"), kV01, QStringLiteral("--confirm"), kV01 });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("purged " + kV01.toUtf8() + ": 1 version(s), 1 evaluation(s)"), r.out.constData());
        QCOMPARE(run({ QStringLiteral("show"), kV01 }).exitCode, 1);
        r = run({ QStringLiteral("verify-audit") });
        QVERIFY2(r.exitCode == 0, r.out.constData());
        QCOMPARE(run({ QStringLiteral("purge"), kV01, QStringLiteral("--confirm"), kV01 }).exitCode, 1); // gone

        StoreError e;
        auto store = openStore(db, e, false);
        QVERIFY(store);
        const AuditEntry last = store->audit().entries(store->audit().head()->id).front();
        QCOMPARE(last.action, QStringLiteral("purge"));
        QCOMPARE(last.objectId, kV01);
        QCOMPARE(last.beforeHash.size(), qsizetype(64));
    }
};

QTEST_GUILESS_MAIN(TestStorePurge)
#include "tst_store_purge.moc"
