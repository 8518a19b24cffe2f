// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/Decisions.h"
#include "store/StoreConnection.h"

#include "case/CaseData.h"
#include "engine/CaseEvaluation.h"
#include "engine/ResultWriter.h"
#include "rules/RulePack.h"
#include "store/CanonicalJson.h"
#include "store/CompactResult.h"
#include "store/Evaluations.h"
#include "store/RequiredRoles.h"
#include "store/RoleLogins.h"
#include "store/SqlRows.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace consilium {

QString stanceName(Stance s)
{
    switch (s) {
    case Stance::Agree:
        return QStringLiteral("agree");
    case Stance::Disagree:
        return QStringLiteral("disagree");
    case Stance::Abstain:
        return QStringLiteral("abstain");
    }
    return {};
}

std::optional<Stance> stanceFromName(const QString &name)
{
    for (Stance s : { Stance::Agree, Stance::Disagree, Stance::Abstain }) {
        if (stanceName(s) == name)
            return s;
    }
    return std::nullopt;
}

QStringList Decision::missingRoles() const
{
    QStringList missing;
    for (const QString &role : requiredRoles) {
        const bool answered = std::any_of(positions.begin(), positions.end(),
            [this, &role](const Position &p) { return p.role == role && signs(p); });
        if (!answered)
            missing << role;
    }
    return missing;
}

bool Decision::signs(const Position &p) const
{
    const auto it = roleLogins.constFind(p.role);
    return it == roleLogins.constEnd() || it->contains(RoleLogins::loginOf(p.recordedBy));
}

bool Decision::hasDissent() const
{
    return std::any_of(
        positions.begin(), positions.end(), [](const Position &p) { return p.stance == Stance::Disagree; });
}

namespace {

// Arm and sub-option keys ("standard_care/ahsct") and criterion ids of a stored full result.
void resultKeys(const QByteArray &resultJson, QStringList &groups, QStringList &criteria)
{
    json::Document doc;
    if (!parseStored(resultJson, doc) || !doc.IsObject() || !doc.HasMember("arms") || !doc["arms"].IsObject())
        return;
    auto collect = [&criteria](const json::Value &group) {
        if (group.HasMember("criteria") && group["criteria"].IsArray()) {
            for (const auto &c : group["criteria"].GetArray()) {
                if (c.IsObject() && c.HasMember("id") && c["id"].IsString())
                    criteria << json::toQString(c["id"]);
            }
        }
    };
    for (const auto &arm : doc["arms"].GetObject()) {
        const QString armId = json::toQString(arm.name);
        groups << armId;
        if (!arm.value.IsObject())
            continue;
        collect(arm.value);
        if (arm.value.HasMember("sub_options") && arm.value["sub_options"].IsObject()) {
            for (const auto &sub : arm.value["sub_options"].GetObject()) {
                groups << armId + QLatin1Char('/') + json::toQString(sub.name);
                if (sub.value.IsObject())
                    collect(sub.value);
            }
        }
    }
}

// A decision's required roles, positions and overrides.
StoreResult<void> readDecisionRows(const QSqlDatabase &db, Decision &d)
{
    const auto id = QStringLiteral(":id");
    auto failed = [&d](const SqlStatement &q) {
        return storeFailure(StoreErrc::Sql, QStringLiteral("cannot read decision %1: %2").arg(d.id).arg(q.errorText()));
    };
    SqlStatement r(db, QStringLiteral("SELECT role FROM decision_roles WHERE decision_id = :id ORDER BY role"));
    r.bind(id, d.id);
    if (!r.exec())
        return failed(r);
    while (r.next())
        d.requiredRoles << r.text(QStringLiteral("role"));
    SqlStatement p(db,
        QStringLiteral("SELECT participant, role, position, reason, recorded_at, recorded_by"
                       " FROM decision_positions WHERE decision_id = :id ORDER BY role, participant"));
    p.bind(id, d.id);
    if (!p.exec())
        return failed(p);
    while (p.next())
        d.positions.push_back({ p.text(QStringLiteral("participant")), p.text(QStringLiteral("role")),
            stanceFromName(p.text(QStringLiteral("position"))).value_or(Stance::Abstain),
            p.text(QStringLiteral("reason")), p.text(QStringLiteral("recorded_at")),
            p.text(QStringLiteral("recorded_by")) });
    SqlStatement o(db,
        QStringLiteral("SELECT id, criterion_id, reason_code, text, recorded_at, recorded_by FROM decision_overrides"
                       " WHERE decision_id = :id ORDER BY id"));
    o.bind(id, d.id);
    if (!o.exec())
        return failed(o);
    while (o.next())
        d.overrides.push_back({ o.int64(QStringLiteral("id")), o.text(QStringLiteral("criterion_id")),
            o.text(QStringLiteral("reason_code")), o.text(QStringLiteral("text")),
            o.text(QStringLiteral("recorded_at")), o.text(QStringLiteral("recorded_by")) });
    return storeSuccess();
}

// The rows of a newly opened decision: the decision itself and the roles that must sign it off.
struct NewDecision {
    qint64 conferenceId = 0;
    qint64 versionId = 0;
    qint64 packRef = 0;
    QByteArray resultJson;
    QStringList roles;
};

StoreResult<qint64> insertDecision(CaseStore &store, const NewDecision &n)
{
    const QSqlDatabase db = StoreConnection::of(store);
    SqlStatement q(db,
        QStringLiteral("INSERT INTO decisions (conference_id, case_version_id, pack_ref, engine_version, result_json,"
                       " created_at, created_by) VALUES (:conference, :version, :pack, :engine, :result, :at, :by)"));
    q.bind(QStringLiteral(":conference"), n.conferenceId)
        .bind(QStringLiteral(":version"), n.versionId)
        .bind(QStringLiteral(":pack"), n.packRef)
        .bind(QStringLiteral(":engine"), engineVersion())
        .bind(QStringLiteral(":result"), QString::fromUtf8(n.resultJson))
        .bind(QStringLiteral(":at"), store.timestamp())
        .bind(QStringLiteral(":by"), store.actorName());
    if (!q.exec())
        return storeFailure(StoreErrc::Sql, q.errorText());
    const qint64 id = q.lastInsertId();
    for (const QString &role : n.roles) {
        SqlStatement r(db, QStringLiteral("INSERT INTO decision_roles (decision_id, role) VALUES (:id, :role)"));
        r.bind(QStringLiteral(":id"), id).bind(QStringLiteral(":role"), role);
        if (!r.exec())
            return storeFailure(StoreErrc::Sql, r.errorText());
    }
    return id;
}

// What Decisions::open evaluated: the full result it pins, the compact one for `evaluations`,
// and the roles that must sign off.
struct OpenedEvaluation {
    CaseVersion version;
    QByteArray result;
    CompactResult compact;
    QStringList roles;
};

} // namespace

