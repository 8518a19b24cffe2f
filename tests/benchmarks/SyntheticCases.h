// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>

namespace consilium {
class RulePack;

// Synthetic consilium-case/1 documents for benchmarks: every variable of the pack drawn
// inside its plausible range (or from its enum values), about `missingFraction` of the facts
// left out, random medications and failed therapies. Deterministic for a given seed.
QList<QByteArray> syntheticCases(const RulePack &pack, int count, double missingFraction = 0.10, unsigned seed = 42);

} // namespace consilium
