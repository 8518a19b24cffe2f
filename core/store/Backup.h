// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/CaseStore.h"

namespace consilium {

struct BackupResult {
    QString path;
    qint64 bytes = 0;
    qint64 cases = 0;
    AuditHead auditHead; // also written to "<backup>.audit-head"
};

// A consistent snapshot of the live database (readers and the writer may keep working) into a
// new owner-only file; an existing file is never overwritten. The copy is checked before
// success is reported.
std::optional<BackupResult> backupDatabase(CaseStore &store, const QString &target, StoreError &error);

} // namespace consilium
