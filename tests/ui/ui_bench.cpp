// SPDX-License-Identifier: GPL-3.0-or-later
// Performance figures of the GUI with a large database (issue 5):
//   ui_bench create DB [N]   fills DB with N synthetic cases (default 100000), evaluated
//   ui_bench measure DB      cold start to first painted main window, case-list filter and
//                            scroll times, grid refresh after one edit, PDF report time
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
    int have = int(s->store().allCaseIds().size());
    while (have < n) {
        WriteTransaction tx(s->store());
        for (int i = 0; i < 5000 && have < n; ++i, ++have) {
            QString json = QString::fromUtf8(templates[have % templates.size()]);
            json.replace(id, QStringLiteral("\"id\": \"B%1\"").arg(have, 6, 10, QLatin1Char('0')));
            json.replace(age, QStringLiteral("\"age_years\": %1").arg(18 + rng.bounded(60)));
            if (s->store().saveCase(json.toUtf8(), s->pack()).status == SaveStatus::Rejected)
                qWarning("rejected: %s", qPrintable(s->store().lastError().details.join(QLatin1Char(' '))));
        }
        tx.commit();
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

int measure(const QString &db)
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
    const qint64 cases = qint64(session->store().allCaseIds().size());
    MainWindow w(std::move(session));
    FirstPaint paint;
    w.installEventFilter(&paint);
    w.resize(1500, 900);
    w.show();
    QCoreApplication::exec();
    qInfo("cases in the database: %lld", cases);
    qInfo("cold start (QApplication to first paint of the main window): %.0f ms", paint.at);

    CaseListPanel *panel = w.caseList();
    auto *search = panel->findChild<QLineEdit *>(QStringLiteral("caseSearch"));
    auto time = [&](const char *what, const std::function<void()> &f) {
        QElapsedTimer t;
        t.start();
        f();
        QCoreApplication::processEvents();
        qInfo("%-44s %7.1f ms (%lld rows)", what, ms(t), panel->model()->totalCount());
    };
    time("filter: search \"B0123\"", [&] {
        search->setText(QStringLiteral("B0123"));
        panel->applyFilters();
    });
    time("filter: search \"lupus\" (label)", [&] {
        search->setText(QStringLiteral("lupus"));
        panel->applyFilters();
    });
    time("filter: search cleared", [&] {
        search->clear();
        panel->applyFilters();
    });
    auto combo = [&](const char *name, const QVariant &v) {
        auto *c = panel->findChild<QComboBox *>(QLatin1String(name));
        const int i = c->findData(v);
        c->setCurrentIndex(i);
        Q_EMIT c->activated(i);
    };
    time("filter: disease SSc", [&] { combo("diseaseFilter", QStringLiteral("SSc")); });
    time("filter: disease any", [&] { combo("diseaseFilter", QString()); });
    time("filter: autologous CAR T ineligible", [&] {
        combo("armFilter", QStringLiteral("autologous_car_t"));
        combo("verdictFilter", QStringLiteral("ineligible"));
    });
    time("filter: readiness has gaps", [&] {
        combo("verdictFilter", QString());
        combo("readinessFilter", int(Readiness::Gaps));
    });
    time("filter: readiness any", [&] { combo("readinessFilter", int(Readiness::Any)); });
    time("sort: label descending", [&] { panel->view()->sortByColumn(CaseListModel::Label, Qt::DescendingOrder); });
    time("sort: autologous verdict", [&] { panel->view()->sortByColumn(CaseListModel::Auto, Qt::AscendingOrder); });
    time("sort: case id", [&] { panel->view()->sortByColumn(CaseListModel::CaseId, Qt::AscendingOrder); });
    double worstPage = 0;
    for (int i = 0; i < 50; ++i) {
        QElapsedTimer t;
        t.start();
        panel->view()->scrollToBottom();
        QCoreApplication::processEvents();
        worstPage = qMax(worstPage, ms(t));
    }
    qInfo("scroll: worst of 50 page fetches at the bottom %.1f ms (%d rows loaded)", worstPage,
        panel->model()->rowCount());

    CaseWorkspace *ws = w.workspace();
    ws->openCase(QStringLiteral("B000000"));
    FactEntry e = ws->document()->fact(QStringLiteral("creatinine"));
    e.state = FactEntry::State::Value;
    if (e.unit.isEmpty())
        e.unit = QStringLiteral("mg/dL");
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < 100; ++i) {
        e.text = QString::number(0.8 + i * 0.01);
        ws->document()->setFact(QStringLiteral("creatinine"), e);
        ws->evaluateNow();
        QCoreApplication::processEvents();
    }
    qInfo("grid refresh after one field edit (validate + evaluate + grid + paint): %.2f ms", ms(t) / 100);
    QTemporaryDir out;
    t.start();
    w.exportReport(out.path() + QStringLiteral("/report.pdf"));
    qInfo("PDF conference report: %.0f ms", ms(t));
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
    if (args.size() >= 3 && args[1] == QLatin1String("measure"))
        return measure(args[2]);
    qCritical("usage: ui_bench create DB [N] | ui_bench measure DB");
    return 64;
}
