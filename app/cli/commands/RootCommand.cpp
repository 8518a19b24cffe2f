// SPDX-License-Identifier: GPL-3.0-or-later
// The command tree of consilium-cli (docs/cli.md) and `--version`.
#include "Commands.h"
#include "Io.h"
#include "engine/ResultWriter.h"
#include "rules/RulePack.h"

namespace consilium::cli {

namespace {

class RootCommand : public CommandGroup
{
public:
    RootCommand()
        : CommandGroup(QStringLiteral("consilium-cli"),
            QStringLiteral("Evaluate cases, check and sign rule packs, and work with the case store."),
            QStringLiteral("Options: -h, --help (here and after any command); -V, --version (engine and built-in "
                           "pack).\nExit codes: 0 ok, 1 failed, 2 invalid case, 3 invalid rule pack, 64 usage, "
                           "66 unreadable input, 75 database locked."))
    { }

protected:
    int special(const QString &argument, const QStringList &rest) override
    {
        if (argument != QLatin1String("--version") && argument != QLatin1String("-V"))
            return -1;
        if (!rest.isEmpty())
            return usageError(QStringLiteral("--version takes no arguments"));
        const RulePack &pack = RulePack::builtin();
        out(QStringLiteral("consilium-cli %1\npack %2 %3 sha256:%4\n")
                .arg(engineVersion(), pack.id(), pack.version(), pack.sha256())
                .toUtf8());
        return Ok;
    }
};

} // namespace

std::unique_ptr<CommandGroup> makeRootCommand()
{
    auto root = std::make_unique<RootCommand>();
    root->add(makeEvaluateCommand());
    root->add(makeCheckRulesCommand());
    root->add(makeImportFhirCommand());
    root->add(makePackCommands());
    root->add(makeDbCommands());
    return root;
}

} // namespace consilium::cli
