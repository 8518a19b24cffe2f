// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/CaseStore.h"
#include "store/CompactResult.h"

#include <atomic>
#include <functional>
#include <optional>
#include <vector>

namespace consilium {

struct StoredEvaluation {
    qint64 id = 0;
    qint64 caseVersionId = 0;
    QString caseId;
    int version = 0;
    QString packSha256;
    QString packId;
    QString packVersion;
    QString engineVersion;
    QString evaluatedAt;
    CompactResult result;
};

struct ReevaluationSummary {
    qint64 total = 0;
    qint64 evaluated = 0;
    qint64 failed = 0;
    bool cancelled = false;
    double engineSeconds = 0; // parsing + evaluating, wall time on all worker threads
    double totalSeconds = 0; // end to end, including reading and storing
    QStringList failures; // "<case id>: <problem>"
};

using ProgressCallback = std::function<void(qint64 done, qint64 total)>;

// Evaluations of stored case versions: pack + engine version + time + compact result.
class Evaluations
{
public:
    explicit Evaluations(CaseStore &store);

    // A version that is not valid under the pack is the error StoreErrc::InvalidCase.
    StoreResult<StoredEvaluation> evaluateVersion(qint64 versionId, const RulePack &pack);
    StoreResult<StoredEvaluation> evaluateCase(const QString &caseId, const RulePack &pack);
    // Stores a result already computed for `version` with `pack` and this engine (e.g. the one
    // a decision pins), joining the caller's write transaction if there is one. Updates the
    // current verdicts when `version` is its case's latest, and is audited like evaluateVersion.
    StoreResult<StoredEvaluation> record(const CaseVersion &version, const RulePack &pack, const CompactResult &result);
    StoreResult<std::vector<StoredEvaluation>> evaluationsOf(const QString &caseId);

    // Re-evaluates the latest version of every case that is not archived, in batched write
    // transactions (each batch is complete or absent). `cancel` is checked between batches.
    ReevaluationSummary reevaluateAll(const RulePack &pack, const ProgressCallback &progress = {},
        const std::atomic<bool> *cancel = nullptr, int batchSize = 2000, int threads = 0);
    // The same on a connection of the calling thread's own (CaseStore::openCompanion), for a
    // worker thread while the writer's thread does not write: `progress` is called on the
    // worker. A connection that cannot be opened is the summary's one failure.
    // docs/store.md#re-evaluation-in-the-background
    static ReevaluationSummary reevaluateAllAt(const WriterCompanion &writer, const RulePack &pack,
        const ProgressCallback &progress = {}, const std::atomic<bool> *cancel = nullptr, int batchSize = 2000,
        int threads = 0);

private:
    CaseStore &m_store;
};

} // namespace consilium
