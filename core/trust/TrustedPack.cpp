// SPDX-License-Identifier: GPL-3.0-or-later
#include "trust/TrustedPack.h"

#include "engine/Vignettes.h"

#include <QFile>

namespace consilium::trust {

std::unique_ptr<RulePack> importPack(
    const QString &path, const ImportOptions &options, json::Diagnostics &diag, ImportReport &report, bool *unreadable)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        diag.error(QStringLiteral("$"), QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
        if (unreadable)
            *unreadable = true;
        return nullptr;
    }
    const QByteArray bytes = f.readAll();
    auto pack = RulePack::load(bytes, diag);
    if (!pack)
        return nullptr;
    for (const VignetteOutcome &v : runVignettes(*pack)) {
        if (v.passed())
            ++report.vignettesPassed;
        for (const QString &failure : v.failures) {
            if (options.requireVignettes)
                diag.error(QStringLiteral("$.vignettes"), QStringLiteral("vignette %1 failed: %2").arg(v.id, failure));
        }
    }
    const QString sigPath = path + QStringLiteral(".sig");
    QString why;
    QFile sigFile(sigPath);
    if (!sigFile.open(QIODevice::ReadOnly)) {
        why = QStringLiteral("no signature file %1").arg(sigPath);
    } else if (const auto signer
        = TrustStore::load(options.trustedKeyDirectories).verifiedBy(bytes, sigFile.readAll(), why)) {
        report.signer = *signer;
    }
    if (report.signer.isEmpty()) {
        if (options.allowUnsigned) {
            report.overridden = true;
            report.warning
                = QStringLiteral("WARNING: rule pack %1 %2 (sha256 %3) is not signed by a trusted key (%4); loaded "
                                 "because the signature check was explicitly overridden")
                      .arg(pack->id(), pack->version(), pack->sha256(), why);
        } else {
            diag.error(QStringLiteral("$"),
                QStringLiteral("rule pack refused: %1 (a site pack must be signed by a trusted key; "
                               "see README, or override with --allow-unsigned)")
                    .arg(why));
        }
    }
    if (!diag.ok())
        return nullptr;
    return pack;
}

} // namespace consilium::trust
