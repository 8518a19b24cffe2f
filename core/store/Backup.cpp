// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/Backup.h"
#include "store/SqlRows.h"
#include "store/StoreConnection.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QVariant>

namespace consilium {

namespace {

// Opens the snapshot read-only on its own connection and checks it: integrity, application id
// and a readable audit head, which becomes the head of the copy; counts its cases.
bool checkSnapshot(const CaseStore &store, BackupResult &result, StoreError &error)
{
    const QString connection = QStringLiteral("consilium-backup-check-%1").arg(quintptr(&result));
    {
        QSqlDatabase check = QSqlDatabase::addDatabase(store.dialect().driverName(), connection);
        check.setDatabaseName(result.path);
        check.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        bool ok = check.open();
        const QStringList problems
            = ok ? store.dialect().integrityProblems(check) : QStringList { check.lastError().text() };
        ok = ok && problems.isEmpty() && store.dialect().applicationId(check) == kApplicationId;
        if (ok) {
            AuditLog log(check, auditHeadPathFor(result.path));
            const auto head = log.head();
            ok = head.has_value();
            if (head)
                result.auditHead = *head;
            SqlStatement q(check, QStringLiteral("SELECT count(*) AS cases FROM cases"));
            if (q.exec() && q.next())
                result.cases = q.int64(QStringLiteral("cases"));
        }
        check.close();
        if (!ok) {
            error = { StoreErrc::Corrupt,
                QStringLiteral("the backup %1 did not pass its check: %2")
                    .arg(result.path, problems.join(QStringLiteral("; "))),
                {} };
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return !error;
}

// Writes the owner-only snapshot of the live database to `path` (VACUUM INTO, through the dialect).
bool writeSnapshot(CaseStore &store, const QString &path, StoreError &error)
{
    if (QFileInfo::exists(path)) {
        error = { StoreErrc::Refused, QStringLiteral("%1 already exists; choose a new file name").arg(path), {} };
        return false;
    }
    if (path == store.path()) {
        error = { StoreErrc::Refused, QStringLiteral("the backup cannot replace the database itself"), {} };
        return false;
    }
    QString message;
    // An empty owner-only file first: VACUUM INTO writes into it and keeps its permissions.
    if (!createOwnerOnlyFile(path, message)) {
        error = { StoreErrc::Io, message, {} };
        return false;
    }
    if (!store.dialect().snapshotTo(StoreConnection::of(store), path, message)) {
        QFile::remove(path);
        error = { StoreErrc::Io, QStringLiteral("backup to %1 failed: %2").arg(path, message), {} };
        return false;
    }
    restrictToOwner(path);
    return true;
}

// Records the backup in the live database's audit log (a writer only).
bool auditBackup(CaseStore &store, BackupResult &result, StoreError &error)
{
    WriteTransaction tx(store);
    StoreResult<void> audited = tx.begun();
    if (audited)
        audited = store.audit(QStringLiteral("database.backed_up"), QStringLiteral("database"), store.databaseName(),
            {}, result.sha256,
            QStringLiteral("backup to %1: %2 case(s), %3 bytes; its audit head row %4 sha256:%5")
                .arg(result.path)
                .arg(result.cases)
                .arg(result.bytes)
                .arg(result.auditHead.id)
                .arg(result.auditHead.hash));
    const qint64 row = audited ? store.audit().head().value_or(AuditHead {}).id : 0;
    if (audited)
        audited = tx.commit();
    if (!audited) {
        error = { StoreErrc::Sql,
            QStringLiteral("the backup %1 was written but could not be recorded in the audit log: %2")
                .arg(result.path, audited.error().message),
            {} };
        return false;
    }
    result.audited = true;
    result.auditRow = row;
    return true;
}

} // namespace

StoreResult<BackupResult> backupDatabase(CaseStore &store, const QString &target)
{
    StoreError error;
    const QString path = QFileInfo(target).absoluteFilePath();
    if (!writeSnapshot(store, path, error))
        return error;
    // Check the copy and give it its own audit head file, read from the snapshot itself so it
    // matches its rows exactly.
    BackupResult result;
    result.path = path;
    result.bytes = QFileInfo(path).size();
    if (!checkSnapshot(store, result, error))
        return error;
    QString message;
    if (!AuditLog::writeSidecar(auditHeadPathFor(path), result.auditHead, message))
        return storeFailure(StoreErrc::Io, message);
    QFile f(path);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!f.open(QIODevice::ReadOnly) || !hash.addData(&f))
        return storeFailure(
            StoreErrc::Io, QStringLiteral("cannot read back the backup %1: %2").arg(path, f.errorString()));
    result.sha256 = QString::fromLatin1(hash.result().toHex());
    if (store.isWriter() && !auditBackup(store, result, error))
        return error;
    return result;
}

} // namespace consilium
