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

// The criteria behind one arm's cell, or one option's (docs/result-format.md#options): every
// criterion with state, explanation, inputs, source and evidence (an option's with its origin,
// arm or option); "only what decides the verdict" narrows it to the reasons. For an option also
// its status, screening note, missing inputs and what would change its answer.
class DrillDownDialog : public QDialog
{
    Q_OBJECT

public:
    explicit DrillDownDialog(QWidget *parent = nullptr);

    void setEvaluation(const Engine *engine, const Evaluation *evaluation);
    void showArm(int arm, int row); // row: ComparisonModel row that was clicked
    void showOption(int option); // index into RulePack::options()
    // The selector's item data of an option (arms are 0 … kArmCount − 1).
    static int optionItem(int option) { return kOptionItem + option; }
    CriteriaModel *model() const noexcept { return m_model; }
    CriteriaFilter *filter() const noexcept { return m_filter; }

private:
    static constexpr int kOptionItem = 100;
    void fillSelector();
    void refresh();
    void refreshOption(int option);
    void showDetail();

    const Engine *m_engine = nullptr;
    const Evaluation *m_eval = nullptr;
    QComboBox *m_arm = nullptr;
    QCheckBox *m_onlyDeciding = nullptr;
    QComboBox *m_state = nullptr;
    QLabel *m_verdict = nullptr;
    QLabel *m_timing = nullptr; // earliest start and time to treatment (also for an ineligible arm)
    QLabel *m_optionInfo = nullptr; // an option's screening note, missing inputs, what would change
    QTableView *m_table = nullptr;
    QTextBrowser *m_detail = nullptr;
    CriteriaModel *m_model = nullptr;
    CriteriaFilter *m_filter = nullptr;
};

} // namespace consilium
