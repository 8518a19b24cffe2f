// SPDX-License-Identifier: GPL-3.0-or-later
#include "compare/ComparisonView.h"

#include "compare/ComparisonModel.h"
#include "compare/DerivedModel.h"
#include "compare/OptionsModel.h"
#include "compare/ResultText.h"
#include "compare/SiteAvailability.h"
#include "compare/VerdictDelegate.h"
#include "engine/Engine.h"

#include <QEvent>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace consilium {

ComparisonView::ComparisonView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("comparisonView"));
    m_model = new ComparisonModel(this);
    m_grid = new QTableView(this);
    m_grid->setObjectName(QStringLiteral("comparisonGrid"));
    m_grid->setModel(m_model);
    m_grid->setItemDelegate(new VerdictDelegate(m_grid));
    m_grid->setSelectionMode(QAbstractItemView::SingleSelection);
    m_grid->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_grid->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_grid->setWordWrap(true);
    m_grid->setIconSize(QSize(22, 22));
    m_grid->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_grid->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_grid->verticalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_grid->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);

    m_optionsPane = makeOptionsPane();

    m_packStatus = new QLabel(this);
    m_packStatus->setObjectName(QStringLiteral("gridPackStatus"));
    m_packStatus->setWordWrap(true);
    m_packStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_packStatus->setMargin(3);
    m_packStatus->hide();

    m_strip = new QLabel(this);
    m_strip->setObjectName(QStringLiteral("whatWouldChange"));
    m_strip->setWordWrap(true);
    m_strip->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_strip->setFocusPolicy(Qt::StrongFocus);
    m_strip->setMargin(6);
    m_strip->setFrameShape(QFrame::StyledPanel);

    m_derivedModel = new DerivedModel(this);
    m_derivedBox = new QGroupBox(this);
    m_derivedBox->setObjectName(QStringLiteral("derivedPanel"));
    m_derived = new QTableView(m_derivedBox);
    m_derived->setObjectName(QStringLiteral("derivedTable"));
    m_derived->setModel(m_derivedModel);
    m_derived->setWordWrap(true);
    m_derived->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_derived->verticalHeader()->hide();
    m_derived->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_derived->horizontalHeader()->setSectionResizeMode(DerivedModel::FormulaColumn, QHeaderView::Stretch);
    m_derived->horizontalHeader()->setSectionResizeMode(DerivedModel::ApplicabilityColumn, QHeaderView::Stretch);
    m_derived->setColumnWidth(DerivedModel::NameColumn, 200);
    m_derived->setColumnWidth(DerivedModel::ResultColumn, 130);
    m_derived->setColumnWidth(DerivedModel::InputsColumn, 240);
    auto *dl = new QVBoxLayout(m_derivedBox);
    dl->addWidget(m_derived);

    auto *split = new QSplitter(Qt::Vertical, this);
    auto *top = new QWidget(split);
    auto *tl = new QVBoxLayout(top);
    tl->setContentsMargins(0, 0, 0, 0);
    tl->addWidget(m_packStatus);
    tl->addWidget(m_grid, 1);
    tl->addWidget(m_strip);
    split->addWidget(top);
    split->addWidget(m_optionsPane);
    split->addWidget(m_derivedBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 3);
    split->setStretchFactor(2, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    auto activate = [this](const QModelIndex &i) {
        if (i.isValid())
            Q_EMIT cellActivated(i.column(), i.row());
    };
    connect(m_grid, &QTableView::clicked, this, activate);
    connect(m_grid, &QTableView::activated, this, activate);
    retranslate();
}

QWidget *ComparisonView::makeOptionsPane()
{
    // The options under each arm: the same columns, keyboard and screen-reader access as the grid.
    m_optionsModel = new OptionsModel(this);
    m_options = new QTableView(this);
    m_options->setObjectName(QStringLiteral("optionsGrid"));
    m_options->setModel(m_optionsModel);
    m_options->setItemDelegate(new VerdictDelegate(m_options));
    m_options->setSelectionMode(QAbstractItemView::SingleSelection);
    m_options->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_options->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_options->setWordWrap(true);
    m_options->setIconSize(QSize(22, 22));
    m_options->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_options->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_options->verticalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_options->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    auto activateOption = [this](const QModelIndex &i) {
        const int option = m_optionsModel->optionAt(i.row(), i.column());
        if (option >= 0)
            Q_EMIT optionActivated(option);
    };
    connect(m_options, &QTableView::clicked, this, activateOption);
    connect(m_options, &QTableView::activated, this, activateOption);
    auto *paneWidget = new QWidget(this);
    auto *siteButton = new QPushButton(paneWidget);
    m_siteButton = siteButton;
    siteButton->setObjectName(QStringLiteral("siteAvailabilityButton"));
    connect(siteButton, &QPushButton::clicked, this, &ComparisonView::editSiteAvailability);
    auto *paneTop = new QHBoxLayout;
    paneTop->addStretch(1);
    paneTop->addWidget(siteButton);
    auto *pane = new QVBoxLayout(paneWidget);
    pane->setContentsMargins(0, 0, 0, 0);
    pane->addLayout(paneTop);
    pane->addWidget(m_options, 1);
    paneWidget->hide();
    return paneWidget;
}

