// SPDX-License-Identifier: GPL-3.0-or-later
#include "decision/FollowUpDue.h"

#include "common/Session.h"
#include "decision/FollowUpText.h"

#include <QDate>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace consilium {

namespace {

// The row's words: "overdue by 3 days", "due today", "due in 5 days".
QString dueStatus(const FollowUps::Due &d, const QDate &today)
{
    const QDate due = QDate::fromString(d.dueOn, Qt::ISODate);
    if (!due.isValid())
        return d.overdue ? FollowUpDueDialog::tr("overdue") : QString();
    const qint64 days = today.daysTo(due);
    if (d.overdue || days < 0)
        return FollowUpDueDialog::tr("⚠ overdue by %n day(s)", nullptr, int(-days));
    if (days == 0)
        return FollowUpDueDialog::tr("due today");
    return FollowUpDueDialog::tr("due in %n day(s)", nullptr, int(days));
}

} // namespace

FollowUpDueDialog::FollowUpDueDialog(Session &session, QWidget *parent) : QDialog(parent), m_session(session)
{
    setObjectName(QStringLiteral("followUpDueDialog"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("followUpDueStatus"));
    m_status->setWordWrap(true);
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("followUpDueTable"));
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_refresh = new QPushButton(this);
    m_refresh->setObjectName(QStringLiteral("refreshFollowUpDue"));
    auto *close = new QPushButton(this);
    close->setObjectName(QStringLiteral("closeFollowUpDue"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_refresh);
    buttons->addStretch(1);
    buttons->addWidget(close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    connect(m_refresh, &QPushButton::clicked, this, &FollowUpDueDialog::refresh);
    connect(close, &QPushButton::clicked, this, &QDialog::close);
    connect(m_table, &QTableWidget::itemActivated, this, [this](QTableWidgetItem *item) {
        const QTableWidgetItem *first = m_table->item(item->row(), CaseColumn);
        Q_EMIT decisionActivated(first->text(), first->data(Qt::UserRole).toLongLong());
    });
    connect(&m_session, &Session::casesChanged, this, &FollowUpDueDialog::refresh);
    resize(820, 460);
    retranslate();
    refresh();
}

void FollowUpDueDialog::retranslate()
{
    setWindowTitle(tr("Follow-up due"));
    m_table->setHorizontalHeaderLabels({ tr("Case"), tr("Decision"), tr("Due"), tr("Due date"), tr("Status") });
    m_table->setAccessibleName(tr("Follow-up due"));
    m_refresh->setText(tr("&Refresh"));
    if (auto *close = findChild<QPushButton *>(QStringLiteral("closeFollowUpDue")))
        close->setText(tr("&Close"));
}

void FollowUpDueDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        refresh();
    }
    QDialog::changeEvent(event);
}

QString FollowUpDueDialog::statusText() const
{
    return m_status->text();
}

void FollowUpDueDialog::refresh()
{
    m_table->setRowCount(0);
    const QDate today = m_session.today();
    const auto due = m_session.followUps().due(today);
    if (!due) {
        m_status->setText(tr("The follow-up records cannot be read: %1").arg(due.error().message));
        return;
    }
    int overdue = 0;
    for (const FollowUps::Due &d : due.value()) {
        const int r = m_table->rowCount();
        m_table->insertRow(r);
        const QString cells[ColumnCount]
            = { d.caseId, tr("#%1 (finalised %2)").arg(d.decisionId).arg(d.finalisedAt.left(10)),
                  FollowUpText::due(d.what), d.dueOn, dueStatus(d, today) };
        for (int c = 0; c < ColumnCount; ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            item->setData(Qt::UserRole, d.decisionId);
            if (d.overdue) { // in words and in bold; the colour only adds to them
                QFont bold = item->font();
                bold.setBold(true);
                item->setFont(bold);
                item->setForeground(QColor(0x8a, 0x1c, 0x00));
            }
            m_table->setItem(r, c, item);
        }
        overdue += d.overdue ? 1 : 0;
    }
    m_table->resizeColumnsToContents();
    const int total = int(due.value().size());
    const QString date = today.toString(Qt::ISODate);
    m_status->setText(total == 0
            ? tr("Nothing is due as of %1.").arg(date)
            : tr("As of %1: %n item(s) due, %2 of them overdue.", nullptr, total).arg(date).arg(overdue));
}

} // namespace consilium
