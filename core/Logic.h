// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string_view>

namespace consilium {

// Kleene three-valued truth value (SPEC §1). Unknown is never silently false.
enum class Tri : std::uint8_t { False = 0, True = 1, Unknown = 2 };

constexpr Tri triAnd(Tri a, Tri b) noexcept
{
    if (a == Tri::False || b == Tri::False)
        return Tri::False;
    if (a == Tri::True && b == Tri::True)
        return Tri::True;
    return Tri::Unknown;
}

constexpr Tri triOr(Tri a, Tri b) noexcept
{
    if (a == Tri::True || b == Tri::True)
        return Tri::True;
    if (a == Tri::False && b == Tri::False)
        return Tri::False;
    return Tri::Unknown;
}

constexpr Tri triNot(Tri a) noexcept
{
    switch (a) {
    case Tri::False:
        return Tri::True;
    case Tri::True:
        return Tri::False;
    case Tri::Unknown:
        break;
    }
    return Tri::Unknown;
}

constexpr Tri triFromBool(bool b) noexcept
{
    return b ? Tri::True : Tri::False;
}

// The four criterion states (SPEC §1).
enum class CriterionState : std::uint8_t { Met, NotMet, Unknown, NotApplicable };

// reference-rules §0.3: A false -> not_applicable; otherwise Kleene value of (not A) or C.
constexpr CriterionState criterionState(Tri applies, Tri condition) noexcept
{
    if (applies == Tri::False)
        return CriterionState::NotApplicable;
    switch (triOr(triNot(applies), condition)) {
    case Tri::True:
        return CriterionState::Met;
    case Tri::False:
        return CriterionState::NotMet;
    case Tri::Unknown:
        break;
    }
    return CriterionState::Unknown;
}

enum class Severity : std::uint8_t { Exclusion, Caution, Info };

enum class Verdict : std::uint8_t { Eligible, EligibleWithCautions, Undetermined, Ineligible, NotApplicable };

constexpr std::string_view toString(CriterionState s) noexcept
{
    switch (s) {
    case CriterionState::Met:
        return "met";
    case CriterionState::NotMet:
        return "not_met";
    case CriterionState::Unknown:
        return "unknown";
    case CriterionState::NotApplicable:
        return "not_applicable";
    }
    return "unknown";
}

constexpr std::string_view toString(Severity s) noexcept
{
    switch (s) {
    case Severity::Exclusion:
        return "exclusion";
    case Severity::Caution:
        return "caution";
    case Severity::Info:
        return "info";
    }
    return "info";
}

constexpr std::string_view toString(Verdict v) noexcept
{
    switch (v) {
    case Verdict::Eligible:
        return "eligible";
    case Verdict::EligibleWithCautions:
        return "eligible_with_cautions";
    case Verdict::Undetermined:
        return "undetermined";
    case Verdict::Ineligible:
        return "ineligible";
    case Verdict::NotApplicable:
        return "not_applicable";
    }
    return "undetermined";
}

constexpr std::string_view toString(Tri t) noexcept
{
    switch (t) {
    case Tri::False:
        return "false";
    case Tri::True:
        return "true";
    case Tri::Unknown:
        break;
    }
    return "unknown";
}

// SPEC §2 verdict from counts of exclusion / caution states.
struct VerdictTally {
    int exclusionNotMet = 0;
    int exclusionUnknown = 0;
    int cautionFired = 0;
    int applicable = 0; // criteria that are not not_applicable
};

constexpr Verdict verdictFrom(const VerdictTally &t) noexcept
{
    if (t.exclusionNotMet > 0)
        return Verdict::Ineligible;
    if (t.exclusionUnknown > 0)
        return Verdict::Undetermined;
    if (t.cautionFired > 0)
        return Verdict::EligibleWithCautions;
    return Verdict::Eligible;
}

} // namespace consilium
