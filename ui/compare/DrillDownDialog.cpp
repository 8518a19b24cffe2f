// SPDX-License-Identifier: GPL-3.0-or-later
#include "compare/DrillDownDialog.h"

#include "common/Labels.h"
#include "compare/ComparisonModel.h"
#include "compare/CriteriaModel.h"
#include "compare/OptionsModel.h"
#include "compare/ResultText.h"
#include "engine/Engine.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace consilium {

namespace {

// An option's screening note, missing inputs and what would change its answer (selectable, focusable).
QLabel *makeOptionInfo(QWidget *parent)
{
    auto *info = new QLabel(parent);
    info->setObjectName(QStringLiteral("drillOptionInfo"));
    info->setWordWrap(true);
    info->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    info->setFocusPolicy(Qt::StrongFocus);
    info->setFrameShape(QFrame::StyledPanel);
    info->setMargin(4);
    info->hide();
    return info;
}

} // namespace

DrillDownDialog::DrillDownDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("drillDown"));
    setWindowTitle(tr("Criteria"));
    resize(1100, 650);
    m_model = new CriteriaModel(this);
    m_filter = new CriteriaFilter(this);
    m_filter->setSourceModel(m_model);

    m_arm = new QComboBox(this);
    m_arm->setObjectName(QStringLiteral("drillArm"));
    m_arm->setAccessibleName(tr("Arm or option"));
    fillSelector();
    m_onlyDeciding = new QCheckBox(tr("Only what &decides the verdict"), this);
    m_onlyDeciding->setObjectName(QStringLiteral("onlyDeciding"));
    m_state = new QComboBox(this);
    m_state->setObjectName(QStringLiteral("drillState"));
    m_state->setAccessibleName(tr("Show criteria in state"));
    m_state->addItem(tr("All states"), -1);
    for (CriterionState s :
        { CriterionState::Met, CriterionState::NotMet, CriterionState::Unknown, CriterionState::NotApplicable })
        m_state->addItem(Labels::stateIcon(s) + QLatin1Char(' ') + Labels::state(s), int(s));
    m_verdict = new QLabel(this);
    m_verdict->setObjectName(QStringLiteral("drillVerdict"));
    QFont f = m_verdict->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.2);
    m_verdict->setFont(f);

    m_timing = new QLabel(this);
    m_timing->setObjectName(QStringLiteral("drillTiming"));
    m_timing->setWordWrap(true);
    m_timing->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_optionInfo = makeOptionInfo(this);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("criteriaTable"));
    m_table->setAccessibleName(tr("Criteria"));
    m_table->setModel(m_filter);
    m_table->setWordWrap(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(CriteriaModel::Explanation, QHeaderView::Stretch);
    m_table->setColumnWidth(CriteriaModel::State, 130);
    m_table->setColumnWidth(CriteriaModel::Id, 130);
    m_table->setColumnWidth(CriteriaModel::Inputs, 220);
    m_table->setColumnWidth(CriteriaModel::Source, 200);
    m_detail = new QTextBrowser(this);
    m_detail->setObjectName(QStringLiteral("criterionDetail"));
    m_detail->setAccessibleName(tr("Criterion details"));

    auto *top = new QHBoxLayout;
    top->addWidget(m_arm);
    top->addWidget(m_verdict, 1);
    top->addWidget(m_state);
    top->addWidget(m_onlyDeciding);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_detail);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_timing);
    layout->addWidget(m_optionInfo);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    connect(m_arm, &QComboBox::activated, this, &DrillDownDialog::refresh);
    connect(m_onlyDeciding, &QCheckBox::toggled, m_filter, &CriteriaFilter::setOnlyDeciding);
    connect(m_state, &QComboBox::activated, this, [this] { m_filter->setStateFilter(m_state->currentData().toInt()); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &DrillDownDialog::showDetail);
}

void DrillDownDialog::setEvaluation(const Engine *engine, const Evaluation *evaluation)
{
    m_engine = engine;
    m_eval = evaluation;
    fillSelector();
    refresh();
}

void DrillDownDialog::fillSelector()
{
    // The arms, each followed by its options (pack order).
    const QVariant current = m_arm->currentData();
    m_arm->clear();
    for (int a = 0; a < kArmCount; ++a) {
        m_arm->addItem(Labels::arm(a), a);
        for (int o = 0; m_eval && o < m_eval->optionCount(); ++o) {
            if (m_eval->optionDef(o).arm == a)
                m_arm->addItem(QStringLiteral("    ↳ ") + ResultText::optionLabel(m_eval->pack(), m_eval->optionDef(o)),
                    optionItem(o));
        }
    }
    const int i = m_arm->findData(current);
    m_arm->setCurrentIndex(i >= 0 ? i : 0);
}

