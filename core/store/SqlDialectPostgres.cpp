// SPDX-License-Identifier: GPL-3.0-or-later
// The PostgreSQL 15 dialect of the store (QPSQL; issue 13, docs/store.md#postgresql): the same
// schema, guarantees and refusal messages as the SQLite dialect in SqlDialect.cpp.
#include "store/SqlDialect.h"
#include "store/SqlRows.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace consilium {

namespace {

// Keys of the advisory locks (pg_advisory_xact_lock(key1, key2)): the application id "Cons"
// (docs/store.md#engine-and-dialect) and one number per purpose.
constexpr int kLockSpace = 0x436F6E73;
constexpr int kMigrationLock = 1;
constexpr int kAuditLock = 2;

bool execAll(const QSqlDatabase &db, const QStringList &statements, QString *error = nullptr)
{
    for (const QString &sql : statements) {
        QSqlQuery q(db);
        if (!q.exec(sql)) {
            if (error)
                *error = QStringLiteral("%1: %2").arg(sql.left(60), q.lastError().text());
            return false;
        }
    }
    return true;
}

// Whether a table exists, without touching it (a missing table aborts a PostgreSQL transaction).
std::optional<bool> tableExists(const QSqlDatabase &db, const QString &table)
{
    SqlStatement q(db, QStringLiteral("SELECT to_regclass(:table) IS NOT NULL AS present"));
    q.bind(QStringLiteral(":table"), table);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return q.value(QStringLiteral("present")).toBool();
}

// A plpgsql trigger function and its BEFORE trigger, both named `name`: raises `message` when
// `condition` (over NEW/OLD; empty: always) holds. PostgreSQL's trigger WHEN clause takes no
// subqueries, so the condition is tested in the function.
QStringList guard(
    const QString &name, const QString &events, const QString &table, const QString &condition, const QString &message)
{
    const QString raise = QStringLiteral("RAISE EXCEPTION '%1';").arg(message);
    const QString body = condition.isEmpty() ? raise : QStringLiteral("IF %1 THEN %2 END IF;").arg(condition, raise);
    return {
        QStringLiteral("CREATE FUNCTION %1() RETURNS trigger LANGUAGE plpgsql AS $consilium$ BEGIN %2 "
                       "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $consilium$")
            .arg(name, body),
        QStringLiteral("CREATE TRIGGER %1 BEFORE %2 ON %3 FOR EACH ROW EXECUTE FUNCTION %1()").arg(name, events, table)
    };
}

class PostgresDialect final : public SqlDialect
{
public:
    QString driverName() const override { return QStringLiteral("QPSQL"); }

    bool configure(const QSqlDatabase &db, int busyTimeoutMs, bool writer, QString &error) const override
    {
        Q_UNUSED(writer);
        // A statement waits for a lock as long as SQLite's busy timeout would; notices stay quiet.
        return execAll(db,
            { QStringLiteral("SET lock_timeout = %1").arg(busyTimeoutMs),
                QStringLiteral("SET client_min_messages = warning") },
            &error);
    }

    // Versions in a table of their own, one row per applied step (docs/store.md#postgresql).
    std::optional<int> schemaVersion(const QSqlDatabase &db) const override
    {
        const auto present = tableExists(db, QStringLiteral("schema_version"));
        if (!present)
            return std::nullopt;
        if (!*present)
            return 0;
        SqlStatement q(db, QStringLiteral("SELECT coalesce(max(version), 0) AS version FROM schema_version"));
        if (!q.exec() || !q.next())
            return std::nullopt;
        return q.integer(QStringLiteral("version"));
    }

    bool setSchemaVersion(const QSqlDatabase &db, int version) const override
    {
        if (!execAll(db,
                { QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
                                 " applied_at TEXT NOT NULL)") }))
            return false;
        SqlStatement q(db,
            QStringLiteral("INSERT INTO schema_version (version, applied_at) VALUES (:version,"
                           " to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'))"));
        q.bind(QStringLiteral(":version"), version);
        return q.exec();
    }

    // SQLite's PRAGMA application_id, as a row of consilium_meta.
    std::optional<qint64> applicationId(const QSqlDatabase &db) const override
    {
        const auto present = tableExists(db, QStringLiteral("consilium_meta"));
        if (!present)
            return std::nullopt;
        if (!*present)
            return 0;
        SqlStatement q(db, QStringLiteral("SELECT value FROM consilium_meta WHERE key = 'application_id'"));
        if (!q.exec())
            return std::nullopt;
        return q.next() ? q.text(QStringLiteral("value")).toLongLong() : 0;
    }

    bool setApplicationId(const QSqlDatabase &db, qint64 id) const override
    {
        if (!execAll(db,
                { QStringLiteral(
                    "CREATE TABLE IF NOT EXISTS consilium_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)") }))
            return false;
        SqlStatement q(db,
            upsert(QStringLiteral("consilium_meta"), { QStringLiteral("key"), QStringLiteral("value") },
                { QStringLiteral("key") }, { QStringLiteral("value") }));
        q.bind(QStringLiteral(":key"), QStringLiteral("application_id"))
            .bind(QStringLiteral(":value"), QString::number(id));
        return q.exec();
    }

