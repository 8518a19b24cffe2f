// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QCalendarWidget;
class QGroupBox;
class QLayout;
class QLabel;
class QLineEdit;
class QTableView;
class QUndoStack;
class QVBoxLayout;

namespace consilium {

class CaseDocument;
class FactField;
class MedicationModel;
struct Variable;
struct CaseValidation;
class Evaluation;

// The grouped data-entry form, built from the pack's variable dictionary. Every edit becomes
// an undo command on the given stack; the form only shows what the document holds.
class CaseEditor : public QWidget
{
    Q_OBJECT

public:
    CaseEditor(CaseDocument *doc, QUndoStack *undo, QWidget *parent = nullptr);

    FactField *field(const QString &variable) const { return m_fields.value(variable); }
    void applyValidation(const CaseValidation &validation);
    void applyEvaluation(const Evaluation *evaluation);
    void setReadOnly(bool readOnly);
    // Offers each value without a unit of its own in the units of the site's convention
    // (Settings) or, by default, of the case's jurisdiction (the pack's default_unit).
    void applyUnitConvention();

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    static QLabel *errorLabel(const QString &name, QWidget *parent);
    QWidget *buildMeta();
    QWidget *buildMedications();
    QWidget *buildFailed(); // buildMedications, buildFailed, pushFailed, syncFailed: CaseEditorLists.cpp
    QLayout *buildPanelDate(const QString &group, QWidget *box);
    void addField(const Variable &v, const QString &g, QWidget *box, QVBoxLayout *lay);
    void connectDocument();
    void applyPanelDate(const QString &group);
    void syncPanelDates();
    FactField *fieldOf(QWidget *w) const;
    void syncMeta();
    void syncFailed();
    void pushFailed();
    void retranslate();
    QString unitConvention() const;

    CaseDocument *m_doc;
    QUndoStack *m_undo;
    QHash<QString, FactField *> m_fields;
    QHash<QString, QGroupBox *> m_groups;
    QHash<QString, int> m_needed; // group -> fields the arms still need
    QLineEdit *m_id = nullptr;
    QLineEdit *m_label = nullptr;
    QLineEdit *m_asOf = nullptr;
    QLabel *m_asOfLabel = nullptr;
    QCalendarWidget *m_asOfCalendar = nullptr;
    QComboBox *m_jurisdiction = nullptr;
    QLabel *m_metaErrors = nullptr;
    QGroupBox *m_medsBox = nullptr;
    QCheckBox *m_medsRecorded = nullptr;
    QTableView *m_meds = nullptr;
    MedicationModel *m_medModel = nullptr;
    QLabel *m_medErrors = nullptr;
    QGroupBox *m_failedBox = nullptr;
    QCheckBox *m_failedRecorded = nullptr;
    QLineEdit *m_failed = nullptr;
    QLabel *m_failedErrors = nullptr;
    QList<QWidget *> m_editable;
    QList<QWidget *> m_chain; // the value path Enter follows: case fields, panel dates, values
    QHash<QString, QLineEdit *> m_panelDates; // group -> "date of these results"
    QHash<QString, QString> m_panelDate; // group -> the date applied (valid or empty)
    QString m_convention; // the unit convention the fields offer
    bool m_syncing = false;
};

} // namespace consilium
