// SPDX-License-Identifier: GPL-3.0-or-later
// `consilium-cli db replay|verify-audit|backup|settings`: the store as a whole (docs/cli.md,
// docs/store.md), and the `db` group itself.
#include "Commands.h"
#include "DbCommand.h"
#include "engine/ResultWriter.h"
#include "rules/RulePack.h"
#include "store/Backup.h"
#include "store/Decisions.h"
#include "store/Replay.h"
#include "store/RequiredRoles.h"
#include "store/RoleLogins.h"
#include "store/SiteOptions.h"

namespace consilium::cli {

namespace {

class ReplayCommand : public DbCommand
{
public:
    ReplayCommand()
        : DbCommand(QStringLiteral("replay"),
            QStringLiteral("Re-run a decision's evaluation with its pinned pack and compare byte for byte."),
            Pack::Rules)
    {
        addArgument(QStringLiteral("DECISION_ID"), QStringLiteral("The decision."));
        addOption({ QStringLiteral("with-current-rules"),
            QStringLiteral("Also show what the current pack (--rules or the built-in one) would say.") });
    }

protected:
    int runDb(Session &s, const QCommandLineParser &p, const QStringList &args) override
    {
        qint64 id = 0;
        if (!toId(args.first(), id))
            return usageError(QStringLiteral("replay needs a DECISION_ID"));
        int code = Ok;
        const bool withCurrent = p.isSet(QStringLiteral("with-current-rules"));
        const RulePack *current = withCurrent ? s.pack(code, false) : nullptr;
        if (withCurrent && !current)
            return code;
        CaseStore *store = s.store(false, code);
        if (!store)
            return code;
        const auto r = replayDecision(*store, id);
        if (!r)
            return report(r.error());
        printReplay(*store, id, r.value());
        if (current) {
            const auto diff = compareWithRules(*store, id, *current);
            if (!diff)
                return report(diff.error());
            outLine(QStringLiteral("with the current rules (%1 %2 sha256:%3):")
                        .arg(current->id(), current->version(), current->sha256()));
            for (const QString &line : diff.value())
                outLine(QStringLiteral("  ") + line);
        }
        return r.value().identical ? Ok : Failed;
    }

private:
    static void printReplay(CaseStore &store, qint64 id, const ReplayResult &r)
    {
        Decisions decisions(store);
        const auto found = decisions.decision(id);
        const Decision *d = found ? &found.value() : nullptr;
        const QString pinned
            = d ? QStringLiteral("%1 %2 sha256:%3").arg(d->packId, d->packVersion, d->packSha256) : QString();
        if (r.identical) {
            outLine(QStringLiteral("decision %1: replay with the pinned pack %2 reproduces the stored result byte for "
                                   "byte (%3 bytes)")
                        .arg(id)
                        .arg(pinned)
                        .arg(r.stored.size()));
            return;
        }
        outLine(QStringLiteral("decision %1: replay with the pinned pack %2 DIFFERS from the stored result%3")
                    .arg(id)
                    .arg(pinned,
                        r.sameEngine ? QString()
                                     : QStringLiteral(" (stored with engine %1, this is %2)")
                                           .arg(d ? d->engineVersion : QString(), engineVersion())));
        for (const QString &line : r.differences)
            outLine(QStringLiteral("  ") + line);
    }
};

class VerifyAuditCommand : public DbCommand
{
public:
    VerifyAuditCommand()
        : DbCommand(QStringLiteral("verify-audit"),
            QStringLiteral("Check the audit log's hash chain: exit 0 intact, 1 tampered (names the first bad row)."))
    { }

protected:
    int runDb(Session &s, const QCommandLineParser &, const QStringList &) override
    {
        int code = Ok;
        CaseStore *store = s.store(false, code);
        if (!store)
            return code;
        const AuditVerification v = store->audit().verify(store->dialect());
        for (const QString &n : v.notes)
            outLine(QStringLiteral("note: %1").arg(n));
        if (v.intact) {
            outLine(QStringLiteral("audit log intact: %1 row(s); head row %2 sha256:%3")
                        .arg(v.rows)
                        .arg(v.head.id)
                        .arg(v.head.hash));
            return Ok;
        }
        outLine(v.firstBadRow > 0 ? QStringLiteral("audit log TAMPERED: first bad row %1").arg(v.firstBadRow)
                                  : QStringLiteral("audit log TAMPERED"));
        for (const QString &problem : v.problems)
            outLine(QStringLiteral("  ") + problem);
        return Failed;
    }
};

class BackupCommand : public DbCommand
{
public:
    BackupCommand()
        : DbCommand(QStringLiteral("backup"), QStringLiteral("Write a consistent snapshot into a new file (audited)."))
    {
        addArgument(QStringLiteral("FILE"), QStringLiteral("The new file; it must not exist."), Kind::File);
    }

protected:
    int runDb(Session &s, const QCommandLineParser &, const QStringList &args) override
    {
        int code = Ok;
        QString unaudited;
        CaseStore *store = s.auditedReader(code, unaudited);
        if (!store)
            return code;
        const auto written = backupDatabase(*store, args.first());
        if (!written)
            return report(written.error());
        const BackupResult *r = &written.value();
        outLine(QStringLiteral("backup written to %1 (%2 bytes, %3 case(s), sha256:%4); audit head row %5 sha256:%6")
                    .arg(r->path)
                    .arg(r->bytes)
                    .arg(r->cases)
                    .arg(r->sha256)
                    .arg(r->auditHead.id)
                    .arg(r->auditHead.hash));
        if (r->audited)
            outLine(QStringLiteral("recorded in the audit log of %1 as row %2").arg(store->path()).arg(r->auditRow));
        else
            err(QStringLiteral("consilium-cli db: warning: the backup was made read-only and could not be audited (%1)")
                    .arg(unaudited));
        return Ok;
    }
};

class SettingsGetCommand : public DbCommand
{
public:
    SettingsGetCommand() : DbCommand(QStringLiteral("get"), QStringLiteral("Print a site setting."))
    {
        addArgument(QStringLiteral("KEY"), QStringLiteral("The setting."));
    }

protected:
    int runDb(Session &s, const QCommandLineParser &, const QStringList &args) override
    {
        int code = Ok;
        CaseStore *store = s.store(false, code);
        if (!store)
            return code;
        const auto v = store->setting(args[0]);
        if (!v)
            return report(v.error());
        if (!v.value()) {
            err(QStringLiteral("consilium-cli db: no setting %1").arg(args[0]));
            return Failed;
        }
        outLine(*v.value());
        return Ok;
    }
};

class SettingsSetCommand : public DbCommand
{
public:
    SettingsSetCommand() : DbCommand(QStringLiteral("set"), QStringLiteral("Change a site setting (audited)."))
    {
        addArgument(QStringLiteral("KEY"), QStringLiteral("The setting."));
        addArgument(QStringLiteral("VALUE"), QStringLiteral("Its new value."));
    }

protected:
    int runDb(Session &s, const QCommandLineParser &, const QStringList &args) override
    {
        const QString &key = args[0];
        const QString &value = args[1];
        QString problem;
        if (key == RequiredRoles::settingKey() && !RequiredRoles::validate(value.toUtf8(), problem))
            return usageError(QStringLiteral("%1: %2").arg(key, problem));
        if (key == SiteOptions::settingKey() && !SiteOptions::parse(value.toUtf8(), problem))
            return usageError(QStringLiteral("%1: %2").arg(key, problem));
        if (key == RoleLogins::settingKey() && !RoleLogins::parse(value.toUtf8(), problem))
            return usageError(QStringLiteral("%1: %2").arg(key, problem));
        int code = Ok;
        CaseStore *store = s.store(true, code);
        if (!store)
            return code;
        if (const auto done = store->setSetting(key, value); !done)
            return report(done.error());
        outLine(QStringLiteral("%1 set").arg(key));
        return Ok;
    }
};

} // namespace

void addDbStoreCommands(CommandGroup &db)
{
    db.add(std::make_unique<ReplayCommand>());
    db.add(std::make_unique<VerifyAuditCommand>());
    db.add(std::make_unique<BackupCommand>());
    auto settings = std::make_unique<CommandGroup>(
        QStringLiteral("settings"), QStringLiteral("Read and change the site settings held in the database."));
    settings->add(std::make_unique<SettingsGetCommand>());
    settings->add(std::make_unique<SettingsSetCommand>());
    db.add(std::move(settings));
}

std::unique_ptr<CommandGroup> makeDbCommands()
{
    auto db = std::make_unique<CommandGroup>(QStringLiteral("db"),
        QStringLiteral("The case store: versioned cases, evaluations, decisions and the audit log."),
        QStringLiteral("Every db command takes --db PATH and --as DISPLAY_NAME.\n"
                       "Case labels must never hold names or other direct identifiers."));
    addDbCaseCommands(*db);
    addDbStoreCommands(*db);
    addDbImpactCommand(*db);
    addDbDecisionCommands(*db);
    addDbCopyCommand(*db);
    addDbFollowUpCommands(*db);
    return db;
}

} // namespace consilium::cli
