// SPDX-License-Identifier: GPL-3.0-or-later
// Follow-up of decisions in the window (issue 14, "Follow-up of each decision"): recorded through
// History → Record follow-up… and read back from the store; "unknown" stays unknown; a refused
// record names the field and keeps what was entered; Tools → Follow-up due… with an injected
// "today"; the site's counts beside the published rates in the toxicity view and the report.
#include "ReportTestSupport.h"
#include "UiTestSupport.h"

#include "compare/ResultText.h"
#include "decision/DecisionPanel.h"
#include "decision/FollowUpDialog.h"
#include "decision/FollowUpDue.h"
#include "decision/HistoryPanel.h"
#include "engine/Engine.h"
#include "shell/CaseWorkspace.h"
#include "shell/MainWindow.h"
#include "toxicity/LocalOutcomes.h"
#include "toxicity/LocalOutcomesView.h"
#include "toxicity/ToxicityChart.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>

using namespace consilium;
using namespace consilium::test;

namespace {

const QString kV01 = QStringLiteral("V01-sle-ln-si-units");
const QString kV02 = QStringLiteral("V02-spec-example");
const QString kAuto = QStringLiteral("autologous_car_t");

// A decision on `caseId` for `arm`, finalised with a position of every required role.
qint64 finalisedDecision(Session &s, const QString &caseId, const QString &arm)
{
    const auto conf = DecisionPanel::todaysConference(s);
    if (!conf)
        qFatal("cannot open today's conference");
    const auto id = s.decisions().open(conf.value(), caseId, s.pack());
    if (!id || !s.decisions().setOutcome(id.value(), arm, QStringLiteral("test")))
        qFatal("cannot open a decision on %s", qPrintable(caseId));
    for (const QString &role : s.decisions().decision(id.value()).value().missingRoles()) {
        if (!s.decisions().recordPosition(id.value(), { QStringLiteral("Dr ") + role, role, Stance::Agree, {}, {} }))
            qFatal("cannot record a position");
    }
    if (!s.decisions().finalise(id.value()))
        qFatal("cannot finalise decision %lld", id.value());
    return id.value();
}

// The day the decision was made: a treatment is not dated before it (FollowUps::validate).
QDate decidedOn(Session &s, qint64 id)
{
    return QDateTime::fromString(s.decisions().decision(id).value().createdAt, Qt::ISODateWithMs).date();
}

QString iso(const QDate &d)
{
    return d.toString(Qt::ISODate);
}

// A follow-up carried out with autologous CAR T, treated on `treated`, with day-28 CRS / ICANS
// grades ("" unknown; both unknown: no day-28 outcome at all).
void recordTreated(Session &s, qint64 id, const QDate &treated, const QString &crs, const QString &icans)
{
    FollowUp f;
    f.decisionId = id;
    f.status = FollowUpStatus::CarriedOut;
    f.treatedOn = iso(treated);
    f.arm = kAuto;
    if (!crs.isEmpty() || !icans.isEmpty()) {
        FollowUpOutcome o;
        o.day = 28;
        o.crs.grade = crs;
        o.icans.grade = icans;
        f.outcomes.push_back(o);
    }
    const auto recorded = s.followUps().record(f);
    if (!recorded)
        qFatal("cannot record the follow-up: %s", qPrintable(recorded.error().details.join(QLatin1Char(' '))));
}

QString cell(const QTableWidget *t, int row, int column)
{
    const QTableWidgetItem *item = t->item(row, column);
    return item ? item->text() : QString();
}

int rowOf(const QTableWidget *t, const QString &first)
{
    for (int r = 0; r < t->rowCount(); ++r) {
        if (cell(t, r, 0) == first)
            return r;
    }
    return -1;
}

// Opens the history of `caseId` at decision `id` and runs "Record follow-up…" with `script`
// driving the dialog (which returns its result).
void recordThroughHistory(CaseWorkspace &w, qint64 id, const std::function<void(FollowUpDialog *)> &script)
{
    w.tabs()->setCurrentIndex(CaseWorkspace::HistoryTab);
    HistoryPanel *h = w.history();
    h->refresh();
    h->selectDecision(id);
    auto *button = find<QPushButton>(h, QStringLiteral("recordFollowUp"));
    QVERIFY(button->isEnabled());
    Dialogs::setExecHook([&script](QDialog *dialog) {
        auto *f = qobject_cast<FollowUpDialog *>(dialog);
        if (!f)
            return int(QDialog::Rejected);
        script(f);
        return f->result();
    });
    QTest::mouseClick(button, Qt::LeftButton);
    Dialogs::setExecHook({});
}

} // namespace

