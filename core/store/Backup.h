// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/CaseStore.h"

namespace consilium {

struct BackupResult {
    QString path;
    qint64 bytes = 0;
    qint64 cases = 0;
    AuditHead auditHead; // also written to "<backup>.audit-head"
    QString sha256; // of the backup file as written
    bool audited = false;
    qint64 auditRow = 0; // the "database.backed_up" row in the live database (when audited)
};

// A consistent snapshot of the live database (readers and the writer may keep working) into a
// new owner-only file; an existing file is never overwritten. The copy is checked before
// success is reported. A writer store then records the backup in the audit log (file path,
// case count, the file's SHA-256 as after-hash); a read-only store cannot, and `audited` stays
// false so the caller can say so. If the audit row cannot be written the backup file is kept
// and an error says it is unrecorded.
StoreResult<BackupResult> backupDatabase(CaseStore &store, const QString &target);

} // namespace consilium
