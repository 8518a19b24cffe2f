// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

// consilium-cli pack keygen KEYFILE | sign PACK KEYFILE | verify PACK PACK.sig [--key PUB]
int runPackCommand(const QStringList &args);
