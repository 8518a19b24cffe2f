// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace consilium {

// The user's preferences (QSettings, per user): who they are, their defaults, the language
// and the databases they opened recently. Tests point QSettings at a temporary directory.
class AppSettings
{
public:
    static QString displayName();
    static void setDisplayName(const QString &name);
    static QString role();
    static void setRole(const QString &role);
    static QString jurisdiction();
    static void setJurisdiction(const QString &code);
    static QString databasePath(); // empty = the store's default
    static void setDatabasePath(const QString &path);
    static QString language(); // "en", "de" or empty = system
    static void setLanguage(const QString &language);
    // Which units a new value is offered in: empty = the convention of the case's jurisdiction
    // (the pack's default_unit), or a jurisdiction whose convention every case uses.
    static QString unitConvention();
    static void setUnitConvention(const QString &jurisdiction);

    static QStringList recentDatabases();
    static void addRecentDatabase(const QString &path);
    static constexpr int kMaxRecent = 8;

    // The roles a participant can hold in a conference.
    static QStringList knownRoles();
};

} // namespace consilium
