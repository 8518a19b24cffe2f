// SPDX-License-Identifier: GPL-3.0-or-later
// consilium-cli: evaluate cases and check rule packs from the command line (SPEC §5).
#include "DbCommands.h"
#include "PackCommands.h"
#include "case/CaseData.h"
#include "engine/CaseEvaluation.h"
#include "engine/Engine.h"
#include "engine/ResultWriter.h"
#include "engine/Vignettes.h"
#include "rules/RulePack.h"
#include "trust/TrustedPack.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdio>
#include <memory>

using namespace consilium;

namespace {

enum Exit { Ok = 0, Failed = 1, BadCase = 2, BadPack = 3, Usage = 64, NoInput = 66 };

void err(const QString &line)
{
    const QByteArray b = line.toUtf8();
    std::fwrite(b.constData(), 1, size_t(b.size()), stderr);
    std::fputc('\n', stderr);
}

void out(const QByteArray &b)
{
    std::fwrite(b.constData(), 1, size_t(b.size()), stdout);
}

int usage(const QString &problem)
{
    if (!problem.isEmpty())
        err(QStringLiteral("consilium-cli: ") + problem);
    err(QStringLiteral(
        "usage: consilium-cli evaluate CASE.json [--rules PACK [--allow-unsigned]] [--as-of YYYY-MM-DD] [--format "
        "json|text]\n"
        "       consilium-cli evaluate --batch DIR_OR_JSONL [--rules PACK] [--as-of YYYY-MM-DD]\n"
        "       consilium-cli check-rules [PACK]\n"
        "       consilium-cli pack keygen KEYFILE | sign PACK KEYFILE | verify PACK PACK.sig [--key PUB]\n"
        "       consilium-cli db COMMAND … (see consilium-cli db --help)\n"
        "       consilium-cli --version"));
    return Usage;
}

struct Options {
    QStringList positional;
    QString rules;
    QString asOf;
    QString format = QStringLiteral("json");
    QString batch;
    bool hasBatch = false;
    bool allowUnsigned = false;
};

// Returns false (and prints) on a usage error.
bool parseOptions(const QStringList &args, Options &o, QString &problem)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        auto value = [&](QString &target) {
            if (i + 1 >= args.size()) {
                problem = QStringLiteral("%1 needs a value").arg(a);
                return false;
            }
            target = args[++i];
            return true;
        };
        if (a == QLatin1String("--rules")) {
            if (!value(o.rules))
                return false;
        } else if (a == QLatin1String("--as-of")) {
            if (!value(o.asOf))
                return false;
        } else if (a == QLatin1String("--format")) {
            if (!value(o.format))
                return false;
        } else if (a == QLatin1String("--allow-unsigned")) {
            o.allowUnsigned = true;
        } else if (a == QLatin1String("--batch")) {
            if (!value(o.batch))
                return false;
            o.hasBatch = true;
        } else if (a.startsWith(QLatin1String("--"))) {
            problem = QStringLiteral("unknown option %1").arg(a);
            return false;
        } else {
            o.positional.append(a);
        }
    }
    return true;
}

// Loads a pack file for validation only (check-rules): schema and expressions, no signature.
std::unique_ptr<RulePack> loadPack(const QString &path, int &exitCode)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        err(QStringLiteral("consilium-cli: cannot read rule pack %1: %2").arg(path, f.errorString()));
        exitCode = NoInput;
        return nullptr;
    }
    json::Diagnostics diag;
    auto pack = RulePack::load(f.readAll(), diag);
    if (!pack) {
        for (const QString &l : diag.lines())
            err(QStringLiteral("%1: %2").arg(path, l));
        exitCode = BadPack;
    }
    return pack;
}

