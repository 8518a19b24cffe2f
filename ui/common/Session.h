// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/PackProvenance.h"
#include "engine/Engine.h"
#include "rules/RulePack.h"
#include "store/CaseStore.h"
#include "store/Decisions.h"
#include "store/Evaluations.h"
#include "store/FollowUps.h"
#include "store/SiteOptions.h"
#include "store/StoreChanges.h"

#include <QDate>
#include <QObject>

class QTimer;

#include <atomic>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace consilium {

// How the stored cases are re-evaluated after an activation: in batches, each one its own
// write transaction, all of it on a worker thread with a connection of its own while the
// session's thread runs its event loop (docs/store.md#re-evaluation-in-the-background);
// `progress` is called on the session's thread after each batch, the worker waiting for it to
// return, and `cancel` is read between batches. The caller keeps the user from writing
// meanwhile (PackDialog: a modal QProgressDialog).
struct PackReevaluation {
    ProgressCallback progress;
    const std::atomic<bool> *cancel = nullptr;
    int batchSize = 250;
};

// One open database with the active rule pack and its engine: what every screen works on.
// "Today" is injectable (tests, screenshots); it only supplies the as-of date of new cases.
class Session : public QObject
{
    Q_OBJECT

public:
    struct Options {
        QString databasePath; // empty: the store's default location
        QString displayName;
        bool writer = true; // false: read-only (another instance writes)
        std::function<QDate()> today;
    };

    static std::unique_ptr<Session> open(const Options &options, StoreError &error);
    ~Session() override;

    CaseStore &store() noexcept { return *m_store; }
    Evaluations &evaluations() noexcept { return *m_evaluations; }
    Decisions &decisions() noexcept { return *m_decisions; }
    // Follow-up records of finalised decisions (issue 14): written through the session's store,
    // so they are audited and, on PostgreSQL, announced to the other workstations.
    FollowUps &followUps() noexcept { return *m_followUps; }
    // The active pack and its engine. The session owns them (shared with whoever holds a
    // pointer); a pack that is replaced, and its engine, stay alive until the session closes,
    // so a view that has not yet re-bound on packChanged() never refers to freed memory.
    const RulePack &pack() const noexcept { return *m_pack; }
    const Engine &engine() const noexcept { return *m_engine; }
    std::shared_ptr<const RulePack> packPtr() const noexcept { return m_pack; }
    std::shared_ptr<const Engine> enginePtr() const noexcept { return m_engine; }
    bool isBuiltinPack() const noexcept { return m_pack->sha256() == RulePack::builtin().sha256(); }
    // How the active pack came to be loaded (built-in, signed by a trusted key, or by override).
    const PackProvenance &packProvenance() const noexcept { return m_provenance; }
    QString databasePath() const { return m_store->path(); }

    QDate today() const { return m_today ? m_today() : QDate::currentDate(); }

    // The name the user chose (Settings or the first-run prompt); empty until they give one.
    // Versions, decisions, positions and audit rows written after a change carry the new name
    // at once, without reopening the database.
    QString userName() const { return m_userName; }
    void setUserName(const QString &name);
    void setToday(std::function<QDate()> today) { m_today = std::move(today); }

    // A site pack loaded although it is not signed by a trusted key (issue 6).
    struct PackOverride {
        QString warning; // the importer's warning (recorded in the audit log)
        QString reason; // the user's reason for the override (required)
    };

    using Reevaluation = PackReevaluation;

