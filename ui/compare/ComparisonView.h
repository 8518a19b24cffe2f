// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/SiteOptions.h"

#include <QWidget>

class QGroupBox;
class QLabel;
class QPushButton;
class QTableView;

namespace consilium {

class ComparisonModel;
class OptionsModel;
class DerivedModel;
class Engine;
class Evaluation;

// The main view: the comparison grid, the "what would change the answer" strip and the
// derived values panel; with a pack that has options, the options under each arm (OptionsModel).
// A click (or Enter) on a cell asks for the drill-down of the arm or of the option.
class ComparisonView : public QWidget
{
    Q_OBJECT

public:
    explicit ComparisonView(QWidget *parent = nullptr);

    void setEvaluation(const Engine *engine, const Evaluation *evaluation, bool sameCase);
    void setLargeType(bool large);
    void setDerivedVisible(bool visible);
    // The rule pack the verdicts come from, above the grid; `warning`: not vouched for
    // (loaded without a trusted signature).
    void setPackStatus(const QString &text, bool warning);
    QString packStatusText() const;
    ComparisonModel *model() const noexcept { return m_model; }
    QTableView *grid() const noexcept { return m_grid; }
    OptionsModel *optionsModel() const noexcept { return m_optionsModel; }
    QTableView *optionsGrid() const noexcept { return m_options; }
    // The site setting of which options this centre offers (Session::siteOptions()) and why a
    // stored one could not be used; orders and greys the options again.
    void setSiteOptions(const SiteOptions &site, const QString &problem);
    // Opens the site availability setting (SiteAvailabilityDialog); siteOptionsEdited() carries
    // the choices when it is accepted (the owner stores them and calls setSiteOptions()).
    void editSiteAvailability();
    QString whatWouldChangeText() const;

Q_SIGNALS:
    void cellActivated(int arm, int row);
    void optionActivated(int option); // index into RulePack::options()
    void siteOptionsEdited(const consilium::SiteOptions &site);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void retranslate();
    QWidget *makeOptionsPane(); // the options grid and the site availability button
    void fitRows();
    static void fitRows(QTableView *table);

    ComparisonModel *m_model = nullptr;
    DerivedModel *m_derivedModel = nullptr;
    QTableView *m_grid = nullptr;
    OptionsModel *m_optionsModel = nullptr;
    QTableView *m_options = nullptr;
    QWidget *m_optionsPane = nullptr;
    QPushButton *m_siteButton = nullptr;
    const Engine *m_engine = nullptr;
    QLabel *m_strip = nullptr;
    QLabel *m_packStatus = nullptr;
    QGroupBox *m_derivedBox = nullptr;
    QTableView *m_derived = nullptr;
    const Evaluation *m_eval = nullptr;
    SiteOptions m_site;
    QString m_siteProblem;
};

} // namespace consilium
