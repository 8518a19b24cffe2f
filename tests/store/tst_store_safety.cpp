// SPDX-License-Identifier: GPL-3.0-or-later
// The file and its guards: migrations, newer and foreign files, the writer lock, permissions
// and the tamper-evident audit log (issue 4).
#include "StoreTestUtil.h"

#include "store/CanonicalJson.h"
#include "store/Decisions.h"
#include "store/ImportExport.h"
#include "store/Migrations.h"
#include "store/SqlDialect.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlError>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTemporaryDir>

using namespace consilium;
using namespace storetest;

class TestStoreSafety : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    QString newPath() { return m_dir.filePath(QStringLiteral("s%1/consilium.sqlite").arg(++m_n)); }

    // A closed database with the examples imported and a few audit rows.
    QString populated()
    {
        const QString path = newPath();
        StoreError e;
        auto s = openStore(path, e);
        if (s && !importCases(*s, examplesDir(), RulePack::builtin()))
            qWarning("the examples could not be imported into %s", qPrintable(path));
        return path;
    }

    static AuditVerification verify(const QString &path)
    {
        StoreError e;
        auto s = openStore(path, e, false);
        if (!s) {
            AuditVerification v;
            v.intact = false;
            v.problems << e.message;
            return v;
        }
        return s->audit().verify(s->dialect());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")), "the Qt SQLite driver is not installed");
        QVERIFY2(!sqlite3Path().isEmpty(), "the sqlite3 shell (Debian package sqlite3) is required");
        QVERIFY(m_dir.isValid());
    }

    void newDatabaseSettings()
    {
        SQLITE_ONLY("file permissions and PRAGMAs of a SQLite file");
        const QString path = newPath();
        StoreError e;
        auto s = openStore(path, e);
        QVERIFY2(s, qPrintable(e.message));
        const auto perms = QFile::permissions(path);
        QVERIFY(perms & QFileDevice::ReadOwner);
        QVERIFY(!(perms
            & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther | QFileDevice::WriteOther)));
        for (const char *suffix : { "-wal", "-shm", ".audit-head", ".lock" }) {
            const QString f = path + QLatin1String(suffix);
            if (QFileInfo::exists(f))
                QVERIFY2(!(QFile::permissions(f) & (QFileDevice::ReadGroup | QFileDevice::ReadOther)), suffix);
        }
        QSqlQuery q(StoreConnection::of(*s));
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
        QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QVERIFY(q.exec(QStringLiteral("PRAGMA synchronous")) && q.next());
        QCOMPARE(q.value(0).toInt(), 2); // FULL
        QVERIFY(q.exec(QStringLiteral("PRAGMA busy_timeout")) && q.next());
        QCOMPARE(q.value(0).toInt(), 5000);
        QVERIFY(q.exec(QStringLiteral("PRAGMA application_id")) && q.next());
        QCOMPARE(q.value(0).toLongLong(), kApplicationId);
        QCOMPARE(s->schemaVersion().value(), Migrations::kCurrentVersion);
        QVERIFY(s->setting(QStringLiteral("required_roles")).value());

        // A reader of a missing database gets a clear message and creates nothing.
        const QString missing = m_dir.filePath(QStringLiteral("nothing-here.sqlite"));
        QVERIFY(!openStore(missing, e, false));
        QCOMPARE(e.code, StoreErrc::NotFound);
        QVERIFY(!QFileInfo::exists(missing));
    }

    void migratesFromVersion1()
    {
        SQLITE_ONLY("builds a schema v1 SQLite file by hand; the PostgreSQL upgrade test comes with its first "
                    "migration after v3");
        const QString path = newPath();
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        const auto dialect = SqlDialect::sqlite();
        const QByteArray v01 = example(QStringLiteral("V01-sle-ln-si-units"));
        json::Document doc;
        QVERIFY(parseStored(v01, doc));
        {
            // A database exactly as schema v1 left it, with a case, its version and audit rows.
            RawConnection raw(path);
            QSqlDatabase db = raw.db();
            const QString built = raw.buildSchemaAt(*dialect, 1);
            QVERIFY2(built.isEmpty(), qPrintable(built));
            QCOMPARE(dialect->schemaVersion(db).value_or(-1), 1);
            QVERIFY(raw.exec(QStringLiteral("INSERT INTO cases (id, case_id, label, disease, created_at, updated_at,"
                                            " latest_version_id) VALUES (1, 'V01-sle-ln-si-units', 'old label', 'SLE',"
                                            " '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', 1)")));
            QSqlQuery ins(db);
            ins.prepare(
                QStringLiteral("INSERT INTO case_versions (id, case_ref, version, created_at, created_by, content,"
                               " content_sha256) VALUES (1, 1, 1, '2025-01-01T00:00:00.000Z', 'v1 user', ?, ?)"));
            ins.addBindValue(QString::fromUtf8(compactJson(doc)));
            ins.addBindValue(sha256Hex(canonicalJson(doc)));
            QVERIFY2(ins.exec(), qPrintable(ins.lastError().text()));
            QString error;
            AuditLog log(db, auditHeadPathFor(path));
            AuditEntry a;
            a.at = QStringLiteral("2025-01-01T00:00:00.000Z");
            a.osUser = QStringLiteral("olduser");
            a.displayName = QStringLiteral("Old User");
            a.action = QStringLiteral("case.version_added");
            a.objectType = QStringLiteral("case");
            a.objectId = QStringLiteral("V01-sle-ln-si-units");
            a.beforeHash = QStringLiteral("");
            a.afterHash = sha256Hex(canonicalJson(doc));
            a.detail = QStringLiteral("version 1");
            QVERIFY(log.append(a, error));
            QVERIFY(log.publishHead(error));
        }
        StoreError e;
        // A reader cannot upgrade and says so.
        QVERIFY(!openStore(path, e, false));
        QCOMPARE(e.code, StoreErrc::NeedsUpgrade);

        auto s = openStore(path, e);
        QVERIFY2(s, qPrintable(e.message));
        QCOMPARE(s->schemaVersion().value(), Migrations::kCurrentVersion);
        const auto c = s->caseSummary(QStringLiteral("V01-sle-ln-si-units"));
        QVERIFY(c);
        QCOMPARE(c.value().label, QStringLiteral("old label"));
        QVERIFY(!c.value().archived); // the v2 column, filled in for old rows
        json::Document stored;
        QVERIFY(parseStored(s->latestVersion(QStringLiteral("V01-sle-ln-si-units")).value().content, stored));
        QVERIFY(jsonEqual(stored, doc));
        QVERIFY(s->setting(QStringLiteral("required_roles")).value());
        const AuditVerification v = s->audit().verify(s->dialect());
        QVERIFY2(v.intact, qPrintable(v.problems.join(QLatin1Char('\n'))));
        QCOMPARE(v.rows, qint64(8)); // the v1 row and one per migration step (v1 -> v2, … v7 -> v8)
        QCOMPARE(s->audit().entries(2).front().action, QStringLiteral("database.migrated"));
        QCOMPARE(s->audit().entries(3).front().detail, QStringLiteral("schema v2 -> v3"));
        QCOMPARE(s->audit().entries(4).front().detail, QStringLiteral("schema v3 -> v4"));
        QCOMPARE(s->audit().entries(5).front().detail, QStringLiteral("schema v4 -> v5"));
        QCOMPARE(s->audit().entries(6).front().detail, QStringLiteral("schema v5 -> v6"));
        QCOMPARE(s->audit().entries(7).front().detail, QStringLiteral("schema v6 -> v7"));
        QCOMPARE(s->audit().entries(8).front().detail, QStringLiteral("schema v7 -> v8"));
        // Work continues on the migrated file: equal re-import is still a no-op.
        QCOMPARE(s->saveCase(v01, RulePack::builtin()).value().status, SaveStatus::Unchanged);
    }

    void migratesFromVersion2()
    {
        SQLITE_ONLY("builds a schema v2 SQLite file by hand; the PostgreSQL upgrade test comes with its first "
                    "migration after v3");
        // Schema v3 adds who recorded each position; rows written before keep '' (never a guess).
        const QString path = newPath();
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        const auto dialect = SqlDialect::sqlite();
        {
            RawConnection raw(path);
            QSqlDatabase db = raw.db();
            const QString built = raw.buildSchemaAt(*dialect, 2);
            QVERIFY2(built.isEmpty(), qPrintable(built));
            QCOMPARE(dialect->schemaVersion(db).value_or(-1), 2);
            const QString at = QStringLiteral("'2025-01-01T00:00:00.000Z'");
            for (const QString &sql : {
                     QStringLiteral("INSERT INTO cases (id, case_id, created_at, updated_at, latest_version_id)"
                                    " VALUES (1, 'C1', %1, %1, 1)"),
                     QStringLiteral("INSERT INTO case_versions (id, case_ref, version, created_at, created_by, content,"
                                    " content_sha256) VALUES (1, 1, 1, %1, 'v2 user', '{}', 'x')"),
                     QStringLiteral("INSERT INTO rule_packs (id, sha256, pack_id, pack_version, content, stored_at)"
                                    " VALUES (1, 'abc', 'p', '1', '{}', %1)"),
                     QStringLiteral("INSERT INTO conferences (id, held_on, title, created_at)"
                                    " VALUES (1, '2025-01-02', 'MDT', %1)"),
                     QStringLiteral("INSERT INTO decisions (id, conference_id, case_version_id, pack_ref,"
                                    " engine_version, result_json, created_at, created_by)"
                                    " VALUES (1, 1, 1, 1, 'e', '{}', %1, 'v2 user')"),
                     QStringLiteral("INSERT INTO decision_positions (decision_id, participant, role, position,"
                                    " reason, recorded_at) VALUES (1, 'Dr Old', 'rheumatology', 'agree', '', %1)"),
                 }) {
                QSqlQuery q(db);
                QVERIFY2(q.exec(sql.arg(at)), qPrintable(q.lastError().text()));
            }
        }
        StoreError e;
        auto s = openStore(path, e);
        QVERIFY2(s, qPrintable(e.message));
        QCOMPARE(s->schemaVersion().value(), 8); // v3, v4 (follow-ups: tst_store_followups), v5 (verdict index), v6-v8
        QCOMPARE(Migrations::kCurrentVersion, 8);
        Decisions decisions(*s);
        auto d = decisions.decision(1);
        QVERIFY(d);
        QCOMPARE(d.value().positions.size(), std::size_t(1));
        QCOMPARE(d.value().positions[0].participant, QStringLiteral("Dr Old"));
        QCOMPARE(d.value().positions[0].recordedBy, QString());
        // A position recorded now names the user who recorded it.
        const auto recorded = decisions.recordPosition(
            1, { QStringLiteral("Dr Cell"), QStringLiteral("cellular_therapy"), Stance::Agree, {}, {}, {} });
        QVERIFY2(recorded, WHY(recorded));
        d = decisions.decision(1);
        QCOMPARE(d.value().positions.size(), std::size_t(2));
        QCOMPARE(d.value().positions[0].participant, QStringLiteral("Dr Cell"));
        QCOMPARE(d.value().positions[0].recordedBy, testActor().displayName);
        QCOMPARE(s->audit().entries().back().action, QStringLiteral("decision.position_recorded"));
    }

    void newerSchemaRefused()
    {
        const QString path = populated();
        // SQLite counts versions in PRAGMA user_version, PostgreSQL in the table schema_version.
        const QString newer = onPostgres()
            ? QStringLiteral("INSERT INTO schema_version (version, applied_at) VALUES (%1, 'test');")
            : QStringLiteral("PRAGMA user_version = %1;");
        QCOMPARE(shell(location(path), newer.arg(Migrations::kCurrentVersion + 1)).exitCode, 0);
        const QByteArray before = readAll(path);
        StoreError e;
        for (bool writer : { true, false }) {
            QVERIFY(!openStore(path, e, writer));
            QCOMPARE(e.code, StoreErrc::TooNew);
            QVERIFY2(e.message.contains(QLatin1String("newer")), qPrintable(e.message));
        }
        QCOMPARE(readAll(path), before);
        if (onPostgres())
            return; // the CLI refuses postgresql:// until issue 13 is complete
        const Run r = cli({ QStringLiteral("db"), QStringLiteral("list"), QStringLiteral("--db"), path });
        QCOMPARE(r.exitCode, 66);
        QVERIFY(r.err.contains("newer"));
    }

    void foreignFilesRefusedAndUntouched_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("text file") << QStringLiteral("text");
        QTest::newRow("sqlite of another application") << QStringLiteral("other-app");
        QTest::newRow("sqlite without application id") << QStringLiteral("plain");
        QTest::newRow("damaged consilium file") << QStringLiteral("damaged");
    }

    void foreignFilesRefusedAndUntouched()
    {
        SQLITE_ONLY("foreign and damaged files");
        QFETCH(QString, kind);
        const QString path = newPath();
        QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
        if (kind == QLatin1String("text")) {
            QVERIFY(writeAll(path, "these are my notes, not a database\n"));
        } else if (kind == QLatin1String("other-app")) {
            QCOMPARE(
                sqlite3(path,
                    QStringLiteral("PRAGMA application_id = 305419896; CREATE TABLE t (x); INSERT INTO t VALUES (1);"))
                    .exitCode,
                0);
        } else if (kind == QLatin1String("plain")) {
            QCOMPARE(sqlite3(path, QStringLiteral("CREATE TABLE t (x); INSERT INTO t VALUES (1);")).exitCode, 0);
        } else {
            const QString good = populated();
            QByteArray bytes = readAll(good);
            QVERIFY(bytes.size() > 8192);
            for (qsizetype i = 4096; i < bytes.size(); ++i)
                bytes[i] = char(0xA5);
            QVERIFY(writeAll(path, bytes));
        }
        const QByteArray before = readAll(path);
        const auto permsBefore = QFile::permissions(path);
        StoreError e;
        for (bool writer : { true, false }) {
            QVERIFY(!openStore(path, e, writer));
            QVERIFY2(e.code == StoreErrc::Foreign || e.code == StoreErrc::Corrupt, qPrintable(e.message));
            QVERIFY(e.message.contains(QLatin1String("untouched")));
        }
        const Run r
            = cli({ QStringLiteral("db"), QStringLiteral("import"), examplesDir(), QStringLiteral("--db"), path });
        QCOMPARE(r.exitCode, 66);
        QVERIFY(r.err.contains("untouched"));
        QCOMPARE(readAll(path), before);
        QCOMPARE(QFile::permissions(path), permsBefore);
    }

    // A PostgreSQL database that holds tables of another application is refused, for reading
    // and writing, and left as it was; an empty one is only created into by a writer.
    void foreignPostgresDatabaseRefused()
    {
        if (!onPostgres())
            QSKIP("PostgreSQL only: the SQLite variant is foreignFilesRefusedAndUntouched");
        const QString db = location(newPath());
        QCOMPARE(
            shell(db, QStringLiteral("CREATE TABLE invoices (id INTEGER); INSERT INTO invoices VALUES (1);")).exitCode,
            0);
        StoreError e;
        for (bool writer : { true, false }) {
            QVERIFY(!openStore(db, e, writer));
            QCOMPARE(e.code, StoreErrc::Foreign);
            QVERIFY2(e.message.contains(QLatin1String("another application")), qPrintable(e.message));
        }
        {
            RawConnection raw(db);
            QCOMPARE(raw.scalar(QStringLiteral("SELECT string_agg(tablename, ',') FROM pg_tables"
                                               " WHERE schemaname = current_schema()"))
                         .toString(),
                QStringLiteral("invoices"));
            QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM invoices")).toInt(), 1);
        }

        const QString empty = location(newPath());
        QVERIFY(!openStore(empty, e, false));
        QCOMPARE(e.code, StoreErrc::NotFound);
        auto created = openStore(empty, e, true);
        QVERIFY2(created, qPrintable(e.message));
        QCOMPARE(created->schemaVersion().value(), Migrations::kCurrentVersion);
        QCOMPARE(created->audit().entries().front().action, QStringLiteral("database.created"));
    }

    // packaging/postgresql/setup.sql and grants.sql: a login of consilium_user works with the
    // store but cannot rewrite the audit log or lift its triggers (issue 13, least privilege).
    void userRoleCannotRewriteTheAuditLog()
    {
        if (!onPostgres())
            QSKIP("PostgreSQL only: a SQLite file has no roles");
        const QString admin = postgresUri();
        for (const char *sql :
            { "DROP DATABASE IF EXISTS consilium", "DROP ROLE IF EXISTS dr_test, consilium_owner, consilium_user" })
            QCOMPARE(shell(admin, QLatin1String(sql)).exitCode, 0);
        const QString packaging = QStringLiteral(CONSILIUM_SOURCE_DIR "/packaging/postgresql/");
        const auto psqlFile = [](const QString &db, const QString &file) {
            return runProgram(QStandardPaths::findExecutable(QStringLiteral("psql")),
                { QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"),
                    db, QStringLiteral("-f"), file });
        };
        Run r = psqlFile(admin, packaging + QStringLiteral("setup.sql"));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(shell(admin, QStringLiteral("CREATE ROLE dr_test LOGIN IN ROLE consilium_user")).exitCode, 0);
        PostgresTarget target = *parseStoreLocation(admin).postgres;
        target.database = QStringLiteral("consilium");
        target.user = QStringLiteral("consilium_owner");
        const QString asOwner = target.uri();
        target.user = QStringLiteral("dr_test");
        const QString asUser = target.uri();

        StoreError e;
        {
            auto owner = openStore(asOwner, e); // creates the schema
            QVERIFY2(owner, qPrintable(e.message));
        }
        r = psqlFile(asOwner, packaging + QStringLiteral("grants.sql"));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        auto user = openStore(asUser, e);
        QVERIFY2(user, qPrintable(e.message));
        QVERIFY_STORE(importCases(*user, examplesDir(), RulePack::builtin()));
        QVERIFY_STORE(user->setArchived(QStringLiteral("V01-sle-ln-si-units"), true));

        for (const char *sql :
            { "UPDATE audit_log SET detail = 'forged' WHERE id = 2", "DELETE FROM audit_log WHERE id >= 2",
                "TRUNCATE audit_log", "DROP TRIGGER audit_log_no_update ON audit_log",
                "UPDATE case_versions SET content = '{}' WHERE id = 1", "DELETE FROM evaluations",
                "ALTER TABLE audit_log DISABLE TRIGGER ALL", "UPDATE follow_ups SET arm = 'x'",
                "DELETE FROM follow_ups" }) {
            const Run refused = shell(asUser, QLatin1String(sql));
            QVERIFY2(refused.exitCode != 0, sql);
            QVERIFY2(refused.err.contains("permission denied") || refused.err.contains("must be owner"),
                refused.err.constData());
        }
        // Purging lifts two triggers: the owner's task, refused to the user role.
        const auto purge
            = user->purgeCase(QStringLiteral("V01-sle-ln-si-units"), QStringLiteral("V01-sle-ln-si-units"));
        QVERIFY(!purge);
        const AuditVerification v = user->audit().verify(user->dialect());
        QVERIFY2(v.intact, qPrintable(v.problems.join(QLatin1Char('\n'))));
    }

    // Every audit row's hash is the one AuditLog::rowHash gives, whoever computed it: on SQLite
    // the client, on PostgreSQL the server (consilium_audit_append, schema v7), from the text
    // after the id that the client sends. Text that JSON escapes, that SQL quotes, non-ASCII
    // beyond the BMP, and what looks like a placeholder or a dollar quote all arrive and hash alike.
    void auditHashesAgreeWithTheClient()
    {
        const QString path = newPath();
        StoreError e;
        auto s = openStore(path, e);
        QVERIFY2(s, qPrintable(e.message));
        const QStringList awkward { QStringLiteral("plain"), QStringLiteral("quote ' and \" double"),
            QStringLiteral("back\\slash\nnewline\ttab"), QString::fromUtf8("N\xc3\xa4he \xe2\x80\x94 \xf0\x9f\x98\x80"),
            QStringLiteral("control \x01 \x1f"), QStringLiteral(":detail $consilium$ E'\\n' %1"), QString() };
        for (int i = 0; i < awkward.size(); ++i)
            QVERIFY(s->setSetting(QStringLiteral("awkward_%1").arg(i), awkward.at(i)));
        const std::vector<AuditEntry> rows = s->audit().entries();
        QVERIFY(rows.size() > std::size_t(awkward.size()));
        QString previous = AuditLog::genesisHash();
        for (const AuditEntry &row : rows) {
            QCOMPARE(row.prevHash, previous);
            QCOMPARE(row.hash, AuditLog::rowHash(row.prevHash, row));
            QCOMPARE(QByteArray('[' + QByteArray::number(row.id) + ',' + AuditLog::canonicalTail(row)),
                AuditLog::canonicalRow(row));
            previous = row.hash;
        }
        for (int i = 0; i < awkward.size(); ++i) {
            const AuditEntry &row = rows.at(rows.size() - std::size_t(awkward.size()) + std::size_t(i));
            QCOMPARE(row.objectId, QStringLiteral("awkward_%1").arg(i));
            QCOMPARE(row.detail, awkward.at(i).isNull() ? QStringLiteral("") : awkward.at(i));
        }
        const AuditVerification v = s->audit().verify(s->dialect());
        QVERIFY2(v.intact, qPrintable(v.problems.join(QLatin1Char('\n'))));
        QCOMPARE(v.head.hash, previous);
    }

    void secondWriterToldWhoHoldsIt()
    {
        SQLITE_ONLY("the writer lock file; PostgreSQL has no single writer");
        const QString path = newPath();
        StoreError e;
        auto first = openStore(path, e);
        QVERIFY(first);
        const QString pid = QString::number(QCoreApplication::applicationPid());
        QVERIFY(!openStore(path, e, true, 300));
        QCOMPARE(e.code, StoreErrc::Locked);
        QVERIFY2(e.message.contains(QStringLiteral("pid ") + pid), qPrintable(e.message));
        QVERIFY2(e.message.contains(QSysInfo::machineHostName()), qPrintable(e.message));
        QVERIFY2(e.message.contains(QFileInfo(lockPathFor(path)).owner()), qPrintable(e.message));
        // Readers are not blocked.
        QVERIFY(openStore(path, e, false));

        // Another process waits (5 s by default), then names the holder.
        const Run r
            = cli({ QStringLiteral("db"), QStringLiteral("import"), examplesDir(), QStringLiteral("--db"), path });
        QCOMPARE(r.exitCode, 75);
        QVERIFY2(r.err.contains((QStringLiteral("pid ") + pid).toUtf8()), r.err.constData());
        QVERIFY(r.err.contains("in use by"));

        // A writer that is still waiting when the lock is released gets in: the wait is a wait, not
        // a single try. (The CLI waits up to 5 s; the lock is released while it waits.)
        QProcess waiting;
        waiting.start(QStringLiteral(CONSILIUM_CLI_PATH),
            { QStringLiteral("db"), QStringLiteral("import"), examplesDir(), QStringLiteral("--db"), path });
        QVERIFY(waiting.waitForStarted());
        QTest::qWait(300);
        first.reset();
        QVERIFY(waiting.waitForFinished(60000));
        QVERIFY2(waiting.exitCode() == 0, waiting.readAllStandardError().constData());

        // Once released the next writer gets in.
        QVERIFY(openStore(path, e, true, 300));
    }

    void tamperEditDeleteReorder_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<qint64>("badRow");
        QTest::newRow("edit") << QStringLiteral("DROP TRIGGER audit_log_no_update;"
                                                " UPDATE audit_log SET detail = 'forged' WHERE id = 3;")
                              << qint64(3);
        QTest::newRow("edit who") << QStringLiteral("DROP TRIGGER audit_log_no_update;"
                                                    " UPDATE audit_log SET os_user = 'someone' WHERE id = 5;")
                                  << qint64(5);
        QTest::newRow("delete") << QStringLiteral(
            "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 4;")
                                << qint64(4);
        QTest::newRow("delete first") << QStringLiteral(
            "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 1;")
                                      << qint64(1);
        QTest::newRow("reorder") << QStringLiteral("DROP TRIGGER audit_log_no_update;"
                                                   " UPDATE audit_log SET id = -1 WHERE id = 3;"
                                                   " UPDATE audit_log SET id = 3 WHERE id = 4;"
                                                   " UPDATE audit_log SET id = 4 WHERE id = -1;")
                                 << qint64(3);
        QTest::newRow("truncate end") << QStringLiteral("DROP TRIGGER audit_log_no_delete;"
                                                        " DELETE FROM audit_log WHERE id >= 10;")
                                      << qint64(10);
    }

    void tamperEditDeleteReorder()
    {
        QFETCH(QString, sql);
        QFETCH(qint64, badRow);
        if (onPostgres() && QLatin1String(QTest::currentDataTag()) == QLatin1String("truncate end"))
            QSKIP("SQLite only: rows removed from the end show against the head file beside a SQLite file; a "
                  "PostgreSQL store has none (docs/store.md#postgresql)");
        const QString path = populated();
        QVERIFY(verify(path).intact);
        // The CLI refuses postgresql:// until issue 13 is complete: on PostgreSQL the chain is
        // verified in this process only.
        if (!onPostgres())
            QCOMPARE(
                cli({ QStringLiteral("db"), QStringLiteral("verify-audit"), QStringLiteral("--db"), path }).exitCode,
                0);
        // The engine's shell (sqlite3, psql) on the store; PostgreSQL drops a trigger of a table.
        const QString db = location(path);
        if (onPostgres())
            sql.replace(QRegularExpression(QStringLiteral("DROP TRIGGER (\\w+);")),
                QStringLiteral("DROP TRIGGER \\1 ON audit_log;"));
        // Triggers refuse a direct change.
        QVERIFY(shell(db, QStringLiteral("UPDATE audit_log SET detail = 'x' WHERE id = 2;")).exitCode != 0);
        QVERIFY(shell(db, QStringLiteral("DELETE FROM audit_log WHERE id = 2;")).exitCode != 0);

        const Run tamper = shell(db, sql);
        QVERIFY2(tamper.exitCode == 0, tamper.err.constData());
        const AuditVerification v = verify(path);
        QVERIFY(!v.intact);
        QCOMPARE(v.firstBadRow, badRow);
        QVERIFY2(v.problems.first().contains(QStringLiteral("row %1").arg(badRow)), qPrintable(v.problems.first()));

        if (onPostgres())
            return;
        const Run r = cli({ QStringLiteral("db"), QStringLiteral("verify-audit"), QStringLiteral("--db"), path });
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains(QStringLiteral("first bad row %1").arg(badRow).toUtf8()), r.out.constData());
    }

    void recomputedChainDetectedBySidecar()
    {
        SQLITE_ONLY("the audit head file beside a SQLite file; a PostgreSQL store has none (docs/store.md#postgresql)");
        const QString path = populated();
        const auto before = AuditLog::readSidecar(auditHeadPathFor(path));
        QVERIFY(before);
        {
            // Edit row 2 and recompute every hash after it: the chain itself is consistent again.
            RawConnection raw(path);
            QVERIFY(raw.exec(QStringLiteral("DROP TRIGGER audit_log_no_update")));
            QVERIFY(raw.exec(QStringLiteral("UPDATE audit_log SET detail = 'rewritten history' WHERE id = 2")));
            QSqlQuery q(raw.db());
            QVERIFY(q.exec(QStringLiteral("SELECT id, at, os_user, display_name, action, object_type, object_id,"
                                          " before_hash, after_hash, detail FROM audit_log ORDER BY id")));
            QString prev = AuditLog::genesisHash();
            std::vector<std::pair<qint64, std::pair<QString, QString>>> updates;
            while (q.next()) {
                AuditEntry a;
                a.id = q.value(0).toLongLong();
                a.at = q.value(1).toString();
                a.osUser = q.value(2).toString();
                a.displayName = q.value(3).toString();
                a.action = q.value(4).toString();
                a.objectType = q.value(5).toString();
                a.objectId = q.value(6).toString();
                a.beforeHash = q.value(7).toString();
                a.afterHash = q.value(8).toString();
                a.detail = q.value(9).toString();
                const QString h = AuditLog::rowHash(prev, a);
                updates.push_back({ a.id, { prev, h } });
                prev = h;
            }
            q.finish();
            for (const auto &[id, hashes] : updates) {
                QSqlQuery u(raw.db());
                u.prepare(QStringLiteral("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?"));
                u.addBindValue(hashes.first);
                u.addBindValue(hashes.second);
                u.addBindValue(id);
                QVERIFY(u.exec());
            }
            QVERIFY(raw.exec(QStringLiteral("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW"
                                            " BEGIN SELECT RAISE(ABORT, 'audit_log rows are immutable'); END")));
        }
        const AuditVerification v = verify(path);
        QVERIFY(!v.intact);
        QCOMPARE(v.firstBadRow, before->id);
        QVERIFY2(v.problems.first().contains(QLatin1String("head file")), qPrintable(v.problems.first()));

        // A writer does not "repair" it either.
        StoreError e;
        QVERIFY(openStore(path, e));
        QVERIFY(!verify(path).intact);
    }

    void sidecarMissingOrBehind()
    {
        SQLITE_ONLY("the audit head file beside a SQLite file; a PostgreSQL store has none (docs/store.md#postgresql)");
        const QString path = populated();
        const QString sidecar = auditHeadPathFor(path);
        const QByteArray current = readAll(sidecar);
        QVERIFY(QFile::remove(sidecar));
        AuditVerification v = verify(path);
        QVERIFY(!v.intact);
        QVERIFY(v.problems.first().contains(QLatin1String("missing")));

        // Behind by rows whose chain is intact (a crash between COMMIT and writing the head):
        // reported as a note, and brought up to date by the next writer.
        const auto head = AuditLog::readSidecar(path + QStringLiteral(".audit-head-none"));
        QVERIFY(!head);
        QVERIFY(writeAll(sidecar, current));
        StoreError e;
        {
            auto s = openStore(path, e);
            QVERIFY(s);
            QVERIFY(s->setArchived(QStringLiteral("V01-sle-ln-si-units"), true));
        }
        const QByteArray newer = readAll(sidecar);
        QVERIFY(writeAll(sidecar, current));
        v = verify(path);
        QVERIFY2(v.intact, qPrintable(v.problems.join(QLatin1Char('\n'))));
        QCOMPARE(v.notes.size(), 1);
        {
            auto s = openStore(path, e);
            QVERIFY(s);
        }
        v = verify(path);
        QVERIFY(v.intact);
        QVERIFY(v.notes.isEmpty());
        QVERIFY(readAll(sidecar) != newer); // a resync row was added and published
    }
};

QTEST_GUILESS_MAIN(TestStoreSafety)
#include "tst_store_safety.moc"
