// SPDX-License-Identifier: GPL-3.0-or-later
// The comparison grid and what hangs off it: verdict texts (never a plain ✓ with unchecked
// cautions), the drill-down with "only what decides", derived values with applicability,
// the as-of banner, the timeline and toxicity charts, palette changes.
#include "UiTestSupport.h"

#include "common/Labels.h"
#include "compare/ComparisonModel.h"
#include "compare/ComparisonView.h"
#include "compare/CriteriaModel.h"
#include "compare/DerivedModel.h"
#include "compare/DrillDownDialog.h"
#include "compare/ResultText.h"
#include "editor/CaseEditor.h"
#include "engine/Engine.h"
#include "reports/ConferenceReport.h"
#include "reports/PatientHandout.h"
#include "shell/CaseWorkspace.h"
#include "shell/Startup.h"
#include "timeline/TimelineChart.h"
#include "toxicity/ToxicityChart.h"

#include <QAbstractItemModelTester>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QCheckBox>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QHorizontalStackedBarSeries>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QScatterSeries>
#include <QTableView>

#include <QTextDocument>
#include <set>

using namespace consilium;
using namespace consilium::test;

class TestComparison : public QObject
{
    Q_OBJECT

private:
    // With CONSILIUM_TEST_SHOTS=DIR, the charts are saved there to be looked at.
    static void saveShot(QWidget *w, const char *name)
    {
        const QString dir = qEnvironmentVariable("CONSILIUM_TEST_SHOTS");
        if (dir.isEmpty())
            return;
        QCoreApplication::processEvents(); // the chart lays out
        w->grab().save(dir + QLatin1Char('/') + QLatin1String(name));
    }