Decisions::Decisions(CaseStore &store) : m_store(store) { }

QStringList Decisions::overrideReasonCodes()
{
    return { QStringLiteral("data_error"), QStringLiteral("clinical_judgement"), QStringLiteral("newer_evidence"),
        QStringLiteral("not_applicable_to_patient"), QStringLiteral("other") };
}

namespace {

// The version a decision is opened on, evaluated under `pack`, with the roles the site setting
// requires for it.
StoreResult<OpenedEvaluation> evaluateForDecision(
    CaseStore &store, const QString &caseId, const RulePack &pack, std::optional<qint64> versionId)
{
    const auto summary = store.caseSummary(caseId);
    if (!summary)
        return summary.error();
    auto version = store.version(versionId.value_or(summary.value().latestVersionId));
    if (!version)
        return version.error();
    OpenedEvaluation out { std::move(version).value(), {}, {}, {} };
    if (out.version.caseId != caseId)
        return storeFailure(StoreErrc::Refused,
            QStringLiteral("version %1 is not a version of case %2").arg(out.version.id).arg(caseId));
    json::Document doc;
    const CaseReading reading = readCase(out.version.content, pack, {}, &doc);
    if (!reading.ok())
        return storeFailure(StoreErrc::InvalidCase,
            QStringLiteral("case %1 version %2 is not valid under pack %3")
                .arg(caseId)
                .arg(out.version.version)
                .arg(pack.id()),
            reading.diag.lines());
    const Engine engine(pack);
    const Evaluation evaluation = engine.evaluateFull(*reading.data);
    out.result = resultJson(engine, evaluation, false);
    // The same evaluation, compact, goes into `evaluations` (history, current verdicts, list
    // filters) in the decision's own transaction.
    out.compact = CompactResult::from(engine, evaluation);
    const auto setting = store.setting(RequiredRoles::settingKey());
    if (!setting)
        return setting.error();
    const QByteArray policy = setting.value().value_or(QString()).toUtf8();
    out.roles = RequiredRoles::forCase(policy.isEmpty() ? RequiredRoles::defaultSetting() : policy, doc);
    return out;
}

} // namespace

