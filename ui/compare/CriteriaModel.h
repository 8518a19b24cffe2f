// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

#include <vector>

namespace consilium {

class Engine;
class Evaluation;

// Every criterion of one arm (and its sub-options), or the effective criteria of one option with
// their origin (docs/result-format.md#options): state, severity, the rendered explanation, the
// input values with units, source and evidence code.
class CriteriaModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { State, Id, SeverityColumn, Explanation, Inputs, Source, EvidenceCode, ColumnCount };
    enum Roles { DecidesRole = Qt::UserRole + 1, StateRole, CriterionRole, OriginRole }; // OriginRole: "arm" / "option"

    explicit CriteriaModel(QObject *parent = nullptr);

    void setEvaluation(const Engine *engine, const Evaluation *evaluation, int arm);
    // The effective criteria of option `option` (RulePack::options()): the arm's not replaced, then its own.
    void setOption(const Engine *engine, const Evaluation *evaluation, int option);
    int arm() const noexcept { return m_arm; }
    int option() const noexcept { return m_option; } // -1: an arm is shown

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    QString inputsText(int row) const;
    QString detailHtml(int row) const;

private:
    struct Row {
        int criterion = -1;
        int group = -1;
        bool decides = false;
        bool own = false; // an option's own criterion (origin "option")
    };
    QString originText(const Row &r) const;
    const Engine *m_engine = nullptr;
    const Evaluation *m_eval = nullptr;
    int m_arm = 0;
    int m_option = -1;
    std::vector<Row> m_rows;
};

// "Only what decides the verdict" and a state filter over a CriteriaModel.
class CriteriaFilter : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setOnlyDeciding(bool only);
    bool onlyDeciding() const noexcept { return m_onlyDeciding; }
    void setStateFilter(int state); // -1 = all

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool m_onlyDeciding = false;
    int m_state = -1;
};

} // namespace consilium
