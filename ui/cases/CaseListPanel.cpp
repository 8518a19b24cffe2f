// SPDX-License-Identifier: GPL-3.0-or-later
#include "cases/CaseListPanel.h"

#include "cases/CaseListModel.h"
#include "common/Labels.h"
#include "common/Session.h"
#include "compare/OptionsModel.h"
#include "compare/ResultText.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QShortcut>
#include <QTableView>
#include <QVBoxLayout>

#include <utility>

namespace consilium {

CaseListPanel::CaseListPanel(Session &session, QWidget *parent) : QWidget(parent), m_session(session)
{
    m_model = new CaseListModel(session.store(), this);
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("caseSearch"));
    m_search->setClearButtonEnabled(true);
    m_disease = new QComboBox(this);
    m_disease->setObjectName(QStringLiteral("diseaseFilter"));
    m_arm = new QComboBox(this);
    m_arm->setObjectName(QStringLiteral("armFilter"));
    m_verdict = new QComboBox(this);
    m_verdict->setObjectName(QStringLiteral("verdictFilter"));
    m_readiness = new QComboBox(this);
    m_readiness->setObjectName(QStringLiteral("readinessFilter"));
    m_conference = new QComboBox(this);
    m_conference->setObjectName(QStringLiteral("conferenceFilter"));
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("caseList"));
    m_view->setModel(m_model);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(CaseListModel::CaseId, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(CaseListModel::Label, QHeaderView::Stretch);
    for (int c = CaseListModel::Auto; c <= CaseListModel::Standard; ++c)
        m_view->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(CaseListModel::Option, QHeaderView::ResizeToContents);
    m_view->setColumnHidden(CaseListModel::Updated, true);
    m_view->setColumnHidden(CaseListModel::Option, true);
    m_view->setWordWrap(false);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("caseCount"));

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_disease);
    filters->addWidget(m_arm);
    filters->addWidget(m_verdict);
    filters->addWidget(m_readiness);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search);
    layout->addLayout(filters);
    layout->addWidget(m_conference);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_count);

    retranslate();
    m_model->setPackSha256(session.pack().sha256());
    refillDiseases();
    refillConferences();

    connectSignals(session);
    updateCount();
}

void CaseListPanel::connectSignals(Session &session)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(150);
    connect(&m_debounce, &QTimer::timeout, this, &CaseListPanel::applyFilters);
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_debounce.start(); });
    for (QComboBox *c : { m_disease, m_arm, m_verdict, m_readiness, m_conference })
        connect(c, &QComboBox::activated, this, &CaseListPanel::applyFilters);
    connect(m_model, &CaseListModel::totalCountChanged, this, &CaseListPanel::updateCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, &CaseListPanel::updateCount);
    connect(m_model, &CaseListModel::errorOccurred, this, &CaseListPanel::updateCount);
    // Rows arrive from a worker after a reload: the highlight asked for meanwhile follows them.
    connect(m_model, &CaseListModel::pageLoaded, this, [this] {
        const QString pending = std::exchange(m_pendingHighlight, QString());
        highlight(pending);
        Q_EMIT rowsLoaded();
    });
    // Opening a case is explicit: a click, a double click or Enter on a row. Keyboard focus,
    // Tab and the arrow keys only move the highlight, so nobody tabs into another patient.
    m_view->setTabKeyNavigation(false);
    auto open = [this](const QModelIndex &index) {
        if (index.isValid())
            Q_EMIT caseSelected(m_model->caseIdAt(index.row()));
    };
    connect(m_view, &QAbstractItemView::clicked, this, open);
    connect(m_view, &QAbstractItemView::activated, this, open);
    // Ctrl+F reaches the search from anywhere in the window.
    auto *find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WindowShortcut);
    connect(find, &QShortcut::activated, this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    connect(&session, &Session::casesChanged, this, &CaseListPanel::reload);
    connect(&session, &Session::packChanged, this, [this] {
        // Another pack has other options: a chosen one it lacks falls back to "any arm".
        refillGroups();
        showOptionColumn();
        CaseQuerySpec s = m_model->spec();
        s.verdictGroup = m_arm->currentData().toString();
        if (s.verdictGroup.isEmpty() && !s.verdict.isEmpty())
            s.verdictGroup = QString::fromLatin1(kArmIds[0]);
        s.packSha256 = m_session.pack().sha256();
        m_model->setSpec(s);
    });
}

void CaseListPanel::updateCount()
{
    if (!m_model->lastError().isEmpty()) {
        m_count->setText(tr("The case list cannot be read: %1").arg(m_model->lastError()));
        return;
    }
    const qint64 n = m_model->totalCount();
    m_count->setText(n >= 0 ? tr("%n case(s)", nullptr, int(qMin<qint64>(n, INT_MAX))) : tr("counting cases…"));
}

