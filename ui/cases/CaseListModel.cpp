// SPDX-License-Identifier: GPL-3.0-or-later
#include "cases/CaseListModel.h"

#include "common/Labels.h"
#include "common/VerdictStyle.h"

#include <QDateTime>
#include <QFont>
#include <QFutureWatcher>
#include <QLocale>
#include <QtConcurrent/QtConcurrentRun>

namespace consilium {

namespace {

std::optional<Verdict> verdictOf(const QString &name)
{
    for (Verdict v : { Verdict::Eligible, Verdict::EligibleWithCautions, Verdict::Undetermined, Verdict::Ineligible,
             Verdict::NotApplicable }) {
        if (name == QLatin1String(toString(v).data()))
            return v;
    }
    return std::nullopt;
}

bool evaluated(const CaseRow &r)
{
    for (const QString &v : r.verdicts) {
        if (!v.isEmpty())
            return true;
    }
    return false;
}

} // namespace

CaseListModel::CaseListModel(CaseStore &store, QObject *parent) : QAbstractTableModel(parent), m_store(store) { }

// A count still running finishes on its worker; its watcher (a child) is gone, so nothing
// calls back.
CaseListModel::~CaseListModel() = default;

void CaseListModel::requestPage()
{
    m_fetching = true;
    const int generation = m_generation;
    const qint64 offset = qint64(m_rows.size());
    const QString path = m_store.path();
    const CaseFilter filter = m_spec.filter(offset, kPageSize);
    const QString option = m_spec.option();
    auto *watcher = new QFutureWatcher<Page>(this);
    connect(watcher, &QFutureWatcher<Page>::finished, this, [this, watcher, generation, offset] {
        watcher->deleteLater();
        // The query changed (or the list was reloaded) meanwhile: this page is stale. The offset
        // check is a second guard: rows are only ever appended where the page was asked for.
        if (generation != m_generation || offset != qint64(m_rows.size()))
            return;
        insertPage(watcher->result(), offset);
    });
    watcher->setFuture(QtConcurrent::run([path, filter, option] {
        Page page;
        auto found = CaseStore::findCasesAt(path, filter);
        if (!found) {
            page.error = found.error().message;
            return page;
        }
        page.ok = true;
        page.rows.reserve(found.value().size());
        for (const CaseSummary &s : found.value())
            page.rows.push_back(caseRowFrom(s, option));
        return page;
    }));
}

void CaseListModel::insertPage(Page &&page, qint64 offset)
{
    if (!page.ok) {
        m_fetching = false;
        fail(page.error);
        Q_EMIT pageLoaded();
        return;
    }
    m_exhausted = int(page.rows.size()) < kPageSize;
    if (!page.rows.empty()) {
        // Still "fetching" while the rows go in: a fetchMore() from a rowsAboutToBeInserted or
        // rowsInserted handler must not ask for this page again.
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(page.rows.size()) - 1);
        m_rows.insert(
            m_rows.end(), std::make_move_iterator(page.rows.begin()), std::make_move_iterator(page.rows.end()));
        endInsertRows();
    }
    m_fetching = false;
    if (offset == 0) {
        // One short first page is the whole list; otherwise a worker counts.
        if (m_exhausted) {
            m_total = qint64(m_rows.size());
            Q_EMIT totalCountChanged(m_total);
        } else {
            countInBackground();
        }
    }
    Q_EMIT pageLoaded();
}

void CaseListModel::fail(const QString &message)
{
    m_failed = true;
    m_error = message;
    qWarning("consilium: %s", qUtf8Printable(message));
    Q_EMIT errorOccurred(message);
}

void CaseListModel::countInBackground()
{
    struct Count {
        qint64 n = -1;
        QString error;
    };
    const int generation = m_generation;
    const QString path = m_store.path();
    const CaseFilter filter = m_spec.filter();
    auto *watcher = new QFutureWatcher<Count>(this);
    connect(watcher, &QFutureWatcher<Count>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return; // the query changed meanwhile: this count is stale
        const Count c = watcher->result();
        if (c.n < 0) {
            fail(c.error);
            return;
        }
        m_total = c.n;
        Q_EMIT totalCountChanged(c.n);
    });
    watcher->setFuture(QtConcurrent::run([path, filter] {
        const auto n = CaseStore::countCasesAt(path, filter);
        return n ? Count { n.value(), {} } : Count { -1, n.error().message };
    }));
}

QStringList CaseListModel::diseases() const
{
    return valueOr(m_store.diseases(), QStringList());
}

std::vector<std::pair<qint64, QString>> CaseListModel::conferences() const
{
    std::vector<std::pair<qint64, QString>> out;
    for (const ConferenceEntry &c : valueOr(m_store.conferenceList(), std::vector<ConferenceEntry>()))
        out.emplace_back(c.id, c.heldOn + QStringLiteral(" · ") + c.title);
    return out;
}

int CaseListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CaseListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CaseListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CaseRow &r = m_rows[std::size_t(index.row())];
    const int col = index.column();
    if (role == CaseIdRole)
        return r.caseId;
    if (role == Qt::FontRole && r.caseId == m_openId && !m_openId.isEmpty()) {
        QFont f;
        f.setBold(true);
        return f;
    }
    if ((col >= Auto && col <= Standard) || col == Option) {
        const QString &name = col == Option ? r.optionVerdict : r.verdicts[std::size_t(col - Auto)];
        const auto v = verdictOf(name);
        switch (role) {
        case Qt::DisplayRole:
            return v ? Labels::verdictIcon(*v) : QString();
        case Qt::ToolTipRole:
        case Qt::AccessibleTextRole:
            return (col == Option ? m_optionTitle : Labels::arm(col - Auto)) + QStringLiteral(": ")
                + Labels::verdictFromName(name);
        case Qt::DecorationRole:
            return v ? QVariant(VerdictStyle::icon(*v)) : QVariant();
        case VerdictRole:
            return name;
        case Qt::TextAlignmentRole:
            return int(Qt::AlignCenter);
        default:
            return {};
        }
    }
    const bool open = !m_openId.isEmpty() && r.caseId == m_openId;
    if (open && col == CaseId && (role == Qt::ToolTipRole || role == Qt::AccessibleDescriptionRole))
        return tr("%1: the open case").arg(r.caseId);
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (col) {
        case CaseId:
            return r.caseId;
        case Label:
            return r.label;
        case Disease:
            return r.disease;
        case Updated: {
            const QDateTime t = QDateTime::fromString(r.updatedAt, Qt::ISODateWithMs);
            return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : r.updatedAt;
        }
        default:
            return {};
        }
    }
    if (col == CaseId && role == Qt::DecorationRole) {
        // ● ready, ◐ gaps, ○ not evaluated (with text in the tooltip of the status).
        if (!evaluated(r))
            return VerdictStyle::stateIcon(CriterionState::NotApplicable);
        return r.undetermined > 0 ? VerdictStyle::icon(Verdict::Undetermined) : VerdictStyle::icon(Verdict::Eligible);
    }
    if (col == CaseId && role == Qt::StatusTipRole) {
        if (!evaluated(r))
            return tr("not evaluated");
        return r.undetermined > 0 ? tr("%n arm(s) undetermined", nullptr, r.undetermined) : tr("ready");
    }
    return {};
}

QVariant CaseListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole && section >= Auto && section <= Standard)
        return Labels::arm(section - Auto);
    if (role == Qt::ToolTipRole && section == Option)
        return m_optionTitle;
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case CaseId:
        return tr("Case");
    case Label:
        return tr("Label");
    case Disease:
        return tr("Disease");
    case Auto:
        return tr("Auto");
    case Allo:
        return tr("Allo");
    case Tce:
        return tr("TCE");
    case Standard:
        return tr("SoC");
    case Updated:
        return tr("Updated");
    case Option:
        return m_optionTitle.isEmpty() ? tr("Product/trial") : m_optionTitle;
    default:
        return {};
    }
}

void CaseListModel::setOptionTitle(const QString &title)
{
    if (title == m_optionTitle)
        return;
    m_optionTitle = title;
    Q_EMIT headerDataChanged(Qt::Horizontal, Option, Option);
}

bool CaseListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_exhausted && !m_failed;
}

void CaseListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent) || m_fetching)
        return; // one page in flight at a time: it arrives through insertPage
    requestPage();
}

void CaseListModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    CaseQuerySpec s = m_spec;
    s.sortColumn = column;
    s.order = order;
    setSpec(s);
}

void CaseListModel::setSpec(const CaseQuerySpec &spec)
{
    m_spec = spec;
    reload();
}

void CaseListModel::setPackSha256(const QString &sha)
{
    m_spec.packSha256 = sha;
    reload();
}

void CaseListModel::reload()
{
    // Empty now, rows as their page arrives: no filter change waits for the database, and no
    // row of the previous query stays on show under the new one.
    ++m_generation;
    beginResetModel();
    m_rows.clear();
    m_exhausted = false;
    m_failed = false;
    m_total = -1;
    m_error.clear();
    // Marked as fetching before the reset ends: a view (or QAbstractItemModelTester) that calls
    // fetchMore() from its modelReset handler starts no second request for the first page.
    m_fetching = true;
    endResetModel();
    requestPage();
}

QString CaseListModel::caseIdAt(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? m_rows[std::size_t(row)].caseId : QString();
}

void CaseListModel::setOpenCaseId(const QString &caseId)
{
    if (caseId == m_openId)
        return;
    const int before = rowOf(m_openId);
    m_openId = caseId;
    const int after = rowOf(m_openId);
    for (int row : { before, after }) {
        if (row >= 0)
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1), { Qt::FontRole, Qt::ToolTipRole });
    }
}

int CaseListModel::rowOf(const QString &caseId) const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].caseId == caseId)
            return int(i);
    }
    return -1;
}

} // namespace consilium
