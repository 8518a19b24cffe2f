// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/SqlDialect.h"
#include "store/StoreTypes.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

namespace consilium {

struct AuditEntry {
    qint64 id = 0;
    QString at;
    QString osUser;
    QString displayName;
    QString action; // e.g. "case.version_added", "decision.finalised"
    QString objectType; // "case", "decision", ...
    QString objectId;
    QString beforeHash; // state hash before the action ("" if none)
    QString afterHash;
    QString detail;
    QString prevHash;
    QString hash;
};

struct AuditHead {
    qint64 id = 0;
    QString hash;
};

struct AuditVerification {
    bool intact = true;
    qint64 rows = 0;
    qint64 firstBadRow = -1; // -1: none (or the problem is not a single row)
    QStringList problems; // first problem first; each names the row
    QStringList notes; // not tampering (e.g. a head file behind after a crash)
    AuditHead head;
};

// Append-only, hash-chained audit log: hash = SHA-256(previous hash + "\n" +
// canonical row). The chain head is also kept in "<db>.audit-head" beside the database so
// that removing rows from the end, or recomputing the whole chain, is detected too. A store on
// PostgreSQL has no file beside it: `sidecarPath` is empty and there is no head file (its log
// is protected by the roles' privileges; docs/store.md#postgresql). `serverAppend`
// (SqlDialect::auditAppend): the statement that appends a row on the server, under the
// chain's lock, in one round trip; empty: this class reads the head and inserts the row.
class AuditLog
{
public:
    AuditLog(const QSqlDatabase &db, QString sidecarPath, QString serverAppend = {});

    static QString genesisHash();
    // The JSON array [id, at, os_user, display_name, action, object_type, object_id,
    // before_hash, after_hash, detail] in UTF-8, without spaces.
    static QByteArray canonicalRow(const AuditEntry &e);
    // canonicalRow() after "[<id>,": what a server append hashes after the id it assigns.
    static QByteArray canonicalTail(const AuditEntry &e);
    static QString rowHash(const QString &prevHash, const AuditEntry &e);

    // A PostgreSQL notification sent by the statement that appends the row (pg_notify in the
    // same round trip; docs/store.md#performance-on-postgresql). Only a server append sends
    // one: SQLite has no notifications.
    struct Notice {
        QString channel;
        QString payload;
    };

    // Appends inside the caller's write transaction; the head file follows after commit.
    bool append(AuditEntry entry, QString &error, const Notice *notice = nullptr);
    // Server appends held back until COMMIT (CaseStore on PostgreSQL): append() keeps the
    // statement, and the owner of the transaction sends takeHeldBack() and COMMIT in one round
    // trip, so the chain's lock is held for the server's own work, not for a round trip to the
    // client and back while other saves queue behind it. Reading the log (head(), entries(),
    // verify()) sends what is held back first. An append that fails is reported by the commit.
    void holdBackUntilCommit(bool hold) { m_holdBack = hold; }
    QString takeHeldBack();
    // Called after COMMIT: writes the new head to the sidecar (atomically, QSaveFile).
    bool publishHead(QString &error);
    void discardPending()
    {
        m_pending.reset();
        m_heldBack.clear();
    }

    std::optional<AuditHead> head() const;
    static std::optional<AuditHead> readSidecar(const QString &path);
    static bool writeSidecar(const QString &path, const AuditHead &head, QString &error);
    const QString &sidecarPath() const noexcept { return m_sidecar; }

    AuditVerification verify(const SqlDialect &dialect) const;
    std::vector<AuditEntry> entries(qint64 fromId = 0, int limit = -1) const;

private:
    // The end of an intact chain against the head file (part of verify()).
    void verifyHeadFile(AuditVerification &r) const;
    // Sends the held-back appends before the log is read; false if one failed (the
    // transaction is then aborted, and its commit fails).
    bool sendHeldBack() const;

    QSqlDatabase m_db;
    QString m_sidecar;
    QString m_serverAppend;
    bool m_holdBack = false;
    // Statements of held-back appends, in order. Mutable: a read of the log sends them first.
    mutable QStringList m_heldBack;
    std::optional<AuditHead> m_pending;
};

} // namespace consilium
