// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/CaseStore.h"

#include "case/CaseData.h"
#include "engine/CaseEvaluation.h"
#include "rules/RulePack.h"
#include "store/CanonicalJson.h"
#include "store/Migrations.h"
#include "store/SqlRows.h"
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

void removeWithCompanions(const QString &file)
{
    for (const char *suffix : { "", "-wal", "-shm", "-journal" })
        QFile::remove(file + QLatin1String(suffix));
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

void CaseStore::setActor(const Actor &actor)
{
    m_actor = actor.osUser.isEmpty() ? Actor::fromEnvironment(actor.displayName) : actor;
}

std::unique_ptr<CaseStore> CaseStore::open(const StoreOptions &options, StoreError &error)
{
    // A URI is classified before anything touches the disk (docs/store.md#database-location).
    const StoreLocation location = parseStoreLocation(options.path);
    if (!location.isSupported()) {
        error = { StoreErrc::Unsupported, location.error, {} };
        return nullptr;
    }
    std::unique_ptr<CaseStore> store(new CaseStore);
    store->m_path = QFileInfo(location.path.isEmpty() ? defaultDatabasePath() : location.path).absoluteFilePath();
    store->m_writer = options.writer;
    store->m_dialect = SqlDialect::sqlite();
    store->m_actor = options.actor.osUser.isEmpty() ? Actor::fromEnvironment(options.actor.displayName) : options.actor;
    store->m_clock = options.clock ? options.clock : Clock([] { return QDateTime::currentDateTimeUtc(); });
    const QString &path = store->m_path;

    if (!QSqlDatabase::isDriverAvailable(store->m_dialect->driverName())) {
        error = { StoreErrc::Io, QStringLiteral("the Qt SQLite driver (QSQLITE) is not installed"), {} };
        return nullptr;
    }
    if (options.writer) {
        const QString dir = QFileInfo(path).absolutePath();
        if (!QDir().mkpath(dir)) {
            error = { StoreErrc::Io, QStringLiteral("cannot create directory %1").arg(dir), {} };
            return nullptr;
        }
        store->m_lock = std::make_unique<WriterLock>(path);
        QString message;
        if (!store->m_lock->acquire(options.lockTimeoutMs, message)) {
            error = { StoreErrc::Locked, message, {} };
            return nullptr;
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
            return nullptr;
        }
        if (!store->initialiseNew(options, error))
            return nullptr;
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
        return nullptr;
    case FileKind::NotSqlite:
        error = { StoreErrc::Foreign,
            QStringLiteral("%1 is not a Consilium database (not an SQLite file); it was left untouched").arg(path),
            {} };
        return nullptr;
    case FileKind::Unreadable:
        error = { StoreErrc::Io, QStringLiteral("cannot read %1: %2").arg(path, inspection.error), {} };
        return nullptr;
    }

    if (!store->openConnection(path, !options.writer, error))
        return nullptr;
    if (!store->prepareExisting(error))
        return nullptr;
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
    db.setDatabaseName(file);
    if (readOnly)
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
    if (!db.open()) {
        error = { StoreErrc::Io, QStringLiteral("cannot open %1: %2").arg(file, db.lastError().text()), {} };
        return false;
    }
    m_audit = std::make_unique<AuditLog>(db, auditHeadPathFor(m_path));
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
        ok = begin()
            && audit(QStringLiteral("database.created"), QStringLiteral("database"), QFileInfo(m_path).fileName(), {},
                {}, QStringLiteral("schema v%1").arg(Migrations::kCurrentVersion));
        if (!ok)
            message = m_error.message;
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
    {
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
    restrictToOwner(m_path);
    std::vector<int> applied;
    if (!Migrations::migrate(db, *m_dialect, Migrations::kCurrentVersion, message, &applied)) {
        error = { StoreErrc::Sql, QStringLiteral("%1: migration failed: %2").arg(m_path, message), {} };
        return false;
    }
    resyncAuditHead();
    if (!applied.empty()) {
        WriteTransaction tx(*this);
        for (int v : applied)
            audit(QStringLiteral("database.migrated"), QStringLiteral("database"), QFileInfo(m_path).fileName(), {}, {},
                QStringLiteral("schema v%1 -> v%2").arg(v - 1).arg(v));
        tx.commit();
    }
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
    audit(QStringLiteral("audit.head_resynced"), QStringLiteral("audit_log"), QString::number(head->id), sidecar->hash,
        head->hash, QStringLiteral("head file was at row %1, log at row %2").arg(sidecar->id).arg(head->id));
    tx.commit();
}

QString CaseStore::timestamp() const
{
    return m_clock().toUTC().toString(Qt::ISODateWithMs);
}

int CaseStore::schemaVersion() const
{
    return m_dialect->schemaVersion(database()).value_or(-1);
}

bool CaseStore::fail(StoreErrc code, const QString &message, const QStringList &details)
{
    m_error = { code, message, details };
    return false;
}

bool CaseStore::begin()
{
    const StoreCall call(*this);
    if (!m_writer)
        return fail(StoreErrc::Refused, QStringLiteral("the database is open read-only"));
    if (m_depth++ > 0)
        return true;
    QSqlQuery q(database());
    if (!q.exec(m_dialect->beginWrite())) {
        m_depth = 0;
        return fail(StoreErrc::Sql, QStringLiteral("cannot start a transaction: %1").arg(q.lastError().text()));
    }
    m_inTransaction = true;
    m_rollbackOnly = false;
    return true;
}

bool CaseStore::commit()
{
    const StoreCall call(*this, !m_rollbackOnly);
    if (m_depth <= 0)
        return fail(StoreErrc::Sql, QStringLiteral("commit without a transaction"));
    if (--m_depth > 0)
        return !m_rollbackOnly;
    if (m_rollbackOnly) {
        rollbackNow();
        return false;
    }
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("COMMIT"))) {
        const QString text = q.lastError().text();
        rollbackNow();
        return fail(StoreErrc::Sql, QStringLiteral("cannot commit: %1").arg(text));
    }
    m_inTransaction = false;
    QString message;
    if (!m_audit->publishHead(message))
        qWarning("consilium: %s", qUtf8Printable(message));
    return true;
}

