// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Engine.h"

#include <QByteArray>

namespace consilium {

// consilium-summary/3 (docs/result-format.md#summary-output): one compact JSON object per case
// for screening many cases (`evaluate --batch … --output summary`): per arm, sub-option and
// option the verdict, earliest start (arms and options), missing inputs and caution missing
// inputs, and the derived values — no explanations, sources or pack texts, which the full
// result repeats in every line, and no pack ids: derived values, arms and options are arrays in
// pack order, missing inputs are sets of input numbers, an option's relative to its arm's.
QByteArray summaryJson(const Engine &engine, const Evaluation &e);

} // namespace consilium
