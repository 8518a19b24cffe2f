// SPDX-License-Identifier: GPL-3.0-or-later
#include "editor/EditCommands.h"

#include <QCoreApplication>

namespace consilium {

namespace {

QString trc(const char *text)
{
    return QCoreApplication::translate("consilium::EditCommands", text);
}

} // namespace

SetFactCommand::SetFactCommand(
    CaseDocument *doc, QString variable, FactEntry before, FactEntry after, const QString &label)
    : m_doc(doc), m_variable(std::move(variable)), m_before(std::move(before)), m_after(std::move(after))
{
    setText(QCoreApplication::translate("consilium::EditCommands", "Change %1").arg(label));
}

void SetFactCommand::undo()
{
    m_doc->setFact(m_variable, m_before);
}
void SetFactCommand::redo()
{
    m_doc->setFact(m_variable, m_after);
}

bool SetFactCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const SetFactCommand *>(other);
    // Typing in one box merges; a change of state, unit or date is its own step.
    if (o->m_variable != m_variable || o->m_after.state != m_after.state || o->m_after.unit != m_after.unit
        || o->m_after.date != m_after.date || m_after.state != FactEntry::State::Value)
        return false;
    m_after = o->m_after;
    return true;
}

SetMetaCommand::SetMetaCommand(CaseDocument *doc, QString key, QString before, QString after)
    : m_doc(doc), m_key(std::move(key)), m_before(std::move(before)), m_after(std::move(after))
{
    setText(trc(QT_TRANSLATE_NOOP("consilium::EditCommands", "Change case details")));
}

void SetMetaCommand::undo()
{
    m_doc->setMeta(m_key, m_before);
}
void SetMetaCommand::redo()
{
    m_doc->setMeta(m_key, m_after);
}

bool SetMetaCommand::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const SetMetaCommand *>(other);
    if (o->m_key != m_key)
        return false;
    m_after = o->m_after;
    return true;
}

SetMedicationCommand::SetMedicationCommand(CaseDocument *doc, int row, MedicationEntry before, MedicationEntry after)
    : m_doc(doc), m_row(row), m_before(std::move(before)), m_after(std::move(after))
{
    setText(trc(QT_TRANSLATE_NOOP("consilium::EditCommands", "Change medication")));
}

void SetMedicationCommand::undo()
{
    m_doc->setMedication(m_row, m_before);
}
void SetMedicationCommand::redo()
{
    m_doc->setMedication(m_row, m_after);
}

MedicationRowCommand::MedicationRowCommand(CaseDocument *doc, int row, MedicationEntry entry, bool insert)
    : m_doc(doc), m_row(row), m_entry(std::move(entry)), m_insert(insert), m_wasRecorded(doc->medicationsRecorded())
{
    setText(insert ? trc(QT_TRANSLATE_NOOP("consilium::EditCommands", "Add medication"))
                   : trc(QT_TRANSLATE_NOOP("consilium::EditCommands", "Remove medication")));
}

void MedicationRowCommand::apply(bool insert)
{
    if (insert)
        m_doc->insertMedication(m_row, m_entry);
    else
        m_doc->removeMedication(m_row);
}

void MedicationRowCommand::redo()
{
    apply(m_insert);
}

void MedicationRowCommand::undo()
{
    apply(!m_insert);
    m_doc->setMedicationsRecorded(m_wasRecorded);
}

SetMedicationsRecordedCommand::SetMedicationsRecordedCommand(CaseDocument *doc, bool recorded)
    : m_doc(doc), m_recorded(recorded)
{
    setText(recorded ? trc(QT_TRANSLATE_NOOP("consilium::EditCommands", "Medication list recorded"))
                     : trc(QT_TRANSLATE_NOOP("consilium::EditCommands", "Medication list not recorded")));
}

void SetMedicationsRecordedCommand::undo()
{
    m_doc->setMedicationsRecorded(!m_recorded);
}
void SetMedicationsRecordedCommand::redo()
{
    m_doc->setMedicationsRecorded(m_recorded);
}

SetFailedTherapiesCommand::SetFailedTherapiesCommand(CaseDocument *doc, bool recorded, QStringList agents)
    : m_doc(doc)
    , m_beforeRecorded(doc->failedRecorded())
    , m_before(doc->failedTherapies())
    , m_afterRecorded(recorded)
    , m_after(std::move(agents))
{
    setText(trc(QT_TRANSLATE_NOOP("consilium::EditCommands", "Change failed therapies")));
}

void SetFailedTherapiesCommand::undo()
{
    m_doc->setFailedTherapies(m_beforeRecorded, m_before);
}
void SetFailedTherapiesCommand::redo()
{
    m_doc->setFailedTherapies(m_afterRecorded, m_after);
}

} // namespace consilium
