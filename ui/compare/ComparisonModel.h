// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Logic.h"

#include <QAbstractTableModel>

#include <array>
#include <vector>

namespace consilium {

class Engine;
class Evaluation;

// The comparison grid: four arm columns × rows (verdict, decisive criteria, missing data,
// earliest start, time to treatment, inpatient days, caregiver/proximity, main risks,
// evidence). Cells that changed with the last edit carry ChangedRole.
class ComparisonModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Row {
        VerdictRow,
        DecidedBy,
        Missing,
        EarliestStart,
        ToTreatment,
        Inpatient,
        Caregiver,
        Risks,
        Evidence,
        RowCount
    };
    // BadgeRole: the cell is painted as a verdict badge (VerdictDelegate): the verdict row here, every
    // option cell in OptionsModel.
    enum Roles { VerdictRole = Qt::UserRole + 1, ChangedRole, HasResultRole, BadgeRole };

    explicit ComparisonModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // sameCase: the evaluation follows an edit of the case shown, so changed cells are marked.
    void setEvaluation(const Engine *engine, const Evaluation *evaluation, bool sameCase);
    static QString rowName(int row);

private:
    struct Cell {
        QString text;
        QString tooltip;
        bool changed = false;
    };
    void rebuild(bool markChanges);

    const Engine *m_engine = nullptr;
    const Evaluation *m_eval = nullptr;
    std::array<std::array<Cell, 4>, RowCount> m_cells;
    std::array<Verdict, 4> m_verdicts {};
};

} // namespace consilium
