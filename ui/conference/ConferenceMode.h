// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>
#include <QWidget>

#include <memory>

class QLabel;
class QScrollArea;

namespace consilium {

class ComparisonView;
class DecisionPanel;
class Session;
class Evaluation;

// Presenting mode: full screen, large type, one case per page with the comparison grid first,
// "what would change the answer" and the decision strip. → / ← next and previous case,
// D opens the decision, Esc leaves. Nothing is editable until D is pressed.
class ConferenceMode : public QWidget
{
    Q_OBJECT

public:
    ConferenceMode(Session &session, const QStringList &caseIds, int start, QWidget *parent = nullptr);
    ~ConferenceMode() override;

    int currentIndex() const noexcept { return m_index; }
    QString currentCaseId() const;
    void showCase(int index);
    void next();
    void previous();
    void toggleDecision();
    bool decisionVisible() const;
    ComparisonView *comparison() const noexcept { return m_compare; }
    DecisionPanel *decisionPanel() const noexcept { return m_decision; }
    QString headerText() const;

Q_SIGNALS:
    void closed(const QString &lastCaseId);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    Session &m_session;
    QStringList m_caseIds;
    int m_index = -1;
    std::unique_ptr<Evaluation> m_eval;
    QLabel *m_header = nullptr;
    QLabel *m_page = nullptr;
    QLabel *m_keys = nullptr;
    ComparisonView *m_compare = nullptr;
    DecisionPanel *m_decision = nullptr;
    QScrollArea *m_decisionArea = nullptr;
};

} // namespace consilium
