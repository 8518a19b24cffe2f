// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <memory>

class QApplication;

namespace consilium {

class Session;

// Application start: `consilium [--db PATH] [--today YYYY-MM-DD] [CASE.json…]`. Opens (or
// creates) the database, seeds the demo cases into a new one, imports or opens the given
// case files and shows the main window.
class Startup
{
public:
    static int run(QApplication &app);
    static void setApplicationInfo();
    // Installs the translation for "en", "de" or "" (the system language).
    static void setLanguage(const QString &language);
    // Opens a database for writing; if another instance writes to it, offers read-only.
    static std::unique_ptr<Session> openSession(const QString &path, QString &error);
};

} // namespace consilium
