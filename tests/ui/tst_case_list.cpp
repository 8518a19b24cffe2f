// SPDX-License-Identifier: GPL-3.0-or-later
// The case list: QAbstractItemModelTester, lazy paging (canFetchMore/fetchMore), search,
// filters (disease, verdict per arm, readiness) and sorting, driven through the panel; the
// store's case-list query (errors, not partial pages; stale background counts dropped) and
// the re-evaluation of the stored cases when a pack is activated (progress, cancel).
#include "UiTestSupport.h"

#include "cases/CaseListModel.h"
#include "cases/CaseListPanel.h"
#include "packs/PackDialog.h"
#include "store/CanonicalJson.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTableView>
#include <QThread>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <map>

using namespace consilium;
using namespace consilium::test;

namespace {

// n synthetic cases (valid, small) in one transaction; every third is SSc, the rest SLE.
void addCases(Session &s, int n, bool evaluate)
{
    WriteTransaction tx(s.store());
    for (int i = 0; i < n; ++i) {
        const QString id = QStringLiteral("SYN-%1").arg(i, 6, 10, QLatin1Char('0'));
        const QString disease = i % 3 == 0 ? QStringLiteral("SSc") : QStringLiteral("SLE");
        const QByteArray json
            = QStringLiteral("{\"format\":\"consilium-case/1\",\"id\":\"%1\",\"label\":\"Synthetic %2\","
                             "\"as_of\":\"2026-11-25\",\"jurisdiction\":\"EU\",\"facts\":{\"age_years\":%3,"
                             "\"sex\":\"female\",\"disease\":\"%4\"}}")
                  .arg(id)
                  .arg(i)
                  .arg(20 + i % 50)
                  .arg(disease)
                  .toUtf8();
        const auto out = s.store().saveCase(json, s.pack());
        QVERIFY2(out, qPrintable(out ? QString() : out.error().message));
        QVERIFY(out.value().status == SaveStatus::Added);
        if (evaluate)
            QVERIFY(s.evaluations().evaluateCase(id, s.pack()));
    }
    QVERIFY(tx.commit());
}

// The built-in rules under another version: a different pack with the same verdicts.
std::unique_ptr<RulePack> sitePack()
{
    QByteArray bytes = RulePack::builtin().bytes();
    const QByteArray version = "\"version\": \"" + RulePack::builtin().version().toUtf8() + '"';
    if (!bytes.contains(version))
        qFatal("no version in the built-in pack");
    bytes.replace(version, "\"version\": \"" + RulePack::builtin().version().toUtf8() + "-site\"");
    json::Diagnostics diag;
    std::unique_ptr<RulePack> loaded = RulePack::load(bytes, diag);
    if (!loaded)
        qFatal("site pack: %s", qPrintable(diag.lines().join(QLatin1Char(' '))));
    return loaded;
}

// case id -> verdicts of every case evaluated under a pack.
std::map<QString, std::map<QString, QString>> verdictsUnder(Session &s, const QString &sha)
{
    CaseFilter f;
    f.packSha256 = sha;
    f.limit = 100000;
    std::map<QString, std::map<QString, QString>> out;
    const auto found = s.store().findCases(f);
    if (!found)
        qFatal("findCases: %s", qPrintable(found.error().message));
    for (const CaseSummary &c : found.value()) {
        if (!c.verdicts.empty())
            out[c.caseId] = c.verdicts;
    }
    return out;
}

} // namespace

