// SPDX-License-Identifier: GPL-3.0-or-later
// Opening a store on a PostgreSQL database (issue 13, docs/store.md#postgresql): the same
// checks as for a SQLite file (foreign, newer, needs an upgrade), with the database's own
// locks instead of the lock file, and no head file beside it.
#include "store/CaseStore.h"
#include "store/Migrations.h"
#include "store/SqlRows.h"

#include <QSqlError>
#include <QSqlQuery>

namespace consilium {

namespace {

// How many tables the database already holds in its current schema (-1: cannot tell).
qint64 tableCount(const QSqlDatabase &db)
{
    SqlStatement q(db, QStringLiteral("SELECT count(*) AS n FROM pg_tables WHERE schemaname = current_schema()"));
    return q.exec() && q.next() ? q.int64(QStringLiteral("n")) : -1;
}

} // namespace

StoreResult<std::unique_ptr<CaseStore>> CaseStore::openPostgres(
    const StoreOptions &options, const PostgresTarget &target)
{
    std::unique_ptr<CaseStore> store(new CaseStore);
    store->m_postgres = target;
    store->m_path = target.uri();
    store->m_writer = options.writer;
    store->m_dialect = SqlDialect::postgresql();
    store->m_actor = options.actor.osUser.isEmpty() ? Actor::fromEnvironment(options.actor.displayName) : options.actor;
    store->m_clock = options.clock ? options.clock : Clock([] { return QDateTime::currentDateTimeUtc(); });
    if (!QSqlDatabase::isDriverAvailable(store->m_dialect->driverName()))
        return storeFailure(StoreErrc::Io,
            QStringLiteral("the Qt PostgreSQL driver (QPSQL) is not installed (Debian: libqt6sql6-psql)"));
    StoreError error;
    if (!store->openConnection(store->m_path, !options.writer, error))
        return error;
    // Who acts is the login the server authenticated, not a typed or operating-system name
    // (issue 13): audit rows, versions, decisions and positions carry it.
    {
        SqlStatement q(store->database(), QStringLiteral("SELECT session_user AS login"));
        if (!q.exec() || !q.next())
            return storeFailure(
                StoreErrc::Io, QStringLiteral("%1: the database login cannot be read").arg(store->m_path));
        store->m_login = q.text(QStringLiteral("login"));
        store->setActor(store->m_actor);
    }
    const auto appId = store->m_dialect->applicationId(store->database());
    if (!appId)
        return storeFailure(StoreErrc::Io, QStringLiteral("%1 cannot be read as a database").arg(store->m_path));
    if (*appId == 0) {
        const qint64 tables = tableCount(store->database());
        if (tables != 0)
            return storeFailure(StoreErrc::Foreign,
                QStringLiteral("%1 holds tables of another application, not a Consilium database; it was left "
                               "untouched")
                    .arg(store->m_path));
        if (!options.writer || !options.create)
            return storeFailure(StoreErrc::NotFound,
                QStringLiteral("no Consilium database at %1 (create one with: consilium-cli db init)")
                    .arg(store->m_path));
        if (!store->initialisePostgres(error))
            return error;
    }
    if (!store->prepareExisting(error))
        return error;
    return store;
}

// An empty database becomes a Consilium database: the application id, every migration step
// (each under the migration lock; another client creating it at the same time waits and then
// finds the steps done) and the "database.created" audit row.
bool CaseStore::initialisePostgres(StoreError &error)
{
    QSqlDatabase db = database();
    QString message;
    bool ok = m_dialect->configure(db, 5000, true, message);
    if (ok) {
        QSqlQuery q(db);
        ok = q.exec(m_dialect->beginWrite()) && q.exec(m_dialect->migrationLock());
        const auto appId = ok ? m_dialect->applicationId(db) : std::nullopt;
        ok = ok && appId && (*appId == kApplicationId || m_dialect->setApplicationId(db, kApplicationId));
        ok = ok && q.exec(QStringLiteral("COMMIT"));
        if (!ok) {
            message = q.lastError().text();
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        }
    }
    std::vector<int> applied;
    if (ok)
        ok = Migrations::migrate(db, *m_dialect, Migrations::kCurrentVersion, message, &applied);
    if (ok && !applied.empty() && applied.front() == 1) {
        WriteTransaction tx(*this);
        StoreResult<void> audited = tx.begun();
        if (audited)
            audited = audit(QStringLiteral("database.created"), QStringLiteral("database"), databaseName(), {}, {},
                QStringLiteral("schema v%1").arg(Migrations::kCurrentVersion));
        if (audited)
            audited = tx.commit();
        ok = bool(audited);
        if (!ok)
            message = audited.error().message;
    }
    if (!ok)
        error = { StoreErrc::Io, QStringLiteral("cannot initialise %1: %2").arg(m_path, message), {} };
    return ok;
}

} // namespace consilium
