// SPDX-License-Identifier: GPL-3.0-or-later
#include "decision/HistoryPanel.h"

#include "common/Labels.h"
#include "common/Session.h"
#include "store/Replay.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

namespace consilium {

HistoryPanel::HistoryPanel(Session &session, QWidget *parent) : QWidget(parent), m_session(session)
{
    setObjectName(QStringLiteral("historyPanel"));
    m_decisions = new QTableWidget(0, 5, this);
    m_decisions->setObjectName(QStringLiteral("decisionHistory"));
    m_versions = new QTableWidget(0, 3, this);
    m_versions->setObjectName(QStringLiteral("versionHistory"));
    for (QTableWidget *t : { m_decisions, m_versions }) {
        t->verticalHeader()->hide();
        t->setSelectionBehavior(QAbstractItemView::SelectRows);
        t->setSelectionMode(QAbstractItemView::SingleSelection);
        t->setEditTriggers(QAbstractItemView::NoEditTriggers);
        t->horizontalHeader()->setStretchLastSection(true);
    }
    m_detail = new QTextBrowser(this);
    m_detail->setObjectName(QStringLiteral("historyDetail"));
    m_replay = new QPushButton(this);
    m_replay->setObjectName(QStringLiteral("replayButton"));
    m_compare = new QPushButton(this);
    m_compare->setObjectName(QStringLiteral("compareButton"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_replay);
    buttons->addWidget(m_compare);
    buttons->addStretch(1);
    auto *left = new QWidget(this);
    auto *ll = new QVBoxLayout(left);
    ll->setContentsMargins(0, 0, 0, 0);
    ll->addWidget(new QLabel(left));
    ll->addWidget(m_decisions, 2);
    ll->addLayout(buttons);
    ll->addWidget(new QLabel(left));
    ll->addWidget(m_versions, 1);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(m_detail);
    split->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);

    connect(m_decisions, &QTableWidget::itemSelectionChanged, this, &HistoryPanel::showSelected);
    connect(m_replay, &QPushButton::clicked, this, &HistoryPanel::replaySelected);
    connect(m_compare, &QPushButton::clicked, this, &HistoryPanel::compareSelected);
    retranslate();
}

void HistoryPanel::retranslate()
{
    m_decisions->setHorizontalHeaderLabels({ tr("#"), tr("Created"), tr("Outcome"), tr("Status"), tr("Rule pack") });
    m_versions->setHorizontalHeaderLabels({ tr("Version"), tr("Saved"), tr("By") });
    m_replay->setText(tr("&Replay with its rules"));
    m_compare->setText(tr("Compare with &today's rules"));
    m_decisions->setAccessibleName(tr("Decisions of this case"));
    m_versions->setAccessibleName(tr("Versions of this case"));
    m_detail->setAccessibleName(tr("Decision details"));
    const auto labels = findChildren<QLabel *>();
    if (labels.size() >= 2) {
        labels[0]->setText(tr("Decisions"));
        labels[1]->setText(tr("Versions"));
    }
}

void HistoryPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void HistoryPanel::setCase(const QString &caseId)
{
    m_caseId = caseId;
    refresh();
}

void HistoryPanel::refresh()
{
    m_decisions->setRowCount(0);
    m_versions->setRowCount(0);
    m_detail->clear();
    if (m_caseId.isEmpty())
        return;
    for (qint64 id : m_session.decisions().decisionsOfCase(m_caseId)) {
        const auto d = m_session.decisions().decision(id);
        if (!d)
            continue;
        const int r = m_decisions->rowCount();
        m_decisions->insertRow(r);
        const QString outcome = d->outcome == QLatin1String("arm")
            ? Labels::group(d->chosenArm)
            : (d->outcome == QLatin1String("deferred") ? tr("deferred") : tr("pending"));
        const QStringList cells
            = { QString::number(d->id), d->createdAt.left(16).replace(QLatin1Char('T'), QLatin1Char(' ')), outcome,
                  d->finalised ? tr("final") : tr("draft"), d->packId + QLatin1Char(' ') + d->packVersion };
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            item->setData(Qt::UserRole, d->id);
            m_decisions->setItem(r, c, item);
        }
    }
    for (const CaseVersion &v : m_session.store().versions(m_caseId)) {
        const int r = m_versions->rowCount();
        m_versions->insertRow(r);
        m_versions->setItem(r, 0, new QTableWidgetItem(QString::number(v.version)));
        m_versions->setItem(
            r, 1, new QTableWidgetItem(QString(v.createdAt).left(16).replace(QLatin1Char('T'), QLatin1Char(' '))));
        m_versions->setItem(r, 2, new QTableWidgetItem(v.createdBy));
    }
    m_decisions->resizeColumnsToContents();
    m_versions->resizeColumnsToContents();
    if (m_decisions->rowCount() > 0)
        m_decisions->selectRow(m_decisions->rowCount() - 1);
    m_replay->setEnabled(m_decisions->rowCount() > 0);
    m_compare->setEnabled(m_decisions->rowCount() > 0);
}

