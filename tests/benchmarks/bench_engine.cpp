// SPDX-License-Identifier: GPL-3.0-or-later
// Engine throughput on 100,000 synthetic cases (~10% missing facts) with the full reference pack.
//   build/tests/benchmarks/bench_engine --benchmark_min_time=2
#include "SyntheticCases.h"
#include "case/CaseData.h"
#include "engine/CaseEvaluation.h"
#include "engine/Engine.h"
#include "engine/ResultWriter.h"
#include "engine/SummaryResult.h"
#include "rules/RulePack.h"

#include <QCoreApplication>
#include <QFile>

#include <map>
#include <memory>

#include <benchmark/benchmark.h>

using namespace consilium;

namespace {

constexpr int kCases = 100000;

const QList<QByteArray> &caseJson()
{
    static const QList<QByteArray> json = syntheticCases(RulePack::builtin(), kCases);
    return json;
}

const std::vector<CaseData> &cases()
{
    static const std::vector<CaseData> parsed = [] {
        std::vector<CaseData> out;
        out.reserve(kCases);
        for (const QByteArray &j : caseJson()) {
            json::Diagnostics diag;
            auto c = parseCase(j, RulePack::builtin(), diag);
            if (!c)
                qFatal("synthetic case rejected: %s", qPrintable(diag.lines().join(QLatin1Char('\n'))));
            out.push_back(std::move(*c));
        }
        return out;
    }();
    return parsed;
}

// The fast path over `cs`, one case per iteration: states + verdicts (derived values included);
// explanations are not rendered.
void evaluateInTurn(benchmark::State &state, const Engine &engine, const std::vector<CaseData> &cs)
{
    Workspace ws;
    engine.prepare(ws);
    std::size_t i = 0;
    for (auto _ : state) {
        engine.evaluate(cs[i], ws);
        benchmark::DoNotOptimize(ws.verdicts.data());
        i = (i + 1) % cs.size();
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_EvaluateStatesAndVerdicts(benchmark::State &state)
{
    evaluateInTurn(state, Engine(RulePack::builtin()), cases());
}
BENCHMARK(BM_EvaluateStatesAndVerdicts);

// The cost of options (docs/engine.md#options): the same synthetic cases (generated for pack 2026.1, no
// cd19_b_cells) through pack 2026.1 (no options) and the built-in 2026.2 (12 options).
const RulePack &pack2026_1()
{
    static const std::unique_ptr<RulePack> pack = [] {
        QFile f(QStringLiteral(":/packs/consilium-reference-2026.1.json"));
        json::Diagnostics diag;
        auto p = f.open(QIODevice::ReadOnly) ? RulePack::load(f.readAll(), diag) : nullptr;
        if (!p)
            qFatal("pack 2026.1 does not load");
        return p;
    }();
    return *pack;
}

const QList<QByteArray> &caseJson2026_1()
{
    static const QList<QByteArray> json = syntheticCases(pack2026_1(), kCases);
    return json;
}

const std::vector<CaseData> &cases2026_1(const RulePack &pack)
{
    const QList<QByteArray> &json = caseJson2026_1();
    static std::map<const RulePack *, std::vector<CaseData>> parsed;
    auto &out = parsed[&pack];
    if (out.empty()) {
        for (const QByteArray &j : json) {
            json::Diagnostics diag;
            auto c = parseCase(j, pack, diag);
            if (!c)
                qFatal("synthetic case rejected: %s", qPrintable(diag.lines().join(QLatin1Char('\n'))));
            out.push_back(std::move(*c));
        }
    }
    return out;
}

void statesAndVerdicts(benchmark::State &state, const RulePack &pack)
{
    evaluateInTurn(state, Engine(pack), cases2026_1(pack));
    state.counters["options"] = double(pack.options().size());
    state.counters["criteria"] = double(pack.criteria().size());
}

void BM_StatesAndVerdicts_Pack2026_1(benchmark::State &state)
{
    statesAndVerdicts(state, pack2026_1());
}
BENCHMARK(BM_StatesAndVerdicts_Pack2026_1);

void BM_StatesAndVerdicts_Pack2026_2(benchmark::State &state)
{
    statesAndVerdicts(state, RulePack::builtin());
}
BENCHMARK(BM_StatesAndVerdicts_Pack2026_2);

// Full result: missing inputs, timelines, explanations rendered, result JSON written.
void BM_EvaluateFullResultJson(benchmark::State &state)
{
    const Engine engine(RulePack::builtin());
    const auto &cs = cases();
    std::size_t i = 0;
    for (auto _ : state) {
        const Evaluation e = engine.evaluateFull(cs[i]);
        benchmark::DoNotOptimize(resultJson(engine, e, false));
        i = (i + 1) % cs.size();
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EvaluateFullResultJson);

// Full evaluation without serialisation (what the GUI needs per edit).
void BM_EvaluateFull(benchmark::State &state)
{
    const Engine engine(RulePack::builtin());
    const auto &cs = cases();
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(engine.evaluateFull(cs[i]));
        i = (i + 1) % cs.size();
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EvaluateFull);

// Full result in memory with every criterion's explanation rendered (what a report or the
// drill-down shows), without JSON serialisation.
void BM_EvaluateFullWithExplanations(benchmark::State &state)
{
    const Engine engine(RulePack::builtin());
    const RulePack &pack = RulePack::builtin();
    const auto &cs = cases();
    std::size_t i = 0;
    QString text; // all explanations of a case, one after the other, in a reused buffer
    std::vector<qsizetype> ends(pack.criteria().size());
    for (auto _ : state) {
        const Evaluation e = engine.evaluateFull(cs[i]);
        text.truncate(0);
        for (int c = 0; c < int(pack.criteria().size()); ++c) {
            e.appendExplanation(text, c);
            ends[std::size_t(c)] = text.size();
        }
        benchmark::DoNotOptimize(text.constData());
        i = (i + 1) % cs.size();
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EvaluateFullWithExplanations);

// Strict parse + validation of one case file (the batch mode's other half).
void BM_ParseCase(benchmark::State &state)
{
    const auto &js = caseJson();
    std::size_t i = 0;
    for (auto _ : state) {
        json::Diagnostics diag;
        benchmark::DoNotOptimize(parseCase(js[qsizetype(i)], RulePack::builtin(), diag));
        i = (i + 1) % std::size_t(js.size());
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseCase);

// What `evaluate --batch … --output summary` does per case on one core: strict parse + validation,
// the summary evaluation (Engine::evaluateSummary; with `full`, evaluateFull as before), the
// consilium-summary/3 line (docs/result-format.md#summary-output). Counters: bytes of summary per
// case. The whole-process comparison with the peers and the floor is tests/benchmarks/side-by-side.sh.
void summaryBatch(benchmark::State &state, const RulePack &pack, const QList<QByteArray> &js, bool full = false)
{
    const Engine engine(pack);
    std::size_t i = 0;
    double bytes = 0;
    for (auto _ : state) {
        const CaseReading reading = readCase(js[qsizetype(i)], pack);
        if (!reading.ok())
            qFatal("synthetic case rejected: %s", qPrintable(reading.diag.lines().join(QLatin1Char('\n'))));
        const QByteArray line
            = summaryJson(engine, full ? engine.evaluateFull(*reading.data) : engine.evaluateSummary(*reading.data));
        bytes += double(line.size());
        benchmark::DoNotOptimize(line.constData());
        i = (i + 1) % std::size_t(js.size());
    }
    state.SetItemsProcessed(state.iterations());
    state.counters["bytes_per_case"] = benchmark::Counter(bytes / double(state.iterations()));
}

void BM_SummaryBatch(benchmark::State &state)
{
    summaryBatch(state, RulePack::builtin(), caseJson());
}
BENCHMARK(BM_SummaryBatch);

void BM_SummaryBatch_Pack2026_1(benchmark::State &state)
{
    summaryBatch(state, pack2026_1(), caseJson2026_1());
}
BENCHMARK(BM_SummaryBatch_Pack2026_1);

// The full result (--output full) of cases generated for pack 2026.1, under 2026.1 (whose JSON
// output is pinned by the golden check): the figure README "Performance" compares over time.
void BM_EvaluateFullResultJson_Pack2026_1(benchmark::State &state)
{
    const Engine engine(pack2026_1());
    const auto &cs = cases2026_1(pack2026_1());
    std::size_t i = 0;
    for (auto _ : state) {
        const Evaluation e = engine.evaluateFull(cs[i]);
        benchmark::DoNotOptimize(resultJson(engine, e, false));
        i = (i + 1) % cs.size();
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EvaluateFullResultJson_Pack2026_1);

// Strict parse + validation of the 2026.1 cases under 2026.1.
void BM_ParseCase_Pack2026_1(benchmark::State &state)
{
    const QList<QByteArray> &js = caseJson2026_1();
    std::size_t i = 0;
    for (auto _ : state) {
        json::Diagnostics diag;
        benchmark::DoNotOptimize(parseCase(js[qsizetype(i)], pack2026_1(), diag));
        i = (i + 1) % std::size_t(js.size());
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseCase_Pack2026_1);

void BM_PackLoadAndCompile(benchmark::State &state)
{
    const QByteArray bytes = RulePack::builtinBytes();
    for (auto _ : state) {
        json::Diagnostics diag;
        benchmark::DoNotOptimize(RulePack::load(bytes, diag));
    }
}
BENCHMARK(BM_PackLoadAndCompile)->Unit(benchmark::kMillisecond);

// BM_SummaryBatch as it was before Engine::evaluateSummary (evaluateFull per case), side by side.
void BM_SummaryBatchViaFullEvaluation(benchmark::State &state)
{
    summaryBatch(state, RulePack::builtin(), caseJson(), true);
}
BENCHMARK(BM_SummaryBatchViaFullEvaluation);

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    cases(); // generate and parse the workload before timing
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
