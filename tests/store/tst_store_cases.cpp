// SPDX-License-Identifier: GPL-3.0-or-later
// Versioned cases, import/export, listing, re-evaluation and backup (issue 4).
#include "StoreTestUtil.h"

#include "store/Backup.h"
#include "store/CanonicalJson.h"
#include "store/Evaluations.h"
#include "store/ImportExport.h"

#include <QSignalSpy>
#include <QTemporaryDir>

using namespace consilium;
using namespace storetest;

class TestStoreCases : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    QString freshPath() { return m_dir.filePath(QStringLiteral("db%1/consilium.sqlite").arg(++m_n)); }
    std::unique_ptr<CaseStore> fresh()
    {
        StoreError e;
        auto s = openStore(freshPath(), e);
        if (!s)
            qWarning("%s", qUtf8Printable(e.message));
        return s;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // A missing driver is a failure, never a skip.
        QVERIFY2(QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")), "the Qt SQLite driver is not installed");
        QVERIFY(m_dir.isValid());
        QVERIFY(!exampleFiles().isEmpty());
    }

    void versioningAndNoOpReimport()
    {
        auto store = fresh();
        QVERIFY(store);
        const RulePack &pack = RulePack::builtin();
        const QByteArray v06 = example(QStringLiteral("V06-aav-hiv-hbv"));
        const qint64 auditBefore = store->audit().head()->id;

        SaveOutcome first = store->saveCase(v06, pack);
        QCOMPARE(first.status, SaveStatus::Added);
        QCOMPARE(first.version, 1);
        QCOMPARE(store->audit().head()->id, auditBefore + 1);

        // The same bytes, and the same value written differently (compact, keys reordered): no-op.
        QCOMPARE(store->saveCase(v06, pack).status, SaveStatus::Unchanged);
        json::Document doc;
        QVERIFY(parseStored(v06, doc));
        QCOMPARE(store->saveCase(canonicalJson(doc), pack).status, SaveStatus::Unchanged);
        QByteArray spaced = v06;
        spaced.replace("\"age_years\": 41", "\"age_years\":   41.0");
        QVERIFY(spaced != v06);
        QCOMPARE(store->saveCase(spaced, pack).status, SaveStatus::Unchanged);
        QCOMPARE(store->audit().head()->id, auditBefore + 1);

        // Different content: a new version; the first stays as it was.
        QByteArray changed = v06;
        changed.replace("\"age_years\": 41", "\"age_years\": 42");
        const SaveOutcome second = store->saveCase(changed, pack);
        QCOMPARE(second.status, SaveStatus::Added);
        QCOMPARE(second.version, 2);
        const auto versions = store->versions(QStringLiteral("V06-aav-hiv-hbv"), true);
        QCOMPARE(versions.size(), std::size_t(2));
        json::Document v1;
        QVERIFY(parseStored(versions[0].content, v1));
        QVERIFY(jsonEqual(v1, doc));
        QCOMPARE(store->caseSummary(QStringLiteral("V06-aav-hiv-hbv"))->latestVersion, 2);

        // Going back to the first content is a change relative to the latest: version 3.
        QCOMPARE(store->saveCase(v06, pack).version, 3);

        // Versions are immutable in the database too.
        RawConnection raw(store->path());
        QVERIFY(!raw.exec(QStringLiteral("UPDATE case_versions SET content = '{}' WHERE id = 1")));
        QVERIFY(!raw.exec(QStringLiteral("DELETE FROM case_versions WHERE id = 1")));
    }

    void invalidCaseNamesTheField()
    {
        auto store = fresh();
        QVERIFY(store);
        QByteArray bad = example(QStringLiteral("V06-aav-hiv-hbv"));
        bad.replace("\"unit\": \"mg/dL\"", "\"unit\": \"furlongs\"");
        const SaveOutcome o = store->saveCase(bad, RulePack::builtin());
        QCOMPARE(o.status, SaveStatus::Rejected);
        QCOMPARE(store->lastError().code, StoreErrc::InvalidCase);
        QVERIFY2(store->lastError().details.join(QLatin1Char('\n')).contains(QLatin1String("$.facts.")),
                 qPrintable(store->lastError().details.join(QLatin1Char('\n'))));
        QVERIFY(store->allCaseIds().isEmpty());
    }

    void importExportRoundTrip()
    {
        auto store = fresh();
        QVERIFY(store);
        StoreError e;
        const auto summary = importCases(*store, examplesDir(), RulePack::builtin(), e);
        QVERIFY(summary);
        QCOMPARE(summary->imported, int(exampleFiles().size()));
        QCOMPARE(summary->rejected, 0);

        const QString out = m_dir.filePath(QStringLiteral("export%1").arg(++m_n));
        QCOMPARE(exportAll(*store, out, e).value_or(-1), int(exampleFiles().size()));
        for (const QString &file : exampleFiles()) {
            json::Document original;
            json::Document exported;
            QVERIFY(parseStored(readAll(file), original));
            const QString id = json::toQString(original["id"]);
            QVERIFY2(parseStored(readAll(out + QLatin1Char('/') + id + QStringLiteral(".json")), exported), qPrintable(id));
            QVERIFY2(jsonEqual(original, exported), qPrintable(id));
        }
        // Re-importing the export changes nothing.
        const auto again = importCases(*store, out, RulePack::builtin(), e);
        QVERIFY(again);
        QCOMPARE(again->unchanged, int(exampleFiles().size()));
        QCOMPARE(again->imported, 0);

        // The same round trip through the CLI.
        const QString db = m_dir.filePath(QStringLiteral("cli%1.sqlite").arg(++m_n));
        QCOMPARE(cli({QStringLiteral("db"), QStringLiteral("import"), examplesDir(), QStringLiteral("--db"), db}).exitCode, 0);
        const QString cliOut = m_dir.filePath(QStringLiteral("cli-export%1").arg(m_n));
        QCOMPARE(cli({QStringLiteral("db"), QStringLiteral("export"), QStringLiteral("--all"), cliOut, QStringLiteral("--db"), db}).exitCode, 0);
        QCOMPARE(cli({QStringLiteral("db"), QStringLiteral("export"), QStringLiteral("V01-sle-ln-si-units"), cliOut + QStringLiteral("-one"), QStringLiteral("--db"), db}).exitCode, 0);
        for (const QString &file : exampleFiles()) {
            json::Document original;
            json::Document exported;
            QVERIFY(parseStored(readAll(file), original));
            QVERIFY(parseStored(readAll(cliOut + QLatin1Char('/') + json::toQString(original["id"]) + QStringLiteral(".json")), exported));
            QVERIFY(jsonEqual(original, exported));
        }
        QVERIFY(QFile::exists(cliOut + QStringLiteral("-one/V01-sle-ln-si-units.json")));
    }

    void badInputBatchContinues()
    {
        const QString dir = m_dir.filePath(QStringLiteral("batch%1").arg(++m_n));
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(writeAll(dir + QStringLiteral("/a-good.json"), example(QStringLiteral("V01-sle-ln-si-units"))));
        QVERIFY(writeAll(dir + QStringLiteral("/b-malformed.json"), "{\"format\": \"consilium-case/1\", "));
        QByteArray unit = example(QStringLiteral("V06-aav-hiv-hbv"));
        unit.replace("\"unit\": \"10^9/L\"", "\"unit\": \"bananas\"");
        QVERIFY(writeAll(dir + QStringLiteral("/c-unit.json"), unit));
        QByteArray key = example(QStringLiteral("V03-dcssc-all-eligible"));
        key.replace("\"facts\": {", "\"facts\": {\"favourite_colour\": \"blue\",");
        QVERIFY(writeAll(dir + QStringLiteral("/d-unknown-key.json"), key));
        QVERIFY(writeAll(dir + QStringLiteral("/e-good.json"), example(QStringLiteral("V07-mg-access"))));

        auto store = fresh();
        QVERIFY(store);
        StoreError e;
        const auto s = importCases(*store, dir, RulePack::builtin(), e);
        QVERIFY(s);
        QCOMPARE(s->imported, 2);
        QCOMPARE(s->rejected, 3);
        QCOMPARE(s->unchanged, 0);
        QCOMPARE(store->allCaseIds().size(), 2);
        QVERIFY(s->files[1].problems.join(QLatin1Char(' ')).contains(QLatin1String("malformed JSON")));
        QVERIFY2(s->files[2].problems.join(QLatin1Char(' ')).contains(QLatin1String("$.facts.")),
                 qPrintable(s->files[2].problems.join(QLatin1Char(' '))));
        QVERIFY2(s->files[3].problems.join(QLatin1Char(' ')).contains(QLatin1String("$.facts.favourite_colour")),
                 qPrintable(s->files[3].problems.join(QLatin1Char(' '))));

        // CLI: each problem on stderr with its file and field, a summary, exit 2.
        const QString db = m_dir.filePath(QStringLiteral("batch%1.sqlite").arg(m_n));
        const Run r = cli({QStringLiteral("db"), QStringLiteral("import"), dir, QStringLiteral("--db"), db});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.out.contains("2 imported, 0 unchanged, 3 rejected"), r.out.constData());
        QVERIFY(r.err.contains("d-unknown-key.json: $.facts.favourite_colour"));
    }

    void listFiltersAndReevaluation()
    {
        auto store = fresh();
        QVERIFY(store);
        StoreError e;
        QVERIFY(importCases(*store, examplesDir(), RulePack::builtin(), e));
        const RulePack &pack = RulePack::builtin();
        Evaluations evaluations(*store);

        // Cancel after the first batch: that batch is stored, the rest is not.
        std::atomic<bool> cancel{false};
        qint64 lastDone = 0;
        const auto partial = evaluations.reevaluateAll(
            pack, [&](qint64 done, qint64) { lastDone = done; cancel = true; }, &cancel, 3, 2);
        QVERIFY(partial.cancelled);
        QCOMPARE(partial.evaluated, 3);
        QCOMPARE(lastDone, 3);

        const auto all = evaluations.reevaluateAll(pack, {}, nullptr, 5, 2);
        QVERIFY(!all.cancelled);
        QCOMPARE(all.evaluated, qint64(exampleFiles().size()));
        QCOMPARE(all.failed, 0);

        CaseFilter f;
        f.packSha256 = pack.sha256();
        const CasePage page = store->listCases(f);
        QCOMPARE(page.total, qint64(exampleFiles().size()));
        int sle = 0;
        int autoIneligible = 0;
        for (const CaseSummary &c : page.rows) {
            QCOMPARE(c.verdicts.size(), std::size_t(5));
            sle += c.disease == QLatin1String("SLE");
            autoIneligible += c.verdicts.at(QStringLiteral("autologous_car_t")) == QLatin1String("ineligible");
        }
        f.disease = QStringLiteral("SLE");
        QCOMPARE(store->listCases(f).total, qint64(sle));
        f.disease.clear();
        f.verdictGroup = QStringLiteral("autologous_car_t");
        f.verdict = QStringLiteral("ineligible");
        const CasePage ineligible = store->listCases(f);
        QCOMPARE(ineligible.total, qint64(autoIneligible));
        QVERIFY(autoIneligible > 0);
        for (const CaseSummary &c : ineligible.rows)
            QCOMPARE(c.verdicts.at(QStringLiteral("autologous_car_t")), QStringLiteral("ineligible"));

        // A new version has no evaluation yet: it leaves the verdict filter until evaluated.
        const QString id = ineligible.rows.front().caseId;
        QByteArray changed = store->latestVersion(id)->content;
        changed.replace("\"label\":\"", "\"label\":\"edited ");
        QCOMPARE(store->saveCase(changed, pack).status, SaveStatus::Added);
        QCOMPARE(store->listCases(f).total, qint64(autoIneligible - 1));
        QVERIFY(evaluations.evaluateCase(id, pack));
        QCOMPARE(store->listCases(f).total, qint64(autoIneligible));

        // Archived cases leave the list but stay stored.
        QVERIFY(store->setArchived(id, true));
        QCOMPARE(store->listCases(f).total, qint64(autoIneligible - 1));
        f.includeArchived = true;
        QCOMPARE(store->listCases(f).total, qint64(autoIneligible));

        // Compact results keep every criterion state.
        const auto evals = evaluations.evaluationsOf(id);
        QVERIFY(!evals.empty());
        QCOMPARE(evals.back().result.criteriaStates(pack).size(), pack.criteria().size());
        QCOMPARE(evals.back().result.earliest.size(), std::size_t(4));
    }

    void backupIsConsistent()
    {
        auto store = fresh();
        QVERIFY(store);
        StoreError e;
        QVERIFY(importCases(*store, examplesDir(), RulePack::builtin(), e));
        const QString target = m_dir.filePath(QStringLiteral("backup%1.sqlite").arg(++m_n));
        const auto b = backupDatabase(*store, target, e);
        QVERIFY2(b, qPrintable(e.message));
        QCOMPARE(b->cases, qint64(exampleFiles().size()));
        QVERIFY(!(QFile::permissions(target) & (QFileDevice::ReadGroup | QFileDevice::ReadOther)));
        // Never overwrites.
        QVERIFY(!backupDatabase(*store, target, e));
        QCOMPARE(e.code, StoreErrc::Refused);

        auto copy = openStore(target, e, false);
        QVERIFY2(copy, qPrintable(e.message));
        QCOMPARE(copy->allCaseIds(), store->allCaseIds());
        for (const QString &id : store->allCaseIds())
            QCOMPARE(copy->latestVersion(id)->content, store->latestVersion(id)->content);
        QVERIFY(copy->audit().verify(copy->dialect()).intact);

        // The CLI, while a writer holds the database.
        const QString target2 = m_dir.filePath(QStringLiteral("backup%1-cli.sqlite").arg(m_n));
        const Run r = cli({QStringLiteral("db"), QStringLiteral("backup"), target2, QStringLiteral("--db"), store->path()});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains(QByteArray::number(exampleFiles().size()) + " case(s)"));
    }
};

QTEST_GUILESS_MAIN(TestStoreCases)
#include "tst_store_cases.moc"