StoreResult<qint64> Decisions::open(
    qint64 conferenceId, const QString &caseId, const RulePack &pack, std::optional<qint64> versionId)
{
    if (const auto c = conference(conferenceId); !c)
        return c.error();
    const auto e = evaluateForDecision(m_store, caseId, pack, versionId);
    if (!e)
        return e.error();
    const OpenedEvaluation &opened = e.value();
    WriteTransaction tx(m_store);
    if (!tx.begun())
        return tx.begun().error();
    const auto packRef = m_store.storePack(pack);
    if (!packRef)
        return packRef.error();
    if (auto listed = listCase(conferenceId, caseId); !listed)
        return listed.error();
    const auto stored = Evaluations(m_store).record(opened.version, pack, opened.compact);
    if (!stored)
        return stored.error();
    auto id
        = insertDecision(m_store, { conferenceId, opened.version.id, packRef.value(), opened.result, opened.roles });
    if (!id)
        return id;
    const auto after = stateHash(id.value());
    if (!after)
        return after.error();
    if (auto audited = m_store.audit(QStringLiteral("decision.opened"), QStringLiteral("decision"),
            QString::number(id.value()), {}, after.value(),
            QStringLiteral("case %1 version %2; pack %3 %4 sha256:%5; required roles: %6; evaluation %7")
                .arg(caseId)
                .arg(opened.version.version)
                .arg(pack.id(), pack.version(), pack.sha256(), opened.roles.join(QStringLiteral(", ")))
                .arg(stored.value().id));
        !audited)
        return audited.error();
    if (auto committed = tx.commit(); !committed)
        return committed.error();
    return id;
}

StoreResult<Decision> Decisions::draft(qint64 id)
{
    auto d = decision(id);
    if (d && d.value().finalised)
        return storeFailure(StoreErrc::Refused,
            QStringLiteral("decision %1 is finalised and cannot be changed; record a correction instead").arg(id));
    return d;
}

StoreResult<void> Decisions::applyChange(
    qint64 decisionId, QSqlQuery &change, const QString &action, const QString &detail, const ChangeCheck &check)
{
    return m_store.retrying([&]() -> StoreResult<void> {
        // Changes of one decision wait for each other here; what was checked before is checked
        // again inside the lock (docs/store.md#concurrent-writers).
        if (const QString lock = m_store.dialect().rowLock(); !lock.isEmpty()) {
            SqlStatement q(
                StoreConnection::of(m_store), QStringLiteral("SELECT id FROM decisions WHERE id = :id") + lock);
            q.bind(QStringLiteral(":id"), decisionId);
            if (!q.exec())
                return m_store.sqlError(q.lastError(), QStringLiteral("cannot lock decision %1").arg(decisionId));
        }
        const auto current = draft(decisionId);
        if (!current)
            return current.error();
        QString text = detail;
        if (check) {
            if (auto allowed = check(current.value(), text); !allowed)
                return allowed;
        }
        const auto before = stateHash(decisionId);
        if (!before)
            return before.error();
        if (!change.exec()) {
            const StoreError error = m_store.sqlError(change.lastError(), QString());
            // A trigger's refusal (a finalised decision, a missing role) is a rule of the data model.
            return error.code == StoreErrc::Sql && !error.transient
                ? StoreError { StoreErrc::Refused, change.lastError().text(), {} }
                : error;
        }
        const auto after = stateHash(decisionId);
        if (!after)
            return after.error();
        return m_store.audit(
            action, QStringLiteral("decision"), QString::number(decisionId), before.value(), after.value(), text);
    });
}

StoreResult<void> Decisions::setOutcome(qint64 decisionId, const QString &chosenArm, const QString &rationale)
{
    const auto d = draft(decisionId);
    if (!d)
        return d.error();
    if (!chosenArm.isEmpty()) {
        QStringList groups;
        QStringList criteria;
        resultKeys(d.value().resultJson, groups, criteria);
        if (!groups.contains(chosenArm))
            return storeFailure(StoreErrc::Refused,
                QStringLiteral("\"%1\" is not an arm or sub-option of this result (%2)")
                    .arg(chosenArm, groups.join(QStringLiteral(", "))));
    }
    QSqlQuery q(StoreConnection::of(m_store));
    q.prepare(QStringLiteral("UPDATE decisions SET outcome = ?, chosen_arm = ?, rationale = ? WHERE id = ?"));
    q.addBindValue(chosenArm.isEmpty() ? QStringLiteral("deferred") : QStringLiteral("arm"));
    q.addBindValue(chosenArm.isEmpty() ? QVariant() : QVariant(chosenArm));
    q.addBindValue(notNull(rationale));
    q.addBindValue(decisionId);
    return applyChange(decisionId, q, QStringLiteral("decision.outcome_set"),
        chosenArm.isEmpty() ? QStringLiteral("deferred") : QStringLiteral("arm %1").arg(chosenArm));
}

