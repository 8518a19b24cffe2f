// SPDX-License-Identifier: GPL-3.0-or-later
// Case store benchmarks (issue 4) on a synthetic database of CONSILIUM_BENCH_CASES cases
// (default 100000), generated once and cached in /tmp/consilium-bench (or CONSILIUM_BENCH_DIR).
// Not a ctest.
//   bench_store [--benchmark_filter=...]
// On PostgreSQL (issue 13): CONSILIUM_BENCH_PG_URI=postgresql://… names a database filled with
// `consilium-cli db copy /tmp/consilium-bench/cases-100000.sqlite URI`; the benchmarks that write
// (saves, re-evaluation) then write into that database itself (docs/store.md#postgresql).
#include "../core/PackMutation.h"
#include "GenCases.h"

#include "case/CaseData.h"
#include "engine/Engine.h"
#include "rules/RulePack.h"
#include "store/CanonicalJson.h"
#include "store/Evaluations.h"
#include "store/PackImpact.h"
#include "store/StoreConnection.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <latch>
#include <mutex>
#include <optional>
#include <thread>

using namespace consilium;

namespace {

qint64 caseCount()
{
    bool ok = false;
    const qint64 n = qEnvironmentVariableIntValue("CONSILIUM_BENCH_CASES", &ok);
    return ok && n > 0 ? n : 100000;
}

// CONSILIUM_BENCH_DIR: another directory (a build whose schema is newer than the cached
// database's must not upgrade the file other builds share).
QString benchDir()
{
    const QString dir = qEnvironmentVariable("CONSILIUM_BENCH_DIR");
    return dir.isEmpty() ? QStringLiteral("/tmp/consilium-bench") : dir;
}

QString postgresUri()
{
    return qEnvironmentVariable("CONSILIUM_BENCH_PG_URI");
}

QString cachedDb()
{
    if (!postgresUri().isEmpty())
        return postgresUri();
    return benchDir() + QStringLiteral("/cases-%1.sqlite").arg(caseCount());
}

Actor benchActor()
{
    return { QStringLiteral("bench"), QStringLiteral("Benchmark") };
}

std::unique_ptr<CaseStore> openDb(const QString &path, bool writer)
{
    StoreOptions o;
    o.path = path;
    o.writer = writer;
    o.actor = benchActor();
    auto s = CaseStore::open(o);
    if (!s) {
        std::fprintf(stderr, "bench_store: %s\n", qPrintable(s.error().message));
        return nullptr;
    }
    return std::move(s).value();
}

// The cached database: generated and evaluated with the reference pack on first use.
bool ensureDatabase()
{
    if (!postgresUri().isEmpty())
        return true; // filled by db copy (above)
    if (QFileInfo::exists(cachedDb()) && QFileInfo::exists(cachedDb() + QStringLiteral(".ready")))
        return true;
    QDir().mkpath(benchDir());
    for (const char *suffix : { "", "-wal", "-shm", ".audit-head", ".ready" })
        QFile::remove(cachedDb() + QLatin1String(suffix));
    std::fprintf(stderr, "generating %lld cases into %s (cached for later runs)…\n",
        static_cast<long long>(caseCount()), qPrintable(cachedDb()));
    auto store = openDb(cachedDb(), true);
    if (!store)
        return false;
    GenOptions options;
    options.count = caseCount();
    QElapsedTimer t;
    t.start();
    const auto generated = generateCases(*store, caseTemplates(QStringLiteral(CONSILIUM_SOURCE_DIR)), options);
    if (!generated) {
        std::fprintf(stderr, "bench_store: %s\n", qPrintable(generated.error().message));
        return false;
    }
    std::fprintf(stderr, "generated in %.1f s; evaluating…\n", double(t.elapsed()) / 1000.0);
    Evaluations(*store).reevaluateAll(RulePack::builtin());
    store.reset();
    QFile ready(cachedDb() + QStringLiteral(".ready"));
    return ready.open(QIODevice::WriteOnly);
}

// A private copy for benchmarks that write.
QString writableCopy(const QString &name)
{
    if (!postgresUri().isEmpty())
        return postgresUri();
    const QString path = benchDir() + QLatin1Char('/') + name;
    for (const char *suffix : { "", "-wal", "-shm", ".audit-head", ".lock" })
        QFile::remove(path + QLatin1String(suffix));
    QFile::copy(cachedDb(), path);
    QFile::copy(cachedDb() + QStringLiteral(".audit-head"), path + QStringLiteral(".audit-head"));
    return path;
}

void BM_OpenAndFirstPage(benchmark::State &state)
{
    CaseFilter f;
    f.packSha256 = RulePack::builtin().sha256();
    for (auto _ : state) {
        auto store = openDb(cachedDb(), false);
        const CasePage page = store->queryCases(f).value();
        if (page.rows.size() != 50)
            state.SkipWithError("first page is not 50 rows");
        benchmark::DoNotOptimize(page.total);
    }
}

void filterBench(benchmark::State &state, const CaseFilter &filter)
{
    auto store = openDb(cachedDb(), false);
    qint64 total = 0;
    for (auto _ : state) {
        const CasePage page = store->queryCases(filter).value();
        total = page.total;
        benchmark::DoNotOptimize(page.rows.data());
    }
    state.counters["matches"] = double(total);
}

void BM_FilterByDisease(benchmark::State &state)
{
    CaseFilter f;
    f.packSha256 = RulePack::builtin().sha256();
    f.disease = QStringLiteral("SSc");
    filterBench(state, f);
}

void BM_FilterByVerdict(benchmark::State &state)
{
    CaseFilter f;
    f.packSha256 = RulePack::builtin().sha256();
    f.verdictGroup = QStringLiteral("autologous_car_t");
    f.verdict = QStringLiteral("eligible");
    filterBench(state, f);
}

void BM_FilterByDiseaseAndVerdict(benchmark::State &state)
{
    CaseFilter f;
    f.packSha256 = RulePack::builtin().sha256();
    f.disease = QStringLiteral("SLE");
    f.verdictGroup = QStringLiteral("standard_care");
    f.verdict = QStringLiteral("eligible");
    filterBench(state, f);
}

// Screening by an option (issue 12, issue 15): "who could enter RESOLUTION", and who is one
// or more values away from it (docs/store.md#evaluations).
void BM_FilterByOptionVerdict(benchmark::State &state)
{
    CaseFilter f;
    f.packSha256 = RulePack::builtin().sha256();
    f.verdictGroup = optionGroupKey(QStringLiteral("allo-allo-329-resolution"));
    f.verdict = state.range(0) == 0 ? QStringLiteral("eligible") : QStringLiteral("undetermined");
    filterBench(state, f);
}

// The first page sorted by a verdict (eligible first): an arm's (0) as the case list's arm
// columns, an option's (1) as its Option column.
void BM_SortByVerdict(benchmark::State &state)
{
    CaseFilter f;
    f.packSha256 = RulePack::builtin().sha256();
    f.sort = CaseSort::Verdict;
    f.sortGroup = state.range(0) == 0 ? QStringLiteral("allogeneic_car_t")
                                      : optionGroupKey(QStringLiteral("allo-allo-329-resolution"));
    f.limit = 200;
    filterBench(state, f);
}

void BM_SaveCaseVersion(benchmark::State &state)
{
    const QString path = writableCopy(QStringLiteral("save.sqlite"));
    const qint64 sizeBefore = QFileInfo(path).size();
    auto store = openDb(path, true);
    QByteArray base = store->latestVersion(QStringLiteral("gen-000001")).value().content;
    std::vector<double> ms;
    int i = 0;
    for (auto _ : state) {
        QByteArray bytes = base;
        bytes.replace("\"label\":\"", QStringLiteral("\"label\":\"edit %1 ").arg(++i).toUtf8());
        QElapsedTimer t;
        t.start();
        const auto o = store->saveCase(bytes, RulePack::builtin());
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
        if (!o || o.value().status != SaveStatus::Added)
            state.SkipWithError("save failed");
    }
    store.reset(); // closing checkpoints the WAL into the file
    state.counters["bytes_per_saved_version"]
        = double(QFileInfo(path).size() - sizeBefore) / double(std::max<std::size_t>(1, ms.size()));
    std::sort(ms.begin(), ms.end());
    auto pct = [&ms](double p) {
        return ms.empty() ? 0.0 : ms[std::min(ms.size() - 1, std::size_t(p * double(ms.size())))];
    };
    state.counters["p50_ms"] = pct(0.50);
    state.counters["p95_ms"] = pct(0.95);
    state.counters["p99_ms"] = pct(0.99);
}

// Ten clients saving at once, each its own case with the version it read (no lost update,
// docs/store.md#concurrent-writers): the latency of every save on connections in use
// (p50_ms, p95_ms). A client's first save on its new connection is timed apart (first_p50_ms,
// first_max_ms): the new server process loads its catalog caches and compiles the functions and
// triggers a save runs, which a workstation does once per session. Every client is connected
// and has saved once before the measured saves start, and keeps its connection until all have
// finished: a save is measured against the others' saves, not against their start or end.
// PostgreSQL only (SQLite admits one writing process).
void BM_ConcurrentSaves(benchmark::State &state)
{
    if (postgresUri().isEmpty()) {
        state.SkipWithError("PostgreSQL only (CONSILIUM_BENCH_PG_URI)");
        return;
    }
    const int clients = int(state.range(0));
    std::vector<double> ms;
    std::vector<double> first;
    std::mutex lock;
    std::atomic<int> failures { 0 };
    // One save of client c's case, its label changed (i); the milliseconds it took, or none.
    auto save = [&failures](CaseStore &store, int c, int i) -> std::optional<double> {
        const QString id = QStringLiteral("gen-%1").arg(c + 1, 6, 10, QLatin1Char('0'));
        const auto latest = store.latestVersion(id);
        if (!latest) {
            ++failures;
            return std::nullopt;
        }
        QByteArray bytes = latest.value().content;
        bytes.replace("\"label\":\"", QStringLiteral("\"label\":\"c%1 %2 ").arg(c).arg(i).toUtf8());
        QElapsedTimer t;
        t.start();
        const auto o = store.saveCase(bytes, RulePack::builtin(), latest.value().version);
        const double took = double(t.nsecsElapsed()) / 1e6;
        if (!o)
            ++failures;
        return took;
    };
    for (auto _ : state) {
        std::vector<std::thread> workers;
        std::latch started(clients);
        std::latch finished(clients);
        for (int c = 0; c < clients; ++c) {
            workers.emplace_back([&, c] {
                auto store = openDb(postgresUri(), true);
                double warm = -1.0; // the first save on the new connection (ms); -1: failed
                if (!store)
                    ++failures;
                else if (const auto took = save(*store, c, 0))
                    warm = *took;
                started.arrive_and_wait();
                for (int i = 1; warm >= 0.0 && i <= 50; ++i) {
                    const auto took = save(*store, c, i);
                    if (!took)
                        break;
                    const std::lock_guard<std::mutex> guard(lock);
                    ms.push_back(*took);
                }
                {
                    const std::lock_guard<std::mutex> guard(lock);
                    if (warm >= 0.0)
                        first.push_back(warm);
                }
                finished.arrive_and_wait();
            });
        }
        for (auto &w : workers)
            w.join();
    }
    if (failures > 0)
        state.SkipWithError("a save failed");
    auto pct = [](std::vector<double> &v, double p) {
        std::sort(v.begin(), v.end());
        return v.empty() ? 0.0 : v[std::min(v.size() - 1, std::size_t(p * double(v.size())))];
    };
    state.counters["saves"] = double(ms.size());
    state.counters["p50_ms"] = pct(ms, 0.50);
    state.counters["p95_ms"] = pct(ms, 0.95);
    state.counters["first_p50_ms"] = pct(first, 0.50);
    state.counters["first_max_ms"] = first.empty() ? 0.0 : *std::max_element(first.begin(), first.end());
}

// Engine only: parse + evaluate every stored latest version, on all cores, no database work.
void BM_EngineAll(benchmark::State &state)
{
    std::vector<QByteArray> contents;
    {
        auto store = openDb(cachedDb(), false);
        QSqlQuery q(StoreConnection::of(*store));
        q.setForwardOnly(true);
        q.exec(QStringLiteral("SELECT v.content FROM cases c JOIN case_versions v ON v.id = c.latest_version_id"));
        while (q.next())
            contents.push_back(q.value(0).toString().toUtf8());
    }
    const RulePack &pack = RulePack::builtin();
    const Engine engine(pack);
    const int threads = int(state.range(0));
    for (auto _ : state) {
        std::vector<std::thread> workers;
        std::atomic<qint64> ok { 0 };
        for (int t = 0; t < threads; ++t) {
            workers.emplace_back([&, t] {
                qint64 mine = 0;
                for (std::size_t i = std::size_t(t); i < contents.size(); i += std::size_t(threads)) {
                    json::Document doc;
                    json::Diagnostics diag;
                    if (!json::parseStrict(contents[i], doc, diag))
                        continue;
                    const auto c = parseCaseValue(doc, pack, diag);
                    if (c) {
                        const Evaluation e = engine.evaluateFull(*c);
                        benchmark::DoNotOptimize(e.groups().data());
                        ++mine;
                    }
                }
                ok += mine;
            });
        }
        for (auto &w : workers)
            w.join();
        if (ok != qint64(contents.size()))
            state.SkipWithError("a case failed to evaluate");
    }
    state.counters["cases"] = double(contents.size());
}

// End to end: re-evaluate every case and store the compact results (batched transactions).
void BM_ReevaluateAllStored(benchmark::State &state)
{
    const QString path = writableCopy(QStringLiteral("reevaluate.sqlite"));
    auto store = openDb(path, true);
    ReevaluationSummary s;
    for (auto _ : state) {
        Evaluations evaluations(*store);
        s = evaluations.reevaluateAll(RulePack::builtin());
        if (s.evaluated != caseCount())
            state.SkipWithError("not every case was evaluated");
    }
    state.counters["cases"] = double(s.evaluated);
    state.counters["engine_s"] = s.engineSeconds;
    state.counters["total_s"] = s.totalSeconds;
}

// Re-evaluate all under a pack the cases have no current verdicts for yet, so that every verdict
// row is inserted (1.7 million under 2026.2), as after activating a new pack: the built-in pack
// with another description (the same rules, another sha-256, so another pack to the store). The
// database of a PostgreSQL run persists between runs: that pack's current verdicts are deleted
// (and the table vacuumed) before each run, outside the measured time.
void BM_ReevaluateAllUnderNewPack(benchmark::State &state)
{
    json::Diagnostics diag;
    const auto pack = RulePack::load(pack_mutation::mutated([](pack_mutation::Doc &d) {
        pack_mutation::setString(d, d, "description", "The reference pack again, under another sha-256 (bench_store)");
    }),
        diag);
    if (!pack) {
        state.SkipWithError("the pack does not load");
        return;
    }
    const QString path = writableCopy(QStringLiteral("reevaluate-new-pack.sqlite"));
    auto store = openDb(path, true);
    ReevaluationSummary s;
    for (auto _ : state) {
        state.PauseTiming();
        if (!postgresUri().isEmpty()) {
            QSqlQuery q(StoreConnection::of(*store));
            q.prepare(QStringLiteral("DELETE FROM current_verdicts WHERE pack_ref IN"
                                     " (SELECT id FROM rule_packs WHERE sha256 = :sha)"));
            q.bindValue(QStringLiteral(":sha"), pack->sha256());
            if (!q.exec() || !q.exec(QStringLiteral("VACUUM ANALYZE current_verdicts"))) {
                state.SkipWithError(qPrintable(q.lastError().text()));
                return;
            }
        }
        state.ResumeTiming();
        s = Evaluations(*store).reevaluateAll(*pack);
        if (s.evaluated != caseCount())
            state.SkipWithError("not every case was evaluated");
    }
    state.counters["cases"] = double(s.evaluated);
    state.counters["engine_s"] = s.engineSeconds;
    state.counters["total_s"] = s.totalSeconds;
}

// The impact of a candidate pack on every stored case (issue 15, docs/store.md#impact), end to
// end as Tools → Impact of a rule pack… and `db impact` run it: a read connection of its own,
// every case's latest version read, parsed and evaluated under both packs (on all cores, in
// batches), the transitions tallied. Arg 0: 2026.1 active, 2026.2 (built-in) the candidate;
// arg 1: 2026.2 active, a candidate with one threshold moved (ALLO-HEM-02 ≥ 50 instead of ≥ 30,
// reference-rules.md). Wall-clock time.
void BM_PackImpact(benchmark::State &state)
{
    std::unique_ptr<RulePack> other;
    json::Diagnostics diag;
    if (state.range(0) == 0) {
        QFile f(QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/packs/consilium-reference-2026.1.json"));
        if (f.open(QIODevice::ReadOnly))
            other = RulePack::load(f.readAll(), diag);
    } else {
        other = RulePack::load(pack_mutation::mutated([](pack_mutation::Doc &d) {
            pack_mutation::setString(
                d, pack_mutation::elementById(d, "criteria", "ALLO-HEM-02"), "condition", "platelets >= 50");
        }),
            diag);
    }
    if (!other) {
        state.SkipWithError("the other pack does not load");
        return;
    }
    const RulePack &active = state.range(0) == 0 ? *other : RulePack::builtin();
    const RulePack &candidate = state.range(0) == 0 ? RulePack::builtin() : *other;
    PackImpact impact;
    for (auto _ : state) {
        auto r = packImpactAt(cachedDb(), active, candidate);
        if (!r) {
            state.SkipWithError(qPrintable(r.error().message));
            return;
        }
        impact = std::move(r).value();
    }
    state.counters["cases"] = double(impact.total);
    state.counters["evaluated"] = double(impact.evaluated);
    state.counters["not_valid"] = double(impact.failed.size());
    state.counters["changed"] = double(impact.changed.size());
}

void BM_DatabaseSize(benchmark::State &state)
{
    auto store = openDb(cachedDb(), false);
    qint64 versions = 0;
    qint64 evaluations = 0;
    for (auto _ : state) {
        QSqlQuery q(StoreConnection::of(*store));
        q.exec(QStringLiteral("SELECT (SELECT count(*) FROM case_versions), (SELECT count(*) FROM evaluations)"));
        q.next();
        versions = q.value(0).toLongLong();
        evaluations = q.value(1).toLongLong();
    }
    double bytes = double(QFileInfo(cachedDb()).size());
    if (!postgresUri().isEmpty()) {
        QSqlQuery q(StoreConnection::of(*store));
        bytes = q.exec(QStringLiteral("SELECT pg_database_size(current_database())")) && q.next()
            ? q.value(0).toDouble()
            : 0.0;
    }
    state.counters["versions"] = double(versions);
    state.counters["evaluations"] = double(evaluations);
    state.counters["db_MB"] = bytes / 1e6;
    state.counters["bytes_per_version"] = bytes / double(std::max<qint64>(1, versions)); // incl. one evaluation each
}

} // namespace

BENCHMARK(BM_OpenAndFirstPage)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FilterByDisease)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FilterByVerdict)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FilterByDiseaseAndVerdict)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FilterByOptionVerdict)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SortByVerdict)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SaveCaseVersion)->Unit(benchmark::kMillisecond)->Iterations(300);
BENCHMARK(BM_ConcurrentSaves)->Arg(10)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();
BENCHMARK(BM_EngineAll)->Arg(1)->Arg(2)->Unit(benchmark::kSecond)->Iterations(1);
BENCHMARK(BM_ReevaluateAllStored)->Unit(benchmark::kSecond)->Iterations(1);
BENCHMARK(BM_ReevaluateAllUnderNewPack)->Unit(benchmark::kSecond)->Iterations(1);
BENCHMARK(BM_PackImpact)->Arg(0)->Arg(1)->Unit(benchmark::kSecond)->Iterations(1)->UseRealTime();
BENCHMARK(BM_DatabaseSize)->Iterations(1);

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (!ensureDatabase())
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
