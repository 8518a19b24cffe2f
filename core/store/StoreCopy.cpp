// SPDX-License-Identifier: GPL-3.0-or-later
// A whole database copied into an empty one, on either engine (docs/store.md#moving-to-a-team-server).
#include "store/StoreCopy.h"

#include "store/BatchInsert.h"
#include "store/Migrations.h"
#include "store/SqlRows.h"
#include "store/StoreConnection.h"
#include "store/StoreFile.h"
#include "store/StoreLocation.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include <atomic>

namespace consilium {

namespace {

// Every table of schema v6 (Migrations.cpp), parents before children, with the order its rows
// are read in and whether it has a generated `id`. A table the source has and this list does
// not is refused, so a later migration cannot be copied incompletely.
struct TableSpec {
    QString name;
    QString order;
    bool hasId;
};

const std::vector<TableSpec> &tables()
{
    static const std::vector<TableSpec> list {
        { QStringLiteral("rule_packs"), QStringLiteral("id"), true },
        { QStringLiteral("cases"), QStringLiteral("id"), true },
        { QStringLiteral("case_versions"), QStringLiteral("id"), true },
        { QStringLiteral("evaluations"), QStringLiteral("id"), true },
        { QStringLiteral("verdict_groups"), QStringLiteral("id"), true },
        { QStringLiteral("current_verdicts"), QStringLiteral("case_ref, pack_ref, group_ref"), false },
        { QStringLiteral("audit_log"), QStringLiteral("id"), true },
        { QStringLiteral("settings"), QStringLiteral("key"), false },
        { QStringLiteral("conferences"), QStringLiteral("id"), true },
        { QStringLiteral("conference_attendees"), QStringLiteral("conference_id, name, role"), false },
        { QStringLiteral("conference_cases"), QStringLiteral("conference_id, case_ref"), false },
        { QStringLiteral("decisions"), QStringLiteral("id"), true },
        { QStringLiteral("decision_roles"), QStringLiteral("decision_id, role"), false },
        { QStringLiteral("decision_positions"), QStringLiteral("id"), true },
        { QStringLiteral("decision_overrides"), QStringLiteral("id"), true },
        { QStringLiteral("follow_ups"), QStringLiteral("id"), true },
    };
    return list;
}

// The engine's bookkeeping, written by the migrations on the target rather than copied.
bool isMetaTable(const QString &name)
{
    return name == QLatin1String("schema_version") || name == QLatin1String("consilium_meta");
}

std::atomic<int> s_copyConnections { 0 };

// A connection of the copy's own to the target, closed and removed when it goes out of scope.
class TargetConnection
{
public:
    TargetConnection(const QString &driver)
        : m_name(QStringLiteral("consilium-copy-%1-%2")
                     .arg(QCoreApplication::applicationPid())
                     .arg(s_copyConnections.fetch_add(1)))
    {
        QSqlDatabase::addDatabase(driver, m_name);
    }
    ~TargetConnection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            if (inTransaction) // a copy that failed: nothing of it stays
                QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    TargetConnection(const TargetConnection &) = delete;
    TargetConnection &operator=(const TargetConnection &) = delete;
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }
    bool inTransaction = false;

private:
    QString m_name;
};

StoreError failed(const QString &what, const QSqlError &error)
{
    return { StoreErrc::Sql, QStringLiteral("%1: %2").arg(what, error.text()), {} };
}

StoreResult<qint64> rowCount(const QSqlDatabase &db, const QString &table)
{
    SqlStatement q(db, QStringLiteral("SELECT count(*) AS n FROM %1").arg(table));
    if (!q.exec() || !q.next())
        return failed(QStringLiteral("cannot count the rows of %1").arg(table), q.lastError());
    return q.int64(QStringLiteral("n"));
}

// Copies the rows of the source's snapshot into the target's open transaction.
class Copier
{
public:
    Copier(const QSqlDatabase &src, const QSqlDatabase &dst, const SqlDialect &dstDialect)
        : m_src(src), m_dst(dst), m_dialect(dstDialect)
    { }

