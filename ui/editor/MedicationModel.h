// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "editor/CaseDocument.h"

#include <QAbstractTableModel>
#include <QCompleter>
#include <QHash>
#include <QStyledItemDelegate>

namespace consilium {

struct Agent;

// The medications of a CaseDocument as a table: agent, daily dose, last dose and, from the
// latest evaluation, the washout end of each drug. Edits are requested, not applied, so the
// editor can turn them into undo commands.
class MedicationModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Agent, DailyDose, LastDose, WashoutEnd, ColumnCount };

    explicit MedicationModel(CaseDocument *doc, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    // agent id (or "glucocorticoids") -> end date text, from the latest evaluation.
    void setWashout(const QHash<QString, QString> &endByAgent);
    void setErrors(const std::map<int, QStringList> &errors);

Q_SIGNALS:
    void editRequested(int row, const consilium::MedicationEntry &entry);

private:
    void refresh();
    CaseDocument *m_doc;
    int m_rows = 0;
    QHash<QString, QString> m_washout;
    std::map<int, QStringList> m_errors;
};

// Drugs are typed and shown by name (the pack's labels); the case stores the pack's agent id.
namespace AgentNames {
// The agent id for a name or an id (either case); text matching neither comes back unchanged,
// so the case reader can name it as an unknown drug.
QString idFor(const RulePack &pack, const QString &text);
// The name of an agent id; an id the pack does not know comes back unchanged.
// In the interface's pack language (ResultText::packText), as label().
QString nameOf(const RulePack &pack, const QString &id);
QStringList names(const RulePack &pack);
// The agent's label in the interface's pack language (German INN in a German interface).
QString label(const RulePack &pack, const Agent &agent);
} // namespace AgentNames

// Completes the drug being typed in a comma-separated list ("Rituximab, cyclo" offers
// "Cyclophosphamide" and keeps "Rituximab, " in front).
class AgentListCompleter : public QCompleter
{
    Q_OBJECT

public:
    AgentListCompleter(const RulePack &pack, QObject *parent = nullptr);
    QStringList splitPath(const QString &path) const override;
    QString pathFromIndex(const QModelIndex &index) const override;
};

// Agent column editor: a line edit completing drug names from the pack.
class AgentDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    AgentDelegate(const RulePack &pack, QObject *parent = nullptr);
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    QStringList m_agents;
};

} // namespace consilium
