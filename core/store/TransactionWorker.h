// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/CaseStore.h"

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace consilium {

// A writing connection of this process on a thread of its own (CaseStore::openCompanion) that
// runs one transaction at a time and ends it only when told to. Several of them let PostgreSQL
// work on several transactions at once while their caller commits them in the order it chooses
// (the re-evaluation of all cases: docs/store.md#performance-on-postgresql).
//
// Driven from one thread: opened(), then for each transaction start(), awaitWork() and
// finish(). The work runs on the worker's thread, with the worker's store.
class TransactionWorker
{
public:
    using Work = std::function<StoreResult<void>(CaseStore &)>;

    explicit TransactionWorker(const WriterCompanion &writer);
    // Rolls back a transaction that was not finished, closes the connection, joins the thread.
    ~TransactionWorker();
    TransactionWorker(const TransactionWorker &) = delete;
    TransactionWorker &operator=(const TransactionWorker &) = delete;

    // Waits until the connection is open: success, or why it could not be opened.
    StoreResult<void> opened();
    // Begins a write transaction on the worker and runs `work` in it. Only on an open worker
    // with no transaction started and not yet finished.
    void start(Work work);
    // Waits for the work of start(): its result, or that of the BEGIN. On success the
    // transaction stays open until finish(); on failure it has been rolled back.
    StoreResult<void> awaitWork();
    // Commits the transaction (`commit`, after successful work) or rolls it back, and waits:
    // the commit's result. The worker is then ready for the next start().
    StoreResult<void> finish(bool commit);

private:
    enum class Phase { Opening, Idle, Working, WorkDone, Finishing, Closed };

    void run(const WriterCompanion &writer);

    std::mutex m_mutex;
    std::condition_variable m_changed;
    Phase m_phase = Phase::Opening;
    bool m_quit = false;
    bool m_commit = false;
    Work m_work;
    StoreResult<void> m_opened = storeSuccess();
    StoreResult<void> m_result = storeSuccess();
    std::thread m_thread; // last: it starts once every member above exists
};

} // namespace consilium
