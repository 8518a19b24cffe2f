// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QPushButton;
class QTableWidget;
class QTextBrowser;

namespace consilium {

class Session;

// Past decisions and versions of a case. A decision is shown as it was made (its pinned rule
// pack); "Replay" re-evaluates it with that pack and "Compare with today's rules" lists what
// the active pack would change.
class HistoryPanel : public QWidget
{
    Q_OBJECT

public:
    explicit HistoryPanel(Session &session, QWidget *parent = nullptr);
    void setCase(const QString &caseId);
    void refresh();
    QString detailText() const;
    void replaySelected();
    void compareSelected();
    // "Record follow-up…" for the selected finalised decision (FollowUpDialog, issue 14).
    void recordFollowUp();
    void selectDecision(qint64 decisionId);

    // Shows the stored version `version` of the case (1-based): who saved it, its verdicts and
    // what changed from the version before.
    void selectVersion(int version);

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslate();
    void showSelected();
    void showVersion();
    void updateButtons();
    qint64 selectedDecision() const;
    int selectedVersion() const;

    Session &m_session;
    QString m_caseId;
    qint64 m_latestDecision = 0; // the newest decision at the last refresh
    QTableWidget *m_decisions = nullptr;
    QTableWidget *m_versions = nullptr;
    QTextBrowser *m_detail = nullptr;
    QPushButton *m_replay = nullptr;
    QPushButton *m_compare = nullptr;
    QPushButton *m_followUp = nullptr;
};

} // namespace consilium
