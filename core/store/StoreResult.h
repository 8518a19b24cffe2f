// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/StoreTypes.h"

#include <boost/outcome/std_result.hpp>

namespace consilium {

// What a store call returns: its value or the StoreError that says why there is none — never
// a partial value (the role Qt Creator's expected_str<T> plays). Boost.Outcome (header-only)
// with the terminate policy: reading the value of a failed result ends the program instead of
// returning garbage, so callers test it first (`if (!r) … r.error()`).
template <class T>
using StoreResult = boost::outcome_v2::std_result<T, StoreError, boost::outcome_v2::policy::terminate>;

inline auto storeFailure(StoreErrc code, const QString &message, const QStringList &details = {})
{
    return boost::outcome_v2::failure(StoreError { code, message, details });
}

// The value, or `fallback` when the call failed (for lists whose absence is shown as empty).
template <class T> T valueOr(StoreResult<T> &&result, T fallback)
{
    return result ? std::move(result).value() : std::move(fallback);
}

inline auto storeSuccess()
{
    return boost::outcome_v2::success();
}

} // namespace consilium
