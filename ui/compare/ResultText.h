// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Engine.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <vector>

namespace consilium {

// Readable text for one evaluated case, shared by the comparison grid, the drill-down, the
// conference screen and the reports, so every place says the same thing in the same words.
class ResultText
{
    Q_DECLARE_TR_FUNCTIONS(consilium::ResultText)

public:
    // A criterion decides its group's verdict (as in the pack's vignettes).
    static bool decides(Verdict verdict, Severity severity, CriterionState state);
    static std::vector<int> decidingCriteria(const Engine &engine, const Evaluation &e, int group);
    static int cautionsFired(const Engine &engine, const Evaluation &e, int group);

    static QString verdictLine(const Engine &engine, const Evaluation &e, int group);
    static QString explanation(const Evaluation &e, int criterion); // without the "Met: " prefix
    static QString inputLabel(const RulePack &pack, const QString &input);
    static QStringList inputLabels(const RulePack &pack, const QStringList &inputs);

    static QString decidedBy(const Engine &engine, const Evaluation &e, int arm, bool full);
    static QString missing(const Engine &engine, const Evaluation &e, int arm, bool full = false);
    static QString earliestStart(const Evaluation &e, int arm);
    static QString toTreatment(const Evaluation &e, int arm);
    static QString inpatient(const RulePack &pack, int arm);
    static QString caregiver(const Evaluation &e, int arm);
    static QString risks(const Evaluation &e, int arm, bool full);
    static QString evidence(const Evaluation &e, int arm);
    static QString whatWouldChange(const Evaluation &e, int max);

    static QString factSource(const QString &source, const QString &evidence, const QString &note = {});
    static QString rate(double percent, qint64 events, qint64 n);
    static QString date(const QDate &d);

    // Toxicity entries shown for this patient (show_when not false), in pack order.
    static std::vector<const ToxicityEntry *> visibleToxicity(const Evaluation &e, int arm);
    static QString toxicityLine(const ToxicityEntry &t);
    static QString toxicityTooltip(const ToxicityEntry &t);
    static QStringList modifiers(const Evaluation &e, int arm);
};

} // namespace consilium
