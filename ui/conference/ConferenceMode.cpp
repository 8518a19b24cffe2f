// SPDX-License-Identifier: GPL-3.0-or-later
#include "conference/ConferenceMode.h"

#include "common/Session.h"
#include "compare/ComparisonView.h"
#include "compare/ResultText.h"
#include "compare/SiteAvailability.h"
#include "decision/DecisionPanel.h"
#include "editor/CaseDocument.h"
#include "engine/Engine.h"

#include <QCloseEvent>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace consilium {

ConferenceMode::ConferenceMode(Session &session, const QStringList &caseIds, int start, QWidget *parent)
    : QWidget(parent, Qt::Window), m_session(session), m_caseIds(caseIds)
{
    setObjectName(QStringLiteral("conferenceMode"));
    setAttribute(Qt::WA_DeleteOnClose);
    QFont big = font();
    big.setPointSizeF(QFont().pointSizeF() * 1.9);
    big.setBold(true);
    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("conferenceHeader"));
    m_header->setFont(big);
    m_header->setWordWrap(true);
    m_page = new QLabel(this);
    m_page->setObjectName(QStringLiteral("conferencePage"));
    QFont mid = font();
    mid.setPointSizeF(QFont().pointSizeF() * 1.3);
    m_page->setFont(mid);
    m_keys = new QLabel(this);
    m_keys->setObjectName(QStringLiteral("conferenceKeys"));
    m_compare = new ComparisonView(this);
    m_compare->setLargeType(true);
    m_compare->setDerivedVisible(false);
    bindSiteOptions(m_compare, session);
    m_decision = new DecisionPanel(session);
    m_decision->setLargeType(true);
    m_decisionArea = new QScrollArea(this);
    m_decisionArea->setObjectName(QStringLiteral("conferenceDecision"));
    m_decisionArea->setWidgetResizable(true);
    m_decisionArea->setWidget(m_decision);
    m_decisionArea->hide();
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_compare);
    split->addWidget(m_decisionArea);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto *top = new QHBoxLayout;
    top->addWidget(m_header, 1);
    top->addWidget(m_page);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 16, 24, 12);
    layout->addLayout(top);
    layout->addWidget(split, 1);
    layout->addWidget(m_keys);

    auto key = [this](const QKeySequence &seq, void (ConferenceMode::*slot)()) {
        auto *s = new QShortcut(seq, this);
        s->setContext(Qt::WindowShortcut);
        connect(s, &QShortcut::activated, this, slot);
    };
    key(QKeySequence(Qt::Key_Right), &ConferenceMode::next);
    key(QKeySequence(Qt::Key_PageDown), &ConferenceMode::next);
    key(QKeySequence(Qt::Key_Left), &ConferenceMode::previous);
    key(QKeySequence(Qt::Key_PageUp), &ConferenceMode::previous);
    key(QKeySequence(Qt::Key_D), &ConferenceMode::toggleDecision);
    auto *esc = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    esc->setContext(Qt::WindowShortcut);
    connect(esc, &QShortcut::activated, this, &QWidget::close);
    retranslate();
    showCase(qBound(0, start, qMax(0, int(caseIds.size()) - 1)));
}

ConferenceMode::~ConferenceMode()
{
    m_compare->setEvaluation(nullptr, nullptr, false);
}

QString ConferenceMode::currentCaseId() const
{
    return m_index >= 0 && m_index < m_caseIds.size() ? m_caseIds.at(m_index) : QString();
}

QString ConferenceMode::headerText() const
{
    return m_header->text();
}

void ConferenceMode::showCase(int index)
{
    if (m_caseIds.isEmpty()) {
        m_header->setText(tr("No cases to present"));
        return;
    }
    m_index = qBound(0, index, int(m_caseIds.size()) - 1);
    const QString id = m_caseIds.at(m_index);
    std::unique_ptr<Evaluation> next;
    CaseDocument doc(m_session.pack());
    QString header = id;
    if (const auto v = m_session.store().latestVersion(id)) {
        QString error;
        doc.load(v.value().content, error);
        const CaseValidation val = doc.validate();
        if (val.data)
            next = std::make_unique<Evaluation>(m_session.engine().evaluateFull(*val.data));
        QStringList parts { id };
        const FactEntry sex = doc.fact(QStringLiteral("sex"));
        const FactEntry age = doc.fact(QStringLiteral("age_years"));
        if (sex.state == FactEntry::State::Value || age.state == FactEntry::State::Value)
            parts << QStringLiteral("%1 %2")
                         .arg(
                             sex.text == QLatin1String("female") ? tr("F") : (sex.text.isEmpty() ? QString() : tr("M")),
                             age.text)
                         .trimmed();
        const FactEntry disease = doc.fact(QStringLiteral("disease"));
        if (disease.state == FactEntry::State::Value)
            parts << disease.text;
        for (const char *score : { "sledai_2k", "mrss" }) {
            const FactEntry s = doc.fact(QLatin1String(score));
            if (s.state == FactEntry::State::Value)
                parts << m_session.pack()
                             .variables()[std::size_t(m_session.pack().variableIndex(QLatin1String(score)))]
                             .label
                        + QLatin1Char(' ') + s.text;
        }
        parts << tr("as of %1").arg(ResultText::date(doc.asOf()));
        header = parts.join(QStringLiteral(" · "));
        if (!doc.meta(QStringLiteral("label")).isEmpty())
            header += QLatin1Char('\n') + doc.meta(QStringLiteral("label"));
    }
    m_header->setText(header);
    m_compare->setEvaluation(&m_session.engine(), next.get(), false);
    m_eval = std::move(next);
    m_decision->setCase(id);
    m_page->setText(tr("Case %1 of %2").arg(m_index + 1).arg(m_caseIds.size()));
}

void ConferenceMode::next()
{
    if (m_index + 1 < m_caseIds.size())
        showCase(m_index + 1);
}

void ConferenceMode::previous()
{
    if (m_index > 0)
        showCase(m_index - 1);
}

void ConferenceMode::toggleDecision()
{
    m_decisionArea->setVisible(m_decisionArea->isHidden());
    if (!m_decisionArea->isHidden())
        m_decision->setFocus();
    else
        m_compare->grid()->setFocus();
}

bool ConferenceMode::decisionVisible() const
{
    return !m_decisionArea->isHidden();
}

void ConferenceMode::retranslate()
{
    setWindowTitle(tr("Consilium — conference"));
    m_keys->setText(tr("→ next case · ← previous case · D decision · Esc leave"));
}

void ConferenceMode::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        showCase(m_index);
    }
    QWidget::changeEvent(event);
}

void ConferenceMode::closeEvent(QCloseEvent *event)
{
    Q_EMIT closed(currentCaseId());
    event->accept();
}

} // namespace consilium
