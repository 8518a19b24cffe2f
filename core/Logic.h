// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace consilium {

// The four arms, in the fixed order of the pack's `arms` (resources/packs/FORMAT.md); their ids are
// kArmIds in rules/RulePack.h. Arrays "by arm" are indexed with armIndex().
enum class Arm : std::uint8_t { AutologousCarT, AllogeneicCarT, BispecificTce, StandardCare };
inline constexpr int kArmCount = 4;
inline constexpr std::array<Arm, kArmCount> kArms
    = { Arm::AutologousCarT, Arm::AllogeneicCarT, Arm::BispecificTce, Arm::StandardCare };

constexpr std::size_t armIndex(Arm arm) noexcept
{
    return std::size_t(arm);
}

// Kleene three-valued truth value (docs/engine.md). Unknown is never silently false.
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

// The four criterion states (docs/engine.md, docs/result-format.md).
enum class CriterionState : std::uint8_t { Met, NotMet, Unknown, NotApplicable };

// applies_when A false -> not_applicable; otherwise the Kleene value of (not A) or C (docs/engine.md).
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

// A group's verdict from counts of exclusion / caution states (docs/engine.md).
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

// A criterion decides its group's verdict: a not-met exclusion of an ineligible group, an unknown
// exclusion of an undetermined one, a not-met caution of one eligible with cautions. The pack's
// vignettes list these as `deciding` (resources/packs/FORMAT.md).
constexpr bool criterionDecides(Verdict verdict, Severity severity, CriterionState state) noexcept
{
    return (verdict == Verdict::Ineligible && severity == Severity::Exclusion && state == CriterionState::NotMet)
        || (verdict == Verdict::Undetermined && severity == Severity::Exclusion && state == CriterionState::Unknown)
        || (verdict == Verdict::EligibleWithCautions && severity == Severity::Caution
            && state == CriterionState::NotMet);
}

} // namespace consilium
