// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/CaseStore.h"

#include <QString>
#include <Qt>

#include <array>

namespace consilium {

// One row of the case list, as the view shows it.
struct CaseRow {
    QString caseId;
    QString label;
    QString disease;
    QString updatedAt;
    int version = 0;
    std::array<QString, 4> verdicts; // by arm, under the active pack; empty = not evaluated
    int undetermined = 0; // arms whose verdict is undetermined ("gaps")
    // The verdict of the option chosen in the filter (CaseQuerySpec::option); empty = not
    // evaluated (also an evaluation stored before option verdicts were kept), never a verdict.
    QString optionVerdict;
};

// What the case list shows: the panel's filters and the view's sort column. The store runs it
// (CaseStore::countCases/findCases, docs/store.md); the GUI holds no SQL.
struct CaseQuerySpec {
    QString search; // case id or label contains (case-insensitive)
    QString disease; // exact, empty = any
    QString verdictGroup; // arm id or an option's optionGroupKey, empty = any
    QString verdict; // verdict name for verdictGroup, empty = any
    Readiness readiness = Readiness::Any;
    qint64 conference = 0; // listed for this conference, 0 = any
    QString packSha256; // the active pack
    int sortColumn = 0; // CaseListModel column
    Qt::SortOrder order = Qt::AscendingOrder;
    bool operator==(const CaseQuerySpec &) const = default;

    // The store's query for a page of `limit` rows from `offset`.
    CaseFilter filter(qint64 offset = 0, int limit = 0) const;
    // The option chosen in the filter (its verdicts fill CaseListModel::Option), empty = none.
    QString option() const { return optionIdOfGroup(verdictGroup); }
};

// `option`: the id whose verdict goes into CaseRow::optionVerdict (empty = none).
CaseRow caseRowFrom(const CaseSummary &summary, const QString &option = {});

} // namespace consilium
