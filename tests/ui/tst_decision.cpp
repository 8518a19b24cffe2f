// SPDX-License-Identifier: GPL-3.0-or-later
// Recording a decision through the decision panel: "Finalise" stays disabled, with the reason
// shown, until every required role has answered; dissent stays visible; the history replays
// the decision with its pinned rules. Conference mode: keys and the decision strip.
#include "UiTestSupport.h"

#include "compare/ComparisonView.h"
#include "conference/ConferenceMode.h"
#include "decision/DecisionPanel.h"
#include "decision/HistoryPanel.h"
#include "editor/CaseEditor.h"
#include "settings/AppSettings.h"
#include "settings/SettingsDialog.h"
#include "shell/CaseWorkspace.h"
#include "shell/MainWindow.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTextBrowser>
#include <QUndoStack>

using namespace consilium;
using namespace consilium::test;

class TestDecision : public QObject
{
    Q_OBJECT

private:
    static void position(
        DecisionPanel *p, const QString &who, const QString &role, const QString &stance, const QString &reason)
    {
        auto *name = find<QLineEdit>(p, QStringLiteral("participantEdit"));
        name->clear();
        QTest::keyClicks(name, who);
        QVERIFY(choose(find<QComboBox>(p, QStringLiteral("roleCombo")), role));
        QVERIFY(choose(find<QComboBox>(p, QStringLiteral("stanceCombo")), stance));
        auto *why = find<QLineEdit>(p, QStringLiteral("reasonEdit"));
        why->clear();
        QTest::keyClicks(why, reason);
        QTest::mouseClick(find<QPushButton>(p, QStringLiteral("recordPosition")), Qt::LeftButton);
    }

private Q_SLOTS:
    void recordAndFinalise()
    {
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        w.resize(1300, 900);
        w.show();
        QVERIFY(w.openCase(QStringLiteral("V01-sle-ln-si-units")));
        w.tabs()->setCurrentIndex(CaseWorkspace::DecisionTab);
        DecisionPanel *p = w.decisionPanel();
        auto *open = find<QPushButton>(p, QStringLiteral("openDecision"));
        auto *finalise = find<QPushButton>(p, QStringLiteral("finaliseButton"));
        auto *reason = find<QLabel>(p, QStringLiteral("finaliseReason"));
        QVERIFY(open->isEnabled());
        QVERIFY(!finalise->isEnabled());

        // Unsaved edits block opening a decision (it is pinned to a saved version).
        w.tabs()->setCurrentIndex(CaseWorkspace::DataTab);
        auto *weight = find<QLineEdit>(w.editor(), QStringLiteral("value_weight"));
        weight->selectAll();
        QTest::keyClicks(weight, QStringLiteral("63"));
        QVERIFY(!open->isEnabled());
        w.undoStack()->undo();
        QVERIFY(open->isEnabled());
        w.tabs()->setCurrentIndex(CaseWorkspace::DecisionTab);

        QTest::mouseClick(open, Qt::LeftButton);
        QVERIFY(p->decisionId().has_value());
        QVERIFY(find<QLabel>(p, QStringLiteral("decisionStatus"))->text().contains(QStringLiteral("Draft decision")));
        QVERIFY(!finalise->isEnabled());
        QVERIFY(reason->text().contains(QStringLiteral("Choose an option")));

        QVERIFY(choose(find<QComboBox>(p, QStringLiteral("outcomeCombo")), QStringLiteral("autologous_car_t")));
        QTest::keyClicks(
            find<QPlainTextEdit>(p, QStringLiteral("rationaleEdit")), QStringLiteral("Refractory LN after 4 lines"));
        QTest::mouseClick(find<QPushButton>(p, QStringLiteral("recordOutcome")), Qt::LeftButton);
        QVERIFY(!finalise->isEnabled());
        QVERIFY2(reason->text().contains(QStringLiteral("Waiting for a position from: Cellular therapy, Rheumatology")),
            qPrintable(reason->text()));
        auto *table = find<QTableWidget>(p, QStringLiteral("positionsTable"));
        QCOMPARE(table->rowCount(), 2); // both required roles, waiting

        position(p, QStringLiteral("Dr Rheuma"), QStringLiteral("rheumatology"), QStringLiteral("agree"), QString());
        QVERIFY(!finalise->isEnabled());
        QVERIFY(reason->text().contains(QStringLiteral("Cellular therapy")));
        QVERIFY(!reason->text().contains(QStringLiteral("Rheumatology")));

        // Disagreeing needs a reason: refused without one.
        position(
            p, QStringLiteral("Dr Cell"), QStringLiteral("cellular_therapy"), QStringLiteral("disagree"), QString());
        QVERIFY(Dialogs::lastMessage().contains(QStringLiteral("reason")));
        QVERIFY(!finalise->isEnabled());
        position(p, QStringLiteral("Dr Cell"), QStringLiteral("cellular_therapy"), QStringLiteral("disagree"),
            QStringLiteral("prefers allogeneic product in trial"));
        QVERIFY(finalise->isEnabled());
        QVERIFY(reason->text().contains(QStringLiteral("Every required role has answered")));
        auto *dissent = find<QLabel>(p, QStringLiteral("dissentLabel"));
        QVERIFY(dissent->text().contains(QStringLiteral("Dr Cell")));
        QVERIFY(dissent->text().contains(QStringLiteral("disagrees")));

        // An override with a reason code.
        QVERIFY(choose(find<QComboBox>(p, QStringLiteral("overrideReason")), QStringLiteral("clinical_judgement")));
        find<QComboBox>(p, QStringLiteral("overrideCriterion"))->setCurrentText(QStringLiteral("AUTO-WASH-01"));
        QTest::keyClicks(find<QLineEdit>(p, QStringLiteral("overrideText")), QStringLiteral("MMF stopped today"));
        QTest::mouseClick(find<QPushButton>(p, QStringLiteral("addOverride")), Qt::LeftButton);
        QCOMPARE(find<QListWidget>(p, QStringLiteral("overridesList"))->count(), 1);

        Dialogs::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(finalise, Qt::LeftButton);
        const auto d = s->decisions().decision(*p->decisionId());
        QVERIFY(d.value().finalised);
        QCOMPARE(d.value().chosenArm, QStringLiteral("autologous_car_t"));
        QVERIFY(d.value().hasDissent());
        QVERIFY(!finalise->isEnabled());
        QVERIFY(find<QLabel>(p, QStringLiteral("decisionStatus"))->text().contains(QStringLiteral("Final decision")));
        QVERIFY(!dissent->text().isEmpty()); // dissent stays on screen
        QVERIFY(!find<QComboBox>(p, QStringLiteral("outcomeCombo"))->isEnabled());

        // History: shown as made, replayed with its pinned rules, compared with today's.
        HistoryPanel *h = w.history();
        h->refresh();
        auto *decisions = find<QTableWidget>(h, QStringLiteral("decisionHistory"));
        QCOMPARE(decisions->rowCount(), 1);
        QVERIFY(h->detailText().contains(QStringLiteral("Dr Cell")));
        h->replaySelected();
        QVERIFY2(h->detailText().contains(QStringLiteral("identical")), qPrintable(h->detailText()));
        h->compareSelected();
        QVERIFY2(h->detailText().contains(QStringLiteral("nothing would change")), qPrintable(h->detailText()));

        // A correction is a new draft linked to the final decision.
        QTest::mouseClick(find<QPushButton>(p, QStringLiteral("correctDecision")), Qt::LeftButton);
        QVERIFY(find<QLabel>(p, QStringLiteral("decisionStatus"))->text().contains(QStringLiteral("corrects")));
        QVERIFY(!finalise->isEnabled()); // positions must be given again
    }

