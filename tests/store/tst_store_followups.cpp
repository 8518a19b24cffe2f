// SPDX-License-Identifier: GPL-3.0-or-later
// Follow-up records of finalised decisions (issue 14, "Follow-up of each decision";
// docs/store.md#follow-up, docs/registry.md): validation naming each field, append-only history
// with the latest record winning, audit, the due list, local outcomes and the registry extract.
// Dates are worked by hand: a decision finalised 2026-01-05 and treated 2026-01-10 has its day 28
// outcome due 2026-02-07 and its day 100 outcome due 2026-04-20.
#include "StoreTestUtil.h"

#include "store/CanonicalJson.h"
#include "store/Decisions.h"
#include "store/FollowUps.h"
#include "store/ImportExport.h"
#include "store/Migrations.h"
#include "store/StoreChanges.h"
#include "store/StoreFile.h"

#include <QTemporaryDir>

using namespace consilium;
using namespace storetest;

namespace {

const QString kV01 = QStringLiteral("V01-sle-ln-si-units");
const QString kV03 = QStringLiteral("V03-dcssc-all-eligible");
const QString kAuto = QStringLiteral("autologous_car_t");

QDate day(const char *iso)
{
    return QDate::fromString(QLatin1String(iso), Qt::ISODate);
}

FollowUp carriedOut(qint64 decisionId, const QString &treatedOn)
{
    FollowUp f;
    f.decisionId = decisionId;
    f.status = FollowUpStatus::CarriedOut;
    f.treatedOn = treatedOn;
    f.arm = kAuto;
    f.option = QStringLiteral("auto-rese-cel-reset");
    f.lotOrTrialId = QStringLiteral("LOT-7");
    f.lymphodepletion = QStringLiteral("Flu/Cy");
    return f;
}

FollowUpOutcome outcome(int dayNumber, const QString &crs, const QString &icans)
{
    FollowUpOutcome o;
    o.day = dayNumber;
    o.crs.grade = crs;
    o.icans.grade = icans;
    return o;
}

} // namespace

