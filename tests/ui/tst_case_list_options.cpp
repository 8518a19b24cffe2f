// SPDX-License-Identifier: GPL-3.0-or-later
// The case list by an option's verdict (issue 12; issue 15 "Screening"), driven through the
// panel's real filter combos and header: the options of the active pack under their arm (pack
// texts in the interface language), the filter, the Option column and its sort, and "not
// evaluated" for a case without an option verdict.
//
// Cases: the 2026.2 vignette E01-sle-plt60 with platelets 60, 80 or missing, nothing else
// changed. ALLO-329 in RESOLUTION requires platelets >= 75 (OPT-ALLO329-HEM-01, which replaces
// ALLO-HEM-02) and E01 meets its other criteria: 60 ineligible, 80 eligible, missing undetermined.
#include "../store/E01Cases.h"
#include "UiTestSupport.h"

#include "cases/CaseListModel.h"
#include "cases/CaseListPanel.h"
#include "engine/CaseEvaluation.h"
#include "store/Evaluations.h"

#include <QFile>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QTableView>

using namespace consilium;
using namespace consilium::test;

namespace {

const QString kResolution = QStringLiteral("option:allo-allo-329-resolution");

// Beside the 12 demo cases: the three platelet cases (evaluated), one stored without an
// evaluation, and one evaluated as the store did before it kept option verdicts (arms only).
void addPlateletCases(Session &s)
{
    for (const auto &[id, platelets] :
        { std::pair { "PLT-060", 60 }, std::pair { "PLT-080", 80 }, std::pair { "PLT-MISSING", -1 } }) {
        QVERIFY(s.store().saveCase(e01With(QLatin1String(id), platelets), s.pack()));
        QVERIFY(s.evaluations().evaluateCase(QLatin1String(id), s.pack()));
    }
    QVERIFY(s.store().saveCase(e01With(QStringLiteral("PLT-NOT-EVALUATED"), 90), s.pack()));
    QVERIFY(s.store().saveCase(e01With(QStringLiteral("PLT-OLD-EVALUATION"), 90), s.pack()));
    const auto version = s.store().latestVersion(QStringLiteral("PLT-OLD-EVALUATION"));
    QVERIFY(version);
    const Engine engine(s.pack());
    const CaseOutcome outcome = evaluateCase(engine, version.value().content);
    QVERIFY(outcome.ok());
    CompactResult old = CompactResult::from(engine, *outcome.evaluation);
    old.options.clear();
    QVERIFY(s.evaluations().record(version.value(), s.pack(), old));
}

int verdictRank(const QString &verdict)
{
    const QStringList order { QStringLiteral("eligible"), QStringLiteral("eligible_with_cautions"),
        QStringLiteral("undetermined"), QStringLiteral("ineligible") };
    const auto i = order.indexOf(verdict);
    return i < 0 ? int(order.size()) : int(i);
}

} // namespace

class TestCaseListOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Each option of the active pack follows its arm in the combo, labelled by the pack.
    void optionsUnderTheirArm()
    {
        Env env;
        auto s = env.session();
        CaseListPanel panel(*s);
        auto *groups = find<QComboBox>(&panel, QStringLiteral("armFilter"));
        QCOMPARE(groups->count(), 1 + kArmCount + int(s->pack().options().size()));
        int arm = -1;
        for (int i = 1; i < groups->count(); ++i) {
            const QString key = groups->itemData(i).toString();
            const int a = armIndex(key);
            if (a >= 0) {
                QVERIFY(a > arm); // arms in their order
                arm = a;
                continue;
            }
            QVERIFY2(key.startsWith(QLatin1String("option:")), qPrintable(key));
            const QString id = key.mid(7);
            const auto &options = s->pack().options();
            const auto def
                = std::find_if(options.begin(), options.end(), [&](const OptionDef &o) { return o.id == id; });
            QVERIFY(def != options.end());
            QCOMPARE(def->arm, arm); // under its own arm
            QCOMPARE(groups->itemText(i).trimmed(), def->label);
            QVERIFY(groups->itemText(i).startsWith(QLatin1Char(' '))); // indented
        }
        QCOMPARE(groups->itemText(groups->findData(kResolution)).trimmed(), QStringLiteral("ALLO-329 in RESOLUTION"));
    }

    void filterByOptionVerdict()
    {
        Env env;
        auto s = env.session();
        addPlateletCases(*s);
        CaseListPanel panel(*s);
        panel.show();
        auto *model = panel.model();
        QTRY_COMPARE(model->rowCount(), 17);
        QVERIFY(panel.view()->isColumnHidden(CaseListModel::Option)); // no option chosen
        QVERIFY(choose(find<QComboBox>(&panel, QStringLiteral("armFilter")), kResolution));
        QVERIFY(!panel.view()->isColumnHidden(CaseListModel::Option));
        QCOMPARE(model->headerData(CaseListModel::Option, Qt::Horizontal).toString(),
            QStringLiteral("ALLO-329 in RESOLUTION"));
        // "Everyone who could enter RESOLUTION" among the platelet cases: the 80 one.
        auto *search = find<QLineEdit>(&panel, QStringLiteral("caseSearch"));
        search->setText(QStringLiteral("PLT-"));
        panel.applyFilters();
        QTRY_COMPARE(model->rowCount(), 5);
        QVERIFY(choose(find<QComboBox>(&panel, QStringLiteral("verdictFilter")), QStringLiteral("eligible")));
        QTRY_COMPARE(model->rowCount(), 1);
        QCOMPARE(model->caseIdAt(0), QStringLiteral("PLT-080"));
        QCOMPARE(model->index(0, CaseListModel::Option).data(CaseListModel::VerdictRole).toString(),
            QStringLiteral("eligible"));
        // The generic arm says eligible for it too (ALLO-HEM-02 requires >= 30).
        QCOMPARE(model->index(0, CaseListModel::Allo).data(CaseListModel::VerdictRole).toString(),
            QStringLiteral("eligible"));
        // One value away: the case without platelets.
        QVERIFY(choose(find<QComboBox>(&panel, QStringLiteral("verdictFilter")), QStringLiteral("undetermined")));
        QTRY_COMPARE(model->caseIdAt(0), QStringLiteral("PLT-MISSING"));
        QCOMPARE(model->rowCount(), 1);
        QVERIFY(choose(find<QComboBox>(&panel, QStringLiteral("verdictFilter")), QStringLiteral("ineligible")));
        QTRY_COMPARE(model->caseIdAt(0), QStringLiteral("PLT-060"));
        QCOMPARE(model->rowCount(), 1);
        // Back to an arm: the Option column goes.
        QVERIFY(choose(find<QComboBox>(&panel, QStringLiteral("armFilter")), QStringLiteral("allogeneic_car_t")));
        QVERIFY(panel.view()->isColumnHidden(CaseListModel::Option));
    }

    // The Option column sorts like an arm's (eligible first); a case without an option verdict
    // shows "not evaluated" and sorts last.
    void sortByOptionColumn()
    {
        Env env;
        auto s = env.session();
        addPlateletCases(*s);
        CaseListPanel panel(*s);
        panel.show();
        auto *model = panel.model();
        QTRY_COMPARE(model->rowCount(), 17);
        QVERIFY(choose(find<QComboBox>(&panel, QStringLiteral("armFilter")), kResolution));
        panel.view()->sortByColumn(CaseListModel::Option, Qt::AscendingOrder);
        QTRY_COMPARE(model->caseIdAt(0), QStringLiteral("PLT-080"));
        QCOMPARE(model->rowCount(), 17);
        QCOMPARE(model->caseIdAt(15), QStringLiteral("PLT-NOT-EVALUATED"));
        QCOMPARE(model->caseIdAt(16), QStringLiteral("PLT-OLD-EVALUATION"));
        int previous = 0;
        for (int r = 0; r < model->rowCount(); ++r) {
            const int rank
                = verdictRank(model->index(r, CaseListModel::Option).data(CaseListModel::VerdictRole).toString());
            QVERIFY2(rank >= previous, qPrintable(model->caseIdAt(r)));
            previous = rank;
        }
        const int missing = model->rowOf(QStringLiteral("PLT-MISSING"));
        QVERIFY(model->rowOf(QStringLiteral("PLT-080")) < missing && missing < model->rowOf(QStringLiteral("PLT-060")));
        for (const int row : { 15, 16 }) {
            const QModelIndex none = model->index(row, CaseListModel::Option);
            QCOMPARE(none.data(CaseListModel::VerdictRole).toString(), QString());
            QCOMPARE(none.data().toString(), QString());
            QCOMPARE(none.data(Qt::ToolTipRole).toString(), QStringLiteral("ALLO-329 in RESOLUTION: not evaluated"));
        }
        // The older evaluation has its arms' verdicts, only the option's is missing.
        QCOMPARE(model->index(16, CaseListModel::Allo).data(CaseListModel::VerdictRole).toString(),
            QStringLiteral("eligible"));
        // Descending reverses the verdict order; ties stay in case-id order (as for an arm).
        panel.view()->sortByColumn(CaseListModel::Option, Qt::DescendingOrder);
        QTRY_COMPARE(model->caseIdAt(0), QStringLiteral("PLT-NOT-EVALUATED"));
        QCOMPARE(model->caseIdAt(1), QStringLiteral("PLT-OLD-EVALUATION"));
        previous = verdictRank(QString());
        for (int r = 0; r < model->rowCount(); ++r) {
            const int rank
                = verdictRank(model->index(r, CaseListModel::Option).data(CaseListModel::VerdictRole).toString());
            QVERIFY2(rank <= previous, qPrintable(model->caseIdAt(r)));
            previous = rank;
        }
        QVERIFY(model->rowOf(QStringLiteral("PLT-060")) < model->rowOf(QStringLiteral("PLT-MISSING")));
        QVERIFY(model->rowOf(QStringLiteral("PLT-MISSING")) < model->rowOf(QStringLiteral("PLT-080")));
    }

    // German interface: the options' German pack texts, in the combo and the column header.
    void germanLabels()
    {
        Env env;
        auto s = env.session();
        CaseListPanel panel(*s);
        auto *groups = find<QComboBox>(&panel, QStringLiteral("armFilter"));
        const QString hsct = QStringLiteral("option:soc-ahsct");
        QCOMPARE(groups->itemText(groups->findData(hsct)).trimmed(), QStringLiteral("Autologous HSCT (SSc)"));
        QVERIFY(choose(groups, hsct));
        Startup::setLanguage(QStringLiteral("de"));
        QTRY_COMPARE(groups->itemText(groups->findData(hsct)).trimmed(), QStringLiteral("Autologe HSZT (SSc)"));
        QCOMPARE(groups->currentData().toString(), hsct); // the choice survives
        QCOMPARE(groups->accessibleName(), QStringLiteral("Ergebnis nach Option oder Produkt/Studie filtern"));
        QCOMPARE(panel.model()->headerData(CaseListModel::Option, Qt::Horizontal).toString(),
            QStringLiteral("Autologe HSZT (SSc)"));
        QVERIFY(groups->itemData(groups->findData(hsct), Qt::ToolTipRole)
                    .toString()
                    .startsWith(QStringLiteral("Autologe HSZT bei systemischer Sklerose")));
        Startup::setLanguage(QStringLiteral("en"));
        QTRY_COMPARE(groups->itemText(groups->findData(hsct)).trimmed(), QStringLiteral("Autologous HSCT (SSc)"));
    }
};

QTEST_MAIN(TestCaseListOptions)
#include "tst_case_list_options.moc"
