// SPDX-License-Identifier: GPL-3.0-or-later
// `db copy` (issue 13, docs/cli.md#db-copy, docs/store.md#moving-to-a-team-server): every table
// copied with its ids, versions, times, actors and audit rows; the audit chain verifies on the
// target; a non-empty target is refused; a copy that fails leaves the target empty. The SQLite
// run copies SQLite to SQLite; the _pg run PostgreSQL to SQLite and that file to a second
// PostgreSQL database (both directions).
#include "StoreTestUtil.h"

#include "store/Decisions.h"
#include "store/FollowUps.h"
#include "store/ImportExport.h"
#include "store/StoreCopy.h"

#include <QSqlRecord>
#include <QTemporaryDir>

using namespace consilium;
using namespace storetest;

namespace {

const QStringList kTables { QStringLiteral("rule_packs"), QStringLiteral("cases"), QStringLiteral("case_versions"),
    QStringLiteral("evaluations"), QStringLiteral("verdict_groups"), QStringLiteral("current_verdicts"),
    QStringLiteral("audit_log"), QStringLiteral("settings"), QStringLiteral("conferences"),
    QStringLiteral("conference_attendees"), QStringLiteral("conference_cases"), QStringLiteral("decisions"),
    QStringLiteral("decision_roles"), QStringLiteral("decision_positions"), QStringLiteral("decision_overrides"),
    QStringLiteral("follow_ups") };

// Every row of `table` as text, in a fixed order, engine-neutral (bytes as hex, NULL as NULL).
QStringList rowsOf(const QString &location, const QString &table)
{
    RawConnection raw(location);
    QSqlQuery q(raw.db());
    QStringList rows;
    if (!q.exec(QStringLiteral("SELECT * FROM %1").arg(table)))
        return { QStringLiteral("cannot read %1: %2").arg(table, q.lastError().text()) };
    while (q.next()) {
        QStringList cells;
        for (int i = 0; i < q.record().count(); ++i) {
            const QVariant v = q.value(i);
            cells << (v.isNull()                          ? QStringLiteral("NULL")
                    : v.typeId() == QMetaType::QByteArray ? QString::fromLatin1(v.toByteArray().toHex())
                                                          : v.toString());
        }
        rows << cells.join(QLatin1Char('|'));
    }
    rows.sort();
    return rows;
}

StoreOptions optionsFor(const QString &location)
{
    StoreOptions o;
    o.path = location;
    o.actor = testActor();
    return o;
}

} // namespace

