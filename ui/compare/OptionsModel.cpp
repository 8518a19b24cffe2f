// SPDX-License-Identifier: GPL-3.0-or-later
#include "compare/OptionsModel.h"

#include "common/Labels.h"
#include "common/VerdictStyle.h"
#include "compare/ComparisonModel.h"
#include "compare/ResultText.h"
#include "compare/SiteAvailability.h"
#include "engine/Engine.h"

#include <algorithm>

namespace consilium {

OptionsModel::OptionsModel(QObject *parent) : QAbstractTableModel(parent) { }

int OptionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int OptionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : kArmCount;
}

int OptionsModel::optionAt(int row, int arm) const
{
    if (arm < 0 || arm >= int(m_columns.size()) || row < 0)
        return -1;
    const auto &col = m_columns[std::size_t(arm)];
    return row < int(col.size()) ? col[std::size_t(row)].option : -1;
}

QString OptionsModel::kindLabel(const QString &kind)
{
    if (kind == QLatin1String("trial"))
        return tr("trial");
    if (kind == QLatin1String("product"))
        return tr("product");
    if (kind == QLatin1String("regimen"))
        return tr("regimen");
    return kind;
}

QString OptionsModel::statusText(const Evaluation &e, const OptionDef &opt, QString *note)
{
    const int j = e.caseData().jurisdiction;
    const QStringList &codes = e.pack().jurisdictions();
    if (j < 0 || j >= int(codes.size()))
        return tr("status unknown: no jurisdiction");
    for (const OptionDef::Status &s : opt.status) {
        if (s.jurisdiction != codes[j])
            continue;
        const QString statusNote = ResultText::optionText(
            e.pack(), opt, QString(QStringLiteral("status.") + s.jurisdiction + QStringLiteral(".note")), s.note);
        QString status = s.status;
        if (s.status == QLatin1String("approved"))
            status = tr("approved");
        else if (s.status == QLatin1String("investigational"))
            status = tr("investigational");
        else if (s.status == QLatin1String("off_label"))
            status = tr("off-label");
        else if (s.status == QLatin1String("not_found"))
            status = tr("no status found");
        // An approval is always for an indication (options-2026.2.md §A, `status`), in autoimmune
        // disease another one than the patient's: "approved" is never shown without it.
        const bool indication = s.status == QLatin1String("approved") || s.status == QLatin1String("off_label");
        if (indication && !statusNote.isEmpty())
            return tr("%1 (%2): %3").arg(status, Labels::jurisdiction(codes[j]), statusNote);
        if (note)
            *note = statusNote;
        return tr("%1 (%2)").arg(status, Labels::jurisdiction(codes[j]));
    }
    return tr("no status found (%1)").arg(Labels::jurisdiction(codes[j]));
}

QString OptionsModel::screeningText(const RulePack &pack, const OptionDef &opt, int maxChars)
{
    if (opt.screeningNote.isEmpty())
        return tr("Not encoded: check the protocol at screening.");
    QString note = ResultText::optionText(pack, opt, u"screening_note", opt.screeningNote);
    if (maxChars > 0 && note.size() > maxChars)
        note = note.left(maxChars - 1) + QStringLiteral("…");
    return tr("Not encoded, check at screening: %1").arg(note);
}

QString OptionsModel::decidingText(const Evaluation &e, int option, int max)
{
    const std::vector<int> &deciding = e.option(option).deciding;
    if (deciding.empty())
        return QStringLiteral("—");
    QStringList lines;
    for (int ci : deciding) {
        if (max > 0 && int(lines.size()) == max) {
            lines << tr("… and %n more", nullptr, int(deciding.size()) - max);
            break;
        }
        QString text = ResultText::explanation(e, ci);
        if (max > 0 && text.size() > 70)
            text = text.left(68) + QStringLiteral("…");
        lines << Labels::stateIcon(e.state(ci)) + QLatin1Char(' ') + e.pack().criteria()[std::size_t(ci)].id
                + QStringLiteral(": ") + text;
    }
    return lines.join(QLatin1Char('\n'));
}

