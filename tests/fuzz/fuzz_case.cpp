// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes the strict case-file reader and validator (and evaluates whatever it accepts).
#include "case/CaseData.h"
#include "engine/Engine.h"
#include "engine/ResultWriter.h"
#include "rules/RulePack.h"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace consilium;
    static const Engine engine(RulePack::builtin());
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    json::Diagnostics diag;
    const auto c = parseCase(bytes, RulePack::builtin(), diag);
    if (c.has_value() == !diag.ok())
        __builtin_trap(); // a result and diagnostics are exclusive
    // The fast path (case/PlainCaseReader.cpp) accepts only what the exact reader accepts, with the
    // same canonical values and states.
    if (const auto plain = readPlainCase(bytes, RulePack::builtin())) {
        json::Document doc;
        json::Diagnostics exactDiag;
        const auto exact = json::parseStrict(bytes, doc, exactDiag)
            ? parseCaseValue(doc, RulePack::builtin(), exactDiag)
            : std::nullopt;
        if (!exact || exact->status != plain->status || exact->id != plain->id
            || exact->medications.size() != plain->medications.size()
            || exact->failedTherapies != plain->failedTherapies)
            __builtin_trap();
        for (std::size_t i = 0; i < plain->values.size(); ++i) {
            const double a = plain->values[i];
            const double b = exact->values[i];
            if (!(std::isnan(a) && std::isnan(b)) && std::memcmp(&a, &b, sizeof a) != 0)
                __builtin_trap();
        }
    }
    if (c) {
        const Evaluation e = engine.evaluateFull(*c);
        (void)resultJson(engine, e, false);
    }
    return 0;
}
