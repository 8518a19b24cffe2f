// SPDX-License-Identifier: GPL-3.0-or-later
#include "toxicity/ToxicityChart.h"

#include "common/Labels.h"
#include "compare/ResultText.h"
#include "engine/Engine.h"
#include "engine/ResultWriter.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QEvent>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>

namespace consilium {

namespace {

const QColor kAidColour(0x1e, 0x88, 0xe5);
const QColor kOncColour(0x9e, 0x9e, 0x9e);
constexpr double kNoDataHeight = 12.0; // percent units: the hatched "no data" placeholder

double valueOf(const ToxicityEntry &t, bool grade3)
{
    if (grade3)
        return t.grade3PlusPercent;
    if (!std::isnan(t.anyGradePercent))
        return t.anyGradePercent;
    if (t.events >= 0 && t.n > 0)
        return 100.0 * double(t.events) / double(t.n);
    return kUnknown;
}

} // namespace

ToxicityChart::ToxicityChart(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("toxicityChart"));
    m_armBox = new QComboBox(this);
    m_armBox->setObjectName(QStringLiteral("toxicityArm"));
    for (int a = 0; a < kArmCount; ++a)
        m_armBox->addItem(Labels::arm(a), a);
    m_metric = new QComboBox(this);
    m_metric->setObjectName(QStringLiteral("toxicityMetric"));
    m_metric->addItem(tr("Any grade"), false);
    m_metric->addItem(tr("Grade ≥ 3"), true);
    m_armBox->setAccessibleName(tr("Arm"));
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
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    connect(m_armBox, &QComboBox::activated, this, &ToxicityChart::rebuild);
    connect(m_metric, &QComboBox::activated, this, &ToxicityChart::rebuild);
    connect(m_view->chart(), &QChart::plotAreaChanged, this, &ToxicityChart::placeOverlays);
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
    m_dirty = true;
    if (isVisible())
        ensureBuilt();
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
    ensureBuilt();
}

void ToxicityChart::setArm(int arm)
{
    m_armBox->setCurrentIndex(qBound(0, arm, kArmCount - 1));
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

void ToxicityChart::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    QTimer::singleShot(0, this, &ToxicityChart::placeOverlays);
}

