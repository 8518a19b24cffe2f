// SPDX-License-Identifier: GPL-3.0-or-later
#include "packs/PackConsent.h"

#include "common/Dialogs.h"
#include "packs/SignatureOverrideDialog.h"
#include "rules/RulePack.h"

#include <QFileInfo>

namespace consilium {

ConsentedPack checkPackWithConsent(QWidget *parent, const QString &path)
{
    ConsentedPack out;
    out.outcome = PackImporter::checkFile(path);
    if (out.outcome.pack || !out.outcome.overridable)
        return out;
    // Only the signature is missing or untrusted: the user may override it, with a reason.
    const QString label
        = QStringLiteral("%1 %2 (%3, sha256 %4…)")
              .arg(out.outcome.id, out.outcome.version, QFileInfo(path).fileName(), out.outcome.sha256.left(16));
    SignatureOverrideDialog confirm(label, out.outcome.signatureProblem, parent);
    const bool confirmed = Dialogs::exec(&confirm) == QDialog::Accepted && !confirm.reason().isEmpty();
    if (!confirmed) {
        out.declined = true;
        return out;
    }
    out.outcome = PackImporter::checkFile(path, true);
    if (out.outcome.pack && out.outcome.overridden)
        out.signatureOverride = Session::PackOverride { out.outcome.warning, confirm.reason() };
    return out;
}

} // namespace consilium
