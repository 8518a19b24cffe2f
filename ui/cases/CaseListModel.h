// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "cases/CaseQuery.h"

#include <QAbstractTableModel>

#include <vector>

namespace consilium {

// All cases of the store, fetched lazily in pages (canFetchMore/fetchMore), so 100k cases
// cost one count and one page until the user scrolls. Sorting and filtering re-query. Nothing
// of it runs on the GUI thread (docs/store.md#how-the-code-is-organised): each page is read by a
// QtConcurrent worker on a read-only connection of its own (CaseStore::findCasesAt) and
// inserted here when it arrives; the total is counted the same way (countCasesAt) once the
// first page shows that there is more than one page. A reload (filter, sort, pack or the
// cases changed) empties the list and starts a new generation: a page or count of an earlier
// generation is dropped. One page is in flight at a time; a failed page is reported
// (errorOccurred, lastError) and ends the fetching, so the list never poses as complete.
class CaseListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    // Option: the verdict of the option chosen in the filter (CaseQuerySpec::option), shown and
    // sorted like an arm's (the panel hides the column while no option is chosen).
    enum Column { CaseId, Label, Disease, Auto, Allo, Tce, Standard, Updated, Option, ColumnCount };
    enum Role { CaseIdRole = Qt::UserRole + 1, VerdictRole };
    static constexpr int kPageSize = 200;

    explicit CaseListModel(CaseStore &store, QObject *parent = nullptr);
    ~CaseListModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    const CaseQuerySpec &spec() const noexcept { return m_spec; }
    void setSpec(const CaseQuerySpec &spec);
    void setPackSha256(const QString &sha);
    // The header of the Option column: the chosen option's label in the interface language.
    void setOptionTitle(const QString &title);
    void reload();
    qint64 totalCount() const noexcept { return m_total; } // -1 while counting
    bool isExhausted() const noexcept { return m_exhausted; }
    bool isFetching() const noexcept { return m_fetching; } // a page of this generation is on its way
    QString caseIdAt(int row) const;
    int rowOf(const QString &caseId) const; // among the loaded rows, -1 if not loaded
    // The case open in the workspace: shown in bold, apart from the keyboard highlight.
    void setOpenCaseId(const QString &caseId);
    QString openCaseId() const { return m_openId; }
    QStringList diseases() const;
    std::vector<std::pair<qint64, QString>> conferences() const; // id, "held on · title"
    // The last error of a page or count ("" if none): the list then shows no partial page.
    QString lastError() const { return m_error; }

Q_SIGNALS:
    void totalCountChanged(qint64 total);
    // A page of the current generation arrived and its rows are in (or it failed).
    void pageLoaded();
    void errorOccurred(const QString &message);

private:
    struct Page {
        std::vector<CaseRow> rows;
        QString error;
        bool ok = false;
    };
    void requestPage();
    void insertPage(Page &&page, qint64 offset);
    void fail(const QString &message);
    void countInBackground();

    CaseStore &m_store;
    CaseQuerySpec m_spec;
    std::vector<CaseRow> m_rows;
    qint64 m_total = -1;
    bool m_exhausted = false;
    bool m_fetching = false;
    bool m_failed = false; // a page failed: no more fetching until the next reload
    int m_generation = 0;
    QString m_openId;
    QString m_error;
    QString m_optionTitle;
};

} // namespace consilium