void ComparisonView::setEvaluation(const Engine *engine, const Evaluation *evaluation, bool sameCase)
{
    m_eval = evaluation;
    m_engine = engine;
    m_model->setEvaluation(engine, evaluation, sameCase);
    m_optionsModel->setEvaluation(engine, evaluation, sameCase);
    m_optionsPane->setVisible(m_optionsModel->hasOptions());
    m_derivedModel->setEvaluation(engine, evaluation);
    retranslate();
    fitRows();
}

void ComparisonView::editSiteAvailability()
{
    if (!m_engine)
        return;
    auto *dialog = new SiteAvailabilityDialog(m_engine->pack(), m_site, m_siteProblem, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { Q_EMIT siteOptionsEdited(dialog->chosen()); });
    dialog->open();
}

void ComparisonView::setSiteOptions(const SiteOptions &site, const QString &problem)
{
    m_site = site;
    m_siteProblem = problem;
    m_optionsModel->setSiteOptions(site);
    m_optionsModel->setEvaluation(m_engine, m_eval, false);
    fitRows();
}

QString ComparisonView::whatWouldChangeText() const
{
    return m_strip->text();
}

void ComparisonView::setLargeType(bool large)
{
    QFont f = font();
    f.setPointSizeF(large ? QFont().pointSizeF() * 1.6 : QFont().pointSizeF());
    m_grid->setFont(f);
    m_grid->horizontalHeader()->setFont(f);
    m_grid->verticalHeader()->setFont(f);
    m_options->setFont(f);
    m_options->horizontalHeader()->setFont(f);
    m_options->verticalHeader()->setFont(f);
    m_options->setIconSize(m_grid->iconSize());
    m_strip->setFont(f);
    m_grid->setIconSize(large ? QSize(34, 34) : QSize(22, 22));
    m_options->setIconSize(m_grid->iconSize());
    fitRows();
}

void ComparisonView::setPackStatus(const QString &text, bool warning)
{
    m_packStatus->setText(warning ? QStringLiteral("⚠ ") + text : text);
    m_packStatus->setAccessibleName(m_packStatus->text());
    // The warning keeps its colours in dark mode too: dark text on amber.
    m_packStatus->setStyleSheet(
        warning ? QStringLiteral("QLabel { color: #5c1300; background: #ffe08a; font-weight: bold; }") : QString());
    m_packStatus->setVisible(!text.isEmpty());
}

QString ComparisonView::packStatusText() const
{
    return m_packStatus->text();
}

void ComparisonView::setDerivedVisible(bool visible)
{
    m_derivedBox->setVisible(visible);
}

void ComparisonView::fitRows()
{
    fitRows(m_grid);
    fitRows(m_options);
    // The options' columns line up under the grid's arms: both row headers as wide as the wider.
    const int w = qMax(m_grid->verticalHeader()->sizeHint().width(), m_options->verticalHeader()->sizeHint().width());
    m_grid->verticalHeader()->setFixedWidth(w);
    m_options->verticalHeader()->setFixedWidth(w);
}

void ComparisonView::fitRows(QTableView *table)
{
    // Rows as tall as their tallest cell: word-wrapped text in every column.
    const QAbstractItemModel *model = table->model();
    for (int r = 0; r < model->rowCount(); ++r) {
        int h = table->fontMetrics().height() + 14;
        for (int c = 0; c < model->columnCount(); ++c) {
            QStyleOptionViewItem opt;
            opt.initFrom(table);
            opt.font = table->font();
            opt.rect = QRect(0, 0, table->columnWidth(c), 0);
            opt.decorationSize = table->iconSize();
            h = qMax(h, table->itemDelegate()->sizeHint(opt, model->index(r, c)).height());
        }
        table->setRowHeight(r, h);
    }
}

void ComparisonView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitRows();
}

void ComparisonView::retranslate()
{
    m_derivedBox->setTitle(tr("Derived values"));
    m_grid->setAccessibleName(tr("Comparison of the four options"));
    m_options->setAccessibleName(tr("Products and trials under each arm"));
    m_derived->setAccessibleName(tr("Derived values"));
    m_siteButton->setText(tr("Site availabilit&y…"));
    m_siteButton->setToolTip(tr("Which options this centre offers, can refer to, or does not offer"));
    QString text;
    if (!m_eval)
        text = tr("No result: the case has errors that prevent evaluation.");
    else if (m_eval->whatWouldChange().empty())
        text = tr("What would change the answer: nothing is missing for the exclusion criteria.");
    else
        text = tr("What would change the answer: %1").arg(ResultText::whatWouldChange(*m_eval, 6));
    m_strip->setText(text);
    m_strip->setAccessibleName(text);
}

void ComparisonView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
        m_grid->viewport()->update();
        m_options->viewport()->update();
    }
    QWidget::changeEvent(event);
}

} // namespace consilium
