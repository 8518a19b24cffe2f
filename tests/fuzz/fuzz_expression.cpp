// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes the rule-expression grammar and type checker against the reference dictionary, and
// evaluates every expression that compiles on an all-unknown and an all-zero slot table.
#include "rules/Expression.h"
#include "rules/RulePack.h"

#include <cstddef>
#include <cstdint>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace consilium;
    const RulePack &pack = RulePack::builtin();
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    auto lookup = [&pack](const QString &name) { return pack.symbolInfo(name); };
    QString error;
    const auto e = Expression::compile(text, lookup, error);
    if (e.has_value() == !error.isEmpty())
        __builtin_trap();
    if (e) {
        std::vector<double> values(std::size_t(pack.slotCount()), 0.0);
        std::vector<ValueStatus> unknown(std::size_t(pack.slotCount()), ValueStatus::Absent);
        std::vector<ValueStatus> known(std::size_t(pack.slotCount()), ValueStatus::Known);
        (void)e->evaluate(values.data(), unknown.data());
        (void)e->evaluate(values.data(), known.data());
    }
    return 0;
}
