// SPDX-License-Identifier: GPL-3.0-or-later
// Reading cases and their immutable versions (docs/store.md).
#include "store/CaseRows.h"

namespace consilium {

namespace {

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

std::optional<CaseSummary> CaseStore::caseSummary(const QString &caseId)
{
    SqlStatement q(database(),
        QStringLiteral("SELECT %1 FROM cases c LEFT JOIN case_versions v ON v.id = c.latest_version_id"
                       " WHERE c.case_id = :case_id")
            .arg(caseSummaryColumns()));
    q.bind(QStringLiteral(":case_id"), caseId);
    if (!q.exec() || !q.next()) {
        fail(StoreErrc::NotFound, QStringLiteral("no case %1").arg(caseId));
        return std::nullopt;
    }
    return caseSummaryFrom(q);
}

std::vector<CaseVersion> CaseStore::versions(const QString &caseId, bool withContent)
{
    std::vector<CaseVersion> out;
    SqlStatement q(database(),
        QStringLiteral("SELECT %1 FROM case_versions v JOIN cases c ON c.id = v.case_ref WHERE c.case_id = :case_id"
                       " ORDER BY v.version")
            .arg(kVersionColumns));
    q.bind(QStringLiteral(":case_id"), caseId);
    if (q.exec()) {
        while (q.next())
            out.push_back(versionFrom(q, withContent));
    }
    return out;
}

std::optional<CaseVersion> CaseStore::version(qint64 versionId)
{
    SqlStatement q(database(),
        QStringLiteral("SELECT %1 FROM case_versions v JOIN cases c ON c.id = v.case_ref WHERE v.id = :id")
            .arg(kVersionColumns));
    q.bind(QStringLiteral(":id"), versionId);
    if (!q.exec() || !q.next()) {
        fail(StoreErrc::NotFound, QStringLiteral("no case version %1").arg(versionId));
        return std::nullopt;
    }
    return versionFrom(q, true);
}

std::optional<CaseVersion> CaseStore::latestVersion(const QString &caseId)
{
    SqlStatement q(database(),
        QStringLiteral("SELECT %1 FROM cases c JOIN case_versions v ON v.id = c.latest_version_id"
                       " WHERE c.case_id = :case_id")
            .arg(kVersionColumns));
    q.bind(QStringLiteral(":case_id"), caseId);
    if (!q.exec() || !q.next()) {
        fail(StoreErrc::NotFound, QStringLiteral("no case %1").arg(caseId));
        return std::nullopt;
    }
    return versionFrom(q, true);
}

QStringList CaseStore::allCaseIds(bool includeArchived)
{
    QStringList ids;
    SqlStatement q(database(),
        includeArchived ? QStringLiteral("SELECT case_id FROM cases ORDER BY case_id")
                        : QStringLiteral("SELECT case_id FROM cases WHERE archived = 0 ORDER BY case_id"));
    if (q.exec()) {
        while (q.next())
            ids << q.text(QStringLiteral("case_id"));
    }
    return ids;
}

} // namespace consilium
