// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/Session.h"

namespace consilium {

namespace {

const QString kActivePackKey = QStringLiteral("gui.active_pack_sha256");

} // namespace

std::unique_ptr<Session> Session::open(const Options &options, StoreError &error)
{
    StoreOptions so;
    so.path = options.databasePath;
    so.actor = Actor::fromEnvironment(options.displayName);
    so.lockTimeoutMs = 1500;
    so.writer = options.writer;
    so.create = options.writer;
    std::unique_ptr<CaseStore> store = CaseStore::open(so, error);
    if (!store)
        return nullptr;
    std::unique_ptr<Session> s(new Session);
    s->m_store = std::move(store);
    s->m_evaluations = std::make_unique<Evaluations>(*s->m_store);
    s->m_decisions = std::make_unique<Decisions>(*s->m_store);
    s->m_today = options.today;
    s->m_userName = options.displayName.trimmed();
    // The site pack chosen earlier, if it is still in the database and still loads.
    if (const auto sha = s->m_store->setting(kActivePackKey); sha && *sha != RulePack::builtin().sha256()) {
        if (const auto bytes = s->m_store->packContent(*sha)) {
            json::Diagnostics diag;
            s->m_sitePack = RulePack::load(*bytes, diag);
        }
    }
    s->rebuildEngine();
    return s;
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

void Session::rebuildEngine()
{
    m_engine = std::make_unique<Engine>(pack());
}

bool Session::activatePack(std::unique_ptr<RulePack> pack, QString &error, const PackOverride *signatureOverride)
{
    const RulePack &next = pack ? *pack : RulePack::builtin();
    if (signatureOverride && (!pack || signatureOverride->reason.trimmed().isEmpty())) {
        error = tr("A signature override needs a site pack and a reason.");
        return false;
    }
    if (signatureOverride && !m_store->isWriter()) {
        error = tr("The database is read-only: the signature override cannot be recorded in its audit log.");
        return false;
    }
    if (m_store->isWriter()) {
        WriteTransaction tx(*m_store);
        // As the CLI records --allow-unsigned (db import --rules), with the user's reason.
        if (!tx.ok() || !m_store->storePack(next) || !m_store->setSetting(kActivePackKey, next.sha256())
            || (signatureOverride
                && !m_store->audit(QStringLiteral("rule_pack.signature_overridden"), QStringLiteral("rule_pack"),
                    next.sha256(), {}, next.sha256(),
                    signatureOverride->warning + QStringLiteral("; reason: ") + signatureOverride->reason.trimmed()))
            || !m_store->audit(QStringLiteral("pack.activated"), QStringLiteral("rule_pack"), next.id(), {},
                next.sha256(), next.version())
            || !tx.commit()) {
            error = m_store->lastError().message;
            return false;
        }
    }
    m_engine.reset(); // holds a reference to the pack being replaced
    m_sitePack = std::move(pack);
    m_packOverrideReason = signatureOverride ? signatureOverride->reason.trimmed() : QString();
    rebuildEngine();
    if (m_store->isWriter())
        m_evaluations->reevaluateAll(this->pack());
    Q_EMIT packChanged();
    Q_EMIT casesChanged();
    return true;
}

SaveOutcome Session::saveCase(const QByteArray &json, QStringList &problems)
{
    SaveOutcome out = m_store->saveCase(json, pack());
    if (out.status == SaveStatus::Rejected) {
        problems = m_store->lastError().details;
        if (problems.isEmpty())
            problems << m_store->lastError().message;
        return out;
    }
    if (out.status == SaveStatus::Added)
        m_evaluations->evaluateCase(out.caseId, pack());
    Q_EMIT casesChanged();
    return out;
}

} // namespace consilium
