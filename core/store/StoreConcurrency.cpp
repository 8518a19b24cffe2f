// SPDX-License-Identifier: GPL-3.0-or-later
// Concurrent writers on one database (issue 13, docs/store.md#concurrent-writers): errors
// classified by the dialect, the bounded retry of transient failures, the case row's lock and
// the Conflict of a save against an outdated version, and reconnecting after the server was
// unreachable.
#include "store/CaseStore.h"
#include "store/SqlRows.h"

#include <QCoreApplication>
#include <QSqlError>
#include <QThread>

namespace consilium {

QSqlDatabase CaseStore::database() const
{
    // A call failed because the server went away: this one starts on a new connection. Never
    // inside a transaction (it died with the old connection; its owner rolls it back first).
    if (m_connectionLost && !m_inTransaction) {
        QString error;
        if (reopen(error))
            m_connectionLost = false;
    }
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (m_beginDeferred) { // a statement other than the one meant to carry the BEGIN: send it now
        m_beginDeferred = false;
        if (QSqlQuery begin(db); !begin.exec(m_dialect->beginWrite())) {
            // Nothing of the transaction may run outside it: this connection is given up, so
            // every statement fails until the owner rolls back and the next call reconnects.
            qWarning("consilium: cannot start a transaction: %s", qUtf8Printable(begin.lastError().text()));
            db.close();
            m_connectionLost = true;
        }
    }
    return db;
}

bool CaseStore::reopen(QString &error) const
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    db.close();
    if (!db.open()) {
        error = db.lastError().text();
        return false;
    }
    return m_dialect->configure(db, 5000, m_writer, error);
}

StoreResult<void> CaseStore::reconnect()
{
    if (m_inTransaction)
        return storeFailure(StoreErrc::Refused, QStringLiteral("cannot reconnect inside a transaction"));
    QString error;
    if (!reopen(error)) {
        m_connectionLost = true;
        return storeFailure(
            StoreErrc::Unreachable, QStringLiteral("the database %1 is unreachable: %2").arg(m_path, error));
    }
    m_connectionLost = false;
    return storeSuccess();
}

StoreError CaseStore::sqlError(const QSqlError &error, const QString &message) const
{
    const QString text = message.isEmpty() ? error.text() : QStringLiteral("%1: %2").arg(message, error.text());
    // Still lost: the connection could not be opened again (database()), so the statement was
    // not even sent (QSqlQuery reports no error for a closed connection).
    const SqlDialect::Failure failure
        = m_connectionLost ? SqlDialect::Failure::ConnectionLost : m_dialect->classify(error);
    switch (failure) {
    case SqlDialect::Failure::ConnectionLost:
        m_connectionLost = true;
        return { StoreErrc::Unreachable,
            QStringLiteral("the database %1 is unreachable (%2); nothing was saved by this action, the next "
                           "action reconnects")
                .arg(m_path,
                    error.text().trimmed().isEmpty() ? QStringLiteral("no connection") : error.text().trimmed()),
            {} };
    case SqlDialect::Failure::LockTimeout:
        return { StoreErrc::Locked,
            QStringLiteral("another writer held the rows this action needs for more than 5 seconds: %1").arg(text),
            {} };
    case SqlDialect::Failure::Transient:
        return { StoreErrc::Sql, text, {}, true };
    case SqlDialect::Failure::UniqueViolation:
    case SqlDialect::Failure::Other:
        break;
    }
    return { StoreErrc::Sql, text, {} };
}

void CaseStore::pauseBeforeRetry(int attempt) const
{
    // Writers that deadlocked would meet again at once: wait a little, longer each time, and
    // not the same time in every process.
    const qint64 ms = 5LL * attempt + (QCoreApplication::applicationPid() + attempt) % 7;
    QThread::msleep(static_cast<unsigned long>(ms));
}

QString CaseStore::takeDeferredBegin()
{
    if (!m_beginDeferred)
        return {};
    m_beginDeferred = false;
    return m_dialect->beginWrite() + QStringLiteral("; ");
}

StoreError CaseStore::conflict(
    const QString &caseId, int latest, const QString &by, const QString &at, int basedOn) const
{
    if (latest == 0)
        return { StoreErrc::Conflict,
            QStringLiteral("case %1 no longer exists (it was purged) since you opened version %2")
                .arg(caseId)
                .arg(basedOn),
            {} };
    const QString opened
        = basedOn == 0 ? QStringLiteral("started it as a new case") : QStringLiteral("opened version %1").arg(basedOn);
    return { StoreErrc::Conflict,
        QStringLiteral("case %1 was changed by %2 at %3 (version %4) since you %5; nothing was saved")
            .arg(caseId, by.isEmpty() ? QStringLiteral("another user") : by, at)
            .arg(latest)
            .arg(opened),
        {} };
}

} // namespace consilium
