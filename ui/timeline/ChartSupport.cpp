// SPDX-License-Identifier: GPL-3.0-or-later
#include "timeline/ChartSupport.h"

#include <QAbstractAxis>
#include <QChart>
#include <QGraphicsSimpleTextItem>
#include <QLegend>
#include <QPalette>

namespace consilium {

namespace {

const QString kLabelsName = QStringLiteral("consiliumChartLabels");

} // namespace

ChartStyle ChartStyle::screen(const QPalette &palette, const QFont &font)
{
    ChartStyle s;
    s.text = palette.color(QPalette::Text);
    s.background = palette.color(QPalette::Base);
    s.grid = palette.color(QPalette::Mid);
    s.font = font;
    return s;
}

ChartStyle ChartStyle::paper(qreal pointSize)
{
    ChartStyle s;
    s.font = QFont(QStringLiteral("DejaVu Sans"));
    s.font.setPointSizeF(pointSize);
    s.font.setStyleStrategy(QFont::PreferNoShaping); // charts in a PDF: searchable text, no ligatures
    return s;
}

ChartLabels::ChartLabels(QChart *chart, QAbstractSeries *series) : QObject(chart), m_chart(chart), m_series(series)
{
    setObjectName(kLabelsName);
    connect(chart, &QChart::plotAreaChanged, this, &ChartLabels::place);
}

QGraphicsSimpleTextItem *ChartLabels::add(const QString &text, const QPointF &anchor, Placer place)
{
    auto *item = new QGraphicsSimpleTextItem(text, m_chart);
    item->setZValue(11);
    m_items.push_back(item);
    m_anchors.push_back(anchor);
    m_placers.push_back(std::move(place));
    return item;
}

void ChartLabels::place()
{
    for (std::size_t i = 0; i < m_items.size(); ++i)
        m_placers[i](m_items[i], m_chart->mapToPosition(m_anchors[i], m_series));
    // Labels that collide: the one anchored higher moves up above the other (a few passes).
    for (int pass = 0; pass < 4; ++pass) {
        bool moved = false;
        for (std::size_t i = 0; i < m_items.size(); ++i) {
            for (std::size_t j = i + 1; j < m_items.size(); ++j) {
                const QRectF a = m_items[i]->sceneBoundingRect(), b = m_items[j]->sceneBoundingRect();
                if (!a.intersects(b))
                    continue;
                const bool iUpper = a.top() < b.top() || (a.top() == b.top() && i > j);
                QGraphicsSimpleTextItem *up = iUpper ? m_items[i] : m_items[j];
                const QRectF &other = iUpper ? b : a;
                const QRectF mine = up->sceneBoundingRect();
                up->moveBy(0, other.top() - mine.bottom() - 1);
                moved = true;
            }
        }
        if (!moved)
            break;
    }
}

void ChartLabels::clear(QChart *chart)
{
    // The items are the chart's graphics children (deleted with it); here they go before it.
    const auto all = chart->findChildren<ChartLabels *>(kLabelsName, Qt::FindDirectChildrenOnly);
    for (ChartLabels *labels : all) {
        for (QGraphicsSimpleTextItem *item : labels->m_items)
            delete item;
        delete labels;
    }
}

ChartLabels::Placer barLabelPlacer(QChart *chart, QAbstractSeries *series, qreal x, qreal slot, bool baseline)
{
    return [chart, series, x, slot, baseline](QGraphicsSimpleTextItem *label, const QPointF &anchor) {
        if (baseline) {
            const qreal width = chart->mapToPosition(QPointF(x + slot / 2, 0), series).x()
                - chart->mapToPosition(QPointF(x - slot / 2, 0), series).x();
            QString text = label->text().replace(QLatin1Char('\n'), QLatin1Char(' '));
            label->setText(text);
            if (label->boundingRect().width() > width * 1.1)
                label->setText(text.replace(QLatin1Char(' '), QLatin1Char('\n')));
        }
        const QRectF r = label->boundingRect();
        label->setPos(anchor.x() - r.width() / 2, anchor.y() - r.height() - 2);
    };
}

void clearChart(QChart *chart)
{
    ChartLabels::clear(chart);
    chart->removeAllSeries();
    // removeAxis() hands ownership back (unlike removeAllSeries(), which deletes): delete them.
    const QList<QAbstractAxis *> axes = chart->axes();
    for (QAbstractAxis *a : axes) {
        chart->removeAxis(a);
        delete a;
    }
}

void prepareChart(QChart *chart, const ChartStyle &style)
{
    clearChart(chart);
    QFont titleFont = style.font;
    titleFont.setPointSizeF(style.font.pointSizeF() * 1.15);
    titleFont.setBold(true);
    chart->setTitleFont(titleFont);
    chart->setBackgroundBrush(style.background);
    chart->setTitleBrush(style.text);
    chart->legend()->setLabelColor(style.text);
    chart->legend()->setFont(style.font);
    chart->setAnimationOptions(QChart::NoAnimation);
}

} // namespace consilium