    StoreResult<void> createSchema()
    {
        if (!m_dialect.setApplicationId(m_dst, kApplicationId))
            return failed(QStringLiteral("cannot set the application id"), m_dst.lastError());
        for (int v = 1; v <= Migrations::kCurrentVersion; ++v) {
            for (const QString &sql : Migrations::step(v, m_dialect)) {
                QSqlQuery q(m_dst);
                if (!q.exec(sql))
                    return failed(QStringLiteral("schema v%1").arg(v), q.lastError());
            }
            if (!m_dialect.setSchemaVersion(m_dst, v))
                return storeFailure(StoreErrc::Sql, QStringLiteral("schema v%1: cannot record the version").arg(v));
        }
        // The migrations put the default sign-off roles in; the source's settings replace them.
        QSqlQuery clear(m_dst);
        if (!clear.exec(QStringLiteral("DELETE FROM settings")))
            return failed(QStringLiteral("settings"), clear.lastError());
        return storeSuccess();
    }

    StoreResult<void> checkTables(const QStringList &sourceTables) const
    {
        QStringList unknown;
        for (const QString &t : sourceTables) {
            const bool known
                = std::any_of(tables().begin(), tables().end(), [&t](const TableSpec &spec) { return spec.name == t; });
            if (!known && !isMetaTable(t))
                unknown << t;
        }
        if (!unknown.isEmpty())
            return storeFailure(StoreErrc::Refused,
                QStringLiteral("the source has tables this version cannot copy: %1; nothing was copied")
                    .arg(unknown.join(QStringLiteral(", "))));
        return storeSuccess();
    }

    StoreResult<CopiedTable> copy(const TableSpec &t)
    {
        QSqlQuery read(m_src);
        read.setForwardOnly(true);
        if (!read.exec(QStringLiteral("SELECT * FROM %1 ORDER BY %2").arg(t.name, t.order)))
            return failed(QStringLiteral("cannot read %1").arg(t.name), read.lastError());
        const QSqlRecord record = read.record();
        QStringList columns;
        for (int i = 0; i < record.count(); ++i)
            columns << record.fieldName(i);
        // Many rows per statement (BatchInsert; docs/store.md#performance-on-postgresql).
        BatchInsert write(m_dst, t.name, columns);
        CopiedTable out { t.name, 0, 0 };
        QVariantList row;
        while (read.next()) {
            row.clear();
            for (int i = 0; i < record.count(); ++i)
                row << read.value(i);
            if (t.name == QLatin1String("decisions"))
                holdBackFinalisation(record, row);
            if (!write.add(row))
                return storeFailure(StoreErrc::Sql,
                    QStringLiteral("cannot copy rows up to %1 of %2: %3")
                        .arg(out.source + 1)
                        .arg(t.name, write.errorText()));
            ++out.source;
        }
        if (!write.flush())
            return storeFailure(
                StoreErrc::Sql, QStringLiteral("cannot copy the last rows of %1: %2").arg(t.name, write.errorText()));
        return counted(t, out);
    }

    // A final decision is copied as a draft, and made final again once its roles, positions
    // and overrides are in: the triggers refuse children of a final decision (Migrations.cpp v2).
    StoreResult<void> finaliseDecisions()
    {
        QSqlQuery q(m_dst);
        q.prepare(QStringLiteral(
            "UPDATE decisions SET status = 'final', finalised_at = :at, finalised_by = :by WHERE id = :id"));
        for (const Held &h : m_final) {
            q.bindValue(QStringLiteral(":at"), h.at);
            q.bindValue(QStringLiteral(":by"), h.by);
            q.bindValue(QStringLiteral(":id"), h.id);
            if (!q.exec())
                return failed(
                    QStringLiteral("cannot finalise decision %1 again").arg(h.id.toLongLong()), q.lastError());
        }
        for (const TableSpec &t : tables()) {
            const QString reset = t.hasId ? m_dialect.resetIdGenerator(t.name) : QString();
            QSqlQuery r(m_dst);
            if (!reset.isEmpty() && !r.exec(reset))
                return failed(QStringLiteral("cannot move the ids of %1 on").arg(t.name), r.lastError());
        }
        return storeSuccess();
    }

private:
    struct Held {
        QVariant id;
        QVariant at;
        QVariant by;
    };

    void holdBackFinalisation(const QSqlRecord &record, QVariantList &row)
    {
        const int status = record.indexOf(QStringLiteral("status"));
        const int at = record.indexOf(QStringLiteral("finalised_at"));
        const int by = record.indexOf(QStringLiteral("finalised_by"));
        if (row.at(status).toString() != QLatin1String("final"))
            return;
        m_final.push_back({ row.at(record.indexOf(QStringLiteral("id"))), row.at(at), row.at(by) });
        row[status] = QStringLiteral("draft");
        row[at] = QVariant();
        row[by] = QVariant();
    }

