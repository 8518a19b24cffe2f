// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/AuditLog.h"
#include "store/SqlDialect.h"
#include "store/StoreFile.h"
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
    std::map<QString, QString> verdicts; // group key -> verdict, under the pack asked for
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
    QString verdictGroup; // "autologous_car_t" or "standard_care/ahsct"; empty = any verdict
    QString verdict; // with verdictGroup
    Readiness readiness = Readiness::Any;
    qint64 conference = 0; // listed for this conference, 0 = any
    QString packSha256; // the active pack: verdicts shown and filtered under it
    bool includeArchived = false;
    CaseSort sort = CaseSort::CaseId; // then by case id
    QString sortGroup; // the verdict group CaseSort::Verdict sorts by (eligible first)
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
    Clock m_clock;
};

// The case store: one SQLite file (WAL, foreign keys, synchronous=FULL) holding versioned
// cases, evaluations, decisions and the audit log. Writers hold "<db>.lock"; readers do not.
class CaseStore
{
public:
    static std::unique_ptr<CaseStore> open(const StoreOptions &options, StoreError &error);
    ~CaseStore();
    CaseStore(const CaseStore &) = delete;
    CaseStore &operator=(const CaseStore &) = delete;

    const QString &path() const noexcept { return m_path; }
    bool isWriter() const noexcept { return m_writer; }
    const SqlDialect &dialect() const noexcept { return *m_dialect; }
    AuditLog &audit() noexcept { return *m_audit; }
    const Actor &actor() const noexcept { return m_actor; }
    // Who acts from now on (the user changed their name): versions, decisions, positions and
    // audit rows written afterwards carry it. An empty OS user is filled in from the environment.
    void setActor(const Actor &actor);
    QString timestamp() const; // now, ISO 8601 UTC with milliseconds
    // Why the last store call failed (empty after a call that succeeded): every public call that
    // can fail — of CaseStore, Decisions and Evaluations — clears it when it starts (StoreCall),
    // so it never describes an earlier call. Read it right after the call that failed.
    const StoreError &lastError() const noexcept { return m_error; }
    int schemaVersion() const;

    // Write transactions. commit() also publishes the audit head beside the database.
    bool begin();
    bool commit();
    void rollback();
    bool inTransaction() const noexcept { return m_inTransaction; }

    // One audit row inside the current write transaction.
    bool audit(const QString &action, const QString &objectType, const QString &objectId, const QString &before,
        const QString &after, const QString &detail = {});

    // Validates against the pack and saves a new version unless the latest one holds an equal
    // JSON value (then nothing happens). Rejected: lastError() holds one line per problem.
    SaveOutcome saveCase(const QByteArray &json, const RulePack &pack);
    // Same, inside the caller's transaction, for an already validated document.
    SaveOutcome saveValidated(const json::Value &doc);

    std::optional<CaseSummary> caseSummary(const QString &caseId);
    std::vector<CaseVersion> versions(const QString &caseId, bool withContent = false);
    std::optional<CaseVersion> version(qint64 versionId);
    std::optional<CaseVersion> latestVersion(const QString &caseId);
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
    QStringList allCaseIds(bool includeArchived = true);
    bool setArchived(const QString &caseId, bool archived);
    // Removes an archived case for good, the one exception to "nothing is deleted": its
    // versions, evaluations, draft decisions and conference listings go in one write
    // transaction together with a "purge" audit row. `confirmation` must be the case id typed
    // again. Refused (StoreErrc::Refused) while the case is not archived, and while any
    // finalised decision rests on one of its versions (it must stay replayable). The audit log
    // and the guards on finalised decisions are not touched; the delete guards of
    // case_versions and evaluations are lifted inside the transaction only and put back,
    // unchanged, before it commits.
    std::optional<PurgeOutcome> purgeCase(const QString &caseId, const QString &confirmation);

    std::optional<QString> setting(const QString &key);
    bool setSetting(const QString &key, const QString &value);

    // Rule packs by id in rule_packs (stored on first use, immutable).
    std::optional<qint64> packRef(const QString &sha256);
    std::optional<qint64> storePack(const RulePack &pack);
    std::optional<QByteArray> packContent(const QString &sha256);

    bool fail(StoreErrc code, const QString &message, const QStringList &details = {});

private:
    friend struct StoreConnection; // the store's own classes reach the connection through it
    friend class StoreCall;
    QSqlDatabase database() const { return QSqlDatabase::database(m_connection, false); }
    CaseStore() = default;
    bool openConnection(const QString &file, bool readOnly, StoreError &error);
    bool initialiseNew(const StoreOptions &options, StoreError &error);
    bool prepareExisting(StoreError &error);
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
    };
    bool insertVersion(NewVersion &v, SaveOutcome &out);
    // The deletions of purgeCase, with the delete guards lifted and put back (CasePurge.cpp).
    bool purgeRows(qint64 ref, const QString &caseId, const QString &decisionsOfCase, const QString &versionsOfCase,
        PurgeOutcome &out);
    void rollbackNow();

    QString m_path;
    QString m_connection;
    bool m_writer = false;
    bool m_inTransaction = false;
    bool m_rollbackOnly = false;
    int m_depth = 0;
    std::unique_ptr<SqlDialect> m_dialect;
    std::unique_ptr<WriterLock> m_lock;
    std::unique_ptr<AuditLog> m_audit;
    Actor m_actor;
    Clock m_clock;
    StoreError m_error;
    int m_callDepth = 0; // public calls under way (StoreCall)
};

// One public store call, for its duration: the outermost one clears lastError() when it starts;
// calls it makes on the way (Decisions::open reading the case, …) keep what it recorded so far.
class StoreCall
{
public:
    // `clears` false: a call that only reports what an earlier one did (commit() of a
    // transaction that an inner failure marked rollback-only) leaves that earlier error in place.
    explicit StoreCall(CaseStore &store, bool clears = true) : m_store(store)
    {
        if (m_store.m_callDepth++ == 0 && clears)
            m_store.m_error = {};
    }
    ~StoreCall() { --m_store.m_callDepth; }
    StoreCall(const StoreCall &) = delete;
    StoreCall &operator=(const StoreCall &) = delete;

private:
    CaseStore &m_store;
};

// A write transaction that rolls back unless committed.
class WriteTransaction
{
public:
    explicit WriteTransaction(CaseStore &store) : m_store(store), m_ok(store.begin()) { }
    ~WriteTransaction()
    {
        if (m_ok && !m_done)
            m_store.rollback();
    }
    WriteTransaction(const WriteTransaction &) = delete;
    WriteTransaction &operator=(const WriteTransaction &) = delete;
    bool ok() const noexcept { return m_ok; }
    bool commit()
    {
        m_done = true;
        return m_store.commit();
    }

private:
    CaseStore &m_store;
    bool m_ok = false;
    bool m_done = false;
};

} // namespace consilium
