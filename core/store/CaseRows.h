// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Row mapping shared by the store's case queries (core/store only).
#include "store/CaseStore.h"
#include "store/SqlRows.h"

namespace consilium {

// The columns caseSummaryFrom reads, for "FROM cases c LEFT JOIN case_versions v ON v.id =
// c.latest_version_id".
QString caseSummaryColumns();
CaseSummary caseSummaryFrom(const SqlStatement &q);

} // namespace consilium
