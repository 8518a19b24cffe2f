// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/CaseStore.h"

#include "case/CaseData.h"
#include "engine/CaseEvaluation.h"
#include "rules/RulePack.h"
#include "store/CanonicalJson.h"
#include "store/Migrations.h"
#include "store/SqlRows.h"
#include "store/StoreChanges.h"
#include "store/StoreLocation.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <atomic>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

namespace consilium {

namespace {

std::atomic<int> s_connectionCounter { 0 };

void warnIfFailed(const StoreResult<void> &result, const char *what)
{
    if (!result)
        qWarning("consilium: %s: %s", what, qUtf8Printable(result.error().message));
}

} // namespace

Actor Actor::fromEnvironment(const QString &displayName)
{
    Actor a;
    for (const char *variable : { "USER", "LOGNAME", "USERNAME" }) {
        if (a.osUser.isEmpty())
            a.osUser = qEnvironmentVariable(variable);
    }
#ifdef Q_OS_UNIX
    if (a.osUser.isEmpty()) {
        // No login variables (a service, a container): the account database knows the user.
        if (const passwd *pw = getpwuid(geteuid()); pw && pw->pw_name)
            a.osUser = QString::fromLocal8Bit(pw->pw_name);
    }
#endif
    if (a.osUser.isEmpty())
        a.osUser = QStringLiteral("unknown");
    a.displayName = displayName.isEmpty() ? a.osUser : displayName;
    return a;
}

QString Actor::label() const
{
    if (displayName.isEmpty() || displayName == osUser)
        return osUser;
    if (osUser == QLatin1String("unknown"))
        return displayName; // "Dr Weber", not "Dr Weber (unknown)"
    return QStringLiteral("%1 (%2)").arg(displayName, osUser);
}

void CaseStore::setActor(const Actor &actor)
{
    m_actor = actor.osUser.isEmpty() ? Actor::fromEnvironment(actor.displayName) : actor;
    // On PostgreSQL who acts is the database login, whatever the caller says (issue 13).
    if (m_postgres)
        m_actor.osUser = m_login;
}

QString CaseStore::actorName() const
{
    return m_postgres ? m_actor.label() : m_actor.displayName;
}

StoreResult<std::unique_ptr<CaseStore>> CaseStore::open(const StoreOptions &options)
{
    // A URI is classified before anything touches the disk (docs/store.md#database-location).
    const StoreLocation location = parseStoreLocation(options.path);
    if (location.postgres)
        return openPostgres(options, *location.postgres);
    if (!location.isSupported())
        return storeFailure(StoreErrc::Unsupported, location.error);
    StoreError error;
    std::unique_ptr<CaseStore> store(new CaseStore);
    store->m_path = QFileInfo(location.path.isEmpty() ? defaultDatabasePath() : location.path).absoluteFilePath();
    store->m_writer = options.writer;
    store->m_dialect = SqlDialect::sqlite();
    store->m_actor = options.actor.osUser.isEmpty() ? Actor::fromEnvironment(options.actor.displayName) : options.actor;
    store->m_clock = options.clock ? options.clock : Clock([] { return QDateTime::currentDateTimeUtc(); });
    const QString &path = store->m_path;

    if (!QSqlDatabase::isDriverAvailable(store->m_dialect->driverName())) {
        error = { StoreErrc::Io, QStringLiteral("the Qt SQLite driver (QSQLITE) is not installed"), {} };
        return error;
    }
    if (options.writer) {
        const QString dir = QFileInfo(path).absolutePath();
        if (!QDir().mkpath(dir)) {
            error = { StoreErrc::Io, QStringLiteral("cannot create directory %1").arg(dir), {} };
            return error;
        }
        store->m_lock = std::make_unique<WriterLock>(path);
        QString message;
        if (!store->m_lock->acquire(options.lockTimeoutMs, message)) {
            error = { StoreErrc::Locked, message, {} };
            return error;
        }
        // Creation files left by a process that died while creating the database are ours.
        const QFileInfo info(path);
        const QStringList leftovers
            = QDir(dir).entryList({ info.fileName() + QStringLiteral(".new-*") }, QDir::Files | QDir::Hidden);
        for (const QString &f : leftovers)
            QFile::remove(QDir(dir).filePath(f));
    }

    const FileInspection inspection = inspectDatabaseFile(path);
    switch (inspection.kind) {
    case FileKind::Missing:
    case FileKind::Empty:
        if (!options.writer || !options.create) {
            error = { StoreErrc::NotFound,
                QStringLiteral("no Consilium database at %1 (create one with: consilium-cli db init)").arg(path), {} };
            return error;
        }
        if (!store->initialiseNew(options, error))
            return error;
        break;
    case FileKind::Consilium:
        break;
    case FileKind::BlankSqlite:
    case FileKind::ForeignSqlite:
        error = { StoreErrc::Foreign,
            QStringLiteral("%1 is an SQLite database of another application (application_id 0x%2), not a "
                           "Consilium database; it was left untouched")
                .arg(path)
                .arg(inspection.applicationId, 8, 16, QLatin1Char('0')),
            {} };
        return error;
    case FileKind::NotSqlite:
        error = { StoreErrc::Foreign,
            QStringLiteral("%1 is not a Consilium database (not an SQLite file); it was left untouched").arg(path),
            {} };
        return error;
    case FileKind::Unreadable:
        error = { StoreErrc::Io, QStringLiteral("cannot read %1: %2").arg(path, inspection.error), {} };
        return error;
    }

    if (!store->openConnection(path, !options.writer, error))
        return error;
    if (!store->prepareExisting(error))
        return error;
    return store;
}

CaseStore::~CaseStore()
{
    m_audit.reset();
    if (!m_connection.isEmpty()) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connection, false);
            if (m_inTransaction)
                QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connection);
    }
}

