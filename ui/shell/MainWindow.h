// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>
#include <QPointer>

#include <memory>

class QAction;
class QLabel;
class QMenu;
class QSplitter;

namespace consilium {

class CaseListPanel;
class CaseWorkspace;
class ConferenceMode;
class FollowUpDueDialog;
class ImpactDialog;
class Session;

// The main window: the case list on the left, the open case on the right, menus for files,
// reports, the conference mode, rule packs and settings.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(std::unique_ptr<Session> session, QWidget *parent = nullptr);
    ~MainWindow() override;

    Session &session() const noexcept { return *m_session; }
    CaseListPanel *caseList() const noexcept { return m_list; }
    CaseWorkspace *workspace() const noexcept { return m_workspace; }
    ConferenceMode *conferenceMode() const;

    // Command-line / file-manager files: imported, or opened for fixing when invalid.
    void openFiles(const QStringList &files);
    bool switchDatabase(const QString &path);
    bool exportReport(const QString &path = {});
    bool exportHandout(const QString &path = {});
    void printReport();
    void startConference();
    void showPacks();
    // Tools → Impact of a rule pack… (issue 15): one non-modal dialog; its cases open here.
    ImpactDialog *showImpact();
    // Tools → Follow-up due… (issue 14): one non-modal list; a row opens its case at the decision
    // (MainWindowFollowUp.cpp).
    FollowUpDueDialog *showFollowUpDue();
    void showSettings();
    void importCases();
    void importFhir();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void buildActions();
    void buildCentral();
    void retranslate();
    void updateTitle();
    void updatePackStatus();
    void updateRecentMenu();
    void selectCase(const QString &caseId);

    std::unique_ptr<Session> m_session;
    QSplitter *m_split = nullptr;
    CaseListPanel *m_list = nullptr;
    CaseWorkspace *m_workspace = nullptr;
    QPointer<ConferenceMode> m_conference;
    QPointer<ImpactDialog> m_impactDialog;
    QPointer<FollowUpDueDialog> m_dueDialog;
    QLabel *m_packLabel = nullptr;
    QLabel *m_connectionLabel = nullptr; // a team database that cannot be reached (issue 13)
    QMenu *m_fileMenu = nullptr;
    QMenu *m_editMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_toolsMenu = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_new = nullptr;
    QAction *m_open = nullptr;
    QAction *m_import = nullptr;
    QAction *m_importFhir = nullptr;
    QAction *m_save = nullptr;
    QAction *m_report = nullptr;
    QAction *m_handout = nullptr;
    QAction *m_print = nullptr;
    QAction *m_openDb = nullptr;
    QAction *m_quit = nullptr;
    QAction *m_undo = nullptr;
    QAction *m_redo = nullptr;
    QAction *m_present = nullptr;
    QAction *m_derived = nullptr;
    QAction *m_focusList = nullptr;
    QAction *m_packs = nullptr;
    QAction *m_impact = nullptr;
    QAction *m_followUpDue = nullptr;
    QAction *m_settings = nullptr;
    QAction *m_about = nullptr;
    QList<QAction *> m_tabActions;
};

} // namespace consilium
