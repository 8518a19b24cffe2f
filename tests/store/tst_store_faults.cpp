// SPDX-License-Identifier: GPL-3.0-or-later
// The server goes away in the middle of a save (issue 13, docs/store.md#concurrent-writers;
// PostgreSQL only). On a cluster of its own (tests/store/pg-cluster.sh; the shared fixture's
// cluster stays up for the other _pg tests), a save is held inside its INSERT by a trigger that
// waits for an advisory lock the test holds, and the server is stopped with
// `pg_ctl stop -m immediate`. The client is told the database is unreachable
// (StoreErrc::Unreachable), nothing of that save is stored, and after `pg_ctl start` the same
// CaseStore object reconnects on its next call, whose save lands.
#include "StoreTestUtil.h"

#include "store/CanonicalJson.h"

#include <QCoreApplication>
#include <QSemaphore>

#include <thread>

using namespace consilium;
using namespace storetest;

namespace {

Run cluster(const QString &command, const QString &dir)
{
    // Durable (fsync, synchronous commits): what was committed survives the immediate stop.
    return runProgram(QStringLiteral("sh"),
        { QStringLiteral(CONSILIUM_SOURCE_DIR "/tests/store/pg-cluster.sh"), command, dir, QStringLiteral("durable") },
        120000);
}

QByteArray v01(const QString &label)
{
    QByteArray bytes = example(QStringLiteral("V01-sle-ln-si-units"));
    bytes.replace("\"label\": \"", QStringLiteral("\"label\": \"%1 ").arg(label).toUtf8());
    return bytes;
}

QString shaOf(const QByteArray &bytes)
{
    json::Document doc;
    json::Diagnostics diag;
    return json::parseStrict(bytes, doc, diag) ? sha256Hex(canonicalJson(doc)) : QString();
}

// The client: one CaseStore on its own thread (a connection belongs to the thread that made
// it), saving one document each time the test releases it.
class Client
{
public:
    explicit Client(QString location) : m_location(std::move(location)) { }
    ~Client() { stop(); }
    Client(const Client &) = delete;
    Client &operator=(const Client &) = delete;

    void start(std::vector<QByteArray> documents)
    {
        m_thread = std::thread([this, documents = std::move(documents)] {
            StoreOptions o;
            o.path = m_location;
            o.actor = testActor();
            auto opened = CaseStore::open(o);
            for (const QByteArray &doc : documents) {
                m_go.acquire();
                StoreResult<SaveOutcome> r = opened ? opened.value()->saveCase(doc, RulePack::builtin())
                                                    : StoreResult<SaveOutcome>(opened.error());
                m_results.push_back(r);
                m_done.release();
            }
        });
    }
    // Releases the next save and waits for its result.
    const StoreResult<SaveOutcome> &save()
    {
        m_go.release();
        m_done.acquire();
        return m_results.back();
    }
    void release() { m_go.release(); }
    bool finished(int ms) { return m_done.tryAcquire(1, ms); }
    const StoreResult<SaveOutcome> &last() const { return m_results.back(); }
    void stop()
    {
        if (m_thread.joinable()) {
            m_go.release(8);
            m_thread.join();
        }
    }

private:
    QString m_location;
    std::thread m_thread;
    QSemaphore m_go;
    QSemaphore m_done;
    std::vector<StoreResult<SaveOutcome>> m_results;
};

} // namespace

class TestStoreFaults : public QObject
{
    Q_OBJECT

private:
    QString m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        if (!onPostgres())
            QSKIP("PostgreSQL only: a database server that goes away");
        // Directly under /tmp: the cluster's user (postgres, when run as root) must reach it.
        m_dir = QStringLiteral("/tmp/consilium-pgf-%1").arg(QCoreApplication::applicationPid());
        const Run started = cluster(QStringLiteral("start"), m_dir);
        QVERIFY2(started.exitCode == 0, started.err.constData());
    }

    void cleanupTestCase()
    {
        if (!m_dir.isEmpty())
            cluster(QStringLiteral("stop"), m_dir);
    }

    void serverStoppedInTheMiddleOfASave()
    {
        const QString location = QStringLiteral("postgresql://postgres@/postgres?host=%1").arg(m_dir);
        const QByteArray first = v01(QStringLiteral("first"));
        const QByteArray interrupted = v01(QStringLiteral("interrupted"));
        const QByteArray whileDown = v01(QStringLiteral("while down"));
        const QByteArray after = v01(QStringLiteral("after the restart"));
        Client client(location);
        client.start({ first, interrupted, whileDown, after });
        QVERIFY2(client.save(), WHY(client.last()));

        // Hold the next save inside its INSERT INTO case_versions.
        {
            RawConnection admin(location);
            QVERIFY(admin.execAll(
                { QStringLiteral("CREATE FUNCTION test_hold() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                                 " PERFORM pg_advisory_xact_lock(4242); RETURN NEW; END $$"),
                    QStringLiteral("CREATE TRIGGER test_hold BEFORE INSERT ON case_versions FOR EACH ROW"
                                   " EXECUTE FUNCTION test_hold()") }));
        }
        auto holder = std::make_unique<RawConnection>(location);
        QVERIFY(holder->exec(QStringLiteral("SELECT pg_advisory_lock(4242)")));
        client.release();
        QTRY_COMPARE_WITH_TIMEOUT(
            holder->scalar(QStringLiteral("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"))
                .toInt(),
            1, 4000);
        const Run halted = cluster(QStringLiteral("halt"), m_dir);
        QVERIFY2(halted.exitCode == 0, halted.err.constData());
        QVERIFY(client.finished(30000));
        holder.reset();
        QVERIFY(!client.last());
        QCOMPARE(client.last().error().code, StoreErrc::Unreachable);
        QVERIFY2(client.last().error().message.contains(QLatin1String("unreachable")),
            qPrintable(client.last().error().message));

        // While the server is down, every save says so.
        const auto &down = client.save();
        QVERIFY(!down);
        QCOMPARE(down.error().code, StoreErrc::Unreachable);

        const Run resumed = cluster(QStringLiteral("resume"), m_dir);
        QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
        {
            RawConnection admin(location);
            QSqlQuery drop(admin.db());
            QVERIFY2(drop.exec(QStringLiteral("DROP TRIGGER test_hold ON case_versions")),
                qPrintable(drop.lastError().text()));
        }
        // The same store reconnects on its next call; that save lands as version 2.
        const auto &saved = client.save();
        QVERIFY2(saved, WHY(saved));
        QCOMPARE(saved.value().version, 2);
        client.stop();

        StoreError e;
        StoreOptions o;
        o.path = location;
        o.writer = false;
        auto reader = CaseStore::open(o);
        QVERIFY2(reader, WHY(reader));
        const auto versions = reader.value()->versions(QStringLiteral("V01-sle-ln-si-units"));
        QVERIFY2(versions, WHY(versions));
        QCOMPARE(versions.value().size(), std::size_t(2));
        QCOMPARE(versions.value()[0].contentSha256, shaOf(first));
        QCOMPARE(versions.value()[1].contentSha256, shaOf(after));
        const AuditVerification v = reader.value()->audit().verify(reader.value()->dialect());
        QVERIFY2(v.intact, qPrintable(v.problems.join(QLatin1Char('\n'))));
        RawConnection raw(location);
        QCOMPARE(
            raw.scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'case.version_added'")).toInt(),
            2);
    }
};

QTEST_GUILESS_MAIN(TestStoreFaults)
#include "tst_store_faults.moc"
