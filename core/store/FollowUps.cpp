// SPDX-License-Identifier: GPL-3.0-or-later
// Follow-up records of finalised decisions (issue 14; docs/store.md#follow-up).
#include "store/FollowUps.h"
#include "store/FollowUpsInternal.h"
#include "store/StoreConnection.h"

#include "store/CanonicalJson.h"
#include "store/Decisions.h"
#include "store/SqlRows.h"

#include "json/StrictJson.h"

#include <QSet>

namespace consilium {

QString followUpStatusName(FollowUpStatus s)
{
    return s == FollowUpStatus::CarriedOut ? QStringLiteral("carried_out") : QStringLiteral("not_carried_out");
}

std::optional<FollowUpStatus> followUpStatusFromName(const QString &name)
{
    for (FollowUpStatus s : { FollowUpStatus::CarriedOut, FollowUpStatus::NotCarriedOut }) {
        if (followUpStatusName(s) == name)
            return s;
    }
    return std::nullopt;
}

const FollowUp::Outcome *FollowUp::outcome(int day) const
{
    for (const Outcome &o : outcomes) {
        if (o.day == day)
            return &o;
    }
    return nullptr;
}

namespace {

// The arm and sub-option keys of a decision's stored result ("standard_care/ahsct"), and the
// option ids of each arm (docs/result-format.md#options).
struct ResultChoices {
    QStringList groups;
    QMap<QString, QStringList> optionsOfArm;
};

ResultChoices resultChoices(const QByteArray &resultJson)
{
    ResultChoices out;
    json::Document doc;
    if (!parseStored(resultJson, doc) || !doc.IsObject() || !doc.HasMember("arms") || !doc["arms"].IsObject())
        return out;
    for (const auto &arm : doc["arms"].GetObject()) {
        const QString armId = json::toQString(arm.name);
        out.groups << armId;
        if (!arm.value.IsObject())
            continue;
        if (arm.value.HasMember("sub_options") && arm.value["sub_options"].IsObject()) {
            for (const auto &sub : arm.value["sub_options"].GetObject())
                out.groups << armId + QLatin1Char('/') + json::toQString(sub.name);
        }
        if (arm.value.HasMember("options") && arm.value["options"].IsArray()) {
            for (const auto &option : arm.value["options"].GetArray()) {
                if (option.IsObject() && option.HasMember("id") && option["id"].IsString())
                    out.optionsOfArm[armId] << json::toQString(option["id"]);
            }
        }
    }
    return out;
}

// Collects "<path>: <reason>" lines (the form of case errors, docs/case-format.md).
class Problems
{
public:
    void add(const QString &path, const QString &why) { m_lines << QStringLiteral("$.%1: %2").arg(path, why); }
    // A date field: empty is unknown; otherwise a real YYYY-MM-DD day, not before `notBefore`.
    std::optional<QDate> date(const QString &path, const QString &value, const QDate &notBefore, const QString &what)
    {
        if (value.isEmpty())
            return std::nullopt;
        const auto d = json::parseIsoDate(value);
        if (!d) {
            add(path, QStringLiteral("'%1' is not a date (YYYY-MM-DD)").arg(value));
            return std::nullopt;
        }
        if (notBefore.isValid() && *d < notBefore)
            add(path, QStringLiteral("%1 is before %2 (%3)").arg(value, what, notBefore.toString(Qt::ISODate)));
        return d;
    }
    void grade(const QString &path, const QString &value, int max, const QString &scale)
    {
        if (value.isEmpty())
            return;
        bool ok = false;
        const int n = value.toInt(&ok);
        if (!ok || n < 0 || n > max)
            add(path, QStringLiteral("%1 is not a grade of the %2 scale (0 to %3)").arg(value, scale).arg(max));
    }
    void mustBeEmpty(const QString &path, const QString &value, const QString &why)
    {
        if (!value.isEmpty())
            add(path, why);
    }
    const QStringList &lines() const { return m_lines; }

private:
    QStringList m_lines;
};

void checkEvent(Problems &p, const QString &path, const ToxicityEvent &e, const QDate &treated, const QString &scale)
{
    p.grade(path + QStringLiteral(".grade"), e.grade, kMaxToxicityGrade, scale);
    const auto onset = p.date(path + QStringLiteral(".onset"), e.onset, treated, QStringLiteral("the treatment"));
    p.date(path + QStringLiteral(".resolved"), e.resolved, onset.value_or(treated),
        onset ? QStringLiteral("the onset") : QStringLiteral("the treatment"));
    if (e.grade == QLatin1String("0")) {
        p.mustBeEmpty(path + QStringLiteral(".onset"), e.onset, QStringLiteral("grade 0 (none) has no onset"));
        p.mustBeEmpty(path + QStringLiteral(".resolved"), e.resolved, QStringLiteral("grade 0 (none) has no end"));
    }
}

void checkOutcome(Problems &p, const QString &path, const FollowUpOutcome &o, const QDate &treated)
{
    if (!FollowUps::outcomeDays().contains(o.day)) {
        QStringList days;
        for (int d : FollowUps::outcomeDays())
            days << QString::number(d);
        p.add(path + QStringLiteral(".day"),
            QStringLiteral("%1 is not a follow-up time point (%2)").arg(o.day).arg(days.join(QStringLiteral(", "))));
    }
    const QString treatment = QStringLiteral("the treatment");
    p.date(path + QStringLiteral(".assessed_on"), o.assessedOn, treated, treatment);
    checkEvent(p, path + QStringLiteral(".crs"), o.crs, treated, QStringLiteral("CRS (ASTCT)"));
    checkEvent(p, path + QStringLiteral(".icans"), o.icans, treated, QStringLiteral("ICANS (ASTCT)"));
    p.grade(path + QStringLiteral(".icaht_grade"), o.icahtGrade, kMaxIcahtGrade, QStringLiteral("ICAHT"));
    if (!o.response.isEmpty() && !FollowUps::responses().contains(o.response))
        p.add(path + QStringLiteral(".response"),
            QStringLiteral("'%1' is not one of %2").arg(o.response, FollowUps::responses().join(QStringLiteral(", "))));
    p.date(path + QStringLiteral(".death_date"), o.deathDate, treated, treatment);
    if (o.died != true)
        p.mustBeEmpty(
            path + QStringLiteral(".death_date"), o.deathDate, QStringLiteral("a death date needs died = true"));
    if (o.infectionGrade3plus != true)
        p.mustBeEmpty(path + QStringLiteral(".infection_text"), o.infectionText,
            QStringLiteral("a description of an infection needs infection_grade3plus = true"));
}

void checkNotCarriedOut(Problems &p, const FollowUp &f)
{
    if (f.notCarriedReason.isEmpty())
        p.add(QStringLiteral("reason"), QStringLiteral("a decision not carried out needs a reason"));
    else if (!FollowUps::notCarriedReasons().contains(f.notCarriedReason))
        p.add(QStringLiteral("reason"),
            QStringLiteral("'%1' is not one of %2")
                .arg(f.notCarriedReason, FollowUps::notCarriedReasons().join(QStringLiteral(", "))));
    const QString why = QStringLiteral("only for a decision carried out");
    p.mustBeEmpty(QStringLiteral("treated_on"), f.treatedOn, why);
    p.mustBeEmpty(QStringLiteral("arm"), f.arm, why);
    p.mustBeEmpty(QStringLiteral("option"), f.option, why);
    p.mustBeEmpty(QStringLiteral("lot_or_trial_id"), f.lotOrTrialId, why);
    p.mustBeEmpty(QStringLiteral("lymphodepletion"), f.lymphodepletion, why);
    if (!f.outcomes.empty())
        p.add(QStringLiteral("outcomes"), why);
}

void checkCarriedOut(Problems &p, const FollowUp &f, const Decision &d)
{
    const QString why = QStringLiteral("only for a decision not carried out");
    p.mustBeEmpty(QStringLiteral("reason"), f.notCarriedReason, why);
    p.mustBeEmpty(QStringLiteral("reason_text"), f.notCarriedText, why);
    const ResultChoices choices = resultChoices(d.resultJson);
    if (f.arm.isEmpty())
        p.add(QStringLiteral("arm"), QStringLiteral("a decision carried out needs the arm given"));
    else if (!choices.groups.contains(f.arm))
        p.add(QStringLiteral("arm"),
            QStringLiteral("'%1' is not an arm of decision %2 (%3)")
                .arg(f.arm)
                .arg(d.id)
                .arg(choices.groups.join(QStringLiteral(", "))));
    const QString armId = f.arm.section(QLatin1Char('/'), 0, 0);
    // The option is checked against a valid arm only (a wrong arm is the one problem then).
    if (choices.groups.contains(f.arm) && !f.option.isEmpty() && !choices.optionsOfArm.value(armId).contains(f.option))
        p.add(QStringLiteral("option"),
            QStringLiteral("'%1' is not an option of arm %2 in decision %3's rule pack")
                .arg(f.option, armId)
                .arg(d.id));
    const QDate decided = QDateTime::fromString(d.createdAt, Qt::ISODateWithMs).date();
    const auto treated = p.date(QStringLiteral("treated_on"), f.treatedOn, decided, QStringLiteral("the decision"));
    if (f.treatedOn.isEmpty() && !f.outcomes.empty())
        p.add(QStringLiteral("outcomes"), QStringLiteral("outcomes need the treatment date (treated_on)"));
    QSet<int> days;
    for (std::size_t i = 0; i < f.outcomes.size(); ++i) {
        const QString path = QStringLiteral("outcomes[%1]").arg(i);
        checkOutcome(p, path, f.outcomes[i], treated.value_or(decided));
        if (days.contains(f.outcomes[i].day))
            p.add(path + QStringLiteral(".day"), QStringLiteral("day %1 is given twice").arg(f.outcomes[i].day));
        days.insert(f.outcomes[i].day);
    }
}

QStringList problemsOf(const FollowUp &f, const Decision &d)
{
    Problems p;
    if (f.status == FollowUpStatus::NotCarriedOut)
        checkNotCarriedOut(p, f);
    else
        checkCarriedOut(p, f, d);
    return p.lines();
}

StoreError readFailed(qint64 decisionId, const SqlStatement &q)
{
    return { StoreErrc::Sql,
        QStringLiteral("cannot read the follow-up of decision %1: %2").arg(decisionId).arg(q.errorText()), {} };
}

} // namespace

FollowUps::FollowUps(CaseStore &store) : m_store(store) { }

QStringList FollowUps::notCarriedReasons()
{
    return { QStringLiteral("patient_declined"), QStringLiteral("not_eligible_anymore"), QStringLiteral("no_slot"),
        QStringLiteral("insurer_refused"), QStringLiteral("deteriorated"), QStringLiteral("died"),
        QStringLiteral("other") };
}

QStringList FollowUps::responses()
{
    return { QStringLiteral("complete_remission"), QStringLiteral("partial_response"), QStringLiteral("no_response"),
        QStringLiteral("progression"), QStringLiteral("not_evaluable") };
}

// The registry time points named in issue 14 ("at day 28 and day 100"); neither the rule pack
// nor docs define them. The one place they are written down.
QList<int> FollowUps::outcomeDays()
{
    return { 28, 100 };
}

StoreResult<QStringList> FollowUps::validate(const FollowUp &followUp)
{
    const auto d = Decisions(m_store).decision(followUp.decisionId);
    if (!d)
        return d.error();
    if (!d.value().finalised)
        return storeFailure(StoreErrc::Refused,
            QStringLiteral("decision %1 is not finalised: a follow-up is recorded only for a finalised decision")
                .arg(followUp.decisionId));
    SqlStatement q(StoreConnection::of(m_store),
        QStringLiteral("SELECT id FROM decisions WHERE corrects_id = :id AND status = 'final' ORDER BY id"));
    q.bind(QStringLiteral(":id"), followUp.decisionId);
    if (!q.exec())
        return readFailed(followUp.decisionId, q);
    if (q.next())
        return storeFailure(StoreErrc::Refused,
            QStringLiteral("decision %1 was corrected by decision %2: record the follow-up of the correction")
                .arg(followUp.decisionId)
                .arg(q.int64(QStringLiteral("id"))));
    return problemsOf(followUp, d.value());
}

StoreResult<qint64> FollowUps::record(const FollowUp &followUp)
{
    return m_store.retrying([&]() -> StoreResult<qint64> {
        // Inside the write transaction: the decision cannot change between the check and the insert.
        const auto problems = validate(followUp);
        if (!problems)
            return problems.error();
        if (!problems.value().isEmpty())
            return storeFailure(StoreErrc::Refused,
                QStringLiteral("follow-up of decision %1 rejected, nothing was recorded: %2")
                    .arg(followUp.decisionId)
                    .arg(problems.value().first()),
                problems.value());
        const auto previous = latest(followUp.decisionId);
        if (!previous)
            return previous.error();
        const QByteArray content = followUpContent(followUp);
        const QString sha = sha256Hex(content);
        SqlStatement q(StoreConnection::of(m_store),
            QStringLiteral("INSERT INTO follow_ups (decision_id, status, treated_on, arm, option_id, content,"
                           " content_sha256, recorded_at, recorded_by) VALUES (:decision, :status, :treated, :arm,"
                           " :option, :content, :sha, :at, :by)"));
        auto nullable = [](const QString &s) { return s.isEmpty() ? QVariant() : QVariant(s); };
        q.bind(QStringLiteral(":decision"), followUp.decisionId)
            .bind(QStringLiteral(":status"), followUpStatusName(followUp.status))
            .bind(QStringLiteral(":treated"), nullable(followUp.treatedOn))
            .bind(QStringLiteral(":arm"), nullable(followUp.arm))
            .bind(QStringLiteral(":option"), nullable(followUp.option))
            .bind(QStringLiteral(":content"), QString::fromUtf8(content))
            .bind(QStringLiteral(":sha"), sha)
            .bind(QStringLiteral(":at"), m_store.timestamp())
            .bind(QStringLiteral(":by"), m_store.actorName());
        if (!q.exec())
            return m_store.sqlError(q.lastError(), QStringLiteral("cannot record the follow-up"));
        const qint64 id = q.lastInsertId();
        const QString before = previous.value() ? sha256Hex(followUpContent(*previous.value())) : QString();
        const QString detail = followUp.status == FollowUpStatus::CarriedOut
            ? QStringLiteral("carried out: %1").arg(followUp.arm)
            : QStringLiteral("not carried out: %1").arg(followUp.notCarriedReason);
        if (auto audited = m_store.audit(QStringLiteral("follow-up.record"), QStringLiteral("decision"),
                QString::number(followUp.decisionId), before, sha, detail);
            !audited)
            return audited.error();
        return id;
    });
}

StoreResult<std::vector<FollowUp>> FollowUps::history(qint64 decisionId)
{
    SqlStatement q(StoreConnection::of(m_store),
        QStringLiteral("SELECT id, decision_id, content, recorded_at, recorded_by FROM follow_ups"
                       " WHERE decision_id = :decision ORDER BY id"));
    q.bind(QStringLiteral(":decision"), decisionId);
    if (!q.exec())
        return readFailed(decisionId, q);
    std::vector<FollowUp> out;
    while (q.next()) {
        auto f = followUpFromRow(q);
        if (!f)
            return f.error();
        out.push_back(std::move(f).value());
    }
    return out;
}

StoreResult<std::optional<FollowUp>> FollowUps::latest(qint64 decisionId)
{
    SqlStatement q(StoreConnection::of(m_store),
        QStringLiteral("SELECT id, decision_id, content, recorded_at, recorded_by FROM follow_ups"
                       " WHERE decision_id = :decision ORDER BY id DESC LIMIT 1"));
    q.bind(QStringLiteral(":decision"), decisionId);
    if (!q.exec())
        return readFailed(decisionId, q);
    if (!q.next())
        return std::optional<FollowUp>();
    auto f = followUpFromRow(q);
    if (!f)
        return f.error();
    return std::optional<FollowUp>(std::move(f).value());
}

StoreResult<FollowUp> followUpFromRow(const SqlStatement &q)
{
    QStringList errors;
    auto f = followUpFromJson(q.text(QStringLiteral("content")).toUtf8(), errors);
    if (!f)
        return storeFailure(StoreErrc::Corrupt,
            QStringLiteral("follow-up %1 cannot be read: %2")
                .arg(q.int64(QStringLiteral("id")))
                .arg(errors.join(QStringLiteral("; "))));
    f->id = q.int64(QStringLiteral("id"));
    f->decisionId = q.int64(QStringLiteral("decision_id"));
    f->recordedAt = q.text(QStringLiteral("recorded_at"));
    f->recordedBy = q.text(QStringLiteral("recorded_by"));
    return std::move(*f);
}

} // namespace consilium
