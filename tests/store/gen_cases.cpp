// SPDX-License-Identifier: GPL-3.0-or-later
// consilium-gen-cases: fills a database with synthetic valid cases for benchmarks.
// Usage: consilium-gen-cases --db PATH [--count N] [--seed S] [--evaluate]
#include "GenCases.h"

#include "rules/RulePack.h"
#include "store/Evaluations.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>

using namespace consilium;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments().mid(1);
    GenOptions options;
    QString db;
    bool evaluate = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args[i];
        if (a == QLatin1String("--db") && i + 1 < args.size())
            db = args[++i];
        else if (a == QLatin1String("--count") && i + 1 < args.size())
            options.count = args[++i].toLongLong();
        else if (a == QLatin1String("--seed") && i + 1 < args.size())
            options.seed = args[++i].toUInt();
        else if (a == QLatin1String("--evaluate"))
            evaluate = true;
        else {
            std::fprintf(stderr, "usage: consilium-gen-cases --db PATH [--count N] [--seed S] [--evaluate]\n");
            return 64;
        }
    }
    if (db.isEmpty() || options.count <= 0) {
        std::fprintf(stderr, "usage: consilium-gen-cases --db PATH [--count N] [--seed S] [--evaluate]\n");
        return 64;
    }
    StoreOptions o;
    o.path = db;
    o.actor = Actor::fromEnvironment(QStringLiteral("case generator"));
    auto opened = CaseStore::open(o);
    if (!opened) {
        std::fprintf(stderr, "consilium-gen-cases: %s\n", qPrintable(opened.error().message));
        return 66;
    }
    const std::unique_ptr<CaseStore> store = std::move(opened).value();
    QElapsedTimer t;
    t.start();
    const auto n = generateCases(*store, caseTemplates(QStringLiteral(CONSILIUM_SOURCE_DIR)), options,
        [](qint64 done) { std::fprintf(stderr, "%lld cases\r", static_cast<long long>(done)); });
    if (!n) {
        std::fprintf(stderr, "consilium-gen-cases: %s\n", qPrintable(n.error().message));
        return 1;
    }
    std::printf("%lld synthetic cases written to %s in %.1f s\n", static_cast<long long>(n.value()),
        qPrintable(store->path()), double(t.elapsed()) / 1000.0);
    if (evaluate) {
        Evaluations evaluations(*store);
        const auto s = evaluations.reevaluateAll(RulePack::builtin());
        std::printf("%lld evaluated (engine %.2f s, total %.2f s)\n", static_cast<long long>(s.evaluated),
            s.engineSeconds, s.totalSeconds);
    }
    return 0;
}
