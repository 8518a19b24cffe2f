// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/PackImpact.h"

#include <QCoreApplication>
#include <QStringList>

class QChartView;
class QTableWidget;

namespace consilium {

class RulePack;

// The tables and the chart of Tools → Impact of a rule pack… (issue 15, docs/store.md#impact),
// filled from one PackImpact. Groups are named as everywhere in the window (Labels::group for
// arms and sub-options, ResultText::optionLabel for options, in the interface language) and
// ordered arm by arm: the arm, its sub-options, then its options.
class ImpactViews
{
    Q_DECLARE_TR_FUNCTIONS(consilium::ImpactViews)

public:
    // The data roles of the tables' first column: the group key / case id, and the verdict or
    // state names before and after (PackImpact's, "absent" for a group one pack does not have).
    enum Role : int { KeyRole = Qt::UserRole + 1, BeforeRole, AfterRole };

    ImpactViews(const RulePack &active, const RulePack &candidate) : m_active(active), m_candidate(candidate) { }

    QStringList orderedGroups(const PackImpact &impact) const;
    QString groupLabel(const QString &key) const;
    static QString verdictLabel(const QString &name);
    static QString stateLabel(const QString &name);

    // One row per group and transition (old verdict × new verdict, unchanged ones included).
    void fillTransitions(QTableWidget *table, const PackImpact &impact) const;
    // Stacked bars per group: the cases that keep their verdict, and those that change, by new verdict.
    void fillChart(QChartView *view, const PackImpact &impact) const;
    // Per arm: how many cases move their earliest start by how many days.
    void fillShifts(QTableWidget *table, const PackImpact &impact) const;
    // The changed cases with the groups, criteria and start dates that changed.
    void fillCases(QTableWidget *table, const PackImpact &impact) const;

private:
    const RulePack &m_active;
    const RulePack &m_candidate;
};

} // namespace consilium
