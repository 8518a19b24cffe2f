// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/Backup.h"
#include "store/StoreConnection.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QVariant>

namespace consilium {

std::optional<BackupResult> backupDatabase(CaseStore &store, const QString &target, StoreError &error)
{
    const QString path = QFileInfo(target).absoluteFilePath();
    if (QFileInfo::exists(path)) {
        error = { StoreErrc::Refused, QStringLiteral("%1 already exists; choose a new file name").arg(path), {} };
        return std::nullopt;
    }
    if (path == store.path()) {
        error = { StoreErrc::Refused, QStringLiteral("the backup cannot replace the database itself"), {} };
        return std::nullopt;
    }
    QString message;
    // An empty owner-only file first: VACUUM INTO writes into it and keeps its permissions.
    if (!createOwnerOnlyFile(path, message)) {
        error = { StoreErrc::Io, message, {} };
        return std::nullopt;
    }
    QSqlDatabase db = StoreConnection::of(store);
    if (!store.dialect().snapshotTo(db, path, message)) {
        QFile::remove(path);
        error = { StoreErrc::Io, QStringLiteral("backup to %1 failed: %2").arg(path, message), {} };
        return std::nullopt;
    }
    restrictToOwner(path);

    // Check the copy and give it its own audit head file, read from the snapshot itself so it
    // matches its rows exactly.
    BackupResult result;
    result.path = path;
    result.bytes = QFileInfo(path).size();
    {
        const QString connection = QStringLiteral("consilium-backup-check-%1").arg(quintptr(&result));
        {
            QSqlDatabase check = QSqlDatabase::addDatabase(store.dialect().driverName(), connection);
            check.setDatabaseName(path);
            check.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
            bool ok = check.open();
            const QStringList problems = ok ? store.dialect().integrityProblems(check) : QStringList { message };
            ok = ok && problems.isEmpty() && store.dialect().applicationId(check) == kApplicationId;
            if (ok) {
                AuditLog log(check, auditHeadPathFor(path));
                const auto head = log.head();
                ok = head.has_value();
                if (head)
                    result.auditHead = *head;
                QSqlQuery q(check);
                if (q.exec(QStringLiteral("SELECT count(*) FROM cases")) && q.next())
                    result.cases = q.value(0).toLongLong();
            }
            check.close();
            if (!ok) {
                error = { StoreErrc::Corrupt,
                    QStringLiteral("the backup %1 did not pass its check: %2")
                        .arg(path, problems.join(QStringLiteral("; "))),
                    {} };
            }
        }
        QSqlDatabase::removeDatabase(connection);
        if (error)
            return std::nullopt;
    }
    if (!AuditLog::writeSidecar(auditHeadPathFor(path), result.auditHead, message)) {
        error = { StoreErrc::Io, message, {} };
        return std::nullopt;
    }
    {
        QFile f(path);
        QCryptographicHash hash(QCryptographicHash::Sha256);
        if (!f.open(QIODevice::ReadOnly) || !hash.addData(&f)) {
            error = { StoreErrc::Io, QStringLiteral("cannot read back the backup %1: %2").arg(path, f.errorString()),
                {} };
            return std::nullopt;
        }
        result.sha256 = QString::fromLatin1(hash.result().toHex());
    }
    if (!store.isWriter())
        return result;
    WriteTransaction tx(store);
    const bool audited = tx.ok()
        && store.audit(QStringLiteral("database.backed_up"), QStringLiteral("database"),
            QFileInfo(store.path()).fileName(), {}, result.sha256,
            QStringLiteral("backup to %1: %2 case(s), %3 bytes; its audit head row %4 sha256:%5")
                .arg(path)
                .arg(result.cases)
                .arg(result.bytes)
                .arg(result.auditHead.id)
                .arg(result.auditHead.hash));
    const qint64 row = audited ? store.audit().head().value_or(AuditHead {}).id : 0;
    if (!audited || !tx.commit()) {
        error = { StoreErrc::Sql,
            QStringLiteral("the backup %1 was written but could not be recorded in the audit log: %2")
                .arg(path, store.lastError().message),
            {} };
        return std::nullopt;
    }
    result.audited = true;
    result.auditRow = row;
    return result;
}

} // namespace consilium
