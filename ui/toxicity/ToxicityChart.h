// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Proportion.h"
#include "timeline/ChartSupport.h"

#include <QWidget>

#include <vector>

class QBarSeries;
class QBarSet;
class QChart;
class QChartView;
class QComboBox;
class QLineSeries;
class QSplitter;

namespace consilium {

class Evaluation;
class LocalOutcomesView;
class Session;

// Toxicity of one arm, or of one of its options (Evaluation::optionToxicity: the arm's rows with
// the option's platform facts, then the option's own; docs/result-format.md#options): grouped bars per risk, the
// autoimmune-disease cohort beside the oncology reference (ResultText::toxicityFigure, the numbers the grid and the
// reports show), "k/n" on every bar, the 95% Wilson interval as an error bar, "not found" as a label at the baseline
// (never a bar), and a tooltip with population, follow-up and source.
class ToxicityChart : public QWidget
{
    Q_OBJECT

public:
    explicit ToxicityChart(QWidget *parent = nullptr);

    void setEvaluation(const Evaluation *evaluation);
    void setArm(int arm);
    void setOption(int option); // index into RulePack::options()
    // The selector's item data of an option (arms are 0 … kArmCount − 1).
    static int optionItem(int option) { return kOptionItem + option; }
    void setGrade3(bool grade3);
    QChart *chart() const;
    QChartView *view() const noexcept { return m_view; }
    // Below the chart: the site's own outcomes of the chosen arm beside the published rates
    // (issue 14), read from `session`'s follow-up records.
    LocalOutcomesView *localOutcomes() const noexcept { return m_local; }
    void setSession(Session *session);

    struct Bar {
        QString risk;
        bool oncology = false;
        ToxicityFigure figure; // not found: no bar, a label at the baseline
        QString label; // "1/1", "not found"
        QString tooltip;
        QLineSeries *errorBar = nullptr; // the 95% interval, if any
    };
    const std::vector<Bar> &bars() const noexcept { return m_bars; }

    // Fills `chart` (any previous content removed) with the toxicity of one arm, or of `option`
    // (≥ 0) of that arm. The bar labels follow the chart's plot area (on screen and when the
    // chart is rendered for print).
    static std::vector<Bar> populate(
        QChart *chart, const Evaluation *evaluation, int arm, bool grade3, const ChartStyle &style, int option = -1);

    void ensureBuilt(); // rebuilds now if an update waits for the chart to be shown

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    static constexpr int kOptionItem = 100;
    void fillSelector();
    void rebuild();

    QComboBox *m_armBox = nullptr;
    QComboBox *m_metric = nullptr;
    QChartView *m_view = nullptr;
    LocalOutcomesView *m_local = nullptr;
    QSplitter *m_split = nullptr; // the chart above, the site's outcomes below
    bool m_splitSized = false;
    const Evaluation *m_eval = nullptr;
    bool m_dirty = false;
    std::vector<Bar> m_bars; // category-major: risk i -> bars 2i (AID), 2i+1 (oncology)
};

} // namespace consilium
