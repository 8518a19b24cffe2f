// SPDX-License-Identifier: GPL-3.0-or-later
#include "shell/MainWindow.h"

#include "cases/CaseListModel.h"
#include "cases/CaseListPanel.h"
#include "common/Dialogs.h"
#include "common/Labels.h"
#include "common/PackProvenance.h"
#include "common/Session.h"
#include "compare/ComparisonView.h"
#include "conference/ConferenceMode.h"
#include "decision/DecisionPanel.h"
#include "editor/CaseDocument.h"
#include "editor/CaseEditor.h"
#include "packs/ImpactDialog.h"
#include "packs/PackDialog.h"
#include "reports/ConferenceReport.h"
#include "reports/PatientHandout.h"
#include "settings/AppSettings.h"
#include "settings/SettingsDialog.h"
#include "shell/CaseWorkspace.h"
#include "shell/FhirImportDialog.h"
#include "shell/Startup.h"
#include "store/ImportExport.h"

#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QPrintDialog>
#include <QPrinter>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QUndoStack>

#include <memory>

namespace consilium {

namespace {

// The report's input; the stored version, decision and conference, or why they cannot be read.
StoreResult<ReportInput> reportInput(CaseWorkspace *w)
{
    ReportInput in;
    in.copyEvaluation(w->evaluation());
    // The engine that computed the shown evaluation: its groups are the ones the evaluation's
    // indices refer to (the session's engine is another one right after a pack switch).
    in.engine = in.evaluation ? &in.evaluation->engine() : &w->session().engine();
    in.document = w->document();
    in.header = w->headerText();
    in.provenance = w->session().packProvenance();
    in.siteOptions = w->session().siteOptions();
    if (auto local = w->session().followUps().localOutcomes())
        in.localOutcomes = std::move(local).value();
    else
        in.localOutcomesError = local.error().message;
    if (w->storedCaseId().isEmpty())
        return in;
    Decisions &decisions = w->session().decisions();
    const auto s = w->session().store().caseSummary(w->storedCaseId());
    if (!s)
        return s.error();
    in.version = w->isModified() ? 0 : s.value().latestVersion;
    const auto ids = decisions.decisionsOfCase(w->storedCaseId());
    if (!ids)
        return ids.error();
    if (ids.value().empty())
        return in;
    auto decision = decisions.decision(ids.value().back());
    if (!decision)
        return decision.error();
    auto conference = decisions.conference(decision.value().conferenceId);
    if (!conference)
        return conference.error();
    in.decision = std::move(decision).value();
    in.conference = std::move(conference).value();
    return in;
}

} // namespace

MainWindow::MainWindow(std::unique_ptr<Session> session, QWidget *parent)
    : QMainWindow(parent), m_session(std::move(session))
{
    setObjectName(QStringLiteral("mainWindow"));
    resize(1500, 920);
    m_packLabel = new QLabel(this);
    m_packLabel->setObjectName(QStringLiteral("packStatus"));
    statusBar()->addPermanentWidget(m_packLabel);
    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setObjectName(QStringLiteral("connectionStatus"));
    m_connectionLabel->setStyleSheet(
        QStringLiteral("QLabel { color: #5c1300; background: #ffe08a; font-weight: bold; padding: 2px; }"));
    m_connectionLabel->setWordWrap(true);
    m_connectionLabel->hide();
    statusBar()->addWidget(m_connectionLabel, 1);
    buildCentral();
    connect(m_session.get(), &Session::connectionChanged, this, [this](bool connected, const QString &why) {
        if (connected) {
            m_connectionLabel->hide();
            statusBar()->showMessage(tr("The database is reachable again; the window shows its current state."), 8000);
            return;
        }
        m_workspace->writeDraftNow();
        m_connectionLabel->setText(QStringLiteral("⚠ ")
            + tr("The database cannot be reached (%1). Unsaved edits are kept as a local draft; Consilium "
                 "reconnects when the server is back.")
                  .arg(why));
        m_connectionLabel->show();
    });
    buildActions();
    retranslate();
}

MainWindow::~MainWindow()
{
    if (m_conference) {
        m_conference->disconnect(this);
        m_conference->close();
    }
    // The widgets refer to the session: remove them first.
    delete m_split;
    m_split = nullptr;
}

ConferenceMode *MainWindow::conferenceMode() const
{
    return m_conference;
}

void MainWindow::buildCentral()
{
    m_split = new QSplitter(Qt::Horizontal, this);
    m_split->setObjectName(QStringLiteral("mainSplitter"));
    m_list = new CaseListPanel(*m_session, m_split);
    m_workspace = new CaseWorkspace(*m_session, m_split);
    m_split->addWidget(m_list);
    m_split->addWidget(m_workspace);
    m_split->setStretchFactor(0, 0);
    m_split->setStretchFactor(1, 1);
    m_split->setSizes({ 420, 1080 });
    setCentralWidget(m_split);

    connect(m_list, &CaseListPanel::caseSelected, this, [this](const QString &id) {
        const QString previous = m_workspace->storedCaseId();
        if (!m_workspace->openCase(id))
            m_list->selectCase(previous);
    });
    connect(m_workspace, &CaseWorkspace::caseSaved, this, [this](const QString &id) {
        m_list->reload();
        m_list->selectCase(id);
        statusBar()->showMessage(tr("Saved %1 as a new version.").arg(id), 5000);
    });
    connect(m_workspace, &CaseWorkspace::modifiedChanged, this, [this] { updateTitle(); });
    connect(m_workspace, &CaseWorkspace::caseChanged, this, [this](const QString &id) {
        m_list->selectCase(id);
        updateTitle();
    });
    connect(m_session.get(), &Session::packChanged, this, [this] {
        // Every view re-binds to the new pack and engine.
        m_workspace->rebuildForPack();
        if (m_conference)
            m_conference->showCase(m_conference->currentIndex());
        retranslate();
    });
    // Open the first case so the window never starts empty (once its row has arrived).
    auto opened = std::make_shared<QMetaObject::Connection>();
    *opened = connect(m_list, &CaseListPanel::rowsLoaded, this, [this, opened] {
        disconnect(*opened);
        if (m_list->model()->rowCount() > 0 && m_workspace->storedCaseId().isEmpty() && !m_workspace->isModified())
            m_workspace->openCase(m_list->model()->caseIdAt(0));
    });
}

void MainWindow::buildActions()
{
    auto make = [this](const char *name, const QKeySequence &key = {}) {
        auto *a = new QAction(this);
        a->setObjectName(QLatin1String(name));
        if (!key.isEmpty())
            a->setShortcut(key);
        return a;
    };
    m_new = make("actionNew", QKeySequence::New);
    m_open = make("actionOpen", QKeySequence::Open);
    m_import = make("actionImport");
    m_importFhir = make("actionImportFhir");
    m_save = make("actionSave", QKeySequence::Save);
    m_report = make("actionReport", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    m_handout = make("actionHandout", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    m_print = make("actionPrint", QKeySequence::Print);
    m_openDb = make("actionOpenDatabase");
    m_quit = make("actionQuit", QKeySequence::Quit);
    m_undo = m_workspace->undoStack()->createUndoAction(this);
    m_undo->setObjectName(QStringLiteral("actionUndo"));
    m_undo->setShortcut(QKeySequence::Undo);
    m_redo = m_workspace->undoStack()->createRedoAction(this);
    m_redo->setObjectName(QStringLiteral("actionRedo"));
    m_redo->setShortcut(QKeySequence::Redo);
    m_present = make("actionPresent", QKeySequence(Qt::Key_F11));
    m_derived = make("actionDerived");
    m_derived->setCheckable(true);
    m_derived->setChecked(true);
    m_focusList = make("actionFocusList", QKeySequence(Qt::CTRL | Qt::Key_L));
    m_packs = make("actionPacks");
    m_impact = make("actionImpact");
    m_followUpDue = make("actionFollowUpDue");
    m_settings = make("actionSettings", QKeySequence::Preferences);
    m_about = make("actionAbout");
    for (int i = 0; i < 6; ++i) {
        QAction *a = make("actionTab", QKeySequence(Qt::ALT | Qt::SHIFT | Qt::Key(Qt::Key_1 + i)));
        connect(a, &QAction::triggered, this, [this, i] { m_workspace->tabs()->setCurrentIndex(i); });
        m_tabActions << a;
    }

    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addActions({ m_new, m_open, m_import, m_importFhir, m_save });
    m_fileMenu->addSeparator();
    m_fileMenu->addActions({ m_report, m_handout, m_print });
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_openDb);
    m_recentMenu = m_fileMenu->addMenu(QString());
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quit);
    m_editMenu = menuBar()->addMenu(QString());
    m_editMenu->addActions({ m_undo, m_redo });
    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->addActions({ m_present, m_derived, m_focusList });
    m_viewMenu->addSeparator();
    m_viewMenu->addActions(m_tabActions);
    m_toolsMenu = menuBar()->addMenu(QString());
    m_toolsMenu->addActions({ m_packs, m_impact, m_followUpDue, m_settings });
    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_about);