// Imports a site pack for evaluation (--rules): schema, vignettes and a trusted signature, or
// the explicit --allow-unsigned override with a warning on stderr.
std::unique_ptr<RulePack> importPack(const QString &path, bool allowUnsigned, int &exitCode)
{
    trust::ImportOptions options;
    options.allowUnsigned = allowUnsigned;
    trust::ImportReport report;
    json::Diagnostics diag;
    bool unreadable = false;
    auto pack = trust::importPack(path, options, diag, report, &unreadable);
    if (!pack) {
        for (const QString &l : diag.lines())
            err(QStringLiteral("%1: %2").arg(path, l));
        exitCode = unreadable ? NoInput : BadPack;
        return nullptr;
    }
    if (report.overridden)
        err(QStringLiteral("consilium-cli: ") + report.warning);
    return pack;
}

bool readFile(const QString &path, QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        err(QStringLiteral("consilium-cli: cannot read %1: %2").arg(path, f.errorString()));
        return false;
    }
    bytes = f.readAll();
    return true;
}

QByteArray errorLine(const QString &caseId, qint64 line, const QString &file, const QStringList &errors)
{
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    auto str = [&w](const QString &s) {
        const QByteArray u = s.toUtf8();
        w.String(u.constData(), rapidjson::SizeType(u.size()));
    };
    w.StartObject();
    w.Key("case_id");
    if (caseId.isNull())
        w.Null();
    else
        str(caseId);
    w.Key("line");
    w.Int64(line);
    if (!file.isEmpty()) {
        w.Key("file");
        str(file);
    }
    w.Key("input_errors");
    w.StartArray();
    for (const QString &e : errors)
        str(e);
    w.EndArray();
    w.EndObject();
    return QByteArray(buffer.GetString(), qsizetype(buffer.GetSize())) + '\n';
}

int evaluateBatch(const RulePack &pack, const Options &o, const CaseParseOptions &parseOptions)
{
    const Engine engine(pack);
    QFileInfo info(o.batch);
    if (!info.exists()) {
        err(QStringLiteral("consilium-cli: cannot read %1: no such file or directory").arg(o.batch));
        return NoInput;
    }
    bool anyBad = false;
    qint64 count = 0;
    QElapsedTimer progress;
    progress.start();
    auto handle = [&](const QByteArray &bytes, qint64 line, const QString &file) {
        ++count;
        const CaseOutcome outcome = evaluateCase(engine, bytes, parseOptions);
        if (!outcome.ok()) {
            anyBad = true;
            out(errorLine(outcome.caseId, line, file, outcome.diag.lines()));
        } else {
            out(resultJson(engine, *outcome.evaluation, false) + '\n');
        }
        if (progress.elapsed() > 2000) {
            err(QStringLiteral("consilium-cli: %1 cases evaluated…").arg(count));
            progress.restart();
        }
    };
    if (info.isDir()) {
        const QDir dir(o.batch);
        const QStringList files = dir.entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name);
        qint64 n = 0;
        for (const QString &name : files) {
            ++n;
            const QString path = dir.filePath(name);
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly)) {
                anyBad = true;
                out(errorLine(QString(), n, path, { QStringLiteral("$: cannot read file: %1").arg(f.errorString()) }));
                continue;
            }
            handle(f.readAll(), n, path);
        }
    } else {
        QFile f(o.batch);
        if (!f.open(QIODevice::ReadOnly)) {
            err(QStringLiteral("consilium-cli: cannot read %1: %2").arg(o.batch, f.errorString()));
            return NoInput;
        }
        qint64 line = 0;
        while (!f.atEnd()) {
            QByteArray bytes = f.readLine();
            ++line;
            if (bytes.trimmed().isEmpty())
                continue;
            handle(bytes, line, QString());
        }
    }
    if (count >= 1000)
        err(QStringLiteral("consilium-cli: %1 cases evaluated.").arg(count));
    std::fflush(stdout);
    return anyBad ? BadCase : Ok;
}

