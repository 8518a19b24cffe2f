// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/Evaluations.h"
#include "store/BatchInsert.h"
#include "store/SqlRows.h"
#include "store/StoreConnection.h"
#include "store/TransactionWorker.h"

#include "case/CaseData.h"
#include "engine/CaseEvaluation.h"
#include "engine/ResultWriter.h"
#include "rules/RulePack.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>

#include <algorithm>
#include <deque>
#include <memory>
#include <thread>

namespace consilium {

namespace {

struct Evaluated {
    bool ok = false;
    QString problem;
    CompactResult result;
};

Evaluated evaluateContent(const Engine &engine, const QByteArray &content)
{
    Evaluated out;
    const CaseOutcome outcome = evaluateCase(engine, content);
    if (!outcome.ok()) {
        out.problem = outcome.diag.lines().join(QStringLiteral("; "));
        return out;
    }
    out.result = CompactResult::from(engine, *outcome.evaluation);
    out.ok = true;
    return out;
}

// One evaluation to store, and whether its version is the case's latest (then its verdicts
// become the case's current verdicts).
struct ToStore {
    qint64 versionId = 0;
    qint64 caseRef = 0;
    bool latest = false;
    const CompactResult *result = nullptr;
};

// The integer ids of the verdict group keys (schema v6, `verdict_groups`; docs/store.md#evaluations),
// read once per batch; a key the table lacks is added (a pack with a new arm or option).
class GroupIds
{
public:
    explicit GroupIds(const QSqlDatabase &db) : m_db(db) { }

    bool load(QString &error)
    {
        SqlStatement q(m_db, QStringLiteral("SELECT id, group_key FROM verdict_groups"));
        if (!q.exec()) {
            error = q.errorText();
            return false;
        }
        while (q.next())
            m_ids.insert(q.text(QStringLiteral("group_key")), q.int64(QStringLiteral("id")));
        return true;
    }

    // Adds the keys of `result` that have no id yet (one statement each, then one read).
    bool cover(const CompactResult &result, QString &error)
    {
        QStringList missing;
        for (const auto &[group, verdict] : result.verdicts)
            if (!m_ids.contains(group))
                missing << group;
        for (const auto &[option, verdict] : result.options)
            if (!m_ids.contains(optionGroupKey(option)))
                missing << optionGroupKey(option);
        for (const QString &key : std::as_const(missing)) {
            SqlStatement add(m_db,
                QStringLiteral(
                    "INSERT INTO verdict_groups (group_key) VALUES (:key) ON CONFLICT (group_key) DO NOTHING"));
            add.bind(QStringLiteral(":key"), key);
            if (!add.exec()) {
                error = add.errorText();
                return false;
            }
        }
        return missing.isEmpty() || load(error);
    }