    connect(m_new, &QAction::triggered, this, [this] {
        m_workspace->newCase();
        m_workspace->tabs()->setCurrentIndex(CaseWorkspace::DataTab);
    });
    connect(m_open, &QAction::triggered, this, [this] {
        const QString f = Dialogs::openFileName(this, tr("Open case file"), tr("Case files (*.json)"));
        if (!f.isEmpty())
            openFiles({ f });
    });
    connect(m_import, &QAction::triggered, this, &MainWindow::importCases);
    connect(m_importFhir, &QAction::triggered, this, &MainWindow::importFhir);
    connect(m_save, &QAction::triggered, this, [this] { m_workspace->save(); });
    connect(m_report, &QAction::triggered, this, [this] { exportReport(); });
    connect(m_handout, &QAction::triggered, this, [this] { exportHandout(); });
    connect(m_print, &QAction::triggered, this, &MainWindow::printReport);
    connect(m_openDb, &QAction::triggered, this, [this] {
        const QString f
            = Dialogs::openFileName(this, tr("Open database"), tr("Consilium databases (*.sqlite);;All files (*)"));
        if (!f.isEmpty())
            switchDatabase(f);
    });
    connect(m_quit, &QAction::triggered, this, &QWidget::close);
    connect(m_present, &QAction::triggered, this, &MainWindow::startConference);
    connect(m_derived, &QAction::toggled, this, [this](bool on) { m_workspace->comparison()->setDerivedVisible(on); });
    connect(m_focusList, &QAction::triggered, this, [this] { m_list->view()->setFocus(); });
    connect(m_packs, &QAction::triggered, this, &MainWindow::showPacks);
    connect(m_impact, &QAction::triggered, this, &MainWindow::showImpact);
    connect(m_followUpDue, &QAction::triggered, this, &MainWindow::showFollowUpDue);
    connect(m_settings, &QAction::triggered, this, &MainWindow::showSettings);
    connect(m_about, &QAction::triggered, this, [this] {
        Dialogs::information(this, tr("About Consilium"),
            tr("Consilium %1\nRule pack %2 %3\n\n%4")
                .arg(QCoreApplication::applicationVersion(), m_session->pack().id(), m_session->pack().version(),
                    Labels::disclaimer()));
    });
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::updateRecentMenu);
}

