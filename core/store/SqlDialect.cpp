// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/SqlDialect.h"
#include "store/SqlRows.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace consilium {

namespace {

class SqliteDialect final : public SqlDialect
{
public:
    QString driverName() const override { return QStringLiteral("QSQLITE"); }

    bool configure(const QSqlDatabase &db, int busyTimeoutMs, bool writer, QString &error) const override
    {
        QStringList statements { QStringLiteral("PRAGMA busy_timeout = %1").arg(busyTimeoutMs),
            QStringLiteral("PRAGMA foreign_keys = ON") };
        if (writer) {
            statements << QStringLiteral("PRAGMA journal_mode = WAL") << QStringLiteral("PRAGMA synchronous = FULL");
        }
        for (const QString &sql : std::as_const(statements)) {
            SqlStatement q(db, sql);
            if (!q.exec()) {
                error = QStringLiteral("%1: %2").arg(sql, q.errorText());
                return false;
            }
            if (sql.contains(QLatin1String("journal_mode")) && q.next()) {
                const QString mode = q.text(QStringLiteral("journal_mode"));
                if (mode.compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
                    error = QStringLiteral("cannot switch the database to WAL mode (got %1)").arg(mode);
                    return false;
                }
            }
        }
        return true;
    }

    std::optional<int> schemaVersion(const QSqlDatabase &db) const override
    {
        SqlStatement q(db, QStringLiteral("PRAGMA user_version"));
        if (!q.exec() || !q.next())
            return std::nullopt;
        return q.integer(QStringLiteral("user_version"));
    }

    bool setSchemaVersion(const QSqlDatabase &db, int version) const override
    {
        QSqlQuery q(db);
        return q.exec(QStringLiteral("PRAGMA user_version = %1").arg(version));
    }

    std::optional<qint64> applicationId(const QSqlDatabase &db) const override
    {
        SqlStatement q(db, QStringLiteral("PRAGMA application_id"));
        if (!q.exec() || !q.next())
            return std::nullopt;
        return q.int64(QStringLiteral("application_id"));
    }

    bool setApplicationId(const QSqlDatabase &db, qint64 id) const override
    {
        QSqlQuery q(db);
        return q.exec(QStringLiteral("PRAGMA application_id = %1").arg(id));
    }

    QString beginWrite() const override { return QStringLiteral("BEGIN IMMEDIATE"); }
    QString migrationLock() const override { return {}; }
    QString auditAppend() const override { return {}; }
    QStringList auditAppendSetup() const override { return {}; }
    QString idColumn() const override { return QStringLiteral("INTEGER PRIMARY KEY"); }
    QString blobType() const override { return QStringLiteral("BLOB"); }
    QString noCase(const QString &expr) const override { return expr + QStringLiteral(" COLLATE NOCASE"); }
    QString likeNoCase() const override { return QStringLiteral("LIKE"); }

    QStringList protectTable(const QString &table, const QString &when) const override
    {
        const QString cond = when.isEmpty() ? QString() : QStringLiteral(" WHEN ") + when;
        return { QStringLiteral("CREATE TRIGGER %1_no_update BEFORE UPDATE ON %1 FOR EACH ROW%2 "
                                "BEGIN SELECT RAISE(ABORT, '%1 rows are immutable'); END")
                     .arg(table, cond),
            QStringLiteral("CREATE TRIGGER %1_no_delete BEFORE DELETE ON %1 FOR EACH ROW%2 "
                           "BEGIN SELECT RAISE(ABORT, '%1 rows cannot be deleted'); END")
                .arg(table, cond) };
    }

    QStringList protectChildren(const QString &table, const QString &fk, const QString &parentFinalSql) const override
    {
        QStringList out;
        const std::pair<const char *, const char *> events[]
            = { { "insert", "NEW" }, { "update", "OLD" }, { "delete", "OLD" } };
        for (const auto &[event, row] : events) {
            QString cond = parentFinalSql;
            cond.replace(QStringLiteral("{fk}"), QLatin1String(row) + QLatin1Char('.') + fk);
            out << QStringLiteral("CREATE TRIGGER %1_final_%2 BEFORE %3 ON %1 FOR EACH ROW WHEN %4 "
                                  "BEGIN SELECT RAISE(ABORT, 'the decision is finalised and immutable'); END")
                       .arg(table, QLatin1String(event), QString::fromLatin1(event).toUpper(), cond);
        }
        return out;
    }

