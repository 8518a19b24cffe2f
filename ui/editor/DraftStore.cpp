// SPDX-License-Identifier: GPL-3.0-or-later
#include "editor/DraftStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QStandardPaths>

namespace consilium {

DraftStore::DraftStore(const QString &databasePath)
    : m_dir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/drafts"))
    , m_prefix(QString::fromLatin1(
          QCryptographicHash::hash(databasePath.toUtf8(), QCryptographicHash::Sha256).toHex().left(16)))
{ }

QString DraftStore::pathFor(const QString &caseKey) const
{
    const QByteArray key = QCryptographicHash::hash(caseKey.toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    return m_dir + QLatin1Char('/') + m_prefix + QLatin1Char('-') + QString::fromLatin1(key) + QStringLiteral(".json");
}

bool DraftStore::write(const QString &caseKey, const QByteArray &draft) const
{
    if (!QDir().mkpath(m_dir))
        return false;
    QSaveFile f(pathFor(caseKey));
    if (!f.open(QIODevice::WriteOnly))
        return false;
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    f.write(draft);
    return f.commit();
}

std::optional<QByteArray> DraftStore::read(const QString &caseKey) const
{
    QFile f(pathFor(caseKey));
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    return f.readAll();
}

void DraftStore::remove(const QString &caseKey) const
{
    QFile::remove(pathFor(caseKey));
}

} // namespace consilium
