// SPDX-License-Identifier: GPL-3.0-or-later
// Takes PNG screenshots of the main views with the demo database:
//   xvfb-run -a ui_screenshots resources/screenshots
#include "../core/PackMutation.h"
#include "../store/E01Cases.h"
#include "UiTestSupport.h"

#include "cases/CaseListModel.h"
#include "cases/CaseListPanel.h"
#include "compare/ComparisonView.h"
#include "compare/DrillDownDialog.h"
#include "conference/ConferenceMode.h"
#include "decision/DecisionPanel.h"
#include "decision/FollowUpDialog.h"
#include "decision/FollowUpDue.h"
#include "decision/HistoryPanel.h"
#include "engine/Engine.h"
#include "packs/ImpactDialog.h"
#include "packs/SignatureOverrideDialog.h"
#include "reports/PatientHandout.h"
#include "shell/CaseWorkspace.h"
#include "shell/MainWindow.h"
#include "timeline/TimelineChart.h"
#include "toxicity/ToxicityChart.h"

#include <QDir>
#include <QFile>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>

using namespace consilium;

namespace {

void save(QWidget *w, const QString &dir, const char *name)
{
    QTest::qWait(150);
    const QString path = dir + QLatin1Char('/') + QLatin1String(name);
    if (!w->grab().save(path))
        qWarning("cannot write %s", qPrintable(path));
    else
        qInfo("wrote %s", qPrintable(path));
}

// Tools → Impact of a rule pack… after a run (issue 15): a candidate with two thresholds moved
// (ALLO-HEM-02 platelets ≥ 50 instead of ≥ 30; glucocorticoid washout 14 days instead of 7, with
// its vignette's expectation), loaded unsigned through the import's consent. Transitions, chart and changed cases.
void impactShots(MainWindow &w, const test::Env &env, const QString &out)
{
    using namespace pack_mutation;
    const QByteArray bytes = mutated([](Doc &d) {
        setString(d, elementById(d, "criteria", "ALLO-HEM-02"), "condition", "platelets >= 50");
        JValue &params = elementById(d, "derived", "earliest_leukapheresis")["params"];
        params["gc_days"]["value"].SetInt(14);
        // Its vignette V02 (last glucocorticoid dose 2026-11-24) now expects 2026-12-08, not -04.
        setString(d, elementById(d, "vignettes", "V02-spec-example")["expected"]["derived"], "earliest_leukapheresis",
            "2026-12-08");
        setString(d, d, "id", "site-candidate");
        setString(d, d, "version", "2026.3");
    });
    const QString pack = env.path(QStringLiteral("candidate.json"));
    QFile f(pack);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write the candidate pack");
    f.close();
    Dialogs::setExecHook([](QDialog *dialog) {
        auto *o = qobject_cast<SignatureOverrideDialog *>(dialog);
        if (!o)
            return int(QDialog::Rejected);
        test::find<QPlainTextEdit>(o, QStringLiteral("overrideReason"))->setPlainText(QStringLiteral("screenshot"));
        test::find<QPushButton>(o, QStringLiteral("loadAnyway"))->click();
        return o->result();
    });
    // Vignette E01 of options-2026.2.md §E at platelets 40 and 60 beside the demo cases: the first
    // lies between the two thresholds.
    for (const auto &[id, platelets] :
        { std::pair { QStringLiteral("E01-plt40"), 40 }, std::pair { QStringLiteral("E01-plt60"), 60 } }) {
        QStringList problems;
        if (w.session().saveCase(e01With(id, platelets), problems).status != SaveStatus::Added)
            qFatal("cannot save %s: %s", qPrintable(id), qPrintable(problems.join(QLatin1Char(' '))));
    }
    ImpactDialog *d = w.showImpact();
    d->resize(1250, 720);
    QSignalSpy finished(d, &ImpactDialog::impactFinished);
    if (!d->runCandidate(pack) || !finished.wait(60000))
        qFatal("the impact did not run: %s", qPrintable(d->statusText()));
    Dialogs::setExecHook({});
    auto *tabs = d->findChild<QTabWidget *>();
    save(d, out, "impact-transitions.png");
    tabs->setCurrentIndex(1);
    save(d, out, "impact-chart.png");
    tabs->setCurrentIndex(2);
    save(d, out, "impact-start.png");
    tabs->setCurrentIndex(3);
    save(d, out, "impact-cases.png");
    d->close();
}

// A decision on `caseId` for `arm`, finalised with a position of every required role; 0 on failure.
qint64 finalisedDecision(Session &s, const QString &caseId, const QString &arm)
{
    const auto conf = DecisionPanel::todaysConference(s);
    const auto id = conf ? s.decisions().open(conf.value(), caseId, s.pack()) : StoreResult<qint64>(conf.error());
    if (!id || !s.decisions().setOutcome(id.value(), arm, QStringLiteral("screenshot")))
        return 0;
    for (const QString &role : s.decisions().decision(id.value()).value().missingRoles()) {
        if (!s.decisions().recordPosition(id.value(), { QStringLiteral("Dr Weber"), role, Stance::Agree, {}, {} }))
            return 0;
    }
    return s.decisions().finalise(id.value()) ? id.value() : 0;
}

// Follow-up (issue 14): four patients treated with autologous CAR T (CRS grade 2 / 0 / 3 at day
// 28, ICANS 0 / unknown / 1, the fourth without day-28 outcomes), one decision not yet followed
// up; the dialog, the history, the due list 40 days after the treatment and the toxicity view
// with the site's counts.
void followUpShots(MainWindow &w, const QString &out)
{
    Session &s = w.session();
    const QString cases[] = { QStringLiteral("V01-sle-ln-si-units"), QStringLiteral("V03-dcssc-all-eligible"),
        QStringLiteral("V04-sle-renal-cardiac"), QStringLiteral("V05-iim-pregnant"),
        QStringLiteral("V06-aav-hiv-hbv") };
    const std::pair<const char *, const char *> grades[] = { { "2", "0" }, { "0", "" }, { "3", "1" } };
    QDate treated;
    qint64 first = 0;
    for (int i = 0; i < 5; ++i) {
        const qint64 id = finalisedDecision(s, cases[i], QStringLiteral("autologous_car_t"));
        if (!id)
            qFatal("screenshot decision on %s", qPrintable(cases[i]));
        first = first ? first : id;
        treated = QDateTime::fromString(s.decisions().decision(id).value().createdAt, Qt::ISODateWithMs).date();
        if (i == 4)
            break; // no follow-up yet: due
        FollowUp f;
        f.decisionId = id;
        f.treatedOn = treated.toString(Qt::ISODate);
        f.arm = QStringLiteral("autologous_car_t");
        f.lymphodepletion = QStringLiteral("flu_cy");
        if (i < 3) { // the fourth: its day-28 outcomes are due
            FollowUpOutcome o;
            o.day = 28;
            o.crs.grade = QLatin1String(grades[i].first);
            o.icans.grade = QLatin1String(grades[i].second);
            o.infectionGrade3plus = i == 2;
            f.outcomes.push_back(o);
        }
        if (const auto r = s.followUps().record(f); !r)
            qFatal("screenshot follow-up: %s", qPrintable(r.error().details.join(QLatin1Char(' '))));
    }
    w.workspace()->openCase(cases[0]);
    w.caseList()->selectCase(cases[0]);
    w.workspace()->tabs()->setCurrentIndex(CaseWorkspace::HistoryTab);
    w.workspace()->history()->selectDecision(first);
    save(w.workspace()->history(), out, "history-follow-up.png");
    FollowUpDialog dialog(s, s.decisions().decision(first).value(), &w);
    dialog.show();
    save(&dialog, out, "follow-up-dialog.png");
    dialog.close();
    w.workspace()->tabs()->setCurrentIndex(CaseWorkspace::ToxicityTab);
    w.workspace()->toxicity()->setArm(0);
    save(w.workspace()->toxicity(), out, "toxicity-local-outcomes.png");
    const QDate now = s.today();
    s.setToday([treated] { return treated.addDays(40); });
    FollowUpDueDialog *due = w.showFollowUpDue();
    save(due, out, "follow-up-due.png");
    due->close();
    s.setToday([now] { return now; });
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    const QString out = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(".");
    QDir().mkpath(out);
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPointSize(9);
    QApplication::setFont(f);
    test::Env env;
    MainWindow w(env.session());
    w.resize(1600, 980);
    w.show();
    // The case list's rows are read on a worker thread: the pictures show them once they are in.
    while (w.caseList()->model()->isFetching())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    w.caseList()->selectCase(QStringLiteral("V02-spec-example"));
    w.workspace()->openCase(QStringLiteral("V02-spec-example"));
    w.workspace()->tabs()->setCurrentIndex(CaseWorkspace::CompareTab);
    save(&w, out, "main-window.png");
    save(w.workspace()->comparison(), out, "comparison-grid.png");

    w.workspace()->openCase(QStringLiteral("V01-sle-ln-si-units"));
    w.caseList()->selectCase(QStringLiteral("V01-sle-ln-si-units"));
    w.workspace()->tabs()->setCurrentIndex(CaseWorkspace::TimelineTab);
    save(w.workspace()->timeline(), out, "timeline.png");
    w.workspace()->tabs()->setCurrentIndex(CaseWorkspace::ToxicityTab);
    save(w.workspace()->toxicity(), out, "toxicity.png");
    w.workspace()->tabs()->setCurrentIndex(CaseWorkspace::DataTab);
    save(&w, out, "case-editor.png");
    w.workspace()->tabs()->setCurrentIndex(CaseWorkspace::CompareTab);
    w.workspace()->openDrillDown(0, 0);
    save(w.workspace()->drillDown(), out, "drill-down.png");
    w.workspace()->drillDown()->close();

    // A decision in progress on the presented case: one role answered, one still missing.
    if (const auto conf = DecisionPanel::todaysConference(w.session())) {
        if (const auto id
            = w.session().decisions().open(conf.value(), QStringLiteral("V02-spec-example"), w.session().pack())) {
            const auto set = w.session().decisions().setOutcome(
                id.value(), QStringLiteral("standard_care"), QStringLiteral("Complete the work-up first"));
            const auto recorded = set
                ? w.session().decisions().recordPosition(
                    id.value(), { QStringLiteral("Dr Weber"), QStringLiteral("rheumatology"), Stance::Agree, {}, {} })
                : set;
            if (!recorded)
                qWarning("screenshot decision: %s", qPrintable(recorded.error().message));
        }
    }
    auto *conference = new ConferenceMode(w.session(), w.caseList()->visibleCaseIds(50), 1); // deletes itself on close
    conference->resize(1600, 1000);
    conference->show();
    save(conference, out, "conference-mode.png");
    conference->toggleDecision();
    save(conference, out, "conference-decision.png");
    conference->close();

    // The same window in German.
    Startup::setLanguage(QStringLiteral("de"));
    w.workspace()->openCase(QStringLiteral("V02-spec-example"));
    w.caseList()->selectCase(QStringLiteral("V02-spec-example"));
    save(&w, out, "main-window-de.png");
    Startup::setLanguage(QStringLiteral("en"));

    impactShots(w, env, out);
    followUpShots(w, out);

    // Optionally the PDFs too (to look at them with pdftoppm): ui_screenshots OUT PDFDIR
    if (argc > 2) {
        const QString pdfDir = QString::fromLocal8Bit(argv[2]);
        QDir().mkpath(pdfDir);
        w.exportReport(pdfDir + QStringLiteral("/report.pdf"));
        QString error;
        for (const char *lang : { "en", "de" }) {
            PatientHandout::Options options;
            options.language = QLatin1String(lang);
            options.printedOn = w.session().today();
            options.provenance = w.session().packProvenance();
            PatientHandout::writePdf(w.session().engine(), *w.workspace()->evaluation(), options,
                pdfDir + QStringLiteral("/handout-%1.pdf").arg(QLatin1String(lang)), error);
        }
    }
    return 0;
}