void CaseListPanel::retranslate()
{
    m_search->setPlaceholderText(tr("Search cases…")
        + QStringLiteral(" (%1)").arg(QKeySequence(QKeySequence::Find).toString(QKeySequence::NativeText)));
    m_search->setAccessibleName(tr("Search cases"));
    m_disease->setAccessibleName(tr("Filter by disease"));
    m_arm->setAccessibleName(tr("Filter verdicts of arm or product/trial"));
    m_verdict->setAccessibleName(tr("Filter by verdict"));
    m_readiness->setAccessibleName(tr("Filter by readiness"));
    m_conference->setAccessibleName(tr("Filter by conference"));
    m_view->setAccessibleName(tr("Cases"));

    refillGroups();
    showOptionColumn();

    const int verdict = m_verdict->currentIndex();
    m_verdict->clear();
    m_verdict->addItem(tr("Any verdict"), QString());
    for (Verdict v : { Verdict::Eligible, Verdict::EligibleWithCautions, Verdict::Undetermined, Verdict::Ineligible })
        m_verdict->addItem(
            Labels::verdictIcon(v) + QLatin1Char(' ') + Labels::verdict(v), QString::fromLatin1(toString(v).data()));
    m_verdict->setCurrentIndex(qMax(0, verdict));

    const int ready = m_readiness->currentIndex();
    m_readiness->clear();
    m_readiness->addItem(tr("Any readiness"), int(Readiness::Any));
    m_readiness->addItem(tr("Ready"), int(Readiness::Ready));
    m_readiness->addItem(tr("Has gaps"), int(Readiness::Gaps));
    m_readiness->addItem(tr("Not evaluated"), int(Readiness::NotEvaluated));
    m_readiness->setCurrentIndex(qMax(0, ready));
}

void CaseListPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        updateCount();
        refillDiseases();
        refillConferences();
    }
    QWidget::changeEvent(event);
}

void CaseListPanel::refillGroups()
{
    const QString current = m_arm->currentData().toString();
    const RulePack &pack = m_session.pack();
    m_arm->clear();
    m_arm->addItem(tr("Any arm"), QString());
    for (int a = 0; a < kArmCount; ++a) {
        m_arm->addItem(Labels::arm(a), QString::fromLatin1(kArmIds[std::size_t(a)]));
        // The arm's options, in pack order, labelled in the interface language
        // (resources/packs/FORMAT.md, "Options" and "Texts in more than one language").
        for (const OptionDef &o : pack.options()) {
            if (o.arm != a)
                continue;
            m_arm->addItem(QStringLiteral("    ") + ResultText::optionLabel(pack, o), optionGroupKey(o.id));
            m_arm->setItemData(m_arm->count() - 1,
                ResultText::optionText(pack, o, u"name", o.name) + QStringLiteral(" (")
                    + OptionsModel::kindLabel(o.kind) + QLatin1Char(')'),
                Qt::ToolTipRole);
        }
    }
    m_arm->setCurrentIndex(qMax(0, m_arm->findData(current)));
}

void CaseListPanel::showOptionColumn()
{
    const bool option = !optionIdOfGroup(m_arm->currentData().toString()).isEmpty();
    m_model->setOptionTitle(option ? m_arm->currentText().trimmed() : QString());
    m_view->setColumnHidden(CaseListModel::Option, !option);
}

void CaseListPanel::refillDiseases()
{
    const QString current = m_disease->currentData().toString();
    m_disease->clear();
    m_disease->addItem(tr("Any disease"), QString());
    for (const QString &d : m_model->diseases())
        m_disease->addItem(d, d);
    m_disease->setCurrentIndex(qMax(0, m_disease->findData(current)));
}

void CaseListPanel::refillConferences()
{
    const qint64 current = m_conference->currentData().toLongLong();
    m_conference->clear();
    m_conference->addItem(tr("Any conference"), qint64(0));
    for (const auto &[id, title] : m_model->conferences())
        m_conference->addItem(title, id);
    m_conference->setCurrentIndex(qMax(0, m_conference->findData(current)));
}

void CaseListPanel::applyFilters()
{
    m_debounce.stop();
    CaseQuerySpec s = m_model->spec();
    s.search = m_search->text();
    s.disease = m_disease->currentData().toString();
    s.verdictGroup = m_arm->currentData().toString();
    s.verdict = m_verdict->currentData().toString();
    if (s.verdictGroup.isEmpty() && !s.verdict.isEmpty())
        s.verdictGroup = QString::fromLatin1(kArmIds[0]);
    showOptionColumn();
    s.readiness = Readiness(m_readiness->currentData().toInt());
    s.conference = m_conference->currentData().toLongLong();
    s.packSha256 = m_session.pack().sha256();
    if (s == m_model->spec())
        return;
    const QString keep = currentCaseId();
    m_model->setSpec(s);
    highlight(keep);
}

void CaseListPanel::reload()
{
    const QString keep = currentCaseId();
    refillDiseases();
    refillConferences();
    m_model->reload();
    highlight(keep);
}

QString CaseListPanel::currentCaseId() const
{
    const QModelIndex i = m_view->currentIndex();
    return i.isValid() ? m_model->caseIdAt(i.row()) : QString();
}

void CaseListPanel::selectCase(const QString &caseId)
{
    m_model->setOpenCaseId(caseId);
    highlight(caseId);
}

void CaseListPanel::highlight(const QString &caseId)
{
    if (caseId.isEmpty())
        return;
    const int row = m_model->rowOf(caseId);
    if (row < 0) {
        // Not loaded yet: the first page after a reload is still on its way.
        if (m_model->isFetching() && m_model->rowCount() == 0)
            m_pendingHighlight = caseId;
        return;
    }
    m_view->setCurrentIndex(m_model->index(row, 0));
    m_view->scrollTo(m_model->index(row, 0));
}

QStringList CaseListPanel::visibleCaseIds(int max) const
{
    QStringList out;
    for (int r = 0; r < m_model->rowCount() && out.size() < max; ++r)
        out << m_model->caseIdAt(r);
    return out;
}

} // namespace consilium
