// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Evaluation.h"

#include <QString>

namespace consilium {

// How values and criteria read in the result: shared by the JSON and text writers and by
// Evaluation's accessors (views call those, not these functions on a workspace).

// Display rounding: half away from zero (docs/result-format.md).
QString formatDecimal(double value, int decimals);
// A slot's value as shown in explanations: rounded number, enum literal, yes/no, date, or
// "unknown" / "not evaluated".
QString displayValue(const RulePack &pack, const Workspace &ws, int slot);
// Why an unknown value is unknown, from the raw inputs behind it: "Serum creatinine missing"
// (pack labels; "…; Sex not evaluated" when statuses differ). Empty for a known value, a variable,
// or a derived value with every input known.
QString unknownValueReason(const RulePack &pack, const Workspace &ws, int slot);
// "Met: eGFR 85.5 mL/min/1.73 m² (required ≥ 30); …": the state, then the criterion's template
// for that state (its per-state text if the pack has one, else the neutral one). A placeholder's
// unit (`{id|unit}`) follows only a known value; an unknown derived value says why:
// "eGFR unknown (Serum creatinine missing)".
QString renderExplanation(const RulePack &pack, const Workspace &ws, int criterion);
// The same, appended to `out` (lets callers reuse one buffer for many criteria).
void appendExplanation(QString &out, const RulePack &pack, const Workspace &ws, int criterion);
// The explanation without the state prefix (for views that show the state in its own column).
QString renderExplanationText(const RulePack &pack, const Workspace &ws, int criterion);
void appendExplanationText(QString &out, const RulePack &pack, const Workspace &ws, int criterion);
// The engine's own words inside an explanation shown in another language (a view fills them
// through tr()); the defaults are the English words of the result (docs/result-format.md).
// `missing`, `unknown` and `notEvaluated` hold "%1" for the list of input labels.
struct ExplanationWords {
    QString language; // "" or "en": the English pack texts
    QString unknownValue = QStringLiteral("unknown");
    QString notEvaluatedValue = QStringLiteral("not evaluated");
    QString yes = QStringLiteral("yes");
    QString no = QStringLiteral("no");
    QString missing = QStringLiteral("%1 missing");
    QString unknown = QStringLiteral("%1 unknown");
    QString notEvaluated = QStringLiteral("%1 not evaluated");
};
// The explanation without the state prefix in `words.language` (resources/packs/FORMAT.md, "Texts
// in more than one language"): that language's template for the state and its variable labels;
// when the pack has no template in that language, the English one with `fellBack` set.
LocalText renderExplanationText(
    const RulePack &pack, const Workspace &ws, int criterion, const ExplanationWords &words);

QString stateLabel(CriterionState s);
QString verdictLabel(Verdict v);

} // namespace consilium
