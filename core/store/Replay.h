// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/CaseStore.h"
#include "store/Decisions.h"

#include <memory>

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

// A decision as it was decided: the decision, the content of its case version, and the rule
// pack pinned by hash, loaded from the store and checked against that hash (StoreErrc::InvalidPack
// when it no longer loads, Corrupt when it does not match).
struct PinnedDecision {
    Decision decision;
    QByteArray caseContent;
    std::unique_ptr<RulePack> pack;
};
StoreResult<PinnedDecision> pinnedDecision(CaseStore &store, qint64 decisionId);

// Re-evaluates a decision's case version with the rule pack pinned by hash (loaded from the
// store) and compares with the stored full result.
StoreResult<ReplayResult> replayDecision(CaseStore &store, qint64 decisionId);

// What would change today: the decision's case version evaluated with `current`, compared
// with the stored result (criteria states, verdicts, earliest dates).
StoreResult<QStringList> compareWithRules(CaseStore &store, qint64 decisionId, const RulePack &current);

// Readable semantic differences between two consilium-result/1 documents.
QStringList diffResults(const QByteArray &before, const QByteArray &after);

} // namespace consilium
