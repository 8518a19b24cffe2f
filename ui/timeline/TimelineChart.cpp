// SPDX-License-Identifier: GPL-3.0-or-later
#include "timeline/TimelineChart.h"

#include "common/Labels.h"
#include "common/VerdictStyle.h"
#include "compare/ResultText.h"
#include "engine/Engine.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QEvent>
#include <QGraphicsSimpleTextItem>
#include <QHBoxLayout>
#include <QHorizontalStackedBarSeries>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <map>
#include <optional>

namespace consilium {

namespace {

QColor phaseColour(const QString &phase)
{
    static const std::map<QString, QColor> colours = {
        { QStringLiteral("washout"), QColor(0x90, 0xa4, 0xae) },
        { QStringLiteral("leukapheresis"), QColor(0x7e, 0x57, 0xc2) },
        { QStringLiteral("manufacturing"), QColor(0x1e, 0x88, 0xe5) },
        { QStringLiteral("bridging"), QColor(0x81, 0xd4, 0xfa) },
        { QStringLiteral("lymphodepletion"), QColor(0xfb, 0x8c, 0x00) },
        { QStringLiteral("infusion"), QColor(0xe5, 0x39, 0x35) },
        { QStringLiteral("infusion_course"), QColor(0xb7, 0x1c, 0x1c) },
        { QStringLiteral("injection"), QColor(0xd8, 0x1b, 0x60) },
        { QStringLiteral("inpatient_monitoring"), QColor(0xad, 0x14, 0x57) },
        { QStringLiteral("proximity_window"), QColor(0xff, 0xca, 0x28) },
        { QStringLiteral("driving_restriction"), QColor(0x8d, 0x6e, 0x63) },
        { QStringLiteral("irradiated_blood_products"), QColor(0xbd, 0xbd, 0xbd) },
        { QStringLiteral("step_up_inpatient"), QColor(0x00, 0x89, 0x7b) },
        { QStringLiteral("maintenance_dose"), QColor(0x43, 0xa0, 0x47) },
        { QStringLiteral("infection_prophylaxis"), QColor(0xc0, 0xca, 0x33) },
    };
    const auto it = colours.find(phase);
    return it != colours.end() ? it->second : QColor(0x78, 0x90, 0x9c);
}

constexpr int kUnknownLengthDays = 7; // drawn hatched when the evidence gives no end (NF)

// A row of the chart: one phase of an arm's lane, or of the lane of the option shown for the arm.
struct Row {
    int arm;
    const TimelinePhase *phase; // null: the lane has no phases
    int option = -1; // the lane shows this option's timeline (Evaluation::optionTimeline)
};

QString laneName(const Evaluation &e, const Row &row)
{
    return row.option >= 0 ? ResultText::optionLabel(e.pack(), e.optionDef(row.option)) + QStringLiteral(" (")
            + Labels::arm(row.arm) + QLatin1Char(')')
                           : Labels::arm(row.arm);
}

const ArmTimeline &laneTimeline(const Evaluation &e, int arm, int option)
{
    return option >= 0 ? e.optionTimeline(option) : e.timeline(kArms[std::size_t(arm)]);
}

bool laneIneligible(const Evaluation &e, const Row &row)
{
    return row.option >= 0 ? e.optionVerdict(row.option) == Verdict::Ineligible : ResultText::isIneligible(e, row.arm);
}

const std::optional<QDate> &laneStart(const Evaluation &e, const Row &row)
{
    return row.option >= 0 ? e.optionEarliestStart(row.option) : e.earliestStart(kArms[std::size_t(row.arm)]);
}

QString phaseTooltip(const Evaluation &e, const Row &row, const TimelinePhase &p)
{
    const QDate asOf = e.caseData().asOf;
    QString tip = QStringLiteral("%1: %2\n").arg(laneName(e, row), Labels::phase(p.phase));
    if (p.endDay) {
        tip += TimelineChart::tr("%1 to %2 (day %3 to %4)")
                   .arg(ResultText::date(asOf.addDays(p.startDay)), ResultText::date(asOf.addDays(*p.endDay)))
                   .arg(p.startDay)
                   .arg(*p.endDay);
    } else {
        tip += TimelineChart::tr("from %1 (day %2); end not given by the evidence (NF)")
                   .arg(ResultText::date(asOf.addDays(p.startDay)))
                   .arg(p.startDay);
    }
    if (!p.note.isEmpty())
        tip += QLatin1Char('\n') + ResultText::packText(e.pack(), p.noteKey, p.note);
    if (!p.evidence.isEmpty())
        tip += QLatin1Char('\n') + TimelineChart::tr("Evidence: %1").arg(p.evidence);
    return tip;
}

// Rows bottom-up (the category axis starts at the bottom): the first arm's lane at the top,
// one row per phase in the order the phases start. `types` gets the phase types in order of
// first appearance.
std::vector<Row> timelineRows(const Evaluation &e, std::vector<QString> &types, int option)
{
    std::vector<Row> rows;
    for (int arm = kArmCount - 1; arm >= 0; --arm) {
        const int laneOption = option >= 0 && e.optionDef(option).arm == arm ? option : -1;
        std::vector<const TimelinePhase *> phases;
        for (const TimelinePhase &p : laneTimeline(e, arm, laneOption).phases)
            phases.push_back(&p);
        std::stable_sort(phases.begin(), phases.end(), [](const TimelinePhase *a, const TimelinePhase *b) {
            return a->startDay != b->startDay ? a->startDay < b->startDay
                                              : a->endDay.value_or(a->startDay) < b->endDay.value_or(b->startDay);
        });
        if (phases.empty())
            rows.push_back({ arm, nullptr, laneOption });
        std::reverse(phases.begin(), phases.end()); // the first phase on the top row
        for (const TimelinePhase *p : phases) {
            rows.push_back({ arm, p, laneOption });
            if (std::find(types.begin(), types.end(), p->phase) == types.end())
                types.push_back(p->phase);
        }
    }
    return rows;
}

// Whether row r is the top row of its arm's lane.
bool isLaneTop(const std::vector<Row> &rows, int r)
{
    const int nRows = int(rows.size());
    return r + 1 == nRows || rows[std::size_t(r) + 1].arm != rows[std::size_t(r)].arm;
}

// The arm's name on its lane's top row; the other rows get distinct invisible labels
// (categories must be unique).
QStringList laneCategories(const Evaluation &e, const std::vector<Row> &rows)
{
    QStringList categories;
    const int nRows = int(rows.size());
    int hidden = 0;
    for (int r = 0; r < nRows; ++r) {
        const Row &row = rows[std::size_t(r)];
        if (!isLaneTop(rows, r)) {
            categories << QString(++hidden, QChar(0x200B));
            continue;
        }
        const ArmTimeline &tl = laneTimeline(e, row.arm, row.option);
        QString label = laneName(e, row);
        if (laneIneligible(e, row))
            label += QStringLiteral(" — ") + TimelineChart::tr("ineligible");
        if (!tl.known)
            label += QStringLiteral(" — ") + TimelineChart::tr("timeline unknown");
        else if (tl.phases.empty())
            label += QStringLiteral(" — ") + TimelineChart::tr("no fixed timeline");
        categories << label;
    }
    return categories;
}

// The last day any phase reaches (at least 30).
int lastDay(const std::vector<Row> &rows)
{
    int maxDay = 30;
    for (const Row &row : rows) {
        if (row.phase)
            maxDay = qMax(maxDay, row.phase->endDay.value_or(row.phase->startDay + kUnknownLengthDays));
    }
    return maxDay;
}

// Three sets per phase type (the offset, the phase, the open end); a row has values only in
// its phase's sets.
void addPhaseSets(const Evaluation &e, const std::vector<Row> &rows, const std::vector<QString> &types,
    QHorizontalStackedBarSeries *series, TimelineChart::Content &out)
{
    const int nRows = int(rows.size());
    for (const QString &type : types) {
        auto *gap = new QBarSet(QStringLiteral("gap"));
        gap->setColor(Qt::transparent);
        gap->setBorderColor(Qt::transparent);
        auto *phase = new QBarSet(Labels::phase(type));
        phase->setColor(phaseColour(type));
        phase->setBorderColor(phaseColour(type).darker(130));
        auto *open = new QBarSet(TimelineChart::tr("%1 (end not known)").arg(Labels::phase(type)));
        open->setBrush(QBrush(phaseColour(type), Qt::BDiagPattern));
        open->setBorderColor(phaseColour(type));
        const auto rowCount = std::size_t(nRows);
        std::vector<QString> tipGap(rowCount), tipPhase(rowCount), tipOpen(rowCount);
        for (int r = 0; r < nRows; ++r) {
            const Row &row = rows[std::size_t(r)];
            qreal g = 0, len = 0, nf = 0;
            if (row.phase && row.phase->phase == type) {
                g = row.phase->startDay;
                if (row.phase->endDay)
                    len = qMax(*row.phase->endDay - row.phase->startDay, 0);
                else
                    nf = kUnknownLengthDays;
                tipPhase[std::size_t(r)] = tipOpen[std::size_t(r)] = phaseTooltip(e, row, *row.phase);
            }
            gap->append(g);
            phase->append(len);
            open->append(nf);
        }
        for (QBarSet *s : { gap, phase, open })
            series->append(s);
        out.sets.insert(out.sets.end(), { gap, phase, open });
        out.tips.insert(out.tips.end(), { tipGap, tipPhase, tipOpen });
        out.isPhaseSet.insert(out.isPhaseSet.end(), { false, true, false });
    }
}

QBarCategoryAxis *rowAxis(const QStringList &categories, const ChartStyle &style)
{
    auto *axisY = new QBarCategoryAxis;
    axisY->append(categories);
    axisY->setLabelsColor(style.text);
    axisY->setLabelsFont(style.font);
    axisY->setGridLineVisible(false);
    axisY->setTruncateLabels(false);
    return axisY;
}

QValueAxis *dayAxis(int maxDay, const ChartStyle &style)
{
    auto *axisX = new QValueAxis;
    const int step = 7 * qMax(1, (maxDay + 69) / 70); // whole weeks, at most about ten ticks
    const int roundedMax = ((maxDay + step - 1) / step) * step; // whole steps
    axisX->setRange(0, roundedMax);
    axisX->setTickType(QValueAxis::TicksDynamic);
    axisX->setTickAnchor(0);
    axisX->setTickInterval(step);
    axisX->setLabelFormat(QStringLiteral("%d"));
    axisX->setTitleText(TimelineChart::tr("Days from the as-of date"));
    axisX->setLabelsColor(style.text);
    axisX->setLabelsFont(style.font);
    axisX->setTitleBrush(style.text);
    axisX->setTitleFont(style.font);
    axisX->setGridLineColor(style.grid);
    return axisX;
}

// Earliest start per arm, on the lane's top row (not for an ineligible arm: no start date).
// `starDay` gets each row's marker day.
QScatterSeries *earliestStarts(const Evaluation &e, const std::vector<Row> &rows, const ChartStyle &style,
    std::vector<std::optional<qint64>> &starDay)
{
    auto *earliest = new QScatterSeries;
    earliest->setName(TimelineChart::tr("Earliest start"));
    earliest->setMarkerShape(QScatterSeries::MarkerShapeStar);
    earliest->setMarkerSize(style.font.pointSizeF() * 1.8);
    earliest->setColor(style.text);
    earliest->setBorderColor(style.text);
    const int nRows = int(rows.size());
    starDay.resize(std::size_t(nRows));
    for (int r = 0; r < nRows; ++r) {
        const Row &row = rows[std::size_t(r)];
        const auto &d = laneStart(e, row);
        if (isLaneTop(rows, r) && d && !laneIneligible(e, row)) {
            starDay[std::size_t(r)] = e.caseData().asOf.daysTo(*d);
            earliest->append(qreal(*starDay[std::size_t(r)]), r);
        }
    }
    return earliest;
}

// Separators between the arms' lanes.
void addLaneSeparators(
    QChart *chart, const std::vector<Row> &rows, QValueAxis *axisX, QBarCategoryAxis *axisY, const ChartStyle &style)
{
    const int nRows = int(rows.size());
    for (int r = 0; r + 1 < nRows; ++r) {
        if (rows[std::size_t(r)].arm == rows[std::size_t(r) + 1].arm)
            continue;
        auto *line = new QLineSeries;
        line->setPen(QPen(style.grid.darker(115), 1.2, Qt::DashLine));
        line->append(axisX->min(), r + 0.5);
        line->append(axisX->max(), r + 0.5);
        chart->addSeries(line);
        line->attachAxis(axisX);
        line->attachAxis(axisY);
        for (QLegendMarker *m : chart->legend()->markers(line))
            m->setVisible(false);
    }
}

// Each phase labelled beside its bar (right of it; left of it or on it when there is no room).
void labelPhases(QChart *chart, QHorizontalStackedBarSeries *series, const Evaluation &e, const std::vector<Row> &rows,
    const std::vector<std::optional<qint64>> &starDay, qreal starRadius, const ChartStyle &style,
    TimelineChart::Content &out)
{
    auto *labels = new ChartLabels(chart, series);
    QFont labelFont = style.font;
    labelFont.setPointSizeF(style.font.pointSizeF() * 0.92);
    const int nRows = int(rows.size());
    for (int r = 0; r < nRows; ++r) {
        const Row &row = rows[std::size_t(r)];
        if (!row.phase)
            continue;
        TimelineChart::Segment s;
        s.arm = row.arm;
        s.row = r;
        s.phase = row.phase;
        s.label = Labels::phase(row.phase->phase);
        if (!row.phase->endDay)
            s.label += QLatin1Char(' ') + TimelineChart::tr("(end not known)");
        s.tooltip = phaseTooltip(e, row, *row.phase);
        const qreal start = row.phase->startDay;
        const qreal end = row.phase->endDay.value_or(row.phase->startDay + kUnknownLengthDays);
        const std::optional<qint64> star = starDay[std::size_t(r)];
        auto place
            = [chart, series, start, r, star, starRadius](QGraphicsSimpleTextItem *label, const QPointF &anchor) {
                  const QRectF plot = chart->plotArea();
                  const QRectF box = label->boundingRect();
                  const qreal left = chart->mapToPosition(QPointF(start, r), series).x();
                  qreal x = anchor.x() + 4; // beside the bar
                  if (star) { // not under the earliest-start marker
                      const qreal starX = chart->mapToPosition(QPointF(qreal(*star), r), series).x();
                      if (starX + starRadius > x && starX - starRadius < x + box.width())
                          x = starX + starRadius + 3;
                  }
                  if (x + box.width() > plot.right())
                      x = left - box.width() - 4; // before it
                  if (x < plot.left())
                      x = qMax(plot.left(), left) + 2; // on it
                  label->setPos(x, anchor.y() - box.height() / 2);
              };
        s.labelItem = labels->add(s.label, QPointF(end, r), place);
        s.labelItem->setFont(labelFont);
        s.labelItem->setBrush(style.text);
        s.labelItem->setToolTip(s.tooltip);
        out.segments.push_back(s);
    }
    labels->place();
}

} // namespace

TimelineChart::TimelineChart(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("timelineChart"));
    m_view = new QChartView(new QChart, this);
    m_view->setObjectName(QStringLiteral("timelineView"));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setAccessibleName(tr("Logistics timeline"));
    m_optionBox = new QComboBox(this);
    m_optionBox->setObjectName(QStringLiteral("timelineOption"));
    m_optionBox->setAccessibleName(tr("Timeline shown"));
    auto *optionLabel = new QLabel(tr("&Show:"), this);
    optionLabel->setBuddy(m_optionBox);
    auto *top = new QHBoxLayout;
    top->addWidget(optionLabel);
    top->addWidget(m_optionBox);
    top->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_view);
    fillSelector();
    connect(m_optionBox, &QComboBox::activated, this, &TimelineChart::rebuild);
    rebuild();
}

