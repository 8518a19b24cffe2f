// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "timeline/ChartSupport.h"

#include <QWidget>

#include <vector>

class QBarSet;
class QChart;
class QChartView;
class QComboBox;
class QGraphicsSimpleTextItem;

namespace consilium {

class Evaluation;
struct TimelinePhase;

// Logistics timeline: one lane per arm from day 0 (the as-of date), each phase on its own row of
// the lane as a coloured segment labelled with its name beside (or on) the bar, a tooltip with
// its dates and evidence note, and the earliest start marked. Qt 6.4 Charts has no Gantt series,
// so this is a horizontal stacked bar series with a transparent offset segment before each phase.
// A selector shows one option's timeline (Evaluation::optionTimeline) in its arm's lane instead of
// the arm's default (docs/result-format.md#options).
class TimelineChart : public QWidget
{
    Q_OBJECT

public:
    explicit TimelineChart(QWidget *parent = nullptr);

    void setEvaluation(const Evaluation *evaluation);
    QChart *chart() const;
    QChartView *view() const noexcept { return m_view; }
    void setOption(int option); // -1: every arm's default
    int option() const;

    struct Segment {
        int arm = -1;
        int row = -1; // chart category
        const TimelinePhase *phase = nullptr;
        QString label; // on or beside the bar
        QString tooltip; // arm, phase, dates, note, evidence
        QGraphicsSimpleTextItem *labelItem = nullptr;
    };
    struct Content {
        QStringList categories; // bottom-up, as the axis lists them
        std::vector<QBarSet *> sets;
        std::vector<std::vector<QString>> tips; // [set][row]
        std::vector<bool> isPhaseSet;
        std::vector<Segment> segments;
    };
    // Fills `chart` (any previous content removed) with the evaluation's timelines; `option` ≥ 0:
    // that option's timeline in its arm's lane.
    static Content populate(QChart *chart, const Evaluation *evaluation, const ChartStyle &style, int option = -1);

    // The tooltip of a segment (row = chart category, set = bar set index); empty if none.
    QString tooltipFor(int row, int set) const;
    QStringList categories() const { return m_content.categories; }
    int phaseSetCount() const;
    const std::vector<Segment> &segments() const noexcept { return m_content.segments; }

    void ensureBuilt(); // rebuilds now if an update waits for the chart to be shown

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void fillSelector();
    void rebuild();

    QChartView *m_view = nullptr;
    QComboBox *m_optionBox = nullptr;
    const Evaluation *m_eval = nullptr;
    bool m_dirty = false;
    Content m_content;
};

} // namespace consilium
