// SPDX-License-Identifier: GPL-3.0-or-later
// `consilium-cli db impact --rules CANDIDATE`: what a candidate rule pack would change in the case
// register before it goes live (issue 15; docs/cli.md#db-impact, docs/store.md#impact).
#include "Commands.h"
#include "DbCommand.h"
#include "rules/RulePack.h"
#include "store/PackImpact.h"
#include "store/PackImpactExport.h"

namespace consilium::cli {

namespace {

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
            out(impactCsv(impact.value()));
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
