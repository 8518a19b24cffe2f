// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/CaseStore.h"

#include <QByteArray>
#include <QDate>

#include <optional>
#include <vector>

namespace consilium {

// Follow-up of a finalised decision (issue 14, "Follow-up of each decision"; docs/store.md#follow-up).
enum class FollowUpStatus { CarriedOut, NotCarriedOut };
QString followUpStatusName(FollowUpStatus s); // "carried_out", "not_carried_out"
std::optional<FollowUpStatus> followUpStatusFromName(const QString &name);

// The highest grade of one toxicity in a period, with its dates. Empty = unknown.
struct ToxicityEvent {
    QString grade; // ASTCT consensus grade "0".."5" (CRS, ICANS; 5 = fatal); empty = unknown
    QString onset; // YYYY-MM-DD, empty = unknown or none
    QString resolved; // YYYY-MM-DD, empty = unknown or not resolved
};

// The outcomes a registry asks for at one time point (FollowUps::outcomeDays()).
struct FollowUpOutcome {
    int day = 0; // 28 or 100 (FollowUps::outcomeDays())
    QString assessedOn; // YYYY-MM-DD
    ToxicityEvent crs;
    ToxicityEvent icans;
    QString icahtGrade; // ASTCT/EHA ICAHT "0".."4"; empty = unknown
    std::optional<bool> infectionGrade3plus; // nullopt = unknown
    QString infectionText;
    QString response; // one of FollowUps::responses(); empty = unknown
    std::optional<bool> died; // nullopt = unknown
    QString deathDate; // YYYY-MM-DD when died
};

struct FollowUp {
    qint64 id = 0;
    qint64 decisionId = 0;
    FollowUpStatus status = FollowUpStatus::CarriedOut;
    // carried out
    QString treatedOn; // YYYY-MM-DD (infusion / start date); empty = not yet known
    QString arm; // an arm or sub-option key of the decision's result ("standard_care/ahsct")
    QString option; // an option id of that arm in the decision's result; may be empty
    QString lotOrTrialId;
    QString lymphodepletion; // free text or regimen, e.g. "Flu/Cy"
    // not carried out
    QString notCarriedReason; // one of FollowUps::notCarriedReasons()
    QString notCarriedText;
    // outcomes per time point, at most one per day
    using Outcome = FollowUpOutcome;
    std::vector<Outcome> outcomes;
    QString recordedAt;
    QString recordedBy;

    const Outcome *outcome(int day) const;
};

// The follow-up record as JSON (docs/store.md#follow-up-json): what `db follow-up --json FILE`
// reads and `--show` writes. fromJson names every bad field in `errors` ("outcomes[0].crs.grade: …").
QByteArray followUpToJson(const FollowUp &f);
std::optional<FollowUp> followUpFromJson(const QByteArray &json, QStringList &errors);

enum class ExtractFormat { Csv, Json };

// Follow-up records of finalised decisions: append-only (a newer record for a decision
// supersedes the older one, which stays as history), audited as "follow-up.record".
class FollowUps
{
public:
    explicit FollowUps(CaseStore &store);

    // Codes; the UI shows translated labels.
    static QStringList notCarriedReasons(); // patient_declined, not_eligible_anymore, no_slot, ...
    static QStringList responses(); // complete_remission, partial_response, ...
    // Registry time points (issue 14): {28, 100}.
    static QList<int> outcomeDays();
    // The site setting (CaseStore::setting) of the days after a due date before an item of
    // due() is overdue; not set: none (docs/store.md#follow-up).
    static QString graceSettingKey(); // "follow_up_grace_days"

    // Every field checked (FollowUps::validate); a rejected record writes nothing and the
    // error (StoreErrc::Refused) names each field and why. Only for a finalised decision
    // (StoreErrc::Refused otherwise; NotFound for an unknown decision). Returns the new row's id.
    StoreResult<qint64> record(const FollowUp &followUp);
    // The problems of `followUp` for its decision, one "field: reason" per line; empty = valid.
    StoreResult<QStringList> validate(const FollowUp &followUp);
    StoreResult<std::optional<FollowUp>> latest(qint64 decisionId);
    StoreResult<std::vector<FollowUp>> history(qint64 decisionId); // oldest first

    struct Due {
        qint64 decisionId = 0;
        QString caseId;
        QString finalisedAt;
        QString treatedOn;
        QString what; // "follow-up", "day 28", "day 100"
        QString dueOn; // YYYY-MM-DD; for "follow-up" the finalisation date
        bool overdue = false; // dueOn before today
    };
    // What is missing as of `today`: a follow-up record for every finalised decision with an
    // arm chosen (not deferred, not corrected by a later finalised decision), and the day 28 /
    // day 100 outcomes once carried out with a treatment date (due from treatedOn + day).
    StoreResult<std::vector<Due>> due(const QDate &today);

    // Per arm, over the latest records carried out with a treatment date. Each count has its
    // n: the patients for whom that item is known (unknown is never counted as "no").
    struct ArmOutcomes {
        QString arm;
        int treated = 0;
        int withDay28 = 0; // treated patients with a day-28 outcome recorded
        int crsAny = 0, crsKnown = 0; // CRS grade >= 1 of crsKnown
        int crsGrade3 = 0; // CRS grade >= 3 of crsKnown
        int icansAny = 0, icansKnown = 0;
        int icansGrade3 = 0;
        int icahtGrade3 = 0, icahtKnown = 0;
        int infectionGrade3 = 0, infectionKnown = 0;
    };
    // Over all time points of a patient: the highest grade known; known if any time point knows it.
    StoreResult<std::vector<ArmOutcomes>> localOutcomes();

    // One row per treated patient (latest record carried out), fields in docs/registry.md.
    // A writer store records the extract in the audit log ("registry.extracted", the SHA-256
    // of the bytes); a read-only store cannot.
    StoreResult<QByteArray> registryExtract(ExtractFormat format);

private:
    CaseStore &m_store;
};

} // namespace consilium
