// SPDX-License-Identifier: GPL-3.0-or-later
// Takes PNG screenshots of the main views with the demo database:
//   xvfb-run -a ui_screenshots resources/screenshots
#include "UiTestSupport.h"

#include "cases/CaseListModel.h"
#include "cases/CaseListPanel.h"
#include "compare/ComparisonView.h"
#include "compare/DrillDownDialog.h"
#include "conference/ConferenceMode.h"
#include "decision/DecisionPanel.h"
#include "engine/Engine.h"
#include "reports/PatientHandout.h"
#include "shell/CaseWorkspace.h"
#include "shell/MainWindow.h"
#include "timeline/TimelineChart.h"
#include "toxicity/ToxicityChart.h"

#include <QDir>
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
