// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/Evaluations.h"
#include "store/BatchInsert.h"
#include "store/SqlRows.h"
#include "store/StoreConnection.h"

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

// PostgreSQL: the whole batch in one statement, each column as one array (postgresArray), and
// only the verdicts that differ from the stored ones reach the upsert. ON CONFLICT … DO UPDATE
// locks (and so writes) every conflicting row, even one its WHERE then leaves as it is: a
// re-evaluation that changes nothing would rewrite every row it read. The pack is one of the
// arrays too, not a constant: for a pack the statistics know no rows of (a pack just activated,
// whose rows this very re-evaluation is adding), the planner would otherwise read all of that
// pack's rows once and compare each new row with all of them, a cost that grows with every
// batch; as a column it can only look each row up by its whole key
// (docs/store.md#performance-on-postgresql).
bool upsertChangedVerdicts(const QSqlDatabase &db, const std::vector<qint64> &cases, const std::vector<qint64> &packs,
    const std::vector<qint64> &groups, const QStringList &verdicts, QString &error)
{
    SqlStatement q(db,
        QStringLiteral("INSERT INTO current_verdicts (case_ref, pack_ref, group_ref, verdict)"
                       " SELECT n.case_ref, n.pack_ref, n.group_ref, n.verdict"
                       " FROM unnest(CAST(:cases AS bigint[]), CAST(:packs AS bigint[]), CAST(:groups AS bigint[]),"
                       " CAST(:verdicts AS text[])) AS n (case_ref, pack_ref, group_ref, verdict)"
                       " WHERE NOT EXISTS (SELECT 1 FROM current_verdicts c WHERE c.case_ref = n.case_ref"
                       " AND c.pack_ref = n.pack_ref AND c.group_ref = n.group_ref AND c.verdict = n.verdict)"
                       " ON CONFLICT (case_ref, pack_ref, group_ref) DO UPDATE SET verdict = excluded.verdict"
                       " WHERE current_verdicts.verdict <> excluded.verdict"));
    q.bind(QStringLiteral(":cases"), postgresArray(cases))
        .bind(QStringLiteral(":packs"), postgresArray(packs))
        .bind(QStringLiteral(":groups"), postgresArray(groups))
        .bind(QStringLiteral(":verdicts"), postgresArray(verdicts));
    if (!q.exec()) {
        error = q.errorText();
        return false;
    }
    return true;
}

// Upserts the current verdicts of the latest versions among `rows`. A verdict that is already
// stored as it is is not written again: re-evaluating under the same pack touches only the rows
// whose verdict changed (docs/store.md#performance-on-postgresql).
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
        std::vector<qint64> cases;
        std::vector<qint64> groupRefs;
        QStringList verdicts;
        for (const ToStore &r : rows) {
            if (r.latest)
                forEachCurrentVerdict(groups, r, [&](qint64 groupRef, const QString &verdict) {
                    cases.push_back(r.caseRef);
                    groupRefs.push_back(groupRef);
                    verdicts << verdict;
                    return true;
                });
        }
        const std::vector<qint64> packs(cases.size(), packRef);
        return cases.empty() || upsertChangedVerdicts(db, cases, packs, groupRefs, verdicts, error);
    }
    // SQLite: many rows per statement; the WHERE of the update leaves an unchanged verdict alone.
    BatchInsert current(db, QStringLiteral("current_verdicts"),
        { QStringLiteral("case_ref"), QStringLiteral("pack_ref"), QStringLiteral("group_ref"),
            QStringLiteral("verdict") },
        QStringLiteral(" ON CONFLICT (case_ref, pack_ref, group_ref) DO UPDATE SET verdict = excluded.verdict"
                       " WHERE current_verdicts.verdict <> excluded.verdict"));
    for (const ToStore &r : rows) {
        if (r.latest && !forEachCurrentVerdict(groups, r, [&](qint64 groupRef, const QString &verdict) {
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

// Stores one evaluated batch in its own write transaction (complete or absent).
bool storeBatch(CaseStore &store, const std::vector<BatchRow> &rows, const RulePack &pack, qint64 packRef,
    ReevaluationSummary &summary)
{
    WriteTransaction tx(store);
    if (!tx.begun()) {
        summary.failures << tx.begun().error().message;
        return false;
    }
    std::vector<ToStore> valid;
    valid.reserve(rows.size());
    for (const BatchRow &r : rows) {
        if (r.evaluated.ok) {
            valid.push_back({ r.versionId, r.caseRef, true, &r.evaluated.result });
            continue;
        }
        ++summary.failed;
        summary.failures << QStringLiteral("%1: %2").arg(r.caseId, r.evaluated.problem);
    }
    QString error;
    const bool ok = valid.empty()
        || storeEvaluations(StoreConnection::of(store), packRef, store.timestamp(), valid, error).has_value();
    if (!ok)
        summary.failures << QStringLiteral("cases %1..%2: %3").arg(rows.front().caseId, rows.back().caseId, error);
    const qint64 stored = qint64(valid.size());
    StoreResult<void> done = storeSuccess();
    if (ok)
        done
            = store.audit(QStringLiteral("evaluation.batch_stored"), QStringLiteral("rule_pack"), pack.sha256(), {}, {},
                QStringLiteral("%1 case(s) re-evaluated under %2 %3 (cases %4..%5)")
                    .arg(stored)
                    .arg(pack.id(), pack.version(), rows.front().caseId, rows.back().caseId));
    if (ok && done)
        done = tx.commit();
    if (!ok || !done) {
        if (summary.failures.isEmpty())
            summary.failures << done.error().message;
        return false;
    }
    summary.evaluated += stored;
    return true;
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
    // Pipelined (docs/store.md#performance-on-postgresql): while a batch is stored on this
    // thread (the connection's), the next one is read before and evaluated on the worker
    // threads meanwhile. Batches are stored in order, each in its own transaction, as before.
    std::vector<BatchRow> rows;
    std::vector<BatchRow> next;
    qint64 lastRef = 0;
    qint64 engineNs = 0;
    auto evaluate = [&engine, threads, &engineNs](std::vector<BatchRow> &batch) {
        QElapsedTimer engineTimer;
        engineTimer.start();
        evaluateBatch(batch, engine, threads);
        engineNs += engineTimer.nsecsElapsed();
    };
    QString error;
    if (cancel && cancel->load())
        summary.cancelled = true;
    else if (!readBatch(db, lastRef, batchSize, rows, error))
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
        const bool stored = storeBatch(m_store, rows, pack, packRef.value(), summary);
        ahead.join();
        if (!stored)
            break;
        if (progress)
            progress(summary.evaluated + summary.failed, summary.total);
        std::swap(rows, next);
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