int evaluate(const Options &o)
{
    if (o.format != QLatin1String("json") && o.format != QLatin1String("text"))
        return usage(QStringLiteral("--format must be json or text"));
    CaseParseOptions parseOptions;
    if (!o.asOf.isEmpty()) {
        parseOptions.asOfOverride = parseIsoDate(o.asOf);
        if (!parseOptions.asOfOverride)
            return usage(QStringLiteral("--as-of \"%1\" is not a date (YYYY-MM-DD)").arg(o.asOf));
    }
    if (o.hasBatch && !o.positional.isEmpty())
        return usage(QStringLiteral("give either CASE.json or --batch, not both"));
    if (!o.hasBatch && o.positional.size() != 1)
        return usage(QStringLiteral("evaluate needs exactly one case file"));
    int code = Ok;
    std::unique_ptr<RulePack> own;
    if (!o.rules.isEmpty()) {
        own = importPack(o.rules, o.allowUnsigned, code);
        if (!own)
            return code;
    }
    const RulePack &pack = own ? *own : RulePack::builtin();
    if (o.hasBatch)
        return evaluateBatch(pack, o, parseOptions);
    QByteArray bytes;
    if (!readFile(o.positional.first(), bytes))
        return NoInput;
    const Engine engine(pack);
    const CaseOutcome outcome = evaluateCase(engine, bytes, parseOptions);
    if (!outcome.ok()) {
        for (const QString &l : outcome.diag.lines())
            err(l);
        return BadCase;
    }
    const Evaluation &e = *outcome.evaluation;
    if (o.format == QLatin1String("text"))
        out(resultText(engine, e).toUtf8());
    else
        out(resultJson(engine, e, true) + '\n');
    return Ok;
}

int checkRules(const Options &o)
{
    if (o.positional.size() > 1 || !o.rules.isEmpty() || !o.asOf.isEmpty() || o.hasBatch)
        return usage(QStringLiteral("check-rules takes at most one pack file"));
    int code = Ok;
    std::unique_ptr<RulePack> own;
    if (!o.positional.isEmpty()) {
        own = loadPack(o.positional.first(), code);
        if (!own)
            return code;
    }
    const RulePack &pack = own ? *own : RulePack::builtin();
    const auto outcomes = runVignettes(pack);
    int passed = 0;
    int failed = 0;
    QByteArray report;
    for (const auto &v : outcomes) {
        if (v.passed()) {
            ++passed;
            report += QStringLiteral("PASS %1\n").arg(v.id).toUtf8();
        } else {
            ++failed;
            report += QStringLiteral("FAIL %1\n").arg(v.id).toUtf8();
            for (const QString &f : v.failures)
                report += QStringLiteral("  %1\n").arg(f).toUtf8();
        }
    }
    out(report);
    out(QStringLiteral("%1 passed, %2 failed\n").arg(passed).arg(failed).toUtf8());
    return failed == 0 ? Ok : Failed;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("consilium-cli"));
    QCoreApplication::setApplicationVersion(engineVersion());
    QStringList args = QCoreApplication::arguments().mid(1);
    if (args.isEmpty())
        return usage(QString());
    const QString command = args.takeFirst();
    if (command == QLatin1String("db"))
        return runDbCommand(args);
    if (command == QLatin1String("pack"))
        return runPackCommand(args);
    if (command == QLatin1String("--version") || command == QLatin1String("-V")) {
        if (!args.isEmpty())
            return usage(QStringLiteral("--version takes no arguments"));
        const RulePack &pack = RulePack::builtin();
        out(QStringLiteral("consilium-cli %1\npack %2 %3 sha256:%4\n")
                .arg(engineVersion(), pack.id(), pack.version(), pack.sha256())
                .toUtf8());
        return Ok;
    }
    if (command == QLatin1String("--help") || command == QLatin1String("-h")) {
        usage(QString());
        return Ok;
    }
    Options o;
    QString problem;
    if (!parseOptions(args, o, problem))
        return usage(problem);
    if (command == QLatin1String("evaluate"))
        return evaluate(o);
    if (command == QLatin1String("check-rules"))
        return checkRules(o);
    return usage(QStringLiteral("unknown command '%1'").arg(command));
}
