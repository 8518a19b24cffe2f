// SPDX-License-Identifier: GPL-3.0-or-later
// What the follow-up records add up to: the due list, the local outcomes per arm and the
// registry extract (issue 14; docs/store.md#follow-up, docs/registry.md).
#include "store/FollowUps.h"
#include "store/FollowUpsInternal.h"
#include "store/StoreConnection.h"

#include "store/CanonicalJson.h"
#include "store/SqlRows.h"

#include "json/StrictJson.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <map>

namespace consilium {

namespace {

// A finalised decision that chose an arm and was not corrected by a later finalised decision,
// with its latest follow-up record, if any.
struct OpenDecision {
    qint64 id = 0;
    QString caseId;
    QString finalisedAt;
    std::optional<FollowUp> followUp;
    QByteArray caseContent; // only when asked for (registry extract)
    QByteArray resultJson;
    QString packId;
    QString packVersion;
};

StoreResult<std::vector<OpenDecision>> openDecisions(CaseStore &store, bool withContent)
{
    const QString extra = withContent
        ? QStringLiteral(", v.content AS case_content, d.result_json, p.pack_id, p.pack_version")
        : QString();
    SqlStatement q(StoreConnection::of(store),
        QStringLiteral("SELECT d.id AS decision_ref, c.case_id, d.finalised_at, f.id, f.decision_id, f.content,"
                       " f.recorded_at, f.recorded_by%1"
                       " FROM decisions d JOIN case_versions v ON v.id = d.case_version_id"
                       " JOIN cases c ON c.id = v.case_ref JOIN rule_packs p ON p.id = d.pack_ref"
                       " LEFT JOIN follow_ups f ON f.id = (SELECT max(l.id) FROM follow_ups l"
                       " WHERE l.decision_id = d.id)"
                       " WHERE d.status = 'final' AND d.outcome = 'arm' AND NOT EXISTS (SELECT 1 FROM decisions n"
                       " WHERE n.corrects_id = d.id AND n.status = 'final') ORDER BY d.id")
            .arg(extra));
    if (!q.exec())
        return storeFailure(StoreErrc::Sql, QStringLiteral("cannot read the follow-ups: %1").arg(q.errorText()));
    std::vector<OpenDecision> out;
    while (q.next()) {
        OpenDecision d;
        d.id = q.int64(QStringLiteral("decision_ref"));
        d.caseId = q.text(QStringLiteral("case_id"));
        d.finalisedAt = q.text(QStringLiteral("finalised_at"));
        if (!q.value(QStringLiteral("id")).isNull()) {
            auto f = followUpFromRow(q);
            if (!f)
                return f.error();
            d.followUp = std::move(f).value();
        }
        if (withContent) {
            d.caseContent = q.text(QStringLiteral("case_content")).toUtf8();
            d.resultJson = q.text(QStringLiteral("result_json")).toUtf8();
            d.packId = q.text(QStringLiteral("pack_id"));
            d.packVersion = q.text(QStringLiteral("pack_version"));
        }
        out.push_back(std::move(d));
    }
    return out;
}

bool treated(const OpenDecision &d)
{
    return d.followUp && d.followUp->status == FollowUpStatus::CarriedOut && !d.followUp->treatedOn.isEmpty();
}

// The site setting follow_up_grace_days: days after a due date before an item counts as
// overdue (docs/store.md#follow-up). Not set: none.
StoreResult<int> graceDays(CaseStore &store)
{
    const auto setting = store.setting(FollowUps::graceSettingKey());
    if (!setting)
        return setting.error();
    if (!setting.value())
        return 0;
    bool ok = false;
    const int days = setting.value()->trimmed().toInt(&ok);
    if (!ok || days < 0)
        return storeFailure(StoreErrc::Refused,
            QStringLiteral("the site setting %1 must be a whole number of days (0 or more), not '%2'")
                .arg(FollowUps::graceSettingKey(), *setting.value()));
    return days;
}

void addDue(std::vector<FollowUps::Due> &out, const OpenDecision &d, const QString &what, const QDate &dueOn,
    const QDate &today, int grace)
{
    out.push_back({ d.id, d.caseId, d.finalisedAt, d.followUp ? d.followUp->treatedOn : QString(), what,
        dueOn.toString(Qt::ISODate), dueOn.addDays(grace) < today });
}

// The highest grade known over a patient's time points; -1 unknown.
int highest(const FollowUp &f, const std::function<QString(const FollowUpOutcome &)> &grade)
{
    int best = -1;
    for (const FollowUpOutcome &o : f.outcomes) {
        bool ok = false;
        const int g = grade(o).toInt(&ok);
        if (ok && g > best)
            best = g;
    }
    return best;
}

} // namespace

QString FollowUps::graceSettingKey()
{
    return QStringLiteral("follow_up_grace_days");
}

StoreResult<std::vector<FollowUps::Due>> FollowUps::due(const QDate &today)
{
    const auto grace = graceDays(m_store);
    if (!grace)
        return grace.error();
    const auto decisions = openDecisions(m_store, false);
    if (!decisions)
        return decisions.error();
    std::vector<Due> out;
    for (const OpenDecision &d : decisions.value()) {
        if (!d.followUp || (d.followUp->status == FollowUpStatus::CarriedOut && d.followUp->treatedOn.isEmpty())) {
            // No record yet, or carried out without the treatment date: due since the finalisation.
            const QDate since = QDateTime::fromString(d.finalisedAt, Qt::ISODateWithMs).date();
            addDue(out, d, QStringLiteral("follow-up"), since, today, grace.value());
            continue;
        }
        if (!treated(d))
            continue; // not carried out: nothing more to follow
        const FollowUp &f = *d.followUp;
        const bool died = std::any_of(
            f.outcomes.begin(), f.outcomes.end(), [](const FollowUpOutcome &o) { return o.died == true; });
        const QDate treatedOn = QDate::fromString(f.treatedOn, Qt::ISODate);
        for (int day : outcomeDays()) {
            const QDate dueOn = treatedOn.addDays(day);
            if (!died && !f.outcome(day) && dueOn <= today)
                addDue(out, d, QStringLiteral("day %1").arg(day), dueOn, today, grace.value());
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const Due &a, const Due &b) { return a.dueOn < b.dueOn; });
    return out;
}

StoreResult<std::vector<FollowUps::ArmOutcomes>> FollowUps::localOutcomes()
{
    const auto decisions = openDecisions(m_store, false);
    if (!decisions)
        return decisions.error();
    std::map<QString, ArmOutcomes> byArm;
    for (const OpenDecision &d : decisions.value()) {
        if (!treated(d))
            continue;
        const FollowUp &f = *d.followUp;
        ArmOutcomes &a = byArm[f.arm];
        a.arm = f.arm;
        ++a.treated;
        a.withDay28 += f.outcome(outcomeDays().constFirst()) ? 1 : 0;
        auto count = [](int grade, int &known, int &any, int *severe) {
            if (grade < 0)
                return;
            ++known;
            any += grade >= 1 ? 1 : 0;
            if (severe)
                *severe += grade >= kSevereGrade ? 1 : 0;
        };
        int unused = 0;
        count(highest(f, [](const FollowUpOutcome &o) { return o.crs.grade; }), a.crsKnown, a.crsAny, &a.crsGrade3);
        count(highest(f, [](const FollowUpOutcome &o) { return o.icans.grade; }), a.icansKnown, a.icansAny,
            &a.icansGrade3);
        count(highest(f, [](const FollowUpOutcome &o) { return o.icahtGrade; }), a.icahtKnown, unused, &a.icahtGrade3);
        bool infectionKnown = false;
        bool infection = false;
        for (const FollowUpOutcome &o : f.outcomes) {
            infectionKnown = infectionKnown || o.infectionGrade3plus.has_value();
            infection = infection || o.infectionGrade3plus == true;
        }
        a.infectionKnown += infectionKnown ? 1 : 0;
        a.infectionGrade3 += infection ? 1 : 0;
    }
    std::vector<ArmOutcomes> out;
    out.reserve(byArm.size());
    for (auto &[arm, counts] : byArm)
        out.push_back(counts);
    return out;
}

StoreResult<QByteArray> FollowUps::registryExtract(ExtractFormat format)
{
    const auto decisions = openDecisions(m_store, true);
    if (!decisions)
        return decisions.error();
    std::vector<RegistryRow> rows;
    for (const OpenDecision &d : decisions.value()) {
        if (treated(d))
            rows.push_back(registryRow(*d.followUp, d.caseId, d.caseContent, d.resultJson, d.packId, d.packVersion));
    }
    QByteArray bytes = format == ExtractFormat::Csv ? registryCsv(rows) : registryJson(rows);
    // Patient data leaves the database: audited like an export (a read-only store cannot).
    if (m_store.isWriter()) {
        const auto audited = m_store.retrying([&]() {
            return m_store.audit(QStringLiteral("registry.extracted"), QStringLiteral("database"),
                m_store.databaseName(), {}, sha256Hex(bytes),
                QStringLiteral("%1 row(s), %2")
                    .arg(rows.size())
                    .arg(format == ExtractFormat::Csv ? QStringLiteral("csv") : QStringLiteral("json")));
        });
        if (!audited)
            return audited.error();
    }
    return bytes;
}

} // namespace consilium
