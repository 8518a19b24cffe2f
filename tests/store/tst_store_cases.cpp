// SPDX-License-Identifier: GPL-3.0-or-later
// Versioned cases, import/export, listing, re-evaluation and backup; every call returns its value or its error.
#include "StoreTestUtil.h"

#include "store/Backup.h"
#include "store/CanonicalJson.h"
#include "store/CompactResult.h"
#include "store/Decisions.h"
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

        const auto first = store->saveCase(v06, pack);
        QVERIFY2(first, WHY(first));
        QCOMPARE(first.value().status, SaveStatus::Added);
        QCOMPARE(first.value().version, 1);
        QCOMPARE(store->audit().head()->id, auditBefore + 1);

        // The same bytes, and the same value written differently (compact, keys reordered): no-op.
        QCOMPARE(store->saveCase(v06, pack).value().status, SaveStatus::Unchanged);
        json::Document doc;
        QVERIFY(parseStored(v06, doc));
        QCOMPARE(store->saveCase(canonicalJson(doc), pack).value().status, SaveStatus::Unchanged);
        QByteArray spaced = v06;
        spaced.replace("\"age_years\": 41", "\"age_years\":   41.0");
        QVERIFY(spaced != v06);
        QCOMPARE(store->saveCase(spaced, pack).value().status, SaveStatus::Unchanged);
        QCOMPARE(store->audit().head()->id, auditBefore + 1);

        // Different content: a new version; the first stays as it was.
        QByteArray changed = v06;
        changed.replace("\"age_years\": 41", "\"age_years\": 42");
        const auto second = store->saveCase(changed, pack);
        QVERIFY2(second, WHY(second));
        QCOMPARE(second.value().status, SaveStatus::Added);
        QCOMPARE(second.value().version, 2);
        const auto versions = store->versions(QStringLiteral("V06-aav-hiv-hbv"), true);
        QCOMPARE(versions.value().size(), std::size_t(2));
        json::Document v1;
        QVERIFY(parseStored(versions.value()[0].content, v1));
        QVERIFY(jsonEqual(v1, doc));
        QCOMPARE(store->caseSummary(QStringLiteral("V06-aav-hiv-hbv")).value().latestVersion, 2);

        // Going back to the first content is a change relative to the latest: version 3.
        QCOMPARE(store->saveCase(v06, pack).value().version, 3);

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
        // A rejection is the error, never a SaveOutcome: the findings are its details.
        const auto o = store->saveCase(bad, RulePack::builtin());
        QVERIFY(!o);
        QCOMPARE(o.error().code, StoreErrc::InvalidCase);
        QCOMPARE(o.error().message, QStringLiteral("invalid case V06-aav-hiv-hbv"));
        QVERIFY2(o.error().details.join(QLatin1Char('\n')).contains(QLatin1String("$.facts.")),
            qPrintable(o.error().details.join(QLatin1Char('\n'))));
        QVERIFY(store->allCaseIds().value().isEmpty());
    }

    // Every call returns its own error (there is no sticky lastError()): a failed call's error
    // names what failed; a call that calls others passes their error on; a failure inside the
    // caller's transaction makes it rollback-only.
    void everyCallReturnsItsOwnError()
    {
        auto store = fresh();
        QVERIFY(store);
        const RulePack &pack = RulePack::builtin();
        const auto missingCase = store->caseSummary(QStringLiteral("no-such-case"));
        QVERIFY(!missingCase);
        QCOMPARE(missingCase.error().code, StoreErrc::NotFound);
        QVERIFY2(missingCase.error().message.contains(QLatin1String("no-such-case")), WHY(missingCase));
        const auto saved = store->saveCase(example(QStringLiteral("V06-aav-hiv-hbv")), pack);
        QVERIFY2(saved, WHY(saved));
        QCOMPARE(saved.value().status, SaveStatus::Added);

        const auto archived = store->setArchived(QStringLiteral("no-such-case"), true);
        QVERIFY(!archived);
        QCOMPARE(archived.error().code, StoreErrc::NotFound);
        QVERIFY(store->caseSummary(QStringLiteral("V06-aav-hiv-hbv")));

        Decisions decisions(*store);
        const auto missingDecision = decisions.decision(999);
        QVERIFY(!missingDecision);
        QCOMPARE(missingDecision.error().code, StoreErrc::NotFound);
        QVERIFY(decisions.conferences().value().empty());

        // Decisions::open reads the case through CaseStore::caseSummary: its error is returned.
        const auto conference = decisions.createConference(QStringLiteral("2026-01-05"), QStringLiteral("MDT"), {});
        QVERIFY(conference);
        const auto notOpened = decisions.open(conference.value(), QStringLiteral("no-such-case"), pack);
        QVERIFY(!notOpened);
        QVERIFY2(notOpened.error().message.contains(QLatin1String("no-such-case")), WHY(notOpened));
        const auto opened = decisions.open(conference.value(), QStringLiteral("V06-aav-hiv-hbv"), pack);
        QVERIFY2(opened, WHY(opened));

        // A failure inside the caller's transaction makes it rollback-only: commit() refuses
        // with an error and rolls everything back.
        QVERIFY(store->begin());
        CaseVersion missing;
        missing.id = 999;
        const auto recorded = Evaluations(*store).record(missing, pack, CompactResult {});
        QVERIFY(!recorded);
        QCOMPARE(recorded.error().code, StoreErrc::Sql);
        const auto committed = store->commit();
        QVERIFY(!committed);
        QCOMPARE(committed.error().code, StoreErrc::Refused);
        QVERIFY(!store->inTransaction());
        QVERIFY(store->caseSummary(QStringLiteral("V06-aav-hiv-hbv")));
    }

    // An SQL failure is an error, never an empty or shorter list and never "not found": the
    // calls of a store whose table was renamed behind its back, and of a closed store.
    void failingCallsReturnErrorsNotEmptyValues()
    {
        auto store = fresh();
        QVERIFY(store);
        const RulePack &pack = RulePack::builtin();
        const QString id = QStringLiteral("V06-aav-hiv-hbv");
        QVERIFY_STORE(store->saveCase(example(id), pack));
        QVERIFY_STORE(Evaluations(*store).evaluateCase(id, pack));
        Decisions decisions(*store);
        const auto conference = decisions.createConference(QStringLiteral("2026-01-05"), QStringLiteral("MDT"), {});
        QVERIFY2(conference, WHY(conference));
        QVERIFY_STORE(decisions.open(conference.value(), id, pack));
        QCOMPARE(store->versions(id).value().size(), std::size_t(1));

        {
            RawConnection raw(store->path());
            QVERIFY(raw.exec(QStringLiteral("ALTER TABLE case_versions RENAME TO case_versions_gone")));
        }
        const auto versions = store->versions(id);
        QVERIFY(!versions);
        QCOMPARE(versions.error().code, StoreErrc::Sql);
        QVERIFY2(versions.error().message.contains(id), WHY(versions));
        const auto latest = store->latestVersion(id);
        QVERIFY(!latest);
        QCOMPARE(latest.error().code, StoreErrc::Sql);
        const auto decided = decisions.decisionsOfCase(id);
        QVERIFY(!decided);
        QCOMPARE(decided.error().code, StoreErrc::Sql);
        const auto evaluated = Evaluations(*store).evaluationsOf(id);
        QVERIFY(!evaluated);
        QCOMPARE(evaluated.error().code, StoreErrc::Sql);

        // Closed: the lists, and a setting, are errors too.
        StoreConnection::of(*store).close();
        const auto ids = store->allCaseIds();
        QVERIFY(!ids);
        QCOMPARE(ids.error().code, StoreErrc::Sql);
        const auto conferences = decisions.conferences();
        QVERIFY(!conferences);
        QCOMPARE(conferences.error().code, StoreErrc::Sql);
        const auto setting = store->setting(QStringLiteral("required_roles"));
        QVERIFY(!setting);
        QCOMPARE(setting.error().code, StoreErrc::Sql);
    }

    // A setting that is not set is a normal answer (success, nullopt); a setting that cannot be
    // read is an error, not "not set".
    void absentSettingIsNotAnError()
    {
        auto store = fresh();
        QVERIFY(store);
        const auto absent = store->setting(QStringLiteral("site.no_such_setting"));
        QVERIFY2(absent, WHY(absent));
        QVERIFY(!absent.value().has_value());
        QVERIFY_STORE(store->setSetting(QStringLiteral("site.name"), QStringLiteral("Test site")));
        const auto present = store->setting(QStringLiteral("site.name"));
        QVERIFY2(present, WHY(present));
        QCOMPARE(present.value(), std::optional<QString>(QStringLiteral("Test site")));
        {
            RawConnection raw(store->path());
            QVERIFY(raw.exec(QStringLiteral("ALTER TABLE settings RENAME TO settings_gone")));
        }
        const auto failed = store->setting(QStringLiteral("site.name"));
        QVERIFY(!failed);
        QCOMPARE(failed.error().code, StoreErrc::Sql);
        QVERIFY2(failed.error().message.contains(QLatin1String("site.name")), WHY(failed));
    }

    void importExportRoundTrip()
    {
        auto store = fresh();
        QVERIFY(store);
        const auto summary = importCases(*store, examplesDir(), RulePack::builtin());
        QVERIFY(summary);
        QCOMPARE(summary.value().imported, int(exampleFiles().size()));
        QCOMPARE(summary.value().rejected, 0);

        const QString out = m_dir.filePath(QStringLiteral("export%1").arg(++m_n));
        QCOMPARE(valueOr(exportAll(*store, out), -1), int(exampleFiles().size()));
        for (const QString &file : exampleFiles()) {
            json::Document original;
            json::Document exported;
            QVERIFY(parseStored(readAll(file), original));
            const QString id = json::toQString(original["id"]);
            QVERIFY2(
                parseStored(readAll(out + QLatin1Char('/') + id + QStringLiteral(".json")), exported), qPrintable(id));
            QVERIFY2(jsonEqual(original, exported), qPrintable(id));
        }
        // Re-importing the export changes nothing.
        const auto again = importCases(*store, out, RulePack::builtin());
        QVERIFY(again);
        QCOMPARE(again.value().unchanged, int(exampleFiles().size()));
        QCOMPARE(again.value().imported, 0);

        // The same round trip through the CLI.
        const QString db = m_dir.filePath(QStringLiteral("cli%1.sqlite").arg(++m_n));
        QCOMPARE(
            cli({ QStringLiteral("db"), QStringLiteral("import"), examplesDir(), QStringLiteral("--db"), db }).exitCode,
            0);
        const QString cliOut = m_dir.filePath(QStringLiteral("cli-export%1").arg(m_n));
        QCOMPARE(cli({ QStringLiteral("db"), QStringLiteral("export"), QStringLiteral("--all"), cliOut,
                         QStringLiteral("--db"), db })
                     .exitCode,
            0);
        QCOMPARE(cli({ QStringLiteral("db"), QStringLiteral("export"), QStringLiteral("V01-sle-ln-si-units"),
                         cliOut + QStringLiteral("-one"), QStringLiteral("--db"), db })
                     .exitCode,
            0);
        for (const QString &file : exampleFiles()) {
            json::Document original;
            json::Document exported;
            QVERIFY(parseStored(readAll(file), original));
            QVERIFY(parseStored(
                readAll(cliOut + QLatin1Char('/') + json::toQString(original["id"]) + QStringLiteral(".json")),
                exported));
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
        const auto s = importCases(*store, dir, RulePack::builtin());
        QVERIFY(s);
        QCOMPARE(s.value().imported, 2);
        QCOMPARE(s.value().rejected, 3);
        QCOMPARE(s.value().unchanged, 0);
        QCOMPARE(store->allCaseIds().value().size(), 2);
        QVERIFY(s.value().files[1].problems.join(QLatin1Char(' ')).contains(QLatin1String("malformed JSON")));
        QVERIFY2(s.value().files[2].problems.join(QLatin1Char(' ')).contains(QLatin1String("$.facts.")),
            qPrintable(s.value().files[2].problems.join(QLatin1Char(' '))));
        QVERIFY2(s.value().files[3].problems.join(QLatin1Char(' ')).contains(QLatin1String("$.facts.favourite_colour")),
            qPrintable(s.value().files[3].problems.join(QLatin1Char(' '))));

        // CLI: each problem on stderr with its file and field, a summary, exit 2.
        const QString db = m_dir.filePath(QStringLiteral("batch%1.sqlite").arg(m_n));
        const Run r = cli({ QStringLiteral("db"), QStringLiteral("import"), dir, QStringLiteral("--db"), db });
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.out.contains("2 imported, 0 unchanged, 3 rejected"), r.out.constData());
        QVERIFY(r.err.contains("d-unknown-key.json: $.facts.favourite_colour"));
    }

    void listFiltersAndReevaluation()
    {
        auto store = fresh();
        QVERIFY(store);
        QVERIFY(importCases(*store, examplesDir(), RulePack::builtin()));
        const RulePack &pack = RulePack::builtin();
        Evaluations evaluations(*store);

        // Cancel after the first batch: that batch is stored, the rest is not.
        std::atomic<bool> cancel { false };
        qint64 lastDone = 0;
        const auto partial = evaluations.reevaluateAll(
            pack,
            [&](qint64 done, qint64) {
                lastDone = done;
                cancel = true;
            },
            &cancel, 3, 2);
        QVERIFY(partial.cancelled);
        QCOMPARE(partial.evaluated, 3);
        QCOMPARE(lastDone, 3);

        const auto all = evaluations.reevaluateAll(pack, {}, nullptr, 5, 2);
        QVERIFY(!all.cancelled);
        QCOMPARE(all.evaluated, qint64(exampleFiles().size()));
        QCOMPARE(all.failed, 0);

        CaseFilter f;
        f.packSha256 = pack.sha256();
        const CasePage page = store->queryCases(f).value();
        QCOMPARE(page.total, qint64(exampleFiles().size()));
        int sle = 0;
        int autoIneligible = 0;
        for (const CaseSummary &c : page.rows) {
            QCOMPARE(c.verdicts.size(), std::size_t(5));
            sle += c.disease == QLatin1String("SLE");
            autoIneligible += c.verdicts.at(QStringLiteral("autologous_car_t")) == QLatin1String("ineligible");
        }
        f.disease = QStringLiteral("SLE");
        QCOMPARE(store->queryCases(f).value().total, qint64(sle));
        f.disease.clear();
        f.verdictGroup = QStringLiteral("autologous_car_t");
        f.verdict = QStringLiteral("ineligible");
        const CasePage ineligible = store->queryCases(f).value();
        QCOMPARE(ineligible.total, qint64(autoIneligible));
        QVERIFY(autoIneligible > 0);
        for (const CaseSummary &c : ineligible.rows)
            QCOMPARE(c.verdicts.at(QStringLiteral("autologous_car_t")), QStringLiteral("ineligible"));

        // A new version has no evaluation yet: it leaves the verdict filter until evaluated.
        const QString id = ineligible.rows.front().caseId;
        QByteArray changed = store->latestVersion(id).value().content;
        changed.replace("\"label\":\"", "\"label\":\"edited ");
        QCOMPARE(store->saveCase(changed, pack).value().status, SaveStatus::Added);
        QCOMPARE(store->queryCases(f).value().total, qint64(autoIneligible - 1));
        QVERIFY(evaluations.evaluateCase(id, pack));
        QCOMPARE(store->queryCases(f).value().total, qint64(autoIneligible));

        // Archived cases leave the list but stay stored.
        QVERIFY(store->setArchived(id, true));
        QCOMPARE(store->queryCases(f).value().total, qint64(autoIneligible - 1));
        f.includeArchived = true;
        QCOMPARE(store->queryCases(f).value().total, qint64(autoIneligible));

        // Compact results keep every criterion state.
        const auto evals = evaluations.evaluationsOf(id);
        QVERIFY(!evals.value().empty());
        QCOMPARE(evals.value().back().result.criteriaStates(pack).size(), pack.criteria().size());
        QCOMPARE(evals.value().back().result.earliest.size(), std::size_t(4));
    }

    void backupIsConsistent()
    {
        SQLITE_ONLY("a backup to a file (VACUUM INTO); PostgreSQL is backed up with pg_dump");
        auto store = fresh();
        QVERIFY(store);
        StoreError e;
        QVERIFY(importCases(*store, examplesDir(), RulePack::builtin()));
        const QString target = m_dir.filePath(QStringLiteral("backup%1.sqlite").arg(++m_n));
        const auto b = backupDatabase(*store, target);
        QVERIFY2(b, WHY(b));
        QCOMPARE(b.value().cases, qint64(exampleFiles().size()));
        QVERIFY(!(QFile::permissions(target) & (QFileDevice::ReadGroup | QFileDevice::ReadOther)));
        // Never overwrites.
        const auto again = backupDatabase(*store, target);
        QVERIFY(!again);
        QCOMPARE(again.error().code, StoreErrc::Refused);

        auto copy = openStore(target, e, false);
        QVERIFY2(copy, qPrintable(e.message));
        QCOMPARE(copy->allCaseIds().value(), store->allCaseIds().value());
        const QStringList ids = store->allCaseIds().value();
        for (const QString &id : ids)
            QCOMPARE(copy->latestVersion(id).value().content, store->latestVersion(id).value().content);
        QVERIFY(copy->audit().verify(copy->dialect()).intact);

        // The CLI, while a writer holds the database.
        const QString target2 = m_dir.filePath(QStringLiteral("backup%1-cli.sqlite").arg(m_n));
        const Run r
            = cli({ QStringLiteral("db"), QStringLiteral("backup"), target2, QStringLiteral("--db"), store->path() });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains(QByteArray::number(exampleFiles().size()) + " case(s)"));
    }

    void exportAndBackupAreAudited()
    {
        SQLITE_ONLY("a backup to a file (VACUUM INTO); PostgreSQL is backed up with pg_dump");
        auto store = fresh();
        QVERIFY(store);
        StoreError e;
        QVERIFY(importCases(*store, examplesDir(), RulePack::builtin()));
        const QString id = QStringLiteral("V06-aav-hiv-hbv");
        qint64 head = store->audit().head()->id;

        // One case: before = the version's content hash, after = the file's hash, and its path.
        const QString dir = m_dir.filePath(QStringLiteral("audited-export%1").arg(++m_n));
        const auto file = exportCase(*store, id, dir);
        QVERIFY2(file, WHY(file));
        QCOMPARE(store->audit().head()->id, head + 1);
        AuditEntry row = store->audit().entries(head + 1).front();
        QCOMPARE(row.action, QStringLiteral("case.exported"));
        QCOMPARE(row.objectId, id);
        QCOMPARE(row.beforeHash, store->latestVersion(id).value().contentSha256);
        QCOMPARE(row.afterHash, sha256Hex(readAll(file.value())));
        QVERIFY2(row.detail.contains(QFileInfo(file.value()).absoluteFilePath()), qPrintable(row.detail));
        ++head;

        // All cases: one row with the count, the directory and a hash over the files.
        const QString all = m_dir.filePath(QStringLiteral("audited-export-all%1").arg(m_n));
        QCOMPARE(valueOr(exportAll(*store, all), -1), int(exampleFiles().size()));
        QCOMPARE(store->audit().head()->id, head + 1);
        row = store->audit().entries(head + 1).front();
        QCOMPARE(row.action, QStringLiteral("cases.exported"));
        QVERIFY2(
            row.detail.contains(
                QStringLiteral("%1 case(s) to %2").arg(exampleFiles().size()).arg(QFileInfo(all).absoluteFilePath())),
            qPrintable(row.detail));
        QByteArray manifest;
        const QStringList ids = store->allCaseIds().value();
        for (const QString &c : ids) {
            const QString f = c + QStringLiteral(".json");
            manifest += f.toUtf8() + ' ' + sha256Hex(readAll(all + QLatin1Char('/') + f)).toLatin1() + '\n';
        }
        QCOMPARE(row.afterHash, sha256Hex(manifest));
        ++head;

        // Backup: the path, the case count and the file's hash.
        const QString target = m_dir.filePath(QStringLiteral("audited-backup%1.sqlite").arg(m_n));
        const auto b = backupDatabase(*store, target);
        QVERIFY2(b, WHY(b));
        QVERIFY(b.value().audited);
        QCOMPARE(b.value().auditRow, head + 1);
        QCOMPARE(b.value().auditHead.id, head); // the snapshot was taken before its own audit row
        QCOMPARE(b.value().sha256, sha256Hex(readAll(target)));
        row = store->audit().entries(head + 1).front();
        QCOMPARE(row.action, QStringLiteral("database.backed_up"));
        QCOMPARE(row.afterHash, b.value().sha256);
        QVERIFY2(
            row.detail.contains(target) && row.detail.contains(QStringLiteral("%1 case(s)").arg(exampleFiles().size())),
            qPrintable(row.detail));
        ++head;
        QVERIFY(store->audit().verify(store->dialect()).intact);

        // A read-only store cannot record them; nothing is written and the result says so.
        auto reader = openStore(store->path(), e, false);
        QVERIFY(reader);
        QVERIFY(exportCase(*reader, id, dir + QStringLiteral("-ro")));
        QVERIFY(exportAll(*reader, all + QStringLiteral("-ro")));
        const auto rb = backupDatabase(*reader, target + QStringLiteral("-ro"));
        QVERIFY2(rb, WHY(rb));
        QVERIFY(!rb.value().audited);
        QCOMPARE(rb.value().auditRow, qint64(0));
        QCOMPARE(store->audit().head()->id, head);
    }

    void cliExportAndBackupAuditedUnlessLocked()
    {
        SQLITE_ONLY("db backup to a file (VACUUM INTO) and the writer lock; PostgreSQL is backed up with pg_dump");
        const QString db = m_dir.filePath(QStringLiteral("cli-audit%1.sqlite").arg(++m_n));
        QCOMPARE(
            cli({ QStringLiteral("db"), QStringLiteral("import"), examplesDir(), QStringLiteral("--db"), db }).exitCode,
            0);
        auto lastRow = [&db]() {
            StoreError e;
            auto s = openStore(db, e, false);
            return s ? s->audit().entries(s->audit().head()->id).front() : AuditEntry {};
        };
        const QString n = QString::number(exampleFiles().size());

        // Nobody else holds the database: audited.
        const QString backup = m_dir.filePath(QStringLiteral("cli-audit%1-backup.sqlite").arg(m_n));
        Run r = cli({ QStringLiteral("db"), QStringLiteral("backup"), backup, QStringLiteral("--db"), db });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("recorded in the audit log"), r.out.constData());
        QVERIFY2(!r.err.contains("could not be audited"), r.err.constData());
        AuditEntry row = lastRow();
        QCOMPARE(row.action, QStringLiteral("database.backed_up"));
        QVERIFY2(
            row.detail.contains(backup) && row.detail.contains(n + QStringLiteral(" case(s)")), qPrintable(row.detail));
        QCOMPARE(row.afterHash, sha256Hex(readAll(backup)));

        const QString out = m_dir.filePath(QStringLiteral("cli-audit%1-export").arg(m_n));
        r = cli({ QStringLiteral("db"), QStringLiteral("export"), QStringLiteral("--all"), out, QStringLiteral("--db"),
            db });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(!r.err.contains("could not be audited"));
        row = lastRow();
        QCOMPARE(row.action, QStringLiteral("cases.exported"));
        QVERIFY2(row.detail.contains(n + QStringLiteral(" case(s) to ") + QFileInfo(out).absoluteFilePath()),
            qPrintable(row.detail));

        r = cli({ QStringLiteral("db"), QStringLiteral("export"), QStringLiteral("V07-mg-access"),
            out + QStringLiteral("-one"), QStringLiteral("--db"), db });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        row = lastRow();
        QCOMPARE(row.action, QStringLiteral("case.exported"));
        QCOMPARE(row.objectId, QStringLiteral("V07-mg-access"));
        QCOMPARE(row.afterHash, sha256Hex(readAll(out + QStringLiteral("-one/V07-mg-access.json"))));

        // Another process holds the write lock: the work is done read-only, with a warning,
        // exit 0, and nothing is written to the audit log.
        StoreError e;
        auto holder = openStore(db, e);
        QVERIFY(holder);
        const qint64 head = holder->audit().head()->id;
        const QString backup2 = m_dir.filePath(QStringLiteral("cli-audit%1-backup2.sqlite").arg(m_n));
        r = cli({ QStringLiteral("db"), QStringLiteral("backup"), backup2, QStringLiteral("--db"), db });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("warning") && r.err.contains("could not be audited") && r.err.contains("in use by"),
            r.err.constData());
        QVERIFY(!r.out.contains("recorded in the audit log"));
        QVERIFY(QFileInfo::exists(backup2));
        r = cli({ QStringLiteral("db"), QStringLiteral("export"), QStringLiteral("--all"), out + QStringLiteral("-2"),
            QStringLiteral("--db"), db });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("could not be audited"), r.err.constData());
        QVERIFY(QFileInfo::exists(out + QStringLiteral("-2/V07-mg-access.json")));
        QCOMPARE(holder->audit().head()->id, head);
        holder.reset();
        QCOMPARE(lastRow().id, head);
        QCOMPARE(cli({ QStringLiteral("db"), QStringLiteral("verify-audit"), QStringLiteral("--db"), db }).exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestStoreCases)
#include "tst_store_cases.moc"