    // READ COMMITTED; writers that touch the same rows wait on row locks, appends to the audit
    // chain are serialised by the lock auditAppend() takes.
    QString beginWrite() const override { return QStringLiteral("BEGIN"); }
    QString migrationLock() const override
    {
        return QStringLiteral("SELECT pg_advisory_xact_lock(%1, %2)").arg(kLockSpace).arg(kMigrationLock);
    }
    QString auditAppend() const override
    {
        return QStringLiteral("SELECT appended_id, appended_hash FROM consilium_audit_append(:at, :os_user,"
                              " :display_name, :action, :object_type, :object_id, :before_hash, :after_hash, :detail,"
                              " CAST(:tail AS bytea), :channel, :payload)");
    }
    // The lock is held from here to the end of the transaction: two clients' rows never take the
    // same place in the chain. The function is VOLATILE, so under READ COMMITTED the head is
    // read with a snapshot taken after the lock was granted (a row committed while this one
    // waited is seen). The hash is AuditLog::rowHash: SHA-256 of the previous hash, a line
    // break and the canonical row, whose text after the id the client sends as :tail (the
    // client's JSON, byte for byte; verify() recomputes every hash on the client). The genesis
    // hash is AuditLog::genesisHash(). SECURITY INVOKER (the default): the caller's INSERT
    // privilege on audit_log is what lets the row in.
    QStringList auditAppendSetup() const override
    {
        return { QStringLiteral(
            "CREATE FUNCTION consilium_audit_append(p_at TEXT, p_os_user TEXT, p_display_name TEXT, p_action TEXT,"
            " p_object_type TEXT, p_object_id TEXT, p_before_hash TEXT, p_after_hash TEXT, p_detail TEXT,"
            " p_tail BYTEA, p_channel TEXT, p_payload TEXT)"
            " RETURNS TABLE (appended_id BIGINT, appended_hash TEXT) LANGUAGE plpgsql VOLATILE AS $consilium$"
            " DECLARE last_id BIGINT; last_hash TEXT;"
            " BEGIN"
            " PERFORM pg_advisory_xact_lock(%1, %2);"
            " SELECT a.id, a.hash INTO last_id, last_hash FROM audit_log a ORDER BY a.id DESC LIMIT 1;"
            " IF NOT FOUND THEN last_id := 0; last_hash := repeat('0', 64); END IF;"
            " appended_id := last_id + 1;"
            " appended_hash := encode(sha256(convert_to(last_hash || E'\\n[' || appended_id::text || ',', 'UTF8')"
            " || p_tail), 'hex');"
            " INSERT INTO audit_log (id, at, os_user, display_name, action, object_type, object_id, before_hash,"
            " after_hash, detail, prev_hash, hash) VALUES (appended_id, p_at, p_os_user, p_display_name, p_action,"
            " p_object_type, p_object_id, p_before_hash, p_after_hash, p_detail, last_hash, appended_hash);"
            " IF p_channel IS NOT NULL THEN PERFORM pg_notify(p_channel, p_payload); END IF;"
            " RETURN NEXT;"
            " END $consilium$")
                     .arg(kLockSpace)
                     .arg(kAuditLock) };
    }
    QString idColumn() const override { return QStringLiteral("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"); }
    QString blobType() const override { return QStringLiteral("BYTEA"); }
    QString noCase(const QString &expr) const override { return QStringLiteral("lower(%1)").arg(expr); }
    QString likeNoCase() const override { return QStringLiteral("ILIKE"); }

    QStringList protectTable(const QString &table, const QString &when) const override
    {
        return guard(table + QStringLiteral("_no_update"), QStringLiteral("UPDATE"), table, when,
                   table + QStringLiteral(" rows are immutable"))
            + guard(table + QStringLiteral("_no_delete"), QStringLiteral("DELETE"), table, when,
                table + QStringLiteral(" rows cannot be deleted"));
    }

    QStringList protectChildren(const QString &table, const QString &fk, const QString &parentFinalSql) const override
    {
        QStringList out;
        const std::pair<const char *, const char *> events[]
            = { { "insert", "NEW" }, { "update", "OLD" }, { "delete", "OLD" } };
        for (const auto &[event, row] : events) {
            QString cond = parentFinalSql;
            cond.replace(QStringLiteral("{fk}"), QLatin1String(row) + QLatin1Char('.') + fk);
            out << guard(QStringLiteral("%1_final_%2").arg(table, QLatin1String(event)),
                QString::fromLatin1(event).toUpper(), table, cond,
                QStringLiteral("the decision is finalised and immutable"));
        }
        return out;
    }

    QString refuseUpdateWhen(
        const QString &name, const QString &table, const QString &condition, const QString &message) const override
    {
        // One statement (the interface's): the function and the trigger in a DO block.
        const QStringList both = guard(name, QStringLiteral("UPDATE"), table, condition, message);
        return QStringLiteral("DO $do$ BEGIN EXECUTE %1; EXECUTE %2; END $do$")
            .arg(quoted(both.at(0)), quoted(both.at(1)));
    }

