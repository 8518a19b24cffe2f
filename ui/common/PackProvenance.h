// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>

namespace consilium {

class RulePack;

// How the active rule pack came to be loaded: the one built into the application, a site pack
// signed by a trusted key, or a site pack loaded without a trusted signature by an explicit,
// audited override (issue 6). Shown wherever verdicts are shown (issue 10).
struct PackProvenance {
    enum class Kind { Builtin, Signed, Override, NotRecorded };
    Kind kind = Kind::NotRecorded; // NotRecorded: a site pack whose loading was not recorded
    QString signer; // Signed: fingerprint of the trusted key
    QString reason; // Override: the user's reason

    // The kind for `pack`: the built-in pack is Builtin whatever was recorded.
    Kind kindFor(const RulePack &pack) const;
    QString toJson() const;
    static PackProvenance fromJson(const QString &json);
};

// The texts that name the active pack beside the verdicts.
class PackStatus
{
    Q_DECLARE_TR_FUNCTIONS(consilium::PackStatus)

public:
    static QString shortSha(const QString &sha256); // the first 12 hex digits
    // "consilium-reference 2026.1 · sha256 1a2b3c4d5e6f"
    static QString identity(const RulePack &pack);
    // "built-in" · "signed by 1a2b3c4d5e6f7a8b…" · "UNSIGNED — loaded by override: <reason>" ·
    // "site pack; how it was loaded was not recorded"
    static QString provenance(const RulePack &pack, const PackProvenance &p);
    // "Rule pack <identity> · <provenance>"
    static QString line(const RulePack &pack, const PackProvenance &p);
    // The pack is not vouched for (override, or not recorded): shown as a warning.
    static bool isWarning(const RulePack &pack, const PackProvenance &p);
};

} // namespace consilium
