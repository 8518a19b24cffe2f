// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLockFile>
#include <QString>

#include <memory>

namespace consilium {

// PRAGMA application_id of a Consilium database ("Cons").
inline constexpr qint64 kApplicationId = 0x436F6E73;

// What is at a database path, judged from its first 100 bytes without opening it with SQLite
// (so nothing is written to a file that is not ours).
enum class FileKind {
    Missing, // no file: create one
    Empty, // zero bytes: safe to initialise
    Consilium, // SQLite with our application_id
    BlankSqlite, // SQLite with application_id 0: ours only if its schema is empty
    ForeignSqlite, // SQLite belonging to another application
    NotSqlite, // any other file
    Unreadable
};

struct FileInspection {
    FileKind kind = FileKind::Missing;
    qint64 applicationId = 0;
    QString error;
};

FileInspection inspectDatabaseFile(const QString &path);

// Owner read/write only on the database and its -wal/-shm/-journal companions that exist.
bool restrictToOwner(const QString &databasePath);
// Removes a database file and its -wal/-shm/-journal companions (one being built and given up).
void removeWithCompanions(const QString &databasePath);
// Creates an empty file with owner-only permissions (the directory too, if needed).
bool createOwnerOnlyFile(const QString &path, QString &error);

// QStandardPaths::AppDataLocation of the "consilium" application + "/consilium.sqlite"
// (<GenericDataLocation>/consilium/consilium.sqlite), whichever program asks.
QString defaultDatabasePath();
QString lockPathFor(const QString &databasePath);
QString auditHeadPathFor(const QString &databasePath);

// One writer per database: a QLockFile "<db>.lock" naming the holder (user, host, pid).
// A lock left by a crashed process is detected as stale and taken over.
class WriterLock
{
public:
    explicit WriterLock(const QString &databasePath);
    ~WriterLock();
    WriterLock(const WriterLock &) = delete;
    WriterLock &operator=(const WriterLock &) = delete;

    // Waits up to timeoutMs; on failure `message` names who holds the database.
    bool acquire(int timeoutMs, QString &message);
    void release();
    bool isLocked() const { return m_lock.isLocked(); }

    // "alice on host ws12 (pid 4711, consilium-cli)" from the lock file, or empty.
    static QString holderOf(const QString &lockPath);

private:
    QString m_path;
    QLockFile m_lock;
};

} // namespace consilium