class TestCaseList : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void modelTester()
    {
        Env env;
        auto s = env.session();
        CaseListModel model(s->store());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPackSha256(s->pack().sha256());
        QTRY_COMPARE(model.rowCount(), 12); // the page is read on a worker thread
        QCOMPARE(model.columnCount(), int(CaseListModel::ColumnCount));
        QCOMPARE(model.index(0, CaseListModel::CaseId).data().toString(), QStringLiteral("V01-sle-ln-si-units"));
        // Verdicts per arm: glyph text, icon and a readable tooltip.
        const QModelIndex v = model.index(0, CaseListModel::Auto);
        QCOMPARE(v.data(CaseListModel::VerdictRole).toString(), QStringLiteral("eligible_with_cautions"));
        QCOMPARE(v.data().toString(), QStringLiteral("⚠"));
        QVERIFY(v.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Eligible with cautions")));
        model.sort(CaseListModel::Label, Qt::DescendingOrder);
        QTRY_COMPARE(model.rowCount(), 12);
        QVERIFY(model.index(0, CaseListModel::Label).data().toString()
            >= model.index(1, CaseListModel::Label).data().toString());
        model.sort(CaseListModel::Auto, Qt::AscendingOrder); // eligible first
        QTRY_COMPARE(model.rowCount(), 12);
    }

    void lazyFetch()
    {
        Env env;
        auto s = env.session(false);
        addCases(*s, 450, false);
        CaseListModel model(s->store());
        model.setPackSha256(s->pack().sha256());
        QTRY_COMPARE(model.totalCount(), 450); // counted on a worker thread
        QCOMPARE(model.rowCount(), CaseListModel::kPageSize);
        QVERIFY(model.canFetchMore({}));
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.fetchMore({});
        QTRY_COMPARE(model.rowCount(), 2 * CaseListModel::kPageSize);
        model.fetchMore({});
        QTRY_COMPARE(model.rowCount(), 450);
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(inserted.count(), 2);
        QCOMPARE(model.index(449, 0).data().toString(), QStringLiteral("SYN-000449"));
        // The model tester on a lazily filled model (attached after the reset: Qt 6.4's tester
        // calls fetchMore() from its modelReset handler, while the reset still counts as in flight).
        CaseListModel tested(s->store());
        tested.setPackSha256(s->pack().sha256());
        QAbstractItemModelTester tester(&tested, QAbstractItemModelTester::FailureReportingMode::QtTest);
        while (tested.canFetchMore({})) {
            tested.fetchMore({});
            QTRY_VERIFY(!tested.isFetching()); // its page has arrived
        }
        QCOMPARE(tested.rowCount(), 450);
        // A view fetches as it scrolls.
        CaseListModel viewed(s->store());
        viewed.setPackSha256(s->pack().sha256());
        QTableView view;
        view.setModel(&viewed);
        view.resize(400, 300);
        view.show();
        QTRY_COMPARE(viewed.rowCount(), CaseListModel::kPageSize);
        view.scrollToBottom();
        QTRY_VERIFY(viewed.rowCount() > CaseListModel::kPageSize);
    }

    void searchAndFilters()
    {
        Env env;
        auto s = env.session();
        CaseListPanel panel(*s);
        panel.show();
        auto *model = panel.model();
        QTRY_COMPARE(model->rowCount(), 12);
        auto *search = find<QLineEdit>(&panel, QStringLiteral("caseSearch"));
        QTest::keyClicks(search, QStringLiteral("gilbert"));
        QTRY_COMPARE(model->rowCount(), 2); // the debounce fires by itself
        QTRY_VERIFY(find<QLabel>(&panel, QStringLiteral("caseCount"))->text().contains(QStringLiteral("2 cases")));
        search->clear();
        panel.applyFilters();
        QTRY_COMPARE(model->rowCount(), 12);
        QVERIFY(choose(find<QComboBox>(&panel, QStringLiteral("diseaseFilter")), QStringLiteral("SSc")));
        QTRY_COMPARE(model->rowCount(), 3);
        for (int r = 0; r < model->rowCount(); ++r)
            QCOMPARE(model->index(r, CaseListModel::Disease).data().toString(), QStringLiteral("SSc"));
        QVERIFY(choose(find<QComboBox>(&panel, QStringLiteral("diseaseFilter")), QString()));
        // Verdict per arm: autologous CAR T ineligible.
        QVERIFY(choose(find<QComboBox>(&panel, QStringLiteral("armFilter")), QStringLiteral("autologous_car_t")));
        QVERIFY(choose(find<QComboBox>(&panel, QStringLiteral("verdictFilter")), QStringLiteral("ineligible")));
        QTRY_VERIFY(model->rowCount() > 0);
        for (int r = 0; r < model->rowCount(); ++r)
            QCOMPARE(model->index(r, CaseListModel::Auto).data(CaseListModel::VerdictRole).toString(),
                QStringLiteral("ineligible"));
        QVERIFY(choose(find<QComboBox>(&panel, QStringLiteral("verdictFilter")), QString()));
        // Readiness: cases with an undetermined arm.
        QVERIFY(choose(find<QComboBox>(&panel, QStringLiteral("readinessFilter")), int(Readiness::Gaps)));
        QTRY_VERIFY(model->rowCount() > 0);
        for (int r = 0; r < model->rowCount(); ++r) {
            bool gap = false;
            for (int c = CaseListModel::Auto; c <= CaseListModel::Standard; ++c)
                gap = gap
                    || model->index(r, c).data(CaseListModel::VerdictRole).toString() == QLatin1String("undetermined");
            QVERIFY(gap);
        }
        // Cases listed for a conference.
        QVERIFY(choose(find<QComboBox>(&panel, QStringLiteral("readinessFilter")), int(Readiness::Any)));
        const auto conf = s->decisions().createConference(QStringLiteral("2026-11-26"), QStringLiteral("Board"), {});
        QVERIFY(conf);
        QVERIFY(s->decisions().listCase(conf.value(), QStringLiteral("V05-iim-pregnant")));
        QVERIFY(s->decisions().listCase(conf.value(), QStringLiteral("V07-mg-access")));
        panel.reload();
        QVERIFY(choose(find<QComboBox>(&panel, QStringLiteral("conferenceFilter")), conf.value()));
        QTRY_COMPARE(model->rowCount(), 2);
        QCOMPARE(model->index(1, 0).data().toString(), QStringLiteral("V07-mg-access"));
        QVERIFY(choose(find<QComboBox>(&panel, QStringLiteral("conferenceFilter")), qint64(0)));
        // Sorting by clicking the header.
        QVERIFY(choose(find<QComboBox>(&panel, QStringLiteral("readinessFilter")), int(Readiness::Any)));
        panel.view()->sortByColumn(CaseListModel::CaseId, Qt::DescendingOrder);
        QTRY_COMPARE(model->index(0, 0).data().toString(), QStringLiteral("V10-ms-cladribine-infection"));
    }

    void manyCasesFilterAndSortCorrectly()
    {
        // 20k cases: every filter change and sort gives the right rows (the time each takes, at
        // 100k cases, is measured by the ui_bench benchmark, not asserted here).
        Env env;
        auto s = env.session(false);
        addCases(*s, 20000, false);
        CaseListPanel panel(*s);
        panel.resize(500, 700);
        panel.show();
        CaseListModel *model = panel.model();
        auto *search = find<QLineEdit>(&panel, QStringLiteral("caseSearch"));
        // Search matches a substring of the id or the label.
        const struct {
            const char *term;
            qint64 count;
        } searches[] = {
            { "SYN-0012", 100 }, // SYN-001200 … SYN-001299
            { "Synthetic 19", 1111 }, // 19, 190–199, 1900–1999, 19000–19999
            { "", 20000 },
            { "nothing-matches", 0 },
        };
        for (const auto &t : searches) {
            search->setText(QLatin1String(t.term));
            panel.applyFilters();
            QTRY_COMPARE(model->totalCount(), t.count);
        }
        search->setText(QStringLiteral("SYN-0012"));
        panel.applyFilters();
        QTRY_COMPARE(model->totalCount(), qint64(100));
        QCOMPARE(model->index(0, CaseListModel::CaseId).data().toString(), QStringLiteral("SYN-001200"));
        search->clear();
        panel.applyFilters();
        // Every third synthetic case is SSc.
        QVERIFY(choose(find<QComboBox>(&panel, QStringLiteral("diseaseFilter")), QStringLiteral("SSc")));
        QTRY_COMPARE(model->totalCount(), qint64(6667));
        // Labels sort as text: "Synthetic 9999" is the greatest SSc label (9999 = 3 × 3333).
        panel.view()->sortByColumn(CaseListModel::Label, Qt::DescendingOrder);
        QTRY_COMPARE(model->index(0, CaseListModel::Label).data().toString(), QStringLiteral("Synthetic 9999"));
        QCOMPARE(model->index(0, CaseListModel::CaseId).data().toString(), QStringLiteral("SYN-009999"));
    }

    // A count for a query that has changed since is dropped: only the current query's total
    // is ever reported.
    void staleCountDropped()
    {
        Env env;
        auto s = env.session(false);
        addCases(*s, 450, false);
        CaseListModel model(s->store());
        QSignalSpy totals(&model, &CaseListModel::totalCountChanged);
        CaseQuerySpec all;
        all.packSha256 = s->pack().sha256();
        model.setSpec(all); // 450 > one page: counted on a worker
        CaseQuerySpec some = all;
        some.search = QStringLiteral("SYN-0001"); // 100 rows, one page: known at once
        model.setSpec(some);
        QThreadPool::globalInstance()->waitForDone();
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        QCOMPARE(model.totalCount(), qint64(100));
        QVERIFY(!totals.isEmpty());
        for (const QList<QVariant> &t : std::as_const(totals))
            QCOMPARE(t.at(0).toLongLong(), qint64(100));
        // Sorted by the store: label descending, then verdict column (none evaluated).
        CaseQuerySpec sorted = all;
        sorted.sortColumn = CaseListModel::Label;
        sorted.order = Qt::DescendingOrder;
        model.setSpec(sorted);
        QTRY_COMPARE(model.index(0, CaseListModel::Label).data().toString(), QStringLiteral("Synthetic 99"));
        QTRY_COMPARE(model.totalCount(), qint64(450));
    }

    // Pages are read on a worker: a filter change while a page is on its way empties the list at
    // once, and the stale page, when it arrives, is dropped. Only rows of the new filter appear.
    void filterChangeWhileAPageIsInFlight()
    {
        Env env;
        auto s = env.session(false);
        addCases(*s, 450, false); // 300 SLE, 150 SSc
        CaseListPanel panel(*s);
        panel.resize(500, 300);
        panel.show();
        CaseListModel *model = panel.model();
        auto *disease = find<QComboBox>(&panel, QStringLiteral("diseaseFilter"));
        QVERIFY(choose(disease, QStringLiteral("SLE")));
        QTRY_COMPARE(model->rowCount(), CaseListModel::kPageSize);
        QTRY_COMPARE(model->totalCount(), qint64(300));
        QVERIFY(model->canFetchMore({}));
        model->fetchMore({}); // the second SLE page is on its way
        QVERIFY(model->isFetching());
        QVERIFY(model->canFetchMore({})); // there is more; the one request in flight brings it
        QSignalSpy inserted(model, &QAbstractItemModel::rowsInserted);
        model->fetchMore({}); // one page in flight at a time: this starts nothing
        QVERIFY(choose(disease, QStringLiteral("SSc")));
        QCOMPARE(model->rowCount(), 0); // no SLE row stays on show under the SSc filter
        QTRY_COMPARE(model->totalCount(), qint64(150));
        // Let every worker finish and every result arrive: the SLE page is dropped.
        QThreadPool::globalInstance()->waitForDone();
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        QCOMPARE(model->rowCount(), 150);
        QCOMPARE(inserted.count(), 1); // the SSc page only
        QSet<QString> ids;
        for (int r = 0; r < model->rowCount(); ++r) {
            QCOMPARE(model->index(r, CaseListModel::Disease).data().toString(), QStringLiteral("SSc"));
            ids.insert(model->caseIdAt(r));
        }
        QCOMPARE(ids.size(), 150); // no page inserted twice
        QVERIFY(!model->canFetchMore({}));
        QVERIFY(model->lastError().isEmpty());
    }

    // A store call that fails says so and returns nothing, never a shorter page.
    void storeErrorsAreErrors()
    {
        Env env;
        auto s = env.session();
        CaseFilter f;
        f.packSha256 = s->pack().sha256();
        f.limit = 100;
        const auto page = s->store().queryCases(f);
        QVERIFY(page);
        QCOMPARE(page.value().total, qint64(12));
        QCOMPARE(page.value().rows.size(), std::size_t(12));
        QVERIFY(!page.value().rows.front().verdicts.empty());
        const auto missing = CaseStore::countCasesAt(env.path(QStringLiteral("none/x.sqlite")), f);
        QVERIFY(!missing);
        QVERIFY(missing.error().message.contains(QStringLiteral("x.sqlite")));
        {
            // Tampering from outside: the verdicts table is gone.
            QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
            raw.setDatabaseName(s->databasePath());
            QVERIFY(raw.open());
            QVERIFY(QSqlQuery(raw).exec(QStringLiteral("DROP TABLE current_verdicts")));
            raw.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("tamper"));
        const auto broken = s->store().findCases(f);
        QVERIFY(!broken);
        QCOMPARE(broken.error().code, StoreErrc::Sql);
        QVERIFY(broken.error().message.contains(QStringLiteral("current_verdicts")));
        const auto brokenPage = s->store().queryCases(f); // no page at all, not a shorter one
        QVERIFY(!brokenPage);
        QCOMPARE(brokenPage.error().code, StoreErrc::Sql);
        CaseListModel model(s->store());
        model.setPackSha256(s->pack().sha256());
        QTRY_VERIFY(!model.lastError().isEmpty()); // the page failed on its worker
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.canFetchMore({})); // not posing as a list that could go on
        // The panel says so instead of showing an empty list as if there were no cases.
        CaseListPanel panel(*s);
        QTRY_VERIFY2(
            find<QLabel>(&panel, QStringLiteral("caseCount"))->text().contains(QStringLiteral("cannot be read")),
            qPrintable(find<QLabel>(&panel, QStringLiteral("caseCount"))->text()));
        QVERIFY(find<QLabel>(&panel, QStringLiteral("caseCount"))->text().contains(QStringLiteral("current_verdicts")));
        QCOMPARE(panel.model()->rowCount(), 0);
    }

    // Activating a pack re-evaluates the stored cases in batches, reporting progress after each.
    void activationReevaluatesWithProgress()
    {
        Env env;
        auto s = env.session(false);
        addCases(*s, 300, true);
        std::vector<std::pair<qint64, qint64>> steps;
        Session::Reevaluation r;
        r.batchSize = 64;
        r.progress = [&steps](qint64 done, qint64 total) { steps.emplace_back(done, total); };
        QString error;
        auto next = sitePack();
        QVERIFY(next);
        const QString sha = next->sha256();
        QVERIFY2(s->activatePack(std::move(next), error, nullptr, {}, r), qPrintable(error));
        QCOMPARE(s->pack().sha256(), sha);
        QCOMPARE(steps.size(), std::size_t(5)); // 64 × 4 + 44
        for (std::size_t i = 1; i < steps.size(); ++i)
            QVERIFY(steps[i].first > steps[i - 1].first);
        QCOMPARE(steps.back(), (std::pair<qint64, qint64>(300, 300)));
        QVERIFY(!s->lastReevaluation().cancelled);
        QCOMPARE(s->lastReevaluation().evaluated, qint64(300));
        // The same rules under another version: every case has the verdicts it had under the
        // built-in pack.
        QCOMPARE(verdictsUnder(*s, sha), verdictsUnder(*s, RulePack::builtin().sha256()));
    }

    // The re-evaluation runs on a worker: the GUI thread's event loop goes on meanwhile (a timer
    // fires between batches), and the progress is reported on the GUI thread.
    void activationKeepsTheEventLoopRunning()
    {
        Env env;
        auto s = env.session(false);
        addCases(*s, 300, true);
        int ticks = 0;
        QTimer timer;
        timer.setInterval(0);
        QObject::connect(&timer, &QTimer::timeout, &timer, [&ticks] { ++ticks; });
        timer.start();
        std::vector<int> ticksAtProgress;
        bool onGuiThread = true;
        Session::Reevaluation r;
        r.batchSize = 64;
        r.progress = [&](qint64, qint64) {
            ticksAtProgress.push_back(ticks);
            onGuiThread = onGuiThread && QThread::currentThread() == QCoreApplication::instance()->thread();
        };
        QString error;
        auto next = sitePack();
        const QString sha = next->sha256();
        QVERIFY2(s->activatePack(std::move(next), error, nullptr, {}, r), qPrintable(error));
        timer.stop();
        QCOMPARE(ticksAtProgress.size(), std::size_t(5)); // 64 × 4 + 44
        QVERIFY(onGuiThread);
        // The timer fired while batches were still to come (the worker waits for each report).
        QVERIFY2(ticksAtProgress.back() > 0, qPrintable(QString::number(ticksAtProgress.back())));
        QVERIFY(ticksAtProgress.back() > ticksAtProgress.front());
        QCOMPARE(s->lastReevaluation().evaluated, qint64(300));
        QVERIFY(s->lastReevaluation().failures.isEmpty());
        QCOMPARE(verdictsUnder(*s, sha), verdictsUnder(*s, RulePack::builtin().sha256()));
        QVERIFY(s->store().audit().verify(s->store().dialect()).intact);
    }

    // Cancel in the pack dialog's progress dialog, clicked while the worker re-evaluates: the
    // run stops after a complete batch, the pack is active, the rest is "not evaluated", and
    // the summary says how far it got.
    void cancelFromTheProgressDialog()
    {
        Env env;
        auto s = env.session(false);
        addCases(*s, 600, false);
        QString error;
        QVERIFY2(s->activatePack(sitePack(), error), qPrintable(error)); // all 600 under the site pack
        QCOMPARE(s->lastReevaluation().evaluated, qint64(600));
        PackDialog dialog(*s);
        dialog.show();
        bool clicked = false;
        QTimer poll;
        poll.setInterval(0);
        QObject::connect(&poll, &QTimer::timeout, &poll, [&] {
            auto *progress = dialog.findChild<QProgressDialog *>(QStringLiteral("reevaluationProgress"));
            if (clicked || !progress || progress->value() < 250)
                return; // the first batch (of 250) is not in yet
            auto *cancel = progress->findChild<QPushButton *>();
            QVERIFY(cancel);
            cancel->click();
            clicked = true;
        });
        poll.start();
        QVERIFY(dialog.useBuiltin());
        poll.stop();
        QVERIFY(clicked);
        QVERIFY(s->isBuiltinPack());
        const ReevaluationSummary &r = s->lastReevaluation();
        QVERIFY(r.cancelled);
        QCOMPARE(r.total, qint64(600));
        QVERIFY2(r.evaluated == 250 || r.evaluated == 500, qPrintable(QString::number(r.evaluated)));
        QVERIFY2(Dialogs::lastMessage().contains(QStringLiteral("cancelled after %1 of 600").arg(r.evaluated)),
            qPrintable(Dialogs::lastMessage()));
        CaseFilter notEvaluated;
        notEvaluated.packSha256 = RulePack::builtin().sha256();
        notEvaluated.readiness = Readiness::NotEvaluated;
        QCOMPARE(valueOr(s->store().countCases(notEvaluated), qint64(-1)), 600 - r.evaluated);
        QVERIFY(s->store().audit().verify(s->store().dialect()).intact);
    }

    // Cancel stops between batches: the pack is active, the batches written are complete, the
    // other cases are not evaluated under it, and the database is consistent.
    void activationCancelled()
    {
        Env env;
        auto s = env.session(false);
        addCases(*s, 300, true);
        std::atomic<bool> cancel { false };
        Session::Reevaluation r;
        r.batchSize = 64;
        r.cancel = &cancel;
        r.progress = [&cancel](qint64 done, qint64) {
            if (done >= 128)
                cancel = true;
        };
        QString error;
        auto next = sitePack();
        QVERIFY(next);
        const QString sha = next->sha256();
        QVERIFY2(s->activatePack(std::move(next), error, nullptr, {}, r), qPrintable(error));
        QCOMPARE(s->pack().sha256(), sha);
        QCOMPARE(s->store().setting(QStringLiteral("gui.active_pack_sha256")).value().value_or(QString()), sha);
        QVERIFY(s->lastReevaluation().cancelled);
        QCOMPARE(s->lastReevaluation().evaluated, qint64(128));
        const auto under = verdictsUnder(*s, sha);
        const auto before = verdictsUnder(*s, RulePack::builtin().sha256());
        QCOMPARE(under.size(), std::size_t(128));
        for (const auto &[caseId, verdicts] : under)
            QCOMPARE(verdicts, before.at(caseId));
        CaseFilter notEvaluated;
        notEvaluated.packSha256 = sha;
        notEvaluated.readiness = Readiness::NotEvaluated;
        QCOMPARE(valueOr(s->store().countCases(notEvaluated), qint64(-1)), qint64(300 - 128));
        QVERIFY(s->store().audit().verify(s->store().dialect()).intact);
        // Activating it again finishes the work.
        QVERIFY(s->activatePack(sitePack(), error));
        QCOMPARE(verdictsUnder(*s, sha).size(), std::size_t(300));
    }
};

QTEST_MAIN(TestCaseList)
#include "tst_case_list.moc"
