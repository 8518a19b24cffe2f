// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

// `consilium-cli db …`: the case store from the command line (issue 4). `args` are the
// arguments after "db". Returns the process exit code (SPEC §5 conventions).
int runDbCommand(const QStringList &args);
