// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/CaseStore.h"

namespace consilium {

// The store's connection, for the store's own classes only (Evaluations, Decisions, Backup …):
// this header is included by core/store/*.cpp and the store's tests (pragmas of the live
// connection), nowhere else. Everything outside core/store
// goes through CaseStore's API (docs/store.md).
struct StoreConnection {
    static QSqlDatabase of(const CaseStore &store) { return store.database(); }
};

} // namespace consilium
