// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/Session.h"
#include "packs/PackImporter.h"

#include <optional>

class QWidget;

namespace consilium {

// A site pack file checked exactly as an import checks it (PackImporter::checkFile: schema,
// vignettes, signature; issue 6), with the explicit consent of SignatureOverrideDialog (run
// through Dialogs::exec, a reason required) for a pack refused only for its signature. Shared by
// the import (PackDialog) and Tools → Impact of a rule pack… (ImpactDialog, issue 15).
struct ConsentedPack {
    PackImporter::Outcome outcome; // outcome.pack null: refused, or the user declined the override
    std::optional<Session::PackOverride> signatureOverride; // set when loaded by the override
    bool declined = false; // refused only for its signature and the user did not confirm the override
};

ConsentedPack checkPackWithConsent(QWidget *parent, const QString &path);

} // namespace consilium
