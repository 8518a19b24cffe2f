// SPDX-License-Identifier: GPL-3.0-or-later
// `consilium-cli import-fhir BUNDLE.json`: a FHIR R4 Bundle → a consilium-case/1 draft on stdout and
// the import report on stderr or in a file (docs/cli.md#import-fhir).
#include "Commands.h"
#include "Io.h"
#include "exchange/FhirImport.h"
#include "rules/RulePack.h"

#include <QSaveFile>

namespace consilium::cli {

namespace {

class ImportFhirCommand : public Command
{
public:
    ImportFhirCommand()
        : Command(QStringLiteral("import-fhir"),
            QStringLiteral("Turn a FHIR R4 Bundle into a case draft (stdout) with an import report (stderr)."))
    {
        addArgument(QStringLiteral("BUNDLE.json"),
            QStringLiteral("A FHIR R4 Bundle of type collection, searchset or transaction (JSON)."), Kind::File);
        addRulesOptions();
        addOption(
            { QStringLiteral("as-of"), QStringLiteral("The draft's as_of (age is computed at it); default: today."),
                QStringLiteral("YYYY-MM-DD") });
        addOption({ QStringLiteral("jurisdiction"),
            QStringLiteral("The draft's jurisdiction, one of the pack's; default: the pack's first."),
            QStringLiteral("CODE") });
        addOption({ QStringLiteral("id"), QStringLiteral("The draft's case id; default: fhir-import-<as_of>."),
            QStringLiteral("CASE_ID") });
        addOption({ QStringLiteral("codes"),
                      QStringLiteral("A site's extension of the pack's codes for exchange (consilium-codes/1)."),
                      QStringLiteral("FILE") },
            Kind::File);
        addOption({ QStringLiteral("report"), QStringLiteral("Write the import report to FILE instead of stderr."),
                      QStringLiteral("FILE") },
            Kind::File);
        addOption({ QStringLiteral("report-format"), QStringLiteral("The report's format: text (default) or json."),
            QStringLiteral("text|json"), QStringLiteral("text") });
    }

protected:
    int run(const QCommandLineParser &p, const QStringList &arguments) override
    {
        const QString format = p.value(QStringLiteral("report-format"));
        if (format != QLatin1String("json") && format != QLatin1String("text"))
            return usageError(QStringLiteral("--report-format must be text or json"));
        fhir::ImportOptions options;
        const QString asOf = p.value(QStringLiteral("as-of"));
        options.asOfIsDefault = asOf.isEmpty();
        options.asOf = options.asOfIsDefault ? QDate::currentDate() : json::parseIsoDate(asOf).value_or(QDate());
        if (!options.asOf.isValid())
            return usageError(QStringLiteral("--as-of \"%1\" is not a date (YYYY-MM-DD)").arg(asOf));
        int code = Ok;
        PackImport own;
        const RulePack *rules = rulesPack(p, own, code);
        if (!rules)
            return code;
        const RulePack &pack = *rules;
        options.jurisdiction = p.value(QStringLiteral("jurisdiction"));
        if (!options.jurisdiction.isEmpty() && !pack.jurisdictions().contains(options.jurisdiction))
            return usageError(QStringLiteral("--jurisdiction \"%1\" is not one of the pack's (%2)")
                                  .arg(options.jurisdiction, pack.jurisdictions().join(QStringLiteral(", "))));
        options.caseId = p.value(QStringLiteral("id"));
        if (p.isSet(QStringLiteral("id")) && options.caseId.trimmed().isEmpty())
            return usageError(QStringLiteral("--id must not be empty"));
        ExchangeCodes codes = pack.codes();
        if (const QString extension = p.value(QStringLiteral("codes")); !extension.isEmpty()) {
            QByteArray bytes;
            if (!readFile(extension, bytes))
                return NoInput;
            json::Diagnostics diag;
            if (!extendExchangeCodes(bytes, pack, codes, diag)) {
                for (const QString &l : diag.lines())
                    err(QStringLiteral("%1: %2").arg(extension, l));
                return BadPack;
            }
        }
        QByteArray bundle;
        if (!readFile(arguments.first(), bundle))
            return NoInput;
        const fhir::ImportResult result = fhir::importBundle(bundle, pack, codes, options);
        if (!writeReport(p, format, result, pack))
            return Failed;
        if (!result.ok())
            return BadCase;
        out(result.draft);
        return result.count(fhir::ImportItem::Outcome::Error) > 0 ? Failed : Ok;
    }

private:
    static bool writeReport(
        const QCommandLineParser &p, const QString &format, const fhir::ImportResult &result, const RulePack &pack)
    {
        const QByteArray report
            = format == QLatin1String("json") ? fhir::reportJson(result, pack) : fhir::reportText(result).toUtf8();
        const QString path = p.value(QStringLiteral("report"));
        if (path.isEmpty()) {
            err(QString::fromUtf8(report).chopped(1));
            return true;
        }
        QSaveFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(report) != report.size() || !f.commit()) {
            err(QStringLiteral("consilium-cli: cannot write %1: %2").arg(path, f.errorString()));
            return false;
        }
        return true;
    }
};

} // namespace

std::unique_ptr<Command> makeImportFhirCommand()
{
    return std::make_unique<ImportFhirCommand>();
}

} // namespace consilium::cli
