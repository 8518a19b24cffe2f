// SPDX-License-Identifier: GPL-3.0-or-later
#include "packs/PackImporter.h"

#include "engine/Vignettes.h"
#include "rules/RulePack.h"

#include <QFile>

namespace consilium {

PackImporter::Outcome PackImporter::check(const QByteArray &bytes)
{
    Outcome out;
    json::Diagnostics diag;
    std::unique_ptr<RulePack> pack = RulePack::load(bytes, diag);
    if (!pack) {
        out.problems = diag.lines();
        if (out.problems.isEmpty())
            out.problems << tr("the file is not a valid rule pack");
        return out;
    }
    const auto results = runVignettes(*pack);
    out.vignettes = int(results.size());
    for (const VignetteOutcome &v : results) {
        if (v.passed()) {
            ++out.passed;
            continue;
        }
        for (const QString &f : v.failures)
            out.problems << tr("vignette %1: %2").arg(v.id, f);
    }
    if (results.empty())
        out.problems << tr("the pack has no vignettes: it cannot be validated");
    if (out.problems.isEmpty())
        out.pack = std::move(pack);
    return out;
}

PackImporter::Outcome PackImporter::checkFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        Outcome out;
        out.problems << tr("cannot read %1: %2").arg(path, f.errorString());
        return out;
    }
    return check(f.readAll());
}

} // namespace consilium
