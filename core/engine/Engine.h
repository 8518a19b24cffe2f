// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Evaluation.h"

#include <memory>
#include <mutex>
#include <vector>

namespace consilium {

struct ResultFragments;

class Engine
{
public:
    explicit Engine(const RulePack &pack);

    const RulePack &pack() const noexcept { return m_pack; }
    // The arms, then the sub-options (what the views list); options are groups after these.
    const std::vector<VerdictGroup> &groups() const noexcept { return m_groups; }
    const std::vector<VerdictGroup> &optionGroups() const noexcept { return m_optionGroups; }
    int groupCount() const noexcept { return int(m_groups.size() + m_optionGroups.size()); }
    // Any group by index: arms and sub-options, then option o at groups().size() + o.
    const VerdictGroup &group(int g) const
    {
        const auto n = m_groups.size();
        return std::size_t(g) < n ? m_groups[std::size_t(g)] : m_optionGroups[std::size_t(g) - n];
    }
    int groupIndex(const QString &key) const;

    void prepare(Workspace &ws) const;
    // Fast path: derived values, criterion states and verdicts. No heap allocation once prepared.
    void evaluate(const CaseData &c, Workspace &ws) const;
    // Full result: the fast path plus everything a view shows (deciding criteria, missing inputs,
    // washout details, timelines, the toxicity rows and modifiers that apply, applicability).
    Evaluation evaluateFull(const CaseData &c) const;
    // What a consilium-summary line needs (docs/result-format.md#summary-output) and no more: the
    // fast path, verdicts with their missing inputs, the earliest starts of arms and options. No
    // timelines, washout details, toxicity rows, modifiers or applicability notes.
    Evaluation evaluateSummary(const CaseData &c) const;

    // The group index of an arm's sub-option (-1 = the arm itself).
    int groupIndex(Arm arm, int subOption) const;

    // The pack's static texts as JSON fragments for resultJson (engine/ResultFragments.h), built
    // once on first use (thread-safe).
    const ResultFragments &resultFragments() const;

private:
    // Where the washout formulas record each agent's end (evaluateFull only).
    struct WashoutSink {
        std::vector<WashoutEntry> *entries = nullptr;
        QStringList *notDefined = nullptr;
    };
    void computeDerived(const DerivedDef &def, const CaseData &c, Workspace &ws, WashoutSink *sink) const;
    bool scoreSum(const DerivedDef &def, const Workspace &ws, int &sum, int *perComponent) const;
    // The formulas of computeDerived that need more than a few lines.
    void computePointsScore(const DerivedDef &def, Workspace &ws, std::size_t index) const;
    void computeWashout(const DerivedDef &def, const CaseData &c, Workspace &ws, WashoutSink *sink) const;
    // The parts of evaluateFull, in order.
    // The start both share: the case copied in and the fast path run on the prepared workspace.
    Evaluation evaluatedCase(const CaseData &c) const;
    void washoutDetails(Evaluation &e) const;
    void groupResults(Evaluation &e) const;
    void derivedDetails(Evaluation &e) const;
    void patientRows(Evaluation &e) const;
    QString inputName(int input) const;
    std::optional<QDate> earliestStartOf(const LogisticsDef &def, const Evaluation &e) const;
    // The timeline of a logistics definition: an arm's (with its variants) or an option's composed one.
    ArmTimeline timeline(const LogisticsDef &def, const Evaluation &e, bool variants) const;
    // Options (engine/OptionDetails.cpp): groups, composed logistics, per-option details.
    void addOptionGroups();
    void compileOptions();
    void optionDetails(Evaluation &e) const;
    void substitutePlatform(const OptionDef &opt, Workspace &ws) const;

    const RulePack &m_pack;
    mutable std::once_flag m_fragmentsOnce;
    mutable std::shared_ptr<const ResultFragments> m_fragments;
    std::vector<VerdictGroup> m_groups;
    std::vector<VerdictGroup> m_optionGroups;
    std::vector<int> m_femaleIndex; // by derived index: enum index of "female" in its sex input
    // All criteria compiled into one contiguous program (cache-friendly fast path). Identical
    // expressions (e.g. the shared `disease == "SSc"` applicability) are evaluated once per case.
    struct CompiledCriterion {
        std::int32_t applies = -1; // index into m_roots, -1 = always applies
        std::int32_t condition = -1;
        Severity severity = Severity::Info;
        std::uint16_t group = 0;
    };
    std::vector<Expression::Node> m_program;
    std::vector<std::int32_t> m_roots; // distinct expressions: root node in m_program
    std::vector<CompiledCriterion> m_compiled;
    // An option's tally = its own criteria's + its arm's − its replaced criteria's (docs/engine.md#options).
    struct CompiledOption {
        std::uint16_t group = 0;
        std::uint16_t armGroup = 0;
        std::int32_t replacedBegin = 0; // into m_replaced
        std::int32_t replacedEnd = 0;
    };
    std::vector<CompiledOption> m_compiledOptions;
    std::vector<std::int32_t> m_replaced; // criterion indices
    std::vector<std::pair<std::uint16_t, std::uint16_t>> m_aliases; // (sub-option group, option group)
    int m_optionGroup = 0; // group index of option 0
    // Each option's logistics: the arm's default with the option's overrides (resources/packs/FORMAT.md, "Options").
    struct OptionLogistics {
        LogisticsDef def;
        QStringList notes; // what the composition flags (vein-to-vein not found, …)
    };
    std::vector<OptionLogistics> m_optionLogistics;
    OptionLogistics composeLogistics(const OptionDef &opt) const;
};

} // namespace consilium
