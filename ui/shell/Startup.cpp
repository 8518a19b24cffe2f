// SPDX-License-Identifier: GPL-3.0-or-later
#include "shell/Startup.h"

#include "cases/DemoData.h"
#include "common/Dialogs.h"
#include "common/Session.h"
#include "settings/AppSettings.h"
#include "shell/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace consilium {

namespace {

QTranslator *s_appTranslator = nullptr;
QTranslator *s_qtTranslator = nullptr;
std::function<QDate()> s_today;

} // namespace

void Startup::setApplicationInfo()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Consilium"));
    QCoreApplication::setApplicationName(QStringLiteral("consilium"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CONSILIUM_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Consilium"));
    QGuiApplication::setDesktopFileName(QStringLiteral("consilium"));
}

void Startup::setLanguage(const QString &language)
{
    for (QTranslator **t : { &s_appTranslator, &s_qtTranslator }) {
        if (*t) {
            QCoreApplication::removeTranslator(*t);
            delete *t;
            *t = nullptr;
        }
    }
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    QLocale::setDefault(locale);
    auto *app = new QTranslator(qApp);
    if (app->load(locale, QStringLiteral("consilium"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(app);
        s_appTranslator = app;
    } else {
        delete app;
    }
    auto *qt = new QTranslator(qApp);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
            QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        s_qtTranslator = qt;
    } else {
        delete qt;
    }
}

std::unique_ptr<Session> Startup::openSession(const QString &path, QString &error)
{
    Session::Options o;
    o.databasePath = path;
    o.displayName = AppSettings::displayName();
    o.today = s_today;
    StoreError e;
    std::unique_ptr<Session> s = Session::open(o, e);
    if (!s && e.code == StoreErrc::Locked) {
        // Single writer per database: another Consilium holds it.
        const auto answer
            = Dialogs::question(nullptr, QCoreApplication::translate("consilium::Startup", "Database in use"),
                QCoreApplication::translate("consilium::Startup", "%1\n\nOpen it read-only?").arg(e.message),
                QMessageBox::Open | QMessageBox::Cancel, QMessageBox::Open);
        if (answer == QMessageBox::Open) {
            Session::Options readOnly = o;
            readOnly.writer = false;
            e = {};
            s = Session::open(readOnly, e);
        }
    }
    if (!s) {
        error = e.message;
        if (!e.details.isEmpty())
            error += QLatin1Char('\n') + e.details.join(QLatin1Char('\n'));
        return nullptr;
    }
    AppSettings::addRecentDatabase(s->databasePath());
    return s;
}

int Startup::run(QApplication &app)
{
    setApplicationInfo();
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("consilium::Startup",
        "Decision support for multidisciplinary case conferences on B-cell-depleting cell therapies."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption db(QStringLiteral("db"),
        QCoreApplication::translate("consilium::Startup", "Open the database at <path>."), QStringLiteral("path"));
    const QCommandLineOption today(QStringLiteral("today"),
        QCoreApplication::translate("consilium::Startup", "Use <date> (YYYY-MM-DD) as today (demonstrations)."),
        QStringLiteral("date"));
    parser.addOption(db);
    parser.addOption(today);
    parser.addPositionalArgument(QStringLiteral("files"),
        QCoreApplication::translate("consilium::Startup", "Case files to import or open."),
        QStringLiteral("[CASE.json…]"));
    parser.process(app);

    setLanguage(AppSettings::language());
    if (parser.isSet(today)) {
        const QDate d = QDate::fromString(parser.value(today), Qt::ISODate);
        if (d.isValid())
            s_today = [d] { return d; };
    }
    const QString path = parser.isSet(db) ? parser.value(db) : AppSettings::databasePath();
    QString error;
    std::unique_ptr<Session> session = openSession(path, error);
    if (!session) {
        Dialogs::warning(nullptr, QCoreApplication::translate("consilium::Startup", "Cannot open the database"), error);
        return 1;
    }
    DemoData::seedIfEmpty(*session);
    MainWindow window(std::move(session));
    window.show();
    window.openFiles(parser.positionalArguments());
    return app.exec();
}

} // namespace consilium
