// SPDX-License-Identifier: GPL-3.0-or-later
#include "toxicity/LocalOutcomesView.h"

#include "common/Session.h"
#include "compare/ResultText.h"

#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace consilium {

LocalOutcomesView::LocalOutcomesView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("localOutcomes"));
    m_title = new QLabel(this);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("localOutcomesStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_legend = new QLabel(this);
    m_legend->setObjectName(QStringLiteral("localOutcomesLegend"));
    m_legend->setWordWrap(true);
    m_view = new QChartView(new QChart, this);
    m_view->setObjectName(QStringLiteral("localOutcomesChart"));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(220);
    m_table = new QTableWidget(0, 4, this);
    m_table->setObjectName(QStringLiteral("localOutcomesTable"));
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(true); // the published figures wrap in their columns
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);

    auto *body = new QHBoxLayout;
    body->addWidget(m_view, 1);
    body->addWidget(m_table, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_status);
    layout->addLayout(body, 1);
    layout->addWidget(m_legend);
    retranslate();
}

void LocalOutcomesView::retranslate()
{
    m_title->setText(tr("Outcomes at this site beside the literature"));
    m_legend->setText(LocalOutcomes::legendText());
    m_view->setAccessibleName(tr("Chart of the outcomes at this site and the published rates"));
    m_table->setAccessibleName(tr("Outcomes at this site and the published rates"));
    m_table->setHorizontalHeaderLabels({ tr("Measure"), tr("This site"), tr("Autoimmune cohort\n(published)"),
        tr("Oncology reference\n(published)") });
}

void LocalOutcomesView::setSession(Session *session)
{
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    if (m_session)
        connect(m_session, &Session::casesChanged, this, [this] {
            if (isVisible())
                reload();
        });
    if (isVisible())
        reload();
}

void LocalOutcomesView::setEvaluation(const Evaluation *evaluation)
{
    m_eval = evaluation;
    if (isVisible())
        rebuild();
}

void LocalOutcomesView::setArm(int arm)
{
    m_arm = qBound(0, arm, kArmCount - 1);
    if (isVisible())
        rebuild();
}

void LocalOutcomesView::reload()
{
    m_site.reset();
    m_error.clear();
    if (m_session) {
        auto counts = m_session->followUps().localOutcomes();
        if (counts)
            m_site = std::move(counts).value();
        else
            m_error = tr("The follow-up records cannot be read: %1").arg(counts.error().message);
    }
    rebuild();
}

void LocalOutcomesView::showEvent(QShowEvent *event)
{
    // Read on every showing: a follow-up recorded meanwhile, here or elsewhere, is counted.
    QWidget::showEvent(event);
    reload();
}

void LocalOutcomesView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange || event->type() == QEvent::PaletteChange) {
        retranslate();
        if (isVisible())
            rebuild();
    }
    QWidget::changeEvent(event);
}

QString LocalOutcomesView::statusText() const
{
    return m_status->text();
}

void LocalOutcomesView::rebuild()
{
    m_table->setRowCount(0);
    m_bars.clear();
    const LocalOutcomesArm arm
        = m_site ? LocalOutcomes::forArm(*m_site, m_eval, m_arm) : LocalOutcomesArm { m_arm, 0, {} };
    const bool shown = m_site && arm.treated > 0;
    m_status->setText(
        !m_site ? m_error : (shown ? LocalOutcomes::treatedText(arm) : LocalOutcomes::emptyText(*m_site, m_arm)));
    m_view->setVisible(shown);
    m_table->setVisible(shown);
    m_legend->setVisible(shown);
    if (!shown)
        return;
    m_bars = LocalOutcomes::populate(m_view->chart(), arm, ChartStyle::screen(palette(), font()));
    for (const LocalOutcomeRow &row : arm.rows) {
        const int r = m_table->rowCount();
        m_table->insertRow(r);
        const QString cells[] = { LocalOutcomes::measureLabel(row.measure), LocalOutcomes::countText(row.site),
            ResultText::figureText(row.aid), ResultText::figureText(row.oncology) };
        for (int c = 0; c < 4; ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            if (c == 2 && row.aid.entry)
                item->setToolTip(ResultText::toxicityTooltip(m_eval->pack(), *row.aid.entry));
            if (c == 3 && row.oncology.entry)
                item->setToolTip(ResultText::toxicityTooltip(m_eval->pack(), *row.oncology.entry));
            m_table->setItem(r, c, item);
        }
    }
    m_table->resizeRowsToContents();
}

} // namespace consilium
