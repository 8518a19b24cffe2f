// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/AuditLog.h"
#include "store/SqlDialect.h"
#include "store/StoreFile.h"
#include "store/StoreLocation.h"
#include "store/StoreResult.h"
#include "store/StoreTypes.h"
#include "json/StrictJson.h"

#include <QSqlDatabase>
#include <QString>

#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace consilium {

class RulePack;

struct StoreOptions {
    QString path; // empty: defaultDatabasePath()
    bool writer = true;
    bool create = true; // a writer may create a missing database
    int lockTimeoutMs = 5000; // a second writer waits this long, then is told who holds it
    Actor actor; // empty: Actor::fromEnvironment()
    Clock clock; // empty: the system clock (UTC)
};

struct CaseSummary {
    qint64 ref = 0;
    QString caseId;
    QString label;
    QString disease;
    QString createdAt;
    QString updatedAt;
    bool archived = false;
    int latestVersion = 0;
    qint64 latestVersionId = 0;
    std::map<QString, QString> verdicts; // arm or sub-option key -> verdict, under the pack asked for
    // option id -> verdict under that pack; an option without a row (an evaluation stored before
    // option verdicts were kept) is absent: not evaluated, never a verdict
    std::map<QString, QString> optionVerdicts;
};

struct CaseVersion {
    qint64 id = 0;
    QString caseId;
    int version = 0;
    QString createdAt;
    QString createdBy;
    QByteArray content; // consilium-case/1 JSON, compact
    QString contentSha256;
};

// Readiness of a case under the active pack (the case list's filter): every arm decided,
// some arm undetermined ("gaps"), or no evaluation stored under the pack.
enum class Readiness { Any, Ready, Gaps, NotEvaluated };

enum class CaseSort { CaseId, Label, Disease, Verdict, Updated };

// The one query over the case list, for the GUI and the CLI: search, filters, sort, paging.
struct CaseFilter {
    QString search; // case id or label contains (case-insensitive)
    QString disease; // exact, empty = any
    // "autologous_car_t", "standard_care/ahsct" or an option's optionGroupKey(id); empty = any verdict
    QString verdictGroup;
    QString verdict; // with verdictGroup
    Readiness readiness = Readiness::Any;
    qint64 conference = 0; // listed for this conference, 0 = any
    QString packSha256; // the active pack: verdicts shown and filtered under it
    bool includeArchived = false;
    CaseSort sort = CaseSort::CaseId; // then by case id
    QString sortGroup; // the verdict group CaseSort::Verdict sorts by (eligible first): any verdictGroup key
    bool descending = false;
    int limit = 50;
    int offset = 0;
    bool operator==(const CaseFilter &) const = default;
};

struct CasePage {
    qint64 total = 0;
    std::vector<CaseSummary> rows;
};

struct ConferenceEntry {
    qint64 id = 0;
    QString heldOn;
    QString title;
};

enum class SaveStatus { Added, Unchanged, Rejected };

struct SaveOutcome {
    SaveStatus status = SaveStatus::Rejected;
    QString caseId;
    qint64 versionId = 0;
    int version = 0;
    QString contentSha256;
};

// What a purge removed. `contentSha256` is the SHA-256 over every removed row (the case, its
// versions, evaluations, draft decisions with their roles, positions and overrides, and its
// conference listings, in a fixed order): the before-hash of the "purge" audit row.
struct PurgeOutcome {
    QString caseId;
    int versions = 0;
    int evaluations = 0;
    int draftDecisions = 0;
    int conferenceListings = 0;
    QString contentSha256;
    qint64 auditRow = 0;
};

// A writer's leave for one more connection of this process to its database, taken on the
// writer's thread (CaseStore::companion) and used on a worker thread (CaseStore::openCompanion):
// see docs/store.md#re-evaluation-in-the-background.
class WriterCompanion
{
public:
    const QString &path() const noexcept { return m_path; } // empty: the store was not a writer

private:
    friend class CaseStore;
    WriterCompanion() = default;
    QString m_path;
    Actor m_actor;
    QString m_login;
    Clock m_clock;
};

