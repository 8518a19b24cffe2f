// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/SqlDialect.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <vector>

namespace consilium {

// Schema versions, tracked by the dialect's schema version (PRAGMA user_version on SQLite).
// A step is never edited once released: databases in the field were built by it.
//   v1  cases, immutable case versions, rule packs, evaluations, current verdicts, audit log
//   v2  archive flag, site settings, conferences and decisions with their immutability rules
//   v3  who recorded each position (decision_positions.recorded_by; '' for older rows)
//   v4  follow-up records of finalised decisions (follow_ups, append-only; issue 14)
//   v5  the verdict index covers case_ref (current_verdicts_by_verdict_case; the list's verdict filters)
//   v6  verdict_groups; current_verdicts keyed by an integer group id, without evaluation_id
//   v7  PostgreSQL: consilium_audit_append, an audit row in one round trip (SQLite: nothing)
//   v8  PostgreSQL: current_verdicts without its foreign key to cases (SQLite: nothing)
class Migrations
{
public:
    static constexpr int kCurrentVersion = 8;

    // The statements of one step (1-based).
    static QStringList step(int version, const SqlDialect &dialect);
    // Applies each missing step up to `target` in its own write transaction together with the
    // new version number, so a crash leaves the database at a whole version.
    static bool migrate(const QSqlDatabase &db, const SqlDialect &dialect, int target, QString &error,
        std::vector<int> *applied = nullptr);
};

} // namespace consilium
