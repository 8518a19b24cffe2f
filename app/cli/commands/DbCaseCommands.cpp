// SPDX-License-Identifier: GPL-3.0-or-later
// `consilium-cli db init|import|export|list|show|evaluate|archive|unarchive|purge`: cases in the
// store (docs/cli.md, docs/store.md).
#include "Commands.h"
#include "DbCommand.h"
#include "engine/ResultWriter.h"
#include "rules/RulePack.h"
#include "store/Decisions.h"
#include "store/Evaluations.h"
#include "store/ImportExport.h"

#include <QElapsedTimer>

#include <atomic>
#include <csignal>

namespace consilium::cli {

namespace {

std::atomic<bool> s_cancel { false };

extern "C" void onInterrupt(int)
{
    s_cancel.store(true);
}

class InitCommand : public DbCommand
{
public:
    InitCommand() : DbCommand(QStringLiteral("init"), QStringLiteral("Create or upgrade the database.")) { }

protected:
    int runDb(Session &s, const QCommandLineParser &, const QStringList &) override
    {
        int code = Ok;
        CaseStore *store = s.store(true, code);
        if (!store)
            return code;
        const auto schema = store->schemaVersion();
        if (!schema)
            return report(schema.error());
        outLine(QStringLiteral("database %1 ready (schema v%2)").arg(store->path()).arg(schema.value()));
        return Ok;
    }
};

class ImportCommand : public DbCommand
{
public:
    ImportCommand()
        : DbCommand(QStringLiteral("import"),
            QStringLiteral("Import consilium-case/1 files (a file or a directory); labels must never hold names."),
            Pack::Rules)
    {
        addArgument(QStringLiteral("PATH"), QStringLiteral("A case file or a directory of them."), Kind::File);
    }

protected:
    int runDb(Session &s, const QCommandLineParser &, const QStringList &args) override
    {
        int code = Ok;
        const RulePack *pack = s.pack(code, false);
        if (!pack)
            return code;
        CaseStore *store = s.store(true, code);
        if (!store)
            return code;
        const auto imported = importCases(*store, args.first(), *pack);
        if (!imported)
            return report(imported.error());
        const ImportSummary *summary = &imported.value();
        for (const ImportFileOutcome &f : summary->files) {
            switch (f.status) {
            case SaveStatus::Added:
                outLine(QStringLiteral("imported %1 version %2 (%3)").arg(f.caseId).arg(f.version).arg(f.file));
                break;
            case SaveStatus::Unchanged:
                outLine(QStringLiteral("unchanged %1 (%2)").arg(f.caseId, f.file));
                break;
            case SaveStatus::Rejected:
                for (const QString &p : f.problems)
                    err(QStringLiteral("%1: %2").arg(f.file, p));
                break;
            }
        }
        outLine(QStringLiteral("%1 imported, %2 unchanged, %3 rejected")
                    .arg(summary->imported)
                    .arg(summary->unchanged)
                    .arg(summary->rejected));
        return summary->rejected > 0 ? BadCase : Ok;
    }
};

void warnUnaudited(const QString &what, const QString &why)
{
    err(QStringLiteral("consilium-cli db: warning: the %1 was made read-only and could not be audited (%2)")
            .arg(what, why));
}

QString auditedNote(CaseStore &store)
{
    return QStringLiteral("; audit row %1").arg(store.audit().head().value_or(AuditHead {}).id);
}

class ExportCommand : public DbCommand
{
public:
    ExportCommand()
        : DbCommand(QStringLiteral("export"), QStringLiteral("Write cases as consilium-case/1 JSON files (audited)."))
    {
        addArgument(QStringLiteral("CASE_ID"), QStringLiteral("The case to export (or --all)."));
        addArgument(QStringLiteral("DIR"), QStringLiteral("The directory to write into."), Kind::File);
        setArgumentSyntax(QStringLiteral("CASE_ID|--all DIR"), 1, 2);
        addOption(flag("all", "Export every case."));
        addOption(valued("version", "Export this version of the case (default: the latest).", "N"));
    }

protected:
    int runDb(Session &s, const QCommandLineParser &p, const QStringList &args) override
    {
        const bool all = p.isSet(QStringLiteral("all"));
        if ((all && args.size() != 1) || (!all && args.size() != 2))
            return usageError(QStringLiteral("export needs CASE_ID DIR or --all DIR"));
        QString problem;
        if (!checkFileName(QStringLiteral("DIR"), args.last(), problem))
            return usageError(problem);
        int code = Ok;
        QString unaudited;
        CaseStore *store = s.auditedReader(code, unaudited);
        if (!store)
            return code;
        if (all) {
            const auto n = exportAll(*store, args.first());
            if (!n)
                return report(n.error());
            outLine(QStringLiteral("%1 case(s) exported to %2%3")
                        .arg(n.value())
                        .arg(args.first(), store->isWriter() ? auditedNote(*store) : QString()));
        } else {
            const int version = p.value(QStringLiteral("version")).toInt();
            const auto file = exportCase(*store, args[0], args[1], version);
            if (!file)
                return report(file.error());
            outLine(QStringLiteral("exported %1 to %2%3")
                        .arg(args[0], file.value(), store->isWriter() ? auditedNote(*store) : QString()));
        }
        if (!store->isWriter())
            warnUnaudited(QStringLiteral("export"), unaudited);
        return Ok;
    }
};

class ListCommand : public DbCommand
{
public:
    ListCommand()
        : DbCommand(
            QStringLiteral("list"), QStringLiteral("List cases with their verdicts under the pack."), Pack::Rules)
    {
        addOption(valued("disease", "Only cases of this disease.", "D"));
        addOption(valued("verdict",
            "Only cases with this verdict for an arm (autologous_car_t), a sub-option (standard_care/ahsct) or an"
            " option of the pack (allo-allo-329-resolution); the option's verdict is then listed too.",
            "GROUP=VERDICT"));
        addOption(flag("archived", "Include archived cases."));
        addOption(valued("limit", "At most N cases (default 50).", "N"));
        addOption(valued("offset", "Skip the first N cases.", "N"));
    }

protected:
    int runDb(Session &s, const QCommandLineParser &p, const QStringList &) override
    {
        int code = Ok;
        const RulePack *pack = s.pack(code, false);
        if (!pack)
            return code;
        CaseFilter f;
        f.disease = p.value(QStringLiteral("disease"));
        f.packSha256 = pack->sha256();
        f.includeArchived = p.isSet(QStringLiteral("archived"));
        if (p.isSet(QStringLiteral("limit")))
            f.limit = p.value(QStringLiteral("limit")).toInt();
        if (p.isSet(QStringLiteral("offset")))
            f.offset = p.value(QStringLiteral("offset")).toInt();
        if (f.limit <= 0 || f.offset < 0)
            return usageError(QStringLiteral("--limit must be positive and --offset not negative"));
        if (p.isSet(QStringLiteral("verdict")) && !setVerdict(p.value(QStringLiteral("verdict")), *pack, f))
            return Usage;
        CaseStore *store = s.store(false, code);
        if (!store)
            return code;
        const StoreResult<CasePage> result = store->queryCases(f);
        if (!result)
            return report(result.error());
        const CasePage &page = result.value();
        outLine(QStringLiteral("# verdicts under pack %1 %2 (sha256:%3)")
                    .arg(pack->id(), pack->version(), pack->sha256().left(12)));
        const QString option = optionIdOfGroup(f.verdictGroup);
        for (const CaseSummary &c : page.rows) {
            QString verdicts = verdictSummary(c.verdicts);
            if (!option.isEmpty()) // filtered by an option: its verdict after the arms'
                verdicts += QStringLiteral(" %1=%2").arg(option,
                    c.optionVerdicts.count(option) ? c.optionVerdicts.at(option) : QStringLiteral("not_evaluated"));
            outLine(QStringLiteral("%1\tv%2\t%3\t%4%5\t%6\t%7")
                        .arg(c.caseId)
                        .arg(c.latestVersion)
                        .arg(c.disease.isEmpty() ? QStringLiteral("-") : c.disease, c.updatedAt,
                            c.archived ? QStringLiteral(" (archived)") : QString(), verdicts, c.label));
        }
        outLine(QStringLiteral("%1 of %2 case(s)").arg(page.rows.size()).arg(page.total));
        return Ok;
    }

private:
    // --verdict GROUP=VERDICT, GROUP an arm, "arm/sub-option" or an option id of `pack` (stored
    // under optionGroupKey, docs/store.md#evaluations); false after printing a usage error.
    bool setVerdict(const QString &v, const RulePack &pack, CaseFilter &f) const
    {
        const qsizetype eq = v.indexOf(QLatin1Char('='));
        static const QStringList verdicts { QStringLiteral("eligible"), QStringLiteral("eligible_with_cautions"),
            QStringLiteral("undetermined"), QStringLiteral("ineligible"), QStringLiteral("not_applicable") };
        if (eq <= 0 || !verdicts.contains(v.mid(eq + 1))) {
            usageError(QStringLiteral("--verdict needs GROUP=VERDICT (verdict one of %1)")
                           .arg(verdicts.join(QStringLiteral(", "))));
            return false;
        }
        const QString group = v.left(eq);
        f.verdict = v.mid(eq + 1);
        if (armIndex(group.section(QLatin1Char('/'), 0, 0)) >= 0) {
            f.verdictGroup = group;
            return true;
        }
        for (const OptionDef &o : pack.options()) {
            if (o.id == group) {
                f.verdictGroup = optionGroupKey(group);
                return true;
            }
        }
        usageError(QStringLiteral("unknown arm or option \"%1\" in pack %2 %3").arg(group, pack.id(), pack.version()));
        return false;
    }
};

class ShowCommand : public DbCommand
{
public:
    ShowCommand() : DbCommand(QStringLiteral("show"), QStringLiteral("Versions, evaluations and decisions of a case."))
    {
        addArgument(QStringLiteral("CASE_ID"), QStringLiteral("The case."));
        addOption(flag("content", "Print the latest version's consilium-case/1 JSON instead."));
    }

protected:
    int runDb(Session &s, const QCommandLineParser &p, const QStringList &args) override
    {
        int code = Ok;
        CaseStore *store = s.store(false, code);
        if (!store)
            return code;
        const QString &id = args.first();
        const auto found = store->caseSummary(id);
        if (!found)
            return report(found.error());
        if (p.isSet(QStringLiteral("content"))) {
            const auto v = store->latestVersion(id);
            if (!v)
                return report(v.error());
            outLine(QString::fromUtf8(v.value().content));
            return Ok;
        }
        const CaseSummary &c = found.value();
        const auto versions = store->versions(id);
        if (!versions)
            return report(versions.error());
        outLine(QStringLiteral("case %1%2").arg(c.caseId, c.archived ? QStringLiteral(" (archived)") : QString()));
        outLine(QStringLiteral("label: %1").arg(c.label));
        outLine(QStringLiteral("disease: %1").arg(c.disease.isEmpty() ? QStringLiteral("-") : c.disease));
        outLine(QStringLiteral("created %1, updated %2").arg(c.createdAt, c.updatedAt));
        outLine(QStringLiteral("versions:"));
        for (const CaseVersion &v : versions.value())
            outLine(QStringLiteral("  v%1  %2  %3  sha256:%4")
                        .arg(v.version)
                        .arg(v.createdAt, v.createdBy, v.contentSha256.left(16)));
        StoreResult<void> printed = printEvaluations(*store, id);
        if (printed)
            printed = printDecisions(*store, id);
        return printed ? Ok : report(printed.error());
    }

private:
    static StoreResult<void> printEvaluations(CaseStore &store, const QString &id)
    {
        Evaluations evaluations(store);
        const auto found = evaluations.evaluationsOf(id);
        if (!found)
            return found.error();
        const std::vector<StoredEvaluation> &evals = found.value();
        outLine(QStringLiteral("evaluations:%1").arg(evals.empty() ? QStringLiteral(" none") : QString()));
        for (const StoredEvaluation &e : evals) {
            outLine(QStringLiteral("  #%1 v%2 %3 %4 sha256:%5 engine %6 at %7")
                        .arg(e.id)
                        .arg(e.version)
                        .arg(e.packId, e.packVersion, e.packSha256.left(12), e.engineVersion, e.evaluatedAt));
            outLine(QStringLiteral("     %1").arg(verdictSummary(e.result.verdicts)));
            QStringList earliest;
            for (const auto &[arm, date] : e.result.earliest)
                earliest << QStringLiteral("%1=%2").arg(arm, date.value_or(QStringLiteral("unknown")));
            outLine(QStringLiteral("     earliest start: %1").arg(earliest.join(QLatin1Char(' '))));
        }
        return storeSuccess();
    }

