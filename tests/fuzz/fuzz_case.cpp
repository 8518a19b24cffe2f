// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes the strict case-file reader and validator (and evaluates whatever it accepts).
#include "case/CaseData.h"
#include "engine/Engine.h"
#include "engine/ResultWriter.h"
#include "rules/RulePack.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace consilium;
    static const Engine engine(RulePack::builtin());
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    json::Diagnostics diag;
    const auto c = parseCase(bytes, RulePack::builtin(), diag);
    if (c.has_value() == !diag.ok())
        __builtin_trap(); // a result and diagnostics are exclusive
    if (c) {
        const Evaluation e = engine.evaluateFull(*c);
        (void)resultJson(engine, e, false);
    }
    return 0;
}
