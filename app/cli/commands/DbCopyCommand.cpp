// SPDX-License-Identifier: GPL-3.0-or-later
// `consilium-cli db copy FROM TO`: a whole database into an empty one, SQLite to PostgreSQL and
// back (docs/cli.md#db-copy, docs/store.md#moving-to-a-team-server).
#include "Commands.h"
#include "DbCommand.h"
#include "rules/RulePack.h"
#include "store/StoreCopy.h"
#include "store/StoreLocation.h"

namespace consilium::cli {

namespace {

class CopyCommand : public Command
{
public:
    CopyCommand()
        : Command(QStringLiteral("copy"),
            QStringLiteral("Copy a whole database into an empty one (SQLite to PostgreSQL or back), then verify "
                           "the row counts and the audit chain on both sides."))
    {
        addArgument(QStringLiteral("FROM"), QStringLiteral("The database to copy: a file or postgresql://…"));
        addArgument(QStringLiteral("TO"),
            QStringLiteral("An empty database: a new file, or an empty PostgreSQL database (postgresql://…)."));
        addOption({ QStringLiteral("as"), QStringLiteral("Display name of who acts, for the audit log."),
            QStringLiteral("DISPLAY_NAME") });
    }

protected:
    int run(const QCommandLineParser &parser, const QStringList &arguments) override
    {
        StoreOptions from;
        StoreOptions to;
        from.path = arguments[0];
        to.path = arguments[1];
        for (StoreOptions *o : { &from, &to }) {
            // A location is classified before anything is touched (docs/cli.md#database-location).
            const StoreLocation location = parseStoreLocation(o->path);
            if (!location.isSupported())
                return report({ StoreErrc::Unsupported, location.error, {} });
            if (o->path.isEmpty())
                return usageError(QStringLiteral("FROM and TO must not be empty"));
            o->actor = Actor::fromEnvironment(parser.value(QStringLiteral("as")));
        }
        const auto copied = copyDatabase(from, to);
        if (!copied)
            return report(copied.error());
        print(copied.value());
        return Ok;
    }

private:
    static void print(const CopyReport &r)
    {
        outLine(QStringLiteral("copied %1 to %2").arg(r.from, r.to));
        outLine(QStringLiteral("%1 %2 %3")
                    .arg(QStringLiteral("table"), -22)
                    .arg(QStringLiteral("source"), 8)
                    .arg(QStringLiteral("target"), 8));
        for (const CopiedTable &t : r.tables)
            outLine(QStringLiteral("%1 %2 %3").arg(t.table, -22).arg(t.source, 8).arg(t.target, 8));
        outLine(QStringLiteral("row counts verified: every table has as many rows in the target as in the source"));
        outLine(QStringLiteral("audit chain intact on the source: %1 row(s); head row %2 sha256:%3")
                    .arg(r.sourceAudit.rows)
                    .arg(r.sourceAudit.head.id)
                    .arg(r.sourceAudit.head.hash));
        outLine(QStringLiteral("audit chain intact on the target: %1 row(s); head row %2 sha256:%3 (row %4 records "
                               "the copy)")
                    .arg(r.targetAudit.rows)
                    .arg(r.targetAudit.head.id)
                    .arg(r.targetAudit.head.hash)
                    .arg(r.copyAuditRow));
    }
};

} // namespace

void addDbCopyCommand(CommandGroup &db)
{
    db.add(std::make_unique<CopyCommand>());
}

} // namespace consilium::cli
