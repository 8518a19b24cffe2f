// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace consilium {

class Session;

// The example cases shipped as a resource (:/examples): imported into a new or empty
// database on first run, so a new user sees real content.
class DemoData
{
public:
    static QStringList exampleFiles();
    // Imports the examples if the database holds no case yet; returns how many were imported.
    static int seedIfEmpty(Session &session);
};

} // namespace consilium
