// SPDX-License-Identifier: GPL-3.0-or-later
#include "toxicity/ToxicityChart.h"

#include "common/Labels.h"
#include "compare/ResultText.h"
#include "engine/Engine.h"
#include "toxicity/ChartStyle.h"
#include "toxicity/LocalOutcomesView.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QEvent>
#include <QFontMetricsF>
#include <QGraphicsSimpleTextItem>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QSplitter>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

namespace consilium {

namespace {

using chartstyle::kAidColour;
using chartstyle::kAxisTop;
using chartstyle::kBarWidth;
const QColor kOncColour(0x9e, 0x9e, 0x9e);

} // namespace

ToxicityChart::ToxicityChart(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("toxicityChart"));
    m_armBox = new QComboBox(this);
    m_armBox->setObjectName(QStringLiteral("toxicityArm"));
    fillSelector();
    m_metric = new QComboBox(this);
    m_metric->setObjectName(QStringLiteral("toxicityMetric"));
    m_metric->addItem(tr("Any grade"), false);
    m_metric->addItem(tr("Grade ≥ 3"), true);
    m_armBox->setAccessibleName(tr("Arm or option"));
    m_metric->setAccessibleName(tr("Severity shown"));
    m_view = new QChartView(new QChart, this);
    m_view->setObjectName(QStringLiteral("toxicityView"));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setAccessibleName(tr("Toxicity chart"));
    auto *top = new QHBoxLayout;
    auto *armLabel = new QLabel(tr("&Arm:"), this);
    armLabel->setBuddy(m_armBox);
    top->addWidget(armLabel);
    top->addWidget(m_armBox);
    top->addWidget(m_metric);
    top->addStretch(1);
    m_local = new LocalOutcomesView(this);
    m_split = new QSplitter(Qt::Vertical, this);
    m_split->addWidget(m_view);
    m_split->addWidget(m_local);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_split, 1);
    connect(m_armBox, &QComboBox::activated, this, &ToxicityChart::rebuild);
    connect(m_metric, &QComboBox::activated, this, &ToxicityChart::rebuild);
    rebuild();
}

QChart *ToxicityChart::chart() const
{
    return m_view->chart();
}

void ToxicityChart::setEvaluation(const Evaluation *evaluation)
{
    // Charts are rebuilt when visible: an edit on the Data tab costs no chart work.
    m_eval = evaluation;
    m_local->setEvaluation(evaluation);
    fillSelector();
    m_dirty = true;
    if (isVisible())
        ensureBuilt();
}

void ToxicityChart::setSession(Session *session)
{
    m_local->setSession(session);
}

void ToxicityChart::fillSelector()
{
    // The arms, each followed by its options (pack order): "arm default or one of its options".
    const QVariant current = m_armBox->currentData();
    m_armBox->clear();
    for (int a = 0; a < kArmCount; ++a) {
        m_armBox->addItem(Labels::arm(a), a);
        for (int o = 0; m_eval && o < m_eval->optionCount(); ++o) {
            if (m_eval->optionDef(o).arm == a)
                m_armBox->addItem(
                    QStringLiteral("    ↳ ") + ResultText::optionLabel(m_eval->pack(), m_eval->optionDef(o)),
                    optionItem(o));
        }
    }
    const int i = m_armBox->findData(current);
    m_armBox->setCurrentIndex(i >= 0 ? i : 0);
}

void ToxicityChart::ensureBuilt()
{
    if (!m_dirty)
        return;
    m_dirty = false;
    rebuild();
}

void ToxicityChart::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_splitSized) { // half each at the first showing, whatever the widgets would ask for
        m_splitSized = true;
        const int half = qMax(1, m_split->height() / 2);
        m_split->setSizes({ half, half });
    }
    ensureBuilt();
}

void ToxicityChart::setArm(int arm)
{
    m_armBox->setCurrentIndex(qMax(0, m_armBox->findData(qBound(0, arm, kArmCount - 1))));
    rebuild();
}

void ToxicityChart::setOption(int option)
{
    m_armBox->setCurrentIndex(qMax(0, m_armBox->findData(optionItem(option))));
    rebuild();
}

void ToxicityChart::setGrade3(bool grade3)
{
    m_metric->setCurrentIndex(grade3 ? 1 : 0);
    rebuild();
}

void ToxicityChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::LanguageChange) {
        m_dirty = true;
        if (isVisible())
            ensureBuilt();
    }
    QWidget::changeEvent(event);
}

