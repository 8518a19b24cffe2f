// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QLabel;
class QPushButton;
class QTableWidget;

namespace consilium {

class Session;

// Tools → Follow-up due… (issue 14): what FollowUps::due(today) lists — for each finalised
// decision the missing follow-up record and, once treated, the day 28 / day 100 outcomes — with
// the case, the decision, what is due and when. Overdue rows say so in words ("overdue by 12
// days") and in bold, not by colour alone. "Today" is the session's (Session::today(),
// injectable). Activating a row asks the main window to open the case at that decision.
// Non-modal; re-read when the session's cases change and with "Refresh".
class FollowUpDueDialog : public QDialog
{
    Q_OBJECT

public:
    enum Column { CaseColumn, DecisionColumn, WhatColumn, DueColumn, StatusColumn, ColumnCount };

    explicit FollowUpDueDialog(Session &session, QWidget *parent = nullptr);

    void refresh();
    QTableWidget *table() const noexcept { return m_table; }
    QString statusText() const;

Q_SIGNALS:
    void decisionActivated(const QString &caseId, qint64 decisionId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    Session &m_session;
    QLabel *m_status = nullptr;
    QTableWidget *m_table = nullptr;
    QPushButton *m_refresh = nullptr;
};

} // namespace consilium
