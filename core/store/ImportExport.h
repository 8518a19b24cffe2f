// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/CaseStore.h"

#include <vector>

namespace consilium {

struct ImportFileOutcome {
    QString file;
    QString caseId;
    SaveStatus status = SaveStatus::Rejected;
    int version = 0;
    QStringList problems; // "<json path>: <reason>" for a rejected file (caseId stays empty)
};

struct ImportSummary {
    int imported = 0; // a new case or a new version
    int unchanged = 0; // equal to the latest version: nothing written
    int rejected = 0;
    std::vector<ImportFileOutcome> files;
};

// Imports consilium-case/1 files: one file, or every *.json in a directory (sorted by name).
// An invalid file is rejected with its problems (and no case id) and the batch continues. An
// error only when `path` itself cannot be read.
StoreResult<ImportSummary> importCases(CaseStore &store, const QString &path, const RulePack &pack);

// Exports by a writer store are recorded in the audit log ("case.exported": the version's
// content hash before, the file's SHA-256 after, and its path; "cases.exported": the count,
// directory and a hash over every file written). A read-only store cannot record them; the
// caller should say so. If the audit row cannot be written the files stay and an error says so.

// Writes the latest version (or a given version number) of a case as "<dir>/<case id>.json".
StoreResult<QString> exportCase(CaseStore &store, const QString &caseId, const QString &directory, int version = 0);
// Every case (archived ones too); returns the number written.
StoreResult<int> exportAll(CaseStore &store, const QString &directory);

} // namespace consilium
