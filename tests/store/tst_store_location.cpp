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
    const QString pg
        = QStringLiteral("PostgreSQL (postgresql://…) is not supported by this version; give a path to a SQLite file");
    QTest::newRow("postgresql") << QStringLiteral("postgresql://consilium@127.0.0.1:5432/consilium")
                                << QStringLiteral("postgresql") << pg;
    QTest::newRow("POSTGRESQL upper case") << QStringLiteral("POSTGRESQL://h/db") << QStringLiteral("postgresql") << pg;
    QTest::newRow("postgres") << QStringLiteral("postgres://u:pw@h/db") << QStringLiteral("postgres")
                              << QStringLiteral("PostgreSQL (postgres://…) is not supported by this version; give a "
                                                "path to a SQLite file");
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
    o.path = QStringLiteral("postgresql://consilium@127.0.0.1:5432/consilium");
    const auto store = CaseStore::open(o);
    QVERIFY(!store);
    const StoreError &e = store.error();
    QCOMPARE(e.code, StoreErrc::Unsupported);
    QVERIFY2(e.message.contains(QStringLiteral("PostgreSQL (postgresql://…) is not supported")), qPrintable(e.message));
    QVERIFY(QDir(dir.path()).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));
}

QTEST_GUILESS_MAIN(TestStoreLocation)
#include "tst_store_location.moc"
