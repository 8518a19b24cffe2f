// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>
#include <Qt>

#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace consilium {

class CaseStore;

// One row of the case list.
struct CaseRow {
    QString caseId;
    QString label;
    QString disease;
    QString updatedAt;
    int version = 0;
    std::array<QString, 4> verdicts; // by arm, under the active pack; empty = not evaluated
    int undetermined = 0; // arms whose verdict is undetermined ("gaps")
};

enum class Readiness { Any, Ready, Gaps, NotEvaluated };

struct CaseQuerySpec {
    QString search; // case id or label contains (case-insensitive)
    QString disease; // exact, empty = any
    QString verdictGroup; // arm id, empty = any
    QString verdict; // verdict name for verdictGroup
    Readiness readiness = Readiness::Any;
    qint64 conference = 0; // listed for this conference, 0 = any
    QString packSha256; // the active pack
    int sortColumn = 0; // CaseListModel column
    Qt::SortOrder order = Qt::AscendingOrder;
    bool operator==(const CaseQuerySpec &) const = default;
};

// Read-only case-list queries with text search and sorting (adapter over the store's schema:
// CaseStore::listCases has neither, see the report). Pages are fetched by offset.
class CaseQuery
{
public:
    explicit CaseQuery(CaseStore &store);

    std::optional<qint64> count(const CaseQuerySpec &spec) const;
    // Counts on a worker thread with its own read-only connection and calls `done` on the
    // GUI thread (if `alive` is still true then): a filter change never waits for a count.
    void countAsync(const CaseQuerySpec &spec, std::shared_ptr<bool> alive, std::function<void(qint64)> done) const;
    std::vector<CaseRow> page(const CaseQuerySpec &spec, qint64 offset, int limit) const;
    QStringList diseases() const;
    std::vector<std::pair<qint64, QString>> conferences() const; // id, "held on · title"

private:
    struct Sql;
    Sql build(const CaseQuerySpec &spec) const;
    std::optional<qint64> packRef(const QString &sha256) const;
    CaseStore &m_store;
};

} // namespace consilium