    void authorIsTheUserAtOnce()
    {
        // A first run: no name in the settings.
        Env env;
        MainWindow mw(env.session(true, kToday, QString()));
        CaseWorkspace &w = *mw.workspace();
        Session &s = mw.session();
        const QString v01 = QStringLiteral("V01-sle-ln-si-units");
        QVERIFY(w.openCase(v01));
        auto *weight = find<QLineEdit>(w.editor(), QStringLiteral("value_weight"));
        weight->selectAll();
        QTest::keyClicks(weight, QStringLiteral("63"));
        // The first save asks who is saving; declining keeps the edits and saves nothing.
        int asked = 0;
        QString answer;
        Dialogs::setExecHook([&](QDialog *d) {
            auto *who = qobject_cast<IdentityDialog *>(d);
            if (!who)
                return int(QDialog::Rejected);
            ++asked;
            if (answer.isEmpty())
                return int(QDialog::Rejected);
            find<QLineEdit>(who, QStringLiteral("identityName"))->setText(answer);
            choose(find<QComboBox>(who, QStringLiteral("identityRole")), QStringLiteral("nephrology"));
            return int(QDialog::Accepted);
        });
        QVERIFY(!w.save());
        QCOMPARE(asked, 1);
        QVERIFY(w.isModified());
        QCOMPARE(s.store().versions(v01).value().size(), std::size_t(1));
        // Answered: the version is the user's, and the name is kept for next time.
        answer = QStringLiteral("Dr Weber");
        QVERIFY(w.save());
        QCOMPARE(asked, 2);
        QVERIFY2(s.store().latestVersion(v01).value().createdBy.startsWith(QStringLiteral("Dr Weber")),
            qPrintable(s.store().latestVersion(v01).value().createdBy));
        QCOMPARE(AppSettings::displayName(), QStringLiteral("Dr Weber"));
        QCOMPARE(AppSettings::role(), QStringLiteral("nephrology"));
        weight->selectAll();
        QTest::keyClicks(weight, QStringLiteral("64"));
        QVERIFY(w.save());
        QCOMPARE(asked, 2); // asked once only

        // A new name in Settings applies to the next save, without a restart.
        Dialogs::setExecHook([](QDialog *d) {
            auto *settings = qobject_cast<SettingsDialog *>(d);
            if (!settings)
                return int(QDialog::Rejected);
            find<QLineEdit>(settings, QStringLiteral("settingsName"))->setText(QStringLiteral("Dr Sommer"));
            return int(QDialog::Accepted);
        });
        mw.showSettings();
        Dialogs::setExecHook({});
        weight->selectAll();
        QTest::keyClicks(weight, QStringLiteral("65"));
        QVERIFY(w.save());
        QVERIFY(s.store().latestVersion(v01).value().createdBy.startsWith(QStringLiteral("Dr Sommer")));
        QCOMPARE(s.store().audit().entries().back().displayName, QStringLiteral("Dr Sommer"));

        // The decision, its conference and each position say who recorded them.
        DecisionPanel *p = w.decisionPanel();
        QTest::mouseClick(find<QPushButton>(p, QStringLiteral("openDecision")), Qt::LeftButton);
        QVERIFY(p->decisionId().has_value());
        const auto created = s.decisions().decision(*p->decisionId());
        QCOMPARE(created.value().createdBy, QStringLiteral("Dr Sommer"));
        QCOMPARE(s.decisions().conference(created.value().conferenceId).value().attendees.front().name,
            QStringLiteral("Dr Sommer"));
        position(p, QStringLiteral("Dr Rheuma"), QStringLiteral("rheumatology"), QStringLiteral("agree"), QString());
        const auto d = s.decisions().decision(*p->decisionId());
        QCOMPARE(d.value().positions.size(), std::size_t(1));
        QCOMPARE(d.value().positions.front().participant, QStringLiteral("Dr Rheuma"));
        QCOMPARE(d.value().positions.front().recordedBy, QStringLiteral("Dr Sommer"));
    }

