// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "json/StrictJson.h"

#include <QCoreApplication>
#include <QStringList>

#include <memory>
#include <vector>

namespace consilium {

class RulePack;

// Checks a site rule pack before it may be used (issue 6, through trust::importPack): it must
// load (every identifier, literal and unit type-checked), every one of its vignettes must pass
// and PACK.sig beside it must be a valid signature by a trusted key. Anything else refuses it,
// with the reasons. A pack refused only for its signature may be loaded with an explicit,
// audited override (allowUnsigned); schema and vignette failures are never overridable.
class PackImporter
{
    Q_DECLARE_TR_FUNCTIONS(consilium::PackImporter)

public:
    struct Outcome {
        std::unique_ptr<RulePack> pack; // null when refused
        // Why it was refused: the loader's findings (with their JSON path) and the importer's own
        // (no path: about the pack as a whole, e.g. its signature).
        std::vector<json::Finding> problems;
        int vignettes = 0;
        int passed = 0;
        QString signer; // fingerprint of the trusted key that signed the pack
        bool overridable = false; // refused only because it is not signed by a trusted key
        QString signatureProblem; // why the signature is not accepted (empty when it is)
        bool overridden = false; // loaded with allowUnsigned although not trusted
        QString warning; // the override warning (as the CLI prints and audits it)
        QString id, version, sha256; // of the pack, whenever it loaded (also when refused)
    };

    static Outcome checkFile(const QString &path, bool allowUnsigned = false);
};

} // namespace consilium
