// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/StoreChanges.h"

#include "store/AuditLog.h"
#include "store/StoreConnection.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDriver>

namespace consilium {

namespace {

const QString kType = QStringLiteral("type");
const QString kId = QStringLiteral("id");
const QString kAction = QStringLiteral("action");
const QString kBy = QStringLiteral("by");
const QString kAt = QStringLiteral("at");

} // namespace

StoreChanges::StoreChanges(CaseStore &store, QObject *parent) : QObject(parent), m_store(store) { }

QString StoreChanges::channel()
{
    return QStringLiteral("consilium_changes");
}

QString StoreChanges::payload(const AuditEntry &entry)
{
    // Well under PostgreSQL's 8000-byte limit: an id is a case id, a number or a setting key.
    const QJsonObject o { { kType, entry.objectType }, { kId, entry.objectId.left(1000) }, { kAction, entry.action },
        { kBy, Actor { entry.osUser, entry.displayName.left(200) }.label() }, { kAt, entry.at } };
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

StoreChange StoreChanges::parse(const QString &payload)
{
    const QJsonObject o = QJsonDocument::fromJson(payload.toUtf8()).object();
    return { o.value(kType).toString(), o.value(kId).toString(), o.value(kAction).toString(), o.value(kBy).toString(),
        o.value(kAt).toString() };
}

bool StoreChanges::listen()
{
    m_listening = false;
    if (!m_store.isPostgres())
        return false;
    QSqlDriver *driver = StoreConnection::of(m_store).driver();
    if (!driver)
        return false;
    // A driver replaced by a reconnect is a new object: connect to the current one once.
    QObject::disconnect(m_connection);
    m_connection = connect(driver, &QSqlDriver::notification, this,
        [this](const QString &name, QSqlDriver::NotificationSource source, const QVariant &value) {
            if (name != channel() || source == QSqlDriver::SelfSource)
                return;
            Q_EMIT changed(parse(value.toString()));
        });
    m_listening = driver->subscribedToNotifications().contains(channel()) || driver->subscribeToNotification(channel());
    return m_listening;
}

} // namespace consilium
