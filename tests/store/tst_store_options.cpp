// SPDX-License-Identifier: GPL-3.0-or-later
// Option verdicts in the store (issue 12, issue 15 "Screening"; docs/store.md#evaluations): the
// compact result keeps each option's verdict (a pack without options stores what it always
// stored), current_verdicts holds them under "option:<id>", and the case list filters and sorts
// by them; an evaluation stored before option verdicts were kept shows "not evaluated".
//
// The three cases are the 2026.2 vignette E01-sle-plt60 with platelets 60, 80 and missing, and
// nothing else changed. ALLO-329 in RESOLUTION replaces ALLO-HEM-02 (platelets >= 30) with
// OPT-ALLO329-HEM-01 (platelets >= 75) and E01 meets every other criterion of the option
// (its expected verdict is ineligible with OPT-ALLO329-HEM-01 alone deciding), so:
// 60 -> ineligible, 80 -> eligible, missing -> undetermined.
#include "E01Cases.h"
#include "StoreTestUtil.h"

#include "engine/CaseEvaluation.h"
#include "store/CompactResult.h"
#include "store/Evaluations.h"
#include "store/Migrations.h"
#include "store/SqlRows.h"
#include "store/StoreFile.h"
#include "store/TransactionWorker.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>

using namespace consilium;
using namespace storetest;

namespace {

const QString kResolution = QStringLiteral("allo-allo-329-resolution");

std::unique_ptr<RulePack> pack2026_1()
{
    QFile f(QStringLiteral(":/packs/consilium-reference-2026.1.json"));
    if (!f.open(QIODevice::ReadOnly))
        return nullptr;
    json::Diagnostics diag;
    return RulePack::load(f.readAll(), diag);
}

QStringList idsOf(const std::vector<CaseSummary> &rows)
{
    QStringList out;
    for (const CaseSummary &r : rows)
        out << r.caseId;
    return out;
}

} // namespace

