// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/PackImpactExport.h"

#include "rules/RulePack.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace consilium {

namespace {

QJsonValue dateValue(const std::optional<QDate> &d)
{
    return d ? QJsonValue(d->toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

QJsonArray changesJson(const std::vector<PackImpact::Change> &changes, const char *keyName)
{
    QJsonArray out;
    for (const auto &c : changes)
        out.append(QJsonObject { { QLatin1String(keyName), c.key }, { QStringLiteral("before"), c.before },
            { QStringLiteral("after"), c.after } });
    return out;
}

QJsonObject packJson(const RulePack &p)
{
    return { { QStringLiteral("id"), p.id() }, { QStringLiteral("version"), p.version() },
        { QStringLiteral("sha256"), p.sha256() } };
}

QJsonObject transitionsJson(const PackImpact &r)
{
    QJsonObject transitions;
    for (const auto &[key, table] : r.transitions) {
        QJsonArray rows;
        for (const auto &[pair, n] : table)
            rows.append(QJsonObject { { QStringLiteral("before"), pair.first },
                { QStringLiteral("after"), pair.second }, { QStringLiteral("cases"), n } });
        transitions.insert(key, rows);
    }
    return transitions;
}

QJsonObject shiftsJson(const PackImpact &r)
{
    QJsonObject shifts;
    for (const auto &[arm, table] : r.startShifts) {
        QJsonArray rows;
        for (const auto &[days, n] : table)
            rows.append(QJsonObject { { QStringLiteral("days"), days }, { QStringLiteral("cases"), n } });
        shifts.insert(arm, rows);
    }
    return shifts;
}

QJsonArray changedJson(const PackImpact &r)
{
    QJsonArray changed;
    for (const auto &c : r.changed) {
        QJsonArray starts;
        for (const auto &s : c.starts)
            starts.append(QJsonObject { { QStringLiteral("arm"), s.arm },
                { QStringLiteral("before"), dateValue(s.before) }, { QStringLiteral("after"), dateValue(s.after) } });
        changed.append(QJsonObject { { QStringLiteral("case_id"), c.caseId }, { QStringLiteral("version"), c.version },
            { QStringLiteral("verdicts"), changesJson(c.verdicts, "group") },
            { QStringLiteral("criteria"), changesJson(c.criteria, "criterion") },
            { QStringLiteral("earliest_start"), starts } });
    }
    return changed;
}

QString csvField(const QString &s)
{
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) && !s.contains(QLatin1Char('\n')))
        return s;
    return QLatin1Char('"') + QString(s).replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
}

QString isoDate(const std::optional<QDate> &d)
{
    return d ? d->toString(Qt::ISODate) : QString();
}

} // namespace

QByteArray impactJson(const PackImpact &r, const RulePack &active, const RulePack &candidate)
{
    const QJsonObject o { { QStringLiteral("format"), QStringLiteral("consilium-impact/1") },
        { QStringLiteral("active_pack"), packJson(active) }, { QStringLiteral("candidate_pack"), packJson(candidate) },
        { QStringLiteral("cases"), r.total }, { QStringLiteral("evaluated"), r.evaluated },
        { QStringLiteral("not_valid"), QJsonArray::fromStringList(r.failed) },
        { QStringLiteral("transitions"), transitionsJson(r) },
        { QStringLiteral("earliest_start_shifts"), shiftsJson(r) },
        { QStringLiteral("changed_cases"), changedJson(r) } };
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

QByteArray impactCsv(const PackImpact &r)
{
    QByteArray out("case_id,version,kind,key,before,after\n");
    auto row = [&out](const PackImpact::CaseChange &c, const QString &kind, const QString &key, const QString &before,
                   const QString &after) {
        out += QStringList { csvField(c.caseId), QString::number(c.version), kind, csvField(key), before, after }
                   .join(QLatin1Char(','))
                   .toUtf8();
        out += '\n';
    };
    for (const auto &c : r.changed) {
        for (const auto &v : c.verdicts)
            row(c, QStringLiteral("verdict"), v.key, v.before, v.after);
        for (const auto &v : c.criteria)
            row(c, QStringLiteral("criterion"), v.key, v.before, v.after);
        for (const auto &s : c.starts)
            row(c, QStringLiteral("earliest_start"), s.arm, isoDate(s.before), isoDate(s.after));
    }
    return out;
}

} // namespace consilium
