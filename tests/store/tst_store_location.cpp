// SPDX-License-Identifier: GPL-3.0-or-later
// The database-location classifier (docs/store.md#database-location, issue 13): a URI with a
// scheme is supported (file:) or refused naming its scheme; a path stays a path.
#include "store/CaseStore.h"
#include "store/StoreLocation.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace consilium;

class TestStoreLocation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void paths_data();
    void paths();
    void unsupported_data();
    void unsupported();
    void fileUrls();
    void openRefusesBeforeTouchingDisk();
    void postgresTargets_data();
    void postgresTargets();
    void postgresRefusals_data();
    void postgresRefusals();
};

void TestStoreLocation::paths_data()
{
    QTest::addColumn<QString>("location");
    QTest::newRow("empty (the default database)") << QString();
    QTest::newRow("file name") << QStringLiteral("file.db");
    QTest::newRow("relative with dot") << QStringLiteral("./x.db");
    QTest::newRow("relative directory") << QStringLiteral("data/cases.sqlite");
    QTest::newRow("absolute") << QStringLiteral("/var/lib/consilium/c.sqlite");
    QTest::newRow("colon after a slash") << QStringLiteral("./odd:name.sqlite");
    QTest::newRow("colon in a directory") << QStringLiteral("/tmp/a:b/c.sqlite");
    QTest::newRow("colon after a space") << QStringLiteral("my db:1.sqlite");
    QTest::newRow("colon after an underscore") << QStringLiteral("site_a:b.sqlite");
    QTest::newRow("leading digit") << QStringLiteral("2026:cases.sqlite");
    QTest::newRow("Windows drive, backslash") << QStringLiteral("C:\\Users\\a\\consilium.sqlite");
    QTest::newRow("Windows drive, slash") << QStringLiteral("d:/data/consilium.sqlite");
    QTest::newRow("Windows drive-relative") << QStringLiteral("C:consilium.sqlite");
    QTest::newRow("UNC") << QStringLiteral("\\\\server\\share\\c.sqlite");
}

void TestStoreLocation::paths()
{
    QFETCH(QString, location);
    const StoreLocation l = parseStoreLocation(location);
    QVERIFY(l.isSupported());
    QCOMPARE(l.kind, StoreLocation::Kind::SqliteFile);
    QCOMPARE(l.path, location); // a path stays exactly the path given
    QVERIFY(l.scheme.isEmpty());
    QVERIFY(l.error.isEmpty());
}

void TestStoreLocation::unsupported_data()
{
    QTest::addColumn<QString>("location");
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QString>("message");
    // A PostgreSQL URI with a password is refused without repeating it (libpq reads passwords
    // from PGPASSWORD, ~/.pgpass or a service file; docs/store.md#postgresql).
    QTest::newRow("postgres with a password") << QStringLiteral("postgres://u:pw@h/db") << QStringLiteral("postgres")
                                              << QStringLiteral("contains a password");
    QTest::newRow("mysql") << QStringLiteral("mysql://x") << QStringLiteral("mysql")
                           << QStringLiteral("URI scheme \"mysql:\", which this version does not support");
    QTest::newRow("sqlite (not accepted)")
        << QStringLiteral("sqlite:///tmp/x.db") << QStringLiteral("sqlite") << QStringLiteral("\"sqlite:\"");
    QTest::newRow("scheme without //") << QStringLiteral("backup:2026.sqlite") << QStringLiteral("backup")
                                       << QStringLiteral("write ./backup:…");
    QTest::newRow("scheme with + . -") << QStringLiteral("a+b.c-d://x") << QStringLiteral("a+b.c-d")
                                       << QStringLiteral("\"a+b.c-d:\"");
    QTest::newRow("file with a host") << QStringLiteral("file://server/share/x.sqlite") << QStringLiteral("file")
                                      << QStringLiteral("not a local file URL");
    QTest::newRow("file with a query") << QStringLiteral("file:///tmp/x.sqlite?mode=ro") << QStringLiteral("file")
                                       << QStringLiteral("not a local file URL");
}

void TestStoreLocation::unsupported()
{
    QFETCH(QString, location);
    QFETCH(QString, scheme);
    QFETCH(QString, message);
    const StoreLocation l = parseStoreLocation(location);
    QVERIFY(!l.isSupported());
    QCOMPARE(l.kind, StoreLocation::Kind::Unsupported);
    QCOMPARE(l.scheme, scheme);
    QVERIFY(l.path.isEmpty());
    QVERIFY2(l.error.contains(message), qPrintable(l.error));
    QVERIFY2(!l.error.contains(QLatin1String("pw@")), qPrintable(l.error)); // no credentials repeated
}

void TestStoreLocation::fileUrls()
{
    const StoreLocation abs = parseStoreLocation(QStringLiteral("file:///var/lib/c.sqlite"));
    QVERIFY(abs.isSupported());
    QCOMPARE(abs.scheme, QStringLiteral("file"));
    QCOMPARE(abs.path, QStringLiteral("/var/lib/c.sqlite"));
    const StoreLocation escaped = parseStoreLocation(QStringLiteral("FILE:///tmp/my%20cases.sqlite"));
    QVERIFY(escaped.isSupported());
    QCOMPARE(escaped.path, QStringLiteral("/tmp/my cases.sqlite"));
}

