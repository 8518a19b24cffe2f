// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzzes the rule-pack loader (schema validation, expression compilation, derived-value ordering)
// and runs the vignettes of any pack it accepts.
#include "engine/Vignettes.h"
#include "rules/RulePack.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace consilium;
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    json::Diagnostics diag;
    const auto pack = RulePack::load(bytes, diag);
    if ((pack != nullptr) == !diag.ok())
        __builtin_trap();
    if (pack)
        (void)runVignettes(*pack);
    return 0;
}
