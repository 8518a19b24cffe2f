// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace consilium {

class CaseListModel;
class Session;

// The left pane: search, filters (disease, verdict per arm or per option of the active pack,
// readiness) and the case table.
class CaseListPanel : public QWidget
{
    Q_OBJECT

public:
    explicit CaseListPanel(Session &session, QWidget *parent = nullptr);

    CaseListModel *model() const noexcept { return m_model; }
    QTableView *view() const noexcept { return m_view; }
    QString currentCaseId() const; // the highlighted row (not necessarily the open case)
    // Marks the case open in the workspace and highlights its row (empty: no case open).
    void selectCase(const QString &caseId);
    QStringList visibleCaseIds(int max) const;
    void reload();
    void applyFilters(); // now, without the debounce (tests)

Q_SIGNALS:
    // The user asked to open a case: click, double click or Enter on its row (never keyboard
    // focus, Tab or the arrow keys alone).
    void caseSelected(const QString &caseId);
    // A page of rows arrived (they are read in the background after every reload).
    void rowsLoaded();

protected:
    void changeEvent(QEvent *event) override;

private:
    void connectSignals(Session &session); // filters, model, view and session (constructor)
    void refillGroups(); // "any", each arm, its options indented under it (active pack)
    void showOptionColumn(); // the Option column while an option is chosen, titled with its label
    void refillDiseases();
    void refillConferences();
    void retranslate();
    void highlight(const QString &caseId);
    void updateCount();

    Session &m_session;
    CaseListModel *m_model = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_disease = nullptr;
    QComboBox *m_arm = nullptr;
    QComboBox *m_verdict = nullptr;
    QComboBox *m_readiness = nullptr;
    QComboBox *m_conference = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_count = nullptr;
    QTimer m_debounce;
    QString m_pendingHighlight; // to highlight when the first page after a reload arrives
};

} // namespace consilium
