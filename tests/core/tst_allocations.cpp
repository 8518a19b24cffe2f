// SPDX-License-Identifier: GPL-3.0-or-later
// The engine's fast path allocates nothing per case once its workspace is prepared
// (issue 3: "no heap allocation per criterion evaluation").
#include "case/CaseData.h"
#include "engine/Engine.h"
#include "rules/RulePack.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <atomic>
#include <cstdlib>
#include <new>

namespace {
std::atomic<long> g_allocations { 0 };
}

void *operator new(std::size_t size)
{
    ++g_allocations;
    if (void *p = std::malloc(size ? size : 1))
        return p;
    throw std::bad_alloc();
}
void *operator new[](std::size_t size)
{
    return operator new(size);
}
// The nothrow forms too (std::stable_sort's temporary buffer uses them): a replaced set must
// be complete, or memory from one allocator is freed by another (ASan: alloc-dealloc-mismatch).
void *operator new(std::size_t size, const std::nothrow_t &) noexcept
{
    ++g_allocations;
    return std::malloc(size ? size : 1);
}
void *operator new[](std::size_t size, const std::nothrow_t &tag) noexcept
{
    return operator new(size, tag);
}
void operator delete(void *p, const std::nothrow_t &) noexcept
{
    std::free(p);
}
void operator delete[](void *p, const std::nothrow_t &) noexcept
{
    std::free(p);
}
void operator delete(void *p) noexcept
{
    std::free(p);
}
void operator delete[](void *p) noexcept
{
    std::free(p);
}
void operator delete(void *p, std::size_t) noexcept
{
    std::free(p);
}
void operator delete[](void *p, std::size_t) noexcept
{
    std::free(p);
}

using namespace consilium;

class TestAllocations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void counterWorks();
    void fastPathDoesNotAllocate();
};

void TestAllocations::counterWorks()
{
    // The counter must see allocations, or the next test could not fail.
    const long before = g_allocations.load();
    static std::vector<int> *volatile escaped = nullptr; // keeps the compiler from eliding the allocations
    escaped = new std::vector<int>(100);
    delete escaped;
    QVERIFY(g_allocations.load() - before >= 2);
}

void TestAllocations::fastPathDoesNotAllocate()
{
    const RulePack &pack = RulePack::builtin();
    std::vector<CaseData> cases;
    const QDir dir(QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/examples"));
    for (const QString &name : dir.entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name)) {
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::ReadOnly));
        json::Diagnostics diag;
        auto c = parseCase(f.readAll(), pack, diag);
        QVERIFY2(c, qPrintable(diag.lines().join(QLatin1Char('\n'))));
        cases.push_back(std::move(*c));
    }
    QCOMPARE(cases.size(), std::size_t(12));
    const Engine engine(pack);
    Workspace ws;
    engine.prepare(ws);
    engine.evaluate(cases.front(), ws); // warm-up (lazy statics)
    const long before = g_allocations.load();
    int verdictSum = 0;
    for (int round = 0; round < 100; ++round) {
        for (const CaseData &c : cases) {
            engine.evaluate(c, ws);
            verdictSum += int(ws.verdicts[0]);
        }
    }
    const long allocations = g_allocations.load() - before;
    QVERIFY(verdictSum > 0);
    QCOMPARE(allocations, 0L);
}

QTEST_GUILESS_MAIN(TestAllocations)
#include "tst_allocations.moc"