OptionsModel::Cell OptionsModel::makeCell(int option) const
{
    const Evaluation &e = *m_eval;
    const OptionDef &opt = e.optionDef(option);
    const int group = int(e.groups().size()) + option;
    QString statusNote;
    const SiteOptions::Level site = m_site.of(opt.id);
    QString head = ResultText::optionLabel(e.pack(), opt) + QLatin1Char('\n') + kindLabel(opt.kind)
        + QStringLiteral(" · ") + statusText(e, opt, &statusNote) + QLatin1Char('\n');
    if (site != SiteOptions::NotStated)
        head += SiteAvailability::label(site) + QLatin1Char('\n');
    head += ResultText::verdictLine(e, group);
    Cell c;
    c.option = option;
    c.unavailable = site == SiteOptions::NotOffered;
    c.text
        = head + QLatin1Char('\n') + decidingText(e, option, 2) + QLatin1Char('\n') + screeningText(e.pack(), opt, 90);
    c.tooltip = head;
    if (!statusNote.isEmpty())
        c.tooltip += QLatin1Char('\n') + statusNote;
    c.tooltip += QLatin1Char('\n') + decidingText(e, option, 0) + QLatin1Char('\n') + screeningText(e.pack(), opt)
        + QLatin1Char('\n') + tr("Click for all criteria of this option");
    return c;
}

void OptionsModel::setEvaluation(const Engine *engine, const Evaluation *evaluation, bool sameCase)
{
    // Changed cells are marked by option id, as the grid marks its cells (ComparisonModel).
    QHash<int, QString> before;
    if (sameCase && m_eval && evaluation) {
        for (const auto &col : m_columns)
            for (const Cell &c : col)
                before.insert(c.option, c.text);
    }
    beginResetModel();
    m_engine = engine;
    m_eval = evaluation;
    m_columns.assign(kArmCount, {});
    m_rows = 0;
    if (engine && evaluation) {
        for (int arm = 0; arm < kArmCount; ++arm) {
            auto &col = m_columns[std::size_t(arm)];
            // The result's order (verdict, then id), offered options first (stable).
            std::vector<int> options = evaluation->optionsOf(kArms[std::size_t(arm)]);
            std::vector<int> rank(std::size_t(evaluation->optionCount()));
            for (int o : options)
                rank[std::size_t(o)] = int(m_site.of(evaluation->optionDef(o).id));
            std::stable_sort(options.begin(), options.end(),
                [&rank](int a, int b) { return rank[std::size_t(a)] < rank[std::size_t(b)]; });
            for (int o : options) {
                Cell c = makeCell(o);
                c.changed = before.contains(o) && before.value(o) != c.text;
                col.push_back(std::move(c));
            }
            m_rows = qMax(m_rows, int(col.size()));
        }
    }
    endResetModel();
}

QVariant OptionsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !m_eval || index.column() >= int(m_columns.size()))
        return {};
    const auto &col = m_columns[std::size_t(index.column())];
    if (index.row() >= int(col.size()))
        return role == Qt::AccessibleTextRole
            ? Labels::arm(index.column()) + QStringLiteral(": ") + tr("no further option")
            : QVariant();
    const Cell &c = col[std::size_t(index.row())];
    const Verdict v = m_eval->optionVerdict(c.option);
    switch (role) {
    case Qt::DisplayRole:
        return c.text;
    case Qt::ToolTipRole:
        return c.tooltip;
    case Qt::AccessibleTextRole:
        return Labels::arm(index.column()) + QStringLiteral(", ") + tr("option") + QStringLiteral(": ") + c.text;
    case Qt::DecorationRole:
        return VerdictStyle::icon(v);
    case Qt::TextAlignmentRole:
        return int(Qt::AlignLeft | Qt::AlignTop);
    case ComparisonModel::VerdictRole:
        return int(v);
    case ComparisonModel::BadgeRole:
        return true;
    case ComparisonModel::ChangedRole:
        return c.changed;
    case OptionRole:
        return c.option;
    case UnavailableRole:
        return c.unavailable;
    default:
        return {};
    }
}

QVariant OptionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role == Qt::DisplayRole)
        return orientation == Qt::Horizontal ? Labels::armShort(section) : tr("Option %1").arg(section + 1);
    if (role == Qt::ToolTipRole && orientation == Qt::Horizontal)
        return tr("Options of %1").arg(Labels::arm(section));
    return QAbstractTableModel::headerData(section, orientation, role);
}

} // namespace consilium
