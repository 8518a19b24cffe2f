// SPDX-License-Identifier: GPL-3.0-or-later
// A second writing connection of this process for a worker thread
// (docs/store.md#re-evaluation-in-the-background).
#include "store/CaseStore.h"

namespace consilium {

WriterCompanion CaseStore::companion() const
{
    WriterCompanion c;
    if (m_writer && !m_connection.isEmpty()) {
        c.m_path = m_path;
        c.m_actor = m_actor;
        c.m_login = m_login;
        c.m_clock = m_clock;
    }
    return c;
}

StoreResult<std::unique_ptr<CaseStore>> CaseStore::openCompanion(const WriterCompanion &writer)
{
    if (writer.m_path.isEmpty())
        return storeFailure(StoreErrc::Refused, QStringLiteral("a second connection needs a store open for writing"));
    std::unique_ptr<CaseStore> store(new CaseStore);
    store->m_path = writer.m_path;
    store->m_writer = true;
    // The writer's path is a file, or a PostgreSQL location in its normal form (PostgresTarget::uri).
    const StoreLocation location = parseStoreLocation(writer.m_path);
    store->m_postgres = location.postgres;
    store->m_dialect = location.postgres ? SqlDialect::postgresql() : SqlDialect::sqlite();
    store->m_actor = writer.m_actor;
    store->m_login = writer.m_login; // the same login: same URI, same credentials
    store->m_clock = writer.m_clock;
    StoreError error;
    // The writer opened (and, if needed, migrated) the database: this connection only joins it.
    if (!store->openConnection(store->m_path, false, error))
        return boost::outcome_v2::failure(std::move(error));
    QString message;
    if (!store->m_dialect->configure(store->database(), 5000, true, message))
        return storeFailure(StoreErrc::Io, QStringLiteral("%1: %2").arg(store->m_path, message));
    return store;
}

} // namespace consilium
