// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/Migrations.h"

#include "store/RequiredRoles.h"

#include <QSqlError>
#include <QSqlQuery>

namespace consilium {

namespace {

QStringList version1(const SqlDialect &d)
{
    QStringList s {
        QStringLiteral("CREATE TABLE cases ("
                       " id {id},"
                       " case_id TEXT NOT NULL UNIQUE,"
                       " label TEXT NOT NULL DEFAULT '',"
                       " disease TEXT,"
                       " created_at TEXT NOT NULL,"
                       " updated_at TEXT NOT NULL,"
                       " latest_version_id INTEGER)"),
        QStringLiteral("CREATE INDEX cases_by_disease ON cases (disease, case_id)"),
        QStringLiteral("CREATE TABLE case_versions ("
                       " id {id},"
                       " case_ref INTEGER NOT NULL REFERENCES cases (id),"
                       " version INTEGER NOT NULL,"
                       " created_at TEXT NOT NULL,"
                       " created_by TEXT NOT NULL,"
                       " content TEXT NOT NULL,"
                       " content_sha256 TEXT NOT NULL,"
                       " UNIQUE (case_ref, version))"),
        QStringLiteral("CREATE TABLE rule_packs ("
                       " id {id},"
                       " sha256 TEXT NOT NULL UNIQUE,"
                       " pack_id TEXT NOT NULL,"
                       " pack_version TEXT NOT NULL,"
                       " content {blob} NOT NULL,"
                       " stored_at TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE evaluations ("
                       " id {id},"
                       " case_version_id INTEGER NOT NULL REFERENCES case_versions (id),"
                       " pack_ref INTEGER NOT NULL REFERENCES rule_packs (id),"
                       " engine_version TEXT NOT NULL,"
                       " evaluated_at TEXT NOT NULL,"
                       " compact TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX evaluations_by_version ON evaluations (case_version_id, pack_ref)"),
        // Derived index, rebuilt from evaluations: the verdicts of the latest evaluation of each
        // case's latest version, per pack. Makes `list --verdict` an index range.
        QStringLiteral("CREATE TABLE current_verdicts ("
                       " case_ref INTEGER NOT NULL REFERENCES cases (id),"
                       " pack_ref INTEGER NOT NULL REFERENCES rule_packs (id),"
                       " group_key TEXT NOT NULL,"
                       " verdict TEXT NOT NULL,"
                       " evaluation_id INTEGER NOT NULL REFERENCES evaluations (id),"
                       " PRIMARY KEY (case_ref, pack_ref, group_key))"),
        QStringLiteral("CREATE INDEX current_verdicts_by_verdict ON current_verdicts (pack_ref, group_key, verdict)"),
        QStringLiteral("CREATE TABLE audit_log ("
                       " id {id},"
                       " at TEXT NOT NULL,"
                       " os_user TEXT NOT NULL,"
                       " display_name TEXT NOT NULL,"
                       " action TEXT NOT NULL,"
                       " object_type TEXT NOT NULL,"
                       " object_id TEXT NOT NULL,"
                       " before_hash TEXT NOT NULL,"
                       " after_hash TEXT NOT NULL,"
                       " detail TEXT NOT NULL,"
                       " prev_hash TEXT NOT NULL,"
                       " hash TEXT NOT NULL)"),
    };
    s << d.protectTable(QStringLiteral("audit_log"));
    s << d.protectTable(QStringLiteral("case_versions"));
    s << d.protectTable(QStringLiteral("rule_packs"));
    s << d.protectTable(QStringLiteral("evaluations"));
    return s;
}

QStringList version2(const SqlDialect &d)
{
    const QString decisionFinal = QStringLiteral("(SELECT status FROM decisions WHERE id = {fk}) = 'final'");
    QStringList s {
        QStringLiteral("ALTER TABLE cases ADD COLUMN archived INTEGER NOT NULL DEFAULT 0"),
        QStringLiteral("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
        // Site default for the roles that must state a position before a decision is final.
        QStringLiteral("INSERT INTO settings (key, value) VALUES ('%1', '%2')")
            .arg(RequiredRoles::settingKey(),
                QString::fromUtf8(RequiredRoles::defaultSetting()).replace(QLatin1Char('\''), QStringLiteral("''"))),
        QStringLiteral("CREATE TABLE conferences ("
                       " id {id},"
                       " held_on TEXT NOT NULL,"
                       " title TEXT NOT NULL,"
                       " created_at TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE conference_attendees ("
                       " conference_id INTEGER NOT NULL REFERENCES conferences (id),"
                       " name TEXT NOT NULL,"
                       " role TEXT NOT NULL,"
                       " PRIMARY KEY (conference_id, name, role))"),
        QStringLiteral("CREATE TABLE conference_cases ("
                       " conference_id INTEGER NOT NULL REFERENCES conferences (id),"
                       " case_ref INTEGER NOT NULL REFERENCES cases (id),"
                       " listed_at TEXT NOT NULL,"
                       " PRIMARY KEY (conference_id, case_ref))"),
        QStringLiteral("CREATE TABLE decisions ("
                       " id {id},"
                       " conference_id INTEGER NOT NULL REFERENCES conferences (id),"
                       " case_version_id INTEGER NOT NULL REFERENCES case_versions (id),"
                       " pack_ref INTEGER NOT NULL REFERENCES rule_packs (id),"
                       " engine_version TEXT NOT NULL,"
                       " result_json TEXT NOT NULL,"
                       " outcome TEXT NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'arm', 'deferred')),"
                       " chosen_arm TEXT,"
                       " rationale TEXT NOT NULL DEFAULT '',"
                       " status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),"
                       " corrects_id INTEGER REFERENCES decisions (id),"
                       " created_at TEXT NOT NULL,"
                       " created_by TEXT NOT NULL,"
                       " finalised_at TEXT,"
                       " finalised_by TEXT)"),
        QStringLiteral("CREATE INDEX decisions_by_version ON decisions (case_version_id)"),
        QStringLiteral("CREATE TABLE decision_roles ("
                       " decision_id INTEGER NOT NULL REFERENCES decisions (id),"
                       " role TEXT NOT NULL,"
                       " PRIMARY KEY (decision_id, role))"),
        QStringLiteral("CREATE TABLE decision_positions ("
                       " id {id},"
                       " decision_id INTEGER NOT NULL REFERENCES decisions (id),"
                       " participant TEXT NOT NULL,"
                       " role TEXT NOT NULL,"
                       " position TEXT NOT NULL CHECK (position IN ('agree', 'disagree', 'abstain')),"
                       " reason TEXT NOT NULL DEFAULT '',"
                       " recorded_at TEXT NOT NULL,"
                       " UNIQUE (decision_id, participant, role))"),
        QStringLiteral("CREATE TABLE decision_overrides ("
                       " id {id},"
                       " decision_id INTEGER NOT NULL REFERENCES decisions (id),"
                       " criterion_id TEXT NOT NULL,"
                       " reason_code TEXT NOT NULL,"
                       " text TEXT NOT NULL,"
                       " recorded_at TEXT NOT NULL,"
                       " recorded_by TEXT NOT NULL)"),
    };
    // Finalised decisions are immutable in the database itself, not only in code.
    s << d.protectTable(QStringLiteral("decisions"), QStringLiteral("OLD.status = 'final'"));
    s << d.refuseUpdateWhen(QStringLiteral("decisions_final_needs_roles"), QStringLiteral("decisions"),
        QStringLiteral("NEW.status = 'final' AND EXISTS (SELECT 1 FROM decision_roles r"
                       " WHERE r.decision_id = NEW.id AND NOT EXISTS (SELECT 1 FROM"
                       " decision_positions p WHERE p.decision_id = r.decision_id"
                       " AND p.role = r.role))"),
        QStringLiteral("every required role must record a position before finalising"));
    s << d.refuseUpdateWhen(QStringLiteral("decisions_final_needs_outcome"), QStringLiteral("decisions"),
        QStringLiteral("NEW.status = 'final' AND NEW.outcome = 'pending'"),
        QStringLiteral("a decision needs a chosen arm or a deferral before finalising"));
    s << d.protectChildren(QStringLiteral("decision_roles"), QStringLiteral("decision_id"), decisionFinal);
    s << d.protectChildren(QStringLiteral("decision_positions"), QStringLiteral("decision_id"), decisionFinal);
    s << d.protectChildren(QStringLiteral("decision_overrides"), QStringLiteral("decision_id"), decisionFinal);
    return s;
}

QStringList version3(const SqlDialect &)
{
    // The user who typed a position in, beside the participant it is for. Rows written before
    // v3 did not record it: '' (shown as "not recorded"), never a guessed name.
    return { QStringLiteral("ALTER TABLE decision_positions ADD COLUMN recorded_by TEXT NOT NULL DEFAULT ''") };
}

QStringList version4(const SqlDialect &d)
{
    // Follow-up records of finalised decisions (issue 14; docs/store.md#follow-up): append-only,
    // the latest row of a decision is its follow-up, the older ones its history. `content` is
    // the record as consilium-follow-up/1 JSON; the other columns repeat what the lists select by.
    QStringList s {
        QStringLiteral("CREATE TABLE follow_ups ("
                       " id {id},"
                       " decision_id INTEGER NOT NULL REFERENCES decisions (id),"
                       " status TEXT NOT NULL CHECK (status IN ('carried_out', 'not_carried_out')),"
                       " treated_on TEXT,"
                       " arm TEXT,"
                       " option_id TEXT,"
                       " content TEXT NOT NULL,"
                       " content_sha256 TEXT NOT NULL,"
                       " recorded_at TEXT NOT NULL,"
                       " recorded_by TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX follow_ups_by_decision ON follow_ups (decision_id, id)"),
    };
    s << d.protectTable(QStringLiteral("follow_ups"));
    return s;
}

QStringList version5(const SqlDialect &)
{
    // The verdict filters of the case list (CaseList.cpp) read the case refs of one pack, group
    // and verdict: with case_ref in the index they are read from the index alone, without a
    // visit to the table per match (RESOLUTION `undetermined`: 28,617 rows on 14,675 pages of
    // 100,000 cases; docs/store.md#performance-on-postgresql). It serves every query the
    // index it replaces served (the same leading columns).
    return { QStringLiteral("CREATE INDEX current_verdicts_by_verdict_case ON current_verdicts"
                            " (pack_ref, group_key, verdict, case_ref)"),
        QStringLiteral("DROP INDEX current_verdicts_by_verdict") };
}

QStringList version6(const SqlDialect &)
{
    // current_verdicts keyed by an integer group id (issue 13, docs/store.md#performance-on-postgresql):
    // `verdict_groups` names each verdict group key once (an arm, a sub-option, `option:<id>`),
    // whatever the pack. The row no longer carries the evaluation it came from: nothing read it,
    // and it is the latest evaluation of (latest version, pack) in `evaluations`
    // (evaluations_by_version). Without it a re-evaluation that leaves a verdict as it was writes
    // nothing for it. Foreign keys: the case (a purge must clear the rows first); rule_packs and
    // verdict_groups are never deleted from, and their ids come from those tables.
    return {
        QStringLiteral("CREATE TABLE verdict_groups (id {id}, group_key TEXT NOT NULL UNIQUE)"),
        QStringLiteral("INSERT INTO verdict_groups (group_key) SELECT DISTINCT group_key FROM current_verdicts"
                       " ORDER BY group_key"),
        QStringLiteral("CREATE TABLE current_verdicts_v6 ("
                       " case_ref INTEGER NOT NULL REFERENCES cases (id),"
                       " pack_ref INTEGER NOT NULL,"
                       " group_ref INTEGER NOT NULL,"
                       " verdict TEXT NOT NULL,"
                       " PRIMARY KEY (case_ref, pack_ref, group_ref))"),
        QStringLiteral("INSERT INTO current_verdicts_v6 (case_ref, pack_ref, group_ref, verdict)"
                       " SELECT v.case_ref, v.pack_ref, g.id, v.verdict FROM current_verdicts v"
                       " JOIN verdict_groups g ON g.group_key = v.group_key"),
        QStringLiteral("DROP TABLE current_verdicts"),
        QStringLiteral("ALTER TABLE current_verdicts_v6 RENAME TO current_verdicts"),
        QStringLiteral("CREATE INDEX current_verdicts_by_verdict_case ON current_verdicts"
                       " (pack_ref, group_ref, verdict, case_ref)"),
    };
}

QStringList version7(const SqlDialect &d)
{
    // One round trip appends an audit row on PostgreSQL (issue 13, docs/store.md#performance-on-postgresql):
    // a save queued behind the audit lock for the lock, the head and the row, three round trips;
    // now the lock is held for that one statement and the COMMIT. SQLite: nothing (its client
    // appends under BEGIN IMMEDIATE).
    return d.auditAppendSetup();
}

QStringList version8(const SqlDialect &d)
{
    // PostgreSQL: current_verdicts without its foreign key to cases (issue 13,
    // docs/store.md#performance-on-postgresql). The key's check ran once per verdict row, 17 rows
    // a case under 2026.2, and took about 40 % of the server's time for a batch under a new pack.
    // The statement that writes the rows locks each case once instead (FOR NO KEY UPDATE, Evaluations.cpp)
    // and writes rows only for a case whose latest version is the one evaluated; a purge deletes
    // a case's rows before the case. SQLite keeps the key: one writer, and a check that costs
    // little there.
    if (d.driverName() != QLatin1String("QPSQL"))
        return {};
    return { QStringLiteral("ALTER TABLE current_verdicts DROP CONSTRAINT current_verdicts_v6_case_ref_fkey") };
}

} // namespace

QStringList Migrations::step(int version, const SqlDialect &dialect)
{
    QStringList statements;
    switch (version) {
    case 1:
        statements = version1(dialect);
        break;
    case 2:
        statements = version2(dialect);
        break;
    case 3:
        statements = version3(dialect);
        break;
    case 4:
        statements = version4(dialect);
        break;
    case 5:
        statements = version5(dialect);
        break;
    case 6:
        statements = version6(dialect);
        break;
    case 7:
        statements = version7(dialect);
        break;
    case 8:
        statements = version8(dialect);
        break;
    default:
        break;
    }
    // The column types that differ between the engines (SqlDialect::idColumn, blobType).
    for (QString &sql : statements)
        sql.replace(QStringLiteral("{id}"), dialect.idColumn()).replace(QStringLiteral("{blob}"), dialect.blobType());
    return statements;
}

bool Migrations::migrate(
    const QSqlDatabase &db, const SqlDialect &dialect, int target, QString &error, std::vector<int> *applied)
{
    const auto current = dialect.schemaVersion(db);
    if (!current) {
        error = QStringLiteral("cannot read the schema version");
        return false;
    }
    for (int v = *current + 1; v <= target; ++v) {
        QSqlQuery q(db);
        if (!q.exec(dialect.beginWrite())) {
            error = QStringLiteral("schema v%1: %2").arg(v).arg(q.lastError().text());
            return false;
        }
        const QString lock = dialect.migrationLock();
        if (!lock.isEmpty() && !q.exec(lock)) {
            error = QStringLiteral("schema v%1: %2").arg(v).arg(q.lastError().text());
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            return false;
        }
        // Re-read inside the write lock: another process may have migrated meanwhile.
        const auto now = dialect.schemaVersion(db);
        if (now && *now >= v) {
            q.exec(QStringLiteral("COMMIT"));
            continue;
        }
        bool ok = true;
        for (const QString &sql : step(v, dialect)) {
            if (!q.exec(sql)) {
                error = QStringLiteral("schema v%1: %2 (%3)").arg(v).arg(q.lastError().text(), sql.left(80));
                ok = false;
                break;
            }
        }
        if (ok && !dialect.setSchemaVersion(db, v)) {
            error = QStringLiteral("schema v%1: cannot record the version").arg(v);
            ok = false;
        }
        if (ok && !q.exec(QStringLiteral("COMMIT"))) {
            error = QStringLiteral("schema v%1: %2").arg(v).arg(q.lastError().text());
            ok = false;
        }
        if (!ok) {
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            return false;
        }
        if (applied)
            applied->push_back(v);
    }
    return true;
}

} // namespace consilium
