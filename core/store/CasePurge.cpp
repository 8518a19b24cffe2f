// SPDX-License-Identifier: GPL-3.0-or-later
// Purging an archived case (docs/store.md: the one exception to "nothing is deleted").
#include "store/CanonicalJson.h"
#include "store/CaseStore.h"
#include "store/SqlRows.h"

#include "engine/JsonValues.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace consilium {

namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

using jsonout::writeString;

// The rows a purge removes from one table, in a fixed order, each as an array of its column
// values in schema order: what the purge's before-hash is computed over.
bool manifestRows(
    JsonWriter &w, const QSqlDatabase &db, const char *name, const QString &sql, qint64 ref, QString &error)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(sql);
    q.addBindValue(ref);
    if (!q.exec()) {
        error = q.lastError().text();
        return false;
    }
    w.Key(name);
    w.StartArray();
    while (q.next()) {
        const int columns = q.record().count();
        w.StartArray();
        for (int i = 0; i < columns; ++i) {
            const QVariant v = q.value(i);
            const int type = v.metaType().id();
            if (v.isNull())
                w.Null();
            else if (type == QMetaType::LongLong || type == QMetaType::Int)
                w.Int64(v.toLongLong());
            else
                writeString(w, v.toString());
        }
        w.EndArray();
    }
    w.EndArray();
    return true;
}

// The before-hash of a purge: everything that is about to go, row by row.
std::optional<QString> purgeManifestSha(
    const QSqlDatabase &db, qint64 ref, const QString &decisionsOfCase, const QString &versionsOfCase, QString &error)
{
    rapidjson::StringBuffer buffer;
    JsonWriter w(buffer);
    w.StartObject();
    w.Key("format");
    w.String("consilium-purge/1");
    const std::pair<const char *, QString> tables[] = {
        { "cases", QStringLiteral("SELECT * FROM cases WHERE id = ?") },
        { "case_versions", QStringLiteral("SELECT * FROM case_versions WHERE case_ref = ? ORDER BY id") },
        { "evaluations",
            QStringLiteral("SELECT * FROM evaluations WHERE case_version_id IN (%1) ORDER BY id").arg(versionsOfCase) },
        { "decisions", QStringLiteral("SELECT * FROM decisions WHERE id IN (%1) ORDER BY id").arg(decisionsOfCase) },
        { "decision_roles",
            QStringLiteral("SELECT * FROM decision_roles WHERE decision_id IN (%1) ORDER BY decision_id, role")
                .arg(decisionsOfCase) },
        { "decision_positions",
            QStringLiteral("SELECT * FROM decision_positions WHERE decision_id IN (%1) ORDER BY id")
                .arg(decisionsOfCase) },
        { "decision_overrides",
            QStringLiteral("SELECT * FROM decision_overrides WHERE decision_id IN (%1) ORDER BY id")
                .arg(decisionsOfCase) },
        { "conference_cases",
            QStringLiteral("SELECT * FROM conference_cases WHERE case_ref = ? ORDER BY conference_id") },
    };
    for (const auto &[name, sql] : tables) {
        if (!manifestRows(w, db, name, sql, ref, error)) {
            error = QStringLiteral("cannot read %1 for the purge: %2").arg(QLatin1String(name), error);
            return std::nullopt;
        }
    }
    w.EndObject();
    return sha256Hex(QByteArray(buffer.GetString(), qsizetype(buffer.GetSize())));
}

} // namespace