void MainWindow::retranslate()
{
    m_fileMenu->setTitle(tr("&File"));
    m_editMenu->setTitle(tr("&Edit"));
    m_viewMenu->setTitle(tr("&View"));
    m_toolsMenu->setTitle(tr("&Tools"));
    m_helpMenu->setTitle(tr("&Help"));
    m_recentMenu->setTitle(tr("&Recent databases"));
    m_new->setText(tr("&New case"));
    m_open->setText(tr("&Open case file…"));
    m_import->setText(tr("&Import cases…"));
    m_importFhir->setText(tr("Import from &FHIR…"));
    m_save->setText(tr("&Save as new version"));
    m_report->setText(tr("&Export conference report (PDF)…"));
    m_handout->setText(tr("Patient &handout (PDF)…"));
    m_print->setText(tr("&Print report…"));
    m_openDb->setText(tr("Open &database…"));
    m_quit->setText(tr("&Quit"));
    m_present->setText(tr("&Present (conference mode)"));
    m_derived->setText(tr("Show &derived values"));
    m_focusList->setText(tr("Go to the case &list"));
    m_packs->setText(tr("&Rule packs…"));
    m_impact->setText(tr("&Impact of a rule pack…"));
    m_followUpDue->setText(tr("&Follow-up due…"));
    m_settings->setText(tr("&Settings…"));
    m_about->setText(tr("&About Consilium"));
    const QStringList tabs
        = { tr("Data"), tr("Compare"), tr("Timeline"), tr("Toxicity"), tr("Decision"), tr("History") };
    for (int i = 0; i < m_tabActions.size(); ++i)
        m_tabActions[i]->setText(tr("Show %1").arg(tabs[i]));
    updatePackStatus();
    updateTitle();
}

void MainWindow::updatePackStatus()
{
    // Which pack the verdicts come from, and whether it is vouched for: in the status bar and
    // above the comparison grid (here and in the conference mode).
    const RulePack &p = m_session->pack();
    const PackProvenance &provenance = m_session->packProvenance();
    const QString line = PackStatus::line(p, provenance);
    const bool warning = PackStatus::isWarning(p, provenance);
    m_packLabel->setText((warning ? QStringLiteral("⚠ ") : QString()) + line
        + tr(" · sign-off: %1 · %2%3")
              .arg(p.signOffStatus(), QDir::toNativeSeparators(m_session->databasePath()),
                  m_session->store().isWriter() ? QString() : tr(" · read-only")));
    m_packLabel->setStyleSheet(
        warning ? QStringLiteral("QLabel { color: #5c1300; background: #ffe08a; font-weight: bold; }") : QString());
    m_packLabel->setAccessibleName(m_packLabel->text());
    m_workspace->comparison()->setPackStatus(line, warning);
    if (m_conference)
        m_conference->comparison()->setPackStatus(line, warning);
}

