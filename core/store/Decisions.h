// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/CaseStore.h"

#include <functional>
#include <optional>
#include <vector>

class QSqlQuery;

namespace consilium {

struct Attendee {
    QString name;
    QString role;
};

struct Conference {
    qint64 id = 0;
    QString heldOn; // YYYY-MM-DD
    QString title;
    std::vector<Attendee> attendees;
    QStringList caseIds;
};

enum class Stance { Agree, Disagree, Abstain };
QString stanceName(Stance s);
std::optional<Stance> stanceFromName(const QString &name);

struct Position {
    QString participant;
    QString role;
    Stance stance = Stance::Agree;
    QString reason;
    QString recordedAt;
    QString recordedBy = {}; // the user who recorded it (may differ from the participant); empty before schema v3
};

struct CriterionOverride {
    qint64 id = 0;
    QString criterionId;
    QString reasonCode;
    QString text;
    QString recordedAt;
    QString recordedBy;
};

struct Decision {
    qint64 id = 0;
    qint64 conferenceId = 0;
    qint64 caseVersionId = 0;
    QString caseId;
    int caseVersion = 0;
    QString packSha256;
    QString packId;
    QString packVersion;
    QString engineVersion;
    QByteArray resultJson; // the full consilium-result/1 at decision time (compact)
    QString outcome; // "pending", "arm" or "deferred"
    QString chosenArm; // "autologous_car_t" or "standard_care/ahsct"
    QString rationale;
    bool finalised = false;
    std::optional<qint64> correctsId;
    QString createdAt;
    QString createdBy;
    QString finalisedAt;
    QString finalisedBy;
    QStringList requiredRoles;
    std::vector<Position> positions;
    // PostgreSQL: the site setting role_logins when the decision was read (RoleLogins.h): a
    // role it names is answered only by a position one of its logins recorded.
    QMap<QString, QStringList> roleLogins;
    std::vector<CriterionOverride> overrides;

    QStringList missingRoles() const;
    // Whether `p` answers its role (every position does, unless roleLogins names the role and
    // someone else recorded it).
    bool signs(const Position &p) const;
    bool hasDissent() const;
};

// Conferences, their listed cases, and one decision per case with its pinned evaluation.
// Finalised decisions are immutable (in code and by database triggers); a correction is a new
// draft linked to the decision it corrects.
class Decisions
{
public:
    explicit Decisions(CaseStore &store);

    static QStringList overrideReasonCodes();

    // Every call returns its value or the StoreError saying why not (StoreResult.h): a rule of
    // the data model (a finalised decision, a missing role) is StoreErrc::Refused, an unknown
    // id StoreErrc::NotFound.
    StoreResult<qint64> createConference(
        const QString &heldOn, const QString &title, const std::vector<Attendee> &attendees);
    StoreResult<void> listCase(qint64 conferenceId, const QString &caseId);
    StoreResult<Conference> conference(qint64 id);
    StoreResult<std::vector<Conference>> conferences();

    // Evaluates the case's latest version (or the given one) with `pack`, stores the pack and
    // the full result, and derives the required roles from the site setting. The same
    // evaluation is recorded in `evaluations` (compact, as Evaluations stores it) in the same
    // transaction, so history and the current verdicts reflect what the decision was shown.
    StoreResult<qint64> open(qint64 conferenceId, const QString &caseId, const RulePack &pack,
        std::optional<qint64> versionId = std::nullopt);
    // chosenArm empty = deferral.
    StoreResult<void> setOutcome(qint64 decisionId, const QString &chosenArm, const QString &rationale);
    StoreResult<void> recordPosition(qint64 decisionId, const Position &position);
    StoreResult<void> addOverride(
        qint64 decisionId, const QString &criterionId, const QString &reasonCode, const QString &text);
    StoreResult<void> finalise(qint64 decisionId);
    // A new draft linked to a finalised decision, with its outcome, rationale, roles and
    // overrides copied; positions must be given again.
    StoreResult<qint64> correct(qint64 decisionId);

    StoreResult<Decision> decision(qint64 id);
    StoreResult<std::vector<qint64>> decisionsOfCase(const QString &caseId);

private:
    StoreResult<Decision> draft(qint64 id); // loads, and refuses a finalised decision
    StoreResult<QString> stateHash(qint64 id);
    // What must hold of the stored draft before a change (finalise: an outcome, every role);
    // may set the audit detail.
    using ChangeCheck = std::function<StoreResult<void>(const Decision &, QString &detail)>;
    // Runs `change` (prepared, bound) on a draft in its own write transaction, audited as
    // `action` with the decision's state hash before and after. Inside the transaction the
    // decision's row is locked (SqlDialect::rowLock) and then read again: it must still be a
    // draft and pass `check`. Deadlocks are retried (CaseStore::retrying).
    StoreResult<void> applyChange(qint64 decisionId, QSqlQuery &change, const QString &action, const QString &detail,
        const ChangeCheck &check = {});

    CaseStore &m_store;
};

} // namespace consilium
