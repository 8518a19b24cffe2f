// SPDX-License-Identifier: GPL-3.0-or-later
// Tools → Follow-up due… (issue 14, "Follow-up of each decision"): the main window's part.
#include "shell/MainWindow.h"

#include "cases/CaseListPanel.h"
#include "decision/FollowUpDue.h"
#include "decision/HistoryPanel.h"
#include "shell/CaseWorkspace.h"

#include <QTabWidget>

namespace consilium {

FollowUpDueDialog *MainWindow::showFollowUpDue()
{
    if (!m_dueDialog) {
        m_dueDialog = new FollowUpDueDialog(*m_session, this);
        m_dueDialog->setAttribute(Qt::WA_DeleteOnClose);
        // Opens the case here (asking about unsaved edits first) at the decision in its history;
        // the list stays open.
        connect(
            m_dueDialog, &FollowUpDueDialog::decisionActivated, this, [this](const QString &caseId, qint64 decisionId) {
                if (!m_workspace->openCase(caseId))
                    return;
                m_list->selectCase(caseId);
                m_workspace->tabs()->setCurrentIndex(CaseWorkspace::HistoryTab);
                m_workspace->history()->selectDecision(decisionId);
            });
    }
    m_dueDialog->refresh();
    m_dueDialog->show();
    m_dueDialog->raise();
    m_dueDialog->activateWindow();
    return m_dueDialog;
}

} // namespace consilium