void TestStoreLocation::openRefusesBeforeTouchingDisk()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir::setCurrent(dir.path()));
    StoreOptions o;
    o.path = QStringLiteral("mysql://consilium@127.0.0.1/consilium");
    const auto store = CaseStore::open(o);
    QVERIFY(!store);
    const StoreError &e = store.error();
    QCOMPARE(e.code, StoreErrc::Unsupported);
    QVERIFY2(e.message.contains(QStringLiteral("\"mysql:\"")), qPrintable(e.message));
    QVERIFY(QDir(dir.path()).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));
    // A PostgreSQL location is a server, never a path: with no server listening the open fails
    // naming it, and no "postgresql:" directory appears (the bug of issue 13's first paragraph).
    o.path = QStringLiteral("postgresql://consilium@127.0.0.1:1/consilium");
    const auto pg = CaseStore::open(o);
    QVERIFY(!pg);
    QVERIFY2(pg.error().message.contains(QStringLiteral("postgresql://consilium@127.0.0.1:1/consilium")),
        qPrintable(pg.error().message));
    QVERIFY(QDir(dir.path()).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));
}

// A postgresql:// location is parsed into libpq's connection parameters (issue 13).
void TestStoreLocation::postgresTargets_data()
{
    QTest::addColumn<QString>("location");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("sslmode");
    QTest::addColumn<QString>("normalForm");
    QTest::newRow("full") << QStringLiteral("postgresql://consilium@db.example.org:5433/cases?sslmode=verify-full")
                          << QStringLiteral("db.example.org") << 5433 << QStringLiteral("consilium")
                          << QStringLiteral("cases") << QStringLiteral("verify-full")
                          << QStringLiteral("postgresql://consilium@db.example.org:5433/cases?sslmode=verify-full");
    QTest::newRow("host and database only")
        << QStringLiteral("postgres://127.0.0.1/consilium") << QStringLiteral("127.0.0.1") << -1 << QString()
        << QStringLiteral("consilium") << QString() << QStringLiteral("postgresql://127.0.0.1/consilium");
    QTest::newRow("Unix socket directory")
        << QStringLiteral("postgresql://postgres@/team?host=/run/postgresql") << QStringLiteral("/run/postgresql") << -1
        << QStringLiteral("postgres") << QStringLiteral("team") << QString()
        << QStringLiteral("postgresql://postgres@/team?host=/run/postgresql");
    QTest::newRow("socket, no user") << QStringLiteral("postgresql:///team?host=/tmp/pg") << QStringLiteral("/tmp/pg")
                                     << -1 << QString() << QStringLiteral("team") << QString()
                                     << QStringLiteral("postgresql:///team?host=/tmp/pg");
}

void TestStoreLocation::postgresTargets()
{
    QFETCH(QString, location);
    const StoreLocation l = parseStoreLocation(location);
    QVERIFY2(l.isSupported(), qPrintable(l.error));
    QCOMPARE(l.kind, StoreLocation::Kind::Postgres);
    QVERIFY(l.postgres);
    QTEST(l.postgres->host, "host");
    QTEST(l.postgres->port, "port");
    QTEST(l.postgres->user, "user");
    QTEST(l.postgres->database, "database");
    QTEST(l.postgres->sslmode, "sslmode");
    QTEST(l.postgres->uri(), "normalForm");
    // The normal form reads back as the same target (CaseStore::path() of a PostgreSQL store).
    const StoreLocation again = parseStoreLocation(l.postgres->uri());
    QVERIFY(again.postgres);
    QCOMPARE(again.postgres->uri(), l.postgres->uri());
    QCOMPARE(again.postgres->host, l.postgres->host);
}

void TestStoreLocation::postgresRefusals_data()
{
    QTest::addColumn<QString>("location");
    QTest::addColumn<QString>("why");
    QTest::newRow("password") << QStringLiteral("postgresql://u:secret@h/db")
                              << QStringLiteral("contains a password; libpq reads it from PGPASSWORD, ~/.pgpass");
    QTest::newRow("no database") << QStringLiteral("postgresql://h") << QStringLiteral("names no database");
    QTest::newRow("unknown parameter") << QStringLiteral("postgresql://h/db?application_name=x")
                                       << QStringLiteral("\"application_name\" is not supported");
    QTest::newRow("bad sslmode") << QStringLiteral("postgresql://h/db?sslmode=maybe")
                                 << QStringLiteral("sslmode \"maybe\" is not one of");
}

void TestStoreLocation::postgresRefusals()
{
    QFETCH(QString, location);
    QFETCH(QString, why);
    const StoreLocation l = parseStoreLocation(location);
    QVERIFY(!l.postgres);
    QCOMPARE(l.kind, StoreLocation::Kind::Unsupported);
    QVERIFY2(l.error.contains(why), qPrintable(l.error));
    QVERIFY2(!l.error.contains(QLatin1String("secret")), qPrintable(l.error));
    // Opening it is refused with that reason, touching nothing.
    StoreOptions o;
    o.path = location;
    const auto store = CaseStore::open(o);
    QVERIFY(!store);
    QCOMPARE(store.error().code, StoreErrc::Unsupported);
    QVERIFY2(store.error().message.contains(why), qPrintable(store.error().message));
}

QTEST_GUILESS_MAIN(TestStoreLocation)
#include "tst_store_location.moc"
