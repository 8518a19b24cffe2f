// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/Session.h"

#include <QEventLoop>
#include <QFutureWatcher>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace consilium {

namespace {

const QString kActivePackKey = CaseStore::activePackSettingKey();
const QString kProvenanceKey = QStringLiteral("gui.active_pack_provenance");

std::shared_ptr<const RulePack> builtinPack()
{
    // The built-in pack lives as long as the program: shared, never deleted.
    return std::shared_ptr<const RulePack>(std::shared_ptr<const RulePack>(), &RulePack::builtin());
}

// The active pack, its provenance and a signature override, recorded in one write transaction
// (as the CLI records --allow-unsigned, with the user's reason).
StoreResult<void> recordActivation(CaseStore &store, const RulePack &next, const PackProvenance &provenance,
    const Session::PackOverride *signatureOverride)
{
    WriteTransaction tx(store);
    StoreResult<void> done = tx.begun();
    if (done) {
        if (const auto stored = store.storePack(next); !stored)
            done = stored.error();
    }
    if (done)
        done = store.setSetting(kActivePackKey, next.sha256());
    if (done)
        done = store.setSetting(kProvenanceKey, provenance.toJson());
    if (done && signatureOverride)
        done = store.audit(QStringLiteral("rule_pack.signature_overridden"), QStringLiteral("rule_pack"), next.sha256(),
            {}, next.sha256(),
            signatureOverride->warning + QStringLiteral("; reason: ") + signatureOverride->reason.trimmed());
    if (done)
        done = store.audit(QStringLiteral("pack.activated"), QStringLiteral("rule_pack"), next.id(), {}, next.sha256(),
            next.version());
    if (done)
        done = tx.commit();
    return done;
}

// A setting of the session, or nullopt when it is not set or cannot be read (then the
// built-in pack is used, as for a new database).
std::optional<QString> sessionSetting(CaseStore &store, const QString &key)
{
    auto value = store.setting(key);
    if (!value) {
        qWarning("consilium: %s", qUtf8Printable(value.error().message));
        return std::nullopt;
    }
    return std::move(value).value();
}

} // namespace

std::unique_ptr<Session> Session::open(const Options &options, StoreError &error)
{
    StoreOptions so;
    so.path = options.databasePath;
    so.actor = Actor::fromEnvironment(options.displayName);
    so.lockTimeoutMs = 1500;
    so.writer = options.writer;
    so.create = options.writer;
    auto store = CaseStore::open(so);
    if (!store) {
        error = store.error();
        return nullptr;
    }
    std::unique_ptr<Session> s(new Session);
    s->m_store = std::move(store).value();
    s->m_evaluations = std::make_unique<Evaluations>(*s->m_store);
    s->m_decisions = std::make_unique<Decisions>(*s->m_store);
    s->m_followUps = std::make_unique<FollowUps>(*s->m_store);
    s->m_today = options.today;
    s->m_userName = options.displayName.trimmed();
    s->m_pack = builtinPack();
    s->m_provenance.kind = PackProvenance::Kind::Builtin;
    // The site pack chosen earlier, if it is still in the database and still loads.
    if (const auto sha = sessionSetting(*s->m_store, kActivePackKey); sha && *sha != RulePack::builtin().sha256()) {
        if (const auto bytes = s->m_store->packContent(*sha)) {
            json::Diagnostics diag;
            if (std::shared_ptr<const RulePack> site = RulePack::load(bytes.value(), diag)) {
                s->m_pack = std::move(site);
                const auto provenance = sessionSetting(*s->m_store, kProvenanceKey);
                s->m_provenance = provenance ? PackProvenance::fromJson(*provenance) : PackProvenance {};
            }
        }
    }
    s->m_engine = std::make_shared<const Engine>(*s->m_pack);
    s->reloadSiteOptions();
    s->startLiveRefresh();
    return s;
}

void Session::startLiveRefresh()
{
    m_changes = new StoreChanges(*m_store, this);
    // 100 ms: a batch of saves (an import, a re-evaluation) refreshes the list once, and a single
    // save still shows on the other workstations well within the second issue 13 asks for.
    m_casesChangedSoon = new QTimer(this);
    m_casesChangedSoon->setSingleShot(true);
    m_casesChangedSoon->setInterval(100);
    connect(m_casesChangedSoon, &QTimer::timeout, this, &Session::casesChanged);
    connect(m_changes, &StoreChanges::changed, this, [this](const StoreChange &change) {
        if (change.objectType == QLatin1String("setting") && change.objectId == SiteOptions::settingKey()) {
            reloadSiteOptions();
            Q_EMIT siteOptionsChanged();
        }
        Q_EMIT remoteChange(change);
        m_casesChangedSoon->start();
    });
    m_changes->listen();
    if (m_store->isPostgres()) {
        m_connectionCheck = new QTimer(this);
        m_connectionCheck->setInterval(3000);
        connect(m_connectionCheck, &QTimer::timeout, this, &Session::checkConnection);
        m_connectionCheck->start();
    }
}

void Session::setConnectionCheckInterval(int ms)
{
    if (m_connectionCheck)
        m_connectionCheck->setInterval(ms);
}

// Nothing half-written when the server goes away (issue 13): a write that fails on a lost
// connection rolls back and says so (StoreErrc::Unreachable); this check notices the loss even
// when nobody writes, tells the window, and re-opens the connection once the server answers.
void Session::checkConnection()
{
    if (m_store->inTransaction())
        return;
    if (m_connected) {
        if (const auto alive = m_store->schemaVersion(); !alive) {
            m_connected = false;
            Q_EMIT connectionChanged(false, alive.error().message);
        }
        return;
    }
    if (const auto back = m_store->reconnect(); !back)
        return;
    m_connected = true;
    relisten();
    Q_EMIT connectionChanged(true, QString());
}

