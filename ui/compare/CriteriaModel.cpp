// SPDX-License-Identifier: GPL-3.0-or-later
#include "compare/CriteriaModel.h"

#include "common/Html.h"
#include "common/Labels.h"
#include "common/VerdictStyle.h"
#include "compare/ResultText.h"
#include "editor/FactField.h"
#include "engine/ResultWriter.h"

#include <algorithm>

namespace consilium {

CriteriaModel::CriteriaModel(QObject *parent) : QAbstractTableModel(parent) { }

void CriteriaModel::setEvaluation(const Engine *engine, const Evaluation *evaluation, int arm)
{
    beginResetModel();
    m_engine = engine;
    m_eval = evaluation;
    m_arm = arm;
    m_option = -1;
    m_rows.clear();
    if (engine && evaluation) {
        for (std::size_t g = 0; g < engine->groups().size(); ++g) {
            const VerdictGroup &vg = engine->groups()[g];
            if (vg.arm != arm)
                continue;
            const std::vector<int> &deciding = evaluation->group(int(g)).deciding;
            for (int ci : vg.criteria)
                m_rows.push_back({ ci, int(g), std::find(deciding.begin(), deciding.end(), ci) != deciding.end() });
        }
    }
    endResetModel();
}

void CriteriaModel::setOption(const Engine *engine, const Evaluation *evaluation, int option)
{
    beginResetModel();
    m_engine = engine;
    m_eval = evaluation;
    m_option = option;
    m_rows.clear();
    if (engine && evaluation && option >= 0 && option < evaluation->optionCount()) {
        m_arm = evaluation->optionDef(option).arm;
        const int group = int(evaluation->groups().size()) + option;
        const std::vector<int> &deciding = evaluation->option(option).deciding;
        for (int ci : evaluation->optionCriteria(option))
            m_rows.push_back({ ci, group, std::find(deciding.begin(), deciding.end(), ci) != deciding.end(),
                evaluation->criterionIsOwn(ci) });
    }
    endResetModel();
}

QString CriteriaModel::originText(const Row &r) const
{
    if (m_option < 0)
        return {};
    return r.own ? tr("from the option") : tr("from the arm");
}

int CriteriaModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CriteriaModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString CriteriaModel::inputsText(int row) const
{
    if (!m_eval || row < 0 || row >= int(m_rows.size()))
        return {};
    const RulePack &pack = m_engine->pack();
    const Criterion &cr = pack.criteria()[std::size_t(m_rows[std::size_t(row)].criterion)];
    QStringList parts;
    for (int slot : cr.slots) {
        const QString unit = pack.slotUnit(slot);
        QString value = m_eval->displayValue(slot);
        if (!unit.isEmpty() && m_eval->status(slot) == ValueStatus::Known && pack.slotType(slot) != ValueType::Date)
            value += QLatin1Char(' ') + FactField::displayUnit(unit);
        parts << ResultText::inputLabel(pack, pack.symbol(slot).id) + QStringLiteral(" = ") + value;
    }
    return parts.join(QLatin1Char('\n'));
}

QVariant CriteriaModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !m_eval || index.row() >= int(m_rows.size()))
        return {};
    const Row &r = m_rows[std::size_t(index.row())];
    const Criterion &cr = m_engine->pack().criteria()[std::size_t(r.criterion)];
    const CriterionState st = m_eval->state(r.criterion);
    if (role == DecidesRole)
        return r.decides;
    if (role == StateRole)
        return int(st);
    if (role == CriterionRole)
        return cr.id;
    if (role == OriginRole)
        return m_option < 0 ? QVariant() : QVariant(r.own ? QStringLiteral("option") : QStringLiteral("arm"));
    if (role == Qt::DecorationRole && index.column() == State)
        return VerdictStyle::stateIcon(st);
    if (role == Qt::FontRole && r.decides) {
        QFont f;
        f.setBold(true);
        return f;
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case State:
        return Labels::stateIcon(st) + QLatin1Char(' ') + Labels::state(st)
            + (r.decides ? QStringLiteral(" ★") : QString());
    case Id: {
        QString id = cr.id;
        if (cr.subOption >= 0) {
            const ArmDef &arm = m_engine->pack().arms()[std::size_t(cr.arm)];
            const SubOption &sub = arm.subOptions[std::size_t(cr.subOption)];
            id += QStringLiteral("\n(")
                + ResultText::packText(
                    m_engine->pack(), textKey(u"sub_option", arm.id + QLatin1Char('.') + sub.id, u"label"), sub.label)
                + QLatin1Char(')');
        }
        if (m_option >= 0)
            id += QStringLiteral("\n(") + originText(r) + QLatin1Char(')');
        return id;
    }
    case SeverityColumn:
        return Labels::severity(cr.severity);
    case Explanation:
        return ResultText::explanation(*m_eval, r.criterion);
    case Inputs:
        return inputsText(index.row());
    case Source:
        return cr.source;
    case EvidenceCode:
        return cr.evidence;
    default:
        return {};
    }
}

QVariant CriteriaModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case State:
        return tr("State");
    case Id:
        return tr("Criterion");
    case SeverityColumn:
        return tr("Severity");
    case Explanation:
        return tr("Explanation");
    case Inputs:
        return tr("Inputs");
    case Source:
        return tr("Source");
    case EvidenceCode:
        return tr("Evidence");
    default:
        return {};
    }
}

QString CriteriaModel::detailHtml(int row) const
{
    if (!m_eval || row < 0 || row >= int(m_rows.size()))
        return {};
    const Row &r = m_rows[std::size_t(row)];
    const Criterion &cr = m_engine->pack().criteria()[std::size_t(r.criterion)];
    const CriterionState st = m_eval->state(r.criterion);
    QString html
        = QStringLiteral("<h3>%1 — %2 %3</h3>").arg(cr.id.toHtmlEscaped(), Labels::stateIcon(st), Labels::state(st));
    html += QStringLiteral("<p><b>%1</b> · %2</p>")
                .arg(Labels::severity(cr.severity),
                    r.decides ? tr("decides the verdict") : tr("does not decide the verdict"));
    if (m_option >= 0)
        html += QStringLiteral("<p>%1</p>").arg(originText(r).toHtmlEscaped());
    html += QStringLiteral("<p>%1</p>").arg(ResultText::explanation(*m_eval, r.criterion).toHtmlEscaped());
    html += QStringLiteral("<p><b>%1</b><br>%2</p>").arg(tr("Inputs"), htmlLines(inputsText(row)));
    html += QStringLiteral("<p><b>%1</b> %2<br><b>%3</b> %4</p>")
                .arg(tr("Source:"), cr.source.toHtmlEscaped(), tr("Evidence:"), cr.evidence.toHtmlEscaped());
    return html;
}

void CriteriaFilter::setOnlyDeciding(bool only)
{
    m_onlyDeciding = only;
    invalidateFilter();
}

void CriteriaFilter::setStateFilter(int state)
{
    m_state = state;
    invalidateFilter();
}

bool CriteriaFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_onlyDeciding && !i.data(CriteriaModel::DecidesRole).toBool())
        return false;
    return m_state < 0 || i.data(CriteriaModel::StateRole).toInt() == m_state;
}

} // namespace consilium