    static QString cell(CaseWorkspace &w, int row, int arm)
    {
        return w.comparison()->model()->index(row, arm).data().toString();
    }

private Q_SLOTS:
    void verdictTexts()
    {
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        new QAbstractItemModelTester(
            w.comparison()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest, &w);
        QVERIFY(w.openCase(QStringLiteral("V08b-gilbert-true")));
        // Eligible with a caution whose input is unknown: never a plain ✓.
        const QString autoVerdict = cell(w, ComparisonModel::VerdictRow, 0);
        QCOMPARE(autoVerdict, QStringLiteral("✓ Eligible · 1 caution not yet checked"));
        QVERIFY(
            cell(w, ComparisonModel::Missing, 0).contains(QStringLiteral("for cautions: Travel time to the centre")));
        QVERIFY(w.comparison()->model()->index(0, 0).data(Qt::DecorationRole).isValid()); // the ✓ icon too

        QVERIFY(w.openCase(QStringLiteral("V02-spec-example")));
        QVERIFY(cell(w, ComparisonModel::VerdictRow, 0).startsWith(QStringLiteral("? Undetermined")));
        QCOMPARE(w.comparison()->model()->index(0, 0).data(ComparisonModel::VerdictRole).toInt(),
            int(Verdict::Undetermined));
        QVERIFY(cell(w, ComparisonModel::VerdictRow, 3).startsWith(QStringLiteral("⚠ Eligible, 1 caution")));
        QVERIFY(cell(w, ComparisonModel::DecidedBy, 3).contains(QStringLiteral("SOC-GC-01")));
        QVERIFY(w.comparison()->whatWouldChangeText().contains(QStringLiteral("What would change the answer:")));
        QVERIFY(w.comparison()->whatWouldChangeText().contains(QStringLiteral("settles 3 arms")));
        // Every number with its source: inpatient days carry their citation in the tooltip.
        const QString tip
            = w.comparison()->model()->index(ComparisonModel::Inpatient, 0).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("Source:")), qPrintable(tip));
        // AID rates never without n; oncology figures labelled.
        const QString risks = cell(w, ComparisonModel::Risks, 0);
        QVERIFY2(risks.contains(QStringLiteral("/15")), qPrintable(risks));
        const QString allRisks
            = w.comparison()->model()->index(ComparisonModel::Risks, 0).data(Qt::ToolTipRole).toString();
        QVERIFY(allRisks.contains(QStringLiteral("oncology reference")));
        QVERIFY(cell(w, ComparisonModel::Evidence, 0).contains(QStringLiteral("n ≤")));
    }

    void drillDown()
    {
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        w.resize(1300, 900);
        w.show();
        QVERIFY(w.openCase(QStringLiteral("V02-spec-example")));
        w.tabs()->setCurrentIndex(CaseWorkspace::CompareTab);
        QTableView *grid = w.comparison()->grid();
        const QRect r = grid->visualRect(grid->model()->index(ComparisonModel::VerdictRow, 0));
        QTest::mouseClick(grid->viewport(), Qt::LeftButton, {}, r.center());
        DrillDownDialog *d = w.drillDown();
        QVERIFY(d);
        QTRY_VERIFY(d->isVisible());
        new QAbstractItemModelTester(d->model(), QAbstractItemModelTester::FailureReportingMode::QtTest, d);
        auto *only = find<QCheckBox>(d, QStringLiteral("onlyDeciding"));
        QVERIFY(only->isChecked());
        const auto &deciding = w.evaluation()->group(Arm::AutologousCarT).deciding;
        QCOMPARE(d->filter()->rowCount(), int(deciding.size()));
        QTest::mouseClick(only, Qt::LeftButton, {}, QPoint(4, only->height() / 2));
        QVERIFY(!only->isChecked());
        QVERIFY(d->filter()->rowCount() > int(deciding.size()));
        // Every criterion with state, explanation, inputs with units, source and evidence.
        bool sawRenal = false;
        for (int row = 0; row < d->model()->rowCount(); ++row) {
            QVERIFY(!d->model()->index(row, CriteriaModel::Source).data().toString().isEmpty());
            QVERIFY(!d->model()->index(row, CriteriaModel::EvidenceCode).data().toString().isEmpty());
            if (d->model()->index(row, CriteriaModel::Id).data().toString() == QLatin1String("AUTO-RENAL-01")) {
                sawRenal = true;
                QVERIFY(d->model()
                            ->index(row, CriteriaModel::Explanation)
                            .data()
                            .toString()
                            .contains(QStringLiteral("85.5")));
                QVERIFY(d->model()
                            ->index(row, CriteriaModel::Inputs)
                            .data()
                            .toString()
                            .contains(QStringLiteral("mL/min/1.73 m²")));
                QCOMPARE(d->model()->index(row, CriteriaModel::State).data(CriteriaModel::StateRole).toInt(),
                    int(CriterionState::Met));
            }
        }
        QVERIFY(sawRenal);
        // Enter on the "Missing data" cell of another arm shows its unknown criteria.
        grid->setFocus();
        grid->setCurrentIndex(grid->model()->index(ComparisonModel::Missing, 1));
        QTest::keyClick(grid, Qt::Key_Return);
        QCOMPARE(d->model()->arm(), 1);
        for (int row = 0; row < d->filter()->rowCount(); ++row)
            QCOMPARE(d->filter()->index(row, 0).data(CriteriaModel::StateRole).toInt(), int(CriterionState::Unknown));
        // The drill-down follows edits.
        w.tabs()->setCurrentIndex(CaseWorkspace::DataTab);
        auto *creat = find<QLineEdit>(w.editor(), QStringLiteral("value_creatinine"));
        creat->selectAll();
        QTest::keyClicks(creat, QStringLiteral("400"));
        w.evaluateNow();
        QVERIFY(d->filter()->rowCount() >= 0);
    }

    // Issue 12, pack texts in more than one language (resources/packs/FORMAT.md): the German
    // interface shows the pack's German text in the drill-down, the derived values and the
    // conference report; a text the pack has only in English is marked "[EN]"; the English
    // interface shows the English text, unmarked, exactly as the result writes it.
    void packTextsFollowTheLanguage()
    {
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        w.resize(1300, 900);
        w.show();
        QVERIFY(w.openCase(QStringLiteral("V02-spec-example")));
        w.evaluateNow();
        QVERIFY(w.evaluation());
        QCoreApplication::processEvents();
        const RulePack &pack = s->engine().pack();
        int renal = -1;
        for (std::size_t i = 0; i < pack.criteria().size(); ++i) {
            if (pack.criteria()[i].id == QLatin1String("AUTO-RENAL-01"))
                renal = int(i);
        }
        QVERIFY(renal >= 0);
        // From the pack's templates (AUTO-RENAL-01 "explanation" en/de) and V02's eGFR 85.5.
        const QString english = QStringLiteral("eGFR 85.5 mL/min/1.73 m² (required ≥ 30); fludarabine band 100%");
        const QString german
            = QStringLiteral("eGFR 85.5 mL/min/1.73 m² (≥ 30 erforderlich); Fludarabin-Dosisstufe 100%");
        auto drillDownText = [&]() -> QString {
            w.tabs()->setCurrentIndex(CaseWorkspace::CompareTab);
            QTableView *grid = w.comparison()->grid();
            grid->setFocus();
            grid->setCurrentIndex(grid->model()->index(ComparisonModel::VerdictRow, 0));
            QTest::keyClick(grid, Qt::Key_Return);
            DrillDownDialog *d = w.drillDown();
            if (!d)
                return {};
            for (int row = 0; row < d->model()->rowCount(); ++row) {
                if (d->model()->index(row, CriteriaModel::Id).data().toString() == QLatin1String("AUTO-RENAL-01"))
                    return d->model()->index(row, CriteriaModel::Explanation).data().toString();
            }
            return {};
        };
        auto derivedRow = [&](const QString &id) {
            auto *table = find<QTableView>(w.comparison(), QStringLiteral("derivedTable"));
            const auto &defs = pack.derived();
            for (std::size_t i = 0; i < defs.size(); ++i) {
                if (defs[i].id == id)
                    return std::make_pair(table->model()->index(int(i), DerivedModel::NameColumn).data().toString(),
                        table->model()->index(int(i), DerivedModel::ApplicabilityColumn).data().toString());
            }
            return std::make_pair(QString(), QString());
        };
        auto reportText = [&] {
            QTextDocument report;
            ReportInput in;
            in.engine = &w.evaluation()->engine();
            in.copyEvaluation(w.evaluation()); // the workspace may evaluate again while the report is built
            in.document = w.document();
            ConferenceReport::build(in, report);
            return report.toPlainText();
        };
        QVERIFY(!reportText().contains(QStringLiteral("[EN]")));
        QCOMPARE(drillDownText(), english);
        QCOMPARE(w.evaluation()->explanationText(renal), english);
        QCOMPARE(derivedRow(QStringLiteral("crcl_cockcroft_gault")).first,
            QStringLiteral("Creatinine clearance (Cockcroft-Gault)"));
        QVERIFY(!reportText().contains(QStringLiteral("[EN]")));

        Startup::setLanguage(QStringLiteral("de"));
        QCOMPARE(ResultText::packLanguage(), QStringLiteral("de"));
        QCOMPARE(drillDownText(), german);
        const auto crcl = derivedRow(QStringLiteral("crcl_cockcroft_gault"));
        QCOMPARE(crcl.first, QStringLiteral("Kreatinin-Clearance (Cockcroft-Gault)"));
        // The pack now gives this note in German too (a text in English only is shown marked "[EN]":
        // tst_pack_german, pathTextFallsBackMarked, on a copy of the pack without this German note).
        QVERIFY2(crcl.second.startsWith(QStringLiteral("Tatsächliches Körpergewicht")), qPrintable(crcl.second));
        QVERIFY2(!crcl.second.contains(QStringLiteral("[EN]")), qPrintable(crcl.second));
        QCOMPARE(
            derivedRow(QStringLiteral("egfr_ckd_epi_2021")).second, QStringLiteral("Bei Erwachsenen validiert (≥ 18)"));
        const QString report = reportText();
        // A deciding criterion, with the interface's words for values not known (V02 has no DLCO, FVC).
        QVERIFY2(
            report.contains(QStringLiteral("DLCO nicht erhoben und FVC unbekannt (erforderlich DLCO ≥ 40, FVC ≥ 50)")),
            qPrintable(report));
        QVERIFY(report.contains(QStringLiteral("Serumkreatinin")));
        // The engine's result stays English whatever the interface language.
        QCOMPARE(w.evaluation()->explanationText(renal), english);

        Startup::setLanguage(QStringLiteral("en"));
        QCOMPARE(drillDownText(), english);
        QVERIFY(!derivedRow(QStringLiteral("crcl_cockcroft_gault")).second.contains(QStringLiteral("[EN]")));
        QVERIFY(!reportText().contains(QStringLiteral("[EN]")));
    }

    void derivedValues()
    {
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        QVERIFY(w.openCase(QStringLiteral("V01-sle-ln-si-units")));
        auto *table = find<QTableView>(w.comparison(), QStringLiteral("derivedTable"));
        QAbstractItemModel *m = table->model();
        new QAbstractItemModelTester(m, QAbstractItemModelTester::FailureReportingMode::QtTest, &w);
        bool egfr = false, hematotox = false;
        for (int r = 0; r < m->rowCount(); ++r) {
            const QString name = m->index(r, DerivedModel::NameColumn).data().toString();
            if (name.startsWith(QStringLiteral("eGFR"))) {
                egfr = true;
                QCOMPARE(
                    m->index(r, DerivedModel::ResultColumn).data().toString(), QStringLiteral("85.5 mL/min/1.73 m²"));
                QVERIFY(m->index(r, DerivedModel::FormulaColumn).data().toString().contains(QStringLiteral("Inker")));
                QVERIFY(m->index(r, DerivedModel::InputsColumn)
                            .data()
                            .toString()
                            .contains(QStringLiteral("Serum creatinine = 0.9")));
            }
            if (name == QLatin1String("CAR-HEMATOTOX")) {
                hematotox = true;
                QVERIFY(
                    m->index(r, DerivedModel::ApplicabilityColumn).data().toString().startsWith(QStringLiteral("⚠")));
                QVERIFY(m->index(r, 0).data(DerivedModel::WarningRole).toBool());
            }
        }
        QVERIFY(egfr);
        QVERIFY(hematotox);
    }

    void asOfBanner()
    {
        Env env;
        auto s = env.session(true, QDate(2026, 11, 25));
        CaseWorkspace w(*s);
        w.show();
        auto *banner = find<QLabel>(&w, QStringLiteral("asOfBanner"));
        QVERIFY(w.openCase(QStringLiteral("V01-sle-ln-si-units")));
        QVERIFY(!banner->isVisible()); // as of = today
        s->setToday([] { return QDate(2027, 1, 10); });
        QVERIFY(w.openCase(QStringLiteral("V02-spec-example")));
        QVERIFY(banner->isVisible());
        QVERIFY(banner->text().contains(QStringLiteral("not today")));
        // A new case starts as of today.
        w.newCase();
        QCOMPARE(w.document()->asOf(), QDate(2027, 1, 10));
        QVERIFY(!banner->isVisible());
    }

    void charts()
    {
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        w.resize(1300, 900);
        w.show();
        QVERIFY(w.openCase(QStringLiteral("V01-sle-ln-si-units")));
        w.tabs()->setCurrentIndex(CaseWorkspace::TimelineTab);
        TimelineChart *t = w.timeline();
        t->ensureBuilt();
        QVERIFY(t->categories().contains(QStringLiteral("Autologous CAR T")));
        QVERIFY(t->phaseSetCount() >= 10);
        // Tooltips carry the phase's evidence note.
        bool evidence = false;
        for (int set = 0; set < 60 && !evidence; ++set) {
            for (int row = 0; row < t->categories().size(); ++row)
                evidence = evidence || t->tooltipFor(row, set).contains(QStringLiteral("Evidence:"));
        }
        QVERIFY(evidence);
        QCOMPARE(t->chart()->series().size() >= 2, true); // bars + earliest-start markers
        saveShot(t, "timeline.png");

        // Issue 10 item 11: every phase, on every row of a lane, is labelled on the chart beside
        // its bar, with a tooltip giving its dates and evidence note.
        QCOMPARE(t->segments().size(), [&w] {
            std::size_t n = 0;
            for (const Arm arm : kArms)
                n += w.evaluation()->timeline(arm).phases.size();
            return n;
        }());
        QStringList chartTexts;
        for (QGraphicsItem *item : t->chart()->childItems()) {
            if (auto *text = dynamic_cast<QGraphicsSimpleTextItem *>(item); text && text->isVisible())
                chartTexts << text->text();
        }
        std::set<int> labelledRows;
        const QDate asOf = w.evaluation()->caseData().asOf;
        for (const TimelineChart::Segment &seg : t->segments()) {
            QVERIFY(seg.phase);
            QVERIFY2(seg.label.startsWith(Labels::phase(seg.phase->phase)), qPrintable(seg.label));
            QVERIFY2(chartTexts.contains(seg.label), qPrintable(seg.label));
            QVERIFY(seg.labelItem && seg.labelItem->toolTip() == seg.tooltip);
            QVERIFY2(
                seg.tooltip.contains(ResultText::date(asOf.addDays(seg.phase->startDay))), qPrintable(seg.tooltip));
            if (seg.phase->endDay)
                QVERIFY2(
                    seg.tooltip.contains(ResultText::date(asOf.addDays(*seg.phase->endDay))), qPrintable(seg.tooltip));
            else
                QVERIFY(seg.tooltip.contains(QStringLiteral("end not given by the evidence (NF)")));
            if (!seg.phase->note.isEmpty())
                QVERIFY(seg.tooltip.contains(seg.phase->note));
            QVERIFY(seg.tooltip.contains(QStringLiteral("Evidence: ") + seg.phase->evidence));
            labelledRows.insert(seg.row);
            // The bar itself has the same tooltip.
            bool barTip = false;
            for (int set = 0; set < 60 && !barTip; ++set)
                barTip = t->tooltipFor(seg.row, set) == seg.tooltip;
            QVERIFY(barTip);
        }
        // The sub-lanes (rows without the arm's name) are labelled too.
        int subLanes = 0;
        for (int row = 0; row < t->categories().size(); ++row) {
            if (t->categories()[row].trimmed().remove(QChar(0x200B)).isEmpty()) {
                ++subLanes;
                QVERIFY2(labelledRows.count(row), qPrintable(QString::number(row)));
            }
        }
        QVERIFY(subLanes >= 5);
        // The autologous leukapheresis: 8 Dec 2026 (day 13), as the engine dates it.
        bool leuka = false;
        for (const TimelineChart::Segment &seg : t->segments())
            leuka = leuka
                || (seg.arm == 0 && seg.phase->phase == QLatin1String("leukapheresis")
                    && seg.tooltip.contains(QStringLiteral("8 Dec 2026 to 9 Dec 2026 (day 13 to 14)")));
        QVERIFY(leuka);

        w.tabs()->setCurrentIndex(CaseWorkspace::ToxicityTab);
        ToxicityChart *x = w.toxicity();
        x->ensureBuilt();
        QVERIFY(!x->bars().empty());
        bool nf = false, n15 = false;
        for (const auto &b : x->bars()) {
            QVERIFY(!b.label.isEmpty()); // k/n on every bar (or "not found")
            QVERIFY(!b.tooltip.isEmpty()); // with its source
            nf = nf || !b.figure.found;
            n15 = n15 || b.label == QLatin1String("11/15");
            if (b.figure.found)
                QVERIFY(b.tooltip.contains(QStringLiteral("Source:")));
        }
        QVERIFY(nf);
        QVERIFY(n15);
        x->setArm(1);
        QVERIFY(!x->bars().empty());
        saveShot(x, "toxicity-allogeneic.png");
    }

    // Issue 10 item 9: proportions with their 95% Wilson interval and "k/n" on every bar; "not
    // found" is a label at the baseline, never a bar; the grid, the chart, the report and the
    // handout show the same numbers for the same row.
    void toxicityFiguresAgree()
    {
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        w.resize(1300, 900);
        w.show();
        QVERIFY(w.openCase(QStringLiteral("V01-sle-ln-si-units")));
        w.tabs()->setCurrentIndex(CaseWorkspace::ToxicityTab);
        ToxicityChart *x = w.toxicity();
        x->setArm(2); // bispecific: CRS 1 of 1 (BS-06), the n = 6 series without a rate (BS-12), ICANS NF
        QCoreApplication::processEvents();
        saveShot(x, "toxicity-bispecific.png");

        const auto bar = [x](const QString &risk, bool oncology) -> const ToxicityChart::Bar * {
            for (const auto &b : x->bars()) {
                if (b.risk == risk && b.oncology == oncology)
                    return &b;
            }
            return nullptr;
        };
        // 1 of 1: 100% with its interval, 20.7%–100% (Wilson; computed independently).
        const ToxicityChart::Bar *crs = bar(QStringLiteral("CRS"), false);
        QVERIFY(crs);
        QCOMPARE(crs->label, QStringLiteral("1/1"));
        QVERIFY(crs->errorBar);
        const QList<QPointF> whisker = crs->errorBar->points();
        double lo = 1000, hi = -1;
        for (const QPointF &p : whisker) {
            lo = std::min(lo, p.y());
            hi = std::max(hi, p.y());
        }
        QVERIFY2(std::abs(lo - 20.6549) < 0.001 && hi == 100.0, qPrintable(QStringLiteral("%1 %2").arg(lo).arg(hi)));

        // Not found: no bar (the set's value is 0 and there is no error bar), a label instead.
        const ToxicityChart::Bar *icans = bar(QStringLiteral("ICANS"), false);
        QVERIFY(icans);
        QVERIFY(!icans->figure.found);
        QCOMPARE(icans->label, QStringLiteral("not found"));
        QVERIFY(!icans->errorBar);
        const QBarSeries *series = nullptr;
        int lines = 0;
        for (QAbstractSeries *a : x->chart()->series()) {
            if (auto *b = qobject_cast<QBarSeries *>(a))
                series = b;
            lines += qobject_cast<QLineSeries *>(a) != nullptr;
        }
        QVERIFY(series);
        const QStringList risks = ResultText::toxicityRisks(*w.evaluation(), 2);
        const QBarSet *aid = series->barSets().at(0);
        QCOMPARE(aid->count(), risks.size());
        QCOMPARE(aid->at(int(risks.indexOf(QStringLiteral("ICANS")))), 0.0);
        QCOMPARE(aid->at(int(risks.indexOf(QStringLiteral("CRS")))), 100.0);
        int intervals = 0;
        for (const auto &b : x->bars()) {
            intervals += b.errorBar != nullptr;
            QCOMPARE(b.errorBar != nullptr, b.figure.found && b.figure.n > 0);
            if (!b.figure.found)
                QCOMPARE((b.oncology ? series->barSets().at(1) : aid)->at(int(risks.indexOf(b.risk))), 0.0);
        }
        QCOMPARE(lines, intervals);
        // The labels on the chart itself: "k/n" and "not found"; no hatched placeholder bars.
        QStringList texts;
        for (QGraphicsItem *item : x->chart()->childItems()) {
            if (auto *t = dynamic_cast<QGraphicsSimpleTextItem *>(item))
                texts << t->text().simplified();
            if (auto *r = dynamic_cast<QGraphicsRectItem *>(item))
                QVERIFY(r->brush().style() != Qt::BDiagPattern);
        }
        QVERIFY2(texts.contains(QStringLiteral("1/1")), qPrintable(texts.join(QLatin1Char('|'))));
        QVERIFY2(texts.contains(QStringLiteral("not found")), qPrintable(texts.join(QLatin1Char('|'))));

        // The grid says the same: 1/1 with the interval (not "n=6").
        const QString grid = cell(w, ComparisonModel::Risks, 2);
        QVERIFY2(grid.contains(QStringLiteral("CRS 1/1 (95% CI 20.7–100%)")), qPrintable(grid));
        QVERIFY2(!grid.contains(QStringLiteral("n=6")), qPrintable(grid));
        // So do the conference report and the patient handout.
        QTextDocument report;
        ReportInput in;
        in.engine = &w.evaluation()->engine();
        in.copyEvaluation(w.evaluation());
        in.document = w.document();
        ConferenceReport::build(in, report);
        const QString reportText = report.toPlainText();
        QVERIFY2(reportText.contains(QStringLiteral("CRS 1/1 (95% CI 20.7–100%)")), qPrintable(reportText));
        QTextDocument handout;
        PatientHandout::build(s->engine(), *w.evaluation(), {}, handout);
        const QString handoutText = handout.toPlainText().simplified();
        QVERIFY2(handoutText.contains(QStringLiteral("1 of 1 people in studies (could be 21 to 100 in 100)")),
            qPrintable(handoutText));
        // The autologous arm: 11 of 15 everywhere (73.3%, 95% CI 48.0–89.1%).
        QVERIFY2(cell(w, ComparisonModel::Risks, 0).contains(QStringLiteral("CRS 11/15 (95% CI 48–89.1%)")),
            qPrintable(cell(w, ComparisonModel::Risks, 0)));
        QVERIFY(reportText.contains(QStringLiteral("CRS 11/15 (95% CI 48–89.1%)")));
        QVERIFY(handoutText.contains(QStringLiteral("11 of 15 people in studies (could be 48 to 89 in 100)")));
        x->setArm(0);
        QVERIFY(
            bar(QStringLiteral("CRS"), false) && bar(QStringLiteral("CRS"), false)->label == QLatin1String("11/15"));
    }

    // Issue 10 item 7: an ineligible arm shows no earliest start or time to treatment in the grid,
    // the report or the handout; the dates stay available in the tooltip and the drill-down.
    void ineligibleArmHasNoStartDate()
    {
        {
            // The timeline says so on the lane and marks no earliest start for it.
            Env env;
            auto s = env.session();
            CaseWorkspace w(*s);
            w.show();
            QVERIFY(w.openCase(QStringLiteral("V05-iim-pregnant")));
            w.tabs()->setCurrentIndex(CaseWorkspace::TimelineTab);
            w.timeline()->ensureBuilt();
            QVERIFY(
                w.timeline()->categories().contains(QStringLiteral("Bispecific T-cell engager (TCE) — ineligible")));
            for (QAbstractSeries *a : w.timeline()->chart()->series()) {
                if (auto *stars = qobject_cast<QScatterSeries *>(a)) {
                    for (const QPointF &p : stars->points())
                        QVERIFY2(!w.timeline()->categories()[int(p.y())].contains(QStringLiteral("ineligible")),
                            qPrintable(w.timeline()->categories()[int(p.y())]));
                }
            }
        }
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        w.show();
        QVERIFY(w.openCase(QStringLiteral("V05-iim-pregnant"))); // bispecific: ineligible, washout to 8 Dec 2026
        QVERIFY(w.evaluation()->group(Arm::BispecificTce).verdict == Verdict::Ineligible);
        QCOMPARE(w.evaluation()->earliestStart(Arm::BispecificTce), QDate(2026, 12, 8));
        QCOMPARE(cell(w, ComparisonModel::EarliestStart, 2), QStringLiteral("— (ineligible)"));
        QCOMPARE(cell(w, ComparisonModel::ToTreatment, 2), QStringLiteral("— (ineligible)"));
        const QString tip
            = w.comparison()->model()->index(ComparisonModel::EarliestStart, 2).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("8 Dec 2026")), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("Ineligible")), qPrintable(tip));
        // An eligible arm keeps its date (standard care: now).
        QVERIFY(w.evaluation()->group(Arm::StandardCare).verdict != Verdict::Ineligible);
        QVERIFY(!cell(w, ComparisonModel::EarliestStart, 3).contains(QStringLiteral("ineligible")));
        // The drill-down has the date.
        w.openDrillDown(2, ComparisonModel::EarliestStart);
        const QString timing = find<QLabel>(w.drillDown(), QStringLiteral("drillTiming"))->text();
        QVERIFY2(timing.contains(QStringLiteral("8 Dec 2026")), qPrintable(timing));
        QVERIFY2(timing.contains(QStringLiteral("~")) && timing.contains(QStringLiteral("day")), qPrintable(timing));
        w.drillDown()->close();
        // The report's comparison: no start date for the ineligible arm.
        QTextDocument report;
        ReportInput in;
        in.engine = &w.evaluation()->engine();
        in.copyEvaluation(w.evaluation());
        in.document = w.document();
        ConferenceReport::build(in, report);
        const QString text = report.toPlainText();
        const qsizetype from = text.indexOf(QStringLiteral("Earliest start"));
        const qsizetype to = text.indexOf(QStringLiteral("Inpatient"), from);
        QVERIFY(from > 0 && to > from);
        const QString rows = text.mid(from, to - from);
        QVERIFY2(rows.count(QStringLiteral("— (ineligible)")) >= 2, qPrintable(rows));
        QVERIFY2(!rows.contains(QStringLiteral("8 Dec 2026")), qPrintable(rows));
        // The handout: no "days until treatment" for what is not possible.
        QTextDocument handout;
        PatientHandout::build(s->engine(), *w.evaluation(), {}, handout);
        QVERIFY(handout.toPlainText().contains(QStringLiteral("Does not apply: not possible for you at the moment.")));
    }

    void paletteChange()
    {
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        w.show();
        QVERIFY(w.openCase(QStringLiteral("V02-spec-example")));
        w.tabs()->setCurrentIndex(CaseWorkspace::TimelineTab);
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
        dark.setColor(QPalette::Base, QColor(0x18, 0x18, 0x18));
        dark.setColor(QPalette::Text, Qt::white);
        dark.setColor(QPalette::WindowText, Qt::white);
        w.setPalette(dark);
        QCoreApplication::processEvents();
        QCOMPARE(w.timeline()->chart()->backgroundBrush().color(), QColor(0x18, 0x18, 0x18));
        QVERIFY(!w.grab().isNull());
    }
};

QTEST_MAIN(TestComparison)
#include "tst_comparison.moc"