bool CaseStore::openConnection(const QString &file, bool readOnly, StoreError &error)
{
    m_connection = QStringLiteral("consilium-store-%1-%2")
                       .arg(QCoreApplication::applicationPid())
                       .arg(s_connectionCounter.fetch_add(1));
    QSqlDatabase db = QSqlDatabase::addDatabase(m_dialect->driverName(), m_connection);
    if (m_postgres) {
        applyPostgresTarget(db, *m_postgres, readOnly ? m_dialect->readOnlyConnectOptions(5000) : QString());
    } else {
        db.setDatabaseName(file);
        if (readOnly)
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
    }
    if (!db.open()) {
        error = { StoreErrc::Io, QStringLiteral("cannot open %1: %2").arg(file, db.lastError().text()), {} };
        return false;
    }
    // A PostgreSQL store has no file beside which a head file could live (AuditLog.h).
    m_audit
        = std::make_unique<AuditLog>(db, m_postgres ? QString() : auditHeadPathFor(m_path), m_dialect->auditAppend());
    m_audit->holdBackUntilCommit(m_postgres.has_value());
    return true;
}

bool CaseStore::initialiseNew(const StoreOptions &options, StoreError &error)
{
    Q_UNUSED(options);
    // Built beside the target and renamed into place when complete: the database path only
    // ever holds a whole, initialised Consilium database.
    const QString tmp = m_path + QStringLiteral(".new-%1").arg(QCoreApplication::applicationPid());
    removeWithCompanions(tmp);
    QString message;
    if (!createOwnerOnlyFile(tmp, message)) {
        error = { StoreErrc::Io, message, {} };
        return false;
    }
    if (!openConnection(tmp, false, error))
        return false;
    QSqlDatabase db = database();
    bool ok = m_dialect->setApplicationId(db, kApplicationId);
    if (!ok)
        message = QStringLiteral("cannot set the application id: %1").arg(db.lastError().text());
    ok = ok && m_dialect->configure(db, 5000, true, message);
    std::vector<int> applied;
    if (ok)
        ok = Migrations::migrate(db, *m_dialect, Migrations::kCurrentVersion, message, &applied);
    if (ok) {
        auto audited = begin();
        if (audited)
            audited = audit(QStringLiteral("database.created"), QStringLiteral("database"), databaseName(), {}, {},
                QStringLiteral("schema v%1").arg(Migrations::kCurrentVersion));
        ok = bool(audited);
        if (!ok)
            message = audited.error().message;
        // Committed without publishing: the head file is written for the final path below.
        QSqlQuery commit(db);
        if (ok && !commit.exec(QStringLiteral("COMMIT"))) {
            ok = false;
            message = commit.lastError().text();
        }
        m_inTransaction = false;
        m_depth = 0;
    }
    const auto head = ok ? m_audit->head() : std::nullopt;
    m_audit->discardPending();
    m_audit.reset();
    db = QSqlDatabase();
    {
        QSqlDatabase c = QSqlDatabase::database(m_connection, false);
        c.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
    m_connection.clear();
    if (!ok || !head) {
        removeWithCompanions(tmp);
        error = { StoreErrc::Io, QStringLiteral("cannot initialise %1: %2").arg(m_path, message), {} };
        return false;
    }
    if (!AuditLog::writeSidecar(auditHeadPathFor(m_path), *head, message)) {
        removeWithCompanions(tmp);
        error = { StoreErrc::Io, message, {} };
        return false;
    }
    const QFileInfo existing(m_path);
    if (existing.exists() && existing.size() == 0)
        QFile::remove(m_path);
    if (!QFile::rename(tmp, m_path)) {
        removeWithCompanions(tmp);
        error = { StoreErrc::Io, QStringLiteral("cannot create %1").arg(m_path), {} };
        return false;
    }
    return true;
}

bool CaseStore::prepareExisting(StoreError &error)
{
    QSqlDatabase db = database();
    const auto appId = m_dialect->applicationId(db);
    if (!appId) {
        error = { StoreErrc::Corrupt,
            QStringLiteral("%1 cannot be read as a database: %2; it was left untouched")
                .arg(m_path, db.lastError().text()),
            {} };
        return false;
    }
    if (*appId != kApplicationId) {
        error = { StoreErrc::Foreign,
            QStringLiteral("%1 is not a Consilium database; it was left untouched").arg(m_path), {} };
        return false;
    }
    if (!m_postgres) {
        QSqlQuery probe(db);
        if (!probe.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !probe.next()) {
            error = { StoreErrc::Corrupt,
                QStringLiteral("%1 is damaged (%2); it was left untouched — restore it from a backup")
                    .arg(m_path, probe.lastError().text()),
                {} };
            return false;
        }
    }
    const auto version = m_dialect->schemaVersion(db);
    if (!version) {
        error = { StoreErrc::Corrupt, QStringLiteral("%1: cannot read the schema version").arg(m_path), {} };
        return false;
    }
    if (*version > Migrations::kCurrentVersion) {
        error = { StoreErrc::TooNew,
            QStringLiteral("%1 was written by a newer Consilium (schema v%2; this version knows up to v%3); "
                           "it was not opened — use a newer Consilium")
                .arg(m_path)
                .arg(*version)
                .arg(Migrations::kCurrentVersion),
            {} };
        return false;
    }
    QString message;
    if (!m_dialect->configure(db, 5000, m_writer, message)) {
        error = { StoreErrc::Io, QStringLiteral("%1: %2").arg(m_path, message), {} };
        return false;
    }
    if (!m_writer) {
        if (*version < Migrations::kCurrentVersion) {
            error = { StoreErrc::NeedsUpgrade,
                QStringLiteral("%1 has schema v%2 and needs an upgrade to v%3; open it for writing once "
                               "(e.g. consilium-cli db init)")
                    .arg(m_path)
                    .arg(*version)
                    .arg(Migrations::kCurrentVersion),
                {} };
            return false;
        }
        return true;
    }
    if (!m_postgres)
        restrictToOwner(m_path);
    std::vector<int> applied;
    if (!Migrations::migrate(db, *m_dialect, Migrations::kCurrentVersion, message, &applied)) {
        error = { StoreErrc::Sql, QStringLiteral("%1: migration failed: %2").arg(m_path, message), {} };
        return false;
    }
    resyncAuditHead();
    if (!applied.empty()) {
        WriteTransaction tx(*this);
        StoreResult<void> audited = tx.begun();
        for (int v : applied) {
            if (audited)
                audited = audit(QStringLiteral("database.migrated"), QStringLiteral("database"), databaseName(), {}, {},
                    QStringLiteral("schema v%1 -> v%2").arg(v - 1).arg(v));
        }
        // The migration itself is committed; a missing audit row is reported, not fatal.
        warnIfFailed(audited ? tx.commit() : audited, "the migration could not be recorded in the audit log");
    }
    if (!m_postgres)
        restrictToOwner(m_path);
    return true;
}

void CaseStore::resyncAuditHead()
{
    const auto sidecar = AuditLog::readSidecar(m_audit->sidecarPath());
    const auto head = m_audit->head();
    if (!sidecar || !head || sidecar->id >= head->id)
        return;
    // The head file lags only when a process died between COMMIT and writing it; bring it up
    // to date if the row it names is unchanged (otherwise verify-audit reports the mismatch).
    SqlStatement q(database(), QStringLiteral("SELECT hash FROM audit_log WHERE id = :id"));
    q.bind(QStringLiteral(":id"), sidecar->id);
    const bool matches = sidecar->id == 0 ? sidecar->hash == AuditLog::genesisHash()
                                          : (q.exec() && q.next() && q.text(QStringLiteral("hash")) == sidecar->hash);
    if (!matches)
        return;
    WriteTransaction tx(*this);
    StoreResult<void> audited = tx.begun();
    if (audited)
        audited = audit(QStringLiteral("audit.head_resynced"), QStringLiteral("audit_log"), QString::number(head->id),
            sidecar->hash, head->hash,
            QStringLiteral("head file was at row %1, log at row %2").arg(sidecar->id).arg(head->id));
    warnIfFailed(audited ? tx.commit() : audited, "the audit head file could not be brought up to date");
}

QString CaseStore::databaseName() const
{
    return m_postgres ? m_postgres->database : QFileInfo(m_path).fileName();
}

QString CaseStore::timestamp() const
{
    return m_clock().toUTC().toString(Qt::ISODateWithMs);
}

StoreResult<int> CaseStore::schemaVersion() const
{
    const auto version = m_dialect->schemaVersion(database());
    if (!version)
        return storeFailure(StoreErrc::Sql, QStringLiteral("%1: cannot read the schema version").arg(m_path));
    return *version;
}

StoreResult<void> CaseStore::begin(Begin when)
{
    if (!m_writer)
        return storeFailure(StoreErrc::Refused, QStringLiteral("the database is open read-only"));
    if (m_depth++ > 0)
        return storeSuccess();
    QSqlQuery q(database()); // a deferred BEGIN too: database() reconnects first if the server went away
    if (when == Begin::WithFirstStatement && m_postgres) {
        m_beginDeferred = true;
    } else if (!q.exec(m_dialect->beginWrite())) {
        m_depth = 0;
        return sqlError(q.lastError(), QStringLiteral("cannot start a transaction"));
    }
    m_inTransaction = true;
    m_rollbackOnly = false;
    m_rollbackError = {};
    return storeSuccess();
}

StoreResult<void> CaseStore::commit()
{
    if (m_depth <= 0)
        return storeFailure(StoreErrc::Sql, QStringLiteral("commit without a transaction"));
    if (--m_depth > 0) {
        if (m_rollbackOnly)
            return m_rollbackError;
        return storeSuccess();
    }
    if (m_rollbackOnly) {
        const StoreError error = m_rollbackError;
        rollbackNow();
        return error;
    }
    // PostgreSQL: this transaction's audit rows go with the COMMIT (AuditLog::holdBackUntilCommit).
    const QString audited = m_audit->takeHeldBack();
    if (m_beginDeferred && audited.isEmpty()) { // nothing was sent: nothing to commit
        m_beginDeferred = false;
        m_inTransaction = false;
        return storeSuccess();
    }
    const QString begun = takeDeferredBegin();
    QSqlQuery q(database());
    if (audited.isEmpty() ? !q.exec(QStringLiteral("COMMIT"))
                          : !execEach(q, begun + audited + QStringLiteral("; COMMIT"))) {
        const StoreError error = sqlError(q.lastError(),
            audited.isEmpty() ? QStringLiteral("cannot commit") : QStringLiteral("cannot commit with its audit rows"));
        rollbackNow();
        return error;
    }
    m_inTransaction = false;
    QString message;
    if (!m_audit->publishHead(message))
        qWarning("consilium: %s", qUtf8Printable(message));
    return storeSuccess();
}

void CaseStore::rollback()
{
    if (m_depth <= 0)
        return;
    if (--m_depth > 0) {
        abortTransaction({ StoreErrc::Refused, QStringLiteral("the transaction was rolled back"), {} });
        return;
    }
    rollbackNow();
}

void CaseStore::abortTransaction(const StoreError &error)
{
    if (!m_rollbackOnly)
        m_rollbackError = error;
    m_rollbackOnly = true;
}

void CaseStore::rollbackNow()
{
    if (m_beginDeferred) // nothing was sent
        m_beginDeferred = false;
    else
        QSqlQuery(database()).exec(QStringLiteral("ROLLBACK"));
    m_inTransaction = false;
    m_rollbackOnly = false;
    m_rollbackError = {};
    m_depth = 0;
    m_audit->discardPending();
}

StoreResult<void> CaseStore::audit(const QString &action, const QString &objectType, const QString &objectId,
    const QString &before, const QString &after, const QString &detail)
{
    AuditEntry e;
    e.at = timestamp();
    e.osUser = m_actor.osUser;
    e.displayName = m_actor.displayName;
    e.action = action;
    e.objectType = objectType;
    e.objectId = objectId;
    e.beforeHash = before;
    e.afterHash = after;
    e.detail = detail;
    // Every audited change is announced to the other clients of a PostgreSQL database
    // (StoreChanges, docs/store.md#live-refresh), by the statement that appends the audit row.
    // NOTIFY is transactional: it is delivered at COMMIT, and never if the change rolls back.
    AuditLog::Notice notice;
    if (m_postgres)
        notice = { StoreChanges::channel(), StoreChanges::payload(e) };
    QString message;
    if (!m_audit->append(std::move(e), message, m_postgres ? &notice : nullptr)) {
        const StoreError error { StoreErrc::Sql, message, {} };
        abortTransaction(error);
        return error;
    }
    return storeSuccess();
}

StoreResult<std::optional<QString>> CaseStore::setting(const QString &key)
{
    SqlStatement q(database(), QStringLiteral("SELECT value FROM settings WHERE key = :key"));
    q.bind(QStringLiteral(":key"), key);
    if (!q.exec())
        return storeFailure(StoreErrc::Sql, QStringLiteral("cannot read the setting %1: %2").arg(key, q.errorText()));
    if (!q.next())
        return std::optional<QString>();
    return std::optional<QString>(q.text(QStringLiteral("value")));
}

StoreResult<void> CaseStore::setSetting(const QString &key, const QString &value)
{
    const auto previous = setting(key);
    if (!previous)
        return previous.error();
    const QString before = previous.value().value_or(QString());
    WriteTransaction tx(*this);
    if (!tx.begun())
        return tx.begun().error();
    SqlStatement q(database(),
        m_dialect->upsert(QStringLiteral("settings"), { QStringLiteral("key"), QStringLiteral("value") },
            { QStringLiteral("key") }, { QStringLiteral("value") }));
    q.bind(QStringLiteral(":key"), key).bind(QStringLiteral(":value"), notNull(value));
    if (!q.exec())
        return storeFailure(StoreErrc::Sql, q.errorText());
    if (auto audited = audit(QStringLiteral("settings.changed"), QStringLiteral("setting"), key,
            sha256Hex(before.toUtf8()), sha256Hex(value.toUtf8()), value.left(500));
        !audited)
        return audited;
    return tx.commit();
}

StoreResult<std::optional<qint64>> CaseStore::packRef(const QString &sha256)
{
    SqlStatement q(database(), QStringLiteral("SELECT id FROM rule_packs WHERE sha256 = :sha256"));
    q.bind(QStringLiteral(":sha256"), sha256);
    if (!q.exec())
        return storeFailure(StoreErrc::Sql, q.errorText());
    if (!q.next())
        return std::optional<qint64>();
    return std::optional<qint64>(q.int64(QStringLiteral("id")));
}

StoreResult<qint64> CaseStore::storePack(const RulePack &pack)
{
    const auto known = packRef(pack.sha256());
    if (!known)
        return known.error();
    if (known.value())
        return *known.value();
    WriteTransaction tx(*this);
    if (!tx.begun())
        return tx.begun().error();
    // Another connection may be storing the same pack at this moment (two workstations that
    // activate it, or two writers of one re-evaluation): its row wins, this one waits for its
    // commit, inserts nothing and reads the id it committed (a statement of its own, so a
    // snapshot that sees it). Only the connection whose row it is audits it.
    SqlStatement q(database(),
        QStringLiteral("INSERT INTO rule_packs (sha256, pack_id, pack_version, content, stored_at)"
                       " VALUES (:sha256, :pack_id, :pack_version, :content, :stored_at)"
                       " ON CONFLICT (sha256) DO NOTHING RETURNING id"));
    q.bind(QStringLiteral(":sha256"), pack.sha256()).bind(QStringLiteral(":pack_id"), pack.id());
    q.bind(QStringLiteral(":pack_version"), pack.version()).bind(QStringLiteral(":content"), pack.bytes());
    q.bind(QStringLiteral(":stored_at"), timestamp());
    if (!q.exec())
        return storeFailure(StoreErrc::Sql, q.errorText());
    if (!q.next()) {
        q.finish();
        const auto stored = packRef(pack.sha256());
        if (!stored)
            return stored.error();
        if (!stored.value())
            return storeFailure(
                StoreErrc::Sql, QStringLiteral("rule pack sha256:%1 was neither stored nor found").arg(pack.sha256()));
        if (auto committed = tx.commit(); !committed)
            return committed.error();
        return *stored.value();
    }
    const qint64 ref = q.int64(QStringLiteral("id"));
    q.finish();
    if (auto audited = audit(QStringLiteral("rule_pack.stored"), QStringLiteral("rule_pack"), pack.sha256(), {},
            pack.sha256(), QStringLiteral("%1 %2").arg(pack.id(), pack.version()));
        !audited)
        return audited.error();
    if (auto committed = tx.commit(); !committed)
        return committed.error();
    return ref;
}

StoreResult<QByteArray> CaseStore::packContent(const QString &sha256)
{
    SqlStatement q(database(), QStringLiteral("SELECT content FROM rule_packs WHERE sha256 = :sha256"));
    q.bind(QStringLiteral(":sha256"), sha256);
    if (!q.exec())
        return storeFailure(StoreErrc::Sql, q.errorText());
    if (!q.next())
        return storeFailure(StoreErrc::NotFound, QStringLiteral("rule pack sha256:%1 is not stored").arg(sha256));
    return q.value(QStringLiteral("content")).toByteArray();
}

} // namespace consilium