    QString refuseUpdateWhen(
        const QString &name, const QString &table, const QString &condition, const QString &message) const override
    {
        return QStringLiteral("CREATE TRIGGER %1 BEFORE UPDATE ON %2 FOR EACH ROW WHEN %3 "
                              "BEGIN SELECT RAISE(ABORT, '%4'); END")
            .arg(name, table, condition, message);
    }

    QStringList triggerNames(const QSqlDatabase &db) const override
    {
        QStringList names;
        SqlStatement q(db, QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'trigger'"));
        if (q.exec()) {
            while (q.next())
                names << q.text(QStringLiteral("name"));
        }
        return names;
    }

    QStringList tableNames(const QSqlDatabase &db) const override
    {
        QStringList names;
        SqlStatement q(
            db, QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"));
        if (q.exec()) {
            while (q.next())
                names << q.text(QStringLiteral("name"));
        }
        return names;
    }

    QString deleteGuardName(const QString &table) const override { return table + QStringLiteral("_no_delete"); }

    QString triggerDefinition(const QSqlDatabase &db, const QString &name) const override
    {
        SqlStatement q(db, QStringLiteral("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :name"));
        q.bind(QStringLiteral(":name"), name);
        if (!q.exec() || !q.next())
            return {};
        return q.text(QStringLiteral("sql"));
    }

    QString dropTrigger(const QString &name, const QString &table) const override
    {
        Q_UNUSED(table); // PostgreSQL needs it: DROP TRIGGER name ON table
        return QStringLiteral("DROP TRIGGER %1").arg(name);
    }

    bool snapshotTo(const QSqlDatabase &db, const QString &path, QString &error) const override
    {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("VACUUM INTO ?"));
        q.addBindValue(path);
        if (!q.exec()) {
            error = q.lastError().text();
            return false;
        }
        return true;
    }

    QStringList integrityProblems(const QSqlDatabase &db) const override
    {
        QStringList problems;
        SqlStatement q(db, QStringLiteral("PRAGMA integrity_check"));
        if (!q.exec()) {
            problems << q.errorText();
            return problems;
        }
        while (q.next()) {
            const QString line = q.text(QStringLiteral("integrity_check"));
            if (line != QLatin1String("ok"))
                problems << line;
        }
        SqlStatement fk(db, QStringLiteral("PRAGMA foreign_key_check"));
        if (fk.exec() && fk.next())
            problems << QStringLiteral("foreign key violation in table %1").arg(fk.text(QStringLiteral("table")));
        return problems;
    }

    QString readOnlyConnectOptions(int busyTimeoutMs) const override
    {
        return QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=%1").arg(busyTimeoutMs);
    }

    QString withoutIndex(const QString &expr) const override { return QLatin1Char('+') + expr; }

    // QSQLITE reports SQLite's result code as the native code (primary or extended).
    Failure classify(const QSqlError &error) const override
    {
        const int code = error.nativeErrorCode().toInt();
        switch (code & 0xff) {
        case 5: // SQLITE_BUSY
        case 6: // SQLITE_LOCKED
            return Failure::LockTimeout;
        case 19: // SQLITE_CONSTRAINT
            return error.text().contains(QLatin1String("UNIQUE")) ? Failure::UniqueViolation : Failure::Other;
        default:
            return Failure::Other;
        }
    }

    QString rowLock() const override { return {}; }
    QString beginSnapshot() const override { return QStringLiteral("BEGIN"); }
    QString resetIdGenerator(const QString &table) const override
    {
        Q_UNUSED(table); // an INTEGER PRIMARY KEY continues after the largest rowid by itself
        return {};
    }

    QString upsert(const QString &table, const QStringList &columns, const QStringList &key,
        const QStringList &update) const override
    {
        QStringList values;
        for (const QString &c : columns)
            values << QLatin1Char(':') + c;
        QStringList sets;
        for (const QString &c : update)
            sets << QStringLiteral("%1 = excluded.%1").arg(c);
        return QStringLiteral("INSERT INTO %1 (%2) VALUES (%3) ON CONFLICT (%4) DO UPDATE SET %5")
            .arg(table, columns.join(QStringLiteral(", ")), values.join(QStringLiteral(", ")),
                key.join(QStringLiteral(", ")), sets.join(QStringLiteral(", ")));
    }
};

} // namespace

std::unique_ptr<SqlDialect> SqlDialect::sqlite()
{
    return std::make_unique<SqliteDialect>();
}

} // namespace consilium
