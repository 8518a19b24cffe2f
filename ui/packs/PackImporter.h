// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QStringList>

#include <memory>

namespace consilium {

class RulePack;

// Checks a site rule pack before it may be used: it must load (every identifier, literal and
// unit type-checked) and every one of its vignettes must pass. Anything else refuses it,
// with the reasons.
class PackImporter
{
    Q_DECLARE_TR_FUNCTIONS(consilium::PackImporter)

public:
    struct Outcome {
        std::unique_ptr<RulePack> pack; // null when refused
        QStringList problems;
        int vignettes = 0;
        int passed = 0;
    };

    static Outcome check(const QByteArray &bytes);
    static Outcome checkFile(const QString &path);
};

} // namespace consilium
