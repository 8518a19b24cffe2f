// SPDX-License-Identifier: GPL-3.0-or-later
#include "Io.h"

#include "rules/RulePack.h"
#include "trust/TrustedPack.h"

#include <QFile>

#include <cstdio>

namespace consilium::cli {

void out(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
}

void outLine(const QString &line)
{
    out(line.toUtf8() + '\n');
}

void err(const QString &line)
{
    const QByteArray b = line.toUtf8() + '\n';
    std::fwrite(b.constData(), 1, size_t(b.size()), stderr);
}

bool readFile(const QString &path, QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        err(QStringLiteral("consilium-cli: cannot read %1: %2").arg(path, f.errorString()));
        return false;
    }
    bytes = f.readAll();
    return true;
}

std::unique_ptr<RulePack> loadPackFile(const QString &path, int &exitCode)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        err(QStringLiteral("consilium-cli: cannot read rule pack %1: %2").arg(path, f.errorString()));
        exitCode = NoInput;
        return nullptr;
    }
    json::Diagnostics diag;
    auto pack = RulePack::load(f.readAll(), diag);
    if (!pack) {
        for (const QString &l : diag.lines())
            err(QStringLiteral("%1: %2").arg(path, l));
        exitCode = BadPack;
    }
    return pack;
}

PackImport importSitePack(
    const QString &path, bool allowUnsigned, bool requireVignettes, const QString &prefix, int &exitCode)
{
    trust::ImportOptions options;
    options.allowUnsigned = allowUnsigned;
    options.requireVignettes = requireVignettes;
    trust::ImportReport report;
    json::Diagnostics diag;
    bool unreadable = false;
    PackImport result;
    result.pack = trust::importPack(path, options, diag, report, &unreadable);
    if (!result.pack) {
        for (const QString &l : diag.lines())
            err(QStringLiteral("%1: %2").arg(path, l));
        exitCode = unreadable ? NoInput : BadPack;
        return result;
    }
    if (report.overridden) {
        err(prefix + report.warning);
        result.overrideWarning = report.warning;
    }
    return result;
}

} // namespace consilium::cli
