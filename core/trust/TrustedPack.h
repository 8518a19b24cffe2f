// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "rules/RulePack.h"
#include "trust/PackSignature.h"
#include "json/StrictJson.h"

#include <memory>

namespace consilium::trust {

struct ImportOptions {
    bool allowUnsigned = false; // explicit override: load an unsigned or untrusted pack with a warning
    bool requireVignettes = true; // false only to compare with a pack, never to store results
    QStringList trustedKeyDirectories = TrustStore::defaultDirectories();
};

struct ImportReport {
    QString signer; // fingerprint of the trusted key, empty when unsigned
    bool overridden = false; // loaded although unsigned/untrusted (allowUnsigned)
    QString warning; // the override warning to show (and audit)
    int vignettesPassed = 0;
};

// Imports a site rule pack (issue 6): the schema must validate, every vignette shipped in the
// pack must pass, and PACK.sig (beside the file) must be a valid signature by a trusted key —
// unless allowUnsigned, which loads it with a warning. On refusal returns null and diag holds
// one line per reason. A missing/unreadable pack file sets `unreadable`.
std::unique_ptr<RulePack> importPack(const QString &path, const ImportOptions &options, json::Diagnostics &diag,
    ImportReport &report, bool *unreadable = nullptr);

} // namespace consilium::trust