// The case store: one SQLite file (WAL, foreign keys, synchronous=FULL) holding versioned
// cases, evaluations, decisions and the audit log. Writers hold "<db>.lock"; readers do not.
// Or a PostgreSQL database (issue 13, docs/store.md#postgresql): no lock file, no head file.
class CaseStore
{
public:
    // The store, or why it cannot be opened (foreign, damaged, newer, locked, missing …).
    static StoreResult<std::unique_ptr<CaseStore>> open(const StoreOptions &options);
    ~CaseStore();
    CaseStore(const CaseStore &) = delete;
    CaseStore &operator=(const CaseStore &) = delete;

    const QString &path() const noexcept { return m_path; }
    // The database as audit rows name it: the file name, or the PostgreSQL database's name.
    QString databaseName() const;
    bool isWriter() const noexcept { return m_writer; }
    // On a PostgreSQL server (a team register, docs/store.md#postgresql), not a SQLite file.
    bool isPostgres() const noexcept { return m_postgres.has_value(); }
    const SqlDialect &dialect() const noexcept { return *m_dialect; }
    AuditLog &audit() noexcept { return *m_audit; }
    const Actor &actor() const noexcept { return m_actor; }
    // Who acts from now on (the user changed their name): versions, decisions, positions and
    // audit rows written afterwards carry it. An empty OS user is filled in from the environment.
    void setActor(const Actor &actor);
    // Who acts, as decisions, positions and overrides record it (created_by, recorded_by,
    // finalised_by): the chosen name on SQLite; on PostgreSQL the name with the database login,
    // "Dr Weber (weber)" — the login is who did it, the name only how they are shown.
    QString actorName() const;
    // The database login of a PostgreSQL store (session_user); empty on SQLite.
    const QString &login() const noexcept { return m_login; }
    QString timestamp() const; // now, ISO 8601 UTC with milliseconds
    // Every call that can fail returns StoreResult<T>: its value, or the StoreError saying why
    // there is none (StoreResult.h) — never a partial value, never an empty list for an error.
    StoreResult<int> schemaVersion() const;

    // Write transactions. commit() also publishes the audit head beside the database. A
    // transaction nested in another only counts; if an inner one rolled back (or an audit row
    // failed), the outer commit() rolls everything back and returns the error that caused it.
    // PostgreSQL, Begin::WithFirstStatement: the BEGIN is not sent on its own but in front of
    // the transaction's first statement, which takes it with takeDeferredBegin() — one round
    // trip fewer (saveCase). Should another statement reach the connection first, database()
    // sends the BEGIN before it.
    enum class Begin { Now, WithFirstStatement };
    StoreResult<void> begin(Begin when = Begin::Now);
    StoreResult<void> commit();
    void rollback();
    bool inTransaction() const noexcept { return m_inTransaction; }

    // Runs `body` (returning a StoreResult) in a write transaction and commits it. When this is
    // the outermost transaction and it failed with a transient error (a deadlock or a
    // serialization failure, StoreError::transient), it is rolled back and run again, at most
    // kWriteAttempts times in all (docs/store.md#concurrent-writers).
    static constexpr int kWriteAttempts = 5;
    template <class Body> auto retrying(Body &&body, Begin when = Begin::Now) -> decltype(body());
    // A failed statement's error as a StoreError, classified by the dialect: a lost connection
    // is StoreErrc::Unreachable (the next call reconnects), a lock not had within the busy
    // timeout StoreErrc::Locked, a deadlock or serialization failure is marked transient.
    StoreError sqlError(const QSqlError &error, const QString &message) const;
    // Opens the connection anew after the server was unreachable (also done by the first call
    // after a call failed with StoreErrc::Unreachable). SQLite: nothing to do.
    StoreResult<void> reconnect();

    // One audit row inside the current write transaction.
    StoreResult<void> audit(const QString &action, const QString &objectType, const QString &objectId,
        const QString &before, const QString &after, const QString &detail = {});