void MainWindow::updateTitle()
{
    QString id = m_workspace->document()->caseId();
    setWindowTitle(
        QStringLiteral("%1%2 — Consilium")
            .arg(id.isEmpty() ? tr("Case") : id, m_workspace->isModified() ? QStringLiteral(" *") : QString()));
    setWindowModified(m_workspace->isModified());
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_workspace->maybeSave()) {
        event->ignore();
        return;
    }
    event->accept();
}

void MainWindow::selectCase(const QString &caseId)
{
    m_list->reload();
    m_list->selectCase(caseId);
    m_workspace->openCase(caseId);
}

void MainWindow::openFiles(const QStringList &files)
{
    if (!files.isEmpty() && !IdentityDialog::ensure(this, *m_session))
        return; // imported versions record who imported them
    QString last;
    for (const QString &file : files) {
        const auto summary = consilium::importCases(m_session->store(), file, m_session->pack());
        if (!summary) {
            Dialogs::warning(this, tr("Open case file"), summary.error().message, summary.error().details);
            continue;
        }
        for (const ImportFileOutcome &f : summary.value().files) {
            if (f.status == SaveStatus::Rejected) {
                // Invalid: open it in the editor so the problems can be fixed.
                m_workspace->openFile(f.file);
                return;
            }
            if (f.status == SaveStatus::Added) {
                // Saved either way; without an evaluation the list shows it as not evaluated.
                if (const auto e = m_session->evaluations().evaluateCase(f.caseId, m_session->pack()); !e)
                    qWarning("consilium: %s", qUtf8Printable(e.error().message));
            }
            last = f.caseId;
        }
    }
    if (!last.isEmpty()) {
        m_session->notifyCasesChanged();
        selectCase(last);
    }
}

void MainWindow::importCases()
{
    const QString f = Dialogs::openFileName(this, tr("Import cases"), tr("Case files (*.json)"));
    if (!f.isEmpty())
        openFiles({ f });
}

// File → Import from FHIR… (issue 14): the draft opens in the editor unsaved, with the import report.
void MainWindow::importFhir()
{
    const QString f = Dialogs::openFileName(this, tr("Import from FHIR"), tr("FHIR R4 bundles (*.json)"));
    if (!f.isEmpty())
        FhirImportDialog::importFile(this, *m_workspace, m_session->pack(), m_session->today(), f);
}

bool MainWindow::switchDatabase(const QString &path)
{
    if (!m_workspace->maybeSave())
        return false;
    QString error;
    std::unique_ptr<Session> next = Startup::openSession(path, error);
    if (!next) {
        Dialogs::warning(this, tr("Open database"), tr("Cannot open %1.").arg(path), { error });
        return false;
    }
    if (m_conference)
        m_conference->close();
    delete m_impactDialog; // it reads the database being closed
    delete m_split;
    m_split = nullptr;
    m_session = std::move(next);
    buildCentral();
    // The undo actions follow the new workspace's stack.
    m_editMenu->clear();
    delete m_undo;
    delete m_redo;
    m_undo = m_workspace->undoStack()->createUndoAction(this);
    m_undo->setObjectName(QStringLiteral("actionUndo"));
    m_undo->setShortcut(QKeySequence::Undo);
    m_redo = m_workspace->undoStack()->createRedoAction(this);
    m_redo->setObjectName(QStringLiteral("actionRedo"));
    m_redo->setShortcut(QKeySequence::Redo);
    m_editMenu->addActions({ m_undo, m_redo });
    retranslate();
    return true;
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    for (const QString &path : AppSettings::recentDatabases()) {
        QAction *a = m_recentMenu->addAction(QDir::toNativeSeparators(path));
        a->setEnabled(QFileInfo::exists(path) && path != m_session->databasePath());
        connect(a, &QAction::triggered, this, [this, path] { switchDatabase(path); });
    }
    if (m_recentMenu->isEmpty())
        m_recentMenu->addAction(tr("(none)"))->setEnabled(false);
}