class TestStoreCopy : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // Examples, a finalised decision with its follow-up and its correction, an override, a setting, an archive.
    QString populated()
    {
        StoreError e;
        auto s = openStore(m_dir.filePath(QStringLiteral("source.sqlite")), e);
        if (!s || !importCases(*s, examplesDir(), RulePack::builtin()))
            return {};
        Decisions d(*s);
        const qint64 conference = valueOr(d.createConference(QStringLiteral("2026-12-01"), QStringLiteral("MDT"),
                                              { { QStringLiteral("Dr Rheum"), QStringLiteral("rheumatology") } }),
            qint64(0));
        const qint64 id
            = valueOr(d.open(conference, QStringLiteral("V01-sle-ln-si-units"), RulePack::builtin()), qint64(0));
        Position p;
        p.participant = QStringLiteral("Dr Rheum");
        p.role = QStringLiteral("rheumatology");
        FollowUp notCarried;
        notCarried.decisionId = id;
        notCarried.status = FollowUpStatus::NotCarriedOut;
        notCarried.notCarriedReason = QStringLiteral("other");
        const bool ok = id > 0 && d.setOutcome(id, {}, QStringLiteral("imaging first")) && d.recordPosition(id, p)
            && (p.role = QStringLiteral("cellular_therapy"), d.recordPosition(id, p)) && d.finalise(id)
            && FollowUps(*s).record(notCarried) && d.correct(id)
            && s->setSetting(QStringLiteral("site_options"), QStringLiteral("{}"))
            && s->setArchived(QStringLiteral("V06-aav-hiv-hbv"), true);
        return ok ? s->path() : QString();
    }

    static void compareAll(const QString &from, const QString &to)
    {
        for (const QString &table : kTables) {
            QStringList source = rowsOf(from, table);
            QStringList target = rowsOf(to, table);
            if (table == QLatin1String("audit_log")) { // the target adds the copy's own row
                QCOMPARE(target.size(), source.size() + 1);
                QStringList added = target;
                for (const QString &row : std::as_const(source))
                    added.removeOne(row);
                QCOMPARE(added.size(), 1);
                QVERIFY2(added.first().contains(QLatin1String("|database.copied|")), qPrintable(added.first()));
                continue;
            }
            QVERIFY2(!source.isEmpty() || table == QLatin1String("decision_overrides"), qPrintable(table));
            QCOMPARE(target, source);
        }
    }

    static void verifyAudit(const QString &location)
    {
        StoreOptions o = optionsFor(location);
        o.writer = false;
        auto opened = CaseStore::open(o);
        QVERIFY2(opened, WHY(opened));
        const AuditVerification v = opened.value()->audit().verify(opened.value()->dialect());
        QVERIFY2(v.intact, qPrintable(v.problems.join(QLatin1Char('\n'))));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void copiesEveryRowAndTheChainVerifies()
    {
        const QString source = populated();
        QVERIFY(!source.isEmpty());
        const QString file = m_dir.filePath(QStringLiteral("copy.sqlite"));
        const Run run = cli({ QStringLiteral("db"), QStringLiteral("copy"), source, file });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("row counts verified"), run.out.constData());
        QVERIFY2(run.out.contains("audit chain intact on the source"), run.out.constData());
        QVERIFY2(run.out.contains("audit chain intact on the target"), run.out.constData());
        compareAll(source, file);
        verifyAudit(file);
        const Run check = cli({ QStringLiteral("db"), QStringLiteral("verify-audit"), QStringLiteral("--db"), file });
        QVERIFY2(check.exitCode == 0, check.out.constData());
        if (!onPostgres())
            return;
        // And back to PostgreSQL: a second, empty database of the cluster. Its id generators
        // continue after the copied ids.
        const QString back = location(m_dir.filePath(QStringLiteral("back.sqlite")));
        const auto copied = copyDatabase(optionsFor(file), optionsFor(back));
        QVERIFY2(copied, WHY(copied));
        compareAll(file, back);
        verifyAudit(back);
        StoreError e;
        auto s = openStore(back, e);
        QVERIFY2(s, qPrintable(e.message));
        Decisions d(*s);
        const auto next = d.createConference(QStringLiteral("2026-12-02"), QStringLiteral("next"), {});
        QVERIFY2(next, WHY(next));
        QCOMPARE(next.value(), qint64(2));
    }

    // A target that holds anything is refused (exit 1) and left as it was.
    void refusesANonEmptyTarget()
    {
        const QString source = populated();
        QVERIFY(!source.isEmpty());
        StoreError e;
        auto other = openStore(m_dir.filePath(QStringLiteral("other.sqlite")), e);
        QVERIFY2(other, qPrintable(e.message));
        const QString target = other->path();
        other.reset();
        const QStringList before = rowsOf(target, QStringLiteral("audit_log"));
        const Run run = cli({ QStringLiteral("db"), QStringLiteral("copy"), source, target });
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("is not empty"), run.err.constData());
        QCOMPARE(rowsOf(target, QStringLiteral("audit_log")), before);
    }

    // A copy that fails leaves no target behind: a source table this version does not know
    // is refused; on PostgreSQL a row the target's types refuse (SQLite stores text in an
    // INTEGER column) fails halfway, and the database keeps no table.
    void aFailedCopyLeavesTheTargetEmpty()
    {
        const QString source = populated();
        QVERIFY(!source.isEmpty());
        QVERIFY(RawConnection(source).exec(QStringLiteral("CREATE TABLE extra (x INTEGER)")));
        const QString file = m_dir.filePath(QStringLiteral("never.sqlite"));
        const auto refused = copyDatabase(optionsFor(source), optionsFor(file));
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QLatin1String("extra")), qPrintable(refused.error().message));
        QVERIFY(!QFileInfo::exists(file));
        QVERIFY(
            QDir(m_dir.path()).entryList({ QStringLiteral("never.sqlite*") }, QDir::Files | QDir::Hidden).isEmpty());
        if (!onPostgres())
            return;
        QVERIFY(RawConnection(source).exec(QStringLiteral("DROP TABLE extra")));
        const QString file2 = m_dir.filePath(QStringLiteral("lax.sqlite"));
        QVERIFY_STORE(copyDatabase(optionsFor(source), optionsFor(file2)));
        QVERIFY(RawConnection(file2).exec(
            QStringLiteral("UPDATE cases SET archived = 'x' WHERE case_id = 'V06-aav-hiv-hbv'")));
        const QString target = location(m_dir.filePath(QStringLiteral("halfway.sqlite")));
        const auto failed = copyDatabase(optionsFor(file2), optionsFor(target));
        QVERIFY(!failed);
        QVERIFY2(failed.error().message.contains(QLatin1String("cases")), qPrintable(failed.error().message));
        QCOMPARE(RawConnection(target)
                     .scalar(QStringLiteral("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"))
                     .toInt(),
            0);
    }
};

QTEST_GUILESS_MAIN(TestStoreCopy)
#include "tst_store_copy.moc"