class TestStoreOptions : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_n = 0;

    // A new store with the three platelet cases, evaluated under the built-in pack (2026.2) or not.
    std::unique_ptr<CaseStore> plateletStore(bool evaluate = true)
    {
        StoreError e;
        auto s = openStore(m_dir.filePath(QStringLiteral("db%1.sqlite").arg(++m_n)), e);
        if (!s)
            return nullptr;
        for (const auto &[id, platelets] :
            { std::pair { "PLT-060", 60 }, std::pair { "PLT-080", 80 }, std::pair { "PLT-MISSING", -1 } }) {
            const auto saved = s->saveCase(e01With(QLatin1String(id), platelets), RulePack::builtin());
            if (!saved || (evaluate && !Evaluations(*s).evaluateCase(QLatin1String(id), RulePack::builtin())))
                return nullptr;
        }
        return s;
    }

    // PostgreSQL: runs `first` in a transaction on a connection of its own and keeps it open,
    // then `second` on another; once the second is seen waiting for a lock (pg_stat_activity),
    // commits the first, then the second. Failures are the calling test's.
    static void oneWaitsForTheOther(
        CaseStore &s, const TransactionWorker::Work &first, const TransactionWorker::Work &second)
    {
        // Destroyed in reverse: `one` first, so that a failure below never leaves `other`
        // waiting for a lock that only `one` can let go of.
        TransactionWorker other(s.companion());
        TransactionWorker one(s.companion());
        QVERIFY_STORE(one.opened());
        QVERIFY_STORE(other.opened());
        one.start(first);
        QVERIFY_STORE(one.awaitWork());
        other.start(second);
        QSqlQuery q(StoreConnection::of(s));
        const QString waiting = QStringLiteral("SELECT count(*) FROM pg_stat_activity"
                                               " WHERE datname = current_database() AND wait_event_type = 'Lock'");
        QVERIFY(QTest::qWaitFor([&] { return q.exec(waiting) && q.next() && q.value(0).toInt() == 1; }, 10000));
        QVERIFY_STORE(one.finish(true));
        QVERIFY_STORE(other.awaitWork());
        QVERIFY_STORE(other.finish(true));
    }

    static CaseFilter optionFilter(const QString &verdict)
    {
        CaseFilter f;
        f.packSha256 = RulePack::builtin().sha256();
        f.verdictGroup = optionGroupKey(kResolution);
        f.verdict = verdict;
        return f;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(!RulePack::builtin().options().empty()); // the built-in pack is 2026.2
    }

    // The compact result of a pack with options carries every option's verdict; that of 2026.1
    // has exactly the keys it always had, in the same order.
    void compactResult()
    {
        auto s = plateletStore();
        QVERIFY(s);
        const auto evals = Evaluations(*s).evaluationsOf(QStringLiteral("PLT-080"));
        QVERIFY_STORE(evals);
        QCOMPARE(evals.value().size(), std::size_t(1));
        const CompactResult &r = evals.value().front().result;
        QCOMPARE(r.options.size(), RulePack::builtin().options().size());
        QCOMPARE(r.options.at(kResolution), QStringLiteral("eligible"));
        QCOMPARE(r.verdicts.at(QStringLiteral("allogeneic_car_t")), QStringLiteral("eligible"));
        const QByteArray json = r.toJson();
        QVERIFY(json.contains("\"options\":{"));
        QCOMPARE(CompactResult::fromJson(json).value().toJson(), json);

        const auto old = pack2026_1();
        QVERIFY(old);
        QVERIFY(old->options().empty());
        QVERIFY_STORE(s->saveCase(example(QStringLiteral("V02-spec-example")), *old));
        const auto underOld = Evaluations(*s).evaluateCase(QStringLiteral("V02-spec-example"), *old);
        QVERIFY_STORE(underOld);
        QVERIFY(underOld.value().result.options.empty());
        const QByteArray oldJson = underOld.value().result.toJson();
        QVERIFY2(oldJson.startsWith("{\"verdicts\":{") && !oldJson.contains("\"options\""), oldJson.constData());
        const qsizetype states = oldJson.indexOf("},\"states\":\"");
        const qsizetype derived = oldJson.indexOf(",\"derived\":{");
        const qsizetype earliest = oldJson.indexOf("},\"earliest_start\":{");
        QVERIFY(states > 0 && derived > states && earliest > derived);
        // 2026.1 has no option rows in current_verdicts.
        CaseFilter f;
        f.packSha256 = old->sha256();
        const auto rows = s->findCases(f);
        QVERIFY_STORE(rows);
        QCOMPARE(rows.value().size(), std::size_t(4));
        for (const CaseSummary &c : rows.value()) {
            QCOMPARE(c.verdicts.empty(), c.caseId != QLatin1String("V02-spec-example"));
            QVERIFY(c.optionVerdicts.empty());
        }
    }

    // "Everyone who could enter RESOLUTION", and who is one value away from it.
    void filterByOptionVerdict()
    {
        auto s = plateletStore();
        QVERIFY(s);
        const std::pair<const char *, const char *> expected[]
            = { { "eligible", "PLT-080" }, { "undetermined", "PLT-MISSING" }, { "ineligible", "PLT-060" } };
        for (const auto &[verdict, id] : expected) {
            const auto page = s->queryCases(optionFilter(QLatin1String(verdict)));
            QVERIFY_STORE(page);
            QCOMPARE(page.value().total, qint64(1));
            QCOMPARE(idsOf(page.value().rows), QStringList { QLatin1String(id) });
            QCOMPARE(page.value().rows.front().optionVerdicts.at(kResolution), QLatin1String(verdict));
        }
        QCOMPARE(s->queryCases(optionFilter(QStringLiteral("eligible_with_cautions"))).value().total, qint64(0));
        // The generic arm says eligible at 60 and 80 (ALLO-HEM-02 requires >= 30).
        CaseFilter arm;
        arm.packSha256 = RulePack::builtin().sha256();
        arm.verdictGroup = QStringLiteral("allogeneic_car_t");
        arm.verdict = QStringLiteral("eligible");
        const auto armRows = s->findCases(arm);
        QVERIFY_STORE(armRows);
        QCOMPARE(idsOf(armRows.value()), (QStringList { QStringLiteral("PLT-060"), QStringLiteral("PLT-080") }));
        // The option's key cannot be taken for an arm's: the option's verdicts are not in `verdicts`.
        for (const CaseSummary &c : armRows.value()) {
            QVERIFY(!c.verdicts.count(kResolution) && !c.verdicts.count(optionGroupKey(kResolution)));
            QCOMPARE(c.verdicts.size(), std::size_t(kArmCount + 1)); // the arms and standard_care/ahsct
        }
    }

    // Schema v5 (Migrations.cpp): the verdict filters' index carries case_ref, so a filter reads
    // the matching cases from the index alone; it replaces the index without it. Schema v6 keys
    // it by the integer group id.
    void verdictIndexCoversTheCase()
    {
        auto s = plateletStore();
        QVERIFY(s);
        const QString sql = storetest::onPostgres()
            ? QStringLiteral(
                "SELECT indexname AS name, indexdef AS sql FROM pg_indexes WHERE tablename = 'current_verdicts'")
            : QStringLiteral(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'current_verdicts'");
        QSqlQuery q(StoreConnection::of(*s));
        QVERIFY2(q.exec(sql), qPrintable(q.lastError().text()));
        QMap<QString, QString> indexes;
        while (q.next())
            indexes.insert(q.value(0).toString(), q.value(1).toString().simplified());
        QVERIFY2(indexes.contains(QStringLiteral("current_verdicts_by_verdict_case")),
            qPrintable(QStringList(indexes.keys()).join(QStringLiteral(", "))));
        QVERIFY2(indexes.value(QStringLiteral("current_verdicts_by_verdict_case"))
                     .contains(QStringLiteral("(pack_ref, group_ref, verdict, case_ref)")),
            qPrintable(indexes.value(QStringLiteral("current_verdicts_by_verdict_case"))));
        QVERIFY(!indexes.contains(QStringLiteral("current_verdicts_by_verdict")));
    }

    // Schema v6 (Migrations.cpp) on a database that v5 built, on both engines: the current
    // verdicts move to integer group ids, and every filter answers what it answered on the text
    // keys the v5 rows hold (C1: allogeneic eligible, standard care eligible, option x
    // undetermined; C2: allogeneic ineligible, standard care undetermined).
    void migratesVerdictsToGroupIds()
    {
        const QString path = location(m_dir.filePath(QStringLiteral("v5/consilium.sqlite")));
        QVERIFY(onPostgres() || QDir().mkpath(QFileInfo(path).absolutePath()));
        const auto dialect = onPostgres() ? SqlDialect::postgresql() : SqlDialect::sqlite();
        {
            RawConnection raw(path);
            QSqlDatabase db = raw.db();
            const QString built = raw.buildSchemaAt(*dialect, 5);
            QVERIFY2(built.isEmpty(), qPrintable(built));
            const QString at = QStringLiteral("'2025-01-01T00:00:00.000Z'");
            QStringList sql {
                QStringLiteral("INSERT INTO cases (id, case_id, disease, created_at, updated_at, latest_version_id)"
                               " VALUES (1, 'C1', 'SLE', %1, %1, 1), (2, 'C2', 'SSc', %1, %1, 2)"),
                QStringLiteral("INSERT INTO case_versions (id, case_ref, version, created_at, created_by, content,"
                               " content_sha256) VALUES (1, 1, 1, %1, 'u', '{}', 'x'), (2, 2, 1, %1, 'u', '{}', 'y')"),
                QStringLiteral("INSERT INTO rule_packs (id, sha256, pack_id, pack_version, content, stored_at)"
                               " VALUES (1, 'abc', 'p', '1', '{}', %1)"),
                QStringLiteral("INSERT INTO evaluations (id, case_version_id, pack_ref, engine_version, evaluated_at,"
                               " compact) VALUES (1, 1, 1, 'e', %1, '{}'), (2, 2, 1, 'e', %1, '{}')"),
                QStringLiteral(
                    "INSERT INTO current_verdicts (case_ref, pack_ref, group_key, verdict, evaluation_id)"
                    " VALUES (1, 1, 'allogeneic_car_t', 'eligible', 1), (1, 1, 'standard_care', 'eligible', 1),"
                    " (1, 1, 'option:x', 'undetermined', 1), (2, 1, 'allogeneic_car_t', 'ineligible', 2),"
                    " (2, 1, 'standard_care', 'undetermined', 2)"),
            };
            for (const QString &statement : sql) {
                QSqlQuery q(db);
                QVERIFY2(q.exec(statement.arg(at)), qPrintable(q.lastError().text()));
            }
        }
        StoreError e;
        auto s = openStore(path, e);
        QVERIFY2(s, qPrintable(e.message));
        QCOMPARE(s->schemaVersion().value(), 8);
        // v8: on PostgreSQL the verdict rows no longer have a foreign key to cases (the statement
        // that writes them locks the cases instead); SQLite keeps it.
        {
            QSqlQuery keys(StoreConnection::of(*s));
            QVERIFY(keys.exec(onPostgres()
                    ? QStringLiteral("SELECT count(*) FROM pg_constraint WHERE conrelid = 'current_verdicts'::regclass"
                                     " AND contype = 'f'")
                    : QStringLiteral("SELECT count(*) FROM pragma_foreign_key_list('current_verdicts')")));
            QVERIFY(keys.next());
            QCOMPARE(keys.value(0).toInt(), onPostgres() ? 0 : 1);
        }
        auto ids = [&s](const QString &group, const QString &verdict, const QString &disease = {}) {
            CaseFilter f;
            f.packSha256 = QStringLiteral("abc");
            f.verdictGroup = group;
            f.verdict = verdict;
            f.disease = disease;
            return idsOf(s->findCases(f).value());
        };
        QCOMPARE(
            ids(QStringLiteral("allogeneic_car_t"), QStringLiteral("eligible")), QStringList { QStringLiteral("C1") });
        QCOMPARE(ids(QStringLiteral("allogeneic_car_t"), QStringLiteral("ineligible")),
            QStringList { QStringLiteral("C2") });
        QCOMPARE(ids(optionGroupKey(QStringLiteral("x")), QStringLiteral("undetermined")),
            QStringList { QStringLiteral("C1") });
        QCOMPARE(ids(QStringLiteral("standard_care"), QStringLiteral("undetermined"), QStringLiteral("SSc")),
            QStringList { QStringLiteral("C2") });
        QCOMPARE(
            ids(QStringLiteral("standard_care"), QStringLiteral("undetermined"), QStringLiteral("SLE")), QStringList());
        QCOMPARE(ids(QStringLiteral("no_such_group"), QStringLiteral("eligible")), QStringList());
        CaseFilter all;
        all.packSha256 = QStringLiteral("abc");
        const auto rows = s->findCases(all);
        QVERIFY_STORE(rows);
        QCOMPARE(idsOf(rows.value()), (QStringList { QStringLiteral("C1"), QStringLiteral("C2") }));
        const CaseSummary &c1 = rows.value().front();
        QCOMPARE(c1.verdicts.size(), std::size_t(2));
        QCOMPARE(c1.verdicts.at(QStringLiteral("standard_care")), QStringLiteral("eligible"));
        QCOMPARE(c1.optionVerdicts.size(), std::size_t(1));
        QCOMPARE(c1.optionVerdicts.at(QStringLiteral("x")), QStringLiteral("undetermined"));
        all.readiness = Readiness::Gaps;
        QCOMPARE(idsOf(s->findCases(all).value()), QStringList { QStringLiteral("C2") });
        all.readiness = Readiness::Ready;
        QCOMPARE(idsOf(s->findCases(all).value()), QStringList { QStringLiteral("C1") });
        all.sort = CaseSort::Verdict;
        all.sortGroup = QStringLiteral("allogeneic_car_t");
        all.readiness = Readiness::Any;
        all.descending = true;
        QCOMPARE(idsOf(s->findCases(all).value()), (QStringList { QStringLiteral("C2"), QStringLiteral("C1") }));
    }

    // Re-evaluating writes a current verdict only when it differs from the stored one
    // (Evaluations.cpp): a stale row is corrected, the others stay, no row is added or lost.
    void reevaluationCorrectsAStaleVerdict()
    {
        auto s = plateletStore();
        QVERIFY(s);
        QSqlDatabase db = StoreConnection::of(*s);
        const QString count = QStringLiteral("SELECT count(*) FROM current_verdicts");
        QSqlQuery q(db);
        QVERIFY(q.exec(count) && q.next());
        const qint64 rowsBefore = q.value(0).toLongLong();
        QVERIFY2(q.exec(QStringLiteral("UPDATE current_verdicts SET verdict = 'ineligible' WHERE group_ref ="
                                       " (SELECT id FROM verdict_groups WHERE group_key = '%1')")
                            .arg(optionGroupKey(kResolution))),
            qPrintable(q.lastError().text()));
        QCOMPARE(idsOf(s->findCases(optionFilter(QStringLiteral("eligible"))).value()), QStringList());
        // PostgreSQL: each row's version (xmin) and lock (xmax), to show below that only the
        // corrected rows were written and the others not even locked.
        const QString versions
            = QStringLiteral("SELECT case_ref || '/' || group_ref, xmin::text, xmax::text FROM current_verdicts");
        QHash<QString, QString> xminBefore;
        if (storetest::onPostgres()) {
            QVERIFY(q.exec(versions));
            while (q.next())
                xminBefore.insert(q.value(0).toString(), q.value(1).toString());
        }
        const ReevaluationSummary r = Evaluations(*s).reevaluateAll(RulePack::builtin());
        QVERIFY2(r.failures.isEmpty(), qPrintable(r.failures.join(QLatin1Char('\n'))));
        QCOMPARE(r.evaluated, qint64(3));
        QCOMPARE(idsOf(s->findCases(optionFilter(QStringLiteral("eligible"))).value()),
            QStringList { QStringLiteral("PLT-080") });
        QCOMPARE(idsOf(s->findCases(optionFilter(QStringLiteral("undetermined"))).value()),
            QStringList { QStringLiteral("PLT-MISSING") });
        QVERIFY(q.exec(count) && q.next());
        QCOMPARE(q.value(0).toLongLong(), rowsBefore);
        if (storetest::onPostgres()) {
            QVERIFY(q.exec(versions));
            QStringList rewritten;
            while (q.next()) {
                if (xminBefore.value(q.value(0).toString()) != q.value(1).toString())
                    rewritten << q.value(0).toString();
                else // neither written nor locked by the re-evaluation
                    QCOMPARE(q.value(2).toString(), QStringLiteral("0"));
            }
            QCOMPARE(rewritten.size(), 2); // PLT-080 back to eligible, PLT-MISSING to undetermined
        }
    }

    // A case saved again while a re-evaluation runs keeps no verdicts of the version the
    // re-evaluation had read: its evaluation of that version is stored (it is a true record),
    // but the version now current is shown as not evaluated (Evaluations.cpp, the `latest`
    // lock on PostgreSQL, stillLatest on SQLite). Batches of one case; when the first is
    // stored, the next one to be stored has already been read and evaluated: on SQLite the
    // second case (read ahead), on PostgreSQL the third (the second is in its writer's open
    // transaction, its case locked; the third is ready for the writer that just finished).
    void versionSavedDuringReevaluationGetsNoStaleVerdicts()
    {
        auto s = plateletStore(false);
        QVERIFY(s);
        const QString changed = onPostgres() ? QStringLiteral("PLT-MISSING") : QStringLiteral("PLT-080");
        bool saved = false;
        const ReevaluationSummary r = Evaluations(*s).reevaluateAll(
            RulePack::builtin(),
            [&](qint64 done, qint64) {
                if (done == 1)
                    saved = s->saveCase(e01With(changed, 150), RulePack::builtin()).value().status == SaveStatus::Added;
            },
            nullptr, 1, 1);
        QVERIFY(saved);
        QVERIFY2(r.failures.isEmpty(), qPrintable(r.failures.join(QLatin1Char('\n'))));
        QCOMPARE(r.evaluated, qint64(3));
        CaseFilter notEvaluated;
        notEvaluated.packSha256 = RulePack::builtin().sha256();
        notEvaluated.readiness = Readiness::NotEvaluated;
        QCOMPARE(idsOf(s->findCases(notEvaluated).value()), QStringList { changed });
        const auto evaluations = Evaluations(*s).evaluationsOf(changed);
        QVERIFY_STORE(evaluations);
        QCOMPARE(evaluations.value().size(), std::size_t(1)); // of version 1
        QCOMPARE(evaluations.value().front().version, 1);
        QCOMPARE(s->latestVersion(changed).value().version, 2);
    }

    // Two connections storing the verdicts of one case under one pack at the same time
    // (PostgreSQL): the second waits for the first's lock on the case, then sees its rows and
    // leaves them as they are. Without the lock the second would insert the same keys anew
    // (a case with no verdicts under the pack gets a plain INSERT) and fail on the first's.
    void concurrentEvaluationsOfOneCaseWaitForEachOther()
    {
        if (!storetest::onPostgres())
            QSKIP("two writing connections at once are PostgreSQL's (SQLite has one writer)");
        auto s = plateletStore(false);
        QVERIFY(s);
        // The pack and its verdict groups stored, so that the second can wait only for the case.
        QVERIFY_STORE(Evaluations(*s).evaluateCase(QStringLiteral("PLT-060"), RulePack::builtin()));
        const QString id = QStringLiteral("PLT-080");
        auto evaluate = [&id](CaseStore &store) -> StoreResult<void> {
            const auto e = Evaluations(store).evaluateCase(id, RulePack::builtin());
            if (!e)
                return e.error();
            return storeSuccess();
        };
        oneWaitsForTheOther(*s, evaluate, evaluate); // the first's transaction holds the case
        if (QTest::currentTestFailed())
            return;
        QSqlQuery q(StoreConnection::of(*s));
        QCOMPARE(Evaluations(*s).evaluationsOf(id).value().size(), std::size_t(2));
        QVERIFY(q.exec(QStringLiteral("SELECT count(*), count(DISTINCT group_ref) FROM current_verdicts v"
                                      " JOIN cases c ON c.id = v.case_ref WHERE c.case_id = '%1'")
                           .arg(id)));
        QVERIFY(q.next());
        QVERIFY(q.value(0).toInt() > 0);
        QCOMPARE(q.value(0).toInt(), q.value(1).toInt()); // one row per group
        QCOMPARE(idsOf(s->findCases(optionFilter(QStringLiteral("eligible"))).value()), QStringList { id });
    }

    // Two connections storing one new pack at the same time (PostgreSQL; two workstations that
    // activate it): the second waits for the first's row, then uses it; one row, one audit entry.
    void concurrentStoresOfOnePackWaitForEachOther()
    {
        if (!storetest::onPostgres())
            QSKIP("two writing connections at once are PostgreSQL's (SQLite has one writer)");
        auto s = plateletStore(false);
        QVERIFY(s);
        qint64 refs[2] = { 0, 0 };
        auto storeInto = [](qint64 &ref) {
            return [&ref](CaseStore &store) -> StoreResult<void> {
                const auto stored = store.storePack(RulePack::builtin());
                if (!stored)
                    return stored.error();
                ref = stored.value();
                return storeSuccess();
            };
        };
        oneWaitsForTheOther(*s, storeInto(refs[0]), storeInto(refs[1]));
        if (QTest::currentTestFailed())
            return;
        QSqlQuery q(StoreConnection::of(*s));
        QVERIFY(refs[0] > 0);
        QCOMPARE(refs[1], refs[0]);
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'rule_pack.stored'")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
    }

    // A batch that cannot be stored ends the re-evaluation: the batches before it are stored,
    // it and every batch after it are not, even one another connection had already written
    // (PostgreSQL stores batches on two connections at once and commits them in order;
    // docs/store.md#performance-on-postgresql). The audit chain holds one row per stored batch.
    void failedBatchStopsTheReevaluationInOrder()
    {
        auto s = plateletStore(false);
        QVERIFY(s);
        QSqlQuery q(StoreConnection::of(*s));
        const qint64 refused = s->latestVersion(QStringLiteral("PLT-080")).value().id;
        const QStringList plant = onPostgres()
            ? QStringList {
                  QStringLiteral("CREATE FUNCTION planted_refusal() RETURNS trigger LANGUAGE plpgsql AS"
                                 " $$ BEGIN RAISE EXCEPTION 'planted refusal'; END $$"),
                  QStringLiteral("CREATE TRIGGER planted BEFORE INSERT ON evaluations FOR EACH ROW"
                                 " WHEN (NEW.case_version_id = %1) EXECUTE FUNCTION planted_refusal()")
                      .arg(refused),
              }
            : QStringList { QStringLiteral("CREATE TRIGGER planted BEFORE INSERT ON evaluations"
                                           " WHEN NEW.case_version_id = %1 BEGIN SELECT RAISE(ABORT, 'planted refusal');"
                                           " END")
                                .arg(refused) };
        for (const QString &sql : plant)
            QVERIFY2(q.exec(sql), qPrintable(q.lastError().text()));
        const qint64 auditBefore = s->audit().head().value().id;
        std::vector<qint64> steps;
        const ReevaluationSummary r = Evaluations(*s).reevaluateAll(
            RulePack::builtin(), [&steps](qint64 done, qint64) { steps.push_back(done); }, nullptr, 1, 1);
        QCOMPARE(r.evaluated, qint64(1));
        QCOMPARE(steps, std::vector<qint64> { 1 });
        QVERIFY(!r.cancelled);
        QVERIFY2(r.failures.join(QLatin1Char('\n')).contains(QStringLiteral("planted refusal")),
            qPrintable(r.failures.join(QLatin1Char('\n'))));
        for (const auto &[id, count] :
            { std::pair { "PLT-060", 1 }, std::pair { "PLT-080", 0 }, std::pair { "PLT-MISSING", 0 } })
            QCOMPARE(Evaluations(*s).evaluationsOf(QLatin1String(id)).value().size(), std::size_t(count));
        CaseFilter notEvaluated;
        notEvaluated.packSha256 = RulePack::builtin().sha256();
        notEvaluated.readiness = Readiness::NotEvaluated;
        QCOMPARE(idsOf(s->findCases(notEvaluated).value()),
            (QStringList { QStringLiteral("PLT-080"), QStringLiteral("PLT-MISSING") }));
        QStringList stored;
        for (const AuditEntry &a : s->audit().entries(auditBefore + 1)) {
            if (a.action == QStringLiteral("evaluation.batch_stored"))
                stored << a.detail;
        }
        QCOMPARE(stored.size(), 1);
        QVERIFY2(stored.front().contains(QStringLiteral("PLT-060..PLT-060")), qPrintable(stored.front()));
        const AuditVerification v = s->audit().verify(s->dialect());
        QVERIFY2(v.intact, qPrintable(v.problems.join(QLatin1Char('\n'))));
    }

    // execEach (SqlRows.h), which sends a save's audit row with its COMMIT: a statement that
    // fails anywhere in the string fails the call, the first or a later one, and the server runs
    // nothing after it.
    void execEachReportsAFailureInAnyStatement()
    {
        if (!storetest::onPostgres())
            QSKIP("several statements in one round trip are PostgreSQL's (QSQLITE runs the first only)");
        auto s = plateletStore(false);
        QVERIFY(s);
        const QSqlDatabase db = StoreConnection::of(*s);
        QSqlQuery q(db);
        QVERIFY2(execEach(q, QStringLiteral("SELECT 1; SELECT 2")), qPrintable(q.lastError().text()));
        QVERIFY(q.exec(QStringLiteral("CREATE TEMP TABLE each_run (n INTEGER)")));
        for (const QString &script : { QStringLiteral("SELECT 1 / 0; INSERT INTO each_run VALUES (1)"),
                 QStringLiteral("INSERT INTO each_run VALUES (2); SELECT 1 / 0; INSERT INTO each_run VALUES (3)") }) {
            QSqlQuery failing(db);
            QVERIFY(!execEach(failing, script));
            QVERIFY2(failing.lastError().text().contains(QLatin1String("division by zero")),
                qPrintable(failing.lastError().text()));
        }
        // Outside a transaction each script was its own: the statement before the failure went
        // with it, nothing after the failure ran.
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM each_run")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
    }

    // SqlStatement::execAll: several statements with bound values in one round trip; the rows
    // read are the last statement's, and a failure in any of them is reported.
    void execAllStandsOnTheLastStatement()
    {
        if (!storetest::onPostgres())
            QSKIP("several statements in one round trip are PostgreSQL's");
        auto s = plateletStore(false);
        QVERIFY(s);
        const QSqlDatabase db = StoreConnection::of(*s);
        SqlStatement two(db,
            QStringLiteral("SELECT CAST(:a AS text) AS first; SELECT CAST(:b AS text) AS second,"
                           " CAST(:a AS text) AS again"));
        two.bind(QStringLiteral(":a"), QStringLiteral("it's ; here")).bind(QStringLiteral(":b"), QStringLiteral("b"));
        QVERIFY2(two.execAll(2), qPrintable(two.errorText()));
        QVERIFY(two.next());
        QCOMPARE(two.text(QStringLiteral("second")), QStringLiteral("b"));
        QCOMPARE(two.text(QStringLiteral("again")), QStringLiteral("it's ; here"));
        QVERIFY(!two.next());

        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("CREATE TEMP TABLE all_run (n INTEGER)")));
        for (const QString &script :
            { QStringLiteral("SELECT 1 / :zero; INSERT INTO all_run VALUES (1); SELECT n FROM all_run"),
                QStringLiteral("INSERT INTO all_run VALUES (2); SELECT 1 / :zero; SELECT n FROM all_run"),
                QStringLiteral("INSERT INTO all_run VALUES (3); INSERT INTO all_run VALUES (4); SELECT 1 / :zero") }) {
            SqlStatement failing(db, script);
            failing.bind(QStringLiteral(":zero"), 0);
            QVERIFY(!failing.execAll(3));
            QVERIFY2(failing.errorText().contains(QLatin1String("division by zero")), qPrintable(failing.errorText()));
        }
        // Outside a transaction each text was one: nothing of a failed one is left.
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM all_run")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
    }

    // begin(Begin::WithFirstStatement) sends no BEGIN of its own: the first statement takes it
    // (takeDeferredBegin, as saveCase's lock does); any other statement that reaches the
    // connection first runs inside the transaction all the same, and a transaction in which
    // nothing was sent commits and rolls back cleanly.
    void deferredBeginKeepsEveryStatementInTheTransaction()
    {
        if (!storetest::onPostgres())
            QSKIP("the BEGIN is deferred on PostgreSQL only (SQLite has no round trips to save)");
        auto s = plateletStore(false);
        QVERIFY(s);
        QSqlQuery setup(StoreConnection::of(*s));
        QVERIFY(setup.exec(QStringLiteral("CREATE TEMP TABLE deferred_run (n INTEGER)")));

        QVERIFY_STORE(s->begin(CaseStore::Begin::WithFirstStatement));
        QVERIFY(s->inTransaction());
        QSqlQuery inside(StoreConnection::of(*s)); // not the statement meant to carry the BEGIN
        QVERIFY2(
            inside.exec(QStringLiteral("INSERT INTO deferred_run VALUES (1)")), qPrintable(inside.lastError().text()));
        s->rollback();
        QSqlQuery count(StoreConnection::of(*s));
        QVERIFY(count.exec(QStringLiteral("SELECT count(*) FROM deferred_run")) && count.next());
        QCOMPARE(count.value(0).toInt(), 0); // rolled back with the transaction, not autocommitted

        QVERIFY_STORE(s->begin(CaseStore::Begin::WithFirstStatement));
        QVERIFY_STORE(s->commit()); // nothing was sent
        QVERIFY(!s->inTransaction());
        QVERIFY_STORE(s->begin(CaseStore::Begin::WithFirstStatement));
        s->rollback();
        QVERIFY(!s->inTransaction());

        // Nested in a transaction begun at once, a deferred begin only counts.
        QVERIFY_STORE(s->begin());
        QVERIFY_STORE(s->begin(CaseStore::Begin::WithFirstStatement));
        QSqlQuery nested(StoreConnection::of(*s));
        QVERIFY(nested.exec(QStringLiteral("INSERT INTO deferred_run VALUES (2)")));
        QVERIFY_STORE(s->commit());
        s->rollback();
        QVERIFY(count.exec(QStringLiteral("SELECT count(*) FROM deferred_run")) && count.next());
        QCOMPARE(count.value(0).toInt(), 0);

        // The store goes on: a save after all this is stored.
        QVERIFY_STORE(s->setSetting(QStringLiteral("after"), QStringLiteral("value")));
        QCOMPARE(s->setting(QStringLiteral("after")).value().value_or(QString()), QStringLiteral("value"));
    }

    // postgresArray (SqlRows.h): any text, and any id, arrives in PostgreSQL as it was sent.
    void arrayLiteralsArriveUnchanged()
    {
        if (!storetest::onPostgres())
            QSKIP("array parameters are PostgreSQL's (SQLite stores a batch with BatchInsert)");
        auto s = plateletStore(false);
        QVERIFY(s);
        const QStringList texts { QString(), QStringLiteral("NULL"), QStringLiteral("a,b"), QStringLiteral("{x}"),
            QStringLiteral("say \"no\""), QStringLiteral("back\\slash\\"), QStringLiteral("it's"),
            QStringLiteral(" padded "), QStringLiteral("Grad \u00b0 \u03bc \u2265 \U0001F489"),
            QStringLiteral(":not_a_parameter"), QStringLiteral("line\nbreak\ttab") };
        const std::vector<qint64> ids { 0, 1, -7, 2147483648LL, 9007199254740993LL };
        SqlStatement q(StoreConnection::of(*s),
            QStringLiteral("SELECT t FROM unnest(CAST(:texts AS text[])) WITH ORDINALITY AS n (t, i) ORDER BY i"));
        q.bind(QStringLiteral(":texts"), postgresArray(texts));
        QVERIFY2(q.exec(), qPrintable(q.errorText()));
        QStringList back;
        while (q.next())
            back << q.text(QStringLiteral("t"));
        QCOMPARE(back, texts);
        SqlStatement n(StoreConnection::of(*s),
            QStringLiteral("SELECT v FROM unnest(CAST(:ids AS bigint[])) WITH ORDINALITY AS n (v, i) ORDER BY i"));
        n.bind(QStringLiteral(":ids"), postgresArray(ids));
        QVERIFY2(n.exec(), qPrintable(n.errorText()));
        std::vector<qint64> idsBack;
        while (n.next())
            idsBack.push_back(n.int64(QStringLiteral("v")));
        QCOMPARE(idsBack, ids);
    }

    // Sorted by the option's verdict in the arms' order: eligible, (with cautions), undetermined,
    // ineligible, then not applicable / not evaluated; ties by case id.
    void sortByOptionVerdict()
    {
        auto s = plateletStore();
        QVERIFY(s);
        QVERIFY_STORE(s->saveCase(e01With(QStringLiteral("PLT-000-UNEVALUATED"), 90), RulePack::builtin()));
        CaseFilter f;
        f.packSha256 = RulePack::builtin().sha256();
        f.sort = CaseSort::Verdict;
        f.sortGroup = optionGroupKey(kResolution);
        const QStringList ascending { QStringLiteral("PLT-080"), QStringLiteral("PLT-MISSING"),
            QStringLiteral("PLT-060"), QStringLiteral("PLT-000-UNEVALUATED") };
        QCOMPARE(idsOf(s->findCases(f).value()), ascending);
        f.descending = true;
        QStringList descending = ascending;
        std::reverse(descending.begin(), descending.end());
        QCOMPARE(idsOf(s->findCases(f).value()), descending);
        // Sorting does not filter, and paging follows the sort.
        f.descending = false;
        f.limit = 2;
        f.offset = 1;
        QCOMPARE(idsOf(s->findCases(f).value()), ascending.mid(1, 2));
        QCOMPARE(s->countCases(f).value(), qint64(4));
    }

    // An evaluation stored before option verdicts were kept (its compact result has none) leaves
    // the option "not evaluated": no verdict, never in a filter, last in the sort. Evaluating the
    // case again fills it in.
    void olderEvaluationsAreNotEvaluated()
    {
        auto s = plateletStore(false);
        QVERIFY(s);
        const RulePack &pack = RulePack::builtin();
        const Engine engine(pack);
        QVERIFY_STORE(Evaluations(*s).evaluateCase(QStringLiteral("PLT-080"), pack));
        for (const QString &id : { QStringLiteral("PLT-060"), QStringLiteral("PLT-MISSING") }) {
            const auto v = s->latestVersion(id);
            QVERIFY_STORE(v);
            const CaseOutcome outcome = evaluateCase(engine, v.value().content);
            QVERIFY(outcome.ok());
            CompactResult before = CompactResult::from(engine, *outcome.evaluation);
            QVERIFY(!before.options.empty());
            before.options.clear(); // what the store kept before option verdicts
            QVERIFY_STORE(Evaluations(*s).record(v.value(), pack, before));
        }
        CaseFilter all;
        all.packSha256 = pack.sha256();
        const auto rows = s->findCases(all);
        QVERIFY_STORE(rows);
        QCOMPARE(rows.value().size(), std::size_t(3));
        for (const CaseSummary &c : rows.value()) {
            QCOMPARE(c.verdicts.size(), std::size_t(kArmCount + 1)); // evaluated under the pack…
            if (c.caseId == QLatin1String("PLT-080"))
                QCOMPARE(c.optionVerdicts.at(kResolution), QStringLiteral("eligible"));
            else
                QVERIFY2(c.optionVerdicts.empty(), qPrintable(c.caseId)); // …but not its options
        }
        QCOMPARE(s->countCases(optionFilter(QStringLiteral("ineligible"))).value(), qint64(0));
        QCOMPARE(s->countCases(optionFilter(QStringLiteral("undetermined"))).value(), qint64(0));
        CaseFilter sorted = all;
        sorted.sort = CaseSort::Verdict;
        sorted.sortGroup = optionGroupKey(kResolution);
        QCOMPARE(idsOf(s->findCases(sorted).value()).first(), QStringLiteral("PLT-080"));
        // Re-evaluating (as activating the pack again does) fills them.
        const ReevaluationSummary again = Evaluations(*s).reevaluateAll(pack);
        QCOMPARE(again.evaluated, qint64(3));
        QCOMPARE(idsOf(s->findCases(optionFilter(QStringLiteral("ineligible"))).value()),
            QStringList { QStringLiteral("PLT-060") });
        QCOMPARE(idsOf(s->findCases(optionFilter(QStringLiteral("undetermined"))).value()),
            QStringList { QStringLiteral("PLT-MISSING") });
    }

    // `db list --verdict OPTION_ID=VERDICT`; an unknown option is a usage error naming it.
    void cliListByOption()
    {
        const QString db = m_dir.filePath(QStringLiteral("cli.sqlite"));
        const QString files = m_dir.filePath(QStringLiteral("platelets"));
        QVERIFY(QDir().mkpath(files));
        for (const auto &[id, platelets] :
            { std::pair { "PLT-060", 60 }, std::pair { "PLT-080", 80 }, std::pair { "PLT-MISSING", -1 } })
            QVERIFY(writeAll(
                files + QStringLiteral("/%1.json").arg(QLatin1String(id)), e01With(QLatin1String(id), platelets)));
        auto run = [&db](QStringList args) {
            args << QStringLiteral("--db") << db;
            args.prepend(QStringLiteral("db"));
            return cli(args);
        };
        Run r = run({ QStringLiteral("import"), files });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = run({ QStringLiteral("evaluate"), QStringLiteral("--all") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = run({ QStringLiteral("list"), QStringLiteral("--verdict"), kResolution + QStringLiteral("=eligible") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("PLT-080\t") && !r.out.contains("PLT-060") && !r.out.contains("PLT-MISSING"),
            r.out.constData());
        QVERIFY2(r.out.contains("allogeneic_car_t=eligible") && r.out.contains("allo-allo-329-resolution=eligible")
                && r.out.contains("1 of 1 case(s)"),
            r.out.constData());
        r = run({ QStringLiteral("list"), QStringLiteral("--verdict"), kResolution + QStringLiteral("=undetermined") });
        QVERIFY2(
            r.exitCode == 0 && r.out.contains("PLT-MISSING\t") && r.out.contains("1 of 1 case(s)"), r.out.constData());
        // Without an option filter the line lists the arms only, as before.
        r = run({ QStringLiteral("list") });
        QVERIFY2(
            r.exitCode == 0 && !r.out.contains("allo-allo-329") && r.out.contains("3 of 3 case(s)"), r.out.constData());
        // Unknown: a typo, and an option under a pack that has none (2026.1).
        r = run({ QStringLiteral("list"), QStringLiteral("--verdict"), QStringLiteral("allo-allo-329=eligible") });
        QCOMPARE(r.exitCode, 64);
        QVERIFY2(r.err.contains("unknown arm or option \"allo-allo-329\""), r.err.constData());
        const QString old = QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/packs/consilium-reference-2026.1.json");
        r = run({ QStringLiteral("list"), QStringLiteral("--rules"), old, QStringLiteral("--allow-unsigned"),
            QStringLiteral("--verdict"), kResolution + QStringLiteral("=eligible") });
        QCOMPARE(r.exitCode, 64);
        QVERIFY2(r.err.contains("unknown arm or option \"allo-allo-329-resolution\" in pack"), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestStoreOptions)
#include "tst_store_options.moc"
