// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The commands of consilium-cli (docs/cli.md), built into one tree by makeRootCommand().
#include "Command.h"

#include <memory>

namespace consilium::cli {

std::unique_ptr<CommandGroup> makeRootCommand();

std::unique_ptr<Command> makeEvaluateCommand();
std::unique_ptr<Command> makeCheckRulesCommand();
std::unique_ptr<Command> makeImportFhirCommand();
std::unique_ptr<CommandGroup> makePackCommands();
std::unique_ptr<CommandGroup> makeDbCommands();

// Parts of `db`, by file.
void addDbCaseCommands(CommandGroup &db);
void addDbStoreCommands(CommandGroup &db);
void addDbImpactCommand(CommandGroup &db);
void addDbDecisionCommands(CommandGroup &db);
void addDbCopyCommand(CommandGroup &db);
void addDbFollowUpCommands(CommandGroup &db);

} // namespace consilium::cli
