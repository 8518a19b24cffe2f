// SPDX-License-Identifier: GPL-3.0-or-later
// `consilium-cli db export-fhir DECISION_ID [-o FILE]`: a decision as a FHIR R4 Bundle
// (docs/cli.md#db-export-fhir, docs/fhir.md#export).
#include "Commands.h"
#include "DbCommand.h"
#include "rules/RulePack.h"
#include "store/DecisionExport.h"

#include <QFileInfo>
#include <QSaveFile>

namespace consilium::cli {

namespace {

class ExportFhirCommand : public DbCommand
{
public:
    ExportFhirCommand()
        : DbCommand(QStringLiteral("export-fhir"),
            QStringLiteral("Export a decision as a FHIR R4 Bundle (collection) to stdout or --output."))
    {
        addArgument(QStringLiteral("DECISION_ID"), QStringLiteral("The decision."));
        addOption({ { QStringLiteral("o"), QStringLiteral("output") },
            QStringLiteral("Write the bundle to FILE (atomically) instead of stdout."), QStringLiteral("FILE") });
    }

protected:
    int runDb(Session &s, const QCommandLineParser &p, const QStringList &args) override
    {
        qint64 id = 0;
        if (args.size() != 1 || !toId(args.first(), id))
            return usageError(QStringLiteral("export-fhir needs one DECISION_ID"));
        int code = Ok;
        QString unaudited;
        CaseStore *store = s.auditedReader(code, unaudited);
        if (!store)
            return code;
        const auto exported = exportDecisionFhir(*store, id);
        if (!exported)
            return report(exported.error());
        const fhir::ExportResult &r = exported.value();
        for (const QString &line : r.notExported)
            err(QStringLiteral("consilium-cli db export-fhir: not exported: %1").arg(line));
        const QString path = p.value(QStringLiteral("output"));
        if (path.isEmpty()) {
            out(r.bundle);
        } else {
            QSaveFile f(path);
            if (!f.open(QIODevice::WriteOnly) || f.write(r.bundle) != r.bundle.size() || !f.commit()) {
                err(QStringLiteral("consilium-cli: cannot write %1: %2").arg(path, f.errorString()));
                return NoInput;
            }
        }
        const QString to = path.isEmpty() ? QStringLiteral("stdout") : QFileInfo(path).absoluteFilePath();
        if (const auto audited = auditFhirExport(*store, id, r.bundle, to); !audited)
            return report(audited.error());
        if (!store->isWriter())
            err(QStringLiteral("consilium-cli db: warning: the export was made read-only and could not be audited (%1)")
                    .arg(unaudited));
        return Ok;
    }
};

} // namespace

void addDbExportFhirCommand(CommandGroup &db)
{
    db.add(std::make_unique<ExportFhirCommand>());
}

} // namespace consilium::cli