    static StoreResult<void> printDecisions(CaseStore &store, const QString &id)
    {
        Decisions decisions(store);
        const auto ids = decisions.decisionsOfCase(id);
        if (!ids)
            return ids.error();
        outLine(QStringLiteral("decisions:%1").arg(ids.value().empty() ? QStringLiteral(" none") : QString()));
        for (qint64 d : ids.value()) {
            const auto dec = decisions.decision(d);
            if (!dec)
                return dec.error();
            outLine(QStringLiteral("  #%1 v%2 %3 %4 %5")
                        .arg(d)
                        .arg(dec.value().caseVersion)
                        .arg(dec.value().finalised ? QStringLiteral("final") : QStringLiteral("draft"),
                            dec.value().outcome, dec.value().chosenArm));
        }
        return storeSuccess();
    }
};

class EvaluateStoredCommand : public DbCommand
{
public:
    EvaluateStoredCommand()
        : DbCommand(QStringLiteral("evaluate"), QStringLiteral("Evaluate stored cases and store the compact results."),
            Pack::Rules)
    {
        addArgument(QStringLiteral("CASE_ID"), QStringLiteral("The case to evaluate (or --all)."));
        setArgumentSyntax(QStringLiteral("CASE_ID|--all"), 0, 1);
        addOption(flag("all", "Evaluate every case (Ctrl+C stops after the current case)."));
    }

protected:
    int runDb(Session &s, const QCommandLineParser &p, const QStringList &args) override
    {
        const bool all = p.isSet(QStringLiteral("all"));
        if ((all && !args.isEmpty()) || (!all && args.size() != 1))
            return usageError(QStringLiteral("evaluate needs CASE_ID or --all"));
        int code = Ok;
        const auto [pack, store] = s.packAndWriter(code);
        if (!store)
            return code;
        Evaluations evaluations(*store);
        if (all)
            return evaluateAll(evaluations, *pack);
        const auto evaluated = evaluations.evaluateCase(args.first(), *pack);
        if (!evaluated)
            return report(evaluated.error());
        const StoredEvaluation &e = evaluated.value();
        outLine(QStringLiteral("evaluation %1 of %2 v%3 under %4 %5: %6")
                    .arg(e.id)
                    .arg(e.caseId)
                    .arg(e.version)
                    .arg(pack->id(), pack->version(), verdictSummary(e.result.verdicts)));
        return Ok;
    }

private:
    static int evaluateAll(Evaluations &evaluations, const RulePack &pack)
    {
        s_cancel.store(false);
        auto previous = std::signal(SIGINT, onInterrupt);
        QElapsedTimer tick;
        tick.start();
        const auto summary = evaluations.reevaluateAll(
            pack,
            [&tick](qint64 done, qint64 total) {
                if (tick.elapsed() >= 1000 || done == total) {
                    err(QStringLiteral("%1/%2 evaluated…").arg(done).arg(total));
                    tick.restart();
                }
            },
            &s_cancel);
        std::signal(SIGINT, previous);
        for (const QString &f : summary.failures)
            err(QStringLiteral("consilium-cli db: %1").arg(f));
        outLine(QStringLiteral("%1 of %2 case(s) evaluated under %3 %4, %5 failed%6 (engine %7 s, total %8 s)")
                    .arg(summary.evaluated)
                    .arg(summary.total)
                    .arg(pack.id(), pack.version())
                    .arg(summary.failed)
                    .arg(summary.cancelled ? QStringLiteral(", cancelled") : QString())
                    .arg(summary.engineSeconds, 0, 'f', 2)
                    .arg(summary.totalSeconds, 0, 'f', 2));
        if (summary.failed > 0)
            return BadCase;
        return summary.failures.isEmpty() && !summary.cancelled ? Ok : Failed;
    }
};

class ArchiveCommand : public DbCommand
{
public:
    explicit ArchiveCommand(bool archived)
        : DbCommand(archived ? QStringLiteral("archive") : QStringLiteral("unarchive"),
            archived ? QStringLiteral("Hide a case from the default list (audited).")
                     : QStringLiteral("Bring an archived case back to the list (audited)."))
        , m_archived(archived)
    {
        addArgument(QStringLiteral("CASE_ID"), QStringLiteral("The case."));
    }

protected:
    int runDb(Session &s, const QCommandLineParser &, const QStringList &args) override
    {
        int code = Ok;
        CaseStore *store = s.store(true, code);
        if (!store)
            return code;
        if (const auto done = store->setArchived(args.first(), m_archived); !done)
            return report(done.error());
        outLine(QStringLiteral("%1 %2").arg(
            args.first(), m_archived ? QStringLiteral("archived") : QStringLiteral("unarchived")));
        return Ok;
    }

private:
    bool m_archived;
};

class PurgeCommand : public DbCommand
{
public:
    PurgeCommand()
        : DbCommand(QStringLiteral("purge"),
            QStringLiteral("Remove an archived case for good (audited; refused while a finalised decision rests on "
                           "it)."))
    {
        addArgument(QStringLiteral("CASE_ID"), QStringLiteral("The archived case."));
        addOption(valued("confirm", "The case id again, to confirm.", "CASE_ID"));
    }

protected:
    int runDb(Session &s, const QCommandLineParser &p, const QStringList &args) override
    {
        const QString &id = args.first();
        const QString confirm = p.value(QStringLiteral("confirm"));
        if (!p.isSet(QStringLiteral("confirm")))
            return usageError(QStringLiteral("purge removes case %1 for good; confirm with --confirm %1").arg(id));
        if (confirm != id)
            return usageError(
                QStringLiteral("--confirm %1 does not match the case id %2; nothing was purged").arg(confirm, id));
        int code = Ok;
        CaseStore *store = s.store(true, code);
        if (!store)
            return code;
        const auto purged = store->purgeCase(id, confirm);
        if (!purged)
            return report(purged.error());
        const PurgeOutcome *r = &purged.value();
        outLine(QStringLiteral("purged %1: %2 version(s), %3 evaluation(s), %4 draft decision(s), %5 conference "
                               "listing(s) removed; audit row %6 (before sha256:%7)")
                    .arg(r->caseId)
                    .arg(r->versions)
                    .arg(r->evaluations)
                    .arg(r->draftDecisions)
                    .arg(r->conferenceListings)
                    .arg(r->auditRow)
                    .arg(r->contentSha256));
        outLine(QStringLiteral("note: backups and exports made before the purge still hold the case"));
        return Ok;
    }
};

} // namespace

void addDbCaseCommands(CommandGroup &db)
{
    db.add(std::make_unique<InitCommand>());
    db.add(std::make_unique<ImportCommand>());
    db.add(std::make_unique<ExportCommand>());
    db.add(std::make_unique<ListCommand>());
    db.add(std::make_unique<ShowCommand>());
    db.add(std::make_unique<EvaluateStoredCommand>());
    db.add(std::make_unique<ArchiveCommand>(true));
    db.add(std::make_unique<ArchiveCommand>(false));
    db.add(std::make_unique<PurgeCommand>());
}

} // namespace consilium::cli
