// SPDX-License-Identifier: GPL-3.0-or-later
// Options (products and trial protocols) under each arm in the window (issue 12, "What the
// clinician sees"; docs/result-format.md#options): the options grid under the comparison grid,
// the screening note beside every option's verdict, the drill-down per option with the origin of
// each criterion. Expected values from ../shared/clinical/options-2026.2.md §E (vignette E01:
// platelets 60 ×10⁹/L, RESOLUTION requires ≥ 75, the generic allogeneic arm ≥ 30).
#include "UiTestSupport.h"

#include "common/Labels.h"
#include "compare/ComparisonModel.h"
#include "compare/ComparisonView.h"
#include "compare/CriteriaModel.h"
#include "compare/DrillDownDialog.h"
#include "compare/OptionsModel.h"
#include "compare/SiteAvailability.h"
#include "engine/Engine.h"
#include "shell/CaseWorkspace.h"
#include "shell/Startup.h"
#include "timeline/TimelineChart.h"
#include "toxicity/ToxicityChart.h"

#include <QAbstractItemModelTester>
#include <QChart>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QTableView>

using namespace consilium;
using namespace consilium::test;

class TestOptionViews : public QObject
{
    Q_OBJECT

private:
    static QString importExample(Session &s, const QString &name)
    {
        QFile f(QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/examples/options-2026.2/") + name
            + QStringLiteral(".json"));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        const auto out = s.store().saveCase(f.readAll(), s.pack());
        return out ? out.value().caseId : QString();
    }

