// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Logic.h"

#include <QCoreApplication>
#include <QString>

namespace consilium {

// Translated display names of the engine's fixed vocabulary (arms, verdicts, states, groups,
// timeline phases, risks, roles). Pack-defined labels (variables, criteria) stay as the pack
// writes them; these are the words the application itself owns.
class Labels
{
    Q_DECLARE_TR_FUNCTIONS(consilium::Labels)

public:
    static QString arm(int arm);
    static QString armShort(int arm);
    static QString group(const QString &groupKey); // "standard_care/ahsct" too
    static QString verdict(Verdict v);
    static QString verdictFromName(const QString &name);
    static QString verdictIcon(Verdict v);
    static QString state(CriterionState s);
    static QString stateIcon(CriterionState s);
    static QString severity(Severity s);
    static QString variableGroup(const QString &group);
    static QString phase(const QString &phase);
    static QString risk(const QString &risk);
    static QString riskShort(const QString &risk); // chart axis labels
    static QString role(const QString &role);
    static QString stance(const QString &stance);
    static QString jurisdiction(const QString &code);
    static QString notEvaluated();
    static QString unknown();
    static QString disclaimer();
};

} // namespace consilium
