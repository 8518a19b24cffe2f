// SPDX-License-Identifier: GPL-3.0-or-later
// `consilium-cli evaluate` and `check-rules`: case files and rule packs without a database
// (docs/cli.md; results as in docs/result-format.md).
#include "Commands.h"
#include "Io.h"
#include "case/CaseData.h"
#include "engine/CaseEvaluation.h"
#include "engine/Engine.h"
#include "engine/ResultWriter.h"
#include "engine/SummaryResult.h"
#include "engine/Vignettes.h"
#include "rules/RulePack.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QtConcurrent/QtConcurrentMap>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdio>

namespace consilium::cli {

namespace {

// One line of `evaluate --batch` output for a case that could not be evaluated.
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

// Evaluates a directory of *.json case files or a JSONL file, one compact result per line
// (docs/result-format.md#batch-output): the full result, or with `summary` the
// consilium-summary/3 line (docs/result-format.md#summary-output). Cases are read in chunks and
// evaluated on all cores (QtConcurrent; the engine is immutable and every evaluation has its own
// workspace); the lines are written in input order.
class BatchRun
{
public:
    BatchRun(const RulePack &pack, const CaseParseOptions &options, bool summary)
        : m_engine(pack), m_options(options), m_summary(summary)
    {
        m_progress.start();
    }

    int run(const QString &input)
    {
        const QFileInfo info(input);
        if (!info.exists()) {
            err(QStringLiteral("consilium-cli: cannot read %1: no such file or directory").arg(input));
            return NoInput;
        }
        if (info.isDir())
            runDirectory(input);
        else if (!runJsonl(input))
            return NoInput;
        flush();
        if (m_count >= 1000)
            err(QStringLiteral("consilium-cli: %1 cases evaluated.").arg(m_count));
        std::fflush(stdout);
        return m_anyBad ? BadCase : Ok;
    }

private:
    struct Item {
        QByteArray bytes; // the case, or empty with `readError`
        qint64 line = 0;
        QString file;
        QString readError;
    };
    struct Line {
        QByteArray text;
        bool bad = false;
    };
    static constexpr qsizetype kChunk = 512;

    Line evaluate(const Item &item) const
    {
        if (!item.readError.isEmpty())
            return { errorLine(QString(), item.line, item.file, { item.readError }), true };
        if (m_summary) { // only what the summary line needs (Engine::evaluateSummary)
            const CaseReading reading = readCase(item.bytes, m_engine.pack(), m_options);
            if (!reading.ok())
                return { errorLine(reading.caseId, item.line, item.file, reading.diag.lines()), true };
            return { summaryJson(m_engine, m_engine.evaluateSummary(*reading.data)) + '\n', false };
        }
        const CaseOutcome outcome = evaluateCase(m_engine, item.bytes, m_options);
        if (!outcome.ok())
            return { errorLine(outcome.caseId, item.line, item.file, outcome.diag.lines()), true };
        QByteArray text = resultJson(m_engine, *outcome.evaluation, false);
        text += '\n'; // in place: resultJson leaves room for it (a full result is ≈ 250 KB)
        return { std::move(text), false };
    }

    void add(Item item)
    {
        m_pending.append(std::move(item));
        if (m_pending.size() >= kChunk)
            flush();
    }

    void flush()
    {
        if (m_pending.isEmpty())
            return;
        const QList<Line> lines
            = QtConcurrent::blockingMapped<QList<Line>>(m_pending, [this](const Item &item) { return evaluate(item); });
        for (const Line &l : lines) {
            out(l.text);
            m_anyBad = m_anyBad || l.bad;
        }
        m_count += m_pending.size();
        m_pending.clear();
        if (m_progress.elapsed() > 2000) {
            err(QStringLiteral("consilium-cli: %1 cases evaluated…").arg(m_count));
            m_progress.restart();
        }
    }

    void runDirectory(const QString &input)
    {
        const QDir dir(input);
        const QStringList files = dir.entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name);
        qint64 n = 0;
        for (const QString &name : files) {
            ++n;
            const QString path = dir.filePath(name);
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly)) {
                add({ {}, n, path, QStringLiteral("$: cannot read file: %1").arg(f.errorString()) });
                continue;
            }
            add({ f.readAll(), n, path, {} });
        }
    }

    bool runJsonl(const QString &input)
    {
        QFile f(input);
        if (!f.open(QIODevice::ReadOnly)) {
            err(QStringLiteral("consilium-cli: cannot read %1: %2").arg(input, f.errorString()));
            return false;
        }
        qint64 line = 0;
        while (!f.atEnd()) {
            QByteArray bytes = f.readLine();
            ++line;
            if (bytes.trimmed().isEmpty())
                continue;
            add({ std::move(bytes), line, {}, {} });
        }
        return true;
    }

    const Engine m_engine;
    const CaseParseOptions m_options;
    const bool m_summary;
    QList<Item> m_pending;
    QElapsedTimer m_progress;
    qint64 m_count = 0;
    bool m_anyBad = false;
};

