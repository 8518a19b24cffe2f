// SPDX-License-Identifier: GPL-3.0-or-later
// consilium-gen-jsonl N > cases.jsonl: synthetic cases for `consilium-cli evaluate --batch`.
#include "SyntheticCases.h"
#include "rules/RulePack.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int n = argc > 1 ? std::atoi(argv[1]) : 100000;
    for (const QByteArray &c : consilium::syntheticCases(consilium::RulePack::builtin(), n)) {
        std::fwrite(c.constData(), 1, size_t(c.size()), stdout);
        std::fputc('\n', stdout);
    }
    return 0;
}
