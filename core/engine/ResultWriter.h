// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Engine.h"
#include "engine/Explanations.h"

#include <QByteArray>
#include <QString>

namespace consilium {

QString engineVersion();

// consilium-result/1 (docs/result-format.md). Numbers unrounded in shortest round-trip form; unknown = null.
QByteArray resultJson(const Engine &engine, const Evaluation &e, bool pretty);
// A readable report for the terminal.
QString resultText(const Engine &engine, const Evaluation &e);

} // namespace consilium
