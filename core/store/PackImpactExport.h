// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/PackImpact.h"

#include <QByteArray>

namespace consilium {

class RulePack;

// The files an impact report is exported as (issue 15, docs/cli.md#db-impact): the very bytes
// `consilium-cli db impact --format json|csv` writes, and Tools → Impact of a rule pack… saves.

// "consilium-impact/1": both packs, the counts, the cases not valid under one of them, the
// transition tables, the earliest-start shifts and the changed cases (indented JSON).
QByteArray impactJson(const PackImpact &impact, const RulePack &active, const RulePack &candidate);

// One row per change: case_id,version,kind,key,before,after (kind: verdict, criterion,
// earliest_start), after a header row; UTF-8, "\n" line ends.
QByteArray impactCsv(const PackImpact &impact);

} // namespace consilium
