// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>

namespace consilium {

class Engine;
struct DerivedDef;
class Evaluation;

// Derived values (eGFR, CrCl, EASIX, m-EASIX, CAR-HEMATOTOX, …): result with unit, formula
// and citation, the inputs it used, and the applicability note, flagged when the score was
// not validated for this patient.
class DerivedModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, ResultColumn, FormulaColumn, InputsColumn, ApplicabilityColumn, ColumnCount };
    enum Roles { WarningRole = Qt::UserRole + 1 };

    explicit DerivedModel(QObject *parent = nullptr);
    void setEvaluation(const Engine *engine, const Evaluation *evaluation);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString formulaText(const DerivedDef &def);

private:
    const Engine *m_engine = nullptr;
    const Evaluation *m_eval = nullptr;
};

} // namespace consilium