void ToxicityChart::rebuild()
{
    const int item = m_armBox->currentData().toInt();
    const bool isOption = item >= kOptionItem && m_eval && item - kOptionItem < m_eval->optionCount();
    const int option = isOption ? item - kOptionItem : -1;
    const int arm = isOption ? m_eval->optionDef(option).arm : qBound(0, item, kArmCount - 1);
    m_bars = populate(
        m_view->chart(), m_eval, arm, m_metric->currentData().toBool(), ChartStyle::screen(palette(), font()), option);
    m_local->setArm(arm); // the site's counts are per arm (FollowUps::ArmOutcomes)
    for (const QAbstractSeries *s : m_view->chart()->series()) {
        if (const auto *bars = qobject_cast<const QBarSeries *>(s)) {
            const QBarSet *aid = bars->barSets().value(0);
            connect(bars, &QBarSeries::hovered, this, [this, aid](bool status, int index, QBarSet *set) {
                const std::size_t i = std::size_t(index) * 2 + (set == aid ? 0 : 1);
                if (status && i < m_bars.size())
                    QToolTip::showText(QCursor::pos(), m_bars[i].tooltip, m_view);
                else
                    QToolTip::hideText();
            });
        }
    }
    for (const Bar &b : m_bars) {
        if (!b.errorBar)
            continue;
        const QString tip = b.tooltip;
        connect(b.errorBar, &QLineSeries::hovered, this, [this, tip](const QPointF &, bool state) {
            if (state)
                QToolTip::showText(QCursor::pos(), tip, m_view);
            else
                QToolTip::hideText();
        });
    }
}

