// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include <vector>

class QBarSeries;
class QBarSet;
class QChart;
class QChartView;
class QComboBox;
class QGraphicsItem;

namespace consilium {

struct Evaluation;
struct ToxicityEntry;

// Toxicity of one arm: grouped bars per risk, the largest autoimmune-disease cohort beside
// the oncology reference, "n=…" on every bar, hatched bars where there are no data (NF)
// instead of a zero, and a tooltip with population, follow-up and source.
class ToxicityChart : public QWidget
{
    Q_OBJECT

public:
    explicit ToxicityChart(QWidget *parent = nullptr);

    void setEvaluation(const Evaluation *evaluation);
    void setArm(int arm);
    void setGrade3(bool grade3);
    QChart *chart() const;
    QChartView *view() const noexcept { return m_view; }

    struct Bar {
        QString risk;
        bool oncology = false;
        const ToxicityEntry *entry = nullptr; // null: no data
        double percent = 0;
        bool noData = false;
        QString label; // "n=15"
        QString tooltip;
    };
    const std::vector<Bar> &bars() const noexcept { return m_bars; }

    void ensureBuilt(); // rebuilds now if an update waits for the chart to be shown

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void rebuild();
    void placeOverlays();

    QComboBox *m_armBox = nullptr;
    QComboBox *m_metric = nullptr;
    QChartView *m_view = nullptr;
    QBarSeries *m_series = nullptr;
    const Evaluation *m_eval = nullptr;
    bool m_dirty = false;
    std::vector<Bar> m_bars; // category-major: risk i -> bars 2i (AID), 2i+1 (oncology)
    std::vector<QGraphicsItem *> m_overlays;
};

} // namespace consilium
