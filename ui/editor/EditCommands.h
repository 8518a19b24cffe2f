// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "editor/CaseDocument.h"

#include <QUndoCommand>

namespace consilium {

// Small undoable edits of a CaseDocument (Tiled's changelayer.h style). Consecutive edits of
// the same field merge, so typing "80" is one undo step.
class SetFactCommand : public QUndoCommand
{
public:
    SetFactCommand(CaseDocument *doc, QString variable, FactEntry before, FactEntry after, const QString &label);
    void undo() override;
    void redo() override;
    int id() const override { return 1; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    CaseDocument *m_doc;
    QString m_variable;
    FactEntry m_before;
    FactEntry m_after;
};

class SetMetaCommand : public QUndoCommand
{
public:
    SetMetaCommand(CaseDocument *doc, QString key, QString before, QString after);
    void undo() override;
    void redo() override;
    int id() const override { return 2; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    CaseDocument *m_doc;
    QString m_key;
    QString m_before;
    QString m_after;
};

class SetMedicationCommand : public QUndoCommand
{
public:
    SetMedicationCommand(CaseDocument *doc, int row, MedicationEntry before, MedicationEntry after);
    void undo() override;
    void redo() override;

private:
    CaseDocument *m_doc;
    int m_row;
    MedicationEntry m_before;
    MedicationEntry m_after;
};

// Inserts (insert = true) or removes one medication row.
class MedicationRowCommand : public QUndoCommand
{
public:
    MedicationRowCommand(CaseDocument *doc, int row, MedicationEntry entry, bool insert);
    void undo() override;
    void redo() override;

private:
    void apply(bool insert);
    CaseDocument *m_doc;
    int m_row;
    MedicationEntry m_entry;
    bool m_insert;
    bool m_wasRecorded;
};

class SetMedicationsRecordedCommand : public QUndoCommand
{
public:
    SetMedicationsRecordedCommand(CaseDocument *doc, bool recorded);
    void undo() override;
    void redo() override;

private:
    CaseDocument *m_doc;
    bool m_recorded;
};

class SetFailedTherapiesCommand : public QUndoCommand
{
public:
    SetFailedTherapiesCommand(CaseDocument *doc, bool recorded, QStringList agents);
    void undo() override;
    void redo() override;

private:
    CaseDocument *m_doc;
    bool m_beforeRecorded;
    QStringList m_before;
    bool m_afterRecorded;
    QStringList m_after;
};

} // namespace consilium
