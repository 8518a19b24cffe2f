// SPDX-License-Identifier: GPL-3.0-or-later
#include "settings/AppSettings.h"

#include <QFileInfo>
#include <QSettings>

namespace consilium {

namespace {

QString value(const char *key, const QString &fallback = {})
{
    return QSettings().value(QLatin1String(key), fallback).toString();
}

void setValue(const char *key, const QString &v)
{
    QSettings().setValue(QLatin1String(key), v);
}

} // namespace

QString AppSettings::displayName()
{
    return value("user/displayName");
}
void AppSettings::setDisplayName(const QString &name)
{
    setValue("user/displayName", name);
}
QString AppSettings::role()
{
    return value("user/role", QStringLiteral("rheumatology"));
}
void AppSettings::setRole(const QString &role)
{
    setValue("user/role", role);
}
QString AppSettings::jurisdiction()
{
    return value("defaults/jurisdiction", QStringLiteral("EU"));
}
void AppSettings::setJurisdiction(const QString &code)
{
    setValue("defaults/jurisdiction", code);
}
QString AppSettings::databasePath()
{
    return value("database/path");
}
void AppSettings::setDatabasePath(const QString &path)
{
    setValue("database/path", path);
}
QString AppSettings::language()
{
    return value("ui/language");
}
void AppSettings::setLanguage(const QString &language)
{
    setValue("ui/language", language);
}

QString AppSettings::unitConvention()
{
    return value("defaults/unitConvention");
}
void AppSettings::setUnitConvention(const QString &jurisdiction)
{
    setValue("defaults/unitConvention", jurisdiction);
}

QStringList AppSettings::recentDatabases()
{
    return QSettings().value(QStringLiteral("database/recent")).toStringList();
}

void AppSettings::addRecentDatabase(const QString &path)
{
    const QString abs = QFileInfo(path).absoluteFilePath();
    QStringList list = recentDatabases();
    list.removeAll(abs);
    list.prepend(abs);
    while (list.size() > kMaxRecent)
        list.removeLast();
    QSettings().setValue(QStringLiteral("database/recent"), list);
}

QStringList AppSettings::knownRoles()
{
    return { QStringLiteral("rheumatology"), QStringLiteral("cellular_therapy"), QStringLiteral("infectious_disease"),
        QStringLiteral("neurology"), QStringLiteral("nephrology"), QStringLiteral("coordinator") };
}

} // namespace consilium