    // Validates against the pack and saves a new version unless the latest one holds an equal
    // JSON value (then nothing is written and the status is Unchanged). A rejected case is the
    // error StoreErrc::InvalidCase, one "<json path>: <reason>" line per problem in its details.
    // No lost update (docs/store.md#concurrent-writers): with `basedOnVersion` (the version the
    // editor opened; 0 for a case that is new to it) a save whose case's latest version is
    // another one is refused with StoreErrc::Conflict, naming who saved the newer version and
    // when, and nothing is written. The check and the insert run in one write transaction under
    // the case row's lock. nullopt: no check, the save becomes the next version (CLI import).
    StoreResult<SaveOutcome> saveCase(
        const QByteArray &json, const RulePack &pack, std::optional<int> basedOnVersion = std::nullopt);
    // Same, inside the caller's transaction, for an already validated document.
    StoreResult<SaveOutcome> saveValidated(const json::Value &doc, std::optional<int> basedOnVersion = std::nullopt);

    // A case or version that does not exist is the error StoreErrc::NotFound.
    StoreResult<CaseSummary> caseSummary(const QString &caseId);
    StoreResult<std::vector<CaseVersion>> versions(const QString &caseId, bool withContent = false);
    StoreResult<CaseVersion> version(qint64 versionId);
    StoreResult<CaseVersion> latestVersion(const QString &caseId);
    // The case list: how many cases match, and one page of them (filter.limit from
    // filter.offset) with their verdicts under filter.packSha256. An error is an error, never a
    // shorter page.
    StoreResult<qint64> countCases(const CaseFilter &filter);
    StoreResult<std::vector<CaseSummary>> findCases(const CaseFilter &filter);
    StoreResult<CasePage> queryCases(const CaseFilter &filter);
    // The same on a read-only connection of the calling thread's own, opened and closed within
    // the call: for a QtConcurrent worker (a connection is only used by the thread that made it).
    static StoreResult<qint64> countCasesAt(const QString &path, const CaseFilter &filter);
    static StoreResult<std::vector<CaseSummary>> findCasesAt(const QString &path, const CaseFilter &filter);
    // A second writing connection for a worker thread while this writer's thread does not
    // write (the modal re-evaluation after a pack switch; docs/store.md#re-evaluation-in-the-background).
    // companion() is called on this store's thread; openCompanion() on the worker, which uses
    // the store it returns there only and destroys it before this store closes. It takes no
    // lock of its own: this process already holds the writer lock. WAL: readers go on reading.
    WriterCompanion companion() const;
    static StoreResult<std::unique_ptr<CaseStore>> openCompanion(const WriterCompanion &writer);
    // The diseases of all stored cases, and the conferences newest first (list filters).
    StoreResult<QStringList> diseases();
    StoreResult<std::vector<ConferenceEntry>> conferenceList();
    StoreResult<QStringList> allCaseIds(bool includeArchived = true);
    StoreResult<void> setArchived(const QString &caseId, bool archived);
    // Removes an archived case for good, the one exception to "nothing is deleted": its
    // versions, evaluations, draft decisions and conference listings go in one write
    // transaction together with a "purge" audit row. `confirmation` must be the case id typed
    // again. Refused (StoreErrc::Refused) while the case is not archived, and while any
    // finalised decision rests on one of its versions (it must stay replayable). The audit log
    // and the guards on finalised decisions are not touched; the delete guards of
    // case_versions and evaluations are lifted inside the transaction only and put back,
    // unchanged, before it commits.
    StoreResult<PurgeOutcome> purgeCase(const QString &caseId, const QString &confirmation);

    // The setting that names the active pack by SHA-256 (chosen in the window, Session::activatePack;
    // the pack itself is in rule_packs). Not set: the built-in pack.
    static QString activePackSettingKey() { return QStringLiteral("gui.active_pack_sha256"); }
    // A setting that is not set is a success holding nullopt; an SQL failure is an error.
    StoreResult<std::optional<QString>> setting(const QString &key);
    StoreResult<void> setSetting(const QString &key, const QString &value);

