// SPDX-License-Identifier: GPL-3.0-or-later
// Eight writer processes on one PostgreSQL database (issue 13, docs/store.md#concurrent-writers;
// PostgreSQL only: SQLite admits one writing process). Each runs 25 operations on the same
// three cases and two decisions (store_writer_child): saves against the version it read,
// positions, finalisations. Every save lands or is refused as a conflict; no landed save is
// lost and the versions are numbered without gaps; the audit chain verifies; each decision is
// finalised exactly once.
#include "StoreTestUtil.h"

#include "store/Decisions.h"

#include <QTemporaryDir>

#include <map>
#include <set>

using namespace consilium;
using namespace storetest;

namespace {

constexpr int kWorkers = 8;
constexpr int kOps = 25;
constexpr int kCases = 3;

struct Tally {
    int saves = 0;
    int conflicts = 0;
    std::map<QString, std::map<int, QString>> landed; // case -> version -> sha256
    std::map<qint64, int> finalised; // decision -> successful finalisations
    QStringList problems;
};

void readOutput(const QByteArray &output, Tally &t)
{
    for (const QByteArray &raw : output.split('\n')) {
        const QStringList w = QString::fromUtf8(raw).split(QLatin1Char(' '));
        const QString &kind = w.first();
        if (kind == QLatin1String("save") && w.size() == 4) {
            ++t.saves;
            const int version = w[2].toInt();
            if (t.landed[w[1]].count(version))
                t.problems << QStringLiteral("version %1 of %2 reported twice").arg(version).arg(w[1]);
            t.landed[w[1]][version] = w[3];
        } else if (kind == QLatin1String("conflict")) {
            ++t.saves;
            ++t.conflicts;
        } else if (kind == QLatin1String("final")) {
            ++t.finalised[w[1].toLongLong()];
        } else if (kind != QLatin1String("position") && kind != QLatin1String("refused")
            && kind != QLatin1String("ready") && !raw.isEmpty()) {
            t.problems << QString::fromUtf8(raw);
        }
    }
}

} // namespace

class TestStoreConcurrency : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eightWritersLoseNothing()
    {
        if (!onPostgres())
            QSKIP("PostgreSQL only: SQLite admits one writing process (the lock file)");
        QTemporaryDir dir;
        StoreError e;
        auto store = openStore(dir.filePath(QStringLiteral("concurrency.sqlite")), e);
        QVERIFY2(store, qPrintable(e.message));
        QStringList decisionIds;
        prepare(*store, decisionIds);
        if (QTest::currentTestFailed())
            return;
        Tally t;
        runWorkers(store->path(), decisionIds, t);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(t.problems.isEmpty(), qPrintable(t.problems.join(QLatin1Char('\n'))));
        qInfo("%d saves: %d landed, %d refused as conflicts", t.saves, t.saves - t.conflicts, t.conflicts);
        QVERIFY(t.saves > 0);
        int landed = 0;
        checkVersions(*store, t, landed);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(landed + t.conflicts, t.saves);

        const AuditVerification audit = store->audit().verify(store->dialect());
        QVERIFY2(audit.intact, qPrintable(audit.problems.join(QLatin1Char('\n'))));
        RawConnection raw(store->path());
        QCOMPARE(
            raw.scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'case.version_added'")).toInt(),
            kCases + landed);
        Decisions decisions(*store);
        for (const QString &d : std::as_const(decisionIds)) {
            QCOMPARE(t.finalised[d.toLongLong()], 1);
            QVERIFY(decisions.decision(d.toLongLong()).value().finalised);
            QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'decision.finalised'"
                                               " AND object_id = '%1'")
                                    .arg(d))
                         .toInt(),
                1);
        }
    }

private:
    // The cases conc-0..2 (version 1 each) and two decisions with an outcome, awaiting positions.
    static void prepare(CaseStore &store, QStringList &decisionIds)
    {
        const RulePack &pack = RulePack::builtin();
        const QByteArray base = example(QStringLiteral("V01-sle-ln-si-units"));
        for (int c = 0; c < kCases; ++c) {
            QByteArray bytes = base;
            bytes.replace("\"id\": \"V01-sle-ln-si-units\"", QStringLiteral("\"id\": \"conc-%1\"").arg(c).toUtf8());
            QVERIFY_STORE(store.saveCase(bytes, pack, 0));
        }
        Decisions decisions(store);
        const auto conference = decisions.createConference(QStringLiteral("2026-12-01"), QStringLiteral("MDT"), {});
        QVERIFY2(conference, WHY(conference));
        for (int c = 0; c < 2; ++c) {
            const auto id = decisions.open(conference.value(), QStringLiteral("conc-%1").arg(c), pack);
            QVERIFY2(id, WHY(id));
            QVERIFY_STORE(decisions.setOutcome(id.value(), {}, QStringLiteral("deferred")));
            decisionIds << QString::number(id.value());
        }
    }

    static void runWorkers(const QString &location, const QStringList &decisionIds, Tally &t)
    {
        std::vector<std::unique_ptr<QProcess>> workers;
        for (int w = 0; w < kWorkers; ++w) {
            auto p = std::make_unique<QProcess>();
            p->start(QStringLiteral(CONSILIUM_WRITER_CHILD),
                { location, QString::number(w), QString::number(kOps), QString::number(kCases),
                    decisionIds.join(QLatin1Char(',')) });
            QVERIFY2(p->waitForStarted(), qPrintable(p->errorString()));
            workers.push_back(std::move(p));
        }
        for (auto &p : workers) // all connected before any starts: they all run at once
            QTRY_VERIFY_WITH_TIMEOUT(p->canReadLine() || p->state() == QProcess::NotRunning, 60000);
        for (auto &p : workers) { // sent now, not when the test next waits for that process
            p->write("go\n");
            QVERIFY(p->waitForBytesWritten(10000));
        }
        for (auto &p : workers) {
            QVERIFY(p->waitForFinished(120000));
            const QByteArray out = p->readAllStandardOutput();
            QVERIFY2(p->exitCode() == 0, (out + p->readAllStandardError()).constData());
            readOutput(out, t);
        }
    }

    // Every landed save is stored as exactly the version it was told, none more: versions
    // 2..N of each case are the landed ones, without gaps.
    static void checkVersions(CaseStore &store, Tally &t, int &landed)
    {
        for (int c = 0; c < kCases; ++c) {
            const QString id = QStringLiteral("conc-%1").arg(c);
            const auto versions = store.versions(id);
            QVERIFY2(versions, WHY(versions));
            const std::map<int, QString> &mine = t.landed[id];
            QCOMPARE(versions.value().size(), mine.size() + 1);
            for (std::size_t i = 0; i < versions.value().size(); ++i) {
                const CaseVersion &v = versions.value()[i];
                QCOMPARE(v.version, int(i) + 1);
                if (v.version > 1) {
                    QVERIFY2(mine.count(v.version), qPrintable(QStringLiteral("%1 v%2").arg(id).arg(v.version)));
                    QCOMPARE(v.contentSha256, mine.at(v.version));
                }
            }
            landed += int(mine.size());
        }
    }
};

QTEST_GUILESS_MAIN(TestStoreConcurrency)
#include "tst_store_concurrency.moc"
