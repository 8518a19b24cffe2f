// SPDX-License-Identifier: GPL-3.0-or-later
#include "editor/MedicationModel.h"

#include "compare/ResultText.h"
#include "rules/RulePack.h"

#include <QCompleter>
#include <QLineEdit>

namespace consilium {

MedicationModel::MedicationModel(CaseDocument *doc, QObject *parent)
    : QAbstractTableModel(parent), m_doc(doc), m_rows(doc->medicationCount())
{
    connect(doc, &CaseDocument::medicationsChanged, this, &MedicationModel::refresh);
    connect(doc, &CaseDocument::reloaded, this, &MedicationModel::refresh);
}

void MedicationModel::refresh()
{
    const int rows = m_doc->medicationCount();
    if (rows != m_rows) {
        beginResetModel();
        m_rows = rows;
        endResetModel();
    } else if (rows > 0) {
        Q_EMIT dataChanged(index(0, 0), index(rows - 1, ColumnCount - 1));
    }
}

int MedicationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int MedicationModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MedicationModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_doc->medicationCount())
        return {};
    const MedicationEntry m = m_doc->medication(index.row());
    const auto err = m_errors.find(index.row());
    const bool bad = err != m_errors.end();
    if (role == Qt::ToolTipRole && bad)
        return err->second.join(QLatin1Char('\n'));
    if (role == Qt::ForegroundRole && bad && index.column() == Agent)
        return QColor(0xc6, 0x28, 0x28);
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (index.column()) {
    case Agent: {
        const QString name = AgentNames::nameOf(m_doc->pack(), m.agent);
        if (role == Qt::EditRole)
            return name; // edited by name, as shown
        return bad ? QStringLiteral("⚠ ") + name : name;
    }
    case DailyDose:
        return m.dailyDoseMg;
    case LastDose:
        return m.lastDose;
    case WashoutEnd: {
        if (role == Qt::EditRole)
            return {};
        const int a = m_doc->pack().agentIndex(m.agent);
        if (a < 0)
            return {};
        const consilium::Agent &agent = m_doc->pack().agents()[std::size_t(a)];
        const DrugClass &cls = m_doc->pack().drugClasses()[std::size_t(agent.drugClass)];
        if (cls.kind == DrugKind::Glucocorticoid)
            return m_washout.value(QStringLiteral("glucocorticoids"), tr("—"));
        return m_washout.value(m.agent, cls.hasWashout ? tr("unknown") : tr("none required"));
    }
    default:
        return {};
    }
}

QVariant MedicationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Agent:
        return tr("Agent");
    case DailyDose:
        return tr("Daily dose (mg)");
    case LastDose:
        return tr("Last dose");
    case WashoutEnd:
        return tr("Washout until");
    default:
        return {};
    }
}

Qt::ItemFlags MedicationModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() != WashoutEnd)
        f |= Qt::ItemIsEditable;
    return f;
}

bool MedicationModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || role != Qt::EditRole || index.row() >= m_doc->medicationCount())
        return false;
    MedicationEntry m = m_doc->medication(index.row());
    const QString text = value.toString().trimmed();
    switch (index.column()) {
    case Agent:
        // A name ("Mycophenolate mofetil") or an id (mycophenolate_mofetil): the id is stored.
        m.agent = AgentNames::idFor(m_doc->pack(), text);
        break;
    case DailyDose:
        m.dailyDoseMg = text;
        break;
    case LastDose:
        m.lastDose = text;
        break;
    default:
        return false;
    }
    if (m == m_doc->medication(index.row()))
        return false;
    Q_EMIT editRequested(index.row(), m);
    return true;
}

void MedicationModel::setWashout(const QHash<QString, QString> &endByAgent)
{
    m_washout = endByAgent;
    if (m_rows > 0)
        Q_EMIT dataChanged(index(0, WashoutEnd), index(m_rows - 1, WashoutEnd));
}

void MedicationModel::setErrors(const std::map<int, QStringList> &errors)
{
    if (errors == m_errors)
        return;
    m_errors = errors;
    if (m_rows > 0)
        Q_EMIT dataChanged(index(0, 0), index(m_rows - 1, ColumnCount - 1));
}

QString AgentNames::idFor(const RulePack &pack, const QString &text)
{
    QString t = text.trimmed();
    for (const Agent &a : pack.agents()) {
        if (a.label.compare(t, Qt::CaseInsensitive) == 0 || a.id.compare(t, Qt::CaseInsensitive) == 0
            || label(pack, a).compare(t, Qt::CaseInsensitive) == 0)
            return a.id;
    }
    return t;
}

QString AgentNames::label(const RulePack &pack, const Agent &agent)
{
    return ResultText::packText(pack, textKey(u"agent", agent.id, u"label"), agent.label);
}

QString AgentNames::nameOf(const RulePack &pack, const QString &id)
{
    const int a = pack.agentIndex(id);
    return a >= 0 ? label(pack, pack.agents()[std::size_t(a)]) : id;
}

QStringList AgentNames::names(const RulePack &pack)
{
    QStringList out;
    for (const Agent &a : pack.agents())
        out << label(pack, a);
    out.removeDuplicates();
    out.sort(Qt::CaseInsensitive);
    return out;
}

AgentListCompleter::AgentListCompleter(const RulePack &pack, QObject *parent)
    : QCompleter(AgentNames::names(pack), parent)
{
    setCaseSensitivity(Qt::CaseInsensitive);
    setFilterMode(Qt::MatchContains);
}

QStringList AgentListCompleter::splitPath(const QString &path) const
{
    return { path.section(QLatin1Char(','), -1).trimmed() };
}

QString AgentListCompleter::pathFromIndex(const QModelIndex &index) const
{
    const QString name = QCompleter::pathFromIndex(index);
    const auto *edit = qobject_cast<const QLineEdit *>(widget());
    const QString text = edit ? edit->text() : QString();
    const qsizetype comma = text.lastIndexOf(QLatin1Char(','));
    return comma < 0 ? name : text.left(comma + 1) + QLatin1Char(' ') + name;
}

AgentDelegate::AgentDelegate(const RulePack &pack, QObject *parent) : QStyledItemDelegate(parent)
{
    m_agents = AgentNames::names(pack);
}

QWidget *AgentDelegate::createEditor(
    QWidget *parent, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (index.column() != MedicationModel::Agent)
        return QStyledItemDelegate::createEditor(parent, option, index);
    auto *edit = new QLineEdit(parent);
    auto *completer = new QCompleter(m_agents, edit);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    edit->setCompleter(completer);
    return edit;
}

} // namespace consilium