    // Rule packs by id in rule_packs (stored on first use, immutable). packRef: nullopt when
    // the pack is not stored; packContent: StoreErrc::NotFound then.
    StoreResult<std::optional<qint64>> packRef(const QString &sha256);
    StoreResult<qint64> storePack(const RulePack &pack);
    StoreResult<QByteArray> packContent(const QString &sha256);

private:
    friend struct StoreConnection; // the store's own classes reach the connection through it
    QSqlDatabase database() const;
    // Reopens the connection (reconnect()), and reapplies its settings.
    bool reopen(QString &error) const;
    void pauseBeforeRetry(int attempt) const;
    CaseStore() = default;
    // Marks the open write transaction rollback-only: its outermost commit() rolls back and
    // returns `error` (the first such error wins).
    void abortTransaction(const StoreError &error);
    bool openConnection(const QString &file, bool readOnly, StoreError &error);
    bool initialiseNew(const StoreOptions &options, StoreError &error);
    bool prepareExisting(StoreError &error);
    // A store on a PostgreSQL database (StorePostgres.cpp): no file, no lock file, no head file.
    static StoreResult<std::unique_ptr<CaseStore>> openPostgres(
        const StoreOptions &options, const PostgresTarget &target);
    bool initialisePostgres(StoreError &error);
    void resyncAuditHead();
    // A new version of a case (and the case row itself when ref is 0), within saveValidated.
    struct NewVersion {
        qint64 ref = 0;
        QString caseId;
        QString label;
        QString disease;
        QByteArray content;
        QString sha;
        int previous = 0;
        std::optional<int> basedOn;
    };
    // "BEGIN; " while a deferred BEGIN has not been sent (begin(Begin::WithFirstStatement)),
    // else empty; either way it is not pending afterwards. Call it before database().
    QString takeDeferredBegin();

    StoreError raceOrError(const NewVersion &v, const QSqlError &error) const;
    StoreError conflict(const QString &caseId, int latest, const QString &by, const QString &at, int basedOn) const;
    StoreResult<void> insertVersion(NewVersion &v, SaveOutcome &out);
    // The deletions of purgeCase, with the delete guards lifted and put back (CasePurge.cpp).
    StoreResult<void> purgeRows(qint64 ref, const QString &caseId, const QString &decisionsOfCase,
        const QString &versionsOfCase, PurgeOutcome &out);
    void rollbackNow();

    QString m_path;
    QString m_connection;
    bool m_writer = false;
    bool m_inTransaction = false;
    bool m_rollbackOnly = false;
    mutable bool m_beginDeferred = false; // begin(Begin::WithFirstStatement): BEGIN not yet sent
    int m_depth = 0;
    std::unique_ptr<SqlDialect> m_dialect;
    std::optional<PostgresTarget> m_postgres; // set: the database is on PostgreSQL
    QString m_login; // PostgreSQL: session_user, the actor's account (setActor)
    std::unique_ptr<WriterLock> m_lock;
    std::unique_ptr<AuditLog> m_audit;
    Actor m_actor;
    Clock m_clock;
    StoreError m_rollbackError; // why the open transaction is rollback-only (abortTransaction)
    mutable bool m_connectionLost = false; // a call failed with StoreErrc::Unreachable: reconnect first
};

// A write transaction that rolls back unless committed. `begun()` is the result of begin():
// test it before writing (`if (!tx.begun()) return tx.begun().error();`).
class WriteTransaction
{
public:
    explicit WriteTransaction(CaseStore &store, CaseStore::Begin when = CaseStore::Begin::Now)
        : m_store(store), m_begun(store.begin(when))
    { }
    ~WriteTransaction()
    {
        if (m_begun && !m_done)
            m_store.rollback();
    }
    WriteTransaction(const WriteTransaction &) = delete;
    WriteTransaction &operator=(const WriteTransaction &) = delete;
    const StoreResult<void> &begun() const noexcept { return m_begun; }
    StoreResult<void> commit()
    {
        m_done = true;
        return m_store.commit();
    }

private:
    CaseStore &m_store;
    StoreResult<void> m_begun;
    bool m_done = false;
};

template <class Body> auto CaseStore::retrying(Body &&body, Begin when) -> decltype(body())
{
    const bool outermost = m_depth == 0;
    for (int attempt = 1;; ++attempt) {
        auto result = [&]() -> decltype(body()) {
            WriteTransaction tx(*this, when);
            if (!tx.begun())
                return tx.begun().error();
            auto done = body();
            if (!done)
                return done;
            if (auto committed = tx.commit(); !committed)
                return committed.error();
            return done;
        }();
        if (result || !outermost || !result.error().transient || attempt >= kWriteAttempts)
            return result;
        pauseBeforeRetry(attempt);
    }
}

} // namespace consilium