class TestFollowUp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void recordedThroughTheDialogAndReadBack()
    {
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        w.resize(1300, 900);
        w.show();
        QVERIFY(w.openCase(kV01));
        const qint64 id = finalisedDecision(*s, kV01, kAuto);
        const QDate treated = decidedOn(*s, id).addDays(3);
        bool scripted = false;
        recordThroughHistory(w, id, [&](FollowUpDialog *d) {
            // Nothing chosen for the user: neither status, the decision's arm as the default arm.
            QVERIFY(!find<QRadioButton>(d, QStringLiteral("carriedOut"))->isChecked());
            QVERIFY(!find<QRadioButton>(d, QStringLiteral("notCarriedOut"))->isChecked());
            QCOMPARE(find<QComboBox>(d, QStringLiteral("armOption"))->currentData().toStringList(),
                QStringList({ kAuto, QString() }));
            // Every outcome choice starts at "unknown", never at 0 or "no".
            for (const char *name : { "crsGrade28", "icansGrade28", "icahtGrade28", "infection28", "response28",
                     "died28", "crsGrade100", "died100" }) {
                auto *box = find<QComboBox>(d, QLatin1String(name));
                QCOMPARE(box->currentData().toString(), QString());
                QCOMPARE(box->currentText(), QStringLiteral("unknown"));
            }
            find<QRadioButton>(d, QStringLiteral("carriedOut"))->click();
            QTest::keyClicks(find<QLineEdit>(d, QStringLiteral("treatedOn")), iso(treated));
            QTest::keyClicks(find<QLineEdit>(d, QStringLiteral("lotOrTrialId")), QStringLiteral("LOT-4711"));
            find<QComboBox>(d, QStringLiteral("lymphodepletion"))->setCurrentText(QStringLiteral("Flu/Cy"));
            QVERIFY(choose(find<QComboBox>(d, QStringLiteral("crsGrade28")), QStringLiteral("2")));
            QTest::keyClicks(find<QLineEdit>(d, QStringLiteral("crsOnset28")), iso(treated.addDays(2)));
            QTest::keyClicks(find<QLineEdit>(d, QStringLiteral("crsResolved28")), iso(treated.addDays(5)));
            QVERIFY(choose(find<QComboBox>(d, QStringLiteral("infection28")), QStringLiteral("no")));
            QVERIFY(choose(find<QComboBox>(d, QStringLiteral("response28")), QStringLiteral("partial_response")));
            QVERIFY(d->save());
            scripted = true;
        });
        QVERIFY(scripted);

        const auto latest = s->followUps().latest(id);
        QVERIFY(latest && latest.value());
        const FollowUp &f = *latest.value();
        QCOMPARE(f.status, FollowUpStatus::CarriedOut);
        QCOMPARE(f.treatedOn, iso(treated));
        QCOMPARE(f.arm, kAuto);
        QCOMPARE(f.option, QString());
        QCOMPARE(f.lotOrTrialId, QStringLiteral("LOT-4711"));
        QCOMPARE(f.lymphodepletion, QStringLiteral("Flu/Cy"));
        QCOMPARE(f.recordedBy.contains(QStringLiteral("Dr Test")), true);
        const FollowUpOutcome *day28 = f.outcome(28);
        QVERIFY(day28);
        QCOMPARE(day28->crs.grade, QStringLiteral("2"));
        QCOMPARE(day28->crs.onset, iso(treated.addDays(2)));
        QCOMPARE(day28->crs.resolved, iso(treated.addDays(5)));
        QCOMPARE(day28->infectionGrade3plus, std::optional<bool>(false));
        QCOMPARE(day28->response, QStringLiteral("partial_response"));
        // Left unknown: unknown in the store, not 0 or "no".
        QCOMPARE(day28->icans.grade, QString());
        QCOMPARE(day28->icahtGrade, QString());
        QCOMPARE(day28->died, std::optional<bool>());
        QCOMPARE(day28->assessedOn, QString());
        QVERIFY(!f.outcome(100)); // nothing entered for day 100: no outcome recorded for it

        // The history shows the latest follow-up, in the list and in the detail.
        auto *decisions = find<QTableWidget>(w.history(), QStringLiteral("decisionHistory"));
        QCOMPARE(cell(decisions, decisions->rowCount() - 1, 5), QStringLiteral("treated %1").arg(iso(treated)));
        const QString detail = w.history()->detailText();
        QVERIFY2(detail.contains(QStringLiteral("Carried out %1").arg(iso(treated))), qPrintable(detail));
        QVERIFY(detail.contains(QStringLiteral("CRS: grade 2, onset %1").arg(iso(treated.addDays(2)))));
        QVERIFY(detail.contains(QStringLiteral("ICANS: unknown")));
    }

    void unknownStaysUnknownWhenReopened()
    {
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        w.show();
        QVERIFY(w.openCase(kV01));
        const qint64 id = finalisedDecision(*s, kV01, kAuto);
        const QDate treated = decidedOn(*s, id);
        recordTreated(*s, id, treated, QString(), QStringLiteral("1")); // CRS unknown, ICANS grade 1
        bool scripted = false;
        // Reopened for day 100: the earlier entries are there as recorded, unknown still unknown.
        recordThroughHistory(w, id, [&](FollowUpDialog *d) {
            QVERIFY(find<QRadioButton>(d, QStringLiteral("carriedOut"))->isChecked());
            QCOMPARE(find<QLineEdit>(d, QStringLiteral("treatedOn"))->text(), iso(treated));
            QCOMPARE(find<QComboBox>(d, QStringLiteral("crsGrade28"))->currentText(), QStringLiteral("unknown"));
            QCOMPARE(find<QComboBox>(d, QStringLiteral("icansGrade28"))->currentData().toString(), QStringLiteral("1"));
            QCOMPARE(find<QComboBox>(d, QStringLiteral("infection28"))->currentText(), QStringLiteral("unknown"));
            QTest::keyClicks(find<QLineEdit>(d, QStringLiteral("assessedOn100")), iso(treated.addDays(100)));
            QVERIFY(d->save());
            scripted = true;
        });
        QVERIFY(scripted);
        const auto history = s->followUps().history(id);
        QCOMPARE(int(history.value().size()), 2); // the earlier record stays as history
        const FollowUp &f = history.value().back();
        QCOMPARE(f.outcome(28)->crs.grade, QString());
        QCOMPARE(f.outcome(28)->icans.grade, QStringLiteral("1"));
        QCOMPARE(f.outcome(28)->infectionGrade3plus, std::optional<bool>());
        const FollowUpOutcome *day100 = f.outcome(100);
        QVERIFY(day100);
        QCOMPARE(day100->assessedOn, iso(treated.addDays(100)));
        QCOMPARE(day100->crs.grade, QString());
        QCOMPARE(day100->died, std::optional<bool>());
    }

    void aRefusedRecordNamesTheFieldAndKeepsTheEntries()
    {
        Env env;
        auto s = env.session();
        const qint64 id = finalisedDecision(*s, kV01, kAuto);
        const QDate decided = decidedOn(*s, id);
        FollowUpDialog d(*s, s->decisions().decision(id).value());
        // No status chosen: said, nothing written.
        QVERIFY(!d.save());
        QVERIFY2(d.errorText().contains(QStringLiteral("Status")), qPrintable(d.errorText()));
        find<QRadioButton>(&d, QStringLiteral("carriedOut"))->click();
        auto *treatedOn = find<QLineEdit>(&d, QStringLiteral("treatedOn"));
        QTest::keyClicks(treatedOn, QStringLiteral("2026-13-40"));
        QVERIFY(!d.save());
        QVERIFY2(d.errorText().contains(QStringLiteral("Treatment date: \"2026-13-40\" is not a date")),
            qPrintable(d.errorText()));
        // Refused by the store (FollowUps::validate): treated before the decision, and a date of
        // death without "died". Each named by its field, in the dialog's words.
        treatedOn->clear();
        QTest::keyClicks(treatedOn, iso(decided.addDays(-1)));
        QTest::keyClicks(find<QLineEdit>(&d, QStringLiteral("deathDate28")), iso(decided.addDays(20)));
        QVERIFY(!d.save());
        QVERIFY2(d.errorText().contains(QStringLiteral("Treatment date: ")), qPrintable(d.errorText()));
        QVERIFY2(d.errorText().contains(QStringLiteral("Day 28 · Date of death: ")), qPrintable(d.errorText()));
        QVERIFY(!d.recordedId());
        QVERIFY(!s->followUps().latest(id).value()); // nothing written
        QCOMPARE(treatedOn->text(), iso(decided.addDays(-1))); // nothing lost
        QCOMPARE(find<QLineEdit>(&d, QStringLiteral("deathDate28"))->text(), iso(decided.addDays(20)));
    }

    void notCarriedOutWithAReason()
    {
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        w.show();
        QVERIFY(w.openCase(kV01));
        const qint64 id = finalisedDecision(*s, kV01, kAuto);
        recordThroughHistory(w, id, [&](FollowUpDialog *d) {
            find<QRadioButton>(d, QStringLiteral("notCarriedOut"))->click();
            QVERIFY(!find<QWidget>(d, QStringLiteral("outcomeTabs"))->isEnabled());
            auto *reason = find<QComboBox>(d, QStringLiteral("notCarriedReason"));
            QCOMPARE(reason->currentData().toString(), QString()); // a reason is chosen, not defaulted
            QVERIFY(choose(reason, QStringLiteral("patient_declined")));
            QCOMPARE(reason->currentText(), QStringLiteral("patient declined"));
            QTest::keyClicks(find<QLineEdit>(d, QStringLiteral("notCarriedText")), QStringLiteral("prefers MMF"));
            QVERIFY(d->save());
        });
        const FollowUp f = *s->followUps().latest(id).value();
        QCOMPARE(f.status, FollowUpStatus::NotCarriedOut);
        QCOMPARE(f.notCarriedReason, QStringLiteral("patient_declined"));
        QCOMPARE(f.notCarriedText, QStringLiteral("prefers MMF"));
        auto *decisions = find<QTableWidget>(w.history(), QStringLiteral("decisionHistory"));
        QCOMPARE(cell(decisions, decisions->rowCount() - 1, 5), QStringLiteral("not carried out"));
    }

    void theDueListShowsWhatIsOverdue()
    {
        Env env;
        MainWindow w(env.session());
        w.show();
        Session &s = w.session();
        const qint64 id = finalisedDecision(s, kV01, kAuto);
        const QDate decided = decidedOn(s, id);
        // Finalised, no follow-up yet: the record is due from the finalisation on.
        s.setToday([decided] { return decided.addDays(3); });
        FollowUpDueDialog *due = w.showFollowUpDue();
        QTableWidget *t = due->table();
        QCOMPARE(t->rowCount(), 1);
        QCOMPARE(cell(t, 0, FollowUpDueDialog::CaseColumn), kV01);
        QCOMPARE(cell(t, 0, FollowUpDueDialog::WhatColumn), QStringLiteral("follow-up record"));
        QCOMPARE(cell(t, 0, FollowUpDueDialog::DueColumn), iso(decided));
        QCOMPARE(cell(t, 0, FollowUpDueDialog::StatusColumn), QStringLiteral("⚠ overdue by 3 days"));

        // Treated on the day of the decision: day 28 falls due at +28; 40 days later it is 12
        // days overdue (day 100 is not due yet).
        recordTreated(s, id, decided, QString(), QString());
        s.setToday([decided] { return decided.addDays(10); });
        due->refresh();
        QCOMPARE(t->rowCount(), 0);
        QVERIFY2(due->statusText().startsWith(QStringLiteral("Nothing is due as of")), qPrintable(due->statusText()));
        s.setToday([decided] { return decided.addDays(40); });
        due->refresh();
        QCOMPARE(t->rowCount(), 1);
        QCOMPARE(cell(t, 0, FollowUpDueDialog::WhatColumn), QStringLiteral("day 28 outcomes"));
        QCOMPARE(cell(t, 0, FollowUpDueDialog::DueColumn), iso(decided.addDays(28)));
        // Overdue in words and in bold, not by colour alone.
        QCOMPARE(cell(t, 0, FollowUpDueDialog::StatusColumn), QStringLiteral("⚠ overdue by 12 days"));
        QVERIFY(t->item(0, FollowUpDueDialog::StatusColumn)->font().bold());
        QVERIFY2(
            due->statusText().contains(QStringLiteral("1 item due, 1 of them overdue")), qPrintable(due->statusText()));

        // Double-click opens the case at the decision in its history.
        QVERIFY(w.workspace()->storedCaseId() != kV01);
        QVERIFY(QTest::qWaitForWindowExposed(due));
        const QRect r = t->visualItemRect(t->item(0, FollowUpDueDialog::WhatColumn));
        QVERIFY2(t->viewport()->rect().contains(r.center()), qPrintable(QStringLiteral("%1,%2").arg(r.x()).arg(r.y())));
        QTest::mouseClick(t->viewport(), Qt::LeftButton, {}, r.center());
        QTest::mouseDClick(t->viewport(), Qt::LeftButton, {}, r.center());
        QCOMPARE(w.workspace()->storedCaseId(), kV01);
        QCOMPARE(w.workspace()->tabs()->currentIndex(), int(CaseWorkspace::HistoryTab));
        QVERIFY(w.workspace()->history()->detailText().contains(QStringLiteral("Decision #%1").arg(id)));
        due->close();
    }

    void countsFollowTheRuleForSmallNumbers()
    {
        // LocalOutcomes::countText: the count with n always, a percentage only from n = 20 on.
        QCOMPARE(LocalOutcomes::countText({ 2, 5 }), QStringLiteral("2/5"));
        QCOMPARE(LocalOutcomes::countText({ 19, 19 }), QStringLiteral("19/19"));
        QCOMPARE(LocalOutcomes::countText({ 6, 20 }), QStringLiteral("6/20 (30%)"));
        QCOMPARE(LocalOutcomes::countText({ 1, 40 }), QStringLiteral("1/40 (2.5%)"));
        QCOMPARE(LocalOutcomes::countText({ 0, 0 }), QStringLiteral("no data"));
    }

    void theToxicityViewShowsTheSiteBesideTheLiterature()
    {
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        w.resize(1400, 1000);
        w.show();
        QVERIFY(w.openCase(kV01));
        w.tabs()->setCurrentIndex(CaseWorkspace::ToxicityTab);
        ToxicityChart *tox = w.toxicity();
        tox->setArm(0);
        LocalOutcomesView *local = tox->localOutcomes();
        QCOMPARE(local->statusText(), QStringLiteral("No follow-up recorded at this site yet for a treated patient."));
        QVERIFY(!local->table()->isVisible());

        // Two patients treated with autologous CAR T: A with CRS grade 2 and ICANS grade 0 at day 28,
        // B with CRS grade 0 and ICANS unknown. By hand: CRS any grade 1 of 2, CRS ≥ 3 0 of 2,
        // ICANS any grade 0 of 1 (known for A only), ICAHT and infection known for nobody.
        const qint64 a = finalisedDecision(*s, kV01, kAuto);
        const qint64 b = finalisedDecision(*s, kV02, kAuto);
        recordTreated(*s, a, decidedOn(*s, a), QStringLiteral("2"), QStringLiteral("0"));
        recordTreated(*s, b, decidedOn(*s, b), QStringLiteral("0"), QString());
        s->notifyCasesChanged();
        QVERIFY(local->table()->isVisible());
        QVERIFY2(local->statusText().contains(QStringLiteral("2 patients")), qPrintable(local->statusText()));
        QTableWidget *t = local->table();
        const auto site = [t](const QString &measure) { return cell(t, rowOf(t, measure), 1); };
        QCOMPARE(site(QStringLiteral("CRS, any grade")), QStringLiteral("1/2"));
        QCOMPARE(site(QStringLiteral("CRS, grade ≥ 3")), QStringLiteral("0/2"));
        QCOMPARE(site(QStringLiteral("ICANS, any grade")), QStringLiteral("0/1"));
        QCOMPARE(site(QStringLiteral("ICAHT, grade ≥ 3")), QStringLiteral("no data"));
        QCOMPARE(site(QStringLiteral("Infection, grade ≥ 3")), QStringLiteral("no data"));
        // Beside it the pack's figure, the one the toxicity chart and the grid show.
        const ToxicityFigure published = ResultText::toxicityFigure(
            *w.evaluation(), 0, QStringLiteral("CRS"), QStringLiteral("aid_cohort"), ToxicityMetric::AnyGrade);
        QVERIFY(published.found);
        QCOMPARE(cell(t, rowOf(t, QStringLiteral("CRS, any grade")), 2), ResultText::figureText(published));
        // The chart: the site's bars labelled with the count, never a bare percentage.
        bool crs = false;
        for (const LocalOutcomes::Bar &bar : local->bars()) {
            if (bar.set != 0)
                continue;
            QVERIFY2(!bar.label.contains(QLatin1Char('%')), qPrintable(bar.label));
            if (bar.measure == QLatin1String("crs_any")) {
                QCOMPARE(bar.label, QStringLiteral("1/2"));
                QCOMPARE(bar.percent, 50.0);
                crs = true;
            }
        }
        QVERIFY(crs);
        // Another arm: none treated with it here, and the sentence says exactly that.
        tox->setArm(2);
        QVERIFY2(local->statusText().startsWith(QStringLiteral("No follow-up recorded at this site yet for a patient "
                                                               "treated with")),
            qPrintable(local->statusText()));
        QVERIFY(!local->table()->isVisible());
    }

    void theReportHasTheTable()
    {
        Env env;
        MainWindow w(env.session());
        w.show();
        Session &s = w.session();
        QVERIFY(w.workspace()->openCase(kV01));
        const QString empty = env.path(QStringLiteral("empty.pdf"));
        QVERIFY(w.exportReport(empty));
        QVERIFY(flat(pdfText(empty)).contains(QStringLiteral("No follow-up recorded at this site yet")));

        const qint64 a = finalisedDecision(s, kV01, kAuto);
        const qint64 b = finalisedDecision(s, kV02, kAuto);
        recordTreated(s, a, decidedOn(s, a), QStringLiteral("2"), QStringLiteral("0"));
        recordTreated(s, b, decidedOn(s, b), QStringLiteral("0"), QString());
        const QString pdf = env.path(QStringLiteral("report.pdf"));
        QVERIFY(w.exportReport(pdf));
        keep(pdf);
        const QString text = flat(pdfText(pdf));
        QVERIFY(text.contains(QStringLiteral("Outcomes at this site beside the literature")));
        QVERIFY2(text.contains(QStringLiteral("CRS, any grade 1/2")), qPrintable(text.right(3000)));
        QVERIFY(text.contains(QStringLiteral("CRS, grade ≥ 3 0/2")));
        QVERIFY(text.contains(QStringLiteral("ICANS, any grade 0/1")));
        QVERIFY(text.contains(QStringLiteral("ICAHT, grade ≥ 3 no data")));
        QVERIFY(text.contains(QStringLiteral("2 patients with a follow-up")));
    }
};

QTEST_MAIN(TestFollowUp)
#include "tst_follow_up.moc"
