// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/AuditLog.h"
#include "store/CaseStore.h"

#include <vector>

namespace consilium {

struct CopiedTable {
    QString table;
    qint64 source = 0; // rows in the source's snapshot
    qint64 target = 0; // rows copied into the target, counted there before the commit
};

struct CopyReport {
    QString from; // CaseStore::path() of each side
    QString to;
    std::vector<CopiedTable> tables;
    AuditVerification sourceAudit; // the source's chain, verified before copying
    AuditVerification targetAudit; // the target's chain with the copy's own row, verified before the commit
    qint64 copyAuditRow = 0; // the target's "database.copied" row
};

// Copies a whole Consilium database into an empty one, SQLite to PostgreSQL or back
// (`consilium-cli db copy`, docs/cli.md#db-copy, docs/store.md#moving-to-a-team-server): every
// table with its ids, versions, timestamps, actors and audit rows as they are. The source is
// read in one snapshot; its audit chain must verify. The target must be empty (a missing or
// empty file, or a PostgreSQL database without tables), else StoreErrc::Refused. The schema and
// every row are written in one transaction (SQLite: into "<target>.new-PID", renamed into place),
// the row counts of every table and the audit chain are checked on the target before the commit,
// and one "database.copied" audit row is appended there; any failure leaves the target empty.
StoreResult<CopyReport> copyDatabase(const StoreOptions &from, const StoreOptions &to);

} // namespace consilium
