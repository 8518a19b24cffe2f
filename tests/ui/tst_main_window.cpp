// SPDX-License-Identifier: GPL-3.0-or-later
// The main window: demo database on first run, case list drives the open case, command-line
// files (valid ones imported, an invalid one opened for fixing), recent databases, settings
// and language switch, keyboard operation and accessible names.
#include "UiTestSupport.h"

#include "cases/CaseListModel.h"
#include "cases/CaseListPanel.h"
#include "compare/ComparisonModel.h"
#include "compare/ComparisonView.h"
#include "conference/ConferenceMode.h"
#include "editor/CaseDocument.h"
#include "editor/CaseEditor.h"
#include "settings/AppSettings.h"
#include "settings/SettingsDialog.h"
#include "shell/CaseWorkspace.h"
#include "shell/MainWindow.h"
#include "shell/Startup.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileInfo>
#include <QFont>
#include <QGroupBox>
#include <QLabel>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QTableView>
#include <QUrl>

using namespace consilium;
using namespace consilium::test;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstRunShowsTheDemoCases()
    {
        Env env;
        MainWindow w(env.session(false));
        QCOMPARE(w.caseList()->model()->rowCount(), 0);
        QCOMPARE(DemoData::seedIfEmpty(w.session()), 12);
        QCOMPARE(DemoData::seedIfEmpty(w.session()), 0); // only into an empty database
        QTRY_COMPARE(w.caseList()->model()->rowCount(), 12);
    }

    void listOpensTheCase()
    {
        Env env;
        MainWindow w(env.session());
        w.resize(1500, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        // The first case is open from the start (as soon as the list's first page has arrived).
        QTRY_COMPARE(w.workspace()->storedCaseId(), QStringLiteral("V01-sle-ln-si-units"));
        QVERIFY(find<QLabel>(&w, QStringLiteral("caseHeader"))
                    ->text()
                    .startsWith(QStringLiteral("V01-sle-ln-si-units · F 34 · SLE")));
        QTableView *list = w.caseList()->view();
        list->setFocus();
        QTest::keyClick(list, Qt::Key_Down);
        QTest::keyClick(list, Qt::Key_Return);
        QCOMPARE(w.workspace()->storedCaseId(), QStringLiteral("V02-spec-example"));
        QVERIFY(find<QLabel>(&w, QStringLiteral("missingIndicator"))->text().contains(QStringLiteral("missing")));
        QVERIFY(w.windowTitle().startsWith(QStringLiteral("V02-spec-example")));
        // Keyboard: Alt+Shift+1 shows the Data tab, Ctrl+L goes back to the list.
        QTest::keyClick(&w, Qt::Key_1, Qt::AltModifier | Qt::ShiftModifier);
        QCOMPARE(w.workspace()->tabs()->currentIndex(), int(CaseWorkspace::DataTab));
        QTest::keyClick(&w, Qt::Key_L, Qt::ControlModifier);
        QVERIFY(list->hasFocus());
        // F11 presents the listed cases, starting with the open one.
        QTest::keyClick(&w, Qt::Key_F11);
        QTRY_VERIFY(w.conferenceMode() != nullptr);
        QCOMPARE(w.conferenceMode()->currentCaseId(), QStringLiteral("V02-spec-example"));
        QVERIFY(QTest::qWaitForWindowActive(w.conferenceMode()));
        QTest::keyClick(w.conferenceMode(), Qt::Key_Right);
        QTest::keyClick(w.conferenceMode(), Qt::Key_Escape);
        QTRY_VERIFY(w.conferenceMode() == nullptr);
        QCOMPARE(w.workspace()->storedCaseId(), QStringLiteral("V03-dcssc-all-eligible"));
    }

    void keyboardNeverChangesTheOpenCase()
    {
        Env env;
        MainWindow w(env.session());
        w.resize(1500, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QString v01 = QStringLiteral("V01-sle-ln-si-units");
        QTRY_COMPARE(w.workspace()->storedCaseId(), v01);
        QTableView *list = w.caseList()->view();
        list->setFocus();
        QVERIFY(list->hasFocus());
        // Tab leaves the list instead of walking through its rows and cases.
        QTest::keyClick(list, Qt::Key_Tab);
        QVERIFY(!list->hasFocus());
        QCOMPARE(w.workspace()->storedCaseId(), v01);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backtab);
        // The arrow keys move the highlight only; the open case stays and stays marked.
        list->setFocus();
        for (int i = 0; i < 3; ++i)
            QTest::keyClick(list, Qt::Key_Down);
        QCOMPARE(w.caseList()->currentCaseId(), QStringLiteral("V04-sle-renal-cardiac"));
        QCOMPARE(w.workspace()->storedCaseId(), v01);
        QCOMPARE(w.caseList()->model()->openCaseId(), v01);
        QVERIFY(w.caseList()->model()->index(0, 0).data(Qt::FontRole).value<QFont>().bold());
        QVERIFY(!w.caseList()->model()->index(3, 0).data(Qt::FontRole).value<QFont>().bold());
        // Enter opens the highlighted case.
        QTest::keyClick(list, Qt::Key_Return);
        QCOMPARE(w.workspace()->storedCaseId(), QStringLiteral("V04-sle-renal-cardiac"));
        QCOMPARE(w.caseList()->model()->openCaseId(), QStringLiteral("V04-sle-renal-cardiac"));
        // With unsaved edits, Enter on another case asks first, exactly as a click does.
        auto *weight = find<QLineEdit>(w.workspace()->editor(), QStringLiteral("value_weight"));
        weight->selectAll();
        QTest::keyClicks(weight, QStringLiteral("77"));
        QVERIFY(w.workspace()->isModified());
        list->setFocus();
        QTest::keyClick(list, Qt::Key_Down);
        QCOMPARE(w.workspace()->storedCaseId(), QStringLiteral("V04-sle-renal-cardiac"));
        Dialogs::setNextAnswer(QMessageBox::Cancel);
        QTest::keyClick(list, Qt::Key_Return);
        QVERIFY(Dialogs::lastMessage().contains(QStringLiteral("unsaved")));
        QCOMPARE(w.workspace()->storedCaseId(), QStringLiteral("V04-sle-renal-cardiac"));
        QVERIFY(w.workspace()->isModified());
        QCOMPARE(w.caseList()->currentCaseId(), QStringLiteral("V04-sle-renal-cardiac")); // back on the open case
        // A click asks the same question.
        const QRect row5 = list->visualRect(w.caseList()->model()->index(4, 1));
        Dialogs::setNextAnswer(QMessageBox::Cancel);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, row5.center());
        QCOMPARE(w.workspace()->storedCaseId(), QStringLiteral("V04-sle-renal-cardiac"));
        Dialogs::setNextAnswer(QMessageBox::Discard);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, row5.center());
        QCOMPARE(w.workspace()->storedCaseId(), QStringLiteral("V05-iim-pregnant"));
        QVERIFY(!w.workspace()->isModified());
        // Ctrl+F reaches the case search.
        list->setFocus();
        QTest::keyClick(&w, Qt::Key_F, Qt::ControlModifier);
        QVERIFY(find<QLineEdit>(&w, QStringLiteral("caseSearch"))->hasFocus());
    }

    void languageSwitchesLive()
    {
        Env env;
        MainWindow w(env.session());
        w.resize(1500, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.workspace()->storedCaseId(), QStringLiteral("V01-sle-ln-si-units"));
        auto *grid = w.workspace()->comparison()->model();
        auto verdictCell = [grid] { return grid->index(ComparisonModel::VerdictRow, 0).data().toString(); };
        QVERIFY2(verdictCell().contains(QStringLiteral("Eligible, 1 caution")), qPrintable(verdictCell()));
        auto *count = find<QLabel>(&w, QStringLiteral("caseCount"));
        QCOMPARE(count->text(), QStringLiteral("12 cases"));
        auto *demographics = find<QGroupBox>(w.workspace()->editor(), QStringLiteral("group_demographics"));
        auto *state = find<QComboBox>(w.workspace()->editor(), QStringLiteral("status_age_years"));
        QCOMPARE(state->itemText(0), QStringLiteral("value"));

        // German, without selecting the case again: the grid, the Data tab and the count follow.
        Startup::setLanguage(QStringLiteral("de"));
        QTRY_VERIFY2(verdictCell().contains(QStringLiteral("Geeignet, 1 Einschränkung")), qPrintable(verdictCell()));
        QCOMPARE(w.workspace()->storedCaseId(), QStringLiteral("V01-sle-ln-si-units"));
        QCOMPARE(count->text(), QStringLiteral("12 Fälle"));
        QVERIFY2(demographics->title().startsWith(QStringLiteral("Stammdaten")), qPrintable(demographics->title()));
        QCOMPARE(state->itemText(0), QStringLiteral("Wert"));
        QCOMPARE(find<QLineEdit>(w.workspace()->editor(), QStringLiteral("date_age_years"))->placeholderText(),
            QStringLiteral("Datum"));
        Startup::setLanguage(QStringLiteral("en"));
        QTRY_VERIFY(verdictCell().contains(QStringLiteral("Eligible, 1 caution")));
        QCOMPARE(count->text(), QStringLiteral("12 cases"));
    }

    void qtOwnStringsFollowTheLanguage()
    {
        // Standard buttons ("Cancel") are translated by Qt's own catalogue, which Startup loads
        // beside the application's; it ships in qt6-translations-l10n (a package dependency).
        const QString dir = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
        if (!QFileInfo::exists(dir + QStringLiteral("/qtbase_de.qm")))
            QSKIP("qtbase_de.qm is not installed (Debian package qt6-translations-l10n)");
        Env env;
        Startup::setLanguage(QStringLiteral("de"));
        SettingsDialog dialog(env.dbPath());
        auto *buttons = dialog.findChild<QDialogButtonBox *>();
        QVERIFY(buttons);
        QCOMPARE(
            buttons->button(QDialogButtonBox::Cancel)->text().remove(QLatin1Char('&')), QStringLiteral("Abbrechen"));
        Startup::setLanguage(QStringLiteral("en"));
    }

    void commandLineFiles()
    {
        Env env;
        MainWindow w(env.session());
        QFile in(QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/examples/V01-sle-ln-si-units.json"));
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray json = in.readAll();
        json.replace("V01-sle-ln-si-units", "CLI-NEW-1");
        const QString good = env.path(QStringLiteral("good.json"));
        QFile out(good);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(json);
        out.close();
        w.openFiles({ good });
        QCOMPARE(w.workspace()->storedCaseId(), QStringLiteral("CLI-NEW-1"));
        QTRY_COMPARE(w.caseList()->currentCaseId(), QStringLiteral("CLI-NEW-1")); // its row arrives from a worker
        QVERIFY(w.session().store().caseSummary(QStringLiteral("CLI-NEW-1")).has_value());
        // An invalid file is not imported; it opens in the editor with its problems marked.
        json.replace("CLI-NEW-1", "CLI-BAD-1");
        json.replace("\"unit\": \"umol/L\"", "\"unit\": \"umol\"");
        const QString bad = env.path(QStringLiteral("bad.json"));
        QFile outBad(bad);
        QVERIFY(outBad.open(QIODevice::WriteOnly));
        outBad.write(json);
        outBad.close();
        w.openFiles({ bad });
        QVERIFY(!w.session().store().caseSummary(QStringLiteral("CLI-BAD-1")).has_value());
        QCOMPARE(w.workspace()->document()->caseId(), QStringLiteral("CLI-BAD-1"));
        QVERIFY(w.workspace()->isModified());
        QCOMPARE(w.workspace()->tabs()->currentIndex(), int(CaseWorkspace::DataTab));
        QVERIFY(find<QLabel>(w.workspace(), QStringLiteral("error_creatinine"))
                    ->text()
                    .contains(QStringLiteral("unknown unit")));
        Dialogs::setNextAnswer(QMessageBox::Discard);
    }

    void recentDatabasesAndSettings()
    {
        Env env;
        MainWindow w(env.session());
        AppSettings::addRecentDatabase(env.dbPath());
        const QString other = env.path(QStringLiteral("other.sqlite"));
        QVERIFY(w.switchDatabase(other));
        QCOMPARE(w.session().databasePath(), other);
        QTRY_VERIFY(!w.caseList()->model()->isFetching());
        QCOMPARE(w.caseList()->model()->rowCount(), 0); // a new database: no demo seeding here
        QVERIFY(AppSettings::recentDatabases().contains(other));
        QVERIFY(AppSettings::recentDatabases().contains(env.dbPath()));
        // Settings through the dialog seam: name, role, language, units.
        bool databaseBuddy = false;
        int unbuddied = 0;
        Dialogs::setExecHook([&](QDialog *d) {
            auto *s = qobject_cast<SettingsDialog *>(d);
            if (!s)
                return int(QDialog::Rejected);
            auto *name = find<QLineEdit>(s, QStringLiteral("settingsName"));
            name->setText(QStringLiteral("Dr Sommer"));
            choose(find<QComboBox>(s, QStringLiteral("settingsRole")), QStringLiteral("nephrology"));
            choose(find<QComboBox>(s, QStringLiteral("settingsLanguage")), QStringLiteral("de"));
            choose(find<QComboBox>(s, QStringLiteral("settingsUnits")), QStringLiteral("US"));
            // Every label with a shortcut letter has a buddy (without one "&Database" shows the "&").
            for (QLabel *l : s->findChildren<QLabel *>()) {
                if (!l->text().contains(QLatin1Char('&')))
                    continue;
                if (!l->buddy())
                    ++unbuddied;
                if (l->buddy() == find<QLineEdit>(s, QStringLiteral("settingsDatabase")))
                    databaseBuddy = true;
            }
            return int(QDialog::Accepted);
        });
        w.showSettings();
        Dialogs::setExecHook({});
        QVERIFY(databaseBuddy);
        QCOMPARE(unbuddied, 0);
        QCOMPARE(AppSettings::unitConvention(), QStringLiteral("US"));
        QCOMPARE(AppSettings::displayName(), QStringLiteral("Dr Sommer"));
        QCOMPARE(AppSettings::role(), QStringLiteral("nephrology"));
        QCOMPARE(AppSettings::language(), QStringLiteral("de"));
        // The interface switches language at once.
        QTRY_COMPARE(w.menuBar()->actions().first()->text(), QStringLiteral("&Datei"));
        Startup::setLanguage(QStringLiteral("en"));
        QTRY_COMPARE(w.menuBar()->actions().first()->text(), QStringLiteral("&File"));
    }

    void settingsRefuseAnUnsupportedDatabaseScheme()
    {
        // issue 13, docs/store.md#database-location: Settings → Database takes a path or a
        // postgresql:// URI; a URI with a scheme this version does not support, or a PostgreSQL
        // URI with a password, is refused and the dialog stays open.
        Env env;
        SettingsDialog dialog(env.dbPath());
        dialog.show();
        auto *field = find<QLineEdit>(&dialog, QStringLiteral("settingsDatabase"));
        field->setText(QStringLiteral("mysql://consilium@127.0.0.1/consilium"));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(dialog.isVisible());
        QVERIFY2(Dialogs::lastMessage().contains(QStringLiteral("\"mysql:\"")), qPrintable(Dialogs::lastMessage()));
        field->setText(QStringLiteral("postgresql://weber:secret@db.example.org/consilium"));
        dialog.accept();
        QVERIFY(dialog.isVisible());
        QVERIFY2(Dialogs::lastMessage().contains(QStringLiteral("it contains a password")),
            qPrintable(Dialogs::lastMessage()));
        QVERIFY(!Dialogs::lastMessage().contains(QStringLiteral("secret")));
        QVERIFY(!QFileInfo::exists(QStringLiteral("postgresql:")));
        // A PostgreSQL location is taken as it is, in its normal form.
        field->setText(QStringLiteral("postgresql://weber@db.example.org:5433/consilium?sslmode=verify-full"));
        QCOMPARE(dialog.databasePath(),
            QStringLiteral("postgresql://weber@db.example.org:5433/consilium?sslmode=verify-full"));
        // A file: URL is a path; a path stays a path.
        const QString other = env.path(QStringLiteral("other.sqlite"));
        field->setText(QUrl::fromLocalFile(other).toString());
        QCOMPARE(dialog.databasePath(), other);
        field->setText(other);
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(dialog.databasePath(), other);
    }

    void accessibleNames()
    {
        Env env;
        MainWindow w(env.session());
        w.show();
        int checked = 0;
        for (QWidget *wd : w.findChildren<QWidget *>()) {
            if (!qobject_cast<QLineEdit *>(wd) && !qobject_cast<QComboBox *>(wd)
                && !qobject_cast<QAbstractItemView *>(wd))
                continue;
            if (qobject_cast<QLineEdit *>(wd) && qobject_cast<QComboBox *>(wd->parentWidget()))
                continue; // a combo box's own line edit
            if (wd->objectName().isEmpty() || wd->objectName().startsWith(QLatin1String("qt_")))
                continue;
            ++checked;
            QVERIFY2(!wd->accessibleName().isEmpty(), qPrintable(wd->objectName()));
        }
        QVERIFY(checked > 150);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
