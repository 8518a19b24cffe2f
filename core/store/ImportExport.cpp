// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/ImportExport.h"

#include "case/CaseData.h"
#include "store/CanonicalJson.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace consilium {

namespace {

// A case id as a file name: kept as is when it is a plain name, otherwise percent-encoded.
QString fileNameFor(const QString &caseId)
{
    static const QByteArray plain("-._");
    QString name = QString::fromLatin1(caseId.toUtf8().toPercentEncoding(plain));
    if (name.startsWith(QLatin1Char('.')))
        name.replace(0, 1, QStringLiteral("%2E"));
    return name + QStringLiteral(".json");
}

} // namespace

StoreResult<ImportSummary> importCases(CaseStore &store, const QString &path, const RulePack &pack)
{
    const QFileInfo info(path);
    QStringList files;
    if (info.isDir()) {
        const QDir dir(path);
        for (const QString &name : dir.entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name))
            files << dir.filePath(name);
    } else if (info.isFile()) {
        files << path;
    } else {
        return storeFailure(StoreErrc::Io, QStringLiteral("cannot read %1: no such file or directory").arg(path));
    }
    ImportSummary summary;
    for (const QString &file : std::as_const(files)) {
        ImportFileOutcome outcome;
        outcome.file = file;
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly)) {
            outcome.problems << QStringLiteral("$: cannot read file: %1").arg(f.errorString());
        } else {
            const auto saved = store.saveCase(f.readAll(), pack);
            if (saved) {
                outcome.caseId = saved.value().caseId;
                outcome.status = saved.value().status;
                outcome.version = saved.value().version;
            } else {
                outcome.problems = saved.error().details;
                if (outcome.problems.isEmpty())
                    outcome.problems << saved.error().message;
            }
        }
        switch (outcome.status) {
        case SaveStatus::Added:
            ++summary.imported;
            break;
        case SaveStatus::Unchanged:
            ++summary.unchanged;
            break;
        case SaveStatus::Rejected:
            ++summary.rejected;
            break;
        }
        summary.files.push_back(std::move(outcome));
    }
    return summary;
}

namespace {

struct Written {
    QString file;
    QString fileSha256; // of the bytes written
    int version = 0;
    QString contentSha256;
};

// The latest version of a case, or the one numbered `version` (> 0).
StoreResult<CaseVersion> versionToExport(CaseStore &store, const QString &caseId, int version)
{
    if (version <= 0) {
        auto latest = store.latestVersion(caseId);
        if (!latest && latest.error().code == StoreErrc::NotFound)
            return storeFailure(StoreErrc::NotFound, QStringLiteral("no case %1").arg(caseId));
        return latest;
    }
    const auto all = store.versions(caseId);
    if (!all)
        return all.error();
    for (const CaseVersion &candidate : all.value()) {
        if (candidate.version == version)
            return store.version(candidate.id);
    }
    return storeFailure(StoreErrc::NotFound, QStringLiteral("no version %1 of case %2").arg(version).arg(caseId));
}

StoreResult<Written> writeCase(CaseStore &store, const QString &caseId, const QString &directory, int version)
{
    const auto found = versionToExport(store, caseId, version);
    if (!found)
        return found.error();
    const CaseVersion &v = found.value();
    json::Document doc;
    if (!parseStored(v.content, doc))
        return storeFailure(StoreErrc::Corrupt,
            QStringLiteral("stored case %1 version %2 is not valid JSON").arg(caseId).arg(v.version));
    if (!QDir().mkpath(directory))
        return storeFailure(StoreErrc::Io, QStringLiteral("cannot create directory %1").arg(directory));
    const QString file = QDir(directory).filePath(fileNameFor(caseId));
    const QByteArray bytes = prettyJson(doc);
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) < 0 || !out.commit())
        return storeFailure(StoreErrc::Io, QStringLiteral("cannot write %1: %2").arg(file, out.errorString()));
    return Written { QFileInfo(file).absoluteFilePath(), sha256Hex(bytes), v.version, v.contentSha256 };
}

// One audit row for an export by a writer store (a read-only store cannot write one; the
// caller says so).
StoreResult<void> auditExport(CaseStore &store, const QString &action, const QString &objectType,
    const QString &objectId, const QString &before, const QString &after, const QString &detail)
{
    if (!store.isWriter())
        return storeSuccess();
    WriteTransaction tx(store);
    StoreResult<void> done = tx.begun();
    if (done)
        done = store.audit(action, objectType, objectId, before, after, detail);
    if (done)
        done = tx.commit();
    if (done)
        return done;
    return storeFailure(StoreErrc::Sql,
        QStringLiteral("the export was written but could not be recorded in the audit log: %1")
            .arg(done.error().message));
}

} // namespace

StoreResult<QString> exportCase(CaseStore &store, const QString &caseId, const QString &directory, int version)
{
    const auto w = writeCase(store, caseId, directory, version);
    if (!w)
        return w.error();
    if (auto audited
        = auditExport(store, QStringLiteral("case.exported"), QStringLiteral("case"), caseId, w.value().contentSha256,
            w.value().fileSha256, QStringLiteral("version %1 to %2").arg(w.value().version).arg(w.value().file));
        !audited)
        return audited.error();
    return QDir(directory).filePath(fileNameFor(caseId));
}

StoreResult<int> exportAll(CaseStore &store, const QString &directory)
{
    const auto ids = store.allCaseIds(true);
    if (!ids)
        return ids.error();
    int written = 0;
    QByteArray manifest; // "<file name> <sha256 of the file>\n" per case, in case id order
    for (const QString &id : ids.value()) {
        const auto w = writeCase(store, id, directory, 0);
        if (!w)
            return w.error();
        manifest += QFileInfo(w.value().file).fileName().toUtf8() + ' ' + w.value().fileSha256.toLatin1() + '\n';
        ++written;
    }
    if (auto audited = auditExport(store, QStringLiteral("cases.exported"), QStringLiteral("database"),
            store.databaseName(), {}, sha256Hex(manifest),
            QStringLiteral("%1 case(s) to %2 (after-hash: SHA-256 over \"<file> <file sha256>\" lines)")
                .arg(written)
                .arg(QFileInfo(directory).absoluteFilePath()));
        !audited)
        return audited.error();
    return written;
}

} // namespace consilium