void TimelineChart::fillSelector()
{
    // Every arm's default timeline, or one option's in its arm's lane (docs/result-format.md#options).
    const QVariant current = m_optionBox->currentData();
    m_optionBox->clear();
    m_optionBox->addItem(tr("Each arm's default timeline"), -1);
    for (int a = 0; a < kArmCount; ++a) {
        for (int o = 0; m_eval && o < m_eval->optionCount(); ++o) {
            if (m_eval->optionDef(o).arm == a)
                m_optionBox->addItem(ResultText::optionLabel(m_eval->pack(), m_eval->optionDef(o))
                        + QStringLiteral(" (") + Labels::armShort(a) + QLatin1Char(')'),
                    o);
        }
    }
    const int i = m_optionBox->findData(current);
    m_optionBox->setCurrentIndex(i >= 0 ? i : 0);
    m_optionBox->setVisible(m_optionBox->count() > 1);
}

void TimelineChart::setOption(int option)
{
    m_optionBox->setCurrentIndex(qMax(0, m_optionBox->findData(option)));
    rebuild();
}

int TimelineChart::option() const
{
    return m_optionBox->currentData().toInt();
}

QChart *TimelineChart::chart() const
{
    return m_view->chart();
}

void TimelineChart::setEvaluation(const Evaluation *evaluation)
{
    // Charts are rebuilt when visible: an edit on the Data tab costs no chart work.
    m_eval = evaluation;
    fillSelector();
    m_dirty = true;
    if (isVisible())
        ensureBuilt();
}

