// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "editor/CaseDocument.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <memory>

class QLabel;
class QTabWidget;
class QUndoStack;

namespace consilium {

class CaseEditor;
class ComparisonView;
class DecisionPanel;
class DraftStore;
class DrillDownDialog;
class HistoryPanel;
class Session;
class TimelineChart;
class ToxicityChart;
class Evaluation;
struct StoreChange;
struct StoreError;

// One case: header, as-of banner and the tabs Data · Compare · Timeline · Toxicity ·
// Decision · History. Owns the editable document, its undo stack and the current evaluation,
// which follows every edit (debounced; one evaluation takes microseconds).
class CaseWorkspace : public QWidget
{
    Q_OBJECT

public:
    enum Tab { DataTab, CompareTab, TimelineTab, ToxicityTab, DecisionTab, HistoryTab };

    explicit CaseWorkspace(Session &session, QWidget *parent = nullptr);
    ~CaseWorkspace() override;

    bool openCase(const QString &caseId); // asks about unsaved edits first
    bool openFile(const QString &path); // a case file: loaded as unsaved edits
    bool openDraft(const QByteArray &json); // an import's draft: unsaved edits of a new case
    void newCase();
    bool save();
    bool maybeSave(); // false: the user cancelled
    void discardChanges();
    bool isModified() const;

    QString storedCaseId() const { return m_storedId; } // empty for a case not yet saved
    CaseDocument *document() const noexcept { return m_doc.get(); }
    QUndoStack *undoStack() const noexcept { return m_undo; }
    const Evaluation *evaluation() const noexcept { return m_eval.get(); }
    const CaseValidation &validation() const noexcept { return m_validation; }
    Session &session() const noexcept { return m_session; }

    CaseEditor *editor() const noexcept { return m_editor; }
    ComparisonView *comparison() const noexcept { return m_compare; }
    TimelineChart *timeline() const noexcept { return m_timeline; }
    ToxicityChart *toxicity() const noexcept { return m_toxicity; }
    DecisionPanel *decisionPanel() const noexcept { return m_decision; }
    HistoryPanel *history() const noexcept { return m_history; }
    QTabWidget *tabs() const noexcept { return m_tabs; }
    DrillDownDialog *drillDown() const;
    QString headerText() const;

    void evaluateNow(); // flushes the debounce
    void openDrillDown(int arm, int row);
    void openOptionDrillDown(int option); // index into RulePack::options()
    void rebuildForPack(); // the active pack changed
    void writeDraftNow();
    // Another workstation committed a change (Session::remoteChange; PostgreSQL, issue 13).
    void remoteChange(const StoreChange &change);
    QString remoteNotice() const; // empty when none is shown

Q_SIGNALS:
    void evaluated();
    void caseSaved(const QString &caseId);
    void modifiedChanged(bool modified);
    void caseChanged(const QString &caseId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildEditor();
    void loadDocument(const QByteArray &json, const QString &storedId, int version);
    // As unsaved edits; a new version of the stored case of the same id when `versionOfStored`.
    bool openDocument(const QByteArray &bytes, const CaseDocument &probe, bool versionOfStored);
    void updateHeader();
    QString draftKey() const;
    void offerDraft();
    void showRemoteNotice(const QString &text);
    QLabel *noticeLabel(const QString &objectName);
    // A save refused because someone saved a newer version: shows what differs and offers to
    // re-apply the edits to it (CaseWorkspaceConflict.cpp).
    void resolveConflict(const StoreError &error);

    Session &m_session;
    std::unique_ptr<CaseDocument> m_doc;
    QUndoStack *m_undo = nullptr;
    std::unique_ptr<Evaluation> m_eval;
    CaseValidation m_validation;
    std::unique_ptr<DraftStore> m_drafts;
    QString m_storedId;
    int m_version = 0;
    bool m_sameCase = false;
    QTimer m_evalTimer;
    QTimer m_draftTimer;

    QLabel *m_header = nullptr;
    QLabel *m_missing = nullptr;
    QLabel *m_banner = nullptr;
    QLabel *m_remote = nullptr; // what another workstation changed in this case
    QTabWidget *m_tabs = nullptr;
    CaseEditor *m_editor = nullptr;
    ComparisonView *m_compare = nullptr;
    TimelineChart *m_timeline = nullptr;
    ToxicityChart *m_toxicity = nullptr;
    DecisionPanel *m_decision = nullptr;
    HistoryPanel *m_history = nullptr;
    QPointer<DrillDownDialog> m_drill;
};

} // namespace consilium
