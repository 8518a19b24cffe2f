// SPDX-License-Identifier: GPL-3.0-or-later
#include "decision/HistoryPanel.h"

#include "common/Dialogs.h"
#include "common/Labels.h"
#include "common/Session.h"
#include "decision/FollowUpDialog.h"
#include "decision/FollowUpText.h"
#include "decision/VersionText.h"
#include "settings/SettingsDialog.h"
#include "store/Replay.h"

#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

namespace consilium {

namespace {

// Stored times are UTC (ISO 8601); shown in local time, as the case list does.
QString localTime(const QString &utc)
{
    const QDateTime t = QDateTime::fromString(utc, Qt::ISODateWithMs);
    return t.isValid() ? t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : utc;
}

// What the panel lists for a case: its decisions and its versions, all or an error.
struct CaseHistory {
    std::vector<Decision> decisions;
    std::vector<CaseVersion> versions;
};

StoreResult<CaseHistory> caseHistory(Session &session, const QString &caseId)
{
    CaseHistory out;
    const auto ids = session.decisions().decisionsOfCase(caseId);
    if (!ids)
        return ids.error();
    for (qint64 id : ids.value()) {
        auto d = session.decisions().decision(id);
        if (!d)
            return d.error();
        out.decisions.push_back(std::move(d).value());
    }
    auto versions = session.store().versions(caseId);
    if (!versions)
        return versions.error();
    out.versions = std::move(versions).value();
    return out;
}

// The verdicts stored for a version, preferring the active pack's evaluation; nullopt when the
// version has not been evaluated.
StoreResult<std::optional<StoredEvaluation>> storedEvaluation(Session &session, const QString &caseId, int number)
{
    auto evaluations = session.evaluations().evaluationsOf(caseId);
    if (!evaluations)
        return evaluations.error();
    const QString &active = session.pack().sha256();
    std::optional<StoredEvaluation> evaluation;
    for (StoredEvaluation &e : evaluations.value()) {
        if (e.version != number)
            continue;
        if (!evaluation || e.packSha256 == active || evaluation->packSha256 != active)
            evaluation = std::move(e);
    }
    return evaluation;
}

} // namespace

HistoryPanel::HistoryPanel(Session &session, QWidget *parent) : QWidget(parent), m_session(session)
{
    setObjectName(QStringLiteral("historyPanel"));
    m_decisions = new QTableWidget(0, 6, this);
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
    m_followUp = new QPushButton(this);
    m_followUp->setObjectName(QStringLiteral("recordFollowUp"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_replay);
    buttons->addWidget(m_compare);
    buttons->addWidget(m_followUp);
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

    // One detail view for both lists: choosing in one clears the other.
    connect(m_decisions, &QTableWidget::itemSelectionChanged, this, [this] {
        const bool chosen = !m_decisions->selectedItems().isEmpty();
        if (chosen) {
            const QSignalBlocker block(m_versions);
            m_versions->clearSelection();
        }
        updateButtons();
        showSelected();
    });
    connect(m_versions, &QTableWidget::itemSelectionChanged, this, [this] {
        if (m_versions->selectedItems().isEmpty())
            return;
        {
            const QSignalBlocker block(m_decisions);
            m_decisions->clearSelection();
        }
        updateButtons();
        showVersion();
    });
    connect(m_replay, &QPushButton::clicked, this, &HistoryPanel::replaySelected);
    connect(m_compare, &QPushButton::clicked, this, &HistoryPanel::compareSelected);
    connect(m_followUp, &QPushButton::clicked, this, &HistoryPanel::recordFollowUp);
    retranslate();
}

void HistoryPanel::retranslate()
{
    m_decisions->setHorizontalHeaderLabels(
        { tr("#"), tr("Created"), tr("Outcome"), tr("Status"), tr("Rule pack"), tr("Follow-up") });
    m_versions->setHorizontalHeaderLabels({ tr("Version"), tr("Saved"), tr("By") });
    m_replay->setText(tr("&Replay with its rules"));
    m_compare->setText(tr("Compare with &today's rules"));
    m_followUp->setText(tr("Record &follow-up…"));
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
    if (caseId != m_caseId) {
        // Another case: nothing of the previous one's selection carries over.
        const QSignalBlocker blockDecisions(m_decisions);
        const QSignalBlocker blockVersions(m_versions);
        m_decisions->setRowCount(0);
        m_versions->setRowCount(0);
        m_latestDecision = 0;
    }
    m_caseId = caseId;
    refresh();
}

void HistoryPanel::showEvent(QShowEvent *event)
{
    // Decisions are also recorded elsewhere (the Decision tab, conference mode): coming back
    // here shows them without re-selecting the case.
    refresh();
    QWidget::showEvent(event);
}

void HistoryPanel::refresh()
{
    const qint64 keepDecision = selectedDecision();
    const int keepVersion = selectedVersion();
    const QSignalBlocker blockDecisions(m_decisions);
    const QSignalBlocker blockVersions(m_versions);
    m_decisions->setRowCount(0);
    m_versions->setRowCount(0);
    m_detail->clear();
    if (m_caseId.isEmpty())
        return;
    const auto history = caseHistory(m_session, m_caseId);
    if (!history) {
        m_detail->setPlainText(history.error().message);
        return;
    }
    for (const Decision &decision : history.value().decisions) {
        const Decision *d = &decision;
        const int r = m_decisions->rowCount();
        m_decisions->insertRow(r);
        const QString outcome = d->outcome == QLatin1String("arm")
            ? Labels::group(d->chosenArm)
            : (d->outcome == QLatin1String("deferred") ? tr("deferred") : tr("pending"));
        const QStringList cells = { QString::number(d->id), localTime(d->createdAt), outcome,
            d->finalised ? tr("final") : tr("draft"), d->packId + QLatin1Char(' ') + d->packVersion,
            d->finalised ? FollowUpText::cell(m_session, d->id) : QString() };
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            item->setData(Qt::UserRole, d->id);
            item->setData(Qt::UserRole + 1, d->finalised);
            m_decisions->setItem(r, c, item);
        }
    }
    for (const CaseVersion &v : history.value().versions) {
        const int r = m_versions->rowCount();
        m_versions->insertRow(r);
        auto *number = new QTableWidgetItem(QString::number(v.version));
        number->setData(Qt::UserRole, v.version);
        m_versions->setItem(r, 0, number);
        m_versions->setItem(r, 1, new QTableWidgetItem(localTime(v.createdAt)));
        m_versions->setItem(r, 2, new QTableWidgetItem(v.createdBy));
    }
    m_decisions->resizeColumnsToContents();
    m_versions->resizeColumnsToContents();
    // A decision new since the last look is shown; otherwise what was chosen stays chosen, and
    // with nothing chosen the latest decision, or the latest version.
    const qint64 latest = m_decisions->rowCount() > 0
        ? m_decisions->item(m_decisions->rowCount() - 1, 0)->data(Qt::UserRole).toLongLong()
        : 0;
    const bool newDecision = latest != 0 && latest != m_latestDecision;
    m_latestDecision = latest;
    int decisionRow = -1;
    int versionRow = -1;
    if (newDecision) {
        decisionRow = m_decisions->rowCount() - 1;
    } else {
        for (int r = 0; r < m_decisions->rowCount(); ++r) {
            if (m_decisions->item(r, 0)->data(Qt::UserRole).toLongLong() == keepDecision)
                decisionRow = r;
        }
        for (int r = 0; r < m_versions->rowCount(); ++r) {
            if (m_versions->item(r, 0)->data(Qt::UserRole).toInt() == keepVersion)
                versionRow = r;
        }
    }
    if (versionRow < 0 && decisionRow < 0) {
        if (m_decisions->rowCount() > 0)
            decisionRow = m_decisions->rowCount() - 1;
        else if (m_versions->rowCount() > 0)
            versionRow = m_versions->rowCount() - 1;
    }
    if (versionRow >= 0) {
        m_versions->selectRow(versionRow);
        showVersion();
    } else if (decisionRow >= 0) {
        m_decisions->selectRow(decisionRow);
        showSelected();
    }
    updateButtons();
}

void HistoryPanel::updateButtons()
{
    const bool chosen = !m_decisions->selectedItems().isEmpty();
    m_replay->setEnabled(chosen);
    m_compare->setEnabled(chosen);
    // A follow-up is recorded for a finalised decision (FollowUps::record refuses others).
    const int row = chosen ? m_decisions->selectedItems().first()->row() : -1;
    m_followUp->setEnabled(
        row >= 0 && m_session.store().isWriter() && m_decisions->item(row, 0)->data(Qt::UserRole + 1).toBool());
}

void HistoryPanel::selectDecision(qint64 decisionId)
{
    for (int r = 0; r < m_decisions->rowCount(); ++r) {
        if (m_decisions->item(r, 0)->data(Qt::UserRole).toLongLong() == decisionId)
            m_decisions->selectRow(r);
    }
}

void HistoryPanel::recordFollowUp()
{
    const qint64 id = selectedDecision();
    if (!id || !IdentityDialog::ensure(this, m_session))
        return;
    const auto found = m_session.decisions().decision(id);
    if (!found) {
        Dialogs::warning(this, tr("Follow-up"), found.error().message);
        return;
    }
    FollowUpDialog dialog(m_session, found.value(), this);
    Dialogs::exec(&dialog);
    refresh();
    selectDecision(id);
}

int HistoryPanel::selectedVersion() const
{
    const auto items = m_versions->selectedItems();
    return items.isEmpty() ? 0 : m_versions->item(items.first()->row(), 0)->data(Qt::UserRole).toInt();
}

void HistoryPanel::selectVersion(int version)
{
    for (int r = 0; r < m_versions->rowCount(); ++r) {
        if (m_versions->item(r, 0)->data(Qt::UserRole).toInt() == version)
            m_versions->selectRow(r);
    }
}

void HistoryPanel::showVersion()
{
    const int number = selectedVersion();
    if (number <= 0) {
        m_detail->clear();
        return;
    }
    const auto versions = m_session.store().versions(m_caseId, true);
    if (!versions) {
        m_detail->setPlainText(versions.error().message);
        return;
    }
    const CaseVersion *shown = nullptr;
    const CaseVersion *before = nullptr;
    for (const CaseVersion &v : versions.value()) {
        if (v.version == number)
            shown = &v;
        else if (v.version < number && (!before || v.version > before->version))
            before = &v;
    }
    if (!shown) {
        m_detail->clear();
        return;
    }
    const RulePack &pack = m_session.pack();
    QString html = QStringLiteral("<h3>%1</h3>").arg(tr("Version %1 of %2").arg(number).arg(m_caseId.toHtmlEscaped()));
    html += QStringLiteral("<p>%1</p>")
                .arg(tr("Saved %1 by %2").arg(localTime(shown->createdAt), shown->createdBy).toHtmlEscaped());

    const auto stored = storedEvaluation(m_session, m_caseId, number);
    if (!stored) {
        m_detail->setPlainText(stored.error().message);
        return;
    }
    const std::optional<StoredEvaluation> &evaluation = stored.value();
    if (evaluation) {
        html += QStringLiteral("<p><b>%1</b></p><ul>")
                    .arg(tr("Verdicts (rule pack %1 %2):")
                             .arg(evaluation->packId, evaluation->packVersion)
                             .toHtmlEscaped());
        for (const auto &[group, verdict] : evaluation->result.verdicts)
            html += QStringLiteral("<li>%1: %2</li>").arg(Labels::group(group), Labels::verdictFromName(verdict));
        html += QStringLiteral("</ul>");
    } else {
        html += QStringLiteral("<p>%1</p>").arg(tr("This version has not been evaluated."));
    }

    const QJsonObject now = QJsonDocument::fromJson(shown->content).object();
    html += before ? versionChangesHtml(pack, QJsonDocument::fromJson(before->content).object(), now, before->version)
                   : QStringLiteral("<p><b>%1</b></p>").arg(tr("The first version."));
    html += versionDataHtml(pack, now);
    m_detail->setHtml(html);
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
    if (!id) {
        m_detail->clear();
        return;
    }
    const auto found = m_session.decisions().decision(id);
    if (!found) {
        m_detail->setPlainText(found.error().message);
        return;
    }
    const Decision *d = &found.value();
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
    if (d->finalised)
        html += FollowUpText::history(m_session, *d);
    m_detail->setHtml(html);
}

void HistoryPanel::replaySelected()
{
    const qint64 id = selectedDecision();
    if (!id)
        return;
    const auto replayed = replayDecision(m_session.store(), id);
    const ReplayResult *r = replayed ? &replayed.value() : nullptr;
    showSelected();
    QString add;
    if (!r) {
        add = QStringLiteral("<p><b>%1</b> %2</p>").arg(tr("Replay failed:"), replayed.error().message.toHtmlEscaped());
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
    const auto compared = compareWithRules(m_session.store(), id, m_session.pack());
    const QStringList *diff = compared ? &compared.value() : nullptr;
    showSelected();
    QString add;
    if (!diff) {
        add = QStringLiteral("<p><b>%1</b> %2</p>")
                  .arg(tr("Comparison failed:"), compared.error().message.toHtmlEscaped());
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
