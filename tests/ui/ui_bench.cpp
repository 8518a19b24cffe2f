// SPDX-License-Identifier: GPL-3.0-or-later
// Performance figures of the GUI with a large database (issue 5):
//   ui_bench create DB [N]   fills DB with N synthetic cases (default 100000), evaluated
//   ui_bench measure DB [--benchmark_…]
//                            Google Benchmark figures: cold start to first painted main window,
//                            case-list search/filter/sort/scroll, grid refresh after one edit, PDF
//                            report. Run under xvfb-run (or any display); see the README.
#include "cases/CaseListModel.h"
#include "cases/CaseListPanel.h"
#include "cases/DemoData.h"
#include "common/Session.h"
#include "shell/CaseWorkspace.h"
#include "shell/MainWindow.h"
#include "shell/Startup.h"

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <benchmark/benchmark.h>

#include <functional>
#include <string>
#include <vector>

using namespace consilium;

namespace {

QElapsedTimer g_clock;

double ms(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

int create(const QString &db, int n)
{
    Session::Options o;
    o.databasePath = db;
    StoreError e;
    auto s = Session::open(o, e);
    if (!s) {
        qCritical("%s", qPrintable(e.message));
        return 1;
    }
    QList<QByteArray> templates;
    for (const QString &f : DemoData::exampleFiles()) {
        QFile file(f);
        if (file.open(QIODevice::ReadOnly))
            templates << file.readAll();
    }
    const QRegularExpression id(QStringLiteral("\"id\": \"[^\"]+\""));
    const QRegularExpression age(QStringLiteral("\"age_years\": \\d+"));
    QRandomGenerator rng(42);
    QElapsedTimer t;
    t.start();
    int have = int(s->store().allCaseIds().value().size());
    while (have < n) {
        WriteTransaction tx(s->store());
        for (int i = 0; i < 5000 && have < n; ++i, ++have) {
            QString json = QString::fromUtf8(templates[have % templates.size()]);
            json.replace(id, QStringLiteral("\"id\": \"B%1\"").arg(have, 6, 10, QLatin1Char('0')));
            json.replace(age, QStringLiteral("\"age_years\": %1").arg(18 + rng.bounded(60)));
            if (const auto saved = s->store().saveCase(json.toUtf8(), s->pack()); !saved)
                qWarning("rejected: %s", qPrintable(saved.error().details.join(QLatin1Char(' '))));
        }
        if (!tx.commit())
            qFatal("the generated cases could not be committed");
        qInfo("%d cases (%.1f s)", have, ms(t) / 1000);
    }
    const ReevaluationSummary r = s->evaluations().reevaluateAll(s->pack());
    qInfo("evaluated %lld cases in %.1f s (engine %.1f s)", r.evaluated, r.totalSeconds, r.engineSeconds);
    return 0;
}

class FirstPaint : public QObject
{
public:
    double at = -1;
    bool eventFilter(QObject *o, QEvent *e) override
    {
        if (e->type() == QEvent::Paint && at < 0) {
            at = ms(g_clock);
            QMetaObject::invokeMethod(qApp, &QCoreApplication::quit, Qt::QueuedConnection);
        }
        return QObject::eventFilter(o, e);
    }
};

// One GUI operation, timed by Google Benchmark: each iteration makes the change and lets the
// event loop paint it. Operations alternate between two states so every iteration is a change.
void registerGuiBenchmarks(MainWindow &w)
{
    using benchmark::State;
    CaseListPanel *panel = w.caseList();
    auto *search = panel->findChild<QLineEdit *>(QStringLiteral("caseSearch"));
    auto combo = [panel](const char *name, const QVariant &v) {
        auto *c = panel->findChild<QComboBox *>(QLatin1String(name));
        const int i = c->findData(v);
        c->setCurrentIndex(i);
        Q_EMIT c->activated(i);
    };
    auto reg = [](const char *name, std::function<void(State &)> f) {
        benchmark::RegisterBenchmark(name, std::move(f))->Unit(benchmark::kMillisecond)->UseRealTime();
    };
    // Until the page asked for has arrived from its worker thread and is in the view.
    auto settle = [panel] {
        while (panel->model()->isFetching())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents); // the page's arrival wakes it
        QCoreApplication::processEvents();
    };
    auto alternate = [settle](State &st, const std::function<void(bool)> &change) {
        bool flip = false;
        for (auto _ : st) {
            change(flip);
            settle();
            flip = !flip;
        }
    };
    // The matching rows of the last state (counted on a worker thread; waited for outside the timing).
    auto rows = [panel](State &st) {
        QElapsedTimer wait;
        wait.start();
        while (panel->model()->totalCount() < 0 && wait.elapsed() < 10000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        st.counters["rows"] = double(panel->model()->totalCount());
    };

    reg("case_list/search_id", [=](State &st) {
        alternate(st, [&](bool f) {
            search->setText(f ? QStringLiteral("B0002") : QStringLiteral("B0001"));
            panel->applyFilters();
        });
        rows(st);
        search->clear();
        panel->applyFilters();
    });
    reg("case_list/search_label", [=](State &st) {
        alternate(st, [&](bool f) {
            search->setText(f ? QStringLiteral("SSc") : QStringLiteral("SLE"));
            panel->applyFilters();
        });
        rows(st);
        search->clear();
        panel->applyFilters();
    });
    reg("case_list/filter_disease", [=](State &st) {
        alternate(st, [&](bool f) { combo("diseaseFilter", f ? QStringLiteral("SLE") : QStringLiteral("SSc")); });
        rows(st);
        combo("diseaseFilter", QString());
    });
    reg("case_list/filter_verdict", [=](State &st) {
        combo("armFilter", QStringLiteral("autologous_car_t"));
        alternate(
            st, [&](bool f) { combo("verdictFilter", f ? QStringLiteral("eligible") : QStringLiteral("ineligible")); });
        rows(st);
        combo("verdictFilter", QString());
    });
    reg("case_list/filter_readiness", [=](State &st) {
        alternate(st, [&](bool f) { combo("readinessFilter", int(f ? Readiness::Ready : Readiness::Gaps)); });
        rows(st);
        combo("readinessFilter", int(Readiness::Any));
    });
    reg("case_list/sort_label", [=](State &st) {
        alternate(st, [&](bool f) {
            panel->view()->sortByColumn(CaseListModel::Label, f ? Qt::AscendingOrder : Qt::DescendingOrder);
        });
    });
    reg("case_list/sort_verdict", [=](State &st) {
        alternate(st, [&](bool f) {
            panel->view()->sortByColumn(CaseListModel::Auto, f ? Qt::AscendingOrder : Qt::DescendingOrder);
        });
        panel->view()->sortByColumn(CaseListModel::CaseId, Qt::AscendingOrder);
    });
    reg("case_list/scroll_page_fetch", [=](State &st) {
        // Scrolling to the bottom fetches the next page of rows from the database (on a worker
        // thread; timed until the rows are in the view).
        for (auto _ : st) {
            if (!panel->model()->canFetchMore({})) {
                st.PauseTiming();
                panel->model()->reload(); // back to the first page
                settle();
                st.ResumeTiming();
            }
            panel->model()->fetchMore({});
            panel->view()->scrollToBottom();
            settle();
        }
        st.counters["rows_per_page"] = CaseListModel::kPageSize;
    });
    reg("workspace/grid_refresh_after_edit", [&w](State &st) {
        CaseWorkspace *ws = w.workspace();
        ws->openCase(QStringLiteral("B000000"));
        FactEntry e = ws->document()->fact(QStringLiteral("creatinine"));
        e.state = FactEntry::State::Value;
        if (e.unit.isEmpty())
            e.unit = QStringLiteral("mg/dL");
        int i = 0;
        for (auto _ : st) {
            e.text = QString::number(0.8 + (i++ % 100) * 0.01);
            ws->document()->setFact(QStringLiteral("creatinine"), e);
            ws->evaluateNow(); // validate + evaluate + grid
            QCoreApplication::processEvents(); // + paint
        }
    });
    reg("reports/conference_report_pdf", [&w](State &st) {
        QTemporaryDir out;
        w.workspace()->openCase(QStringLiteral("B000000"));
        for (auto _ : st)
            w.exportReport(out.path() + QStringLiteral("/report.pdf"));
    });
}

int measure(const QString &db, int argc, char *argv[])
{
    QTemporaryDir settings;
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settings.path());
    QSettings::setDefaultFormat(QSettings::IniFormat);
    Startup::setLanguage(QStringLiteral("en"));
    QString error;
    auto session = Startup::openSession(db, error);
    if (!session) {
        qCritical("%s", qPrintable(error));
        return 1;
    }
    const qint64 cases = qint64(session->store().allCaseIds().value().size());
    MainWindow w(std::move(session));
    FirstPaint paint;
    w.installEventFilter(&paint);
    w.resize(1500, 900);
    w.show();
    QCoreApplication::exec();
    w.removeEventFilter(&paint);
    // Cold start happens once per process: reported as a one-iteration benchmark with the time
    // measured from the QApplication's construction to the main window's first paint.
    benchmark::RegisterBenchmark("startup/cold_start_to_first_paint",
        [at = paint.at](benchmark::State &st) {
            for (auto _ : st)
                st.SetIterationTime(at / 1000.0);
        })
        ->UseManualTime()
        ->Iterations(1)
        ->Unit(benchmark::kMillisecond);
    registerGuiBenchmarks(w);
    benchmark::AddCustomContext("cases_in_database", std::to_string(cases));
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    g_clock.start();
    QApplication app(argc, argv);
    Startup::setApplicationInfo();
    QCoreApplication::setOrganizationName(QStringLiteral("ConsiliumBench"));
    const QStringList args = app.arguments();
    if (args.size() >= 3 && args[1] == QLatin1String("create"))
        return create(args[2], args.size() > 3 ? args[3].toInt() : 100000);
    if (args.size() >= 3 && args[1] == QLatin1String("measure")) {
        // Google Benchmark flags (--benchmark_filter=…, --benchmark_repetitions=…) follow DB.
        std::vector<char *> gbArgs { argv[0] };
        for (int i = 3; i < argc; ++i)
            gbArgs.push_back(argv[i]);
        int gbArgc = int(gbArgs.size());
        return measure(args[2], gbArgc, gbArgs.data());
    }
    qCritical("usage: ui_bench create DB [N] | ui_bench measure DB [--benchmark_filter=REGEX …]");
    return 64;
}
