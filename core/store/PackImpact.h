// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/CaseStore.h"
#include "store/Evaluations.h"

#include <QDate>
#include <QString>

#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace consilium {

class RulePack;

// What a candidate rule pack would change in the case register (issue 15, docs/store.md#impact):
// the current version of every stored case (archived ones left out) evaluated under the active
// pack and under the candidate. Nothing is stored and nothing is activated.
struct PackImpact {
    // A verdict group by key: an arm ("autologous_car_t"), a sub-option ("standard_care/ahsct")
    // or an option ("option:<id>"), as in current_verdicts. "absent" stands for a group one of
    // the two packs does not have.
    struct Change {
        QString key;
        QString before;
        QString after;
    };
    struct StartShift {
        QString arm;
        std::optional<QDate> before; // nullopt: unknown
        std::optional<QDate> after;
    };
    struct CaseChange {
        QString caseId;
        int version = 0;
        std::vector<Change> verdicts; // the groups whose verdict changed
        std::vector<Change> criteria; // criterion id, state before/after (only changed ones)
        std::vector<StartShift> starts; // arms whose earliest start moved
    };

    qint64 total = 0; // cases looked at
    qint64 evaluated = 0; // evaluated under both packs
    QStringList failed; // "<case id>: why" (not valid under one of the packs)
    bool cancelled = false;
    // group key -> (before, after) -> number of cases, every case counted (unchanged ones too).
    std::map<QString, std::map<std::pair<QString, QString>, qint64>> transitions;
    // arm -> shift in days (after - before; only cases whose date moved and is known both times)
    // -> number of cases.
    std::map<QString, std::map<qint64, qint64>> startShifts;
    std::vector<CaseChange> changed; // in case-id order
};

// The pack activated for this database (CaseStore::activePackSettingKey()), loaded from
// rule_packs; nullptr when none is set or it is the built-in one. A stored pack that no longer
// loads is an error naming why.
StoreResult<std::shared_ptr<const RulePack>> storedActivePack(CaseStore &store);

// Evaluates every non-archived case's current version under `current` and `candidate`.
// `progress` is called every `batchSize` cases; `cancel` is read between batches (the report
// then covers the cases done so far, `cancelled` set).
StoreResult<PackImpact> packImpact(CaseStore &store, const RulePack &current, const RulePack &candidate,
    const ProgressCallback &progress = {}, const std::atomic<bool> *cancel = nullptr, int batchSize = 500);

// The same on a read-only connection of the calling thread's own to the database at `path`,
// opened and closed within the call: for a QtConcurrent worker (a connection is only used by the
// thread that made it; CaseStore::findCasesAt). Nothing is written.
StoreResult<PackImpact> packImpactAt(const QString &path, const RulePack &current, const RulePack &candidate,
    const ProgressCallback &progress = {}, const std::atomic<bool> *cancel = nullptr, int batchSize = 500);

} // namespace consilium