qint64 HistoryPanel::selectedDecision() const
{
    const auto items = m_decisions->selectedItems();
    return items.isEmpty() ? 0 : items.first()->data(Qt::UserRole).toLongLong();
}

QString HistoryPanel::detailText() const
{
    return m_detail->toPlainText();
}

void HistoryPanel::showSelected()
{
    const qint64 id = selectedDecision();
    const auto d = id ? m_session.decisions().decision(id) : std::nullopt;
    if (!d) {
        m_detail->clear();
        return;
    }
    QString html = QStringLiteral("<h3>%1</h3>").arg(tr("Decision #%1").arg(d->id));
    html += QStringLiteral("<p>%1</p>")
                .arg(tr("Case version %1 · rule pack %2 %3 (sha256 %4) · engine %5")
                         .arg(d->caseVersion)
                         .arg(d->packId, d->packVersion, d->packSha256.left(12), d->engineVersion)
                         .toHtmlEscaped());
    html += QStringLiteral("<p><b>%1</b> %2</p>")
                .arg(tr("Outcome:"),
                    (d->outcome == QLatin1String("arm") ? Labels::group(d->chosenArm) : d->outcome).toHtmlEscaped());
    if (!d->rationale.isEmpty())
        html += QStringLiteral("<p><b>%1</b> %2</p>").arg(tr("Rationale:"), d->rationale.toHtmlEscaped());
    html += QStringLiteral("<p><b>%1</b></p><ul>").arg(tr("Positions"));
    for (const Position &p : d->positions) {
        const QString by = p.recordedBy.isEmpty() ? tr("recorder not recorded") // positions written before schema v3
                                                  : tr("recorded by %1").arg(p.recordedBy);
        html += QStringLiteral("<li>%1 (%2): %3%4 <i>(%5)</i></li>")
                    .arg(p.participant.toHtmlEscaped(), Labels::role(p.role), Labels::stance(stanceName(p.stance)),
                        p.reason.isEmpty() ? QString() : QStringLiteral(" — ") + p.reason.toHtmlEscaped(),
                        by.toHtmlEscaped());
    }
    html += QStringLiteral("</ul>");
    if (!d->overrides.empty()) {
        html += QStringLiteral("<p><b>%1</b></p><ul>").arg(tr("Overrides"));
        for (const CriterionOverride &o : d->overrides)
            html += QStringLiteral("<li>%1 · %2 · %3</li>").arg(o.criterionId, o.reasonCode, o.text.toHtmlEscaped());
        html += QStringLiteral("</ul>");
    }
    m_detail->setHtml(html);
}

void HistoryPanel::replaySelected()
{
    const qint64 id = selectedDecision();
    if (!id)
        return;
    StoreError error;
    const auto r = replayDecision(m_session.store(), id, error);
    showSelected();
    QString add;
    if (!r) {
        add = QStringLiteral("<p><b>%1</b> %2</p>").arg(tr("Replay failed:"), error.message.toHtmlEscaped());
    } else if (r->identical) {
        add = QStringLiteral("<p><b>%1</b></p>")
                  .arg(tr("Replay: identical result with the pinned rule pack (byte for byte)."));
    } else {
        add = QStringLiteral("<p><b>%1</b>%2</p><ul>")
                  .arg(tr("Replay: the result differs."),
                      r->sameEngine ? QString() : QStringLiteral(" ") + tr("(the engine version changed since)"));
        for (const QString &line : r->differences)
            add += QStringLiteral("<li>%1</li>").arg(line.toHtmlEscaped());
        add += QStringLiteral("</ul>");
    }
    m_detail->append(add);
}

void HistoryPanel::compareSelected()
{
    const qint64 id = selectedDecision();
    if (!id)
        return;
    StoreError error;
    const auto diff = compareWithRules(m_session.store(), id, m_session.pack(), error);
    showSelected();
    QString add;
    if (!diff) {
        add = QStringLiteral("<p><b>%1</b> %2</p>").arg(tr("Comparison failed:"), error.message.toHtmlEscaped());
    } else if (std::all_of(diff->begin(), diff->end(),
                   [](const QString &l) { return l.startsWith(QLatin1String("unchanged")); })) {
        add = QStringLiteral("<p><b>%1</b></p>")
                  .arg(tr("Under today's rules (%1 %2) nothing would change.")
                           .arg(m_session.pack().id(), m_session.pack().version()));
    } else {
        add = QStringLiteral("<p><b>%1</b></p><ul>")
                  .arg(tr("What would change under today's rules (%1 %2):")
                           .arg(m_session.pack().id(), m_session.pack().version()));
        for (const QString &line : *diff)
            add += QStringLiteral("<li>%1</li>").arg(line.toHtmlEscaped());
        add += QStringLiteral("</ul>");
    }
    m_detail->append(add);
}

} // namespace consilium
