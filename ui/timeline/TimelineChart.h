// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

#include <vector>

class QBarSet;
class QChart;
class QChartView;

namespace consilium {

struct Evaluation;

// Logistics timeline: one lane per arm from day 0 (the as-of date), phases as coloured
// segments, the earliest start marked. Qt 6.4 Charts has no Gantt series, so this is a
// horizontal stacked bar series with a transparent offset segment before each phase;
// overlapping phases of an arm go to extra rows of that arm's lane.
class TimelineChart : public QWidget
{
    Q_OBJECT

public:
    explicit TimelineChart(QWidget *parent = nullptr);

    void setEvaluation(const Evaluation *evaluation);
    QChart *chart() const;
    QChartView *view() const noexcept { return m_view; }
    // The tooltip of a segment (row = chart category, set = bar set index); empty if none.
    QString tooltipFor(int row, int set) const;
    QStringList categories() const { return m_categories; }
    int phaseSetCount() const;

    void ensureBuilt(); // rebuilds now if an update waits for the chart to be shown

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    struct Segment {
        QString tooltip;
    };
    void rebuild();

    QChartView *m_view = nullptr;
    const Evaluation *m_eval = nullptr;
    bool m_dirty = false;
    QStringList m_categories;
    std::vector<QBarSet *> m_sets;
    std::vector<std::vector<QString>> m_tips; // [set][row]
    std::vector<bool> m_isPhaseSet;
};

} // namespace consilium