StoreResult<void> Decisions::recordPosition(qint64 decisionId, const Position &p)
{
    const auto d = draft(decisionId);
    if (!d)
        return d.error();
    if (p.participant.trimmed().isEmpty() || p.role.trimmed().isEmpty())
        return storeFailure(StoreErrc::Refused, QStringLiteral("a position needs a participant and a role"));
    if (p.stance != Stance::Agree && p.reason.trimmed().isEmpty())
        return storeFailure(
            StoreErrc::Refused, QStringLiteral("a %1 position needs a reason").arg(stanceName(p.stance)));
    QSqlQuery q(StoreConnection::of(m_store));
    q.prepare(QStringLiteral(
        "INSERT INTO decision_positions (decision_id, participant, role, position, reason, recorded_at, recorded_by)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (decision_id, participant, role) DO UPDATE"
        " SET position = excluded.position, reason = excluded.reason, recorded_at = excluded.recorded_at,"
        " recorded_by = excluded.recorded_by"));
    q.addBindValue(decisionId);
    q.addBindValue(p.participant.trimmed());
    q.addBindValue(p.role.trimmed());
    q.addBindValue(stanceName(p.stance));
    q.addBindValue(notNull(p.reason.trimmed()));
    q.addBindValue(m_store.timestamp());
    q.addBindValue(notNull(m_store.actorName()));
    return applyChange(decisionId, q, QStringLiteral("decision.position_recorded"),
        QStringLiteral("%1 (%2): %3%4")
            .arg(p.participant, p.role, stanceName(p.stance),
                p.reason.isEmpty() ? QString() : QStringLiteral(" — ") + p.reason));
}

StoreResult<void> Decisions::addOverride(
    qint64 decisionId, const QString &criterionId, const QString &reasonCode, const QString &text)
{
    const auto d = draft(decisionId);
    if (!d)
        return d.error();
    QStringList groups;
    QStringList criteria;
    resultKeys(d.value().resultJson, groups, criteria);
    if (!criteria.contains(criterionId))
        return storeFailure(
            StoreErrc::Refused, QStringLiteral("criterion %1 is not in this decision's result").arg(criterionId));
    if (!overrideReasonCodes().contains(reasonCode))
        return storeFailure(StoreErrc::Refused,
            QStringLiteral("reason code \"%1\" is not one of: %2")
                .arg(reasonCode, overrideReasonCodes().join(QStringLiteral(", "))));
    if (text.trimmed().isEmpty())
        return storeFailure(StoreErrc::Refused, QStringLiteral("an override needs an explanation"));
    QSqlQuery q(StoreConnection::of(m_store));
    q.prepare(
        QStringLiteral("INSERT INTO decision_overrides (decision_id, criterion_id, reason_code, text, recorded_at,"
                       " recorded_by) VALUES (?, ?, ?, ?, ?, ?)"));
    q.addBindValue(decisionId);
    q.addBindValue(criterionId);
    q.addBindValue(reasonCode);
    q.addBindValue(text.trimmed());
    q.addBindValue(m_store.timestamp());
    q.addBindValue(m_store.actorName());
    return applyChange(decisionId, q, QStringLiteral("decision.override_recorded"),
        QStringLiteral("%1: %2").arg(criterionId, reasonCode));
}

