// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QTableView;
class QTextBrowser;

namespace consilium {

class CriteriaFilter;
class CriteriaModel;
class Engine;
class Evaluation;

// The criteria behind one arm's cell: every criterion with state, explanation, inputs,
// source and evidence; "only what decides the verdict" narrows it to the reasons.
class DrillDownDialog : public QDialog
{
    Q_OBJECT

public:
    explicit DrillDownDialog(QWidget *parent = nullptr);

    void setEvaluation(const Engine *engine, const Evaluation *evaluation);
    void showArm(int arm, int row); // row: ComparisonModel row that was clicked
    CriteriaModel *model() const noexcept { return m_model; }
    CriteriaFilter *filter() const noexcept { return m_filter; }

private:
    void refresh();
    void showDetail();

    const Engine *m_engine = nullptr;
    const Evaluation *m_eval = nullptr;
    QComboBox *m_arm = nullptr;
    QCheckBox *m_onlyDeciding = nullptr;
    QComboBox *m_state = nullptr;
    QLabel *m_verdict = nullptr;
    QLabel *m_timing = nullptr; // earliest start and time to treatment (also for an ineligible arm)
    QTableView *m_table = nullptr;
    QTextBrowser *m_detail = nullptr;
    CriteriaModel *m_model = nullptr;
    CriteriaFilter *m_filter = nullptr;
};

} // namespace consilium
