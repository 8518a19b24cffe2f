// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

namespace consilium {

class CaseStore;
struct AuditEntry;

// One change another client committed to the same PostgreSQL database (docs/store.md#live-refresh):
// what its audit row says — the object (type and id), the action, who and when.
struct StoreChange {
    QString objectType; // "case", "decision", "conference", "settings", "rule_pack", …
    QString objectId;
    QString action; // "case.saved", "decision.finalised", …
    QString by; // the actor as audit rows name them: "Dr Weber (weber)"
    QString at; // ISO 8601 UTC
};

// Live refresh on a team database (issue 13): every audited change sends a notification on the
// channel channel() in the transaction of the change (CaseStore::audit; PostgreSQL delivers it
// at COMMIT, never for a rollback). StoreChanges LISTENs on the store's connection
// (QSqlDriver::subscribeToNotification) and emits changed() for each change made by ANOTHER
// connection; this client's own changes are left out. Notifications sent while the connection
// was down are lost: after a reconnect call listen() again and re-read what is shown.
// On SQLite there is nothing to listen to: listen() returns false and nothing is emitted.
class StoreChanges : public QObject
{
    Q_OBJECT

public:
    explicit StoreChanges(CaseStore &store, QObject *parent = nullptr);

    static QString channel();
    // The notification's payload for an audit row (compact JSON; PostgreSQL allows 8000 bytes,
    // longer ids are cut, which only weakens the refresh, never the data).
    static QString payload(const AuditEntry &entry);
    static StoreChange parse(const QString &payload);

    // Subscribes the store's current connection; false on SQLite or when the server refuses.
    bool listen();
    bool isListening() const noexcept { return m_listening; }

Q_SIGNALS:
    void changed(const consilium::StoreChange &change);

private:
    CaseStore &m_store;
    bool m_listening = false;
    QMetaObject::Connection m_connection;
};

} // namespace consilium
