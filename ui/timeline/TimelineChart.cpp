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
#include <QEvent>
#include <QHorizontalStackedBarSeries>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <map>

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

} // namespace

TimelineChart::TimelineChart(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("timelineChart"));
    m_view = new QChartView(new QChart, this);
    m_view->setObjectName(QStringLiteral("timelineView"));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setAccessibleName(tr("Logistics timeline"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    rebuild();
}

QChart *TimelineChart::chart() const
{
    return m_view->chart();
}

void TimelineChart::setEvaluation(const Evaluation *evaluation)
{
    // Charts are rebuilt when visible: an edit on the Data tab costs no chart work.
    m_eval = evaluation;
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
    return int(std::count(m_isPhaseSet.begin(), m_isPhaseSet.end(), true));
}

QString TimelineChart::tooltipFor(int row, int set) const
{
    if (set < 0 || set >= int(m_tips.size()) || row < 0 || row >= int(m_tips[std::size_t(set)].size()))
        return {};
    return m_tips[std::size_t(set)][std::size_t(row)];
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
    QChart *chart = m_view->chart();
    chart->removeAllSeries();
    // removeAxis() hands ownership back (unlike removeAllSeries(), which deletes): delete them.
    const QList<QAbstractAxis *> axes = chart->axes();
    for (QAbstractAxis *a : axes) {
        chart->removeAxis(a);
        delete a;
    }
    m_sets.clear();
    m_tips.clear();
    m_isPhaseSet.clear();
    m_categories.clear();
    const QPalette pal = palette();
    chart->setBackgroundBrush(pal.color(QPalette::Base));
    chart->setTitleBrush(pal.color(QPalette::Text));
    chart->legend()->setLabelColor(pal.color(QPalette::Text));
    chart->setAnimationOptions(QChart::NoAnimation);
    if (!m_eval) {
        chart->setTitle(tr("No result: the case has errors that prevent evaluation."));
        return;
    }
    chart->setTitle(tr("Logistics from the as-of date (%1)").arg(ResultText::date(m_eval->caseData.asOf)));

    // Phase types ordered by their earliest start across the arms: the stacking order.
    struct Item {
        int arm;
        const TimelinePhase *phase;
    };
    std::vector<Item> items;
    // Mean start day per phase type: the stacking order that matches most arms' chronology.
    std::map<QString, double> firstStart;
    std::map<QString, int> seen;
    for (int arm = 0; arm < kArmCount; ++arm) {
        for (const TimelinePhase &p : m_eval->timelines[std::size_t(arm)].phases) {
            items.push_back({ arm, &p });
            firstStart[p.phase] += p.startDay;
            ++seen[p.phase];
        }
    }
    for (auto &[name, sum] : firstStart)
        sum /= seen[name];
    std::vector<QString> types;
    types.reserve(firstStart.size());
    for (const auto &[name, _] : firstStart)
        types.push_back(name);
    std::sort(types.begin(), types.end(), [&](const QString &a, const QString &b) {
        return firstStart[a] != firstStart[b] ? firstStart[a] < firstStart[b] : a < b;
    });
    auto typeIndex
        = [&types](const QString &t) { return int(std::find(types.begin(), types.end(), t) - types.begin()); };
    std::sort(items.begin(), items.end(), [&](const Item &a, const Item &b) {
        const int ta = typeIndex(a.phase->phase), tb = typeIndex(b.phase->phase);
        return ta != tb ? ta < tb : a.phase->startDay < b.phase->startDay;
    });

    // Greedy rows per arm: a phase joins the first row where it starts after the row's end
    // and comes later in the stacking order.
    struct RowState {
        int lastType = -1;
        int end = 0;
        std::vector<std::pair<const TimelinePhase *, int>> placed; // phase, gap before it
    };
    std::array<std::vector<RowState>, kArmCount> lanes;
    for (const Item &it : items) {
        auto &rows = lanes[std::size_t(it.arm)];
        const int t = typeIndex(it.phase->phase);
        const int end = it.phase->endDay.value_or(it.phase->startDay + kUnknownLengthDays);
        RowState *target = nullptr;
        for (RowState &r : rows) {
            if (r.lastType < t && r.end <= it.phase->startDay) {
                target = &r;
                break;
            }
        }
        if (!target) {
            rows.emplace_back();
            target = &rows.back();
        }
        target->placed.push_back(
            { it.phase, it.phase->startDay - target->end }); // NOLINT(modernize-use-emplace): aggregate
        target->lastType = t;
        target->end = qMax(end, it.phase->startDay);
    }
    // Categories bottom-up: the first arm at the top.
    struct RowRef {
        int arm;
        int row;
    };
    std::vector<RowRef> order;
    int hidden = 0; // extra rows get distinct invisible labels (categories must be unique)
    for (int arm = kArmCount - 1; arm >= 0; --arm) {
        const int n = qMax(1, int(lanes[std::size_t(arm)].size()));
        for (int r = n - 1; r >= 0; --r) {
            order.push_back({ arm, r });
            const ArmTimeline &tl = m_eval->timelines[std::size_t(arm)];
            QString label = r == 0 ? Labels::arm(arm) : QString(++hidden, QChar(0x200B));
            if (r == 0 && !tl.known)
                label += QStringLiteral(" — ") + tr("timeline unknown");
            else if (r == 0 && tl.phases.empty())
                label += QStringLiteral(" — ") + tr("no fixed timeline");
            m_categories << label;
        }
    }
    const int nRows = int(order.size());

    auto *series = new QHorizontalStackedBarSeries;
    series->setBarWidth(0.7);
    int maxDay = 30;
    for (std::size_t ti = 0; ti < types.size(); ++ti) { // NOLINT(modernize-loop-convert): ti indexes parallel data
        auto *gap = new QBarSet(QStringLiteral("gap"));
        gap->setColor(Qt::transparent);
        gap->setBorderColor(Qt::transparent);
        auto *phase = new QBarSet(Labels::phase(types[ti]));
        phase->setColor(phaseColour(types[ti]));
        phase->setBorderColor(phaseColour(types[ti]).darker(130));
        auto *open = new QBarSet(tr("%1 (end not known)").arg(Labels::phase(types[ti])));
        open->setBrush(QBrush(phaseColour(types[ti]), Qt::BDiagPattern));
        open->setBorderColor(phaseColour(types[ti]));
        const auto rowsCount = std::size_t(nRows);
        std::vector<QString> tipGap(rowsCount), tipPhase(rowsCount), tipOpen(rowsCount);
        for (int row = 0; row < nRows; ++row) {
            qreal g = 0, len = 0, nf = 0;
            const auto &rows = lanes[std::size_t(order[std::size_t(row)].arm)];
            const int r = order[std::size_t(row)].row;
            if (r < int(rows.size())) {
                for (const auto &[p, before] : rows[std::size_t(r)].placed) {
                    if (p->phase != types[ti])
                        continue;
                    g = before;
                    QString tip = QStringLiteral("%1: %2\n")
                                      .arg(Labels::arm(order[std::size_t(row)].arm), Labels::phase(p->phase));
                    if (p->endDay) {
                        len = qMax(*p->endDay - p->startDay, 0);
                        tip += tr("day %1 to %2").arg(p->startDay).arg(*p->endDay);
                        maxDay = qMax(maxDay, *p->endDay);
                    } else {
                        len = 0;
                        nf = kUnknownLengthDays;
                        tip += tr("from day %1; end not given by the evidence (NF)").arg(p->startDay);
                        maxDay = qMax(maxDay, p->startDay + kUnknownLengthDays);
                    }
                    if (!p->note.isEmpty())
                        tip += QLatin1Char('\n') + p->note;
                    if (!p->evidence.isEmpty())
                        tip += QLatin1Char('\n') + tr("Evidence: %1").arg(p->evidence);
                    tipPhase[std::size_t(row)] = tip;
                    tipOpen[std::size_t(row)] = tip;
                }
            }
            gap->append(g);
            phase->append(len);
            open->append(nf);
        }
        for (QBarSet *s : { gap, phase, open })
            series->append(s);
        m_sets.insert(m_sets.end(), { gap, phase, open });
        m_tips.insert(m_tips.end(), { tipGap, tipPhase, tipOpen });
        m_isPhaseSet.insert(m_isPhaseSet.end(), { false, true, false });
    }
    chart->addSeries(series);

    auto *axisY = new QBarCategoryAxis;
    axisY->append(m_categories);
    axisY->setLabelsColor(pal.color(QPalette::Text));
    auto *axisX = new QValueAxis;
    const int step = maxDay > 120 ? 14 : 7; // weeks
    const int roundedMax = ((maxDay + step - 1) / step) * step; // whole steps
    axisX->setRange(0, roundedMax);
    axisX->setTickType(QValueAxis::TicksDynamic);
    axisX->setTickAnchor(0);
    axisX->setTickInterval(step);
    axisX->setLabelFormat(QStringLiteral("%d"));
    axisX->setTitleText(tr("Days from the as-of date"));
    axisX->setLabelsColor(pal.color(QPalette::Text));
    axisX->setTitleBrush(pal.color(QPalette::Text));
    chart->addAxis(axisY, Qt::AlignLeft);
    chart->addAxis(axisX, Qt::AlignBottom);
    series->attachAxis(axisY);
    series->attachAxis(axisX);

    // Earliest start per arm, on the arm's first row.
    auto *earliest = new QScatterSeries;
    earliest->setName(tr("Earliest start"));
    earliest->setMarkerShape(QScatterSeries::MarkerShapeStar);
    earliest->setMarkerSize(18);
    earliest->setColor(VerdictStyle::isDark(pal) ? QColor(Qt::white) : QColor(Qt::black));
    earliest->setBorderColor(earliest->color());
    for (int row = 0; row < nRows; ++row) {
        const int arm = order[std::size_t(row)].arm;
        const auto &d = m_eval->earliestStart[std::size_t(arm)];
        if (order[std::size_t(row)].row == 0 && d)
            earliest->append(m_eval->caseData.asOf.daysTo(*d), row);
    }
    chart->addSeries(earliest);
    earliest->attachAxis(axisX);
    earliest->attachAxis(axisY);

    for (std::size_t i = 0; i < m_sets.size(); ++i) {
        const auto markers = chart->legend()->markers(series);
        if (i < std::size_t(markers.size()))
            markers[qsizetype(i)]->setVisible(m_isPhaseSet[i]);
    }
    // Separators between the arms' lanes.
    int boundary = 0;
    for (int arm = kArmCount - 1; arm > 0; --arm) {
        boundary += qMax(1, int(lanes[std::size_t(arm)].size()));
        auto *line = new QLineSeries;
        line->setPen(QPen(pal.color(QPalette::Mid), 1.5, Qt::DashLine));
        line->append(axisX->min(), boundary - 0.5);
        line->append(axisX->max(), boundary - 0.5);
        chart->addSeries(line);
        line->attachAxis(axisX);
        line->attachAxis(axisY);
        for (QLegendMarker *m : chart->legend()->markers(line))
            m->setVisible(false);
    }
    chart->legend()->setAlignment(Qt::AlignRight);

    connect(series, &QHorizontalStackedBarSeries::hovered, this, [this](bool status, int index, QBarSet *set) {
        if (!status) {
            QToolTip::hideText();
            return;
        }
        const auto it = std::find(m_sets.begin(), m_sets.end(), set);
        const QString tip = it == m_sets.end() ? QString() : tooltipFor(index, int(it - m_sets.begin()));
        if (!tip.isEmpty())
            QToolTip::showText(QCursor::pos(), tip, m_view);
    });
    connect(earliest, &QScatterSeries::hovered, this, [this](const QPointF &p, bool state) {
        if (state && m_eval)
            QToolTip::showText(QCursor::pos(),
                tr("Earliest start: %1").arg(ResultText::date(m_eval->caseData.asOf.addDays(qRound(p.x())))), m_view);
    });
}

} // namespace consilium
