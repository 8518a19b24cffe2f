// SPDX-License-Identifier: GPL-3.0-or-later
// File → Import from FHIR… (issue 14, docs/cli.md#import-fhir): the draft opens in the case editor
// as a new, unsaved case and the import report is shown beside it; a bundle that cannot be read
// opens nothing and says why.
#include "UiTestSupport.h"

#include "editor/CaseDocument.h"
#include "shell/CaseWorkspace.h"
#include "shell/FhirImportDialog.h"
#include "shell/MainWindow.h"

#include <QAction>
#include <QLabel>
#include <QPlainTextEdit>
#include <QtTest>

using namespace consilium;
using namespace consilium::test;

namespace {

QString bundle(const char *name)
{
    return QStringLiteral(CONSILIUM_SOURCE_DIR "/tests/data/fhir/") + QLatin1String(name);
}

} // namespace

class TestFhirImportGui : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { Dialogs::reset(); }

    void draftOpensWithReport()
    {
        Env env;
        MainWindow w(env.session());
        w.resize(1500, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTRY_VERIFY(!w.workspace()->storedCaseId().isEmpty()); // the first stored case is open
        Dialogs::setNextFileName(bundle("sle-si-units-transaction.json"));
        find<QAction>(&w, QStringLiteral("actionImportFhir"))->trigger();
        auto *dialog = w.findChild<FhirImportDialog *>(QStringLiteral("fhirImportDialog"));
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        // A new case, not a version of the case that was open; nothing stored yet.
        QVERIFY(w.workspace()->storedCaseId().isEmpty());
        QVERIFY(w.workspace()->document()->caseId().startsWith(QLatin1String("fhir-import-")));
        const QByteArray json = w.workspace()->document()->toJson();
        QVERIFY2(json.contains("\"disease\": \"SLE\"") || json.contains("\"disease\":\"SLE\""), json.constData());
        QVERIFY2(json.contains("97.262"), json.constData()); // creatinine as imported, in umol/L
        QVERIFY2(json.contains("\"as_of\": \"2026-11-25\"") || json.contains("\"as_of\":\"2026-11-25\""),
            json.constData()); // the session's today
        // The report is shown; the summary says the draft is unsaved and counts the error (AST).
        const QString summary = find<QLabel>(dialog, QStringLiteral("fhirImportSummary"))->text();
        QVERIFY2(summary.contains(QLatin1String("not saved")), qPrintable(summary));
        QVERIFY2(summary.contains(QLatin1String("1 could not be read")), qPrintable(summary));
        const QString report = find<QPlainTextEdit>(dialog, QStringLiteral("fhirImportReport"))->toPlainText();
        QVERIFY(report.contains(QLatin1String("mapped   creatinine = 97.262 umol/L (2026-11-20)")));
        QVERIFY(report.contains(QLatin1String("ERROR    ast_x_uln")));
        dialog->close();
    }

    void unreadableBundleOpensNothing()
    {
        Env env;
        MainWindow w(env.session());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QTRY_VERIFY(!w.workspace()->storedCaseId().isEmpty());
        const QString open = w.workspace()->storedCaseId();
        Dialogs::setNextFileName(bundle("document-bundle.json"));
        find<QAction>(&w, QStringLiteral("actionImportFhir"))->trigger();
        QVERIFY(!w.findChild<FhirImportDialog *>(QStringLiteral("fhirImportDialog")));
        QVERIFY2(
            Dialogs::lastMessage().contains(QLatin1String("cannot be imported")), qPrintable(Dialogs::lastMessage()));
        QCOMPARE(w.workspace()->storedCaseId(), open);
    }
};

QTEST_MAIN(TestFhirImportGui)
#include "tst_fhir_import_gui.moc"
