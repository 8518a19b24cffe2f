// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/FollowUps.h"

namespace consilium {

namespace {
auto notYet()
{
    return storeFailure(StoreErrc::Unsupported, QStringLiteral("follow-up records are not implemented yet"));
}
} // namespace

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

QByteArray followUpToJson(const FollowUp &)
{
    return {};
}

std::optional<FollowUp> followUpFromJson(const QByteArray &, QStringList &errors)
{
    errors << QStringLiteral("not implemented yet");
    return std::nullopt;
}

FollowUps::FollowUps(CaseStore &store) : m_store(store) { }

QStringList FollowUps::notCarriedReasons()
{
    return { QStringLiteral("patient_declined"), QStringLiteral("not_eligible_anymore"), QStringLiteral("no_slot"),
        QStringLiteral("insurer_refused"), QStringLiteral("deteriorated"), QStringLiteral("died"),
        QStringLiteral("other") };
}

QStringList FollowUps::responses()
{
    return { QStringLiteral("complete_remission"), QStringLiteral("partial_response"),
        QStringLiteral("no_response"), QStringLiteral("progression"), QStringLiteral("not_evaluable") };
}

QList<int> FollowUps::outcomeDays()
{
    return { 28, 100 };
}

StoreResult<qint64> FollowUps::record(const FollowUp &)
{
    return notYet();
}

StoreResult<QStringList> FollowUps::validate(const FollowUp &)
{
    return notYet();
}

StoreResult<std::optional<FollowUp>> FollowUps::latest(qint64)
{
    return notYet();
}

StoreResult<std::vector<FollowUp>> FollowUps::history(qint64)
{
    return notYet();
}

StoreResult<std::vector<FollowUps::Due>> FollowUps::due(const QDate &)
{
    return notYet();
}

StoreResult<std::vector<FollowUps::ArmOutcomes>> FollowUps::localOutcomes()
{
    return notYet();
}

StoreResult<QByteArray> FollowUps::registryExtract(ExtractFormat)
{
    return notYet();
}

} // namespace consilium
