// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/StoreFile.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QThread>

#include <array>

namespace consilium {

namespace {

constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
// The files SQLite keeps beside a database while it is in use (WAL mode, or a rollback journal).
constexpr std::array<const char *, 3> kCompanionSuffixes { "-wal", "-shm", "-journal" };

} // namespace

FileInspection inspectDatabaseFile(const QString &path)
{
    FileInspection r;
    const QFileInfo info(path);
    if (!info.exists()) {
        r.kind = FileKind::Missing;
        return r;
    }
    if (info.isDir()) {
        r.kind = FileKind::NotSqlite;
        r.error = QStringLiteral("%1 is a directory").arg(path);
        return r;
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        r.kind = FileKind::Unreadable;
        r.error = f.errorString();
        return r;
    }
    const QByteArray header = f.read(100);
    if (header.isEmpty() && f.size() == 0) {
        r.kind = FileKind::Empty;
        return r;
    }
    static const QByteArray magic("SQLite format 3\0", 16);
    if (header.size() < 100 || !header.startsWith(magic)) {
        r.kind = FileKind::NotSqlite;
        return r;
    }
    const auto *p = reinterpret_cast<const unsigned char *>(header.constData()) + 68;
    r.applicationId = qint64((quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | quint32(p[3]));
    if (r.applicationId == kApplicationId)
        r.kind = FileKind::Consilium;
    else if (r.applicationId == 0)
        r.kind = FileKind::BlankSqlite;
    else
        r.kind = FileKind::ForeignSqlite;
    return r;
}

bool restrictToOwner(const QString &databasePath)
{
    bool ok = QFile::setPermissions(databasePath, kOwnerOnly);
    for (const char *suffix : kCompanionSuffixes) {
        const QString companion = databasePath + QLatin1String(suffix);
        if (QFileInfo::exists(companion))
            ok = QFile::setPermissions(companion, kOwnerOnly) && ok;
    }
    return ok;
}

void removeWithCompanions(const QString &databasePath)
{
    QFile::remove(databasePath);
    for (const char *suffix : kCompanionSuffixes)
        QFile::remove(databasePath + QLatin1String(suffix));
}

bool createOwnerOnlyFile(const QString &path, QString &error)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        error = QStringLiteral("cannot create directory %1").arg(info.absolutePath());
        return false;
    }
    QFile f(path);
    // Created with owner-only permissions from the start: no window where others could open it.
    if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly, kOwnerOnly)) {
        error = QStringLiteral("cannot create %1: %2").arg(path, f.errorString());
        return false;
    }
    f.close();
    return QFile::setPermissions(path, kOwnerOnly);
}

QString defaultDatabasePath()
{
    // The AppDataLocation of the Consilium application, spelled out so that the CLI (application
    // name "consilium-cli") and the GUI share one database.
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
        + QStringLiteral("/consilium/consilium.sqlite");
}

QString lockPathFor(const QString &databasePath)
{
    return databasePath + QStringLiteral(".lock");
}

QString auditHeadPathFor(const QString &databasePath)
{
    return databasePath + QStringLiteral(".audit-head");
}

WriterLock::WriterLock(const QString &databasePath) : m_path(lockPathFor(databasePath)), m_lock(m_path)
{
    // A live holder keeps the lock however long it runs; only a dead process's lock is stale.
    m_lock.setStaleLockTime(0);
}

WriterLock::~WriterLock()
{
    release();
}

bool WriterLock::acquire(int timeoutMs, QString &message)
{
    QElapsedTimer waited;
    waited.start();
    for (;;) {
        if (m_lock.tryLock(0)) {
            QFile::setPermissions(m_path, kOwnerOnly);
            return true;
        }
        if (m_lock.error() != QLockFile::LockFailedError)
            break;
        // QLockFile takes over a lock whose process is gone. A lock file without readable
        // holder information (its writer was killed between creating and filling it) is
        // taken over once it is clearly not being written any more.
        if (holderOf(m_path).isEmpty()) {
            const QFileInfo info(m_path);
            if (info.exists() && info.lastModified().msecsTo(QDateTime::currentDateTime()) > 2000)
                m_lock.removeStaleLockFile();
        }
        if (waited.elapsed() >= timeoutMs)
            break;
        QThread::msleep(50);
    }
    switch (m_lock.error()) {
    case QLockFile::LockFailedError: {
        const QString holder = holderOf(m_path);
        message = holder.isEmpty()
            ? QStringLiteral("the database is in use by another program (lock file %1)").arg(m_path)
            : QStringLiteral("the database is in use by %1 (lock file %2); close it there "
                             "or try again later")
                  .arg(holder, m_path);
        break;
    }
    case QLockFile::PermissionError:
        message = QStringLiteral("cannot create the lock file %1: permission denied").arg(m_path);
        break;
    default:
        message = QStringLiteral("cannot lock the database (lock file %1)").arg(m_path);
        break;
    }
    return false;
}

void WriterLock::release()
{
    if (m_lock.isLocked())
        m_lock.unlock();
}

QString WriterLock::holderOf(const QString &lockPath)
{
    QLockFile probe(lockPath);
    qint64 pid = 0;
    QString host;
    QString app;
    if (!probe.getLockInfo(&pid, &host, &app))
        return {};
    QString user = QFileInfo(lockPath).owner();
    if (user.isEmpty())
        user = QStringLiteral("another user");
    return QStringLiteral("%1 on host %2 (pid %3%4)")
        .arg(user, host.isEmpty() ? QStringLiteral("?") : host)
        .arg(pid)
        .arg(app.isEmpty() ? QString() : QStringLiteral(", ") + app);
}

} // namespace consilium
