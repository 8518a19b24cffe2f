// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace consilium {

// Everything engine-specific the store says to its database. The rest of the store speaks
// portable SQL (the split KMyMoney makes for its two engines): SQLite (QSQLITE, SqlDialect.cpp)
// and PostgreSQL 15 (QPSQL, SqlDialectPostgres.cpp; issue 13, docs/store.md#postgresql).
class SqlDialect
{
public:
    // What a failed statement means for the caller (classify()).
    enum class Failure {
        Other, // a plain SQL error
        UniqueViolation, // a UNIQUE or PRIMARY KEY constraint refused a row (a racing insert)
        Transient, // a deadlock or serialization failure: the transaction may be run again
        LockTimeout, // waited longer than the busy timeout for another writer's lock
        ConnectionLost // the server went away (or the connection broke)
    };

    virtual ~SqlDialect() = default;

    static std::unique_ptr<SqlDialect> sqlite();
    static std::unique_ptr<SqlDialect> postgresql();

    virtual QString driverName() const = 0;
    // Connection settings applied on every open (journal, foreign keys, durability, busy wait).
    virtual bool configure(const QSqlDatabase &db, int busyTimeoutMs, bool writer, QString &error) const = 0;
    // Schema version bookkeeping.
    virtual std::optional<int> schemaVersion(const QSqlDatabase &db) const = 0;
    virtual bool setSchemaVersion(const QSqlDatabase &db, int version) const = 0;
    virtual std::optional<qint64> applicationId(const QSqlDatabase &db) const = 0;
    virtual bool setApplicationId(const QSqlDatabase &db, qint64 id) const = 0;
    // A write transaction that takes the write lock at once.
    virtual QString beginWrite() const = 0;
    // Run right after beginWrite() by a migration step: a lock held until the transaction ends
    // (PostgreSQL: pg_advisory_xact_lock), so two migrations never interleave. Empty: none
    // needed (SQLite's BEGIN IMMEDIATE already admits one writer).
    virtual QString migrationLock() const = 0;
    // The statement that appends one row to the audit chain on the server, in one round trip:
    // it takes the chain's lock (held until the transaction ends), reads the head, hashes the
    // row and inserts it (PostgreSQL: consilium_audit_append, schema v7). Parameters: the row's
    // text columns by name (:at … :detail), :tail (AuditLog::canonicalTail, bytes) and
    // :channel/:payload (a notification sent by the same statement, or NULL for none); its row
    // is (appended_id, appended_hash). Empty: the client reads the head and inserts the row
    // itself (SQLite: BEGIN IMMEDIATE already admits one writer).
    virtual QString auditAppend() const = 0;
    // The statements of schema v7 on this engine: the function behind auditAppend().
    virtual QStringList auditAppendSetup() const = 0;
    // Column types of the schema (Migrations.cpp): a surrogate key the database numbers
    // itself (an explicit value is still accepted), and bytes.
    virtual QString idColumn() const = 0;
    virtual QString blobType() const = 0;
    // Case-insensitive text: `expr` for ORDER BY, and the LIKE operator of the case search.
    virtual QString noCase(const QString &expr) const = 0;
    virtual QString likeNoCase() const = 0;
    // Refuse UPDATE and DELETE on a table outright, or only when `when` holds for OLD.
    virtual QStringList protectTable(const QString &table, const QString &when = {}) const = 0;
    // Refuse INSERT/UPDATE/DELETE on a child table when `parentFinal` (an SQL expression over
    // NEW/OLD.<fk>) holds; `fk` names the column that points at the parent.
    virtual QStringList protectChildren(
        const QString &table, const QString &fk, const QString &parentFinalSql) const = 0;
    // Refuse an UPDATE that makes `condition` (over NEW) true.
    virtual QString refuseUpdateWhen(
        const QString &name, const QString &table, const QString &condition, const QString &message) const = 0;
    virtual QStringList triggerNames(const QSqlDatabase &db) const = 0;
    // The tables of the database (PostgreSQL: of its current schema), the engine's own left out.
    virtual QStringList tableNames(const QSqlDatabase &db) const = 0;
    // The trigger protectTable() made to refuse DELETE on `table`.
    virtual QString deleteGuardName(const QString &table) const = 0;
    // A trigger's definition exactly as stored (empty: no such trigger), and the statement that
    // drops it. A purge lifts the delete guards of case_versions and evaluations inside its own
    // write transaction and puts these very definitions back before it commits.
    virtual QString triggerDefinition(const QSqlDatabase &db, const QString &name) const = 0;
    virtual QString dropTrigger(const QString &name, const QString &table) const = 0;
    // A consistent snapshot of the live database in a new file (PostgreSQL: refused, use pg_dump).
    virtual bool snapshotTo(const QSqlDatabase &db, const QString &path, QString &error) const = 0;
    virtual QStringList integrityProblems(const QSqlDatabase &db) const = 0;
    // Connection options of a read-only connection (a background count or page on its own
    // thread) that waits up to busyTimeoutMs for a writer.
    virtual QString readOnlyConnectOptions(int busyTimeoutMs) const = 0;
    // `expr` marked so the planner does not drive the query from an index on it (SQLite: a
    // unary +): the case list scans `cases` in key order and tests a set per row instead of
    // reading the whole set and sorting it, so a page stops after its last row.
    virtual QString withoutIndex(const QString &expr) const = 0;
    // What a failed statement's error means (PostgreSQL: by SQLSTATE, e.g. 40001 and 40P01
    // are Transient, class 08 and 57P0x ConnectionLost).
    virtual Failure classify(const QSqlError &error) const = 0;
    // Appended to a SELECT of one row that the transaction is about to change: a row lock held
    // until it ends (PostgreSQL: FOR NO KEY UPDATE, which serialises writers of the row but
    // not inserts that merely reference it). Empty on SQLite, where BEGIN IMMEDIATE already
    // admits one writer.
    virtual QString rowLock() const = 0;
    // A read transaction over one consistent snapshot (db copy reads every table in it).
    virtual QString beginSnapshot() const = 0;
    // After rows were inserted with explicit ids: the statement that moves `table`'s id
    // generator past them (PostgreSQL: setval of the identity sequence). Empty: not needed.
    virtual QString resetIdGenerator(const QString &table) const = 0;
    // Inserts a row (parameters ":<column>") or, when a row with the same `key` exists,
    // updates its `update` columns from the new values.
    virtual QString upsert(
        const QString &table, const QStringList &columns, const QStringList &key, const QStringList &update) const = 0;
};

} // namespace consilium
