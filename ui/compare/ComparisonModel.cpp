// SPDX-License-Identifier: GPL-3.0-or-later
#include "compare/ComparisonModel.h"

#include "common/Labels.h"
#include "common/VerdictStyle.h"
#include "compare/ResultText.h"
#include "engine/Engine.h"

#include <QApplication>
#include <QPalette>

namespace consilium {

ComparisonModel::ComparisonModel(QObject *parent) : QAbstractTableModel(parent) { }

int ComparisonModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : RowCount;
}

int ComparisonModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : kArmCount;
}

QString ComparisonModel::rowName(int row)
{
    switch (row) {
    case VerdictRow:
        return tr("Verdict");
    case DecidedBy:
        return tr("Decided by");
    case Missing:
        return tr("Missing data");
    case EarliestStart:
        return tr("Earliest start");
    case ToTreatment:
        return tr("To treatment");
    case Inpatient:
        return tr("Inpatient");
    case Caregiver:
        return tr("Caregiver / proximity");
    case Risks:
        return tr("Main risks");
    case Evidence:
        return tr("Evidence");
    default:
        return {};
    }
}

QVariant ComparisonModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= RowCount || index.column() >= kArmCount)
        return {};
    const Cell &c = m_cells[std::size_t(index.row())][std::size_t(index.column())];
    const bool verdictRow = index.row() == VerdictRow;
    switch (role) {
    case Qt::DisplayRole:
        return m_eval ? c.text : (verdictRow ? tr("no result") : QString());
    case Qt::ToolTipRole:
        return c.tooltip.isEmpty() ? c.text : c.tooltip;
    case Qt::AccessibleTextRole:
        return Labels::arm(index.column()) + QStringLiteral(", ") + rowName(index.row()) + QStringLiteral(": ")
            + c.text;
    case Qt::DecorationRole:
        if (verdictRow && m_eval)
            return VerdictStyle::icon(m_verdicts[std::size_t(index.column())]);
        return {};
    case Qt::TextAlignmentRole:
        return int(Qt::AlignLeft | Qt::AlignTop);
    case VerdictRole:
        return m_eval ? QVariant(int(m_verdicts[std::size_t(index.column())])) : QVariant();
    case ChangedRole:
        return c.changed;
    case HasResultRole:
        return m_eval != nullptr;
    case BadgeRole:
        return verdictRow;
    default:
        return {};
    }
}

QVariant ComparisonModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role == Qt::DisplayRole)
        return orientation == Qt::Horizontal ? Labels::armShort(section) : rowName(section);
    if (role == Qt::ToolTipRole && orientation == Qt::Horizontal)
        return Labels::arm(section);
    return QAbstractTableModel::headerData(section, orientation, role);
}

void ComparisonModel::setEvaluation(const Engine *engine, const Evaluation *evaluation, bool sameCase)
{
    const bool hadResult = m_eval != nullptr;
    m_engine = engine;
    m_eval = evaluation;
    rebuild(sameCase && hadResult && evaluation);
    Q_EMIT dataChanged(index(0, 0), index(RowCount - 1, kArmCount - 1));
}

void ComparisonModel::rebuild(bool markChanges)
{
    for (int arm = 0; arm < kArmCount; ++arm) {
        std::array<Cell, RowCount> next;
        if (m_eval && m_engine) {
            const Evaluation &e = *m_eval;
            const RulePack &pack = m_engine->pack();
            const LogisticsDef &l = pack.logistics()[std::size_t(arm)];
            m_verdicts[std::size_t(arm)] = e.group(int((arm))).verdict;
            QString verdict = ResultText::verdictLine(e, arm);
            QString verdictTip = verdict;
            // Sub-options (aHSCT within standard care) below their arm.
            for (std::size_t g = kArmCount; g < m_engine->groups().size(); ++g) {
                const VerdictGroup &vg = m_engine->groups()[g];
                if (vg.arm == arm && e.group(int(g)).verdict != Verdict::NotApplicable) {
                    const ArmDef &def = pack.arms()[std::size_t(arm)];
                    const SubOption &sub = def.subOptions[std::size_t(vg.subOption)];
                    verdict += QLatin1Char('\n')
                        + ResultText::packText(
                            pack, textKey(u"sub_option", def.id + QLatin1Char('.') + sub.id, u"label"), sub.label)
                        + QStringLiteral(": ") + ResultText::verdictLine(e, int(g));
                }
            }
            next[VerdictRow] = { verdict, verdictTip + QLatin1Char('\n') + tr("Click for all criteria"), false };
            next[DecidedBy] = { ResultText::decidedBy(e, arm, false), ResultText::decidedBy(e, arm, true), false };
            next[Missing] = { ResultText::missing(e, arm), ResultText::missing(e, arm, true), false };
            const ArmTimeline &t = e.timeline(kArms[std::size_t(arm)]);
            if (ResultText::isIneligible(e, arm)) {
                // No start date for an ineligible arm; the dates stay in the tooltip and the drill-down.
                const QString why = ResultText::timingDetail(e, arm);
                next[EarliestStart] = { ResultText::earliestStart(e, arm), why, false };
                next[ToTreatment] = { ResultText::toTreatment(e, arm),
                    t.note.isEmpty() ? why : why + QLatin1Char('\n') + t.note, false };
            } else {
                next[EarliestStart] = { ResultText::earliestStart(e, arm), {}, false };
                next[ToTreatment] = { ResultText::toTreatment(e, arm), t.note, false };
            }
            next[Inpatient] = { ResultText::inpatient(pack, arm),
                ResultText::factSource(l.inpatientDays.source, l.inpatientDays.evidence,
                    ResultText::packText(pack, l.inpatientDays.noteKey, l.inpatientDays.note)),
                false };
            next[Caregiver] = { ResultText::caregiver(e, arm),
                ResultText::factSource(l.caregiverRequired.source, l.caregiverRequired.evidence,
                    ResultText::packText(pack, l.caregiverRequired.noteKey, l.caregiverRequired.note)),
                false };
            next[Risks] = { ResultText::risks(e, arm, false), ResultText::risks(e, arm, true), false };
            next[Evidence] = { ResultText::evidence(e, arm), {}, false };
        }
        for (int r = 0; r < RowCount; ++r) {
            Cell &old = m_cells[std::size_t(r)][std::size_t(arm)];
            next[std::size_t(r)].changed = markChanges && old.text != next[std::size_t(r)].text;
            old = next[std::size_t(r)];
        }
    }
}

} // namespace consilium