void TimelineChart::ensureBuilt()
{
    if (!m_dirty)
        return;
    m_dirty = false;
    rebuild();
}

void TimelineChart::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    ensureBuilt();
}

int TimelineChart::phaseSetCount() const
{
    return int(std::count(m_content.isPhaseSet.begin(), m_content.isPhaseSet.end(), true));
}

QString TimelineChart::tooltipFor(int row, int set) const
{
    const auto &tips = m_content.tips;
    if (set < 0 || set >= int(tips.size()) || row < 0 || row >= int(tips[std::size_t(set)].size()))
        return {};
    return tips[std::size_t(set)][std::size_t(row)];
}

void TimelineChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::LanguageChange) {
        m_dirty = true;
        if (isVisible())
            ensureBuilt();
    }
    QWidget::changeEvent(event);
}

void TimelineChart::rebuild()
{
    m_content = populate(m_view->chart(), m_eval, ChartStyle::screen(palette(), font()), option());
    QChart *chart = m_view->chart();
    for (QAbstractSeries *s : chart->series()) {
        if (auto *bars = qobject_cast<QHorizontalStackedBarSeries *>(s)) {
            connect(bars, &QHorizontalStackedBarSeries::hovered, this, [this](bool status, int index, QBarSet *set) {
                if (!status) {
                    QToolTip::hideText();
                    return;
                }
                const auto &sets = m_content.sets;
                const auto it = std::find(sets.begin(), sets.end(), set);
                const QString tip = it == sets.end() ? QString() : tooltipFor(index, int(it - sets.begin()));
                if (!tip.isEmpty())
                    QToolTip::showText(QCursor::pos(), tip, m_view);
            });
        } else if (auto *earliest = qobject_cast<QScatterSeries *>(s)) {
            connect(earliest, &QScatterSeries::hovered, this, [this](const QPointF &p, bool state) {
                if (state && m_eval)
                    QToolTip::showText(QCursor::pos(),
                        tr("Earliest start: %1").arg(ResultText::date(m_eval->caseData().asOf.addDays(qRound(p.x())))),
                        m_view);
            });
        }
    }
}