void ToxicityChart::rebuild()
{
    QChart *chart = m_view->chart();
    for (QGraphicsItem *i : m_overlays)
        delete i;
    m_overlays.clear();
    chart->removeAllSeries();
    // removeAxis() hands ownership back (unlike removeAllSeries(), which deletes): delete them.
    const QList<QAbstractAxis *> axes = chart->axes();
    for (QAbstractAxis *a : axes) {
        chart->removeAxis(a);
        delete a;
    }
    m_series = nullptr;
    m_bars.clear();
    const QPalette pal = palette();
    chart->setBackgroundBrush(pal.color(QPalette::Base));
    chart->setTitleBrush(pal.color(QPalette::Text));
    chart->legend()->setLabelColor(pal.color(QPalette::Text));
    chart->setAnimationOptions(QChart::NoAnimation);
    const int arm = m_armBox->currentData().toInt();
    const bool grade3 = m_metric->currentData().toBool();
    if (!m_eval) {
        chart->setTitle(tr("No result: the case has errors that prevent evaluation."));
        return;
    }
    chart->setTitle(tr("%1: %2").arg(Labels::arm(arm), grade3 ? tr("grade ≥ 3 rates") : tr("any-grade rates")));

    // Per risk: the largest AID cohort with a value, and the oncology reference.
    QStringList risks;
    const auto entries = ResultText::visibleToxicity(*m_eval, arm);
    for (const ToxicityEntry *t : entries) {
        if (!risks.contains(t->risk) && t->kind != QLatin1String("not_applicable"))
            risks << t->risk;
    }
    auto *aid = new QBarSet(tr("Autoimmune cohort"));
    aid->setColor(kAidColour);
    auto *onc = new QBarSet(tr("Oncology reference"));
    onc->setColor(kOncColour);
    QStringList labels;
    for (const QString &risk : std::as_const(risks)) {
        labels << Labels::riskShort(risk);
        for (const bool oncology : { false, true }) {
            Bar b;
            b.risk = risk;
            b.oncology = oncology;
            const QString kind = oncology ? QStringLiteral("oncology_reference") : QStringLiteral("aid_cohort");
            for (const ToxicityEntry *t : entries) {
                if (t->risk != risk || t->kind != kind || std::isnan(valueOf(*t, grade3)))
                    continue;
                if (!b.entry || t->n > b.entry->n)
                    b.entry = t;
            }
            b.noData = !b.entry;
            if (b.entry) {
                b.percent = valueOf(*b.entry, grade3);
                b.label = b.entry->n > 0 ? QStringLiteral("n=%1").arg(b.entry->n) : tr("n not reported");
                b.tooltip = ResultText::toxicityTooltip(*b.entry);
            } else {
                b.label = tr("no data");
                QStringList why;
                for (const ToxicityEntry *t : entries) {
                    if (t->risk == risk && (t->kind == kind || t->kind == QLatin1String("not_found")))
                        why << ResultText::toxicityTooltip(*t);
                }
                b.tooltip = (oncology ? tr("Oncology reference: no figure for this measure.")
                                      : tr("Autoimmune cohorts: no figure for this measure (NF)."))
                    + (why.isEmpty() ? QString() : QStringLiteral("\n\n") + why.join(QStringLiteral("\n\n")));
            }
            (oncology ? onc : aid)->append(b.noData ? 0.0 : b.percent);
            m_bars.push_back(b);
        }
    }
    m_series = new QBarSeries;
    m_series->setBarWidth(0.7);
    m_series->append(aid);
    m_series->append(onc);
    chart->addSeries(m_series);
    auto *axisX = new QBarCategoryAxis;
    axisX->append(labels);
    axisX->setLabelsColor(pal.color(QPalette::Text));
    auto *axisY = new QValueAxis;
    axisY->setRange(0, 110);
    axisY->setTickCount(12);
    axisY->setLabelFormat(QStringLiteral("%d%"));
    axisY->setTitleText(tr("Patients affected (%)"));
    axisY->setLabelsColor(pal.color(QPalette::Text));
    axisY->setTitleBrush(pal.color(QPalette::Text));
    chart->addAxis(axisX, Qt::AlignBottom);
    chart->addAxis(axisY, Qt::AlignLeft);
    m_series->attachAxis(axisX);
    m_series->attachAxis(axisY);
    chart->legend()->setAlignment(Qt::AlignBottom);
    connect(m_series, &QBarSeries::hovered, this, [this, aid](bool status, int index, QBarSet *set) {
        const std::size_t i = std::size_t(index) * 2 + (set == aid ? 0 : 1);
        if (status && i < m_bars.size())
            QToolTip::showText(QCursor::pos(), m_bars[i].tooltip, m_view);
        else
            QToolTip::hideText();
    });
    QTimer::singleShot(0, this, &ToxicityChart::placeOverlays);
    placeOverlays();
}

void ToxicityChart::placeOverlays()
{
    for (QGraphicsItem *i : m_overlays)
        delete i;
    m_overlays.clear();
    if (!m_series || m_bars.empty())
        return;
    QChart *chart = m_view->chart();
    const qreal w = m_series->barWidth();
    const QColor text = palette().color(QPalette::Text);
    for (std::size_t i = 0; i < m_bars.size(); ++i) {
        const Bar &b = m_bars[i];
        const int category = int(i) / 2; // two bars (AID, oncology) per category
        const qreal cat = category;
        const qreal left = cat - w / 2 + (b.oncology ? w / 2 : 0);
        const qreal top = b.noData ? kNoDataHeight : b.percent;
        const QPointF tl = chart->mapToPosition(QPointF(left, top), m_series);
        const QPointF br = chart->mapToPosition(QPointF(left + w / 2, 0), m_series);
        const QRectF rect = QRectF(tl, br).normalized();
        if (b.noData) {
            auto *hatch = new QGraphicsRectItem(rect, chart);
            const QColor c = b.oncology ? kOncColour : kAidColour;
            hatch->setBrush(QBrush(c, Qt::BDiagPattern));
            hatch->setPen(QPen(c, 1, Qt::DashLine));
            hatch->setToolTip(b.tooltip);
            hatch->setZValue(10);
            m_overlays.push_back(hatch);
        }
        auto *label = new QGraphicsSimpleTextItem(b.noData ? tr("NF") : b.label, chart);
        QFont f = font();
        f.setPointSizeF(f.pointSizeF() * 0.85);
        label->setFont(f);
        label->setBrush(text);
        label->setToolTip(b.tooltip);
        const QRectF lr = label->boundingRect();
        label->setPos(rect.center().x() - lr.width() / 2, rect.top() - lr.height() - 1);
        label->setZValue(11);
        m_overlays.push_back(label);
    }
}

} // namespace consilium