std::vector<ToxicityChart::Bar> ToxicityChart::populate(
    QChart *chart, const Evaluation *e, int arm, bool grade3, const ChartStyle &style, int option)
{
    std::vector<Bar> out;
    prepareChart(chart, style);
    if (!e) {
        chart->setTitle(tr("No result: the case has errors that prevent evaluation."));
        return out;
    }
    const ToxicityMetric metric = grade3 ? ToxicityMetric::Grade3Plus : ToxicityMetric::AnyGrade;
    const QString title = option >= 0 ? ResultText::optionLabel(e->pack(), e->optionDef(option)) + QStringLiteral(" (")
            + Labels::arm(arm) + QLatin1Char(')')
                                      : Labels::arm(arm);
    chart->setTitle(tr("%1: %2, k/n").arg(title, grade3 ? tr("grade ≥ 3 rates") : tr("any-grade rates")));

    auto *aid = new QBarSet(tr("Autoimmune cohort"));
    aid->setColor(kAidColour);
    aid->setBorderColor(kAidColour.darker(125));
    auto *onc = new QBarSet(tr("Oncology reference"));
    onc->setColor(kOncColour);
    onc->setBorderColor(kOncColour.darker(125));
    QStringList categories;
    const auto &entries = option >= 0 ? e->optionToxicity(option) : ResultText::visibleToxicity(*e, arm);
    const QStringList risks = ResultText::toxicityRisks(entries);
    for (const QString &risk : risks) {
        // Long names on two lines (the axis labels are rich text).
        categories << Labels::riskShort(risk).toHtmlEscaped().replace(QLatin1Char(' '), QStringLiteral("<br>"));
        for (const bool oncology : { false, true }) {
            const QString kind = oncology ? QStringLiteral("oncology_reference") : QStringLiteral("aid_cohort");
            Bar b;
            b.risk = risk;
            b.oncology = oncology;
            b.figure = bestToxicityFigure(entries, risk, kind, metric); // as ResultText::toxicityFigure
            b.label = ResultText::figureCount(b.figure);
            if (b.figure.found && b.figure.events < 0) // a percentage alone: two short lines over a narrow bar
                b.label = ResultText::percentText(b.figure.percent) + QLatin1Char('\n')
                    + (b.figure.n > 0 ? QStringLiteral("n=%1").arg(b.figure.n) : tr("n unknown"));
            const QString what = Labels::risk(risk) + QStringLiteral(", ")
                + (oncology ? tr("oncology reference") : tr("autoimmune cohort")) + QStringLiteral(" (")
                + (grade3 ? tr("grade ≥ 3") : tr("any grade")) + QStringLiteral("): ");
            if (b.figure.found) {
                b.tooltip = what + ResultText::figureText(b.figure);
                if (b.figure.eventsDerived)
                    b.tooltip += QLatin1Char('\n')
                        + tr("%1 events worked out from the reported %2")
                              .arg(b.figure.events)
                              .arg(ResultText::percentText(
                                  grade3 ? b.figure.entry->grade3PlusPercent : b.figure.entry->anyGradePercent));
                b.tooltip += QStringLiteral("\n\n") + ResultText::toxicityTooltip(e->pack(), *b.figure.entry);
            } else {
                QStringList why;
                for (const ToxicityEntry *t : entries) {
                    if (t->risk == risk && (t->kind == kind || t->kind == QLatin1String("not_found")))
                        why << ResultText::toxicityTooltip(e->pack(), *t);
                }
                b.tooltip = what + tr("not found: no rate for this measure (NF). Not zero.")
                    + (why.isEmpty() ? QString() : QStringLiteral("\n\n") + why.join(QStringLiteral("\n\n")));
            }
            // Not found: no bar (a zero-height slot); the label at the baseline says so.
            (oncology ? onc : aid)->append(b.figure.found ? b.figure.percent : 0.0);
            out.push_back(b);
        }
    }
    auto *series = new QBarSeries;
    series->setBarWidth(kBarWidth);
    series->append(aid);
    series->append(onc);
    chart->addSeries(series);
    auto *axisX = new QBarCategoryAxis;
    axisX->append(categories);
    axisX->setLabelsColor(style.text);
    axisX->setLabelsFont(style.font);
    axisX->setGridLineVisible(false);
    axisX->setTruncateLabels(false);
    auto *axisY = new QValueAxis;
    axisY->setRange(0, kAxisTop);
    axisY->setTickType(QValueAxis::TicksDynamic);
    axisY->setTickAnchor(0);
    axisY->setTickInterval(20);
    axisY->setLabelFormat(QStringLiteral("%d%"));
    axisY->setTitleText(tr("Patients affected (%)"));
    axisY->setLabelsColor(style.text);
    axisY->setLabelsFont(style.font);
    axisY->setTitleBrush(style.text);
    axisY->setTitleFont(style.font);
    axisY->setGridLineColor(style.grid);
    chart->addAxis(axisX, Qt::AlignBottom);
    chart->addAxis(axisY, Qt::AlignLeft);
    series->attachAxis(axisX);
    series->attachAxis(axisY);
    chart->legend()->setAlignment(Qt::AlignBottom);

    // Error bars: the 95% interval, a vertical line with caps, one line series per bar.
    auto *labels = new ChartLabels(chart, series);
    const qreal slot = kBarWidth / 2;
    QFont labelFont = style.font;
    labelFont.setPointSizeF(style.font.pointSizeF() * 0.92);
    QFont missingFont = labelFont;
    missingFont.setItalic(true);
    bool whiskerInLegend = false;
    for (std::size_t i = 0; i < out.size(); ++i) {
        Bar &b = out[i];
        const std::size_t category = i / 2; // two bars (AID, oncology) per category
        const qreal x = qreal(category) + (b.oncology ? slot / 2 : -slot / 2);
        qreal top = 0;
        if (b.figure.found) {
            top = b.figure.percent;
            if (b.figure.interval) {
                const qreal lo = b.figure.interval->lower * 100, hi = b.figure.interval->upper * 100;
                const qreal cap = slot / 4;
                auto *line = new QLineSeries;
                line->setName(tr("95% confidence interval (Wilson)"));
                line->append({ QPointF(x - cap, lo), QPointF(x + cap, lo), QPointF(x, lo), QPointF(x, hi),
                    QPointF(x - cap, hi), QPointF(x + cap, hi) });
                QPen pen(style.text.lightnessF() > 0.5 ? QColor(0xee, 0xee, 0xee) : QColor(0x21, 0x21, 0x21));
                pen.setWidthF(1.4);
                line->setPen(pen);
                chart->addSeries(line);
                line->attachAxis(axisX);
                line->attachAxis(axisY);
                // One legend entry explains the whiskers.
                for (QLegendMarker *m : chart->legend()->markers(line))
                    m->setVisible(!whiskerInLegend);
                whiskerInLegend = true;
                b.errorBar = line;
                top = std::max(top, hi);
            }
        }
        const bool baseline = !b.figure.found;
        // "not found" goes on two lines when it is wider than its bar.
        QGraphicsSimpleTextItem *text
            = labels->add(b.label, QPointF(x, top), barLabelPlacer(chart, series, x, slot, baseline));
        text->setFont(b.figure.found ? labelFont : missingFont);
        QColor colour = style.text;
        if (!b.figure.found)
            colour.setAlphaF(0.75);
        text->setBrush(colour);
        text->setToolTip(b.tooltip);
    }
    labels->place();
    return out;
}

} // namespace consilium
