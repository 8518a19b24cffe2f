// SPDX-License-Identifier: GPL-3.0-or-later
// Cases and their immutable versions: saving, archiving, reading (docs/store.md).
#include "store/CaseRows.h"

#include "case/CaseData.h"
#include "engine/CaseEvaluation.h"
#include "store/CanonicalJson.h"

#include <QSqlError>
#include <QSqlQuery>

namespace consilium {

namespace {

QString stringMember(const json::Value &obj, const char *key)
{
    if (!obj.IsObject())
        return {};
    const auto it = obj.FindMember(key);
    if (it == obj.MemberEnd() || !it->value.IsString())
        return {};
    return json::toQString(it->value);
}

const QString kVersionColumns
    = QStringLiteral("v.id, c.case_id, v.version, v.created_at, v.created_by, v.content_sha256, v.content");

CaseVersion versionFrom(const SqlStatement &q, bool withContent)
{
    CaseVersion v;
    v.id = q.int64(QStringLiteral("id"));
    v.caseId = q.text(QStringLiteral("case_id"));
    v.version = q.integer(QStringLiteral("version"));
    v.createdAt = q.text(QStringLiteral("created_at"));
    v.createdBy = q.text(QStringLiteral("created_by"));
    v.contentSha256 = q.text(QStringLiteral("content_sha256"));
    if (withContent)
        v.content = q.text(QStringLiteral("content")).toUtf8();
    return v;
}

} // namespace

QString caseSummaryColumns()
{
    return QStringLiteral(
        "c.id, c.case_id, c.label, c.disease, c.created_at, c.updated_at, c.archived, v.version, c.latest_version_id");
}

CaseSummary caseSummaryFrom(const SqlStatement &q)
{
    CaseSummary s;
    s.ref = q.int64(QStringLiteral("id"));
    s.caseId = q.text(QStringLiteral("case_id"));
    s.label = q.text(QStringLiteral("label"));
    s.disease = q.text(QStringLiteral("disease"));
    s.createdAt = q.text(QStringLiteral("created_at"));
    s.updatedAt = q.text(QStringLiteral("updated_at"));
    s.archived = q.integer(QStringLiteral("archived")) != 0;
    s.latestVersion = q.integer(QStringLiteral("version"));
    s.latestVersionId = q.int64(QStringLiteral("latest_version_id"));
    return s;
}

StoreResult<CaseSummary> CaseStore::caseSummary(const QString &caseId)
{
    SqlStatement q(database(),
        QStringLiteral("SELECT %1 FROM cases c LEFT JOIN case_versions v ON v.id = c.latest_version_id"
                       " WHERE c.case_id = :case_id")
            .arg(caseSummaryColumns()));
    q.bind(QStringLiteral(":case_id"), caseId);
    if (!q.exec())
        return storeFailure(StoreErrc::Sql, QStringLiteral("cannot read case %1: %2").arg(caseId, q.errorText()));
    if (!q.next())
        return storeFailure(StoreErrc::NotFound, QStringLiteral("no case %1").arg(caseId));
    return caseSummaryFrom(q);
}

StoreResult<std::vector<CaseVersion>> CaseStore::versions(const QString &caseId, bool withContent)
{
    std::vector<CaseVersion> out;
    SqlStatement q(database(),
        QStringLiteral("SELECT %1 FROM case_versions v JOIN cases c ON c.id = v.case_ref WHERE c.case_id = :case_id"
                       " ORDER BY v.version")
            .arg(kVersionColumns));
    q.bind(QStringLiteral(":case_id"), caseId);
    if (!q.exec())
        return storeFailure(
            StoreErrc::Sql, QStringLiteral("cannot read the versions of case %1: %2").arg(caseId, q.errorText()));
    while (q.next())
        out.push_back(versionFrom(q, withContent));
    return out;
}

StoreResult<CaseVersion> CaseStore::version(qint64 versionId)
{
    SqlStatement q(database(),
        QStringLiteral("SELECT %1 FROM case_versions v JOIN cases c ON c.id = v.case_ref WHERE v.id = :id")
            .arg(kVersionColumns));
    q.bind(QStringLiteral(":id"), versionId);
    if (!q.exec())
        return storeFailure(
            StoreErrc::Sql, QStringLiteral("cannot read case version %1: %2").arg(versionId).arg(q.errorText()));
    if (!q.next())
        return storeFailure(StoreErrc::NotFound, QStringLiteral("no case version %1").arg(versionId));
    return versionFrom(q, true);
}

StoreResult<CaseVersion> CaseStore::latestVersion(const QString &caseId)
{
    SqlStatement q(database(),
        QStringLiteral("SELECT %1 FROM cases c JOIN case_versions v ON v.id = c.latest_version_id"
                       " WHERE c.case_id = :case_id")
            .arg(kVersionColumns));
    q.bind(QStringLiteral(":case_id"), caseId);
    if (!q.exec())
        return storeFailure(StoreErrc::Sql, QStringLiteral("cannot read case %1: %2").arg(caseId, q.errorText()));
    if (!q.next())
        return storeFailure(StoreErrc::NotFound, QStringLiteral("no case %1").arg(caseId));
    return versionFrom(q, true);
}

StoreResult<QStringList> CaseStore::allCaseIds(bool includeArchived)
{
    QStringList ids;
    SqlStatement q(database(),
        includeArchived ? QStringLiteral("SELECT case_id FROM cases ORDER BY case_id")
                        : QStringLiteral("SELECT case_id FROM cases WHERE archived = 0 ORDER BY case_id"));
    if (!q.exec())
        return storeFailure(StoreErrc::Sql, QStringLiteral("cannot list the cases: %1").arg(q.errorText()));
    while (q.next())
        ids << q.text(QStringLiteral("case_id"));
    return ids;
}

StoreResult<SaveOutcome> CaseStore::saveCase(
    const QByteArray &bytes, const RulePack &pack, std::optional<int> basedOnVersion)
{
    json::Document doc;
    const CaseReading reading = readCase(bytes, pack, {}, &doc);
    if (!reading.ok()) {
        const QString &id = reading.caseId;
        return storeFailure(StoreErrc::InvalidCase,
            id.isEmpty() ? QStringLiteral("invalid case") : QStringLiteral("invalid case %1").arg(id),
            reading.diag.lines());
    }
    return retrying([&] { return saveValidated(doc, basedOnVersion); }, Begin::WithFirstStatement);
}

StoreResult<SaveOutcome> CaseStore::saveValidated(const json::Value &doc, std::optional<int> basedOnVersion)
{
    SaveOutcome out;
    const QString caseId = stringMember(doc, "id");
    out.caseId = caseId;
    if (caseId.isEmpty())
        return storeFailure(StoreErrc::InvalidCase, QStringLiteral("$.id: missing"));
    const QString label = stringMember(doc, "label");
    const auto facts = doc.FindMember("facts");
    const QString disease = facts != doc.MemberEnd() ? stringMember(facts->value, "disease") : QString();
    const QByteArray content = compactJson(doc);
    const QString sha = sha256Hex(canonicalJson(doc));
    out.contentSha256 = sha;

    // Writers of one case wait for each other on its row's lock (docs/store.md#concurrent-writers);
    // the latest version is read after the lock is had, by a statement of its own (a fresh
    // snapshot). On PostgreSQL the two go in one round trip, behind the BEGIN if it is still to
    // be sent (saveCase).
    const QString begin = takeDeferredBegin();
    const QString lock = m_dialect->rowLock();
    const QString read
        = QStringLiteral("SELECT c.id, c.latest_version_id, v.version, v.content, v.content_sha256, v.created_by,"
                         " v.created_at FROM cases c LEFT JOIN case_versions v ON v.id = c.latest_version_id"
                         " WHERE c.case_id = :case_id");
    SqlStatement q(database(),
        lock.isEmpty()
            ? read
            : QStringLiteral("%1SELECT id FROM cases WHERE case_id = :case_id%2; %3").arg(begin, lock, read));
    q.bind(QStringLiteral(":case_id"), caseId);
    if (lock.isEmpty() ? !q.exec() : !q.execAll(begin.isEmpty() ? 2 : 3)) {
        const StoreError error = sqlError(q.lastError(), QStringLiteral("cannot lock and read case %1").arg(caseId));
        abortTransaction(error);
        return error;
    }
    NewVersion v { 0, caseId, label, disease, content, sha, 0, basedOnVersion };
    QString previousSha;
    const bool exists = q.next();
    if (exists) {
        v.ref = q.int64(QStringLiteral("id"));
        v.previous = q.integer(QStringLiteral("version"));
    }
    if (basedOnVersion && *basedOnVersion != v.previous) {
        const StoreError error = conflict(caseId, v.previous, exists ? q.text(QStringLiteral("created_by")) : QString(),
            exists ? q.text(QStringLiteral("created_at")) : QString(), *basedOnVersion);
        return error; // nothing was written: the caller's transaction may go on
    }
    if (exists) {
        previousSha = q.text(QStringLiteral("content_sha256"));
        // Equal JSON value as the latest version (docs/store.md): nothing to save.
        bool unchanged = previousSha == sha;
        if (!unchanged && v.previous > 0) {
            json::Document stored;
            unchanged = parseStored(q.value(QStringLiteral("content")).toByteArray(), stored) && jsonEqual(stored, doc);
        }
        if (unchanged) {
            out.status = SaveStatus::Unchanged;
            out.version = v.previous;
            out.versionId = q.int64(QStringLiteral("latest_version_id"));
            return out;
        }
    }
    q.finish();
    if (auto inserted = insertVersion(v, out); !inserted) {
        abortTransaction(inserted.error());
        return inserted.error();
    }
    if (auto audited = audit(QStringLiteral("case.version_added"), QStringLiteral("case"), caseId, previousSha, sha,
            QStringLiteral("version %1").arg(out.version));
        !audited)
        return audited.error();
    out.status = SaveStatus::Added;
    return out;
}

StoreError CaseStore::raceOrError(const NewVersion &v, const QSqlError &error) const
{
    if (m_dialect->classify(error) != SqlDialect::Failure::UniqueViolation)
        return sqlError(error, QStringLiteral("cannot save case %1").arg(v.caseId));
    // Another writer created the same case at the same moment (there was no row to lock):
    // against an opened version that is a conflict; without one, the save is tried again and
    // then becomes the next version (retrying()).
    if (v.basedOn)
        return { StoreErrc::Conflict,
            QStringLiteral("case %1 was saved by another user at the same moment since you %2; nothing was saved")
                .arg(v.caseId,
                    *v.basedOn == 0 ? QStringLiteral("started it as a new case")
                                    : QStringLiteral("opened version %1").arg(*v.basedOn)),
            {} };
    return { StoreErrc::Sql, QStringLiteral("case %1 was saved by another writer at the same moment").arg(v.caseId), {},
        true };
}

StoreResult<void> CaseStore::insertVersion(NewVersion &v, SaveOutcome &out)
{
    const QString now = timestamp();
    const QVariant disease = v.disease.isEmpty() ? QVariant() : QVariant(v.disease);
    if (v.ref == 0) {
        SqlStatement ins(database(),
            QStringLiteral("INSERT INTO cases (case_id, label, disease, created_at, updated_at)"
                           " VALUES (:case_id, :label, :disease, :created_at, :updated_at) RETURNING id"));
        ins.bind(QStringLiteral(":case_id"), v.caseId).bind(QStringLiteral(":label"), notNull(v.label));
        ins.bind(QStringLiteral(":disease"), disease).bind(QStringLiteral(":created_at"), now);
        ins.bind(QStringLiteral(":updated_at"), now);
        if (!ins.exec() || !ins.next())
            return raceOrError(v, ins.lastError());
        v.ref = ins.int64(QStringLiteral("id"));
    }
    // The version, the case row pointing at it, and the current verdicts (of the old version)
    // gone: on PostgreSQL one statement, one round trip (docs/store.md#performance-on-postgresql).
    const QString insert = QStringLiteral(
        "INSERT INTO case_versions (case_ref, version, created_at, created_by, content, content_sha256)"
        " VALUES (:case_ref, :version, :created_at, :created_by, :content, :content_sha256) RETURNING id");
    const QString clear = QStringLiteral("DELETE FROM current_verdicts WHERE case_ref = :case_ref");
    const QString update = QStringLiteral("UPDATE cases SET label = :label, disease = :disease,"
                                          " updated_at = :updated_at, latest_version_id = %1 WHERE id = :id");
    auto bindVersion = [&](SqlStatement &q) {
        q.bind(QStringLiteral(":case_ref"), v.ref).bind(QStringLiteral(":version"), v.previous + 1);
        q.bind(QStringLiteral(":created_at"), now).bind(QStringLiteral(":created_by"), m_actor.label());
        q.bind(QStringLiteral(":content"), QString::fromUtf8(v.content));
        q.bind(QStringLiteral(":content_sha256"), v.sha);
    };
    auto bindCase = [&](SqlStatement &q) {
        q.bind(QStringLiteral(":label"), notNull(v.label)).bind(QStringLiteral(":disease"), disease);
        q.bind(QStringLiteral(":updated_at"), now).bind(QStringLiteral(":id"), v.ref);
    };
    out.version = v.previous + 1;
    if (m_postgres) {
        SqlStatement all(database(),
            QStringLiteral("WITH added AS (%1), stale AS (%2) %3 RETURNING latest_version_id")
                .arg(insert, clear, update.arg(QStringLiteral("(SELECT id FROM added)"))));
        bindVersion(all);
        bindCase(all);
        if (!all.exec() || !all.next())
            return raceOrError(v, all.lastError());
        out.versionId = all.int64(QStringLiteral("latest_version_id"));
        return storeSuccess();
    }
    SqlStatement ver(database(), insert); // the key in the same round trip (no last_insert_rowid())
    bindVersion(ver);
    if (!ver.exec() || !ver.next())
        return raceOrError(v, ver.lastError());
    out.versionId = ver.int64(QStringLiteral("id"));
    ver.finish();
    SqlStatement upd(database(), update.arg(QStringLiteral(":latest")));
    bindCase(upd);
    upd.bind(QStringLiteral(":latest"), out.versionId);
    if (!upd.exec())
        return storeFailure(StoreErrc::Sql, upd.errorText());
    SqlStatement stale(database(), clear);
    stale.bind(QStringLiteral(":case_ref"), v.ref);
    if (!stale.exec())
        return storeFailure(StoreErrc::Sql, stale.errorText());
    return storeSuccess();
}

StoreResult<void> CaseStore::setArchived(const QString &caseId, bool archived)
{
    const auto s = caseSummary(caseId);
    if (!s)
        return s.error();
    if (s.value().archived == archived)
        return storeSuccess();
    WriteTransaction tx(*this);
    if (!tx.begun())
        return tx.begun();
    SqlStatement q(
        database(), QStringLiteral("UPDATE cases SET archived = :archived, updated_at = :at WHERE id = :id"));
    q.bind(QStringLiteral(":archived"), archived ? 1 : 0).bind(QStringLiteral(":at"), timestamp());
    q.bind(QStringLiteral(":id"), s.value().ref);
    if (!q.exec())
        return storeFailure(StoreErrc::Sql, q.errorText());
    if (auto audited = audit(archived ? QStringLiteral("case.archived") : QStringLiteral("case.unarchived"),
            QStringLiteral("case"), caseId, {}, {});
        !audited)
        return audited;
    return tx.commit();
}

} // namespace consilium
