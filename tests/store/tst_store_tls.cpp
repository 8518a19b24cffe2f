// SPDX-License-Identifier: GPL-3.0-or-later
// TLS to a team database (issue 13; docs/store.md#postgresql, "TLS"): a cluster of its own that
// speaks TLS on 127.0.0.1 only, with a CA and a server certificate made by openssl at test time
// (pg-tls-cluster.sh, started and removed by the CTest fixture tls_cluster). sslmode=verify-full
// with PGSSLROOTCERT naming that CA connects, encrypted; with another CA, or with a host name the
// certificate does not name, the store and the CLI (exit 66, docs/cli.md) refuse, saying why.
// Registered only as tst_store_tls_pg with CONSILIUM_TEST_TLS_DIR (tests/store/CMakeLists.txt).
#include "store/CaseStore.h"
#include "store/SqlRows.h"
#include "store/StoreConnection.h"

#include <QFile>
#include <QProcess>
#include <QTest>

using namespace consilium;

class TestStoreTls : public QObject
{
    Q_OBJECT

private:
    QString m_dir;
    QString m_port;

    QString uri(const QString &host) const
    {
        return QStringLiteral("postgresql://postgres@%1:%2/postgres?sslmode=verify-full").arg(host, m_port);
    }

    static StoreResult<std::unique_ptr<CaseStore>> open(const QString &location)
    {
        StoreOptions o;
        o.path = location;
        o.writer = true;
        o.actor = { QStringLiteral("tester"), QStringLiteral("Dr Test") };
        return CaseStore::open(o);
    }

    struct Run {
        int exitCode = -1;
        QString err;
    };

    Run runCli(const QString &location, const QString &rootCert) const
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PGSSLROOTCERT"), rootCert);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(CONSILIUM_CLI_PATH),
            { QStringLiteral("db"), QStringLiteral("init"), QStringLiteral("--db"), location });
        if (!p.waitForFinished(60000))
            return {};
        return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardError()) };
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_dir = qEnvironmentVariable("CONSILIUM_TEST_TLS_DIR");
        QVERIFY2(!m_dir.isEmpty(), "CONSILIUM_TEST_TLS_DIR is not set (run through ctest: tst_store_tls_pg)");
        QFile port(m_dir + QStringLiteral("/port"));
        QVERIFY2(port.open(QIODevice::ReadOnly), "the TLS cluster did not start (pg-tls-cluster.sh)");
        m_port = QString::fromLatin1(port.readAll()).trimmed();
        QVERIFY(!m_port.isEmpty());
    }

    // The CA that signed the server's certificate: the connection is made, and it is encrypted.
    void verifyFullWithTheRightCaConnects()
    {
        qputenv("PGSSLROOTCERT", QFile::encodeName(m_dir + QStringLiteral("/ca.crt")));
        auto store = open(uri(QStringLiteral("127.0.0.1")));
        QVERIFY2(store, qPrintable(store ? QString() : store.error().message));
        SqlStatement q(StoreConnection::of(*store.value()),
            QStringLiteral("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"));
        QVERIFY2(q.exec() && q.next(), qPrintable(q.errorText()));
        QVERIFY(q.value(QStringLiteral("ssl")).toBool());
        // The store works over it: the database was created and its audit chain verifies.
        QVERIFY(store.value()->audit().verify(store.value()->dialect()).intact);
    }

    void verifyFullWithAnotherCaIsRefused()
    {
        qputenv("PGSSLROOTCERT", QFile::encodeName(m_dir + QStringLiteral("/other-ca.crt")));
        const auto store = open(uri(QStringLiteral("127.0.0.1")));
        QVERIFY(!store);
        QVERIFY2(store.error().message.contains(QStringLiteral("certificate verify failed")),
            qPrintable(store.error().message));
        const Run r = runCli(uri(QStringLiteral("127.0.0.1")), m_dir + QStringLiteral("/other-ca.crt"));
        QVERIFY2(r.exitCode == 66, qPrintable(QStringLiteral("exit %1: %2").arg(r.exitCode).arg(r.err)));
        QVERIFY2(r.err.contains(QStringLiteral("certificate verify failed")), qPrintable(r.err));
    }

    // The certificate names 127.0.0.1 only: "localhost" is another host name.
    void verifyFullWithAnotherHostNameIsRefused()
    {
        qputenv("PGSSLROOTCERT", QFile::encodeName(m_dir + QStringLiteral("/ca.crt")));
        const auto store = open(uri(QStringLiteral("localhost")));
        QVERIFY(!store);
        QVERIFY2(store.error().message.contains(QStringLiteral("does not match host name \"localhost\"")),
            qPrintable(store.error().message));
        const Run r = runCli(uri(QStringLiteral("localhost")), m_dir + QStringLiteral("/ca.crt"));
        QVERIFY2(r.exitCode == 66, qPrintable(QStringLiteral("exit %1: %2").arg(r.exitCode).arg(r.err)));
        QVERIFY2(r.err.contains(QStringLiteral("does not match host name")), qPrintable(r.err));
    }

    // The server admits TLS only (hostssl): a client that does not ask for it is turned away.
    void withoutTlsIsRefused()
    {
        const auto store
            = open(QStringLiteral("postgresql://postgres@127.0.0.1:%1/postgres?sslmode=disable").arg(m_port));
        QVERIFY(!store);
        QVERIFY2(store.error().message.contains(QStringLiteral("no encryption")), qPrintable(store.error().message));
    }
};

QTEST_GUILESS_MAIN(TestStoreTls)
#include "tst_store_tls.moc"