StoreResult<void> Decisions::finalise(qint64 decisionId)
{
    // The outcome and the required roles are checked inside the decision's row lock, on what
    // is stored at that moment (another workstation may have changed it since it was shown).
    const ChangeCheck ready = [decisionId](const Decision &d, QString &detail) -> StoreResult<void> {
        if (d.outcome == QLatin1String("pending"))
            return storeFailure(StoreErrc::Refused,
                QStringLiteral("decision %1 has no outcome yet: choose an arm or defer").arg(decisionId));
        QStringList missing = d.missingRoles();
        for (QString &role : missing)
            if (d.roleLogins.contains(role))
                role += QStringLiteral(" (recorded by %1)").arg(d.roleLogins.value(role).join(QStringLiteral(" or ")));
        if (!missing.isEmpty())
            return storeFailure(StoreErrc::Refused,
                QStringLiteral("decision %1 cannot be finalised: no position yet from %2")
                    .arg(decisionId)
                    .arg(missing.join(QStringLiteral(", "))));
        detail = d.hasDissent() ? QStringLiteral("finalised with dissent") : QStringLiteral("finalised");
        return storeSuccess();
    };
    QSqlQuery q(StoreConnection::of(m_store));
    q.prepare(QStringLiteral("UPDATE decisions SET status = 'final', finalised_at = ?, finalised_by = ?"
                             " WHERE id = ? AND status = 'draft'"));
    q.addBindValue(m_store.timestamp());
    q.addBindValue(m_store.actorName());
    q.addBindValue(decisionId);
    return applyChange(decisionId, q, QStringLiteral("decision.finalised"), QString(), ready);
}

StoreResult<qint64> Decisions::correct(qint64 decisionId)
{
    const auto d = decision(decisionId);
    if (!d)
        return d.error();
    if (!d.value().finalised)
        return storeFailure(
            StoreErrc::Refused, QStringLiteral("decision %1 is still a draft; change it directly").arg(decisionId));
    WriteTransaction tx(m_store);
    if (!tx.begun())
        return tx.begun().error();
    QSqlDatabase db = StoreConnection::of(m_store);
    QSqlQuery q(db);
    q.prepare(
        QStringLiteral("INSERT INTO decisions (conference_id, case_version_id, pack_ref, engine_version, result_json,"
                       " outcome, chosen_arm, rationale, corrects_id, created_at, created_by)"
                       " SELECT conference_id, case_version_id, pack_ref, engine_version, result_json, outcome,"
                       " chosen_arm, rationale, id, ?, ? FROM decisions WHERE id = ?"));
    q.addBindValue(m_store.timestamp());
    q.addBindValue(m_store.actorName());
    q.addBindValue(decisionId);
    if (!q.exec())
        return storeFailure(StoreErrc::Sql, q.lastError().text());
    const qint64 id = insertedId(q);
    QSqlQuery roles(db);
    roles.prepare(QStringLiteral("INSERT INTO decision_roles (decision_id, role) SELECT ?, role FROM decision_roles"
                                 " WHERE decision_id = ?"));
    roles.addBindValue(id);
    roles.addBindValue(decisionId);
    QSqlQuery overrides(db);
    overrides.prepare(
        QStringLiteral("INSERT INTO decision_overrides (decision_id, criterion_id, reason_code, text,"
                       " recorded_at, recorded_by) SELECT ?, criterion_id, reason_code, text, recorded_at,"
                       " recorded_by FROM decision_overrides WHERE decision_id = ? ORDER BY id"));
    overrides.addBindValue(id);
    overrides.addBindValue(decisionId);
    if (!roles.exec() || !overrides.exec())
        return storeFailure(StoreErrc::Sql, roles.lastError().text() + overrides.lastError().text());
    const auto before = stateHash(decisionId);
    const auto after = before ? stateHash(id) : before;
    if (!after)
        return after.error();
    if (auto audited = m_store.audit(QStringLiteral("decision.correction_opened"), QStringLiteral("decision"),
            QString::number(id), before.value(), after.value(), QStringLiteral("corrects decision %1").arg(decisionId));
        !audited)
        return audited.error();
    if (auto committed = tx.commit(); !committed)
        return committed.error();
    return id;
}

