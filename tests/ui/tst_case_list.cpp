// SPDX-License-Identifier: GPL-3.0-or-later
// The case list: QAbstractItemModelTester, lazy paging (canFetchMore/fetchMore), search,
// filters (disease, verdict per arm, readiness) and sorting, driven through the panel.
#include "UiTestSupport.h"

#include "cases/CaseListModel.h"
#include "cases/CaseListPanel.h"
#include "store/CanonicalJson.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>

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
        const SaveOutcome out = s.store().saveCase(json, s.pack());
        QVERIFY2(out.status == SaveStatus::Added, qPrintable(s.store().lastError().message));
        if (evaluate)
            s.evaluations().evaluateCase(id, s.pack());
    }
    QVERIFY(tx.commit());
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
        QCOMPARE(model.rowCount(), 12);
        QCOMPARE(model.columnCount(), int(CaseListModel::ColumnCount));
        QCOMPARE(model.index(0, CaseListModel::CaseId).data().toString(), QStringLiteral("V01-sle-ln-si-units"));
        // Verdicts per arm: glyph text, icon and a readable tooltip.
        const QModelIndex v = model.index(0, CaseListModel::Auto);
        QCOMPARE(v.data(CaseListModel::VerdictRole).toString(), QStringLiteral("eligible_with_cautions"));
        QCOMPARE(v.data().toString(), QStringLiteral("⚠"));
        QVERIFY(v.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Eligible with cautions")));
        model.sort(CaseListModel::Label, Qt::DescendingOrder);
        QVERIFY(model.index(0, CaseListModel::Label).data().toString()
            >= model.index(1, CaseListModel::Label).data().toString());
        model.sort(CaseListModel::Auto, Qt::AscendingOrder); // eligible first
        QCOMPARE(model.rowCount(), 12);
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
        QCOMPARE(model.rowCount(), 2 * CaseListModel::kPageSize);
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 450);
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(inserted.count(), 2);
        QCOMPARE(model.index(449, 0).data().toString(), QStringLiteral("SYN-000449"));
        // The model tester on a lazily filled model (attached after the reset: Qt 6.4's tester
        // calls fetchMore() from its modelReset handler, while the reset still counts as in flight).
        CaseListModel tested(s->store());
        tested.setPackSha256(s->pack().sha256());
        QAbstractItemModelTester tester(&tested, QAbstractItemModelTester::FailureReportingMode::QtTest);
        while (tested.canFetchMore({}))
            tested.fetchMore({});
        QCOMPARE(tested.rowCount(), 450);
        // A view fetches as it scrolls.
        CaseListModel viewed(s->store());
        viewed.setPackSha256(s->pack().sha256());
        QTableView view;
        view.setModel(&viewed);
        view.resize(400, 300);
        view.show();
        QCOMPARE(viewed.rowCount(), CaseListModel::kPageSize);
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
        QCOMPARE(model->rowCount(), 12);
        auto *search = find<QLineEdit>(&panel, QStringLiteral("caseSearch"));
        QTest::keyClicks(search, QStringLiteral("gilbert"));
        QTRY_COMPARE(model->rowCount(), 2); // the debounce fires by itself
        QTRY_VERIFY(find<QLabel>(&panel, QStringLiteral("caseCount"))->text().contains(QStringLiteral("2 cases")));
        search->clear();
        panel.applyFilters();
        QCOMPARE(model->rowCount(), 12);
        QVERIFY(choose(find<QComboBox>(&panel, QStringLiteral("diseaseFilter")), QStringLiteral("SSc")));
        QCOMPARE(model->rowCount(), 3);
        for (int r = 0; r < model->rowCount(); ++r)
            QCOMPARE(model->index(r, CaseListModel::Disease).data().toString(), QStringLiteral("SSc"));
        QVERIFY(choose(find<QComboBox>(&panel, QStringLiteral("diseaseFilter")), QString()));
        // Verdict per arm: autologous CAR T ineligible.
        QVERIFY(choose(find<QComboBox>(&panel, QStringLiteral("armFilter")), QStringLiteral("autologous_car_t")));
        QVERIFY(choose(find<QComboBox>(&panel, QStringLiteral("verdictFilter")), QStringLiteral("ineligible")));
        QVERIFY(model->rowCount() > 0);
        for (int r = 0; r < model->rowCount(); ++r)
            QCOMPARE(model->index(r, CaseListModel::Auto).data(CaseListModel::VerdictRole).toString(),
                QStringLiteral("ineligible"));
        QVERIFY(choose(find<QComboBox>(&panel, QStringLiteral("verdictFilter")), QString()));
        // Readiness: cases with an undetermined arm.
        QVERIFY(choose(find<QComboBox>(&panel, QStringLiteral("readinessFilter")), int(Readiness::Gaps)));
        QVERIFY(model->rowCount() > 0);
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
        QVERIFY(s->decisions().listCase(*conf, QStringLiteral("V05-iim-pregnant")));
        QVERIFY(s->decisions().listCase(*conf, QStringLiteral("V07-mg-access")));
        panel.reload();
        QVERIFY(choose(find<QComboBox>(&panel, QStringLiteral("conferenceFilter")), *conf));
        QCOMPARE(model->rowCount(), 2);
        QCOMPARE(model->index(1, 0).data().toString(), QStringLiteral("V07-mg-access"));
        QVERIFY(choose(find<QComboBox>(&panel, QStringLiteral("conferenceFilter")), qint64(0)));
        // Sorting by clicking the header.
        QVERIFY(choose(find<QComboBox>(&panel, QStringLiteral("readinessFilter")), int(Readiness::Any)));
        panel.view()->sortByColumn(CaseListModel::CaseId, Qt::DescendingOrder);
        QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("V10-ms-cladribine-infection"));
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
        QCOMPARE(model->index(0, CaseListModel::Label).data().toString(), QStringLiteral("Synthetic 9999"));
        QCOMPARE(model->index(0, CaseListModel::CaseId).data().toString(), QStringLiteral("SYN-009999"));
    }
};

QTEST_MAIN(TestCaseList)
#include "tst_case_list.moc"
