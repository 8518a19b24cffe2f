// SPDX-License-Identifier: GPL-3.0-or-later
#include "packs/PackImporter.h"

#include "rules/RulePack.h"
#include "trust/TrustedPack.h"

#include <QFile>

namespace consilium {

namespace {

// Why the pack at `path` has no valid signature by a trusted key; empty if it has one.
QString signatureProblem(const QString &path, const QStringList &trustedKeyDirectories)
{
    QFile pack(path);
    if (!pack.open(QIODevice::ReadOnly))
        return PackImporter::tr("cannot read %1: %2").arg(path, pack.errorString());
    QFile sig(path + QStringLiteral(".sig"));
    if (!sig.open(QIODevice::ReadOnly))
        return PackImporter::tr("there is no signature file %1").arg(sig.fileName());
    QString why;
    if (trust::TrustStore::load(trustedKeyDirectories).verifiedBy(pack.readAll(), sig.readAll(), why))
        return {};
    return why.isEmpty() ? PackImporter::tr("the signature is not valid") : why;
}

// A problem with the pack as a whole: no JSON path.
json::Finding packProblem(const char *code, const QString &message)
{
    return { QString(), QLatin1String(code), message };
}

QString noVignettes()
{
    return PackImporter::tr("the pack has no vignettes: it cannot be validated");
}

} // namespace

PackImporter::Outcome PackImporter::checkFile(const QString &path, bool allowUnsigned)
{
    Outcome out;
    trust::ImportOptions options;
    options.allowUnsigned = allowUnsigned;
    json::Diagnostics diag;
    trust::ImportReport report;
    bool unreadable = false;
    std::unique_ptr<RulePack> pack = trust::importPack(path, options, diag, report, &unreadable);
    if (pack) {
        out.id = pack->id();
        out.version = pack->version();
        out.sha256 = pack->sha256();
        out.vignettes = int(pack->vignettes().size());
        out.passed = report.vignettesPassed;
        if (out.vignettes == 0) {
            out.problems.push_back(packProblem(json::FindingCode::Required, noVignettes()));
            return out;
        }
        out.signer = report.signer;
        out.overridden = report.overridden;
        out.warning = report.warning;
        if (report.overridden)
            out.signatureProblem = signatureProblem(path, options.trustedKeyDirectories);
        out.pack = std::move(pack);
        return out;
    }
    if (unreadable) {
        out.problems = diag.findings();
        return out;
    }
    // Refused. Was the signature the only reason? Check again with the override: that reports
    // the schema and vignette problems alone (never overridable), without the CLI's advice.
    out.signatureProblem = signatureProblem(path, options.trustedKeyDirectories);
    json::Diagnostics content;
    trust::ImportReport probeReport;
    trust::ImportOptions probe = options;
    probe.allowUnsigned = true;
    std::unique_ptr<RulePack> unsignedPack = trust::importPack(path, probe, content, probeReport);
    out.passed = probeReport.vignettesPassed;
    if (unsignedPack) {
        out.id = unsignedPack->id();
        out.version = unsignedPack->version();
        out.sha256 = unsignedPack->sha256();
        out.vignettes = int(unsignedPack->vignettes().size());
        if (out.vignettes == 0)
            out.problems.push_back(packProblem(json::FindingCode::Required, noVignettes()));
    } else {
        out.problems = content.findings();
        if (out.problems.empty())
            out.problems.push_back(packProblem(json::FindingCode::Invalid, tr("the file is not a valid rule pack")));
    }
    out.overridable = out.problems.empty() && !out.signatureProblem.isEmpty();
    if (out.problems.empty() && out.signatureProblem.isEmpty())
        out.problems = diag.findings(); // the file changed between the checks
    if (!out.signatureProblem.isEmpty())
        out.problems.push_back(packProblem(
            json::FindingCode::Signature, tr("the pack is not signed by a trusted key: %1").arg(out.signatureProblem)));
    return out;
}

} // namespace consilium