void DrillDownDialog::showOption(int option)
{
    const int i = m_arm->findData(optionItem(option));
    m_arm->setCurrentIndex(qMax(0, i));
    m_onlyDeciding->setChecked(false);
    m_state->setCurrentIndex(0);
    m_filter->setStateFilter(-1);
    refresh();
}

void DrillDownDialog::showArm(int arm, int row)
{
    m_arm->setCurrentIndex(qMax(0, m_arm->findData(qBound(0, arm, kArmCount - 1))));
    m_onlyDeciding->setChecked(row == ComparisonModel::VerdictRow || row == ComparisonModel::DecidedBy);
    const int unknown = int(CriterionState::Unknown);
    m_state->setCurrentIndex(row == ComparisonModel::Missing ? m_state->findData(unknown) : 0);
    m_filter->setStateFilter(m_state->currentData().toInt());
    refresh();
}

void DrillDownDialog::refresh()
{
    const int item = m_arm->currentData().toInt();
    if (item >= kOptionItem && m_eval && m_engine && item - kOptionItem < m_eval->optionCount()) {
        refreshOption(item - kOptionItem);
    } else {
        const int arm = qBound(0, item, kArmCount - 1);
        m_model->setEvaluation(m_engine, m_eval, arm);
        m_verdict->setText(m_eval && m_engine ? ResultText::verdictLine(*m_eval, arm) : tr("no result"));
        m_timing->setText(m_eval ? ResultText::timingDetail(*m_eval, arm) : QString());
        m_optionInfo->hide();
        setWindowTitle(tr("Criteria: %1").arg(Labels::arm(arm)));
    }
    m_table->resizeRowsToContents();
    if (m_filter->rowCount() > 0)
        m_table->setCurrentIndex(m_filter->index(0, 0));
    else
        m_detail->clear();
}

void DrillDownDialog::refreshOption(int option)
{
    const Evaluation &e = *m_eval;
    const OptionDef &opt = e.optionDef(option);
    const int group = int(e.groups().size()) + option;
    m_model->setOption(m_engine, m_eval, option);
    m_verdict->setText(
        ResultText::optionLabel(e.pack(), opt) + QStringLiteral(": ") + ResultText::verdictLine(e, group));
    QString statusNote;
    QString timing
        = OptionsModel::kindLabel(opt.kind) + QStringLiteral(" · ") + OptionsModel::statusText(e, opt, &statusNote);
    if (!statusNote.isEmpty())
        timing += QStringLiteral(" — ") + statusNote;
    const auto &start = e.optionEarliestStart(option);
    timing += QLatin1Char('\n') + tr("Earliest start: %1").arg(start ? ResultText::date(*start) : Labels::unknown());
    if (e.optionVerdict(option) == Verdict::Ineligible)
        timing += QStringLiteral(" ") + tr("(ineligible: not a start date)");
    m_timing->setText(timing);
    // The screening note always beside the verdict: eligible is never enrollable.
    const GroupResult &r = e.option(option);
    QString info = OptionsModel::screeningText(e.pack(), opt) + QLatin1Char('\n');
    for (const QString &note : ResultText::optionNotes(e.pack(), opt))
        info += note + QLatin1Char('\n');
    info += tr("Missing data: %1").arg(ResultText::missing(e, group, true));
    info += QLatin1Char('\n')
        + (r.missingInputs.isEmpty()
                ? tr("What would change this option's answer: nothing is missing for its exclusion criteria.")
                : tr("What would change this option's answer: %1")
                      .arg(ResultText::inputLabels(e.pack(), r.missingInputs).join(QStringLiteral(", "))));
    m_optionInfo->setText(info);
    m_optionInfo->setAccessibleName(info);
    m_optionInfo->show();
    setWindowTitle(tr("Criteria: %1 (%2)").arg(ResultText::optionLabel(e.pack(), opt), Labels::arm(opt.arm)));
}

void DrillDownDialog::showDetail()
{
    const QModelIndex i = m_filter->mapToSource(m_table->currentIndex());
    m_detail->setHtml(i.isValid() ? m_model->detailHtml(i.row()) : QString());
}

} // namespace consilium