class TestStoreFollowUps : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;
    QDateTime m_now;

    // A store with the examples whose clock reads m_now (set it before each step).
    std::unique_ptr<CaseStore> withExamples()
    {
        StoreOptions o = storeOptions(m_dir.filePath(QStringLiteral("fu%1.sqlite").arg(++m_n)));
        o.clock = [this] { return m_now; };
        auto opened = CaseStore::open(o);
        if (!opened || !importCases(*opened.value(), examplesDir(), RulePack::builtin()))
            return nullptr;
        return std::move(opened).value();
    }

    // A decision on `caseId` choosing `arm` (empty: deferred), finalised at m_now.
    static qint64 finalised(CaseStore &store, const QString &caseId, const QString &arm, bool finalise = true)
    {
        Decisions d(store);
        const qint64 conference
            = valueOr(d.createConference(QStringLiteral("2026-01-05"), QStringLiteral("MDT"), {}), qint64(0));
        const qint64 id = valueOr(d.open(conference, caseId, RulePack::builtin()), qint64(0));
        if (id == 0 || !d.setOutcome(id, arm, QStringLiteral("board decision")))
            return 0;
        const auto decision = d.decision(id);
        for (const QString &role : decision.value().requiredRoles) {
            if (!d.recordPosition(id, { QStringLiteral("Dr ") + role, role, Stance::Agree, {}, {} }))
                return 0;
        }
        return !finalise || d.finalise(id) ? id : 0;
    }

    static QStringList details(const StoreResult<qint64> &r) { return r ? QStringList() : r.error().details; }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_now = QDateTime(day("2026-01-05"), QTime(9, 30), Qt::UTC);
    }

    // A newer record supersedes the older one, which stays as history; each is audited with the
    // hash of its content (before: the previous record's).
    void recordsAreAppendedAndAudited()
    {
        auto store = withExamples();
        QVERIFY(store);
        const qint64 id = finalised(*store, kV01, kAuto);
        QVERIFY(id > 0);
        FollowUps followUps(*store);
        QVERIFY(!followUps.latest(id).value().has_value());

        FollowUp first = carriedOut(id, QStringLiteral("2026-01-10"));
        const auto r1 = followUps.record(first);
        QVERIFY2(r1, WHY(r1));
        const AuditEntry a1 = store->audit().entries().back();
        QCOMPARE(a1.action, QStringLiteral("follow-up.record"));
        QCOMPARE(a1.objectType, QStringLiteral("decision"));
        QCOMPARE(a1.objectId, QString::number(id));
        QCOMPARE(a1.beforeHash, QString());
        QVERIFY(!a1.afterHash.isEmpty());

        FollowUp second = first;
        FollowUpOutcome d28 = outcome(28, QStringLiteral("2"), QString());
        d28.crs.onset = QStringLiteral("2026-01-12");
        d28.crs.resolved = QStringLiteral("2026-01-15");
        d28.infectionGrade3plus = false;
        second.outcomes.push_back(d28);
        const auto r2 = followUps.record(second);
        QVERIFY2(r2, WHY(r2));
        QVERIFY(r2.value() > r1.value());
        const AuditEntry a2 = store->audit().entries().back();
        QCOMPARE(a2.beforeHash, a1.afterHash);
        QVERIFY(a2.afterHash != a1.afterHash);

        const auto history = followUps.history(id);
        QVERIFY2(history, WHY(history));
        QCOMPARE(history.value().size(), std::size_t(2));
        QCOMPARE(history.value()[0].id, r1.value());
        QVERIFY(history.value()[0].outcomes.empty());
        const auto latest = followUps.latest(id);
        QVERIFY2(latest, WHY(latest));
        QVERIFY(latest.value().has_value());
        const FollowUp &l = *latest.value();
        QCOMPARE(l.id, r2.value());
        QCOMPARE(l.treatedOn, QStringLiteral("2026-01-10"));
        QCOMPARE(l.option, QStringLiteral("auto-rese-cel-reset"));
        QCOMPARE(l.lymphodepletion, QStringLiteral("Flu/Cy"));
        QCOMPARE(l.recordedBy, expectedRecordedBy(testActor().displayName));
        QVERIFY(l.recordedAt.startsWith(QLatin1String("2026-01-05T09:30")));
        QCOMPARE(l.outcomes.size(), std::size_t(1));
        QCOMPARE(l.outcomes[0].crs.grade, QStringLiteral("2"));
        QCOMPARE(l.outcomes[0].crs.resolved, QStringLiteral("2026-01-15"));
        // Unknown stays unknown: ICANS and death were not given.
        QCOMPARE(l.outcomes[0].icans.grade, QString());
        QCOMPARE(l.outcomes[0].died, std::optional<bool>());
        QCOMPARE(l.outcomes[0].infectionGrade3plus, std::optional<bool>(false));
    }

    // The database itself refuses to change or remove a record.
    void recordsAreImmutableInTheDatabase()
    {
        auto store = withExamples();
        QVERIFY(store);
        const qint64 id = finalised(*store, kV01, kAuto);
        QVERIFY_STORE(FollowUps(*store).record(carriedOut(id, QStringLiteral("2026-01-10"))));
        RawConnection raw(store->path());
        QVERIFY(!raw.exec(QStringLiteral("UPDATE follow_ups SET arm = 'standard_care'")));
        QVERIFY(!raw.exec(QStringLiteral("DELETE FROM follow_ups")));
        QCOMPARE(raw.scalar(QStringLiteral("SELECT count(*) FROM follow_ups")).toInt(), 1);
    }

    void onlyForAFinalisedDecision()
    {
        auto store = withExamples();
        QVERIFY(store);
        const qint64 draft = finalised(*store, kV01, kAuto, false);
        QVERIFY(draft > 0);
        FollowUps followUps(*store);
        const auto refused = followUps.record(carriedOut(draft, QStringLiteral("2026-01-10")));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, StoreErrc::Refused);
        QVERIFY2(refused.error().message.contains(QLatin1String("not finalised")), WHY(refused));
        const auto unknown = followUps.record(carriedOut(draft + 100, QStringLiteral("2026-01-10")));
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().code, StoreErrc::NotFound);
        // A finalised decision that a finalised correction replaced takes no follow-up.
        Decisions decisions(*store);
        const qint64 id = finalised(*store, kV03, kAuto);
        const auto correction = decisions.correct(id);
        QVERIFY2(correction, WHY(correction));
        const QStringList roles = decisions.decision(id).value().requiredRoles;
        for (const QString &role : roles)
            QVERIFY(
                decisions.recordPosition(correction.value(), { QStringLiteral("Dr X"), role, Stance::Agree, {}, {} }));
        QVERIFY_STORE(decisions.finalise(correction.value()));
        const auto corrected = followUps.record(carriedOut(id, QStringLiteral("2026-01-10")));
        QVERIFY(!corrected);
        QVERIFY2(corrected.error().message.contains(QLatin1String("corrected by decision")), WHY(corrected));
        QVERIFY_STORE(followUps.record(carriedOut(correction.value(), QStringLiteral("2026-01-10"))));
    }

    // Every bad field is named with why; nothing is written.
    void badFieldsAreNamedAndNothingIsWritten_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("why");
        QTest::newRow("treated before the decision") << "$.treated_on: 2026-01-04"
                                                     << "before the decision";
        QTest::newRow("not a date") << "$.treated_on: '2026-02-30'"
                                    << "not a date";
        QTest::newRow("arm not in the decision") << "$.arm: 'no_such_arm'"
                                                 << "not an arm";
        QTest::newRow("option of another arm") << "$.option: 'allo-ft819'"
                                               << "not an option";
        QTest::newRow("CRS grade out of range") << "$.outcomes[0].crs.grade: 6"
                                                << "not a grade of the CRS (ASTCT) scale (0 to 5)";
        QTest::newRow("ICAHT grade out of range") << "$.outcomes[0].icaht_grade: 5"
                                                  << "not a grade of the ICAHT scale (0 to 4)";
        QTest::newRow("onset before treatment") << "$.outcomes[0].crs.onset: 2026-01-09"
                                                << "before the treatment";
        QTest::newRow("resolved before onset") << "$.outcomes[0].crs.resolved: 2026-01-11"
                                               << "before the onset";
        QTest::newRow("not a time point") << "$.outcomes[1].day: 27"
                                          << "not a follow-up time point";
        QTest::newRow("death date without death") << "$.outcomes[0].death_date"
                                                  << "needs died = true";
        QTest::newRow("unknown response") << "$.outcomes[0].response: 'cured'"
                                          << "is not one of";
        QTest::newRow("reason for a treatment carried out") << "$.reason"
                                                            << "only for a decision not carried out";
    }

    void badFieldsAreNamedAndNothingIsWritten()
    {
        QFETCH(QString, field);
        QFETCH(QString, why);
        auto store = withExamples();
        QVERIFY(store);
        const qint64 id = finalised(*store, kV01, kAuto);
        FollowUp f = carriedOut(id, QStringLiteral("2026-01-10"));
        FollowUpOutcome o = outcome(28, QStringLiteral("1"), QStringLiteral("0"));
        o.crs.onset = QStringLiteral("2026-01-12");
        f.outcomes = { o, outcome(100, {}, {}) };
        const QString tag = QString::fromUtf8(QTest::currentDataTag());
        if (tag.startsWith(QLatin1String("treated before")))
            f.treatedOn = QStringLiteral("2026-01-04");
        else if (tag == QLatin1String("not a date"))
            f.treatedOn = QStringLiteral("2026-02-30");
        else if (tag.startsWith(QLatin1String("arm")))
            f.arm = QStringLiteral("no_such_arm");
        else if (tag.startsWith(QLatin1String("option")))
            f.option = QStringLiteral("allo-ft819");
        else if (tag.startsWith(QLatin1String("CRS")))
            f.outcomes[0].crs.grade = QStringLiteral("6");
        else if (tag.startsWith(QLatin1String("ICAHT")))
            f.outcomes[0].icahtGrade = QStringLiteral("5");
        else if (tag.startsWith(QLatin1String("onset")))
            f.outcomes[0].crs.onset = QStringLiteral("2026-01-09");
        else if (tag.startsWith(QLatin1String("resolved")))
            f.outcomes[0].crs.resolved = QStringLiteral("2026-01-11");
        else if (tag.startsWith(QLatin1String("not a time")))
            f.outcomes[1].day = 27;
        else if (tag.startsWith(QLatin1String("death")))
            f.outcomes[0].deathDate = QStringLiteral("2026-02-01");
        else if (tag.startsWith(QLatin1String("unknown response")))
            f.outcomes[0].response = QStringLiteral("cured");
        else
            f.notCarriedReason = QStringLiteral("other");
        const int auditRows = int(store->audit().entries().size());
        FollowUps followUps(*store);
        const auto r = followUps.record(f);
        QVERIFY(!r);
        QCOMPARE(r.error().code, StoreErrc::Refused);
        const QStringList lines = details(r);
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines[0].startsWith(field) && lines[0].contains(why), qPrintable(lines[0]));
        QVERIFY(r.error().message.contains(lines[0]));
        QCOMPARE(followUps.history(id).value().size(), std::size_t(0));
        QCOMPARE(int(store->audit().entries().size()), auditRows);
    }

    void notCarriedOutNeedsAReasonFromTheList()
    {
        auto store = withExamples();
        QVERIFY(store);
        const qint64 id = finalised(*store, kV01, kAuto);
        FollowUps followUps(*store);
        FollowUp f;
        f.decisionId = id;
        f.status = FollowUpStatus::NotCarriedOut;
        f.arm = kAuto;
        auto r = followUps.record(f);
        QVERIFY(!r);
        QCOMPARE(details(r),
            (QStringList { QStringLiteral("$.reason: a decision not carried out needs a reason"),
                QStringLiteral("$.arm: only for a decision carried out") }));
        f.arm.clear();
        f.notCarriedReason = QStringLiteral("bored");
        r = followUps.record(f);
        QVERIFY(!r);
        QVERIFY2(details(r).value(0).startsWith(QLatin1String("$.reason: 'bored' is not one of")), WHY(r));
        f.notCarriedReason = QStringLiteral("insurer_refused");
        f.notCarriedText = QStringLiteral("appeal pending");
        QVERIFY_STORE(followUps.record(f));
        QCOMPARE(followUps.latest(id).value()->notCarriedText, QStringLiteral("appeal pending"));
    }

    // The due list, worked by hand (see the file comment); the grace period is the site setting.
    void dueListFollowsTheTreatmentDate()
    {
        auto store = withExamples();
        QVERIFY(store);
        const qint64 id = finalised(*store, kV01, kAuto);
        const qint64 deferred = finalised(*store, kV03, QString());
        QVERIFY(id > 0 && deferred > 0);
        FollowUps followUps(*store);
        auto due = followUps.due(day("2026-01-05"));
        QVERIFY2(due, WHY(due));
        QCOMPARE(due.value().size(), std::size_t(1)); // the deferral needs no follow-up
        QCOMPARE(due.value()[0].decisionId, id);
        QCOMPARE(due.value()[0].caseId, kV01);
        QCOMPARE(due.value()[0].what, QStringLiteral("follow-up"));
        QCOMPARE(due.value()[0].dueOn, QStringLiteral("2026-01-05"));
        QVERIFY(!due.value()[0].overdue);
        QVERIFY(followUps.due(day("2026-01-06")).value()[0].overdue);
        QVERIFY_STORE(store->setSetting(FollowUps::graceSettingKey(), QStringLiteral("3")));
        QVERIFY(!followUps.due(day("2026-01-08")).value()[0].overdue);
        QVERIFY(followUps.due(day("2026-01-09")).value()[0].overdue);
        QVERIFY_STORE(store->setSetting(FollowUps::graceSettingKey(), QStringLiteral("soon")));
        QCOMPARE(followUps.due(day("2026-01-09")).error().code, StoreErrc::Refused);
        QVERIFY_STORE(store->setSetting(FollowUps::graceSettingKey(), QStringLiteral("0")));

        QVERIFY_STORE(followUps.record(carriedOut(id, QStringLiteral("2026-01-10"))));
        QCOMPARE(followUps.due(day("2026-02-06")).value().size(), std::size_t(0));
        due = followUps.due(day("2026-02-07"));
        QCOMPARE(due.value().size(), std::size_t(1));
        QCOMPARE(due.value()[0].what, QStringLiteral("day 28"));
        QCOMPARE(due.value()[0].dueOn, QStringLiteral("2026-02-07"));
        QCOMPARE(due.value()[0].treatedOn, QStringLiteral("2026-01-10"));
        QVERIFY(!due.value()[0].overdue);
        QVERIFY(followUps.due(day("2026-02-08")).value()[0].overdue);
        due = followUps.due(day("2026-04-20"));
        QCOMPARE(due.value().size(), std::size_t(2));
        QCOMPARE(due.value()[1].what, QStringLiteral("day 100"));
        QCOMPARE(due.value()[1].dueOn, QStringLiteral("2026-04-20"));

        FollowUp withDay28 = carriedOut(id, QStringLiteral("2026-01-10"));
        withDay28.outcomes.push_back(outcome(28, QStringLiteral("1"), QStringLiteral("0")));
        QVERIFY_STORE(followUps.record(withDay28));
        due = followUps.due(day("2026-04-21"));
        QCOMPARE(due.value().size(), std::size_t(1));
        QCOMPARE(due.value()[0].what, QStringLiteral("day 100"));
        // A patient who died has no further time point due.
        withDay28.outcomes[0].died = true;
        withDay28.outcomes[0].deathDate = QStringLiteral("2026-02-01");
        QVERIFY_STORE(followUps.record(withDay28));
        QCOMPARE(followUps.due(day("2026-04-21")).value().size(), std::size_t(0));
    }

    // Counts per arm with their n (patients with the item known); unknown is not "no".
    void localOutcomesCountKnownItemsOnly()
    {
        auto store = withExamples();
        QVERIFY(store);
        const qint64 a = finalised(*store, kV01, kAuto);
        const qint64 b = finalised(*store, kV03, kAuto);
        FollowUps followUps(*store);
        FollowUp fa = carriedOut(a, QStringLiteral("2026-01-10"));
        FollowUpOutcome a28 = outcome(28, QStringLiteral("2"), QString());
        a28.icahtGrade = QStringLiteral("3");
        a28.infectionGrade3plus = false;
        fa.outcomes = { a28, outcome(100, QStringLiteral("0"), QString()) };
        QVERIFY_STORE(followUps.record(fa));
        FollowUp fb = carriedOut(b, QStringLiteral("2026-01-12"));
        fb.option.clear();
        fb.outcomes = { outcome(100, QStringLiteral("3"), QStringLiteral("1")) };
        QVERIFY_STORE(followUps.record(fb));
        const auto local = followUps.localOutcomes();
        QVERIFY2(local, WHY(local));
        QCOMPARE(local.value().size(), std::size_t(1));
        const FollowUps::ArmOutcomes &o = local.value()[0];
        QCOMPARE(o.arm, kAuto);
        QCOMPARE(o.treated, 2);
        QCOMPARE(o.withDay28, 1);
        QCOMPARE(o.crsKnown, 2);
        QCOMPARE(o.crsAny, 2);
        QCOMPARE(o.crsGrade3, 1);
        QCOMPARE(o.icansKnown, 1);
        QCOMPARE(o.icansAny, 1);
        QCOMPARE(o.icansGrade3, 0);
        QCOMPARE(o.icahtKnown, 1);
        QCOMPARE(o.icahtGrade3, 1);
        QCOMPARE(o.infectionKnown, 1);
        QCOMPARE(o.infectionGrade3, 0);
    }

    // One row per treated patient; CSV quoted per RFC 4180, unknown empty (CSV) or null (JSON).
    void registryExtractHasOneRowPerTreatedPatient()
    {
        auto store = withExamples();
        QVERIFY(store);
        const qint64 a = finalised(*store, kV01, kAuto);
        const qint64 b = finalised(*store, kV03, kAuto);
        FollowUps followUps(*store);
        FollowUp fa = carriedOut(a, QStringLiteral("2026-01-10"));
        fa.lotOrTrialId = QStringLiteral("LOT \"7\", bag 2");
        FollowUpOutcome a28 = outcome(28, QStringLiteral("2"), QStringLiteral("0"));
        a28.crs.onset = QStringLiteral("2026-01-12");
        a28.died = false;
        fa.outcomes = { a28 };
        QVERIFY_STORE(followUps.record(fa));
        FollowUp fb;
        fb.decisionId = b;
        fb.status = FollowUpStatus::NotCarriedOut;
        fb.notCarriedReason = QStringLiteral("patient_declined");
        QVERIFY_STORE(followUps.record(fb));

        const auto csv = followUps.registryExtract(ExtractFormat::Csv);
        QVERIFY2(csv, WHY(csv));
        const QList<QByteArray> lines = csv.value().split('\n');
        QCOMPARE(lines.size(), 3); // header, one patient, the empty rest after the last CRLF
        QVERIFY(lines[0].startsWith("case_id,decision_id,rule_pack,diagnosis,prior_lines,prior_therapies,arm,option,"
                                    "lot_or_trial_id,lymphodepletion,infusion_date,d28_assessed_on,d28_crs_grade,"
                                    "d28_crs_onset,"));
        // V01: SLE, four failed agents, each of a class that counts as a line (docs/case-format.md).
        const QByteArray expected = kV01.toUtf8() + ',' + QByteArray::number(a)
            + ",consilium-reference 2026.2,SLE,4,cyclophosphamide;rituximab;belimumab;mycophenolate_mofetil,"
              "autologous_car_t,auto-rese-cel-reset,\"LOT \"\"7\"\", bag 2\",Flu/Cy,2026-01-10,,2,2026-01-12,,0,,,,,,"
              "false,,";
        QVERIFY2(lines[1].startsWith(expected), lines[1].constData());
        const AuditEntry audited = store->audit().entries().back();
        QCOMPARE(audited.action, QStringLiteral("registry.extracted"));
        QCOMPARE(audited.afterHash, sha256Hex(csv.value()));
        QCOMPARE(audited.detail, QStringLiteral("1 row(s), csv"));

        const auto extract = followUps.registryExtract(ExtractFormat::Json);
        QVERIFY2(extract, WHY(extract));
        json::Document doc;
        QVERIFY(parseStored(extract.value(), doc));
        QCOMPARE(QString::fromUtf8(doc["format"].GetString()), QStringLiteral("consilium-registry-extract/1"));
        QCOMPARE(doc["rows"].Size(), rapidjson::SizeType(1));
        const json::Value &row = doc["rows"][0];
        QCOMPARE(row["d28_crs_grade"].GetInt(), 2);
        QVERIFY(row["d28_icans_onset"].IsNull());
        QVERIFY(row["d28_died"].IsFalse());
        QVERIFY(row["d100_crs_grade"].IsNull());
        QCOMPARE(row["prior_therapies"].Size(), rapidjson::SizeType(4));
    }

    // The JSON form round-trips, and a bad document names its field.
    void jsonRoundTripsAndNamesBadFields()
    {
        FollowUp f = carriedOut(12, QStringLiteral("2026-01-10"));
        FollowUpOutcome o = outcome(100, QStringLiteral("3"), QString());
        o.died = true;
        o.deathDate = QStringLiteral("2026-03-01");
        f.outcomes = { o };
        QStringList errors;
        const auto back = followUpFromJson(followUpToJson(f), errors);
        QVERIFY2(back, qPrintable(errors.join(QLatin1Char('\n'))));
        QCOMPARE(followUpToJson(*back), followUpToJson(f));
        QCOMPARE(back->outcomes[0].icans.grade, QString());
        QCOMPARE(back->outcomes[0].died, std::optional<bool>(true));

        errors.clear();
        QVERIFY(!followUpFromJson(R"({"status": "done", "arm": 3, "colour": "red",
            "outcomes": [{"day": 28, "crs": {"grade": "two"}}]})",
            errors));
        QVERIFY2(errors.contains(QStringLiteral("$.status: 'done' is not carried_out or not_carried_out")),
            qPrintable(errors.join(QLatin1Char('\n'))));
        QVERIFY(errors.filter(QStringLiteral("$.arm:")).size() == 1);
        QVERIFY(errors.filter(QStringLiteral("$.colour:")).size() == 1);
        QVERIFY(errors.filter(QStringLiteral("$.outcomes[0].crs.grade:")).size() == 1);
    }

    // Schema v4 on a database that v3 built, on both engines (SQLite and PostgreSQL): the table
    // comes in empty, and a decision finalised before the upgrade takes a follow-up.
    void migratesFromVersion3()
    {
        const QString path = location(m_dir.filePath(QStringLiteral("v3/consilium.sqlite")));
        QVERIFY(onPostgres() || QDir().mkpath(QFileInfo(path).absolutePath()));
        const auto dialect = onPostgres() ? SqlDialect::postgresql() : SqlDialect::sqlite();
        {
            RawConnection raw(path);
            QSqlDatabase db = raw.db();
            const QString built = raw.buildSchemaAt(*dialect, 3);
            QVERIFY2(built.isEmpty(), qPrintable(built));
            QCOMPARE(dialect->schemaVersion(db).value_or(-1), 3);
            QVERIFY(!dialect->tableNames(db).contains(QStringLiteral("follow_ups")));
            const QString at = QStringLiteral("'2025-01-01T00:00:00.000Z'");
            for (const QString &sql : {
                     QStringLiteral("INSERT INTO cases (id, case_id, created_at, updated_at, latest_version_id)"
                                    " VALUES (1, 'C1', %1, %1, 1)"),
                     QStringLiteral("INSERT INTO case_versions (id, case_ref, version, created_at, created_by, content,"
                                    " content_sha256) VALUES (1, 1, 1, %1, 'v3 user', '{}', 'x')"),
                     QStringLiteral("INSERT INTO rule_packs (id, sha256, pack_id, pack_version, content, stored_at)"
                                    " VALUES (1, 'abc', 'p', '1', '{}', %1)"),
                     QStringLiteral("INSERT INTO conferences (id, held_on, title, created_at)"
                                    " VALUES (1, '2025-01-02', 'MDT', %1)"),
                     QStringLiteral("INSERT INTO decisions (id, conference_id, case_version_id, pack_ref,"
                                    " engine_version, result_json, outcome, chosen_arm, status, created_at,"
                                    " created_by, finalised_at, finalised_by) VALUES (1, 1, 1, 1, 'e',"
                                    " '{\"arms\": {\"standard_care\": {}}}', 'arm', 'standard_care', 'final', %1,"
                                    " 'v3 user', %1, 'v3 user')"),
                 }) {
                QSqlQuery q(db);
                QVERIFY2(q.exec(sql.arg(at)), qPrintable(q.lastError().text()));
            }
        }
        StoreError e;
        auto s = openStore(path, e);
        QVERIFY2(s, qPrintable(e.message));
        QCOMPARE(
            s->schemaVersion().value(), 8); // v4 adds follow_ups; v5 (an index), v6 (verdict groups), v7 and v8 follow
        FollowUps followUps(*s);
        QCOMPARE(followUps.due(day("2025-01-03")).value().size(), std::size_t(1));
        FollowUp f;
        f.decisionId = 1;
        f.arm = QStringLiteral("standard_care");
        f.treatedOn = QStringLiteral("2025-01-10");
        QVERIFY_STORE(followUps.record(f));
        QCOMPARE(followUps.latest(1).value()->treatedOn, QStringLiteral("2025-01-10"));
    }

    // On a team database another client sees the record as a change of the decision
    // (docs/store.md#live-refresh): it is audited in the transaction that writes it.
    void anotherClientIsNotified()
    {
        if (!onPostgres())
            QSKIP("PostgreSQL only: SQLite has no notifications");
        auto store = withExamples();
        QVERIFY(store);
        const qint64 id = finalised(*store, kV01, kAuto);
        StoreError e;
        auto other = openStore(m_dir.filePath(QStringLiteral("fu%1.sqlite").arg(m_n)), e);
        QVERIFY2(other, qPrintable(e.message));
        StoreChanges changes(*other);
        QVERIFY(changes.listen());
        std::vector<StoreChange> seen;
        connect(&changes, &StoreChanges::changed, this, [&seen](const StoreChange &c) { seen.push_back(c); });
        QVERIFY_STORE(FollowUps(*store).record(carriedOut(id, QStringLiteral("2026-01-10"))));
        QTRY_VERIFY_WITH_TIMEOUT(!seen.empty(), 10000);
        QCOMPARE(seen.back().action, QStringLiteral("follow-up.record"));
        QCOMPARE(seen.back().objectType, QStringLiteral("decision"));
        QCOMPARE(seen.back().objectId, QString::number(id));
    }

    // A case whose decision has a follow-up is never purged: its decision is final (CasePurge).
    void purgeLeavesFollowUpsAlone()
    {
        auto store = withExamples();
        QVERIFY(store);
        const qint64 id = finalised(*store, kV01, kAuto);
        QVERIFY_STORE(FollowUps(*store).record(carriedOut(id, QStringLiteral("2026-01-10"))));
        QVERIFY_STORE(store->setArchived(kV01, true));
        const auto purged = store->purgeCase(kV01, kV01);
        QVERIFY(!purged);
        QCOMPARE(purged.error().code, StoreErrc::Refused);
        QCOMPARE(FollowUps(*store).history(id).value().size(), std::size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestStoreFollowUps)
#include "tst_store_followups.moc"
