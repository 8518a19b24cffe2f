// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/TransactionWorker.h"

#include <optional>

namespace consilium {

TransactionWorker::TransactionWorker(const WriterCompanion &writer) : m_thread([this, writer] { run(writer); }) { }

TransactionWorker::~TransactionWorker()
{
    {
        const std::lock_guard lock(m_mutex);
        m_quit = true;
    }
    m_changed.notify_all();
    m_thread.join();
}

StoreResult<void> TransactionWorker::opened()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_phase != Phase::Opening; });
    return m_opened;
}

void TransactionWorker::start(Work work)
{
    {
        const std::lock_guard lock(m_mutex);
        Q_ASSERT(m_phase == Phase::Idle);
        m_work = std::move(work);
        m_phase = Phase::Working;
    }
    m_changed.notify_all();
}

StoreResult<void> TransactionWorker::awaitWork()
{
    std::unique_lock lock(m_mutex);
    Q_ASSERT(m_phase == Phase::Working || m_phase == Phase::WorkDone);
    m_changed.wait(lock, [this] { return m_phase == Phase::WorkDone; });
    return m_result;
}

StoreResult<void> TransactionWorker::finish(bool commit)
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_phase == Phase::WorkDone; });
    m_commit = commit;
    m_phase = Phase::Finishing;
    m_changed.notify_all();
    m_changed.wait(lock, [this] { return m_phase == Phase::Idle; });
    return m_result;
}

void TransactionWorker::run(const WriterCompanion &writer)
{
    // The connection is made, used and closed on this thread only.
    auto opening = CaseStore::openCompanion(writer);
    std::unique_lock lock(m_mutex);
    if (!opening) {
        m_opened = opening.error();
        m_phase = Phase::Closed;
        m_changed.notify_all();
        return;
    }
    const std::unique_ptr<CaseStore> store = std::move(opening).value();
    m_phase = Phase::Idle;
    m_changed.notify_all();
    for (;;) {
        m_changed.wait(lock, [this] { return m_quit || m_phase == Phase::Working; });
        if (m_quit)
            break;
        const Work work = std::move(m_work);
        m_work = nullptr;
        lock.unlock();
        std::optional<WriteTransaction> tx(std::in_place, *store);
        StoreResult<void> result = tx->begun();
        if (result)
            result = work(*store);
        if (!result)
            tx.reset(); // rolled back now, not when the caller gets round to finish()
        lock.lock();
        m_result = result;
        m_phase = Phase::WorkDone;
        m_changed.notify_all();
        m_changed.wait(lock, [this] { return m_quit || m_phase == Phase::Finishing; });
        const bool commit = m_commit && !m_quit && tx.has_value();
        lock.unlock();
        StoreResult<void> ended = result;
        if (commit)
            ended = tx->commit();
        tx.reset(); // a transaction not committed is rolled back
        lock.lock();
        m_result = ended;
        if (m_quit)
            break;
        m_phase = Phase::Idle;
        m_changed.notify_all();
    }
    m_phase = Phase::Closed;
    lock.unlock();
}

} // namespace consilium