    void historyShowsVersionsAndNewDecisions()
    {
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        w.resize(1300, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QString v01 = QStringLiteral("V01-sle-ln-si-units");
        QVERIFY(w.openCase(v01));
        auto *weight = find<QLineEdit>(w.editor(), QStringLiteral("value_weight"));
        weight->selectAll();
        QTest::keyClicks(weight, QStringLiteral("63"));
        QVERIFY(w.save());
        w.tabs()->setCurrentIndex(CaseWorkspace::HistoryTab);
        HistoryPanel *h = w.history();
        auto *versions = find<QTableWidget>(h, QStringLiteral("versionHistory"));
        auto *decisions = find<QTableWidget>(h, QStringLiteral("decisionHistory"));
        QCOMPARE(versions->rowCount(), 2);
        QCOMPARE(decisions->rowCount(), 0);
        // Clicking the older version shows it: who saved it, its verdicts, its data.
        QTest::mouseClick(
            versions->viewport(), Qt::LeftButton, {}, versions->visualItemRect(versions->item(0, 1)).center());
        QVERIFY2(
            h->detailText().contains(QStringLiteral("Version 1 of V01-sle-ln-si-units")), qPrintable(h->detailText()));
        QVERIFY(h->detailText().contains(QStringLiteral("The first version.")));
        QVERIFY(h->detailText().contains(QStringLiteral("Weight: 62 kg")));
        QVERIFY(h->detailText().contains(QStringLiteral("Verdicts")));
        // The newer one says what changed.
        QTest::mouseClick(
            versions->viewport(), Qt::LeftButton, {}, versions->visualItemRect(versions->item(1, 1)).center());
        QVERIFY2(h->detailText().contains(QStringLiteral("Changes from version 1:")), qPrintable(h->detailText()));
        QVERIFY(h->detailText().contains(QStringLiteral("Weight: 62 kg → 63 kg")));
        QVERIFY(h->detailText().contains(QStringLiteral("by Dr Test")));

        // A decision opened on the Decision tab is in the history when coming back, without
        // re-selecting the case; a position recorded shows who recorded it.
        w.tabs()->setCurrentIndex(CaseWorkspace::DecisionTab);
        DecisionPanel *p = w.decisionPanel();
        QTest::mouseClick(find<QPushButton>(p, QStringLiteral("openDecision")), Qt::LeftButton);
        QVERIFY(p->decisionId().has_value());
        position(p, QStringLiteral("Dr Rheuma"), QStringLiteral("rheumatology"), QStringLiteral("agree"), QString());
        QCOMPARE(decisions->rowCount(), 1); // refreshed already, while hidden
        w.tabs()->setCurrentIndex(CaseWorkspace::HistoryTab);
        QCOMPARE(decisions->rowCount(), 1);
        QCOMPARE(decisions->item(0, 0)->text(), QString::number(*p->decisionId()));
        QVERIFY2(h->detailText().contains(QStringLiteral("Dr Rheuma")), qPrintable(h->detailText()));
        QVERIFY(h->detailText().contains(QStringLiteral("recorded by Dr Test")));
    }

    void requiredRolesFollowTheCase()
    {
        // An active infection makes infectious diseases a required role (site setting).
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        QVERIFY(w.openCase(QStringLiteral("V10-ms-cladribine-infection")));
        QTest::mouseClick(find<QPushButton>(w.decisionPanel(), QStringLiteral("openDecision")), Qt::LeftButton);
        const auto d = s->decisions().decision(*w.decisionPanel()->decisionId());
        QVERIFY2(d.value().requiredRoles.contains(QStringLiteral("infectious_disease")),
            qPrintable(d.value().requiredRoles.join(QLatin1Char(','))));
        QVERIFY(find<QLabel>(w.decisionPanel(), QStringLiteral("finaliseReason"))
                    ->text()
                    .contains(QStringLiteral("Choose an option")));
    }

    void conferenceMode()
    {
        Env env;
        auto s = env.session();
        const QStringList ids = { QStringLiteral("V01-sle-ln-si-units"), QStringLiteral("V02-spec-example"),
            QStringLiteral("V03-dcssc-all-eligible") };
        auto *c = new ConferenceMode(*s, ids, 0);
        c->resize(1400, 900);
        c->show();
        QVERIFY(QTest::qWaitForWindowExposed(c));
        auto *page = find<QLabel>(c, QStringLiteral("conferencePage"));
        QCOMPARE(page->text(), QStringLiteral("Case 1 of 3"));
        QVERIFY(c->headerText().startsWith(QStringLiteral("V01-sle-ln-si-units")));
        QTest::keyClick(c, Qt::Key_Right);
        QCOMPARE(page->text(), QStringLiteral("Case 2 of 3"));
        QTest::keyClick(c, Qt::Key_Right);
        QTest::keyClick(c, Qt::Key_Right); // stays on the last case
        QCOMPARE(c->currentCaseId(), QStringLiteral("V03-dcssc-all-eligible"));
        QTest::keyClick(c, Qt::Key_Left);
        QCOMPARE(c->currentCaseId(), QStringLiteral("V02-spec-example"));
        // Large type: the grid's font is bigger than the application's.
        QVERIFY(c->comparison()->grid()->font().pointSizeF() > QApplication::font().pointSizeF() * 1.3);
        QVERIFY(!c->decisionVisible());
        QTest::keyClick(c, Qt::Key_D);
        QVERIFY(c->decisionVisible());
        QTest::mouseClick(find<QPushButton>(c->decisionPanel(), QStringLiteral("openDecision")), Qt::LeftButton);
        QVERIFY(c->decisionPanel()->decisionId().has_value());
        QSignalSpy closed(c, &ConferenceMode::closed);
        QPointer<ConferenceMode> guard(c);
        QTest::keyClick(c, Qt::Key_Escape);
        QCOMPARE(closed.count(), 1);
        QCOMPARE(closed.first().first().toString(), QStringLiteral("V02-spec-example"));
        QTRY_VERIFY(guard.isNull()); // deleted on close
    }
};

QTEST_MAIN(TestDecision)
#include "tst_decision.moc"