class EvaluateCommand : public Command
{
public:
    EvaluateCommand()
        : Command(
            QStringLiteral("evaluate"), QStringLiteral("Evaluate a case file (or a batch) against the rule pack."))
    {
        addArgument(QStringLiteral("CASE.json"), QStringLiteral("A consilium-case/1 file (docs/case-format.md)."),
            Kind::File, true);
        addRulesOptions();
        addOption({ QStringLiteral("as-of"), QStringLiteral("Evaluate as of this date instead of the case's as_of."),
            QStringLiteral("YYYY-MM-DD") });
        addOption({ QStringLiteral("format"), QStringLiteral("Output format: json (default) or text."),
            QStringLiteral("json|text"), QStringLiteral("json") });
        addOption({ QStringLiteral("output"),
            QStringLiteral("With --batch: full (default; the whole result a line) or summary (verdicts, earliest "
                           "starts, missing inputs and derived values a line; docs/result-format.md#summary-output)."),
            QStringLiteral("full|summary"), QStringLiteral("full") });
        addOption(
            { QStringLiteral("batch"),
                QStringLiteral("Evaluate a directory of *.json files or a JSONL file, one compact result a line."),
                QStringLiteral("DIR_OR_JSONL") },
            Kind::File);
    }

protected:
    int run(const QCommandLineParser &p, const QStringList &arguments) override
    {
        const QString format = p.value(QStringLiteral("format"));
        if (format != QLatin1String("json") && format != QLatin1String("text"))
            return usageError(QStringLiteral("--format must be json or text"));
        CaseParseOptions parseOptions;
        const QString asOf = p.value(QStringLiteral("as-of"));
        if (!asOf.isEmpty()) {
            parseOptions.asOfOverride = parseIsoDate(asOf);
            if (!parseOptions.asOfOverride)
                return usageError(QStringLiteral("--as-of \"%1\" is not a date (YYYY-MM-DD)").arg(asOf));
        }
        const bool batch = p.isSet(QStringLiteral("batch"));
        const QString output = p.value(QStringLiteral("output"));
        if (output != QLatin1String("full") && output != QLatin1String("summary"))
            return usageError(QStringLiteral("--output must be full or summary"));
        if (p.isSet(QStringLiteral("output")) && !batch)
            return usageError(QStringLiteral("--output is for --batch; give --format for one case"));
        if (batch && format == QLatin1String("text"))
            return usageError(
                QStringLiteral("--format text is for one case; --batch writes JSON lines (--output full|summary)"));
        if (batch && !arguments.isEmpty())
            return usageError(QStringLiteral("give either CASE.json or --batch, not both"));
        if (!batch && arguments.size() != 1)
            return usageError(QStringLiteral("evaluate needs exactly one case file"));
        int code = Ok;
        PackImport own;
        const RulePack *rules = rulesPack(p, own, code);
        if (!rules)
            return code;
        const RulePack &pack = *rules;
        if (batch)
            return BatchRun(pack, parseOptions, output == QLatin1String("summary"))
                .run(p.value(QStringLiteral("batch")));
        return evaluateOne(pack, arguments.first(), parseOptions, format);
    }

private:
    static int evaluateOne(
        const RulePack &pack, const QString &path, const CaseParseOptions &parseOptions, const QString &format)
    {
        QByteArray bytes;
        if (!readFile(path, bytes))
            return NoInput;
        const Engine engine(pack);
        const CaseOutcome outcome = evaluateCase(engine, bytes, parseOptions);
        if (!outcome.ok()) {
            for (const QString &l : outcome.diag.lines())
                err(l);
            return BadCase;
        }
        const Evaluation &e = *outcome.evaluation;
        if (format == QLatin1String("text"))
            out(resultText(engine, e).toUtf8());
        else
            out(resultJson(engine, e, true) + '\n');
        return Ok;
    }
};

class CheckRulesCommand : public Command
{
public:
    CheckRulesCommand()
        : Command(QStringLiteral("check-rules"),
            QStringLiteral("Validate a rule pack (the built-in one by default) and run its vignettes."))
    {
        addArgument(QStringLiteral("PACK"),
            QStringLiteral("A rule pack file (resources/packs/FORMAT.md); no signature needed."), Kind::File, true);
    }

protected:
    int run(const QCommandLineParser &, const QStringList &arguments) override
    {
        int code = Ok;
        std::unique_ptr<RulePack> own;
        if (!arguments.isEmpty()) {
            own = loadPackFile(arguments.first(), code);
            if (!own)
                return code;
        }
        const RulePack &pack = own ? *own : RulePack::builtin();
        int passed = 0;
        int failed = 0;
        QByteArray report;
        for (const auto &v : runVignettes(pack)) {
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
};

} // namespace

std::unique_ptr<Command> makeEvaluateCommand()
{
    return std::make_unique<EvaluateCommand>();
}

std::unique_ptr<Command> makeCheckRulesCommand()
{
    return std::make_unique<CheckRulesCommand>();
}

} // namespace consilium::cli
