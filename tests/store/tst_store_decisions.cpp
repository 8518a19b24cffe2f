// SPDX-License-Identifier: GPL-3.0-or-later
// Conferences, decisions, required roles, immutability and replay (issue 4).
#include "StoreTestUtil.h"

#include "store/CanonicalJson.h"
#include "store/Decisions.h"
#include "store/Evaluations.h"
#include "store/ImportExport.h"
#include "store/Replay.h"
#include "store/RequiredRoles.h"
#include "store/RoleLogins.h"

#include <QFile>
#include <QTemporaryDir>

using namespace consilium;
using namespace storetest;

class TestStoreDecisions : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_n = 0;

    std::unique_ptr<CaseStore> withExamples()
    {
        StoreError e;
        auto s = openStore(m_dir.filePath(QStringLiteral("db%1.sqlite").arg(++m_n)), e);
        if (!s || !importCases(*s, examplesDir(), RulePack::builtin()))
            return nullptr;
        return s;
    }

    static qint64 conference(Decisions &d)
    {
        return valueOr(d.createConference(QStringLiteral("2026-12-01"), QStringLiteral("Cell therapy MDT"),
                           { { QStringLiteral("Dr Rheum"), QStringLiteral("rheumatology") },
                               { QStringLiteral("Dr Cell"), QStringLiteral("cellular_therapy") } }),
            qint64(0));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")), "the Qt SQLite driver is not installed");
        QVERIFY(m_dir.isValid());
    }

    void requiredRolesFromCase_data()
    {
        QTest::addColumn<QString>("caseName");
        QTest::addColumn<QStringList>("roles");
        const QString rh = QStringLiteral("rheumatology");
        const QString ct = QStringLiteral("cellular_therapy");
        const QString id = QStringLiteral("infectious_disease");
        QTest::newRow("V01 no infection") << QStringLiteral("V01-sle-ln-si-units") << QStringList { rh, ct };
        QTest::newRow("V06 HIV positive") << QStringLiteral("V06-aav-hiv-hbv") << QStringList { rh, ct, id };
        QTest::newRow("V10 infection, CNS active")
            << QStringLiteral("V10-ms-cladribine-infection") << QStringList { rh, ct, id, QStringLiteral("neurology") };
    }

    void requiredRolesFromCase()
    {
        QFETCH(QString, caseName);
        QFETCH(QStringList, roles);
        json::Document doc;
        json::Diagnostics diag;
        QVERIFY(json::parseStrict(example(caseName), doc, diag));
        QCOMPARE(RequiredRoles::forCase(RequiredRoles::defaultSetting(), doc), roles);
    }

    // The default sign-off policy is the data file resources/site/required_roles.json, compiled
    // in; a new database stores exactly that as its site setting, and the setting overrides it.
    void requiredRolesDefaultFromDataFile()
    {
        QFile file(QStringLiteral(":/site/required_roles.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        json::Document fromFile;
        QVERIFY(parseStored(file.readAll(), fromFile));
        QCOMPARE(RequiredRoles::defaultSetting(), compactJson(fromFile));
        // The policy as it was written in C++ before it moved into the data file.
        QCOMPARE(RequiredRoles::defaultSetting(),
            QByteArrayLiteral("[{\"role\":\"rheumatology\"},{\"role\":\"cellular_therapy\"},"
                              "{\"role\":\"infectious_disease\",\"when_any\":[\"active_infection\",\"hbsag=positive\","
                              "\"anti_hbc=positive\",\"hcv_rna=positive\",\"hiv=positive\"]},"
                              "{\"role\":\"neurology\",\"when_any\":[\"cns_involvement_active\"]}]"));
        QString problem;
        QVERIFY2(RequiredRoles::validate(RequiredRoles::defaultSetting(), problem), qPrintable(problem));

        auto store = withExamples();
        QVERIFY(store);
        QCOMPARE(store->setting(RequiredRoles::settingKey()).value().value_or(QString()).toUtf8(),
            RequiredRoles::defaultSetting());
        QVERIFY(store->setSetting(RequiredRoles::settingKey(), QStringLiteral("[{\"role\":\"nephrology\"}]")));
        Decisions decisions(*store);
        const qint64 conf = conference(decisions);
        QVERIFY(conf > 0);
        const auto id = decisions.open(conf, QStringLiteral("V06-aav-hiv-hbv"), RulePack::builtin());
        QVERIFY(id);
        const auto d = decisions.decision(id.value());
        QVERIFY(d);
        QCOMPARE(d.value().requiredRoles, QStringList { QStringLiteral("nephrology") });
    }

    void neurologyWhenCnsActive()
    {
        json::Document doc;
        json::Diagnostics diag;
        QByteArray bytes = example(QStringLiteral("V01-sle-ln-si-units"));
        bytes.replace("\"cns_involvement_active\": false", "\"cns_involvement_active\": true");
        QVERIFY(json::parseStrict(bytes, doc, diag));
        QVERIFY(RequiredRoles::forCase(RequiredRoles::defaultSetting(), doc).contains(QStringLiteral("neurology")));
    }

    void finaliseBlockedUntilEveryRoleAnswers()
    {
        auto store = withExamples();
        QVERIFY(store);
        Decisions decisions(*store);
        const qint64 conf = conference(decisions);
        QVERIFY(conf > 0);
        const auto id = decisions.open(conf, QStringLiteral("V06-aav-hiv-hbv"), RulePack::builtin());
        QVERIFY2(id, WHY(id));
        auto d = decisions.decision(id.value());
        QVERIFY(d);
        // HIV positive (V06): infectious disease joins the site defaults.
        QCOMPARE(d.value().requiredRoles,
            (QStringList { QStringLiteral("cellular_therapy"), QStringLiteral("infectious_disease"),
                QStringLiteral("rheumatology") }));
        QVERIFY(!d.value().resultJson.isEmpty());
        QCOMPARE(d.value().packSha256, RulePack::builtin().sha256());

        QVERIFY(!decisions.finalise(id.value())); // no outcome yet
        QVERIFY(decisions.setOutcome(
            id.value(), QStringLiteral("allogeneic_car_t"), QStringLiteral("trial slot available")));
        QVERIFY(!decisions.setOutcome(id.value(), QStringLiteral("no_such_arm"), QString()));
        QVERIFY(decisions.recordPosition(
            id.value(), { QStringLiteral("Dr Rheum"), QStringLiteral("rheumatology"), Stance::Agree, {}, {} }));
        QVERIFY(!decisions.recordPosition(
            id.value(), { QStringLiteral("Dr Cell"), QStringLiteral("cellular_therapy"), Stance::Disagree, {}, {} }));
        QVERIFY(decisions.recordPosition(id.value(),
            { QStringLiteral("Dr Cell"), QStringLiteral("cellular_therapy"), Stance::Disagree,
                QStringLiteral("would prefer the bispecific"), {} }));
        const auto failed = decisions.finalise(id.value());
        QVERIFY(!failed);
        QCOMPARE(failed.error().code, StoreErrc::Refused);
        QVERIFY(failed.error().message.contains(QLatin1String("infectious_disease")));

        // The database refuses it too, whatever the code does.
        {
            RawConnection raw(store->path());
            QVERIFY(!raw.exec(QStringLiteral("UPDATE decisions SET status = 'final' WHERE id = %1").arg(id.value())));
        }
        QVERIFY(decisions.addOverride(id.value(), QStringLiteral("AUTO-AGE-01"), QStringLiteral("clinical_judgement"),
            QStringLiteral("recorded beside, verdicts unchanged")));
        QVERIFY(!decisions.addOverride(
            id.value(), QStringLiteral("NO-SUCH-01"), QStringLiteral("other"), QStringLiteral("x")));
        QVERIFY(decisions.recordPosition(id.value(),
            { QStringLiteral("Dr ID"), QStringLiteral("infectious_disease"), Stance::Abstain,
                QStringLiteral("HIV suppressed; no view on the arm"), {} }));
        QVERIFY_STORE(decisions.finalise(id.value()));
        d = decisions.decision(id.value());
        QVERIFY(d.value().finalised);
        QVERIFY(d.value().hasDissent()); // dissent stays visible
        QCOMPARE(d.value().overrides.size(), std::size_t(1));
    }

    // issue 13, docs/store.md#roles-and-logins: on PostgreSQL a role the site setting role_logins
    // names is signed only by a position one of its logins recorded; the chair's record for the
    // room is kept but does not sign. SQLite has no logins: the setting changes nothing there.
    void roleLoginsSignOnATeamDatabase()
    {
        auto store = withExamples();
        QVERIFY(store);
        Decisions decisions(*store);
        const auto id
            = decisions.open(conference(decisions), QStringLiteral("V01-sle-ln-si-units"), RulePack::builtin());
        QVERIFY2(id, WHY(id));
        QCOMPARE(decisions.decision(id.value()).value().requiredRoles,
            (QStringList { QStringLiteral("cellular_therapy"), QStringLiteral("rheumatology") }));
        QVERIFY(store->setSetting(RoleLogins::settingKey(), QStringLiteral(R"({"rheumatology": ["dr_meier"]})")));
        QVERIFY(decisions.setOutcome(id.value(), QStringLiteral("autologous_car_t"), QStringLiteral("slot")));
        for (const QString &role : { QStringLiteral("rheumatology"), QStringLiteral("cellular_therapy") })
            QVERIFY(
                decisions.recordPosition(id.value(), { QStringLiteral("Dr Meier"), role, Stance::Agree, {}, {}, {} }));
        const auto d = decisions.decision(id.value());
        QVERIFY2(d, WHY(d));
        if (!onPostgres()) {
            QVERIFY(d.value().roleLogins.isEmpty());
            QVERIFY_STORE(decisions.finalise(id.value()));
            return;
        }
        // Recorded by this store's login, which is not dr_meier: rheumatology is still open.
        QCOMPARE(d.value().missingRoles(), QStringList { QStringLiteral("rheumatology") });
        for (const Position &p : d.value().positions)
            QCOMPARE(d.value().signs(p), p.role != QLatin1String("rheumatology"));
        const auto refused = decisions.finalise(id.value());
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QStringLiteral("rheumatology (recorded by dr_meier)")),
            qPrintable(refused.error().message));
        // The site maps this login to rheumatology: the same position now signs.
        QVERIFY(store->setSetting(RoleLogins::settingKey(),
            QStringLiteral(R"({"rheumatology": ["dr_meier", "%1"]})").arg(expectedAccount())));
        QVERIFY(decisions.decision(id.value()).value().missingRoles().isEmpty());
        QVERIFY_STORE(decisions.finalise(id.value()));
    }

    void roleLoginsSetting()
    {
        QString problem;
        const auto ok = RoleLogins::parse(R"({"rheumatology": ["a", "b"], "nephrology": ["c"]})", problem);
        QVERIFY2(ok, qPrintable(problem));
        QCOMPARE(ok->value(QStringLiteral("rheumatology")), (QStringList { QStringLiteral("a"), QStringLiteral("b") }));
        QVERIFY(!RoleLogins::parse(R"(["a"])", problem));
        QVERIFY(!RoleLogins::parse(R"({"rheumatology": []})", problem));
        QCOMPARE(problem, QStringLiteral("$.rheumatology: must be a non-empty array of logins"));
        QVERIFY(!RoleLogins::parse(R"({"rheumatology": ["a", 3]})", problem));
        QVERIFY2(problem.startsWith(QStringLiteral("$.rheumatology[1]: must be a login")), qPrintable(problem));
        QCOMPARE(RoleLogins::loginOf(QStringLiteral("Dr Meier (dr_meier)")), QStringLiteral("dr_meier"));
        QCOMPARE(RoleLogins::loginOf(QStringLiteral("Dr X (Y) (login)")), QStringLiteral("login"));
        QCOMPARE(RoleLogins::loginOf(QStringLiteral("dr_meier")), QStringLiteral("dr_meier"));
    }

    // A refused finalisation is an error saying why, and nothing changes; an unknown decision
    // is StoreErrc::NotFound, not a refusal.
    void finaliseRefusedIsAnError()
    {
        auto store = withExamples();
        QVERIFY(store);
        Decisions decisions(*store);
        const qint64 conf = conference(decisions);
        QVERIFY(conf > 0);
        const auto id = decisions.open(conf, QStringLiteral("V01-sle-ln-si-units"), RulePack::builtin());
        QVERIFY2(id, WHY(id));
        const qint64 head = store->audit().head()->id;
        const auto refused = decisions.finalise(id.value());
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, StoreErrc::Refused);
        QCOMPARE(refused.error().message,
            QStringLiteral("decision %1 has no outcome yet: choose an arm or defer").arg(id.value()));
        QVERIFY(!decisions.decision(id.value()).value().finalised);
        QCOMPARE(store->audit().head()->id, head);
        const auto missing = decisions.finalise(id.value() + 1000);
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, StoreErrc::NotFound);
    }

    void authorsFollowTheActor()
    {
        auto store = withExamples();
        QVERIFY(store);
        Decisions decisions(*store);
        const qint64 conf = conference(decisions);
        const auto id = decisions.open(conf, QStringLiteral("V01-sle-ln-si-units"), RulePack::builtin());
        QVERIFY(id);
        QCOMPARE(decisions.decision(id.value()).value().createdBy, expectedRecordedBy(QStringLiteral("Dr Test")));
        // A position records who typed it in, beside the participant it is for.
        QVERIFY(decisions.recordPosition(
            id.value(), { QStringLiteral("Dr Rheum"), QStringLiteral("rheumatology"), Stance::Agree, {}, {}, {} }));
        auto d = decisions.decision(id.value());
        QCOMPARE(d.value().positions.front().participant, QStringLiteral("Dr Rheum"));
        QCOMPARE(d.value().positions.front().recordedBy, expectedRecordedBy(QStringLiteral("Dr Test")));
        // The user changes their name: what is written from now on carries the new one.
        store->setActor({ QStringLiteral("tester"), QStringLiteral("Dr Sommer") });
        QVERIFY(decisions.recordPosition(
            id.value(), { QStringLiteral("Dr Cell"), QStringLiteral("cellular_therapy"), Stance::Agree, {}, {}, {} }));
        QVERIFY(decisions.setOutcome(id.value(), QStringLiteral("autologous_car_t"), QStringLiteral("trial slot")));
        QVERIFY_STORE(decisions.finalise(id.value()));
        d = decisions.decision(id.value());
        QCOMPARE(d.value().finalisedBy, expectedRecordedBy(QStringLiteral("Dr Sommer")));
        QCOMPARE(d.value().positions.front().participant, QStringLiteral("Dr Cell"));
        QCOMPARE(d.value().positions.front().recordedBy, expectedRecordedBy(QStringLiteral("Dr Sommer")));
        QCOMPARE(d.value().positions.back().recordedBy, expectedRecordedBy(QStringLiteral("Dr Test")));
        QCOMPARE(store->audit().entries().back().displayName, QStringLiteral("Dr Sommer"));
        // Who acted is the account: the operating-system user on SQLite; on PostgreSQL the
        // database login, although the caller named the account "tester" (issue 13).
        QCOMPARE(store->audit().entries().back().osUser, expectedAccount());
        QByteArray v01 = example(QStringLiteral("V01-sle-ln-si-units"));
        v01.replace("\"age_years\": 34", "\"age_years\": 35");
        QCOMPARE(store->saveCase(v01, RulePack::builtin()).value().status, SaveStatus::Added);
        QVERIFY(store->latestVersion(QStringLiteral("V01-sle-ln-si-units"))
                    .value()
                    .createdBy.startsWith(QStringLiteral("Dr Sommer")));
    }

    void finalisedDecisionIsImmutable()
    {
        auto store = withExamples();
        QVERIFY(store);
        Decisions decisions(*store);
        const qint64 conf = conference(decisions);
        const auto id = decisions.open(conf, QStringLiteral("V01-sle-ln-si-units"), RulePack::builtin());
        QVERIFY(id);
        QVERIFY(decisions.setOutcome(id.value(), QString(), QStringLiteral("await echocardiography")));
        QVERIFY(decisions.recordPosition(
            id.value(), { QStringLiteral("Dr Rheum"), QStringLiteral("rheumatology"), Stance::Agree, {}, {} }));
        QVERIFY(decisions.recordPosition(
            id.value(), { QStringLiteral("Dr Cell"), QStringLiteral("cellular_therapy"), Stance::Agree, {}, {} }));
        QVERIFY(decisions.finalise(id.value()));
        const auto before = decisions.decision(id.value());
        QCOMPARE(before.value().outcome, QStringLiteral("deferred"));

        // API: refused.
        const auto failed2
            = decisions.setOutcome(id.value(), QStringLiteral("standard_care"), QStringLiteral("changed my mind"));
        QVERIFY(!failed2);
        QCOMPARE(failed2.error().code, StoreErrc::Refused);
        QVERIFY(!decisions.recordPosition(
            id.value(), { QStringLiteral("Dr Late"), QStringLiteral("neurology"), Stance::Agree, {}, {} }));
        QVERIFY(!decisions.addOverride(
            id.value(), QStringLiteral("AUTO-AGE-01"), QStringLiteral("other"), QStringLiteral("x")));
        QVERIFY(!decisions.finalise(id.value()));

        // Raw SQL: refused by triggers, on the decision and on everything that belongs to it.
        {
            RawConnection raw(store->path());
            QVERIFY(!raw.exec(
                QStringLiteral("UPDATE decisions SET rationale = 'rewritten' WHERE id = %1").arg(id.value())));
            QVERIFY(!raw.exec(QStringLiteral("UPDATE decisions SET status = 'draft' WHERE id = %1").arg(id.value())));
            QVERIFY(!raw.exec(QStringLiteral("DELETE FROM decisions WHERE id = %1").arg(id.value())));
            QVERIFY(
                !raw.exec(QStringLiteral("UPDATE decision_positions SET position = 'disagree' WHERE decision_id = %1")
                              .arg(id.value())));
            QVERIFY(!raw.exec(QStringLiteral("DELETE FROM decision_positions WHERE decision_id = %1").arg(id.value())));
            QVERIFY(!raw.exec(
                QStringLiteral("INSERT INTO decision_positions (decision_id, participant, role, position, reason,"
                               " recorded_at) VALUES (%1, 'X', 'neurology', 'agree', '', 'now')")
                    .arg(id.value())));
            QVERIFY(!raw.exec(QStringLiteral("DELETE FROM decision_roles WHERE decision_id = %1").arg(id.value())));
        }
        // And through the engine's real shell (sqlite3, psql).
        QVERIFY2(!sqlite3Path().isEmpty(), "sqlite3 (Debian package sqlite3) is required");
        const Run r = shell(
            store->path(), QStringLiteral("UPDATE decisions SET rationale = 'x' WHERE id = %1;").arg(id.value()));
        QVERIFY(r.exitCode != 0);
        QVERIFY(r.err.contains("immutable"));
        const auto after = decisions.decision(id.value());
        QCOMPARE(after.value().rationale, before.value().rationale);
        QCOMPARE(after.value().resultJson, before.value().resultJson);

        // A correction is a new, linked draft.
        const auto corr = decisions.correct(id.value());
        QVERIFY(corr);
        const auto c = decisions.decision(corr.value());
        QCOMPARE(c.value().correctsId.value_or(0), id.value());
        QVERIFY(!c.value().finalised);
        QCOMPARE(c.value().resultJson, before.value().resultJson);
        QVERIFY(c.value().positions.empty());
        QVERIFY(decisions.setOutcome(
            corr.value(), QStringLiteral("standard_care"), QStringLiteral("corrected after review")));
        QCOMPARE(decisions.decision(id.value()).value().outcome, QStringLiteral("deferred"));
    }

    void replayIsByteIdentical()
    {
        auto store = withExamples();
        QVERIFY(store);
        Decisions decisions(*store);
        const qint64 conf = conference(decisions);
        QList<qint64> ids;
        for (const QString &file : exampleFiles()) {
            const QString caseId = QFileInfo(file).completeBaseName();
            const auto id = decisions.open(conf, caseId, RulePack::builtin());
            QVERIFY2(id, qPrintable(caseId));
            ids << id.value();
        }
        for (qint64 id : ids) {
            const auto r = replayDecision(*store, id);
            QVERIFY2(r, WHY(r));
            QVERIFY(r.value().identical);
            QVERIFY(r.value().sameEngine);
            QCOMPARE(r.value().replayed, decisions.decision(id).value().resultJson);
        }
        if (onPostgres())
            return; // the CLI refuses postgresql:// until issue 13 is complete
        const QString path = store->path();
        store.reset();
        const Run r = cli({ QStringLiteral("db"), QStringLiteral("replay"), QString::number(ids.first()),
            QStringLiteral("--db"), path });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("byte for byte"));
    }

    // A decision finalised under pack 2026.1 (shipped beside the built-in, resources/packs) still
    // replays byte for byte after the built-in became 2026.2: the store pins the pack by hash.
    void replayOf2026_1DecisionAfterTheUpgrade()
    {
        QFile f(QStringLiteral(":/packs/consilium-reference-2026.1.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        json::Diagnostics diag;
        const auto old = RulePack::load(f.readAll(), diag);
        QVERIFY2(old, qPrintable(diag.lines().join(QLatin1Char('\n'))));
        QCOMPARE(old->version(), QStringLiteral("2026.1"));
        QVERIFY(old->sha256() != RulePack::builtin().sha256());
        auto store = withExamples();
        QVERIFY(store);
        Decisions decisions(*store);
        const qint64 conf = conference(decisions);
        const auto id = decisions.open(conf, QStringLiteral("V02-spec-example"), *old);
        QVERIFY2(id, WHY(id));
        for (const auto &[who, role] : { std::pair { "Dr Rheum", "rheumatology" }, { "Dr Cell", "cellular_therapy" } })
            QVERIFY(decisions.recordPosition(
                id.value(), { QLatin1String(who), QLatin1String(role), Stance::Agree, {}, {}, {} }));
        QVERIFY(decisions.setOutcome(id.value(), QStringLiteral("standard_care"), QStringLiteral("under 2026.1")));
        const auto finalised = decisions.finalise(id.value());
        QVERIFY2(finalised, WHY(finalised));
        const QByteArray stored = decisions.decision(id.value()).value().resultJson;
        QVERIFY(stored.contains("\"version\":\"2026.1\""));
        QVERIFY(!stored.contains("\"options\"")); // 2026.1 has none; 2026.2 writes them
        const auto r = replayDecision(*store, id.value());
        QVERIFY2(r, WHY(r));
        QVERIFY(r.value().identical);
        QCOMPARE(r.value().replayed, stored);
    }

    void replayWithCurrentRulesShowsChanges()
    {
        auto store = withExamples();
        QVERIFY(store);
        Decisions decisions(*store);
        const qint64 conf = conference(decisions);
        const auto id = decisions.open(conf, QStringLiteral("V01-sle-ln-si-units"), RulePack::builtin());
        QVERIFY(id);
        const QString before = QString::fromUtf8(decisions.decision(id.value()).value().resultJson);
        QVERIFY(before.contains(QLatin1String("\"id\":\"AUTO-AGE-01\",\"state\":\"met\"")));

        // A site pack where autologous CAR T needs age >= 50: V01 (34 y) becomes ineligible.
        QByteArray modified = RulePack::builtinBytes();
        const QByteArray from = "\"condition\": \"age_years >= 18\"";
        QVERIFY(modified.contains(from));
        modified.replace(from, "\"condition\": \"age_years >= 50\"");
        json::Diagnostics diag;
        const auto pack = RulePack::load(modified, diag);
        QVERIFY2(pack, qPrintable(diag.lines().join(QLatin1Char('\n'))));

        const auto diff = compareWithRules(*store, id.value(), *pack);
        QVERIFY2(diff, WHY(diff));
        const QString text = diff.value().join(QLatin1Char('\n'));
        QVERIFY2(text.contains(QLatin1String("AUTO-AGE-01: met -> not_met")), qPrintable(text));
        QVERIFY2(text.contains(QLatin1String("verdict: eligible_with_cautions -> ineligible")), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("rule pack:")));

        // The same pack gives no difference.
        const auto same = compareWithRules(*store, id.value(), RulePack::builtin());
        QVERIFY(same);
        QCOMPARE(same.value().size(), 1);
        QVERIFY(same.value().first().startsWith(QLatin1String("unchanged:")));

        if (onPostgres())
            return; // the CLI refuses postgresql:// until issue 13 is complete
        const QString packFile = m_dir.filePath(QStringLiteral("site-pack.json"));
        QVERIFY(writeAll(packFile, modified));
        const QString path = store->path();
        store.reset();
        const Run r = cli({ QStringLiteral("db"), QStringLiteral("replay"), QString::number(id.value()),
            QStringLiteral("--with-current-rules"), QStringLiteral("--rules"), packFile,
            QStringLiteral("--allow-unsigned"), QStringLiteral("--db"), path });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("byte for byte"));
        QVERIFY2(r.out.contains("verdict: eligible_with_cautions -> ineligible"), r.out.constData());
        QVERIFY(r.out.contains("AUTO-AGE-01: met -> not_met"));
    }

    void decisionFlowThroughCli()
    {
        const QString db = m_dir.filePath(QStringLiteral("cli-flow.sqlite"));
        auto run = [&db](QStringList args) {
            args << QStringLiteral("--db") << db;
            args.prepend(QStringLiteral("db"));
            return cli(args);
        };
        QCOMPARE(run({ QStringLiteral("import"), examplesDir() }).exitCode, 0);
        QCOMPARE(run({ QStringLiteral("conference"), QStringLiteral("create"), QStringLiteral("--date"),
                         QStringLiteral("2026-12-01"), QStringLiteral("--title"), QStringLiteral("MDT"),
                         QStringLiteral("--attendee"), QStringLiteral("Dr A:rheumatology") })
                     .exitCode,
            0);
        Run r = run(
            { QStringLiteral("decide"), QStringLiteral("1"), QStringLiteral("V06-aav-hiv-hbv"), QStringLiteral("--arm"),
                QStringLiteral("bispecific_tce"), QStringLiteral("--rationale"), QStringLiteral("access") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("awaiting positions from: cellular_therapy, infectious_disease, rheumatology"));
        for (const auto &[who, role] :
            { std::pair { "Dr A", "rheumatology" }, std::pair { "Dr B", "cellular_therapy" } })
            QCOMPARE(
                run({ QStringLiteral("position"), QStringLiteral("1"), QStringLiteral("--participant"),
                        QLatin1String(who), QStringLiteral("--role"), QLatin1String(role), QStringLiteral("--agree") })
                    .exitCode,
                0);
        r = run({ QStringLiteral("finalise"), QStringLiteral("1") });
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("infectious_disease"));
        QCOMPARE(
            run({ QStringLiteral("position"), QStringLiteral("1"), QStringLiteral("--participant"),
                    QStringLiteral("Dr C"), QStringLiteral("--role"), QStringLiteral("infectious_disease"),
                    QStringLiteral("--disagree"), QStringLiteral("--reason"), QStringLiteral("HBV reactivation risk") })
                .exitCode,
            0);
        r = run({ QStringLiteral("finalise"), QStringLiteral("1") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("dissent recorded"));
        QCOMPARE(run({ QStringLiteral("outcome"), QStringLiteral("1"), QStringLiteral("--defer") }).exitCode, 1);
        QCOMPARE(run({ QStringLiteral("verify-audit") }).exitCode, 0);
        QCOMPARE(run({ QStringLiteral("replay"), QStringLiteral("1") }).exitCode, 0);
    }

    void openingRecordsTheEvaluation()
    {
        auto store = withExamples();
        QVERIFY(store);
        const RulePack &pack = RulePack::builtin();
        Decisions decisions(*store);
        Evaluations evaluations(*store);
        const qint64 conf = conference(decisions);
        const QString caseId = QStringLiteral("V06-aav-hiv-hbv");
        QVERIFY(evaluations.evaluationsOf(caseId).value().empty());
        CaseFilter filter;
        filter.packSha256 = pack.sha256();
        filter.verdictGroup = QStringLiteral("autologous_car_t");

        const qint64 head = store->audit().head()->id;
        const auto id = decisions.open(conf, caseId, pack);
        QVERIFY2(id, WHY(id));
        const auto d = decisions.decision(id.value());
        QVERIFY(d);

        // The decision's evaluation is in the history: same version, pack and engine.
        const auto evals = evaluations.evaluationsOf(caseId);
        QCOMPARE(evals.value().size(), std::size_t(1));
        const StoredEvaluation &e = evals.value().front();
        QCOMPARE(e.caseVersionId, d.value().caseVersionId);
        QCOMPARE(e.version, d.value().caseVersion);
        QCOMPARE(e.packSha256, d.value().packSha256);
        QCOMPARE(e.engineVersion, d.value().engineVersion);
        // Its verdicts are the pinned result's.
        json::Document result;
        QVERIFY(parseStored(d.value().resultJson, result));
        std::map<QString, QString> pinned;
        for (const auto &arm : result["arms"].GetObject()) {
            const QString armId = json::toQString(arm.name);
            pinned[armId] = json::toQString(arm.value["verdict"]);
            if (arm.value.HasMember("sub_options")) {
                for (const auto &sub : arm.value["sub_options"].GetObject())
                    pinned[armId + QLatin1Char('/') + json::toQString(sub.name)]
                        = json::toQString(sub.value["verdict"]);
            }
        }
        QCOMPARE(e.result.verdicts, pinned);

        // The current verdicts follow: the case is found by `list --verdict`, with its verdicts.
        filter.verdict = pinned.at(QStringLiteral("autologous_car_t"));
        const CasePage page = store->queryCases(filter).value();
        QVERIFY(std::any_of(page.rows.begin(), page.rows.end(),
            [&](const CaseSummary &c) { return c.caseId == caseId && c.verdicts == pinned; }));

        // Audited in the same transaction, before the decision row that names it.
        const auto rows = store->audit().entries(head + 1);
        QVERIFY(rows.size() >= 2);
        QCOMPARE(rows[rows.size() - 2].action, QStringLiteral("evaluation.stored"));
        QCOMPARE(rows.back().action, QStringLiteral("decision.opened"));
        QVERIFY2(
            rows.back().detail.endsWith(QStringLiteral("evaluation %1").arg(e.id)), qPrintable(rows.back().detail));

        // Exactly what a plain evaluation of that version stores.
        const auto plain = evaluations.evaluateVersion(d.value().caseVersionId, pack);
        QVERIFY(plain);
        QCOMPARE(plain.value().result.toJson(), e.result.toJson());

        // A decision on an older version records that version's evaluation and leaves the
        // current verdicts (the latest version's) alone.
        const QString other = QStringLiteral("V01-sle-ln-si-units");
        const qint64 v1 = store->caseSummary(other).value().latestVersionId;
        QByteArray v2 = store->latestVersion(other).value().content;
        v2.replace("\"label\":\"", "\"label\":\"edited ");
        QCOMPARE(store->saveCase(v2, pack).value().status, SaveStatus::Added);
        const auto older = decisions.open(conf, other, pack, v1);
        QVERIFY(older);
        const auto otherEvals = evaluations.evaluationsOf(other);
        QCOMPARE(otherEvals.value().size(), std::size_t(1));
        QCOMPARE(otherEvals.value().front().caseVersionId, v1);
        CaseFilter all;
        all.packSha256 = pack.sha256();
        all.limit = 1000;
        const CasePage everyCase = store->queryCases(all).value();
        for (const CaseSummary &c : everyCase.rows) {
            if (c.caseId == other)
                QVERIFY(c.verdicts.empty());
        }

        // If the decision cannot be stored, neither is its evaluation (one transaction).
        const QString third = QStringLiteral("V07-mg-access");
        const qint64 before = store->audit().head()->id;
        {
            RawConnection raw(store->path());
            QVERIFY(raw.execAll(blockingTrigger(QStringLiteral("INSERT"), QStringLiteral("decisions"))));
        }
        QVERIFY(!decisions.open(conf, third, pack));
        QVERIFY(evaluations.evaluationsOf(third).value().empty());
        QCOMPARE(store->audit().head()->id, before);
        {
            RawConnection raw(store->path());
            QVERIFY(raw.exec(dropBlockingTrigger(QStringLiteral("decisions"))));
        }
        QVERIFY(decisions.open(conf, third, pack));
        QCOMPARE(evaluations.evaluationsOf(third).value().size(), std::size_t(1));
        QVERIFY(store->audit().verify(store->dialect()).intact);

        // Through the CLI: `db decide` then `db list --verdict` and `db show`.
        const QString db = m_dir.filePath(QStringLiteral("cli-decide-eval.sqlite"));
        auto run = [&db](QStringList args) {
            args << QStringLiteral("--db") << db;
            args.prepend(QStringLiteral("db"));
            return cli(args);
        };
        QCOMPARE(run({ QStringLiteral("import"), examplesDir() }).exitCode, 0);
        QCOMPARE(run({ QStringLiteral("conference"), QStringLiteral("create"), QStringLiteral("--date"),
                         QStringLiteral("2026-12-01"), QStringLiteral("--title"), QStringLiteral("MDT") })
                     .exitCode,
            0);
        const QString verdict = QStringLiteral("autologous_car_t=") + pinned.at(QStringLiteral("autologous_car_t"));
        Run r = run({ QStringLiteral("list"), QStringLiteral("--verdict"), verdict });
        QVERIFY2(r.exitCode == 0 && r.out.contains("0 of 0 case(s)"), r.out.constData());
        QCOMPARE(run({ QStringLiteral("decide"), QStringLiteral("1"), caseId }).exitCode, 0);
        r = run({ QStringLiteral("list"), QStringLiteral("--verdict"), verdict });
        QVERIFY2(
            r.exitCode == 0 && r.out.contains(caseId.toUtf8()) && r.out.contains("1 of 1 case(s)"), r.out.constData());
        r = run({ QStringLiteral("show"), caseId });
        QVERIFY2(r.exitCode == 0 && r.out.contains("evaluations:\n  #1 v1"), r.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestStoreDecisions)
#include "tst_store_decisions.moc"
