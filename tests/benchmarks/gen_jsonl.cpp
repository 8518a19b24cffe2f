// SPDX-License-Identifier: GPL-3.0-or-later
// consilium-gen-jsonl N [PACK.json] > cases.jsonl: synthetic cases for `consilium-cli evaluate --batch`,
// for the built-in pack or for the pack in PACK.json (e.g. resources/packs/consilium-reference-2026.1.json,
// the pack the hand-written floor of tests/benchmarks/side-by-side.sh encodes).
#include "SyntheticCases.h"
#include "rules/RulePack.h"

#include <QCoreApplication>
#include <QFile>

#include <cstdio>
#include <memory>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int n = argc > 1 ? std::atoi(argv[1]) : 100000;
    std::unique_ptr<consilium::RulePack> loaded;
    if (argc > 2) {
        QFile f(QString::fromLocal8Bit(argv[2]));
        consilium::json::Diagnostics diag;
        if (f.open(QIODevice::ReadOnly))
            loaded = consilium::RulePack::load(f.readAll(), diag);
        if (!loaded) {
            std::fprintf(stderr, "consilium-gen-jsonl: cannot load the rule pack %s\n%s\n", argv[2],
                qPrintable(diag.lines().join(QLatin1Char('\n'))));
            return 1;
        }
    }
    const consilium::RulePack &pack = loaded ? *loaded : consilium::RulePack::builtin();
    for (const QByteArray &c : consilium::syntheticCases(pack, n)) {
        std::fwrite(c.constData(), 1, size_t(c.size()), stdout);
        std::fputc('\n', stdout);
    }
    return 0;
}