StoreResult<Decision> Decisions::decision(qint64 id)
{
    const QSqlDatabase db = StoreConnection::of(m_store);
    SqlStatement q(db,
        QStringLiteral("SELECT d.id, d.conference_id, d.case_version_id, c.case_id, v.version, p.sha256, p.pack_id,"
                       " p.pack_version, d.engine_version, d.result_json, d.outcome, d.chosen_arm, d.rationale,"
                       " d.status, d.corrects_id, d.created_at, d.created_by, d.finalised_at, d.finalised_by"
                       " FROM decisions d JOIN case_versions v ON v.id = d.case_version_id"
                       " JOIN cases c ON c.id = v.case_ref JOIN rule_packs p ON p.id = d.pack_ref WHERE d.id = :id"));
    q.bind(QStringLiteral(":id"), id);
    if (!q.exec())
        return storeFailure(StoreErrc::Sql, QStringLiteral("cannot read decision %1: %2").arg(id).arg(q.errorText()));
    if (!q.next())
        return storeFailure(StoreErrc::NotFound, QStringLiteral("no decision %1").arg(id));
    Decision d;
    d.id = q.int64(QStringLiteral("id"));
    d.conferenceId = q.int64(QStringLiteral("conference_id"));
    d.caseVersionId = q.int64(QStringLiteral("case_version_id"));
    d.caseId = q.text(QStringLiteral("case_id"));
    d.caseVersion = q.integer(QStringLiteral("version"));
    d.packSha256 = q.text(QStringLiteral("sha256"));
    d.packId = q.text(QStringLiteral("pack_id"));
    d.packVersion = q.text(QStringLiteral("pack_version"));
    d.engineVersion = q.text(QStringLiteral("engine_version"));
    d.resultJson = q.text(QStringLiteral("result_json")).toUtf8();
    d.outcome = q.text(QStringLiteral("outcome"));
    d.chosenArm = q.text(QStringLiteral("chosen_arm"));
    d.rationale = q.text(QStringLiteral("rationale"));
    d.finalised = q.text(QStringLiteral("status")) == QLatin1String("final");
    if (const QVariant corrects = q.value(QStringLiteral("corrects_id")); !corrects.isNull())
        d.correctsId = corrects.toLongLong();
    d.createdAt = q.text(QStringLiteral("created_at"));
    d.createdBy = q.text(QStringLiteral("created_by"));
    d.finalisedAt = q.text(QStringLiteral("finalised_at"));
    d.finalisedBy = q.text(QStringLiteral("finalised_by"));
    if (auto rows = readDecisionRows(db, d); !rows)
        return rows.error();
    // Sign-off by login applies on a team database only (SQLite has no logins).
    if (m_store.isPostgres()) {
        const auto setting = m_store.setting(RoleLogins::settingKey());
        if (!setting)
            return setting.error();
        QString problem;
        if (setting.value()) {
            auto map = RoleLogins::parse(setting.value()->toUtf8(), problem);
            if (!map)
                return storeFailure(StoreErrc::Refused,
                    QStringLiteral("the site setting %1 cannot be used: %2").arg(RoleLogins::settingKey(), problem));
            d.roleLogins = std::move(*map);
        }
    }
    return d;
}

StoreResult<std::vector<qint64>> Decisions::decisionsOfCase(const QString &caseId)
{
    std::vector<qint64> ids;
    SqlStatement q(StoreConnection::of(m_store),
        QStringLiteral("SELECT d.id FROM decisions d JOIN case_versions v ON v.id = d.case_version_id"
                       " JOIN cases c ON c.id = v.case_ref WHERE c.case_id = :case_id ORDER BY d.id"));
    q.bind(QStringLiteral(":case_id"), caseId);
    if (!q.exec())
        return storeFailure(
            StoreErrc::Sql, QStringLiteral("cannot read the decisions of case %1: %2").arg(caseId, q.errorText()));
    while (q.next())
        ids.push_back(q.int64(QStringLiteral("id")));
    return ids;
}

StoreResult<QString> Decisions::stateHash(qint64 id)
{
    const auto loaded = decision(id);
    if (!loaded)
        return loaded.error();
    const Decision *d = &loaded.value();
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    auto str = [&w](const QString &s) {
        const QByteArray u = s.toUtf8();
        w.String(u.constData(), rapidjson::SizeType(u.size()));
    };
    w.StartArray();
    w.Int64(d->id);
    w.Int64(d->caseVersionId);
    str(d->packSha256);
    str(sha256Hex(d->resultJson));
    str(d->outcome);
    str(d->chosenArm);
    str(d->rationale);
    w.Bool(d->finalised);
    for (const QString &r : std::as_const(d->requiredRoles))
        str(r);
    for (const Position &p : d->positions) {
        str(p.participant);
        str(p.role);
        str(stanceName(p.stance));
        str(p.reason);
        if (!p.recordedBy.isEmpty()) // pre-v3 rows keep the hash they had
            str(p.recordedBy);
    }
    for (const CriterionOverride &o : d->overrides) {
        str(o.criterionId);
        str(o.reasonCode);
        str(o.text);
    }
    w.EndArray();
    return sha256Hex(QByteArray(buffer.GetString(), qsizetype(buffer.GetSize())));
}

} // namespace consilium