void CaseStore::rollback()
{
    if (m_depth <= 0)
        return;
    if (--m_depth > 0) {
        m_rollbackOnly = true;
        return;
    }
    rollbackNow();
}

void CaseStore::rollbackNow()
{
    QSqlQuery(database()).exec(QStringLiteral("ROLLBACK"));
    m_inTransaction = false;
    m_rollbackOnly = false;
    m_depth = 0;
    m_audit->discardPending();
}

bool CaseStore::audit(const QString &action, const QString &objectType, const QString &objectId, const QString &before,
    const QString &after, const QString &detail)
{
    const StoreCall call(*this);
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
    QString message;
    if (!m_audit->append(std::move(e), message)) {
        m_rollbackOnly = true;
        return fail(StoreErrc::Sql, message);
    }
    return true;
}

std::optional<QString> CaseStore::setting(const QString &key)
{
    const StoreCall call(*this);
    SqlStatement q(database(), QStringLiteral("SELECT value FROM settings WHERE key = :key"));
    q.bind(QStringLiteral(":key"), key);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return q.text(QStringLiteral("value"));
}

bool CaseStore::setSetting(const QString &key, const QString &value)
{
    const StoreCall call(*this);
    const QString before = setting(key).value_or(QString());
    WriteTransaction tx(*this);
    if (!tx.ok())
        return false;
    SqlStatement q(database(),
        m_dialect->upsert(QStringLiteral("settings"), { QStringLiteral("key"), QStringLiteral("value") },
            { QStringLiteral("key") }, { QStringLiteral("value") }));
    q.bind(QStringLiteral(":key"), key).bind(QStringLiteral(":value"), notNull(value));
    if (!q.exec())
        return fail(StoreErrc::Sql, q.errorText());
    if (!audit(QStringLiteral("settings.changed"), QStringLiteral("setting"), key, sha256Hex(before.toUtf8()),
            sha256Hex(value.toUtf8()), value.left(500)))
        return false;
    return tx.commit();
}

std::optional<qint64> CaseStore::packRef(const QString &sha256)
{
    const StoreCall call(*this);
    SqlStatement q(database(), QStringLiteral("SELECT id FROM rule_packs WHERE sha256 = :sha256"));
    q.bind(QStringLiteral(":sha256"), sha256);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return q.int64(QStringLiteral("id"));
}

std::optional<qint64> CaseStore::storePack(const RulePack &pack)
{
    const StoreCall call(*this);
    if (const auto ref = packRef(pack.sha256()))
        return ref;
    WriteTransaction tx(*this);
    if (!tx.ok())
        return std::nullopt;
    SqlStatement q(database(),
        QStringLiteral("INSERT INTO rule_packs (sha256, pack_id, pack_version, content, stored_at)"
                       " VALUES (:sha256, :pack_id, :pack_version, :content, :stored_at)"));
    q.bind(QStringLiteral(":sha256"), pack.sha256()).bind(QStringLiteral(":pack_id"), pack.id());
    q.bind(QStringLiteral(":pack_version"), pack.version()).bind(QStringLiteral(":content"), pack.bytes());
    q.bind(QStringLiteral(":stored_at"), timestamp());
    if (!q.exec()) {
        fail(StoreErrc::Sql, q.errorText());
        return std::nullopt;
    }
    const qint64 ref = q.lastInsertId();
    if (!audit(QStringLiteral("rule_pack.stored"), QStringLiteral("rule_pack"), pack.sha256(), {}, pack.sha256(),
            QStringLiteral("%1 %2").arg(pack.id(), pack.version()))
        || !tx.commit())
        return std::nullopt;
    return ref;
}

std::optional<QByteArray> CaseStore::packContent(const QString &sha256)
{
    const StoreCall call(*this);
    SqlStatement q(database(), QStringLiteral("SELECT content FROM rule_packs WHERE sha256 = :sha256"));
    q.bind(QStringLiteral(":sha256"), sha256);
    if (!q.exec() || !q.next()) {
        fail(StoreErrc::NotFound, QStringLiteral("rule pack sha256:%1 is not stored").arg(sha256));
        return std::nullopt;
    }
    return q.value(QStringLiteral("content")).toByteArray();
}

} // namespace consilium