StoreResult<void> CaseStore::purgeRows(
    qint64 ref, const QString &caseId, const QString &decisionsOfCase, const QString &versionsOfCase, PurgeOutcome &out)
{
    QSqlDatabase db = database();
    // The delete guards of the two append-only tables that hold the case are lifted for this
    // transaction only; their stored definitions are put back before COMMIT (DDL is
    // transactional in SQLite, so no other connection ever sees the tables unguarded, and a
    // crash or a failure rolls the whole purge back). Finalised decisions and the audit log keep
    // their guards throughout.
    const QStringList guarded { QStringLiteral("evaluations"), QStringLiteral("case_versions") };
    std::vector<std::pair<QString, QString>> guards; // name, definition
    for (const QString &table : guarded) {
        const QString name = m_dialect->deleteGuardName(table);
        const QString definition = m_dialect->triggerDefinition(db, name);
        if (definition.isEmpty())
            return storeFailure(StoreErrc::Refused,
                QStringLiteral("the protective trigger %1 is missing (the database was changed "
                               "outside Consilium); nothing was purged")
                    .arg(name));
        guards.emplace_back(name, definition);
    }
    StoreError error; // the first statement that failed
    // Each DELETE binds the case's row id once.
    auto run = [&](const QString &sql, int *affected) {
        QSqlQuery q(db);
        q.prepare(sql);
        q.addBindValue(ref);
        if (!q.exec()) {
            error = { StoreErrc::Sql, QStringLiteral("purge of %1: %2").arg(caseId, q.lastError().text()), {} };
            return false;
        }
        if (affected)
            *affected = q.numRowsAffected();
        return true;
    };
    auto ddl = [&](const QString &sql) {
        QSqlQuery q(db);
        if (!q.exec(sql)) {
            error = { StoreErrc::Sql, QStringLiteral("purge of %1: %2").arg(caseId, q.lastError().text()), {} };
            return false;
        }
        return true;
    };
    bool ok
        = run(QStringLiteral("DELETE FROM decision_overrides WHERE decision_id IN (%1)").arg(decisionsOfCase), nullptr)
        && run(QStringLiteral("DELETE FROM decision_positions WHERE decision_id IN (%1)").arg(decisionsOfCase), nullptr)
        && run(QStringLiteral("DELETE FROM decision_roles WHERE decision_id IN (%1)").arg(decisionsOfCase), nullptr)
        && run(QStringLiteral("DELETE FROM decisions WHERE case_version_id IN (%1)").arg(versionsOfCase),
            &out.draftDecisions)
        && run(QStringLiteral("DELETE FROM current_verdicts WHERE case_ref = ?"), nullptr);
    for (std::size_t i = 0; ok && i < guards.size(); ++i)
        ok = ddl(m_dialect->dropTrigger(guards[i].first, guarded[qsizetype(i)]));
    ok = ok
        && run(QStringLiteral("DELETE FROM evaluations WHERE case_version_id IN (%1)").arg(versionsOfCase),
            &out.evaluations)
        && run(QStringLiteral("DELETE FROM case_versions WHERE case_ref = ?"), &out.versions)
        && run(QStringLiteral("DELETE FROM conference_cases WHERE case_ref = ?"), &out.conferenceListings)
        && run(QStringLiteral("DELETE FROM cases WHERE id = ?"), nullptr);
    for (std::size_t i = 0; ok && i < guards.size(); ++i)
        ok = ddl(guards[i].second);
    if (!ok)
        return error;
    for (const auto &[name, definition] : guards) {
        if (m_dialect->triggerDefinition(db, name) != definition)
            return storeFailure(StoreErrc::Sql,
                QStringLiteral("purge of %1: the protective trigger %2 could not be restored; nothing "
                               "was purged")
                    .arg(caseId, name));
    }
    return storeSuccess();
}

StoreResult<PurgeOutcome> CaseStore::purgeCase(const QString &caseId, const QString &confirmation)
{
    if (caseId.isEmpty() || confirmation != caseId)
        return storeFailure(StoreErrc::Refused,
            QStringLiteral("purging case %1 needs the case id typed again as confirmation; nothing was purged")
                .arg(caseId));
    WriteTransaction tx(*this);
    if (!tx.begun())
        return tx.begun().error();
    // Checked inside the write transaction: nothing can change between the checks and the purge.
    const auto summary = caseSummary(caseId);
    if (!summary)
        return summary.error();
    if (!summary.value().archived)
        return storeFailure(StoreErrc::Refused,
            QStringLiteral("case %1 is not archived; only an archived case can be purged (archive it "
                           "first: consilium-cli db archive %1)")
                .arg(caseId));
    const qint64 ref = summary.value().ref;
    QSqlDatabase db = database();
    const QString decisionsOfCase = QStringLiteral("SELECT d.id FROM decisions d JOIN case_versions v"
                                                   " ON v.id = d.case_version_id WHERE v.case_ref = ?");
    const QString versionsOfCase = QStringLiteral("SELECT id FROM case_versions WHERE case_ref = ?");
    {
        SqlStatement q(db,
            QStringLiteral("SELECT d.id FROM decisions d JOIN case_versions v ON v.id = d.case_version_id"
                           " WHERE v.case_ref = :ref AND d.status = 'final' ORDER BY d.id"));
        q.bind(QStringLiteral(":ref"), ref);
        if (!q.exec())
            return storeFailure(StoreErrc::Sql, q.errorText());
        QStringList finalised;
        while (q.next())
            finalised << QString::number(q.int64(QStringLiteral("id")));
        if (!finalised.isEmpty())
            return storeFailure(StoreErrc::Refused,
                QStringLiteral("case %1 cannot be purged: finalised decision(s) %2 rest on its versions and must stay "
                               "replayable with the case as it was decided; it stays archived")
                    .arg(caseId, finalised.join(QStringLiteral(", "))));
    }

    QString error;
    const auto manifestSha = purgeManifestSha(db, ref, decisionsOfCase, versionsOfCase, error);
    if (!manifestSha)
        return storeFailure(StoreErrc::Sql, error);
    PurgeOutcome out;
    out.caseId = caseId;
    out.contentSha256 = *manifestSha;
    if (auto purged = purgeRows(ref, caseId, decisionsOfCase, versionsOfCase, out); !purged)
        return purged.error();
    if (auto audited = audit(QStringLiteral("purge"), QStringLiteral("case"), caseId, out.contentSha256, {},
            QStringLiteral("archived case purged after confirmation: %1 version(s), %2 evaluation(s), %3 draft "
                           "decision(s), %4 conference listing(s) removed")
                .arg(out.versions)
                .arg(out.evaluations)
                .arg(out.draftDecisions)
                .arg(out.conferenceListings));
        !audited)
        return audited.error();
    out.auditRow = m_audit->head().value_or(AuditHead {}).id;
    if (auto committed = tx.commit(); !committed)
        return committed.error();
    return out;
}

} // namespace consilium
