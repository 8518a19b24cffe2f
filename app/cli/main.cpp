// SPDX-License-Identifier: GPL-3.0-or-later
// consilium-cli: evaluate cases, check and sign rule packs, and work with the case store
// (docs/cli.md). The commands live in app/cli/commands/.
#include "commands/Commands.h"
#include "engine/ResultWriter.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("consilium-cli"));
    QCoreApplication::setApplicationVersion(consilium::engineVersion());
    return consilium::cli::makeRootCommand()->execute(QCoreApplication::arguments().mid(1));
}