bool Session::isLive() const
{
    return m_changes && m_changes->isListening();
}

void Session::relisten()
{
    if (m_changes && m_changes->listen()) {
        reloadSiteOptions();
        Q_EMIT siteOptionsChanged();
        Q_EMIT casesChanged();
    }
}

void Session::reloadSiteOptions()
{
    m_siteOptions = {};
    m_siteOptionsProblem.clear();
    const auto stored = m_store->setting(SiteOptions::settingKey());
    if (!stored) {
        m_siteOptionsProblem = stored.error().message;
        return;
    }
    if (!stored.value())
        return;
    QString problem;
    if (auto parsed = SiteOptions::parse(stored.value()->toUtf8(), problem))
        m_siteOptions = std::move(*parsed);
    else
        m_siteOptionsProblem = SiteOptions::settingKey() + QLatin1Char(' ') + problem;
}

StoreResult<void> Session::setSiteOptions(const SiteOptions &options)
{
    auto done = m_store->setSetting(SiteOptions::settingKey(), QString::fromUtf8(options.toJson()));
    if (done) {
        m_siteOptions = options;
        m_siteOptionsProblem.clear();
        Q_EMIT siteOptionsChanged();
    }
    return done;
}

Session::~Session() = default;

void Session::setUserName(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed == m_userName)
        return;
    m_userName = trimmed;
    m_store->setActor(Actor::fromEnvironment(trimmed));
    Q_EMIT userChanged();
}

bool Session::activatePack(std::unique_ptr<RulePack> pack, QString &error, const PackOverride *signatureOverride,
    const QString &signer, const Reevaluation &reevaluation)
{
    std::shared_ptr<const RulePack> nextPack = pack ? std::shared_ptr<const RulePack>(std::move(pack)) : builtinPack();
    const RulePack &next = *nextPack;
    PackProvenance provenance;
    if (next.sha256() == RulePack::builtin().sha256())
        provenance.kind = PackProvenance::Kind::Builtin;
    else if (signatureOverride) {
        provenance.kind = PackProvenance::Kind::Override;
        provenance.reason = signatureOverride->reason.trimmed();
    } else if (!signer.isEmpty()) {
        provenance.kind = PackProvenance::Kind::Signed;
        provenance.signer = signer;
    }
    if (signatureOverride && (next.sha256() == RulePack::builtin().sha256() || provenance.reason.isEmpty())) {
        error = tr("A signature override needs a site pack and a reason.");
        return false;
    }
    if (signatureOverride && !m_store->isWriter()) {
        error = tr("The database is read-only: the signature override cannot be recorded in its audit log.");
        return false;
    }
    if (m_store->isWriter()) {
        if (const auto recorded = recordActivation(*m_store, next, provenance, signatureOverride); !recorded) {
            error = recorded.error().message;
            return false;
        }
    }
    // The replaced pack and engine stay alive (views re-bind on packChanged; until then, and
    // wherever a view still shows the previous result, its pointers stay valid).
    m_retired.emplace_back(std::move(m_pack), std::move(m_engine));
    m_pack = std::move(nextPack);
    m_engine = std::make_shared<const Engine>(*m_pack);
    m_provenance = provenance;
    m_lastReevaluation = {};
    if (m_store->isWriter()) {
        m_lastReevaluation = reevaluateInBackground(reevaluation);
    }
    Q_EMIT packChanged();
    Q_EMIT casesChanged();
    return true;
}

// The whole re-evaluation on a QtConcurrent worker with a store connection of its own; this
// thread runs a local event loop meanwhile (painting, timers, the progress dialog's Cancel).
ReevaluationSummary Session::reevaluateInBackground(const Reevaluation &reevaluation)
{
    QObject receiver; // on this thread: the worker's progress reports are delivered to it
    ProgressCallback progress;
    if (reevaluation.progress) {
        // Blocking: the worker goes on once the callback has run here, so a cancel it sets is
        // seen before the next batch, exactly as when everything ran on this thread.
        progress = [&receiver, &reevaluation](qint64 done, qint64 total) {
            QMetaObject::invokeMethod(
                &receiver, [&reevaluation, done, total] { reevaluation.progress(done, total); },
                Qt::BlockingQueuedConnection);
        };
    }
    QFutureWatcher<ReevaluationSummary> watcher;
    QEventLoop loop;
    connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
    watcher.setFuture(QtConcurrent::run([writer = m_store->companion(), pack = m_pack, progress,
                                            cancel = reevaluation.cancel, batchSize = reevaluation.batchSize] {
        return Evaluations::reevaluateAllAt(writer, *pack, progress, cancel, batchSize);
    }));
    loop.exec();
    return watcher.result();
}

SaveOutcome Session::saveCase(const QByteArray &json, QStringList &problems)
{
    const auto saved = saveCaseBasedOn(json, std::nullopt);
    if (!saved) {
        problems = saved.error().details;
        if (problems.isEmpty())
            problems << saved.error().message;
        return SaveOutcome {}; // SaveStatus::Rejected
    }
    return saved.value();
}

StoreResult<SaveOutcome> Session::saveCaseBasedOn(const QByteArray &json, std::optional<int> basedOnVersion)
{
    auto saved = m_store->saveCase(json, pack(), basedOnVersion);
    if (!saved)
        return saved;
    const SaveOutcome &out = saved.value();
    if (out.status == SaveStatus::Added) {
        // The version is saved; without an evaluation the list shows it as not evaluated.
        if (const auto evaluated = m_evaluations->evaluateCase(out.caseId, pack()); !evaluated)
            qWarning("consilium: %s", qUtf8Printable(evaluated.error().message));
    }
    Q_EMIT casesChanged();
    return saved;
}

} // namespace consilium
