// SPDX-License-Identifier: GPL-3.0-or-later
// The case editor's lists: medications (a table) and failed therapies (names, comma-separated).
#include "editor/CaseDocument.h"
#include "editor/CaseEditor.h"
#include "editor/EditCommands.h"
#include "editor/MedicationModel.h"
#include "rules/RulePack.h"

#include <QCheckBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace consilium {

QWidget *CaseEditor::buildMedications()
{
    m_medsBox = new QGroupBox(this);
    m_medsBox->setObjectName(QStringLiteral("group_medications"));
    auto *lay = new QVBoxLayout(m_medsBox);
    m_medsRecorded = new QCheckBox(m_medsBox);
    m_medsRecorded->setObjectName(QStringLiteral("medicationsRecorded"));
    m_medsRecorded->setChecked(m_doc->medicationsRecorded());
    m_medModel = new MedicationModel(m_doc, this);
    m_meds = new QTableView(m_medsBox);
    m_meds->setObjectName(QStringLiteral("medicationTable"));
    m_meds->setModel(m_medModel);
    m_meds->setItemDelegate(new AgentDelegate(m_doc->pack(), m_meds));
    m_meds->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_meds->verticalHeader()->hide();
    m_meds->setMinimumHeight(150);
    m_meds->setEditTriggers(QAbstractItemView::AllEditTriggers);
    m_meds->setTabKeyNavigation(false);
    auto *add = new QPushButton(m_medsBox);
    add->setObjectName(QStringLiteral("addMedication"));
    auto *remove = new QPushButton(m_medsBox);
    remove->setObjectName(QStringLiteral("removeMedication"));
    m_medErrors = errorLabel(QStringLiteral("medicationErrors"), m_medsBox);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_medsRecorded);
    buttons->addStretch(1);
    buttons->addWidget(add);
    buttons->addWidget(remove);
    lay->addLayout(buttons);
    lay->addWidget(m_meds);
    lay->addWidget(m_medErrors);
    m_editable << m_medsRecorded << m_meds << add << remove;

    connect(m_medModel, &MedicationModel::editRequested, this, [this](int row, const MedicationEntry &e) {
        m_undo->push(new SetMedicationCommand(m_doc, row, m_doc->medication(row), e));
    });
    connect(add, &QPushButton::clicked, this, [this] {
        const int row = m_doc->medicationCount();
        m_undo->push(new MedicationRowCommand(m_doc, row, {}, true));
        m_meds->setCurrentIndex(m_medModel->index(row, MedicationModel::Agent));
        m_meds->edit(m_meds->currentIndex());
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_meds->currentIndex().row();
        if (row >= 0 && row < m_doc->medicationCount())
            m_undo->push(new MedicationRowCommand(m_doc, row, m_doc->medication(row), false));
    });
    connect(m_medsRecorded, &QCheckBox::toggled, this, [this](bool on) {
        if (!m_syncing && on != m_doc->medicationsRecorded())
            m_undo->push(new SetMedicationsRecordedCommand(m_doc, on));
    });
    return m_medsBox;
}

QWidget *CaseEditor::buildFailed()
{
    m_failedBox = new QGroupBox(this);
    m_failedBox->setObjectName(QStringLiteral("group_failed"));
    auto *lay = new QVBoxLayout(m_failedBox);
    m_failedRecorded = new QCheckBox(m_failedBox);
    m_failedRecorded->setObjectName(QStringLiteral("failedRecorded"));
    m_failed = new QLineEdit(m_failedBox);
    m_failed->setObjectName(QStringLiteral("failedTherapies"));
    m_failed->setCompleter(new AgentListCompleter(m_doc->pack(), m_failed));
    m_failedErrors = errorLabel(QStringLiteral("failedErrors"), m_failedBox);
    lay->addWidget(m_failedRecorded);
    lay->addWidget(m_failed);
    lay->addWidget(m_failedErrors);
    m_editable << m_failedRecorded << m_failed;
    connect(m_failed, &QLineEdit::editingFinished, this, &CaseEditor::pushFailed);
    connect(m_failedRecorded, &QCheckBox::toggled, this, &CaseEditor::pushFailed);
    return m_failedBox;
}

void CaseEditor::pushFailed()
{
    if (m_syncing)
        return;
    QStringList agents;
    for (const QString &part : m_failed->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty())
            agents << AgentNames::idFor(m_doc->pack(), part); // typed by name, stored by id
    }
    const bool recorded = m_failedRecorded->isChecked() || !agents.isEmpty();
    if (recorded != m_doc->failedRecorded() || agents != m_doc->failedTherapies())
        m_undo->push(new SetFailedTherapiesCommand(m_doc, recorded, agents));
    // Shown as the pack names them ("rituximab" -> "Rituximab").
    QStringList names;
    for (const QString &id : std::as_const(agents))
        names << AgentNames::nameOf(m_doc->pack(), id);
    const QString shown = names.join(QStringLiteral(", "));
    if (m_failed->text() != shown) {
        m_syncing = true;
        m_failed->setText(shown);
        m_syncing = false;
    }
}

void CaseEditor::syncFailed()
{
    m_syncing = true;
    m_failedRecorded->setChecked(m_doc->failedRecorded());
    QStringList names;
    for (const QString &id : m_doc->failedTherapies())
        names << AgentNames::nameOf(m_doc->pack(), id);
    const QString text = names.join(QStringLiteral(", "));
    // Only when the content differs: a field being typed in keeps its text and cursor.
    QStringList typed;
    for (const QString &part : m_failed->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty())
            typed << AgentNames::idFor(m_doc->pack(), part);
    }
    if (typed != m_doc->failedTherapies() || m_failed->text().isEmpty() != text.isEmpty())
        m_failed->setText(text);
    m_syncing = false;
}

} // namespace consilium
