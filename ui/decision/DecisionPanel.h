// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/StoreResult.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace consilium {

class Session;
struct Decision;

// Recording the conference's decision on one case: the chosen arm or a deferral, the
// rationale, overrides of criteria with reason codes, each required role's position.
// "Finalise" stays disabled, with the reason shown, until every required role has answered;
// dissent stays visible.
class DecisionPanel : public QWidget
{
    Q_OBJECT

public:
    explicit DecisionPanel(Session &session, QWidget *parent = nullptr);

    // The case the panel records for; `blockedReason` non-empty (e.g. unsaved edits) disables opening.
    void setCase(const QString &caseId, const QString &blockedReason = {});
    void setLargeType(bool large);
    std::optional<qint64> decisionId() const noexcept { return m_decisionId; }
    void refresh();

    // The conference held today (created on first use).
    static StoreResult<qint64> todaysConference(Session &session);

Q_SIGNALS:
    void decisionChanged();

protected:
    void changeEvent(QEvent *event) override;

private:
    void build();
    void createWidgets();
    void layOut();
    void retranslate();
    void openDecision();
    void recordOutcome();
    void recordPosition();
    void addOverride();
    void finalise();
    void correct();
    // Writes the shown decision as a FHIR R4 Bundle (docs/fhir.md#export) to a file the user
    // picks, atomically; says what was left out.
    void exportFhir();
    // Shows the error of a failed store call; refreshes either way. True when it succeeded.
    template <class T> bool check(const StoreResult<T> &result) { return checked(result ? nullptr : &result.error()); }
    bool checked(const StoreError *error);
    void show(const Decision *d);
    // The positions table and the dissent line of `d`; returns the required roles still to answer.
    QStringList showPositions(const Decision &d);
    // Why finalising is possible or not yet, in words.
    QString finaliseState(const Decision &d, const QStringList &missing) const;

    Session &m_session;
    QString m_caseId;
    QString m_blocked;
    std::optional<qint64> m_decisionId;
    QLabel *m_status = nullptr;
    QPushButton *m_open = nullptr;
    QPushButton *m_correct = nullptr;
    QPushButton *m_exportFhir = nullptr;
    QComboBox *m_outcome = nullptr;
    QPlainTextEdit *m_rationale = nullptr;
    QPushButton *m_recordOutcome = nullptr;
    QTableWidget *m_positions = nullptr;
    QLineEdit *m_participant = nullptr;
    QComboBox *m_role = nullptr;
    QComboBox *m_stance = nullptr;
    QLineEdit *m_reason = nullptr;
    QPushButton *m_recordPosition = nullptr;
    QListWidget *m_overrides = nullptr;
    QComboBox *m_overrideCriterion = nullptr;
    QComboBox *m_overrideReason = nullptr;
    QLineEdit *m_overrideText = nullptr;
    QPushButton *m_addOverride = nullptr;
    QLabel *m_dissent = nullptr;
    QPushButton *m_finalise = nullptr;
    QLabel *m_finaliseReason = nullptr;
    QList<QWidget *> m_draftOnly;
};

} // namespace consilium