    // The cell of option `id` in the options grid, or an invalid index.
    static QModelIndex cellOf(const OptionsModel *m, const RulePack &pack, const QString &id)
    {
        const int o = pack.optionIndex(id);
        for (int c = 0; c < m->columnCount(); ++c)
            for (int r = 0; r < m->rowCount(); ++r)
                if (m->optionAt(r, c) == o)
                    return m->index(r, c);
        return {};
    }

private Q_SLOTS:
    void optionsUnderEachArm()
    {
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        OptionsModel *m = w.comparison()->optionsModel();
        new QAbstractItemModelTester(m, QAbstractItemModelTester::FailureReportingMode::QtTest, &w);
        const QString id = importExample(*s, QStringLiteral("E01-sle-plt60"));
        QVERIFY(!id.isEmpty());
        QVERIFY(w.openCase(id));
        QVERIFY(!w.comparison()->optionsGrid()->isHidden());
        const RulePack &pack = s->engine().pack();
        const int allo = int(Arm::AllogeneicCarT);

        // The arm's verdict stays the generic summary: eligible (ALLO-HEM-02 requires ≥ 30).
        QVERIFY(w.comparison()
                    ->model()
                    ->index(ComparisonModel::VerdictRow, allo)
                    .data()
                    .toString()
                    .contains(QStringLiteral("Eligible")));
        // RESOLUTION under it: ineligible by its own platelet criterion, a trial, no EU status found.
        const QModelIndex res = cellOf(m, pack, QStringLiteral("allo-allo-329-resolution"));
        QVERIFY(res.isValid());
        QCOMPARE(res.column(), allo);
        QCOMPARE(res.data(ComparisonModel::VerdictRole).toInt(), int(Verdict::Ineligible));
        QVERIFY(res.data(ComparisonModel::BadgeRole).toBool());
        const QString text = res.data().toString();
        QVERIFY2(text.startsWith(QStringLiteral("ALLO-329 in RESOLUTION\ntrial · no status found")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Ineligible")));
        QVERIFY(text.contains(QStringLiteral("OPT-ALLO329-HEM-01")));
        QVERIFY(!text.contains(QStringLiteral("ALLO-HEM-02"))); // replaced by the option
        QVERIFY(text.contains(QStringLiteral("Not encoded, check at screening: ")));
        QVERIFY(res.data(Qt::AccessibleTextRole).toString().startsWith(Labels::arm(allo)));
        // An approval is shown with its indication, never bare (options-2026.2.md §C: obe-cel is
        // approved in the EU for r/r B-ALL; for autoimmune disease it is investigational).
        const QString obecel = cellOf(m, pack, QStringLiteral("auto-obe-cel-carlysle")).data().toString();
        QVERIFY2(obecel.contains(QStringLiteral("approved (EU): conditional, adults ≥ 26 y with r/r B-ALL")),
            qPrintable(obecel));
        QVERIFY(obecel.contains(QStringLiteral("for AID investigational")));
        QVERIFY(!obecel.contains(QStringLiteral("approved (EU)\n")));

        // Every option shows its screening note beside its verdict; eligible ones first.
        int cells = 0;
        for (int c = 0; c < kArmCount; ++c) {
            int previous = -1;
            for (int r = 0; r < m->rowCount(); ++r) {
                const QModelIndex i = m->index(r, c);
                if (m->optionAt(r, c) < 0)
                    continue;
                ++cells;
                QVERIFY(i.data().toString().contains(QStringLiteral("check")));
                QVERIFY(i.data().toString().contains(QStringLiteral("at screening")));
                const int v = i.data(ComparisonModel::VerdictRole).toInt();
                QVERIFY(v >= previous);
                previous = v;
            }
        }
        QCOMPARE(cells, int(pack.options().size()));
        // FT819 (allogeneic) is eligible for E01 and so comes before RESOLUTION.
        QVERIFY(cellOf(m, pack, QStringLiteral("allo-ft819")).row() < res.row());
    }

    void drillDownPerOption()
    {
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        const QString id = importExample(*s, QStringLiteral("E01-sle-plt60"));
        QVERIFY(w.openCase(id));
        const RulePack &pack = s->engine().pack();
        QTableView *grid = w.comparison()->optionsGrid();
        const QModelIndex res
            = cellOf(w.comparison()->optionsModel(), pack, QStringLiteral("allo-allo-329-resolution"));
        QVERIFY(res.isValid());
        // By keyboard, as in the arm grid: the current cell and Enter.
        grid->setFocus();
        grid->setCurrentIndex(res);
        QTest::keyClick(grid, Qt::Key_Return);
        DrillDownDialog *d = w.drillDown();
        QVERIFY(d);
        QTRY_VERIFY(d->isVisible());
        const int o = pack.optionIndex(QStringLiteral("allo-allo-329-resolution"));
        QCOMPARE(d->model()->option(), o);
        QCOMPARE(find<QComboBox>(d, QStringLiteral("drillArm"))->currentData().toInt(), DrillDownDialog::optionItem(o));
        QVERIFY(find<QLabel>(d, QStringLiteral("drillVerdict"))->text().contains(QStringLiteral("Ineligible")));
        const QString info = find<QLabel>(d, QStringLiteral("drillOptionInfo"))->text();
        QVERIFY(info.startsWith(QStringLiteral("Not encoded, check at screening: ")));
        QVERIFY(info.contains(QStringLiteral("What would change this option's answer")));

        // Its effective criteria: the arm's not replaced (origin arm), then its own (origin option).
        CriteriaModel *cm = d->model();
        QStringList own;
        QStringList fromArm;
        for (int r = 0; r < cm->rowCount(); ++r) {
            const QString crit = cm->index(r, 0).data(CriteriaModel::CriterionRole).toString();
            (cm->index(r, 0).data(CriteriaModel::OriginRole).toString() == QLatin1String("option") ? own : fromArm)
                << crit;
        }
        QCOMPARE(own.size(), 6);
        QVERIFY(own.contains(QStringLiteral("OPT-ALLO329-HEM-01")));
        QVERIFY(!fromArm.contains(QStringLiteral("ALLO-HEM-02")));
        QVERIFY(!fromArm.isEmpty());
        QCOMPARE(cm->rowCount(), int(pack.options()[std::size_t(o)].effectiveCriteria.size()));
        // The deciding criterion is marked; "only what decides" leaves just it.
        find<QCheckBox>(d, QStringLiteral("onlyDeciding"))->setChecked(true);
        QCOMPARE(d->filter()->rowCount(), 1);
        QCOMPARE(d->filter()->index(0, 0).data(CriteriaModel::CriterionRole).toString(),
            QStringLiteral("OPT-ALLO329-HEM-01"));

        // Back to the arm: its own criteria, no option info.
        QVERIFY(choose(find<QComboBox>(d, QStringLiteral("drillArm")), int(Arm::AllogeneicCarT)));
        QCOMPARE(d->model()->option(), -1);
        QVERIFY(find<QLabel>(d, QStringLiteral("drillOptionInfo"))->isHidden());
    }

    void timelineAndToxicityPerOption()
    {
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        QVERIFY(w.openCase(importExample(*s, QStringLiteral("E01-sle-plt60"))));
        const RulePack &pack = s->engine().pack();
        const int tce = int(Arm::BispecificTce);

        // Timeline: BRASLE's administration (options-2026.2.md §C: a continuous infusion course)
        // replaces the bispecific lane; every arm's default shows no such phase.
        TimelineChart *timeline = w.timeline();
        timeline->resize(1200, 800);
        timeline->ensureBuilt();
        auto lanePhases = [&](int arm) {
            QStringList out;
            for (const TimelineChart::Segment &seg : timeline->segments())
                if (seg.arm == arm)
                    out << seg.phase->phase;
            return out;
        };
        QCOMPARE(timeline->option(), -1);
        QVERIFY(!lanePhases(tce).contains(QStringLiteral("infusion_course")));
        const int brasle = pack.optionIndex(QStringLiteral("tce-blinatumomab-brasle"));
        QVERIFY(choose(find<QComboBox>(timeline, QStringLiteral("timelineOption")), brasle));
        QCOMPARE(timeline->option(), brasle);
        QVERIFY2(lanePhases(tce).contains(QStringLiteral("infusion_course")),
            qPrintable(lanePhases(tce).join(QLatin1Char(','))));
        QVERIFY(timeline->categories().join(QLatin1Char('|')).contains(QStringLiteral("Blinatumomab in BRASLE")));
        // The other lanes keep their arms' defaults.
        QVERIFY(timeline->categories().join(QLatin1Char('|')).contains(Labels::arm(int(Arm::AutologousCarT))));
        // The new administration phases have their own words, not the raw id.
        auto laneLabels = [&](int arm) {
            QStringList out;
            for (const TimelineChart::Segment &seg : timeline->segments())
                if (seg.arm == arm)
                    out << seg.label;
            return out.join(QLatin1Char('|'));
        };
        QVERIFY2(laneLabels(tce).contains(QStringLiteral("Infusion course")), qPrintable(laneLabels(tce)));
        QVERIFY(!laneLabels(tce).contains(QStringLiteral("infusion_course")));
        const int cln = pack.optionIndex(QStringLiteral("tce-cln-978-sle"));
        QVERIFY(choose(find<QComboBox>(timeline, QStringLiteral("timelineOption")), cln));
        QVERIFY2(laneLabels(tce).contains(QStringLiteral("Injection")), qPrintable(laneLabels(tce)));
        Startup::setLanguage(QStringLiteral("de"));
        QCoreApplication::sendPostedEvents(); // the LanguageChange
        timeline->ensureBuilt(); // a hidden chart rebuilds when it is shown
        QTRY_VERIFY2(laneLabels(tce).contains(QStringLiteral("Injektion")), qPrintable(laneLabels(tce)));
        Startup::setLanguage(QStringLiteral("en"));
        QCoreApplication::sendPostedEvents();
        timeline->ensureBuilt();
        QVERIFY(choose(find<QComboBox>(timeline, QStringLiteral("timelineOption")), brasle));

        // Toxicity: Descartes-08's own "Overall safety" row (AURORA) shows only for the option.
        ToxicityChart *tox = w.toxicity();
        tox->resize(1200, 800);
        tox->ensureBuilt();
        auto risks = [&] {
            QStringList out;
            for (const ToxicityChart::Bar &b : tox->bars())
                out << b.risk;
            return out;
        };
        tox->setArm(int(Arm::AutologousCarT));
        QVERIFY(!risks().contains(QStringLiteral("Overall safety")));
        const int d08 = pack.optionIndex(QStringLiteral("auto-descartes-08-aurora"));
        QVERIFY(choose(find<QComboBox>(tox, QStringLiteral("toxicityArm")), ToxicityChart::optionItem(d08)));
        QVERIFY(risks().contains(QStringLiteral("Overall safety")));
        QVERIFY(tox->chart()->title().startsWith(QStringLiteral("Descartes-08 in AURORA")));
        tox->setArm(int(Arm::AutologousCarT));
        QVERIFY(!risks().contains(QStringLiteral("Overall safety")));
    }

    void siteAvailability()
    {
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        const QString id = importExample(*s, QStringLiteral("E01-sle-plt60"));
        QVERIFY(w.openCase(id));
        const RulePack &pack = s->engine().pack();
        OptionsModel *m = w.comparison()->optionsModel();
        // Not stated: the result's order, RESOLUTION (ineligible) after the eligible FT819 and CTA311.
        QCOMPARE(cellOf(m, pack, QStringLiteral("allo-allo-329-resolution")).row(), 2);

        // The setting: RESOLUTION offered here, CTA311 not offered.
        QTest::mouseClick(find<QPushButton>(w.comparison(), QStringLiteral("siteAvailabilityButton")), Qt::LeftButton);
        auto *dialog = find<SiteAvailabilityDialog>(w.comparison(), QStringLiteral("siteAvailabilityDialog"));
        QVERIFY(choose(find<QComboBox>(dialog, QStringLiteral("siteAvailability_allo-allo-329-resolution")),
            int(SiteOptions::Offered)));
        QVERIFY(choose(
            find<QComboBox>(dialog, QStringLiteral("siteAvailability_allo-cta311")), int(SiteOptions::NotOffered)));
        dialog->accept();

        // Offered first; not offered last, greyed but still evaluated (its verdict unchanged).
        const QModelIndex res = cellOf(m, pack, QStringLiteral("allo-allo-329-resolution"));
        QCOMPARE(res.row(), 0);
        QVERIFY(res.data().toString().contains(QStringLiteral("Offered at this centre")));
        QCOMPARE(res.data(ComparisonModel::VerdictRole).toInt(), int(Verdict::Ineligible));
        QVERIFY(!res.data(OptionsModel::UnavailableRole).toBool());
        const QModelIndex cta = cellOf(m, pack, QStringLiteral("allo-cta311"));
        QCOMPARE(cta.row(), 2);
        QVERIFY(cta.data(OptionsModel::UnavailableRole).toBool());
        QCOMPARE(cta.data(ComparisonModel::VerdictRole).toInt(), int(Verdict::Eligible)); // §E, E01
        QVERIFY(cta.data().toString().contains(QStringLiteral("Not offered")));
        // Kept in the database as the site setting (audited): a new window orders the same way,
        // and so does another session (workstation) on the same database.
        CaseWorkspace w2(*s);
        QVERIFY(w2.openCase(id));
        QCOMPARE(cellOf(w2.comparison()->optionsModel(), pack, QStringLiteral("allo-allo-329-resolution")).row(), 0);
        const auto stored = s->store().setting(SiteOptions::settingKey());
        QVERIFY(stored && stored.value());
        QCOMPARE(
            *stored.value(), QStringLiteral(R"({"allo-allo-329-resolution":"offered","allo-cta311":"not_offered"})"));
        const std::vector<AuditEntry> audit = s->store().audit().entries();
        QVERIFY(!audit.empty());
        QCOMPARE(audit.back().action, QStringLiteral("settings.changed"));
        QCOMPARE(audit.back().objectId, SiteOptions::settingKey());
        QVERIFY(s->store().audit().verify(s->store().dialect()).intact);
        // Another workstation's session on the same database reads the same setting.
        StoreError error;
        Session::Options other;
        other.databasePath = s->databasePath();
        other.writer = false;
        auto reader = Session::open(other, error);
        QVERIFY2(reader, qPrintable(error.message));
        QCOMPARE(reader->siteOptions().of(QStringLiteral("allo-cta311")), SiteOptions::NotOffered);
        QCOMPARE(reader->siteOptions().of(QStringLiteral("auto-kysa-8")), SiteOptions::NotStated);
    }

    void germanFollowsTheLanguage()
    {
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        QVERIFY(w.openCase(importExample(*s, QStringLiteral("E01-sle-plt60"))));
        const RulePack &pack = s->engine().pack();
        auto resolution = [&] {
            return cellOf(w.comparison()->optionsModel(), pack, QStringLiteral("allo-allo-329-resolution"))
                .data()
                .toString();
        };
        // German without opening the case again; "Option" is the German word for an arm already,
        // so an option is "Produkt/Studie" (ui/translations/consilium_de.ts).
        Startup::setLanguage(QStringLiteral("de"));
        QTRY_VERIFY2(resolution().contains(QStringLiteral("Studie · kein Status gefunden")), qPrintable(resolution()));
        QVERIFY(resolution().contains(QStringLiteral("Nicht geeignet")));
        QVERIFY(resolution().contains(QStringLiteral("Nicht kodiert, beim Screening prüfen: ")));
        // The pack's German screening note (options-2026.2.md §C, RESOLUTION), not the English one.
        QVERIFY2(resolution().contains(QStringLiteral("Blutwerte ohne Wachstumsfaktor")), qPrintable(resolution()));
        QVERIFY(!resolution().contains(QStringLiteral("Counts without growth factor")));
        QCOMPARE(
            w.comparison()->optionsModel()->headerData(0, Qt::Vertical).toString(), QStringLiteral("Produkt/Studie 1"));
        QCOMPARE(find<QPushButton>(w.comparison(), QStringLiteral("siteAvailabilityButton"))->text(),
            QStringLiteral("Verfügbar&keit am Zentrum…"));
        Startup::setLanguage(QStringLiteral("en"));
        QTRY_VERIFY(resolution().contains(QStringLiteral("trial · no status found")));
    }
};

QTEST_MAIN(TestOptionViews)
#include "tst_option_views.moc"
