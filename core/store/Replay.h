// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/CaseStore.h"

#include <optional>

namespace consilium {

struct ReplayResult {
    qint64 decisionId = 0;
    bool identical = false; // byte for byte
    bool sameEngine = false; // stored engine version == this engine
    QByteArray stored;
    QByteArray replayed;
    QStringList differences; // readable, empty when identical
};

// Re-evaluates a decision's case version with the rule pack pinned by hash (loaded from the
// store) and compares with the stored full result.
StoreResult<ReplayResult> replayDecision(CaseStore &store, qint64 decisionId);

// What would change today: the decision's case version evaluated with `current`, compared
// with the stored result (criteria states, verdicts, earliest dates).
StoreResult<QStringList> compareWithRules(CaseStore &store, qint64 decisionId, const RulePack &current);

// Readable semantic differences between two consilium-result/1 documents.
QStringList diffResults(const QByteArray &before, const QByteArray &after);

} // namespace consilium
