// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QFont>
#include <QObject>
#include <QPointF>

#include <functional>
#include <vector>

class QAbstractSeries;
class QChart;
class QGraphicsSimpleTextItem;
class QPalette;

namespace consilium {

// How a chart is drawn: on screen (from the palette) or on paper (black on white, sizes in points).
struct ChartStyle {
    QColor text = Qt::black;
    QColor background = Qt::white;
    QColor grid = QColor(0xbd, 0xbd, 0xbd);
    QFont font; // labels; titles are drawn larger
    static ChartStyle screen(const QPalette &palette, const QFont &font);
    static ChartStyle paper(qreal pointSize);
};

// Text on a chart that follows its data: each label is placed from its anchor in data
// coordinates whenever the plot area changes (on screen, and when the chart is laid out for
// print). The items are the chart's children; re-populating a chart calls clear(chart) first.
class ChartLabels : public QObject
{
public:
    // `place` gets the anchor in chart coordinates and the label; it sets the label's position.
    using Placer = std::function<void(QGraphicsSimpleTextItem *label, const QPointF &anchor)>;

    ChartLabels(QChart *chart, QAbstractSeries *series);
    QGraphicsSimpleTextItem *add(const QString &text, const QPointF &anchor, Placer place);
    void place();
    const std::vector<QGraphicsSimpleTextItem *> &items() const noexcept { return m_items; }

    // Removes the labels of an earlier populate() from `chart`.
    static void clear(QChart *chart);

private:
    QChart *m_chart;
    QAbstractSeries *m_series;
    std::vector<QGraphicsSimpleTextItem *> m_items;
    std::vector<QPointF> m_anchors;
    std::vector<Placer> m_placers;
};

// Places a bar's label centred above its anchor. A label at the baseline ("not found", "no
// data": `baseline`) goes on two lines when it is wider than its bar, the slot `slot` data units
// wide around `x`.
ChartLabels::Placer barLabelPlacer(QChart *chart, QAbstractSeries *series, qreal x, qreal slot, bool baseline);

// Empties a chart for re-populating: its labels, series and axes (the axes are deleted).
void clearChart(QChart *chart);
// Empties a chart (clearChart) and applies `style`: title, background, legend, no animation.
void prepareChart(QChart *chart, const ChartStyle &style);

} // namespace consilium
