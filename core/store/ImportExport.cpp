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

std::optional<ImportSummary> importCases(CaseStore &store, const QString &path, const RulePack &pack, StoreError &error)
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
        error = { StoreErrc::Io, QStringLiteral("cannot read %1: no such file or directory").arg(path), {} };
        return std::nullopt;
    }
    ImportSummary summary;
    for (const QString &file : std::as_const(files)) {
        ImportFileOutcome outcome;
        outcome.file = file;
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly)) {
            outcome.problems << QStringLiteral("$: cannot read file: %1").arg(f.errorString());
        } else {
            const SaveOutcome saved = store.saveCase(f.readAll(), pack);
            outcome.caseId = saved.caseId;
            outcome.status = saved.status;
            outcome.version = saved.version;
            if (saved.status == SaveStatus::Rejected) {
                outcome.problems = store.lastError().details;
                if (outcome.problems.isEmpty())
                    outcome.problems << store.lastError().message;
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

std::optional<Written> writeCase(
    CaseStore &store, const QString &caseId, const QString &directory, StoreError &error, int version)
{
    std::optional<CaseVersion> v;
    if (version <= 0) {
        v = store.latestVersion(caseId);
    } else {
        for (const CaseVersion &candidate : store.versions(caseId)) {
            if (candidate.version == version)
                v = store.version(candidate.id);
        }
    }
    if (!v) {
        error = { StoreErrc::NotFound,
            version > 0 ? QStringLiteral("no version %1 of case %2").arg(version).arg(caseId)
                        : QStringLiteral("no case %1").arg(caseId),
            {} };
        return std::nullopt;
    }
    json::Document doc;
    if (!parseStored(v->content, doc)) {
        error = { StoreErrc::Corrupt,
            QStringLiteral("stored case %1 version %2 is not valid JSON").arg(caseId).arg(v->version), {} };
        return std::nullopt;
    }
    if (!QDir().mkpath(directory)) {
        error = { StoreErrc::Io, QStringLiteral("cannot create directory %1").arg(directory), {} };
        return std::nullopt;
    }
    const QString file = QDir(directory).filePath(fileNameFor(caseId));
    const QByteArray bytes = prettyJson(doc);
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) < 0 || !out.commit()) {
        error = { StoreErrc::Io, QStringLiteral("cannot write %1: %2").arg(file, out.errorString()), {} };
        return std::nullopt;
    }
    return Written { QFileInfo(file).absoluteFilePath(), sha256Hex(bytes), v->version, v->contentSha256 };
}

// One audit row for an export by a writer store (a read-only store cannot write one; the
// caller says so).
bool auditExport(CaseStore &store, const QString &action, const QString &objectType, const QString &objectId,
    const QString &before, const QString &after, const QString &detail, StoreError &error)
{
    if (!store.isWriter())
        return true;
    WriteTransaction tx(store);
    if (tx.ok() && store.audit(action, objectType, objectId, before, after, detail) && tx.commit())
        return true;
    error = { StoreErrc::Sql,
        QStringLiteral("the export was written but could not be recorded in the audit log: %1")
            .arg(store.lastError().message),
        {} };
    return false;
}

} // namespace

std::optional<QString> exportCase(
    CaseStore &store, const QString &caseId, const QString &directory, StoreError &error, int version)
{
    const auto w = writeCase(store, caseId, directory, error, version);
    if (!w)
        return std::nullopt;
    if (!auditExport(store, QStringLiteral("case.exported"), QStringLiteral("case"), caseId, w->contentSha256,
            w->fileSha256, QStringLiteral("version %1 to %2").arg(w->version).arg(w->file), error))
        return std::nullopt;
    return QDir(directory).filePath(fileNameFor(caseId));
}

std::optional<int> exportAll(CaseStore &store, const QString &directory, StoreError &error)
{
    int written = 0;
    QByteArray manifest; // "<file name> <sha256 of the file>\n" per case, in case id order
    for (const QString &id : store.allCaseIds(true)) {
        const auto w = writeCase(store, id, directory, error, 0);
        if (!w)
            return std::nullopt;
        manifest += QFileInfo(w->file).fileName().toUtf8() + ' ' + w->fileSha256.toLatin1() + '\n';
        ++written;
    }
    if (!auditExport(store, QStringLiteral("cases.exported"), QStringLiteral("database"),
            QFileInfo(store.path()).fileName(), {}, sha256Hex(manifest),
            QStringLiteral("%1 case(s) to %2 (after-hash: SHA-256 over \"<file> <file sha256>\" lines)")
                .arg(written)
                .arg(QFileInfo(directory).absoluteFilePath()),
            error))
        return std::nullopt;
    return written;
}

} // namespace consilium
