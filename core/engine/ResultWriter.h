// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Engine.h"

#include <QByteArray>
#include <QString>

namespace consilium {

QString engineVersion();

// Display rounding: half away from zero (reference-rules §0.5).
QString formatDecimal(double value, int decimals);
// A slot's value as shown in explanations: rounded number, enum literal, yes/no, date, or
// "unknown" / "not evaluated".
QString displayValue(const RulePack &pack, const Workspace &ws, int slot);
// "Met: eGFR 85.5 mL/min/1.73 m² (required ≥ 30); …" from the criterion's template.
QString renderExplanation(const RulePack &pack, const Workspace &ws, int criterion);
// The same, appended to `out` (lets callers reuse one buffer for many criteria).
void appendExplanation(QString &out, const RulePack &pack, const Workspace &ws, int criterion);
QString stateLabel(CriterionState s);
QString verdictLabel(Verdict v);

// consilium-result/1 (SPEC §5). Numbers unrounded in shortest round-trip form; unknown = null.
QByteArray resultJson(const Engine &engine, const Evaluation &e, bool pretty);
// A readable report for the terminal.
QString resultText(const Engine &engine, const Evaluation &e);

} // namespace consilium
