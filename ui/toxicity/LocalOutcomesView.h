// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "toxicity/LocalOutcomes.h"

#include <QWidget>

#include <optional>
#include <vector>

class QChartView;
class QLabel;
class QTableWidget;

namespace consilium {

class Session;

// The toxicity view's "Outcomes at this site" (issue 14): for the arm chosen above, the site's
// counts (FollowUps::localOutcomes) beside the pack's published rates, as a chart and as a
// table with the same numbers (LocalOutcomes). Re-read whenever shown and, while shown, when the
// session's cases change (a follow-up recorded here or, on PostgreSQL, at another workstation).
class LocalOutcomesView : public QWidget
{
    Q_OBJECT

public:
    explicit LocalOutcomesView(QWidget *parent = nullptr);

    void setSession(Session *session);
    void setEvaluation(const Evaluation *evaluation);
    void setArm(int arm);
    void reload(); // reads the site's counts again

    QString statusText() const; // the treated patients, the empty sentence or the error
    QTableWidget *table() const noexcept { return m_table; }
    QChartView *chartView() const noexcept { return m_view; }
    const std::vector<LocalOutcomes::Bar> &bars() const noexcept { return m_bars; }

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void rebuild();
    void retranslate();

    Session *m_session = nullptr;
    const Evaluation *m_eval = nullptr;
    int m_arm = 0;
    std::optional<std::vector<FollowUps::ArmOutcomes>> m_site;
    QString m_error;
    QLabel *m_title = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_legend = nullptr;
    QChartView *m_view = nullptr;
    QTableWidget *m_table = nullptr;
    std::vector<LocalOutcomes::Bar> m_bars;
};

} // namespace consilium