bool MainWindow::exportReport(const QString &path)
{
    QString target = path;
    if (target.isEmpty())
        target = Dialogs::saveFileName(this, tr("Export conference report"), tr("PDF files (*.pdf)"),
            m_workspace->document()->caseId() + QStringLiteral("-report.pdf"));
    if (target.isEmpty())
        return false;
    const auto input = reportInput(m_workspace);
    if (!input) {
        Dialogs::warning(this, tr("Export conference report"), input.error().message, input.error().details);
        return false;
    }
    QString error;
    if (!ConferenceReport::writePdf(input.value(), target, error)) {
        Dialogs::warning(this, tr("Export conference report"), error);
        return false;
    }
    statusBar()->showMessage(tr("Report written to %1").arg(target), 5000);
    return true;
}

bool MainWindow::exportHandout(const QString &path)
{
    if (!m_workspace->evaluation()) {
        Dialogs::warning(this, tr("Patient handout"), tr("The case has errors that prevent evaluation."));
        return false;
    }
    QString target = path;
    if (target.isEmpty())
        target = Dialogs::saveFileName(this, tr("Patient handout"), tr("PDF files (*.pdf)"),
            m_workspace->document()->caseId() + QStringLiteral("-handout.pdf"));
    if (target.isEmpty())
        return false;
    QString language = AppSettings::language();
    if (language.isEmpty())
        language = QLocale().language() == QLocale::German ? QStringLiteral("de") : QStringLiteral("en");
    QString error;
    PatientHandout::Options options;
    options.language = language;
    options.printedOn = m_session->today();
    options.provenance = m_session->packProvenance();
    if (!PatientHandout::writePdf(
            m_workspace->evaluation()->engine(), *m_workspace->evaluation(), options, target, error)) {
        Dialogs::warning(this, tr("Patient handout"), error);
        return false;
    }
    statusBar()->showMessage(tr("Handout written to %1").arg(target), 5000);
    return true;
}

void MainWindow::printReport()
{
    QPrinter printer(QPrinter::HighResolution);
    printer.setPageSize(QPageSize(QPageSize::A4));
    QPrintDialog dialog(&printer, this);
    dialog.setObjectName(QStringLiteral("printDialog"));
    if (Dialogs::exec(&dialog) != QDialog::Accepted)
        return;
    const auto input = reportInput(m_workspace);
    if (!input) {
        Dialogs::warning(this, tr("Print report"), input.error().message, input.error().details);
        return;
    }
    ConferenceReport::paint(input.value(), printer);
}

void MainWindow::startConference()
{
    if (!m_workspace->maybeSave())
        return;
    const QStringList ids = m_list->visibleCaseIds(500);
    if (ids.isEmpty()) {
        Dialogs::information(this, tr("Conference"), tr("No cases in the list to present."));
        return;
    }
    const int start = qMax(0, int(ids.indexOf(m_workspace->storedCaseId())));
    if (m_conference)
        m_conference->close();
    m_conference = new ConferenceMode(*m_session, ids, start, nullptr);
    updatePackStatus();
    connect(m_conference, &ConferenceMode::closed, this, [this](const QString &id) {
        m_list->reload();
        if (!id.isEmpty()) {
            m_list->selectCase(id);
            m_workspace->openCase(id);
        }
        m_workspace->decisionPanel()->refresh();
    });
    m_conference->showFullScreen();
    m_conference->raise();
    m_conference->activateWindow();
}

void MainWindow::showPacks()
{
    PackDialog dialog(*m_session, this);
    Dialogs::exec(&dialog);
}

ImpactDialog *MainWindow::showImpact()
{
    if (!m_impactDialog) {
        m_impactDialog = new ImpactDialog(*m_session, this);
        m_impactDialog->setAttribute(Qt::WA_DeleteOnClose);
        // Opens the case here (asking about unsaved edits first); the dialog stays open.
        connect(m_impactDialog, &ImpactDialog::caseActivated, this,
            [this](const QString &id) { m_workspace->openCase(id); });
    }
    m_impactDialog->show();
    m_impactDialog->raise();
    m_impactDialog->activateWindow();
    return m_impactDialog;
}

void MainWindow::showSettings()
{
    SettingsDialog dialog(m_session->databasePath(), this);
    if (Dialogs::exec(&dialog) != QDialog::Accepted)
        return;
    const QString oldLanguage = AppSettings::language();
    dialog.apply();
    m_session->setUserName(AppSettings::displayName()); // applies now, no restart
    m_workspace->editor()->applyUnitConvention();
    if (dialog.language() != oldLanguage)
        Startup::setLanguage(dialog.language());
    if (!dialog.databasePath().isEmpty()
        && QFileInfo(dialog.databasePath()).absoluteFilePath() != m_session->databasePath())
        switchDatabase(dialog.databasePath());
}

} // namespace consilium
