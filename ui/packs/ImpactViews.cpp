// SPDX-License-Identifier: GPL-3.0-or-later
#include "packs/ImpactViews.h"

#include "common/Labels.h"
#include "common/VerdictStyle.h"
#include "compare/ResultText.h"
#include "rules/RulePack.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHorizontalStackedBarSeries>
#include <QTableWidget>
#include <QValueAxis>

#include <set>

namespace consilium {

namespace {

const QLatin1String kAbsent("absent");

QTableWidgetItem *item(const QString &text)
{
    auto *i = new QTableWidgetItem(text);
    i->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    return i;
}

QTableWidgetItem *number(qint64 n)
{
    QTableWidgetItem *i = item(QString());
    i->setData(Qt::DisplayRole, n);
    i->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return i;
}

void prepare(QTableWidget *table, const QStringList &headers)
{
    table->clearContents();
    table->setRowCount(0);
    table->setColumnCount(int(headers.size()));
    table->setHorizontalHeaderLabels(headers);
}

QString dateText(const std::optional<QDate> &d)
{
    return d ? ResultText::date(*d) : Labels::unknown();
}

} // namespace

QStringList ImpactViews::orderedGroups(const PackImpact &impact) const
{
    std::set<QString> left;
    for (const auto &entry : impact.transitions)
        left.insert(entry.first);
    QStringList out;
    auto take = [&](const QString &key) {
        if (left.erase(key) > 0)
            out << key;
    };
    for (int arm = 0; arm < kArmCount; ++arm) {
        const QString armKey = QLatin1String(kArmIds[std::size_t(arm)]);
        take(armKey);
        for (const QString &key : std::set<QString>(left)) {
            if (key.startsWith(armKey + QLatin1Char('/')))
                take(key);
        }
        for (const RulePack *pack : { &m_active, &m_candidate }) {
            for (const OptionDef &o : pack->options()) {
                if (o.arm == arm)
                    take(optionGroupKey(o.id));
            }
        }
    }
    for (const QString &key : left)
        out << key;
    return out;
}

QString ImpactViews::groupLabel(const QString &key) const
{
    QString option = optionIdOfGroup(key);
    if (option.isEmpty())
        return Labels::group(key);
    for (const RulePack *pack : { &m_candidate, &m_active }) {
        const int i = pack->optionIndex(option);
        if (i >= 0) {
            const OptionDef &o = pack->options()[std::size_t(i)];
            return tr("%1 (under %2)").arg(ResultText::optionLabel(*pack, o), Labels::arm(o.arm));
        }
    }
    return option;
}

QString ImpactViews::verdictLabel(const QString &name)
{
    if (name == kAbsent)
        return tr("not in this pack");
    return Labels::verdictFromName(name);
}

QString ImpactViews::stateLabel(const QString &name)
{
    if (name == kAbsent)
        return tr("not in this pack");
    for (const CriterionState s :
        { CriterionState::Met, CriterionState::NotMet, CriterionState::Unknown, CriterionState::NotApplicable }) {
        if (name == QLatin1String(toString(s).data()))
            return Labels::state(s);
    }
    return name;
}

void ImpactViews::fillTransitions(QTableWidget *table, const PackImpact &impact) const
{
    prepare(table, { tr("Group"), tr("Active pack"), tr("Candidate"), tr("Cases") });
    for (const QString &key : orderedGroups(impact)) {
        for (const auto &[pair, n] : impact.transitions.at(key)) {
            const int row = table->rowCount();
            table->insertRow(row);
            QTableWidgetItem *group = item(groupLabel(key));
            group->setData(KeyRole, key);
            group->setData(BeforeRole, pair.first);
            group->setData(AfterRole, pair.second);
            table->setItem(row, 0, group);
            table->setItem(row, 1, item(verdictLabel(pair.first)));
            table->setItem(row, 2, item(verdictLabel(pair.second)));
            table->setItem(row, 3, number(n));
            if (pair.first != pair.second) {
                for (int c = 0; c < 4; ++c) {
                    QFont f = table->item(row, c)->font();
                    f.setBold(true);
                    table->item(row, c)->setFont(f);
                }
            }
        }
    }
    table->resizeColumnsToContents();
}

void ImpactViews::fillChart(QChartView *view, const PackImpact &impact) const
{
    const QStringList groups = orderedGroups(impact);
    // One bar set for the unchanged cases, one per verdict cases change to, in verdict order.
    QStringList targets;
    for (const Verdict v : { Verdict::Eligible, Verdict::EligibleWithCautions, Verdict::Undetermined,
             Verdict::Ineligible, Verdict::NotApplicable })
        targets << QLatin1String(toString(v).data());
    targets << kAbsent;
    auto *series = new QHorizontalStackedBarSeries;
    auto *unchanged = new QBarSet(tr("Unchanged"));
    std::vector<QBarSet *> moved;
    for (qsizetype i = 0; i < targets.size(); ++i) {
        moved.push_back(new QBarSet(tr("Changed to %1").arg(verdictLabel(targets[i]))));
        if (i < targets.size() - 1) // the verdict's own colour (VerdictStyle); "absent" keeps the theme's
            moved.back()->setColor(VerdictStyle::accent(Verdict(i), view->palette()));
    }
    QStringList labels;
    // Bottom to top in a horizontal chart: reversed, so the first group is at the top.
    QStringList bottomUp;
    std::copy(groups.crbegin(), groups.crend(), std::back_inserter(bottomUp));
    for (const QString &g : bottomUp) {
        labels << groupLabel(g);
        qint64 same = 0;
        std::vector<qint64> to(targets.size(), 0);
        for (const auto &[pair, n] : impact.transitions.at(g)) {
            if (pair.first == pair.second)
                same += n;
            else if (const auto i = targets.indexOf(pair.second); i >= 0)
                to[std::size_t(i)] += n;
        }
        unchanged->append(double(same));
        for (std::size_t i = 0; i < moved.size(); ++i)
            moved[i]->append(double(to[i]));
    }
    unchanged->setColor(QColor(0xb0, 0xb0, 0xb0));
    series->append(unchanged);
    for (QBarSet *set : moved) {
        if (set->sum() > 0)
            series->append(set);
        else
            delete set;
    }
    auto *chart = new QChart;
    chart->addSeries(series);
    auto *axisY = new QBarCategoryAxis;
    axisY->append(labels);
    chart->addAxis(axisY, Qt::AlignLeft);
    series->attachAxis(axisY);
    auto *axisX = new QValueAxis;
    axisX->setLabelFormat(QStringLiteral("%d"));
    axisX->setTitleText(tr("Cases"));
    chart->addAxis(axisX, Qt::AlignBottom);
    series->attachAxis(axisX);
    axisX->applyNiceNumbers(); // whole cases on the ticks
    chart->setTitle(tr("Verdicts per group: active pack → candidate"));
    chart->legend()->setAlignment(Qt::AlignBottom);
    QChart *old = view->chart();
    view->setChart(chart);
    delete old;
}

void ImpactViews::fillShifts(QTableWidget *table, const PackImpact &impact) const
{
    prepare(table, { tr("Arm"), tr("Earliest start moves by"), tr("Cases") });
    // Cases whose date became known or unknown: not a shift in days, counted on their own.
    std::map<QString, qint64> unknown;
    for (const PackImpact::CaseChange &c : impact.changed) {
        for (const PackImpact::StartShift &s : c.starts) {
            if (!s.before || !s.after)
                ++unknown[s.arm];
        }
    }
    auto add = [&](const QString &arm, const QString &shift, qint64 n) {
        const int row = table->rowCount();
        table->insertRow(row);
        QTableWidgetItem *a = item(Labels::arm(armIndex(arm)));
        a->setData(KeyRole, arm);
        table->setItem(row, 0, a);
        table->setItem(row, 1, item(shift));
        table->setItem(row, 2, number(n));
    };
    for (int arm = 0; arm < kArmCount; ++arm) {
        const QString key = QLatin1String(kArmIds[std::size_t(arm)]);
        if (const auto s = impact.startShifts.find(key); s != impact.startShifts.end()) {
            for (const auto &[days, n] : s->second)
                add(key, (days > 0 ? QStringLiteral("+") : QString()) + tr("%n day(s)", nullptr, int(days)), n);
        }
        if (const auto u = unknown.find(key); u != unknown.end())
            add(key, tr("known under one pack only"), u->second);
    }
    table->resizeColumnsToContents();
}

void ImpactViews::fillCases(QTableWidget *table, const PackImpact &impact) const
{
    prepare(table,
        { tr("Case"), tr("Version"), tr("Verdicts that change"), tr("Criteria that change"), tr("Earliest start") });
    table->setRowCount(int(impact.changed.size()));
    int row = 0;
    for (const PackImpact::CaseChange &c : impact.changed) {
        QStringList verdicts;
        for (const PackImpact::Change &v : c.verdicts)
            verdicts
                << QStringLiteral("%1: %2 → %3").arg(groupLabel(v.key), verdictLabel(v.before), verdictLabel(v.after));
        QStringList criteria;
        for (const PackImpact::Change &v : c.criteria)
            criteria << QStringLiteral("%1: %2 → %3").arg(v.key, stateLabel(v.before), stateLabel(v.after));
        QStringList starts;
        for (const PackImpact::StartShift &s : c.starts)
            starts << QStringLiteral("%1: %2 → %3")
                          .arg(Labels::arm(armIndex(s.arm)), dateText(s.before), dateText(s.after));
        QTableWidgetItem *id = item(c.caseId);
        id->setData(KeyRole, c.caseId);
        table->setItem(row, 0, id);
        table->setItem(row, 1, number(c.version));
        // One change a line.
        int column = 2;
        for (const QStringList *lines : { &verdicts, &criteria, &starts }) {
            QTableWidgetItem *cell = item(lines->join(QLatin1Char('\n')));
            cell->setToolTip(cell->text());
            table->setItem(row, column++, cell);
        }
        ++row;
    }
    table->resizeColumnsToContents();
    for (int c = 2; c < table->columnCount(); ++c)
        table->setColumnWidth(c, std::min(table->columnWidth(c), 460));
    table->resizeRowsToContents();
}

} // namespace consilium
