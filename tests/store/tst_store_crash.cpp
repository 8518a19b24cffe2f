// SPDX-License-Identifier: GPL-3.0-or-later
// Crash safety (issue 4): a child saving case versions is killed with SIGKILL at random
// moments; afterwards the file passes integrity_check, every version the child reported as
// committed is present and intact, and the audit chain verifies.
// CONSILIUM_CRASH_KILLS sets the number of kills (default 200; the store_soak target: 2000).
#include "StoreTestUtil.h"

#include "store/CanonicalJson.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QThread>

#include <csignal>
#include <map>

#include <sys/types.h>
#include <unistd.h>

using namespace consilium;
using namespace storetest;

class TestStoreCrash : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_totalKills = 0;

    static int killsWanted()
    {
        bool ok = false;
        const int n = qEnvironmentVariableIntValue("CONSILIUM_CRASH_KILLS", &ok);
        return ok && n > 0 ? n : 200;
    }

    // Checks the database after a crash. `committed`: version id -> content sha256 as reported.
    void checkDatabase(const QString &path, const std::map<qint64, QString> &committed)
    {
        {
            RawConnection raw(path);
            QSqlQuery q(raw.db());
            QVERIFY(q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
            QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_key_check")));
            QVERIFY(!q.next());
            q.finish();
            for (const auto &[id, sha] : committed) {
                QSqlQuery v(raw.db());
                v.prepare(QStringLiteral("SELECT content, content_sha256 FROM case_versions WHERE id = ?"));
                v.addBindValue(id);
                QVERIFY(v.exec());
                QVERIFY2(v.next(), qPrintable(QStringLiteral("committed version %1 is missing").arg(id)));
                QCOMPARE(v.value(1).toString(), sha);
                json::Document doc;
                QVERIFY(parseStored(v.value(0).toString().toUtf8(), doc));
                QCOMPARE(sha256Hex(canonicalJson(doc)), sha);
            }
        }
        // The chain verifies as found (a head file behind by the last commit is only a note)...
        StoreError e;
        {
            auto reader = openStore(path, e, false);
            QVERIFY2(reader, qPrintable(e.message));
            const AuditVerification v = reader->audit().verify(reader->dialect());
            QVERIFY2(v.intact, qPrintable(v.problems.join(QLatin1Char('\n'))));
        }
        // ...and fully after the next writer has opened it.
        {
            auto writer = openStore(path, e, true, 20000);
            QVERIFY2(writer, qPrintable(e.message));
            const AuditVerification v = writer->audit().verify(writer->dialect());
            QVERIFY2(v.intact && v.notes.isEmpty(), qPrintable((v.problems + v.notes).join(QLatin1Char('\n'))));
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")), "the Qt SQLite driver is not installed");
        QVERIFY(m_dir.isValid());
        QVERIFY(QFileInfo::exists(QStringLiteral(CONSILIUM_CRASH_CHILD)));
    }

    void killAtRandomMoments_data()
    {
        QTest::addColumn<int>("kills");
        const int total = killsWanted();
        const int rounds = 4; // each on a fresh database, so creation is interrupted too
        for (int r = 0; r < rounds; ++r)
            QTest::newRow(qPrintable(QStringLiteral("round %1").arg(r + 1)))
                << (total / rounds + (r < total % rounds ? 1 : 0));
    }

    void killAtRandomMoments()
    {
        QFETCH(int, kills);
        const QString path = m_dir.filePath(
            QStringLiteral("%1/crash.sqlite")
                .arg(QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-'))));
        std::map<qint64, QString> committed;
        QRandomGenerator rng(quint32(0xC0FFEE + kills + m_totalKills));
        int killedWhileSaving = 0;
        QElapsedTimer elapsed;
        elapsed.start();
        for (int k = 0; k < kills; ++k) {
            QProcess child;
            child.setProgram(QStringLiteral(CONSILIUM_CRASH_CHILD));
            child.setArguments({ path, QString::number(k) });
            child.start();
            QVERIFY(child.waitForStarted());
            // Every tenth kill lands early (opening, creating, migrating); the others once the
            // child is saving, at a random point of its save loop, however slow the machine is.
            if (k % 10 == 0) {
                QThread::msleep(ulong(rng.bounded(25)));
            } else {
                child.waitForReadyRead(10000);
                QThread::msleep(ulong(rng.bounded(40)));
            }
            if (child.state() != QProcess::NotRunning)
                ::kill(pid_t(child.processId()), SIGKILL);
            QVERIFY(child.waitForFinished(10000));
            if (child.exitStatus() == QProcess::NormalExit && child.exitCode() != 0)
                QFAIL(qPrintable(
                    QStringLiteral("child failed: %1").arg(QString::fromUtf8(child.readAllStandardError()))));
            const QList<QByteArray> lines = child.readAllStandardOutput().split('\n');
            int reported = 0;
            for (const QByteArray &line : lines) {
                const QList<QByteArray> parts = line.split(' ');
                if (parts.size() != 2 || parts[1].size() != 64)
                    continue; // an unfinished last line
                committed[parts[0].toLongLong()] = QString::fromLatin1(parts[1]);
                ++reported;
            }
            killedWhileSaving += reported > 0 ? 1 : 0;
            ++m_totalKills;
        }
        qInfo("%d kills (%d after at least one commit), %zu committed versions, %.1f s", kills, killedWhileSaving,
            committed.size(), double(elapsed.elapsed()) / 1000.0);
        QVERIFY(killedWhileSaving >= kills / 2);
        checkDatabase(path, committed);
    }

    void cleanupTestCase() { qInfo("%d SIGKILLs in total", m_totalKills); }
};

QTEST_GUILESS_MAIN(TestStoreCrash)
#include "tst_store_crash.moc"
