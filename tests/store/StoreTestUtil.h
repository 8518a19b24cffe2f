// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers shared by the store suites: example cases, temporary stores, the CLI and sqlite3.
#pragma once

#include "rules/RulePack.h"
#include "store/CaseStore.h"
#include "store/Migrations.h"
#include "store/SqlDialect.h"
#include "store/StoreConnection.h"
#include "store/StoreFile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>

#include <memory>

namespace storetest {

inline QString examplesDir()
{
    return QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/examples");
}

inline QByteArray example(const QString &name)
{
    QFile f(examplesDir() + QLatin1Char('/') + name + QStringLiteral(".json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

inline QStringList exampleFiles()
{
    QStringList out;
    const QDir dir(examplesDir());
    for (const QString &n : dir.entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name))
        out << dir.filePath(n);
    return out;
}

inline QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

inline consilium::Actor testActor()
{
    return { QStringLiteral("tester"), QStringLiteral("Dr Test") };
}

// The store suite runs on both engines (issue 13): with CONSILIUM_TEST_PG_URI set (a
// postgresql:// location of a throw-away cluster, tests/store/pg-cluster.sh; the _pg tests of
// tests/store/CMakeLists.txt) every store a test opens by a file path is a PostgreSQL
// database of its own instead, named after that path.
inline QString postgresUri()
{
    return qEnvironmentVariable("CONSILIUM_TEST_PG_URI");
}

inline bool onPostgres()
{
    return !postgresUri().isEmpty();
}

// A test that only SQLite can do (a file lock, a backup to a file, WAL, the sqlite3 shell) says
// why and is skipped on PostgreSQL; it still runs in the SQLite variant.
#define SQLITE_ONLY(why)                                                                                               \
    do {                                                                                                               \
        if (storetest::onPostgres())                                                                                   \
            QSKIP("SQLite only: " why);                                                                                \
    } while (false)

// The PostgreSQL database standing for the SQLite file `path` (created empty when missing).
inline QString postgresLocationFor(const QString &path)
{
    const QString name = QStringLiteral("t_")
        + QString::fromLatin1(
            QCryptographicHash::hash(QFileInfo(path).absoluteFilePath().toUtf8(), QCryptographicHash::Sha1)
                .toHex()
                .left(24));
    const consilium::StoreLocation base = consilium::parseStoreLocation(postgresUri());
    if (!base.postgres)
        qFatal("CONSILIUM_TEST_PG_URI is not a postgresql:// location: %s", qPrintable(base.error));
    consilium::PostgresTarget target = *base.postgres;
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("pg-admin"));
        consilium::applyPostgresTarget(admin, target);
        if (!admin.open())
            qFatal("cannot reach the PostgreSQL test cluster at %s: %s", qPrintable(postgresUri()),
                qPrintable(admin.lastError().text()));
        QSqlQuery q(admin);
        q.exec(QStringLiteral("SELECT 1 FROM pg_database WHERE datname = '%1'").arg(name));
        if (!q.next() && !QSqlQuery(admin).exec(QStringLiteral("CREATE DATABASE %1").arg(name)))
            qFatal("cannot create the test database %s", qPrintable(name));
        admin.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("pg-admin"));
    target.database = name;
    return target.uri();
}

// The account audit rows name: the operating-system user the test gives on SQLite; on
// PostgreSQL the database login of CONSILIUM_TEST_PG_URI, whatever the test gives (issue 13).
inline QString expectedAccount()
{
    if (!onPostgres())
        return testActor().osUser;
    const consilium::StoreLocation base = consilium::parseStoreLocation(postgresUri());
    return base.postgres ? base.postgres->user : QString();
}

// `displayName` as decisions, positions and overrides record it: the name alone on SQLite; on
// PostgreSQL with the login, "Dr Test (postgres)" (CaseStore::actorName).
inline QString expectedRecordedBy(const QString &displayName)
{
    return onPostgres() ? QStringLiteral("%1 (%2)").arg(displayName, expectedAccount()) : displayName;
}

// `path` as the suite's engine sees it: the path itself, or its PostgreSQL database.
inline QString location(const QString &path)
{
    return onPostgres() && !path.startsWith(QLatin1String("postgresql:")) ? postgresLocationFor(path) : path;
}

// Options that open `path` on the suite's engine, as the test actor.
inline consilium::StoreOptions storeOptions(const QString &path)
{
    consilium::StoreOptions o;
    o.path = location(path);
    o.actor = testActor();
    return o;
}

inline std::unique_ptr<consilium::CaseStore> openStore(
    const QString &path, consilium::StoreError &error, bool writer = true, int lockTimeoutMs = 5000)
{
    consilium::StoreOptions o = storeOptions(path);
    o.writer = writer;
    o.actor = testActor();
    o.lockTimeoutMs = lockTimeoutMs;
    auto opened = consilium::CaseStore::open(o);
    if (!opened) {
        error = opened.error();
        return nullptr;
    }
    error = {};
    return std::move(opened).value();
}

// Why a store call failed ("" when it succeeded), for QVERIFY2(result, WHY(result)).
template <class T> QByteArray whyText(const consilium::StoreResult<T> &r)
{
    if (r)
        return {};
    return (r.error().message + QLatin1Char(' ') + r.error().details.join(QLatin1Char(' '))).toUtf8();
}
#define WHY(r) storetest::whyText(r).constData()
// Verifies that a store call succeeded, printing its error if not.
#define QVERIFY_STORE(expr)                                                                                            \
    do {                                                                                                               \
        const auto storeResult_ = (expr);                                                                              \
        QVERIFY2(storeResult_, WHY(storeResult_));                                                                     \
    } while (false)

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

inline Run runProgram(const QString &program, const QStringList &args, int timeoutMs = 60000)
{
    QProcess p;
    p.start(program, args);
    Run r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        r.err = "timed out";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

inline Run cli(const QStringList &args)
{
    return runProgram(QStringLiteral(CONSILIUM_CLI_PATH), args);
}

inline QString sqlite3Path()
{
    return QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
}

// Runs SQL through the real sqlite3 command-line shell (as an attacker with a shell would).
inline Run sqlite3(const QString &db, const QString &sql)
{
    return runProgram(sqlite3Path(), { db, sql });
}

// Runs SQL through the engine's own shell, as an attacker with a shell would: sqlite3 on a
// file, psql on a store's PostgreSQL location (CaseStore::path()).
inline Run shell(const QString &db, const QString &sql)
{
    if (!db.startsWith(QLatin1String("postgresql:")))
        return sqlite3(db, sql);
    return runProgram(QStandardPaths::findExecutable(QStringLiteral("psql")),
        { QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"), db,
            QStringLiteral("-c"), sql });
}

// The statements that make the trigger test_block, which refuses every `event` (INSERT,
// DELETE …) on `table` with "blocked by the test", on the suite's engine; and the one that drops it.
inline QStringList blockingTrigger(const QString &event, const QString &table)
{
    if (!onPostgres())
        return { QStringLiteral("CREATE TRIGGER test_block BEFORE %1 ON %2 BEGIN SELECT RAISE(ABORT, 'blocked by the "
                                "test'); END")
                     .arg(event, table) };
    return { QStringLiteral("CREATE OR REPLACE FUNCTION test_block() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                            "RAISE EXCEPTION 'blocked by the test'; END $$"),
        QStringLiteral("CREATE TRIGGER test_block BEFORE %1 ON %2 FOR EACH ROW EXECUTE FUNCTION test_block()")
            .arg(event, table) };
}

inline QString dropBlockingTrigger(const QString &table)
{
    return onPostgres() ? QStringLiteral("DROP TRIGGER test_block ON %1").arg(table)
                        : QStringLiteral("DROP TRIGGER test_block");
}

// A raw QSQLITE connection, closed and removed when it goes out of scope.
class RawConnection
{
public:
    // `path`: a file, or a store's PostgreSQL location (CaseStore::path()).
    explicit RawConnection(const QString &path) : m_name(QStringLiteral("raw-%1").arg(quintptr(this)))
    {
        const consilium::StoreLocation l = consilium::parseStoreLocation(path);
        QSqlDatabase db
            = QSqlDatabase::addDatabase(l.postgres ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE"), m_name);
        if (l.postgres)
            consilium::applyPostgresTarget(db, *l.postgres);
        else
            db.setDatabaseName(path);
        db.open();
    }
    ~RawConnection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }
    // The schema exactly as `version` left it, built the way the store builds it (application id,
    // connection settings, migrations up to `version`): what an older Consilium wrote, for the
    // migration tests. Returns what failed; empty when the schema is there.
    QString buildSchemaAt(const consilium::SqlDialect &dialect, int version) const
    {
        const QSqlDatabase d = db();
        if (!dialect.setApplicationId(d, consilium::kApplicationId))
            return QStringLiteral("cannot set the application id");
        QString error;
        if (!dialect.configure(d, 5000, true, error) || !consilium::Migrations::migrate(d, dialect, version, error))
            return error;
        return {};
    }
    bool exec(const QString &sql) const
    {
        QSqlQuery q(db());
        return q.exec(sql);
    }
    bool execAll(const QStringList &statements) const
    {
        for (const QString &sql : statements) {
            if (!exec(sql))
                return false;
        }
        return true;
    }
    QVariant scalar(const QString &sql) const
    {
        QSqlQuery q(db());
        return q.exec(sql) && q.next() ? q.value(0) : QVariant();
    }

private:
    QString m_name;
};

} // namespace storetest
