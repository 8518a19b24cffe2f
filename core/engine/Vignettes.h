// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "rules/RulePack.h"

#include <QStringList>

#include <vector>

namespace consilium {

struct VignetteOutcome {
    QString id;
    QStringList failures; // empty = passed
    bool passed() const noexcept { return failures.isEmpty(); }
};

// Runs the pack's own test vignettes (docs/cli.md, check-rules): each case is parsed like a case
// file and evaluated; verdicts, deciding criteria, other not-met/unknown criteria, missing
// inputs (as sets) and derived values (at display precision) must match exactly.
std::vector<VignetteOutcome> runVignettes(const RulePack &pack);

} // namespace consilium