    // Makes a validated site pack the active one (nullptr: back to the built-in pack), remembers
    // it in the database and re-evaluates the cases under it. With `signatureOverride`, the
    // override is recorded in the audit log in the same transaction
    // ("rule_pack.signature_overridden"); it needs a writable database and a reason.
    // `signer`: the fingerprint of the trusted key that signed the pack (shown with the verdicts).
    // The pack is active once this returns true, also when the re-evaluation was cancelled:
    // the batches written by then hold their verdicts, the other cases show as not evaluated
    // under the new pack until it is activated again (lastReevaluation() says how far it got).
    bool activatePack(std::unique_ptr<RulePack> pack, QString &error, const PackOverride *signatureOverride = nullptr,
        const QString &signer = {}, const Reevaluation &reevaluation = {});
    // What the last activation's re-evaluation did (total, evaluated, failed, cancelled).
    const ReevaluationSummary &lastReevaluation() const noexcept { return m_lastReevaluation; }
    // The reason the active pack was loaded without a trusted signature; empty if it was not.
    QString packOverrideReason() const { return m_provenance.reason; }

    // Saves a case document as a new version and evaluates it under the active pack.
    SaveOutcome saveCase(const QByteArray &json, QStringList &problems);
    // The same for an editor that opened version `basedOnVersion`: a newer version saved by
    // someone else meanwhile is the error StoreErrc::Conflict and nothing is written (issue 13).
    StoreResult<SaveOutcome> saveCaseBasedOn(const QByteArray &json, std::optional<int> basedOnVersion);

    void notifyCasesChanged() { Q_EMIT casesChanged(); }

    // Which options this centre offers (the site setting SiteOptions::settingKey(), shared by
    // every workstation on the database). A setting that cannot be read or is malformed counts
    // as nothing stated, and siteOptionsProblem() says why.
    const SiteOptions &siteOptions() const noexcept { return m_siteOptions; }
    QString siteOptionsProblem() const { return m_siteOptionsProblem; }
    // Stores a new site setting (audited as "settings.changed"); emits siteOptionsChanged().
    StoreResult<void> setSiteOptions(const SiteOptions &options);
    // Reads the setting again (another workstation may have changed it).
    void reloadSiteOptions();

    // Live refresh on a team database (issue 13, docs/store.md#live-refresh): true when this
    // session hears the changes other workstations commit (PostgreSQL). Each one is emitted as
    // remoteChange(); a burst of changes to cases becomes one casesChanged() shortly after; a
    // changed site setting is read again (siteOptionsChanged()).
    bool isLive() const;
    // Listens again after the connection was re-established and re-reads what the views show
    // (notifications sent while it was down are lost).
    void relisten();
    // A team database is checked every `ms` (default 3 s): a lost connection is announced with
    // connectionChanged(false, why) and re-opened on the following checks; once it is back,
    // the session listens again, re-reads what the views show and announces connectionChanged(true).
    void setConnectionCheckInterval(int ms);
    bool isConnected() const noexcept { return m_connected; }

Q_SIGNALS:
    void packChanged();
    void casesChanged();
    void userChanged();
    void siteOptionsChanged();
    void remoteChange(const consilium::StoreChange &change);
    void connectionChanged(bool connected, const QString &message);

private:
    Session() = default;
    void startLiveRefresh();
    ReevaluationSummary reevaluateInBackground(const Reevaluation &reevaluation);

    std::unique_ptr<CaseStore> m_store;
    std::unique_ptr<Evaluations> m_evaluations;
    std::unique_ptr<Decisions> m_decisions;
    std::unique_ptr<FollowUps> m_followUps;
    std::shared_ptr<const RulePack> m_pack;
    SiteOptions m_siteOptions;
    QString m_siteOptionsProblem;
    std::shared_ptr<const Engine> m_engine;
    PackProvenance m_provenance;
    // Packs and engines replaced during this session (see pack()).
    std::vector<std::pair<std::shared_ptr<const RulePack>, std::shared_ptr<const Engine>>> m_retired;
    std::function<QDate()> m_today;
    QString m_userName;
    ReevaluationSummary m_lastReevaluation;
    StoreChanges *m_changes = nullptr; // child QObject; listens on PostgreSQL only
    QTimer *m_casesChangedSoon = nullptr; // coalesces a burst of remote changes
    QTimer *m_connectionCheck = nullptr; // PostgreSQL only
    bool m_connected = true;
    void checkConnection();
};

} // namespace consilium
