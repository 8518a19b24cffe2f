// SPDX-License-Identifier: GPL-3.0-or-later
#include "toxicity/LocalOutcomes.h"

#include "common/Html.h"
#include "common/Labels.h"
#include "compare/ResultText.h"
#include "engine/Engine.h"
#include "toxicity/ChartStyle.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QGraphicsSimpleTextItem>
#include <QLegendMarker>
#include <QLineSeries>
#include <QValueAxis>

namespace consilium {

namespace {

// The measures issue 14 names for the local outcomes (CRS any grade / grade ≥ 3, ICANS, ICAHT ≥ 3,
// infection ≥ 3), each with the pack risk and severity it is compared with and the count of
// FollowUps::ArmOutcomes it comes from.
struct Measure {
    const char *id;
    const char *risk;
    ToxicityMetric metric;
    int FollowUps::ArmOutcomes::*events;
    int FollowUps::ArmOutcomes::*known;
};

using AO = FollowUps::ArmOutcomes;
const Measure kMeasures[] = {
    { "crs_any", "CRS", ToxicityMetric::AnyGrade, &AO::crsAny, &AO::crsKnown },
    { "crs_grade3", "CRS", ToxicityMetric::Grade3Plus, &AO::crsGrade3, &AO::crsKnown },
    { "icans_any", "ICANS", ToxicityMetric::AnyGrade, &AO::icansAny, &AO::icansKnown },
    { "icans_grade3", "ICANS", ToxicityMetric::Grade3Plus, &AO::icansGrade3, &AO::icansKnown },
    { "icaht_grade3", "ICAHT", ToxicityMetric::Grade3Plus, &AO::icahtGrade3, &AO::icahtKnown },
    { "infection_grade3", "Infection", ToxicityMetric::Grade3Plus, &AO::infectionGrade3, &AO::infectionKnown },
};

const QColor kSiteColour(0xf5, 0x7c, 0x00);
using chartstyle::kAidColour;
using chartstyle::kAxisTop;
using chartstyle::kBarWidth;
constexpr int kSets = 2; // this site, the published autoimmune cohort (the oncology reference: table only)

// The site's counts of one arm: its own rows and its sub-options' ("standard_care/ahsct").
AO armSum(const std::vector<AO> &site, int arm)
{
    const QString id = QLatin1String(kArmIds[std::size_t(arm)]);
    AO sum;
    sum.arm = id;
    for (const AO &a : site) {
        if (a.arm != id && !a.arm.startsWith(id + QLatin1Char('/')))
            continue;
        sum.treated += a.treated;
        sum.withDay28 += a.withDay28;
        sum.crsAny += a.crsAny;
        sum.crsGrade3 += a.crsGrade3;
        sum.crsKnown += a.crsKnown;
        sum.icansAny += a.icansAny;
        sum.icansGrade3 += a.icansGrade3;
        sum.icansKnown += a.icansKnown;
        sum.icahtGrade3 += a.icahtGrade3;
        sum.icahtKnown += a.icahtKnown;
        sum.infectionGrade3 += a.infectionGrade3;
        sum.infectionKnown += a.infectionKnown;
    }
    return sum;
}

QString figureLabel(const ToxicityFigure &f)
{
    // As the toxicity chart labels the published bars: the count, or the percentage with its n.
    if (f.found && f.events < 0)
        return ResultText::percentText(f.percent) + QLatin1Char('\n')
            + (f.n > 0 ? QStringLiteral("n=%1").arg(f.n) : LocalOutcomes::tr("n unknown"));
    return ResultText::figureCount(f);
}

} // namespace

QString LocalOutcomes::countText(const LocalCount &c)
{
    if (c.n <= 0)
        return tr("no data");
    QString count = QStringLiteral("%1/%2").arg(c.events).arg(c.n);
    if (c.n < kPercentFromN)
        return count;
    return QStringLiteral("%1 (%2)").arg(count, ResultText::percentText(100.0 * c.events / c.n));
}

LocalOutcomesArm LocalOutcomes::forArm(const std::vector<AO> &site, const Evaluation *e, int arm)
{
    LocalOutcomesArm out;
    out.arm = arm;
    const AO sum = armSum(site, arm);
    out.treated = sum.treated;
    static const std::vector<const ToxicityEntry *> none;
    const auto &published = e ? ResultText::visibleToxicity(*e, arm) : none;
    const QStringList risks = ResultText::toxicityRisks(published);
    for (const Measure &m : kMeasures) {
        LocalOutcomeRow row;
        row.measure = QLatin1String(m.id);
        row.risk = QLatin1String(m.risk);
        row.metric = m.metric;
        row.site = { sum.*m.events, sum.*m.known };
        if (!risks.contains(row.risk) && row.site.n == 0)
            continue;
        row.aid = bestToxicityFigure(published, row.risk, QStringLiteral("aid_cohort"), m.metric);
        row.oncology = bestToxicityFigure(published, row.risk, QStringLiteral("oncology_reference"), m.metric);
        out.rows.push_back(row);
    }
    return out;
}

int LocalOutcomes::treatedTotal(const std::vector<AO> &site)
{
    int total = 0;
    for (const AO &a : site)
        total += a.treated;
    return total;
}

QString LocalOutcomes::measureLabel(const QString &measure)
{
    if (measure == QLatin1String("crs_any"))
        return tr("CRS, any grade");
    if (measure == QLatin1String("crs_grade3"))
        return tr("CRS, grade ≥ 3");
    if (measure == QLatin1String("icans_any"))
        return tr("ICANS, any grade");
    if (measure == QLatin1String("icans_grade3"))
        return tr("ICANS, grade ≥ 3");
    if (measure == QLatin1String("icaht_grade3"))
        return tr("ICAHT, grade ≥ 3");
    if (measure == QLatin1String("infection_grade3"))
        return tr("Infection, grade ≥ 3");
    return measure;
}

QString LocalOutcomes::emptyText(const std::vector<AO> &site, int arm)
{
    if (treatedTotal(site) == 0)
        return tr("No follow-up recorded at this site yet for a treated patient.");
    return tr("No follow-up recorded at this site yet for a patient treated with %1.").arg(Labels::arm(arm));
}

QString LocalOutcomes::treatedText(const LocalOutcomesArm &arm)
{
    return tr(
        "Treated at this site with %1: %n patient(s) with a follow-up and a treatment date.", nullptr, arm.treated)
        .arg(Labels::arm(arm.arm));
}

QString LocalOutcomes::legendText(bool chart)
{
    QString text = tr("This site: patients with the event / patients for whom it is known (unknown is not counted as"
                      " no); a percentage only from n = %1 on, always beside the count. Published: the rule pack's"
                      " rates (k/n, or the reported percentage with its n), with the 95% confidence interval (Wilson"
                      " score). \"not found\" means no published rate, not zero.")
                       .arg(kPercentFromN);
    if (chart)
        text += QLatin1Char(' ') + tr("Whiskers: the 95% confidence interval (Wilson score).");
    return text;
}

namespace {

// The bars of one measure: this site, then the published autoimmune cohort.
void addBars(const LocalOutcomeRow &row, std::vector<LocalOutcomes::Bar> &out, QBarSet *const sets[kSets])
{
    for (int s = 0; s < kSets; ++s) {
        LocalOutcomes::Bar b;
        b.measure = row.measure;
        b.set = s;
        if (s == 0) {
            b.found = row.site.n > 0;
            b.percent = b.found ? 100.0 * row.site.events / row.site.n : 0.0;
            // The chart's label is the count alone: the percentage is the bar's height.
            b.label
                = b.found ? QStringLiteral("%1/%2").arg(row.site.events).arg(row.site.n) : LocalOutcomes::tr("no data");
        } else {
            b.found = row.aid.found;
            b.percent = b.found ? row.aid.percent : 0.0;
            b.label = figureLabel(row.aid);
        }
        sets[s]->append(b.percent);
        out.push_back(b);
    }
}

std::optional<ProportionInterval> barInterval(const LocalOutcomeRow &row, int set)
{
    if (set == 0)
        return row.site.n > 0 ? wilsonInterval(row.site.events, row.site.n) : std::nullopt;
    return row.aid.found ? row.aid.interval : std::nullopt;
}

struct Axes {
    QBarCategoryAxis *x;
    QValueAxis *y;
};

Axes addAxes(QChart *chart, QBarSeries *series, const QStringList &categories, const ChartStyle &style)
{
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
    axisY->setTitleText(LocalOutcomes::tr("Patients affected (%)"));
    axisY->setLabelsColor(style.text);
    axisY->setLabelsFont(style.font);
    axisY->setTitleBrush(style.text);
    axisY->setTitleFont(style.font);
    axisY->setGridLineColor(style.grid);
    chart->addAxis(axisX, Qt::AlignBottom);
    chart->addAxis(axisY, Qt::AlignLeft);
    series->attachAxis(axisX);
    series->attachAxis(axisY);
    return { axisX, axisY };
}

// A whisker with caps from lo to hi (percent) at x; one legend entry explains them all.
void addWhisker(
    QChart *chart, const Axes &axes, qreal x, qreal cap, qreal lo, qreal hi, const ChartStyle &style, bool inLegend)
{
    auto *line = new QLineSeries;
    line->setName(LocalOutcomes::tr("95% CI (Wilson)"));
    line->append({ QPointF(x - cap, lo), QPointF(x + cap, lo), QPointF(x, lo), QPointF(x, hi), QPointF(x - cap, hi),
        QPointF(x + cap, hi) });
    QPen pen(style.text.lightnessF() > 0.5 ? QColor(0xee, 0xee, 0xee) : QColor(0x21, 0x21, 0x21));
    pen.setWidthF(1.4);
    line->setPen(pen);
    chart->addSeries(line);
    line->attachAxis(axes.x);
    line->attachAxis(axes.y);
    for (QLegendMarker *m : chart->legend()->markers(line))
        m->setVisible(inLegend);
}

} // namespace

std::vector<LocalOutcomes::Bar> LocalOutcomes::populate(
    QChart *chart, const LocalOutcomesArm &arm, const ChartStyle &style)
{
    std::vector<Bar> out;
    prepareChart(chart, style);
    // On two lines, and short legend entries: the chart is half a panel wide, and Qt Charts
    // cuts a title or a legend entry that does not fit ("…"). The text legend under the chart
    // says what "published" and the whiskers are.
    chart->setTitle(QStringLiteral("%1<br>%2")
                        .arg(Labels::arm(arm.arm).toHtmlEscaped(),
                            tr("this site beside the published rates, k/n").toHtmlEscaped()));
    QBarSet *sets[kSets] = { new QBarSet(tr("This site")), new QBarSet(tr("Autoimmune cohort")) };
    const QColor colours[kSets] = { kSiteColour, kAidColour };
    auto *series = new QBarSeries;
    series->setBarWidth(kBarWidth);
    for (int s = 0; s < kSets; ++s) {
        sets[s]->setColor(colours[s]);
        sets[s]->setBorderColor(colours[s].darker(125));
        series->append(sets[s]);
    }
    QStringList categories;
    for (const LocalOutcomeRow &row : arm.rows) {
        // Short axis labels (the chart is half a panel wide): "CRS", "CRS<br>≥ 3".
        categories << Labels::riskShort(row.risk).toHtmlEscaped()
                + (row.metric == ToxicityMetric::Grade3Plus ? QStringLiteral("<br>≥ 3") : QString());
        addBars(row, out, sets);
    }
    chart->addSeries(series);
    const Axes axes = addAxes(chart, series, categories, style);
    chart->legend()->setAlignment(Qt::AlignBottom);

    auto *labels = new ChartLabels(chart, series);
    const qreal slot = kBarWidth / kSets;
    QFont labelFont = style.font;
    labelFont.setPointSizeF(style.font.pointSizeF() * 0.92);
    bool whiskerInLegend = false;
    for (std::size_t i = 0; i < out.size(); ++i) {
        const Bar &b = out[i];
        const std::size_t category = i / kSets;
        const LocalOutcomeRow &row = arm.rows[category];
        const qreal x = qreal(category) + (b.set == 0 ? -slot / 2 : slot / 2);
        qreal top = b.found ? b.percent : 0.0;
        if (const auto ci = b.found ? barInterval(row, b.set) : std::nullopt) {
            addWhisker(chart, axes, x, slot / 4, ci->lower * 100, ci->upper * 100, style, !whiskerInLegend);
            whiskerInLegend = true;
            top = std::max(top, ci->upper * 100);
        }
        // "no data" / "not found" at the baseline, on two lines when wider than the bar.
        const bool baseline = !b.found;
        QGraphicsSimpleTextItem *text
            = labels->add(b.label, QPointF(x, top), barLabelPlacer(chart, series, x, slot, baseline));
        QFont font = labelFont;
        font.setItalic(!b.found);
        text->setFont(font);
        QColor colour = style.text;
        if (!b.found)
            colour.setAlphaF(0.75);
        text->setBrush(colour);
    }
    labels->place();
    return out;
}

namespace { } // namespace

QString LocalOutcomes::reportSection(const std::vector<AO> &site, const Evaluation &e)
{
    QString h = QStringLiteral("<h2>%1</h2>").arg(htmlLines(tr("Outcomes at this site beside the literature")));
    if (treatedTotal(site) == 0)
        return h + QStringLiteral("<p>%1</p>").arg(htmlLines(emptyText(site, 0)));
    for (int a = 0; a < kArmCount; ++a) {
        const LocalOutcomesArm arm = forArm(site, &e, a);
        if (arm.treated == 0) {
            h += QStringLiteral("<p>%1</p>").arg(htmlLines(emptyText(site, a)));
            continue;
        }
        h += QStringLiteral("<p><b>%1</b></p>").arg(htmlLines(treatedText(arm)));
        h += QStringLiteral("<table width='100%'><tr><th>%1</th><th>%2</th><th>%3</th><th>%4</th></tr>")
                 .arg(htmlLines(tr("Measure")), htmlLines(tr("This site")),
                     htmlLines(tr("Autoimmune cohort (published)")), htmlLines(tr("Oncology reference (published)")));
        for (const LocalOutcomeRow &row : arm.rows)
            h += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td></tr>")
                     .arg(htmlLines(measureLabel(row.measure)), htmlLines(countText(row.site)),
                         htmlLines(ResultText::figureText(row.aid)), htmlLines(ResultText::figureText(row.oncology)));
        h += QStringLiteral("</table>");
    }
    return h + QStringLiteral("<p class='muted'>%1</p>").arg(htmlLines(legendText(false)));
}

} // namespace consilium
