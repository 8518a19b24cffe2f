// SPDX-License-Identifier: GPL-3.0-or-later
#include "compare/DerivedModel.h"

#include "compare/ResultText.h"
#include "editor/FactField.h"
#include "engine/Engine.h"
#include "engine/ResultWriter.h"

namespace consilium {

DerivedModel::DerivedModel(QObject *parent) : QAbstractTableModel(parent) { }

void DerivedModel::setEvaluation(const Engine *engine, const Evaluation *evaluation)
{
    const bool reset = (m_engine != engine) || (m_eval == nullptr) != (evaluation == nullptr);
    if (reset)
        beginResetModel();
    m_engine = engine;
    m_eval = evaluation;
    if (reset)
        endResetModel();
    else if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int DerivedModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_engine ? 0 : int(m_engine->pack().derived().size());
}

int DerivedModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString DerivedModel::formulaText(const DerivedDef &def)
{
    switch (def.formula) {
    case Formula::CkdEpi2021:
        return tr("142 × min(Scr/κ, 1)^α × max(Scr/κ, 1)^−1.200 × 0.9938^age (× 1.012 if female)");
    case Formula::CockcroftGault:
        return tr("(140 − age) × weight / (72 × Scr) (× 0.85 if female)");
    case Formula::Easix:
        return tr("LDH × creatinine / platelets");
    case Formula::MEasix:
        return tr("LDH × CRP / platelets");
    case Formula::PointsScore:
        return tr("sum of the component points");
    case Formula::PointsCategory:
        return tr("category of the score");
    case Formula::Bands:
        return tr("first matching band");
    case Formula::PrednisoneEquivalent:
        return tr("Σ daily dose × 5 / equivalent dose of the agent");
    case Formula::LeukapheresisWashout:
        return tr("latest washout end of the current medications");
    case Formula::TceWashout:
        return tr("latest pre-bispecific washout end");
    case Formula::OnOrBeforeAsOf:
        return tr("date on or before the as-of date");
    case Formula::FailedLines:
        return tr("distinct failed agents that count as a line");
    case Formula::OnAgent:
        return tr("agent among the current medications");
    }
    return {};
}

QVariant DerivedModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !m_engine || index.row() >= rowCount())
        return {};
    const RulePack &pack = m_engine->pack();
    const DerivedDef &def = pack.derived()[std::size_t(index.row())];
    const QString warning = m_eval ? m_eval->applicabilityWarning(index.row()) : QString();
    if (role == WarningRole)
        return !warning.isEmpty();
    if (role == Qt::ToolTipRole && index.column() == FormulaColumn)
        return def.citation;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case NameColumn:
        return ResultText::packText(pack, textKey(u"derived", def.id, u"label"), def.label);
    case ResultColumn: {
        if (!m_eval)
            return {};
        QString v = m_eval->displayValue(def.slot);
        if (m_eval->status(def.slot) == ValueStatus::Known && !def.unit.isEmpty())
            v += QLatin1Char(' ') + FactField::displayUnit(def.unit);
        if (def.formula == Formula::PointsScore && m_eval->status(def.slot) != ValueStatus::Known)
            v += tr(" (components missing)");
        return v;
    }
    case FormulaColumn:
        return formulaText(def) + QStringLiteral("\n") + def.citation;
    case InputsColumn: {
        if (!m_eval)
            return {};
        QStringList parts;
        for (int slot : def.inputSlots) {
            QString v = m_eval->displayValue(slot);
            const QString unit = pack.slotUnit(slot);
            if (!unit.isEmpty() && m_eval->status(slot) == ValueStatus::Known && pack.slotType(slot) != ValueType::Date)
                v += QLatin1Char(' ') + FactField::displayUnit(unit);
            parts << ResultText::inputLabel(pack, pack.symbol(slot).id) + QStringLiteral(" = ") + v;
        }
        return parts.join(QLatin1Char('\n'));
    }
    case ApplicabilityColumn:
        return warning.isEmpty() ? ResultText::packText(pack, textKey(u"derived", def.id, u"note"), def.note)
                                 : QStringLiteral("⚠ ")
                + ResultText::packText(pack, textKey(u"derived", def.id, u"applicability.note"), warning);
    default:
        return {};
    }
}

QVariant DerivedModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Value");
    case ResultColumn:
        return tr("Result");
    case FormulaColumn:
        return tr("Formula and citation");
    case InputsColumn:
        return tr("Inputs");
    case ApplicabilityColumn:
        return tr("Applicability");
    default:
        return {};
    }
}

} // namespace consilium
