// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared input/output of consilium-cli commands: stdout/stderr, files, exit codes and rule
// packs (docs/cli.md, README "Command line" for the exit codes).
#include <QByteArray>
#include <QString>

#include <memory>

namespace consilium {
class RulePack;
}

namespace consilium::cli {

// Exit codes; 64, 66 and 75 as in sysexits (usage, no input, temporary failure: the database
// is locked by another writer).
enum Exit { Ok = 0, Failed = 1, BadCase = 2, BadPack = 3, Usage = 64, NoInput = 66, Busy = 75 };

// Writes bytes to stdout as they are.
void out(const QByteArray &bytes);
// Writes one line (a newline is added) to stdout / stderr.
void outLine(const QString &line);
void err(const QString &line);

// Reads a whole file; on failure prints "consilium-cli: cannot read PATH: reason" and returns false.
bool readFile(const QString &path, QByteArray &bytes);

// Loads a pack file for validation only (check-rules): schema and expressions, no signature.
// On failure prints the findings, sets `exitCode` and returns null.
std::unique_ptr<RulePack> loadPackFile(const QString &path, int &exitCode);

struct PackImport {
    std::unique_ptr<RulePack> pack;
    // The --allow-unsigned override warning, empty when the signature was trusted.
    QString overrideWarning;
};

// Imports a site pack (--rules): schema, vignettes (when `requireVignettes`) and a trusted
// signature, or the explicit --allow-unsigned override, whose warning is printed after
// `prefix`. On failure prints the findings, sets `exitCode` (NoInput, BadPack) and returns no pack.
PackImport importSitePack(
    const QString &path, bool allowUnsigned, bool requireVignettes, const QString &prefix, int &exitCode);

} // namespace consilium::cli
