// SPDX-License-Identifier: GPL-3.0-or-later
// `consilium-cli db impact --rules CANDIDATE`: what a candidate rule pack would change in the case
// register before it goes live (issue 15; docs/cli.md#db-impact, docs/store.md#impact).
#include "Commands.h"
#include "DbCommand.h"
#include "rules/RulePack.h"
#include "store/PackImpact.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace consilium::cli {

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

QByteArray impactJson(const PackImpact &r, const RulePack &active, const RulePack &candidate)
{
    QJsonObject transitions;
    for (const auto &[key, table] : r.transitions) {
        QJsonArray rows;
        for (const auto &[pair, n] : table)
            rows.append(QJsonObject { { QStringLiteral("before"), pair.first },
                { QStringLiteral("after"), pair.second }, { QStringLiteral("cases"), n } });
        transitions.insert(key, rows);
    }
    QJsonObject shifts;
    for (const auto &[arm, table] : r.startShifts) {
        QJsonArray rows;
        for (const auto &[days, n] : table)
            rows.append(QJsonObject { { QStringLiteral("days"), days }, { QStringLiteral("cases"), n } });
        shifts.insert(arm, rows);
    }
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
    const QJsonObject o { { QStringLiteral("format"), QStringLiteral("consilium-impact/1") },
        { QStringLiteral("active_pack"), packJson(active) }, { QStringLiteral("candidate_pack"), packJson(candidate) },
        { QStringLiteral("cases"), r.total }, { QStringLiteral("evaluated"), r.evaluated },
        { QStringLiteral("not_valid"), QJsonArray::fromStringList(r.failed) },
        { QStringLiteral("transitions"), transitions }, { QStringLiteral("earliest_start_shifts"), shifts },
        { QStringLiteral("changed_cases"), changed } };
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

QString csvField(const QString &s)
{
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) && !s.contains(QLatin1Char('\n')))
        return s;
    return QLatin1Char('"') + QString(s).replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
}

// One row per change: case_id,version,kind,key,before,after (kind: verdict, criterion, earliest_start).
void printCsv(const PackImpact &r)
{
    outLine(QStringLiteral("case_id,version,kind,key,before,after"));
    auto row = [](const PackImpact::CaseChange &c, const QString &kind, const QString &key, const QString &before,
                   const QString &after) {
        outLine(QStringList { csvField(c.caseId), QString::number(c.version), kind, csvField(key), before, after }.join(
            QLatin1Char(',')));
    };
    for (const auto &c : r.changed) {
        for (const auto &v : c.verdicts)
            row(c, QStringLiteral("verdict"), v.key, v.before, v.after);
        for (const auto &v : c.criteria)
            row(c, QStringLiteral("criterion"), v.key, v.before, v.after);
        for (const auto &s : c.starts)
            row(c, QStringLiteral("earliest_start"), s.arm, s.before ? s.before->toString(Qt::ISODate) : QString(),
                s.after ? s.after->toString(Qt::ISODate) : QString());
    }
}

void printText(const PackImpact &r, const RulePack &active, const RulePack &candidate)
{
    outLine(QStringLiteral("Impact of %1 %2 (sha256:%3) against the active pack %4 %5 (sha256:%6)")
                .arg(candidate.id(), candidate.version(), candidate.sha256(), active.id(), active.version(),
                    active.sha256()));
    outLine(QStringLiteral("%1 cases, %2 evaluated under both, %3 not valid under one of them; %4 change.")
                .arg(r.total)
                .arg(r.evaluated)
                .arg(r.failed.size())
                .arg(r.changed.size()));
    for (const auto &[key, table] : r.transitions) {
        QStringList moves;
        for (const auto &[pair, n] : table) {
            if (pair.first != pair.second)
                moves << QStringLiteral("%1 → %2: %3").arg(pair.first, pair.second).arg(n);
        }
        if (!moves.isEmpty())
            outLine(QStringLiteral("  %1: %2").arg(key, moves.join(QStringLiteral("; "))));
    }
    for (const auto &[arm, table] : r.startShifts) {
        QStringList moves;
        for (const auto &[days, n] : table)
            moves << QStringLiteral("%1%2 d: %3").arg(days > 0 ? QStringLiteral("+") : QString()).arg(days).arg(n);
        outLine(QStringLiteral("  earliest start, %1: %2").arg(arm, moves.join(QStringLiteral("; "))));
    }
    for (const auto &c : r.changed) {
        QStringList what;
        for (const auto &v : c.verdicts)
            what << QStringLiteral("%1 %2 → %3").arg(v.key, v.before, v.after);
        QStringList criteria;
        for (const auto &v : c.criteria)
            criteria << QStringLiteral("%1 %2 → %3").arg(v.key, v.before, v.after);
        outLine(
            QStringLiteral("%1 v%2: %3%4")
                .arg(c.caseId)
                .arg(c.version)
                .arg(what.isEmpty() ? QStringLiteral("no verdict changes") : what.join(QStringLiteral("; ")),
                    criteria.isEmpty() ? QString()
                                       : QStringLiteral(" (criteria: %1)").arg(criteria.join(QStringLiteral("; ")))));
    }
    for (const QString &f : r.failed)
        outLine(QStringLiteral("not valid: %1").arg(f));
}

class ImpactCommand : public DbCommand
{
public:
    ImpactCommand()
        : DbCommand(QStringLiteral("impact"),
            QStringLiteral(
                "What a candidate pack (--rules) would change in the stored cases; nothing is stored or activated."),
            Pack::Rules)
    {
        addOption({ QStringLiteral("format"), QStringLiteral("Output: text (default), json or csv."),
            QStringLiteral("text|json|csv"), QStringLiteral("text") });
    }

protected:
    int runDb(Session &s, const QCommandLineParser &p, const QStringList &) override
    {
        const QString format = p.value(QStringLiteral("format"));
        if (format != QLatin1String("text") && format != QLatin1String("json") && format != QLatin1String("csv"))
            return usageError(QStringLiteral("--format must be text, json or csv"));
        if (p.value(QStringLiteral("rules")).isEmpty())
            return usageError(QStringLiteral("impact needs the candidate pack: --rules CANDIDATE.json"));
        int code = Ok;
        const RulePack *candidate = s.pack(code, false);
        if (!candidate)
            return code;
        CaseStore *store = s.store(false, code);
        if (!store)
            return code;
        const auto active = storedActivePack(*store);
        if (!active)
            return report(active.error());
        const RulePack &current = active.value() ? *active.value() : RulePack::builtin();
        const auto impact = packImpact(*store, current, *candidate);
        if (!impact)
            return report(impact.error());
        if (format == QLatin1String("json"))
            out(impactJson(impact.value(), current, *candidate));
        else if (format == QLatin1String("csv"))
            printCsv(impact.value());
        else
            printText(impact.value(), current, *candidate);
        return Ok;
    }
};

} // namespace

void addDbImpactCommand(CommandGroup &db)
{
    db.add(std::make_unique<ImpactCommand>());
}

} // namespace consilium::cli
