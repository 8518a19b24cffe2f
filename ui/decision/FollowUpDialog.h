// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/Decisions.h"
#include "store/FollowUps.h"

#include <QDialog>
#include <QWidget>

#include <memory>
#include <optional>

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QTabWidget;

namespace consilium {

class RulePack;
class Session;

// The outcomes of one registry time point (FollowUps::outcomeDays(): day 28, day 100). Every
// field starts as "unknown" (an explicit first choice, or empty) and stays so unless the user
// chooses a value: unknown is never 0 or "no" (issue 14). Children are named "<field><day>",
// e.g. "crsGrade28".
class FollowUpOutcomeForm : public QWidget
{
    Q_OBJECT

public:
    FollowUpOutcomeForm(int day, QWidget *parent = nullptr);
    void load(const FollowUpOutcome *outcome); // nullptr: everything unknown
    // The outcome entered, or nullopt when every field is unknown; a date that is not a date
    // adds "Day 28 · CRS onset: …" to `errors`.
    std::optional<FollowUpOutcome> outcome(QStringList &errors) const;
    void retranslate();

private:
    QLineEdit *date(const char *name);
    QComboBox *choice(const char *name);
    QString dateValue(const QLineEdit *edit, const QString &label, QStringList &errors) const;

    int m_day;
    QList<QLabel *> m_labels; // the form's row labels, in order
    QLineEdit *m_assessed = nullptr;
    QComboBox *m_crs = nullptr;
    QLineEdit *m_crsOnset = nullptr;
    QLineEdit *m_crsResolved = nullptr;
    QComboBox *m_icans = nullptr;
    QLineEdit *m_icansOnset = nullptr;
    QLineEdit *m_icansResolved = nullptr;
    QComboBox *m_icaht = nullptr;
    QComboBox *m_infection = nullptr;
    QLineEdit *m_infectionText = nullptr;
    QComboBox *m_response = nullptr;
    QComboBox *m_died = nullptr;
    QLineEdit *m_deathDate = nullptr;
};

// History → "Record follow-up…" (issue 14, "Follow-up of each decision"): whether a finalised
// decision was carried out (date, arm or option of the decision's pack — the decision's choice
// by default —, lot or trial id, lymphodepletion) or not (a reason from
// FollowUps::notCarriedReasons() and free text), and the day 28 / day 100 outcomes. Opens with the
// decision's latest record, so a later entry keeps what was recorded before (a new record
// supersedes the previous one). Saved through the session's store (audited; announced to the
// other workstations on PostgreSQL); a refused record keeps the dialog open with every field
// as entered and the store's reasons, each naming its field.
class FollowUpDialog : public QDialog
{
    Q_OBJECT

public:
    FollowUpDialog(Session &session, const Decision &decision, QWidget *parent = nullptr);
    ~FollowUpDialog() override;

    // Checks and records; true when the store accepted the record (the dialog is accepted then).
    bool save();
    QString errorText() const;
    std::optional<qint64> recordedId() const noexcept { return m_recorded; }

Q_SIGNALS:
    void recorded(qint64 decisionId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void build();
    void buildCarriedOut();
    void buildNotCarriedOut();
    void fillChoices();
    void load(const FollowUp &f);
    void updateEnabled();
    void retranslate();
    std::optional<FollowUp> entered(QStringList &errors) const;
    void showErrors(const QStringList &errors);

    Session &m_session;
    Decision m_decision;
    std::shared_ptr<const RulePack> m_pack; // the decision's pack (its arms and options)
    std::optional<FollowUp> m_latest;
    std::optional<qint64> m_recorded;
    QLabel *m_header = nullptr;
    QRadioButton *m_carried = nullptr;
    QRadioButton *m_notCarried = nullptr;
    QGroupBox *m_carriedBox = nullptr;
    QGroupBox *m_notCarriedBox = nullptr;
    QLineEdit *m_treatedOn = nullptr;
    QComboBox *m_armOption = nullptr;
    QLineEdit *m_lot = nullptr;
    QComboBox *m_lymphodepletion = nullptr;
    QComboBox *m_reason = nullptr;
    QLineEdit *m_reasonText = nullptr;
    QTabWidget *m_outcomes = nullptr;
    std::vector<FollowUpOutcomeForm *> m_days;
    QLabel *m_errors = nullptr;
};

} // namespace consilium