    StoreResult<CopiedTable> counted(const TableSpec &t, CopiedTable out) const
    {
        const auto inSource = rowCount(m_src, t.name);
        const auto inTarget = inSource ? rowCount(m_dst, t.name) : inSource;
        if (!inTarget)
            return inTarget.error();
        out.target = inTarget.value();
        if (inSource.value() != out.source || out.target != out.source)
            return storeFailure(StoreErrc::Corrupt,
                QStringLiteral("%1: %2 row(s) in the source, %3 read, %4 in the target; nothing was copied")
                    .arg(t.name)
                    .arg(inSource.value())
                    .arg(out.source)
                    .arg(out.target));
        return out;
    }

    QSqlDatabase m_src;
    QSqlDatabase m_dst;
    const SqlDialect &m_dialect;
    std::vector<Held> m_final;
};

// Where the rows go: an empty PostgreSQL database, or a new SQLite file built beside the target.
struct Target {
    QString location; // as CaseStore::path() will name it
    QString building; // SQLite: the file being built ("<target>.new-PID"); empty on PostgreSQL
    std::unique_ptr<SqlDialect> dialect;
    std::unique_ptr<TargetConnection> connection;
};

StoreResult<void> openTarget(const StoreOptions &to, const QString &sourcePath, Target &t)
{
    const StoreLocation location = parseStoreLocation(to.path);
    if (location.postgres) {
        t.location = location.postgres->uri();
        t.dialect = SqlDialect::postgresql();
    } else if (!location.isSupported()) {
        return storeFailure(StoreErrc::Unsupported, location.error);
    } else {
        t.location = QFileInfo(location.path).absoluteFilePath();
        t.dialect = SqlDialect::sqlite();
    }
    if (t.location == sourcePath)
        return storeFailure(StoreErrc::Refused, QStringLiteral("the source and the target are the same database"));
    t.connection = std::make_unique<TargetConnection>(t.dialect->driverName());
    QSqlDatabase db = t.connection->db();
    if (location.postgres) {
        applyPostgresTarget(db, *location.postgres);
    } else {
        const QFileInfo existing(t.location);
        if (existing.exists() && existing.size() > 0)
            return storeFailure(StoreErrc::Refused,
                QStringLiteral("%1 is not empty: db copy only fills a new database; nothing was copied")
                    .arg(t.location));
        t.building = t.location + QStringLiteral(".new-%1").arg(QCoreApplication::applicationPid());
        removeWithCompanions(t.building);
        QString message;
        if (!createOwnerOnlyFile(t.building, message))
            return storeFailure(StoreErrc::Io, message);
        db.setDatabaseName(t.building);
    }
    if (!db.open())
        return storeFailure(StoreErrc::Io, QStringLiteral("cannot open %1: %2").arg(t.location, db.lastError().text()));
    QString message;
    if (!t.dialect->configure(db, 5000, true, message))
        return storeFailure(StoreErrc::Io, QStringLiteral("%1: %2").arg(t.location, message));
    if (const QStringList present = t.dialect->tableNames(db); !present.isEmpty())
        return storeFailure(StoreErrc::Refused,
            QStringLiteral("%1 is not empty (tables: %2): db copy only fills an empty database; nothing was copied")
                .arg(t.location, present.join(QStringLiteral(", "))));
    return storeSuccess();
}

// The copy's own audit row on the target, after the copied chain.
StoreResult<qint64> auditCopy(const QSqlDatabase &db, const Target &t, const StoreOptions &to, const CopyReport &r)
{
    AuditLog log(db, QString(), t.dialect->auditAppend());
    const Actor actor = to.actor.osUser.isEmpty() ? Actor::fromEnvironment(to.actor.displayName) : to.actor;
    AuditEntry e;
    e.at = (to.clock ? to.clock() : QDateTime::currentDateTimeUtc()).toUTC().toString(Qt::ISODateWithMs);
    e.osUser = actor.osUser;
    e.displayName = actor.displayName;
    e.action = QStringLiteral("database.copied");
    e.objectType = QStringLiteral("database");
    e.objectId = t.location;
    e.beforeHash = r.sourceAudit.head.hash;
    e.afterHash = r.sourceAudit.head.hash;
    e.detail = QStringLiteral("copied from %1: %2 table(s), audit rows 1..%3")
                   .arg(r.from)
                   .arg(r.tables.size())
                   .arg(r.sourceAudit.head.id);
    QString message;
    if (!log.append(e, message))
        return storeFailure(StoreErrc::Sql, message);
    return log.head() ? log.head()->id : 0;
}

// Everything on the target in its one transaction: schema, rows, checks, the copy's audit row.
StoreResult<void> fill(CaseStore &source, Target &t, const StoreOptions &to, CopyReport &r)
{
    const QSqlDatabase src = StoreConnection::of(source);
    const QSqlDatabase dst = t.connection->db();
    QSqlQuery begin(dst);
    if (!begin.exec(t.dialect->beginWrite()))
        return failed(QStringLiteral("cannot start the copy"), begin.lastError());
    t.connection->inTransaction = true;
    QSqlQuery snapshot(src);
    if (!snapshot.exec(source.dialect().beginSnapshot()))
        return failed(QStringLiteral("cannot read the source in one snapshot"), snapshot.lastError());
    Copier copier(src, dst, *t.dialect);
    if (auto ok = copier.checkTables(source.dialect().tableNames(src)); !ok)
        return ok;
    if (auto ok = copier.createSchema(); !ok)
        return ok;
    for (const TableSpec &spec : tables()) {
        auto copied = copier.copy(spec);
        if (!copied)
            return copied.error();
        r.tables.push_back(copied.value());
    }
    if (auto ok = copier.finaliseDecisions(); !ok)
        return ok;
    QSqlQuery(src).exec(QStringLiteral("ROLLBACK")); // the snapshot: only read
    const AuditVerification copied = AuditLog(dst, QString()).verify(*t.dialect);
    if (!copied.intact || copied.head.hash != r.sourceAudit.head.hash)
        return storeFailure(StoreErrc::Corrupt,
            QStringLiteral("the copied audit chain does not verify on the target; nothing was copied"),
            copied.problems);
    const auto row = auditCopy(dst, t, to, r);
    if (!row)
        return row.error();
    r.copyAuditRow = row.value();
    r.targetAudit = AuditLog(dst, QString()).verify(*t.dialect);
    if (!r.targetAudit.intact)
        return storeFailure(
            StoreErrc::Corrupt, QStringLiteral("the target's audit chain does not verify"), r.targetAudit.problems);
    QSqlQuery commit(dst);
    if (!commit.exec(QStringLiteral("COMMIT")))
        return failed(QStringLiteral("cannot commit the copy"), commit.lastError());
    t.connection->inTransaction = false;
    return storeSuccess();
}

// SQLite: the built file becomes the target, with its audit head file.
StoreResult<void> publish(Target &t, const CopyReport &r)
{
    if (t.building.isEmpty())
        return storeSuccess();
    t.connection.reset();
    QString message;
    if (!AuditLog::writeSidecar(auditHeadPathFor(t.location), r.targetAudit.head, message))
        return storeFailure(StoreErrc::Io, message);
    const QFileInfo existing(t.location);
    if (existing.exists() && existing.size() == 0)
        QFile::remove(t.location);
    if (!QFile::rename(t.building, t.location)) {
        QFile::remove(auditHeadPathFor(t.location));
        return storeFailure(StoreErrc::Io, QStringLiteral("cannot create %1").arg(t.location));
    }
    restrictToOwner(t.location);
    return storeSuccess();
}

} // namespace

StoreResult<CopyReport> copyDatabase(const StoreOptions &from, const StoreOptions &to)
{
    StoreOptions reader = from;
    reader.writer = false;
    auto opened = CaseStore::open(reader);
    if (!opened)
        return opened.error();
    const std::unique_ptr<CaseStore> source = std::move(opened).value();
    CopyReport r;
    r.from = source->path();
    r.sourceAudit = source->audit().verify(source->dialect());
    if (!r.sourceAudit.intact)
        return storeFailure(StoreErrc::Refused,
            QStringLiteral("the audit chain of %1 does not verify (db verify-audit); nothing was copied").arg(r.from),
            r.sourceAudit.problems);
    Target t;
    auto done = openTarget(to, r.from, t);
    r.to = t.location;
    if (done)
        done = fill(*source, t, to, r);
    if (done)
        done = publish(t, r);
    if (!done) {
        t.connection.reset(); // rolls back: a PostgreSQL target keeps no table
        if (!t.building.isEmpty())
            removeWithCompanions(t.building);
        return done.error();
    }
    return r;
}

} // namespace consilium