    QStringList triggerNames(const QSqlDatabase &db) const override
    {
        QStringList names;
        SqlStatement q(db,
            QStringLiteral("SELECT t.tgname AS name FROM pg_trigger t WHERE NOT t.tgisinternal"
                           " AND pg_table_is_visible(t.tgrelid)"));
        if (q.exec()) {
            while (q.next())
                names << q.text(QStringLiteral("name"));
        }
        return names;
    }

    QStringList tableNames(const QSqlDatabase &db) const override
    {
        QStringList names;
        SqlStatement q(db, QStringLiteral("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"));
        if (q.exec()) {
            while (q.next())
                names << q.text(QStringLiteral("tablename"));
        }
        return names;
    }

    QString deleteGuardName(const QString &table) const override { return table + QStringLiteral("_no_delete"); }

    // pg_get_triggerdef gives the CREATE TRIGGER statement; the trigger function stays when the
    // trigger is dropped, so the statement puts the very same guard back.
    QString triggerDefinition(const QSqlDatabase &db, const QString &name) const override
    {
        SqlStatement q(db,
            QStringLiteral("SELECT pg_get_triggerdef(t.oid) AS sql FROM pg_trigger t WHERE t.tgname = :name"
                           " AND NOT t.tgisinternal AND pg_table_is_visible(t.tgrelid)"));
        q.bind(QStringLiteral(":name"), name);
        if (!q.exec() || !q.next())
            return {};
        return q.text(QStringLiteral("sql"));
    }

    QString dropTrigger(const QString &name, const QString &table) const override
    {
        return QStringLiteral("DROP TRIGGER %1 ON %2").arg(name, table);
    }

    bool snapshotTo(const QSqlDatabase &db, const QString &path, QString &error) const override
    {
        Q_UNUSED(db);
        Q_UNUSED(path);
        error = QStringLiteral(
            "a backup to a file is not supported on PostgreSQL: use pg_dump (docs/store.md#postgresql)");
        return false;
    }

    // The server keeps its pages and foreign keys consistent itself; what can be asked is
    // whether the connection still answers.
    QStringList integrityProblems(const QSqlDatabase &db) const override
    {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT 1")))
            return { q.lastError().text() };
        return {};
    }

    QString readOnlyConnectOptions(int busyTimeoutMs) const override
    {
        return QStringLiteral("options='-c default_transaction_read_only=on -c lock_timeout=%1'").arg(busyTimeoutMs);
    }

    // PostgreSQL's planner needs no hint (SQLite's unary + would be a no-op on an integer).
    QString withoutIndex(const QString &expr) const override { return expr; }

    // By SQLSTATE (QPSQL's native error code; PostgreSQL 15 manual, appendix A "Error Codes").
    // An error without one comes from libpq itself, not from the server: the connection broke.
    Failure classify(const QSqlError &error) const override
    {
        const QString state = error.nativeErrorCode();
        if (state.isEmpty())
            return error.type() == QSqlError::NoError ? Failure::Other : Failure::ConnectionLost;
        if (state == QLatin1String("23505"))
            return Failure::UniqueViolation;
        if (state == QLatin1String("40001") || state == QLatin1String("40P01"))
            return Failure::Transient;
        if (state == QLatin1String("55P03"))
            return Failure::LockTimeout;
        if (state.startsWith(QLatin1String("08")) || state == QLatin1String("57P01") || state == QLatin1String("57P02")
            || state == QLatin1String("57P03"))
            return Failure::ConnectionLost;
        return Failure::Other;
    }

    QString rowLock() const override { return QStringLiteral(" FOR NO KEY UPDATE"); }
    QString beginSnapshot() const override { return QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); }
    QString resetIdGenerator(const QString &table) const override
    {
        return QStringLiteral("SELECT setval(pg_get_serial_sequence('%1', 'id'), coalesce(max(id), 0) + 1, false)"
                              " FROM %1")
            .arg(table);
    }

    QString upsert(const QString &table, const QStringList &columns, const QStringList &key,
        const QStringList &update) const override
    {
        QStringList values;
        for (const QString &c : columns)
            values << QLatin1Char(':') + c;
        QStringList sets;
        for (const QString &c : update)
            sets << QStringLiteral("%1 = EXCLUDED.%1").arg(c);
        return QStringLiteral("INSERT INTO %1 (%2) VALUES (%3) ON CONFLICT (%4) DO UPDATE SET %5")
            .arg(table, columns.join(QStringLiteral(", ")), values.join(QStringLiteral(", ")),
                key.join(QStringLiteral(", ")), sets.join(QStringLiteral(", ")));
    }

private:
    static QString quoted(QString text)
    {
        return QLatin1Char('\'') + text.replace(QLatin1Char('\''), QStringLiteral("''")) + QLatin1Char('\'');
    }
};

} // namespace

std::unique_ptr<SqlDialect> SqlDialect::postgresql()
{
    return std::make_unique<PostgresDialect>();
}

} // namespace consilium
