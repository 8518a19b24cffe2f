// SPDX-License-Identifier: GPL-3.0-or-later
// Shared set-up of the GUI tests: an isolated temporary database and settings directory, a
// fixed "today", and scripted dialogs.
#pragma once

#include "cases/DemoData.h"
#include "common/Dialogs.h"
#include "common/Session.h"
#include "shell/Startup.h"

#include <QApplication>
#include <QComboBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>

#include <memory>

namespace consilium::test {

inline const QDate kToday(2026, 11, 25);

class Env
{
public:
    Env()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("ConsiliumTest"));
        QCoreApplication::setApplicationName(QStringLiteral("consilium-test"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path() + QStringLiteral("/settings"));
        Dialogs::reset();
        Dialogs::setScripted(true);
        Startup::setLanguage(QStringLiteral("en")); // English plural forms, English dates
    }

    QString dbPath() const { return m_dir.path() + QStringLiteral("/cases.sqlite"); }
    QString path(const QString &name) const { return m_dir.path() + QLatin1Char('/') + name; }

    // displayName empty: a first run, the user has not given a name yet.
    std::unique_ptr<Session> session(
        bool seed = true, QDate today = kToday, const QString &displayName = QStringLiteral("Dr Test"))
    {
        Session::Options o;
        o.databasePath = dbPath();
        o.displayName = displayName;
        o.today = [today] { return today; };
        StoreError error;
        std::unique_ptr<Session> s = Session::open(o, error);
        if (!s)
            qFatal("cannot open the test database: %s", qPrintable(error.message));
        if (seed)
            DemoData::seedIfEmpty(*s);
        return s;
    }

private:
    QTemporaryDir m_dir;
};

template <typename T> T *find(const QObject *root, const QString &name)
{
    T *w = root->findChild<T *>(name);
    if (!w)
        qFatal("no child %s named %s", T::staticMetaObject.className(), qPrintable(name));
    return w;
}

// Chooses a combo item by its data, as a user would by activating it.
inline bool choose(QComboBox *combo, const QVariant &data)
{
    const int i = combo->findData(data);
    if (i < 0)
        return false;
    combo->setCurrentIndex(i);
    Q_EMIT combo->activated(i);
    return true;
}

} // namespace consilium::test