    qint64 of(const QString &key) const { return m_ids.value(key, 0); }

private:
    QSqlDatabase m_db;
    QHash<QString, qint64> m_ids;
};

// Calls `add(groupRef, verdict)` for each current verdict of `row`: arms and sub-options under
// their own keys, options under optionGroupKey(id), each by its group id
// (docs/store.md#evaluations); stops at the first false.
template <typename Add> bool forEachCurrentVerdict(const GroupIds &groups, const ToStore &row, Add add)
{
    for (const auto &[group, verdict] : row.result->verdicts) {
        if (!add(groups.of(group), verdict))
            return false;
    }
    for (const auto &[option, verdict] : row.result->options) {
        if (!add(groups.of(optionGroupKey(option)), verdict))
            return false;
    }
    return true;
}

bool isPostgres(const QSqlDatabase &db)
{
    return db.driver() && db.driver()->dbmsType() == QSqlDriver::PostgreSQL;
}

// The current verdicts of one batch, a column each (PostgreSQL's arrays).
struct VerdictColumns {
    std::vector<qint64> evaluatedCases; // one per case: the case,
    std::vector<qint64> evaluatedVersions; // and the version that was evaluated
    std::vector<qint64> cases; // one per verdict
    std::vector<qint64> groups;
    QStringList verdicts;
};

// PostgreSQL: the whole batch in one round trip, each column as one array (postgresArray), in
// two statements (docs/store.md#performance-on-postgresql).
//
// The first locks the batch's cases whose latest version is still the one evaluated, FOR NO
// KEY UPDATE, the lock a save takes first: it waits for a save in progress and then re-checks
// the case as that save left it, and from then until the commit no one else writes these
// cases' verdicts (every writer of current_verdicts takes the lock: a save, this statement).
// The second, with a snapshot of its own taken after those locks, writes the verdicts of those
// cases only. A case with no verdicts yet under the pack (`held` leaves it out: a pack just
// activated) gets a plain INSERT; the others go through the upsert, where only the verdicts
// that differ from the stored ones arrive: ON CONFLICT … DO UPDATE locks (and so writes) every
// conflicting row, even one its WHERE then leaves as it is, so a re-evaluation that changed
// nothing would otherwise rewrite every row it read. The upsert's pre-check and speculative
// insertion cost a third of a new pack's batch (EXPLAIN ANALYZE, 34,000 rows: 410 ms, 280 ms
// without). The pack is one of the arrays too, not a constant: for a pack the statistics know
// no rows of (one just activated, whose rows this very re-evaluation is adding), the planner
// would otherwise read all of that pack's rows once per batch; as a column each row is looked
// up by its key.
bool upsertChangedVerdicts(const QSqlDatabase &db, qint64 packRef, const VerdictColumns &c, QString &error)
{
    // The cases whose latest version is the one evaluated, with the pack: the same rows for the
    // lock and, in the write's own snapshot, for the write.
    const QString latestCases = QStringLiteral(
        "cases k JOIN unnest(CAST(:evaluated_cases AS bigint[]), CAST(:evaluated_versions AS bigint[]),"
        " CAST(:evaluated_packs AS bigint[])) AS e (case_ref, version_id, pack_ref)"
        " ON k.id = e.case_ref AND k.latest_version_id = e.version_id"
        " WHERE k.id = ANY (CAST(:evaluated_cases AS bigint[]))");
    const QString lock = QStringLiteral(
        "SELECT count(*) AS locked FROM (SELECT k.id FROM %1 ORDER BY k.id FOR NO KEY UPDATE OF k) AS locked")
                             .arg(latestCases);
    const QString write = QStringLiteral(
        "WITH latest AS MATERIALIZED (SELECT k.id, e.pack_ref FROM %1),"
        " held AS MATERIALIZED (SELECT l.id FROM latest l WHERE EXISTS (SELECT 1 FROM current_verdicts c"
        " WHERE c.case_ref = l.id AND c.pack_ref = l.pack_ref)),"
        " n AS MATERIALIZED (SELECT * FROM unnest(CAST(:cases AS bigint[]), CAST(:packs AS bigint[]),"
        " CAST(:groups AS bigint[]), CAST(:verdicts AS text[])) AS n (case_ref, pack_ref, group_ref, verdict)"
        " WHERE n.case_ref IN (SELECT id FROM latest)),"
        " added AS (INSERT INTO current_verdicts (case_ref, pack_ref, group_ref, verdict)"
        " SELECT n.case_ref, n.pack_ref, n.group_ref, n.verdict FROM n WHERE n.case_ref NOT IN (SELECT id FROM held))"
        " INSERT INTO current_verdicts (case_ref, pack_ref, group_ref, verdict)"
        " SELECT n.case_ref, n.pack_ref, n.group_ref, n.verdict FROM n WHERE n.case_ref IN (SELECT id FROM held)"
        " AND NOT EXISTS (SELECT 1 FROM current_verdicts c WHERE c.case_ref = n.case_ref"
        " AND c.pack_ref = n.pack_ref AND c.group_ref = n.group_ref AND c.verdict = n.verdict)"
        " ON CONFLICT (case_ref, pack_ref, group_ref) DO UPDATE SET verdict = excluded.verdict"
        " WHERE current_verdicts.verdict <> excluded.verdict")
                              .arg(latestCases);
    SqlStatement q(db, lock + QStringLiteral("; ") + write);
    const std::vector<qint64> evaluatedPacks(c.evaluatedCases.size(), packRef);
    const std::vector<qint64> packs(c.cases.size(), packRef);
    q.bind(QStringLiteral(":evaluated_cases"), postgresArray(c.evaluatedCases))
        .bind(QStringLiteral(":evaluated_versions"), postgresArray(c.evaluatedVersions))
        .bind(QStringLiteral(":evaluated_packs"), postgresArray(evaluatedPacks))
        .bind(QStringLiteral(":cases"), postgresArray(c.cases))
        .bind(QStringLiteral(":packs"), postgresArray(packs))
        .bind(QStringLiteral(":groups"), postgresArray(c.groups))
        .bind(QStringLiteral(":verdicts"), postgresArray(c.verdicts));
    if (!q.execAll(2)) {
        error = q.errorText();
        return false;
    }
    return true;
}

// SQLite: the rows of `rows` whose case's latest version is still the one evaluated, read in
// the caller's write transaction (SQLite has one writer at a time, so nothing changes them
// before the commit).
std::optional<std::vector<ToStore>> stillLatest(
    const QSqlDatabase &db, const std::vector<ToStore> &rows, QString &error)
{
    QStringList refs;
    for (const ToStore &r : rows) {
        if (r.latest)
            refs << QString::number(r.caseRef);
    }
    QHash<qint64, qint64> latestOf;
    if (!refs.isEmpty()) {
        SqlStatement q(
            db, QStringLiteral("SELECT id, latest_version_id FROM cases WHERE id IN (%1)").arg(refs.join(u',')));
        if (!q.exec()) {
            error = q.errorText();
            return std::nullopt;
        }
        while (q.next())
            latestOf.insert(q.int64(QStringLiteral("id")), q.int64(QStringLiteral("latest_version_id")));
    }
    std::vector<ToStore> out;
    out.reserve(rows.size());
    for (const ToStore &r : rows) {
        if (r.latest && latestOf.value(r.caseRef) == r.versionId)
            out.push_back(r);
    }
    return out;
}

// Upserts the current verdicts of the latest versions among `rows`. A verdict that is already
// stored as it is is not written again: re-evaluating under the same pack touches only the rows
// whose verdict changed (docs/store.md#performance-on-postgresql). A case saved again since its
// version was read gets none (its new version is not evaluated yet).
bool storeCurrentVerdicts(const QSqlDatabase &db, qint64 packRef, const std::vector<ToStore> &rows, QString &error)
{
    GroupIds groups(db);
    if (!groups.load(error))
        return false;
    for (const ToStore &r : rows) {
        if (r.latest && !groups.cover(*r.result, error))
            return false;
    }
    if (isPostgres(db)) {
        VerdictColumns columns;
        for (const ToStore &r : rows) {
            if (!r.latest)
                continue;
            columns.evaluatedCases.push_back(r.caseRef);
            columns.evaluatedVersions.push_back(r.versionId);
            forEachCurrentVerdict(groups, r, [&](qint64 groupRef, const QString &verdict) {
                columns.cases.push_back(r.caseRef);
                columns.groups.push_back(groupRef);
                columns.verdicts << verdict;
                return true;
            });
        }
        return columns.cases.empty() || upsertChangedVerdicts(db, packRef, columns, error);
    }
    const auto latest = stillLatest(db, rows, error);
    if (!latest)
        return false;
    // SQLite: many rows per statement; the WHERE of the update leaves an unchanged verdict alone.
    BatchInsert current(db, QStringLiteral("current_verdicts"),
        { QStringLiteral("case_ref"), QStringLiteral("pack_ref"), QStringLiteral("group_ref"),
            QStringLiteral("verdict") },
        QStringLiteral(" ON CONFLICT (case_ref, pack_ref, group_ref) DO UPDATE SET verdict = excluded.verdict"
                       " WHERE current_verdicts.verdict <> excluded.verdict"));
    for (const ToStore &r : *latest) {
        if (!forEachCurrentVerdict(groups, r, [&](qint64 groupRef, const QString &verdict) {
                return current.add({ r.caseRef, packRef, groupRef, verdict });
            })) {
            error = current.errorText();
            return false;
        }
    }
    if (!current.flush()) {
        error = current.errorText();
        return false;
    }
    return true;
}

// PostgreSQL: the evaluations of `rows` in one statement (as upsertChangedVerdicts); their ids
// into `ids` by case version.
bool insertEvaluationsAsArrays(const QSqlDatabase &db, qint64 packRef, const QString &at,
    const std::vector<ToStore> &rows, QHash<qint64, qint64> &ids, QString &error)
{
    std::vector<qint64> versions;
    versions.reserve(rows.size());
    QStringList compacts;
    compacts.reserve(qsizetype(rows.size()));
    for (const ToStore &r : rows) {
        versions.push_back(r.versionId);
        compacts << QString::fromUtf8(r.result->toJson());
    }
    SqlStatement q(db,
        QStringLiteral("INSERT INTO evaluations (case_version_id, pack_ref, engine_version, evaluated_at, compact)"
                       " SELECT n.version, :pack, :engine, :at, n.compact"
                       " FROM unnest(CAST(:versions AS bigint[]), CAST(:compacts AS text[])) AS n (version, compact)"
                       " RETURNING id, case_version_id"));
    q.bind(QStringLiteral(":pack"), packRef)
        .bind(QStringLiteral(":engine"), engineVersion())
        .bind(QStringLiteral(":at"), at)
        .bind(QStringLiteral(":versions"), postgresArray(versions))
        .bind(QStringLiteral(":compacts"), postgresArray(compacts));
    if (!q.exec()) {
        error = q.errorText();
        return false;
    }
    while (q.next())
        ids.insert(q.int64(QStringLiteral("case_version_id")), q.int64(QStringLiteral("id")));
    return true;
}

// SQLite: the evaluations of `rows`, many rows per statement (BatchInsert); their ids into `ids`.
bool insertEvaluationsInChunks(const QSqlDatabase &db, qint64 packRef, const QString &at,
    const std::vector<ToStore> &rows, QHash<qint64, qint64> &ids, QString &error)
{
    BatchInsert evaluations(db, QStringLiteral("evaluations"),
        { QStringLiteral("case_version_id"), QStringLiteral("pack_ref"), QStringLiteral("engine_version"),
            QStringLiteral("evaluated_at"), QStringLiteral("compact") },
        QStringLiteral(" RETURNING id, case_version_id"),
        [&ids](const QSqlQuery &q) { ids.insert(q.value(1).toLongLong(), q.value(0).toLongLong()); });
    const QString engine = engineVersion();
    for (const ToStore &r : rows) {
        if (!evaluations.add({ r.versionId, packRef, engine, at, QString::fromUtf8(r.result->toJson()) })) {
            error = evaluations.errorText();
            return false;
        }
    }
    if (!evaluations.flush()) {
        error = evaluations.errorText();
        return false;
    }
    return true;
}

// Inserts the evaluations of `rows` and upserts the current verdicts of the latest ones, a batch
// in one statement on PostgreSQL and many rows per statement on SQLite
// (docs/store.md#performance-on-postgresql), in the caller's
// transaction. The ids come back through RETURNING, matched by case version (each version is
// evaluated at most once per call). Returns the ids in the order of `rows`.
std::optional<std::vector<qint64>> storeEvaluations(
    const QSqlDatabase &db, qint64 packRef, const QString &at, const std::vector<ToStore> &rows, QString &error)
{
    QHash<qint64, qint64> ids;
    ids.reserve(qsizetype(rows.size()));
    if (isPostgres(db)) {
        if (!insertEvaluationsAsArrays(db, packRef, at, rows, ids, error))
            return std::nullopt;
    } else if (!insertEvaluationsInChunks(db, packRef, at, rows, ids, error)) {
        return std::nullopt;
    }
    std::vector<qint64> out;
    out.reserve(rows.size());
    for (const ToStore &r : rows) {
        const qint64 id = ids.value(r.versionId, 0);
        if (id == 0) {
            error = QStringLiteral("the evaluation of case version %1 was not stored").arg(r.versionId);
            return std::nullopt;
        }
        out.push_back(id);
    }
    if (!storeCurrentVerdicts(db, packRef, rows, error))
        return std::nullopt;
    return out;
}

} // namespace

Evaluations::Evaluations(CaseStore &store) : m_store(store) { }

StoreResult<StoredEvaluation> Evaluations::evaluateVersion(qint64 versionId, const RulePack &pack)
{
    const auto v = m_store.version(versionId);
    if (!v)
        return v.error();
    const Engine engine(pack);
    const Evaluated e = evaluateContent(engine, v.value().content);
    if (!e.ok)
        return storeFailure(StoreErrc::InvalidCase,
            QStringLiteral("case %1 version %2 is not valid under pack %3 %4")
                .arg(v.value().caseId)
                .arg(v.value().version)
                .arg(pack.id(), pack.version()),
            { e.problem });
    return record(v.value(), pack, e.result);
}

StoreResult<StoredEvaluation> Evaluations::record(
    const CaseVersion &v, const RulePack &pack, const CompactResult &result)
{
    const qint64 versionId = v.id;
    WriteTransaction tx(m_store);
    if (!tx.begun())
        return tx.begun().error();
    const auto packRef = m_store.storePack(pack);
    if (!packRef)
        return packRef.error();
    SqlStatement q(StoreConnection::of(m_store),
        QStringLiteral("SELECT c.id, c.latest_version_id FROM cases c JOIN case_versions v ON v.case_ref = c.id"
                       " WHERE v.id = :version"));
    q.bind(QStringLiteral(":version"), versionId);
    if (!q.exec() || !q.next())
        return storeFailure(StoreErrc::Sql,
            QStringLiteral("cannot record an evaluation of case version %1: %2")
                .arg(versionId)
                .arg(q.errorText().isEmpty() ? QStringLiteral("no such version") : q.errorText()));
    const qint64 caseRef = q.int64(QStringLiteral("id"));
    const bool latest = q.int64(QStringLiteral("latest_version_id")) == versionId;
    q.finish();
    QString error;
    StoredEvaluation out;
    out.evaluatedAt = m_store.timestamp();
    const auto ids = storeEvaluations(StoreConnection::of(m_store), packRef.value(), out.evaluatedAt,
        { ToStore { versionId, caseRef, latest, &result } }, error);
    if (!ids)
        return storeFailure(StoreErrc::Sql, error);
    const qint64 id = ids->front();
    if (auto audited = m_store.audit(QStringLiteral("evaluation.stored"), QStringLiteral("case"), v.caseId,
            v.contentSha256, pack.sha256(),
            QStringLiteral("evaluation %1 of version %2 under %3 %4")
                .arg(id)
                .arg(v.version)
                .arg(pack.id(), pack.version()));
        !audited)
        return audited.error();
    if (auto committed = tx.commit(); !committed)
        return committed.error();
    out.id = id;
    out.caseVersionId = versionId;
    out.caseId = v.caseId;
    out.version = v.version;
    out.packSha256 = pack.sha256();
    out.packId = pack.id();
    out.packVersion = pack.version();
    out.engineVersion = engineVersion();
    out.result = result;
    return out;
}

StoreResult<StoredEvaluation> Evaluations::evaluateCase(const QString &caseId, const RulePack &pack)
{
    const auto s = m_store.caseSummary(caseId);
    if (!s)
        return s.error();
    return evaluateVersion(s.value().latestVersionId, pack);
}

StoreResult<std::vector<StoredEvaluation>> Evaluations::evaluationsOf(const QString &caseId)
{
    std::vector<StoredEvaluation> out;
    SqlStatement q(StoreConnection::of(m_store),
        QStringLiteral("SELECT e.id, e.case_version_id, v.version, p.sha256, p.pack_id, p.pack_version,"
                       " e.engine_version, e.evaluated_at, e.compact FROM evaluations e"
                       " JOIN case_versions v ON v.id = e.case_version_id JOIN cases c ON c.id = v.case_ref"
                       " JOIN rule_packs p ON p.id = e.pack_ref WHERE c.case_id = :case_id ORDER BY e.id"));
    q.bind(QStringLiteral(":case_id"), caseId);
    if (!q.exec())
        return storeFailure(
            StoreErrc::Sql, QStringLiteral("cannot read the evaluations of case %1: %2").arg(caseId, q.errorText()));
    while (q.next()) {
        StoredEvaluation s;
        s.id = q.int64(QStringLiteral("id"));
        s.caseVersionId = q.int64(QStringLiteral("case_version_id"));
        s.caseId = caseId;
        s.version = q.integer(QStringLiteral("version"));
        s.packSha256 = q.text(QStringLiteral("sha256"));
        s.packId = q.text(QStringLiteral("pack_id"));
        s.packVersion = q.text(QStringLiteral("pack_version"));
        s.engineVersion = q.text(QStringLiteral("engine_version"));
        s.evaluatedAt = q.text(QStringLiteral("evaluated_at"));
        s.result = CompactResult::fromJson(q.text(QStringLiteral("compact")).toUtf8()).value_or(CompactResult {});
        out.push_back(std::move(s));
    }
    return out;
}

namespace {

// One case of a re-evaluation batch.
struct BatchRow {
    qint64 caseRef = 0;
    qint64 versionId = 0;
    QString caseId;
    QByteArray content;
    Evaluated evaluated;
};

// The latest versions of the next `batchSize` cases that are not archived, after `lastRef`.
bool readBatch(const QSqlDatabase &db, qint64 lastRef, int batchSize, std::vector<BatchRow> &rows, QString &error)
{
    rows.clear();
    SqlStatement q(db,
        QStringLiteral("SELECT c.id, c.latest_version_id, c.case_id, v.content FROM cases c"
                       " JOIN case_versions v ON v.id = c.latest_version_id"
                       " WHERE c.archived = 0 AND c.id > :after ORDER BY c.id LIMIT :limit"));
    q.bind(QStringLiteral(":after"), lastRef).bind(QStringLiteral(":limit"), batchSize);
    if (!q.exec()) {
        error = q.errorText();
        return false;
    }
    while (q.next()) {
        BatchRow r;
        r.caseRef = q.int64(QStringLiteral("id"));
        r.versionId = q.int64(QStringLiteral("latest_version_id"));
        r.caseId = q.text(QStringLiteral("case_id"));
        r.content = q.text(QStringLiteral("content")).toUtf8();
        rows.push_back(std::move(r));
    }
    return true;
}

// Parses and evaluates a batch on `threads` worker threads (no database work).
void evaluateBatch(std::vector<BatchRow> &rows, const Engine &engine, int threads)
{
    const int n = std::min<int>(threads, int(rows.size()));
    std::vector<std::thread> workers;
    workers.reserve(std::size_t(n));
    for (int t = 0; t < n; ++t) {
        workers.emplace_back([&rows, &engine, t, n] {
            for (std::size_t i = std::size_t(t); i < rows.size(); i += std::size_t(n))
                rows[i].evaluated = evaluateContent(engine, rows[i].content);
        });
    }
    for (auto &w : workers)
        w.join();
}

// What storing one batch came to: the cases stored, and those that could not be evaluated.
struct BatchOutcome {
    qint64 stored = 0;
    qint64 failed = 0;
    QStringList failures; // "<case id>: <problem>"
};

// Writes one evaluated batch in the store's open write transaction: the evaluations, the current
// verdicts and the batch's audit row. The cases that could not be evaluated go into `out`.
StoreResult<void> writeBatch(
    CaseStore &store, const std::vector<BatchRow> &rows, const RulePack &pack, qint64 packRef, BatchOutcome &out)
{
    std::vector<ToStore> valid;
    valid.reserve(rows.size());
    for (const BatchRow &r : rows) {
        if (r.evaluated.ok) {
            valid.push_back({ r.versionId, r.caseRef, true, &r.evaluated.result });
            continue;
        }
        ++out.failed;
        out.failures << QStringLiteral("%1: %2").arg(r.caseId, r.evaluated.problem);
    }
    QString error;
    if (!valid.empty()
        && !storeEvaluations(StoreConnection::of(store), packRef, store.timestamp(), valid, error).has_value())
        return storeFailure(
            StoreErrc::Sql, QStringLiteral("cases %1..%2: %3").arg(rows.front().caseId, rows.back().caseId, error));
    out.stored = qint64(valid.size());
    return store.audit(QStringLiteral("evaluation.batch_stored"), QStringLiteral("rule_pack"), pack.sha256(), {}, {},
        QStringLiteral("%1 case(s) re-evaluated under %2 %3 (cases %4..%5)")
            .arg(out.stored)
            .arg(pack.id(), pack.version(), rows.front().caseId, rows.back().caseId));
}

// Adds a batch that was written (`done`: its commit) to the summary; false if it failed.
bool addBatch(ReevaluationSummary &summary, const BatchOutcome &out, const StoreResult<void> &done)
{
    summary.failed += out.failed;
    summary.failures << out.failures;
    if (!done) {
        summary.failures << done.error().message;
        return false;
    }
    summary.evaluated += out.stored;
    return true;
}

// Stores one evaluated batch in its own write transaction (complete or absent).
bool storeBatch(CaseStore &store, const std::vector<BatchRow> &rows, const RulePack &pack, qint64 packRef,
    ReevaluationSummary &summary)
{
    BatchOutcome out;
    StoreResult<void> done = storeSuccess();
    {
        WriteTransaction tx(store);
        done = tx.begun();
        if (done)
            done = writeBatch(store, rows, pack, packRef, out);
        if (done)
            done = tx.commit();
    }
    return addBatch(summary, out, done);
}

// PostgreSQL: batches written on this many connections at once (TransactionWorker), each by a
// server process of its own. One connection kept one server process busy and left the second
// core of a two-core machine half idle (docs/store.md#performance-on-postgresql).
constexpr int kParallelWriters = 2;

// Parses and evaluates a batch (evaluateBatch), timed.
using BatchEvaluator = std::function<void(std::vector<BatchRow> &)>;

// A batch given to a TransactionWorker, until its commit.
struct InFlight {
    TransactionWorker *writer = nullptr;
    std::vector<BatchRow> rows;
    BatchOutcome out; // written on the worker's thread, read after awaitWork()
};

void reevaluateHere(CaseStore &store, const RulePack &pack, qint64 packRef, const BatchEvaluator &evaluate,
    const ProgressCallback &progress, const std::atomic<bool> *cancel, int batchSize, ReevaluationSummary &summary)
{
    // Pipelined (docs/store.md#performance-on-postgresql): while a batch is stored on this
    // thread (the connection's), the next one is read before and evaluated on the worker
    // threads meanwhile. Batches are stored in order, each in its own transaction.
    const QSqlDatabase db = StoreConnection::of(store);
    std::vector<BatchRow> rows;
    std::vector<BatchRow> next;
    qint64 lastRef = 0;
    QString error;
    if (!readBatch(db, lastRef, batchSize, rows, error))
        summary.failures << error;
    else
        evaluate(rows);
    while (!rows.empty()) {
        if (cancel && cancel->load()) {
            summary.cancelled = true;
            break;
        }
        lastRef = rows.back().caseRef;
        if (!readBatch(db, lastRef, batchSize, next, error)) {
            summary.failures << error;
            break;
        }
        std::thread ahead([&evaluate, &next] { evaluate(next); });
        const bool stored = storeBatch(store, rows, pack, packRef, summary);
        ahead.join();
        if (!stored)
            break;
        if (progress)
            progress(summary.evaluated + summary.failed, summary.total);
        std::swap(rows, next);
    }
}

void reevaluateOnWriters(CaseStore &store, const std::vector<std::unique_ptr<TransactionWorker>> &writers,
    const RulePack &pack, qint64 packRef, const BatchEvaluator &evaluate, const ProgressCallback &progress,
    const std::atomic<bool> *cancel, int batchSize, ReevaluationSummary &summary)
{
    // This thread reads and evaluates the batches and hands each to a writer that is free; the
    // writers store theirs at the same time, each in a transaction of its own, and this thread
    // commits them in the order they were read. So the batches stored are always the first ones:
    // after a failure or a cancel the batches still open are rolled back, as if never begun.
    // The group keys of a batch are added before it is handed on (and committed at once), so
    // that no writer waits for another's uncommitted key while that one waits for its turn.
    const QSqlDatabase db = StoreConnection::of(store);
    GroupIds groups(db);
    QString error;
    bool stop = !groups.load(error);
    if (stop)
        summary.failures << error;
    qint64 lastRef = 0;
    std::vector<BatchRow> prepared;
    auto prepare = [&]() -> bool {
        if (!readBatch(db, lastRef, batchSize, prepared, error)) {
            summary.failures << error;
            return false;
        }
        if (prepared.empty())
            return true;
        lastRef = prepared.back().caseRef;
        evaluate(prepared);
        for (const BatchRow &r : prepared) {
            if (r.evaluated.ok && !groups.cover(r.evaluated.result, error)) {
                summary.failures << error;
                return false;
            }
        }
        return true;
    };
    if (!stop)
        stop = !prepare();
    std::deque<std::unique_ptr<InFlight>> inFlight; // in the order read
    auto freeWriter = [&writers, &inFlight]() -> TransactionWorker * {
        for (const auto &w : writers) {
            if (std::none_of(inFlight.begin(), inFlight.end(), [&w](const auto &f) { return f->writer == w.get(); }))
                return w.get();
        }
        return nullptr;
    };
    for (;;) {
        TransactionWorker *writer = nullptr;
        while (!stop && !prepared.empty() && (writer = freeWriter())) {
            if (cancel && cancel->load()) {
                summary.cancelled = true;
                stop = true;
                break;
            }
            auto batch = std::make_unique<InFlight>();
            batch->writer = writer;
            batch->rows = std::move(prepared);
            prepared.clear();
            writer->start([b = batch.get(), &pack, packRef](
                              CaseStore &store) { return writeBatch(store, b->rows, pack, packRef, b->out); });
            inFlight.push_back(std::move(batch));
            stop = !prepare();
        }
        if (inFlight.empty())
            break;
        const std::unique_ptr<InFlight> oldest = std::move(inFlight.front());
        inFlight.pop_front();
        const StoreResult<void> written = oldest->writer->awaitWork();
        if (written && !stop && cancel && cancel->load()) {
            summary.cancelled = true;
            stop = true;
        }
        const bool commit = written && !stop;
        const StoreResult<void> done = oldest->writer->finish(commit);
        if (!written) {
            addBatch(summary, oldest->out, written);
            stop = true;
        } else if (commit && !addBatch(summary, oldest->out, done)) {
            stop = true;
        } else if (commit && progress) {
            progress(summary.evaluated + summary.failed, summary.total);
        }
    }
}

} // namespace

ReevaluationSummary Evaluations::reevaluateAll(
    const RulePack &pack, const ProgressCallback &progress, const std::atomic<bool> *cancel, int batchSize, int threads)
{
    ReevaluationSummary summary;
    QElapsedTimer total;
    total.start();
    QSqlDatabase db = StoreConnection::of(m_store);
    {
        SqlStatement count(db, QStringLiteral("SELECT count(*) AS n FROM cases WHERE archived = 0"));
        if (count.exec() && count.next())
            summary.total = count.int64(QStringLiteral("n"));
    }
    const auto packRef = m_store.storePack(pack);
    if (!packRef) {
        summary.failures << packRef.error().message;
        return summary;
    }
    if (threads <= 0)
        threads = std::max(1, QThread::idealThreadCount());
    batchSize = std::max(1, batchSize);
    const Engine engine(pack);
    qint64 engineNs = 0;
    auto evaluate = [&engine, threads, &engineNs](std::vector<BatchRow> &batch) {
        QElapsedTimer engineTimer;
        engineTimer.start();
        evaluateBatch(batch, engine, threads);
        engineNs += engineTimer.nsecsElapsed();
    };
    const bool cancelled = cancel && cancel->load();
    summary.cancelled = cancelled;
    const WriterCompanion companion = m_store.companion();
    std::vector<std::unique_ptr<TransactionWorker>> writers;
    // Inside a transaction of the caller's the batches are part of it, stored on this connection.
    if (!cancelled && isPostgres(db) && !m_store.inTransaction() && !companion.path().isEmpty()) {
        for (int i = 0; i < kParallelWriters; ++i) {
            auto writer = std::make_unique<TransactionWorker>(companion);
            if (writer->opened()) // else fewer writers, or this connection alone
                writers.push_back(std::move(writer));
        }
    }
    if (!cancelled) {
        if (writers.empty())
            reevaluateHere(m_store, pack, packRef.value(), evaluate, progress, cancel, batchSize, summary);
        else
            reevaluateOnWriters(
                m_store, writers, pack, packRef.value(), evaluate, progress, cancel, batchSize, summary);
    }
    summary.engineSeconds = double(engineNs) / 1e9;
    summary.totalSeconds = double(total.nsecsElapsed()) / 1e9;
    return summary;
}

ReevaluationSummary Evaluations::reevaluateAllAt(const WriterCompanion &writer, const RulePack &pack,
    const ProgressCallback &progress, const std::atomic<bool> *cancel, int batchSize, int threads)
{
    auto store = CaseStore::openCompanion(writer);
    if (!store) {
        ReevaluationSummary summary;
        summary.failures << store.error().message;
        return summary;
    }
    const std::unique_ptr<CaseStore> companion = std::move(store).value();
    return Evaluations(*companion).reevaluateAll(pack, progress, cancel, batchSize, threads);
}

} // namespace consilium