TimelineChart::Content TimelineChart::populate(QChart *chart, const Evaluation *e, const ChartStyle &style, int option)
{
    Content out;
    prepareChart(chart, style);
    if (!e) {
        chart->setTitle(tr("No result: the case has errors that prevent evaluation."));
        return out;
    }
    chart->setTitle(tr("Logistics from the as-of date (%1)").arg(ResultText::date(e->caseData().asOf)));

    std::vector<QString> types; // phase types in order of first appearance
    const std::vector<Row> rows = timelineRows(*e, types, option < e->optionCount() ? option : -1);
    out.categories = laneCategories(*e, rows);

    auto *series = new QHorizontalStackedBarSeries;
    series->setBarWidth(0.72);
    const int maxDay = lastDay(rows);
    addPhaseSets(*e, rows, types, series, out);
    chart->addSeries(series);

    auto *axisY = rowAxis(out.categories, style);
    auto *axisX = dayAxis(maxDay, style);
    chart->addAxis(axisY, Qt::AlignLeft);
    chart->addAxis(axisX, Qt::AlignBottom);
    series->attachAxis(axisY);
    series->attachAxis(axisX);

    std::vector<std::optional<qint64>> starDay;
    auto *earliest = earliestStarts(*e, rows, style, starDay);
    chart->addSeries(earliest);
    earliest->attachAxis(axisX);
    earliest->attachAxis(axisY);

    // The phases are labelled on the chart: no colour key needed.
    for (QLegendMarker *m : chart->legend()->markers(series))
        m->setVisible(false);
    addLaneSeparators(chart, rows, axisX, axisY, style);
    chart->legend()->setAlignment(Qt::AlignBottom);

    labelPhases(chart, series, *e, rows, starDay, earliest->markerSize() / 2, style, out);
    return out;
}

} // namespace consilium
