// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Logic.h"
#include "case/CaseData.h"
#include "rules/RulePack.h"

#include <QDate>
#include <QStringList>

#include <array>
#include <optional>
#include <vector>

namespace consilium {

// Per-case scratch space. Sized once by Engine::prepare(); evaluating a case then allocates nothing.
struct Workspace {
    std::vector<double> values; // by slot: variables, jurisdiction, derived
    std::vector<ValueStatus> status; // by slot
    std::vector<CriterionState> states; // by criterion
    std::vector<Verdict> verdicts; // by group (arms, then sub-options)
    std::vector<VerdictTally> tallies; // by group, scratch
    std::vector<Tri> expressions; // by distinct criterion expression, scratch
    std::vector<int> knownPoints; // by derived index: points of the known components (points scores)
    QDate asOf;
    bool lastDoseMissing = false; // a washout needed a medication's missing last_dose
    bool medicationsAbsent = false; // the case has no `medications` list
    bool failedTherapiesAbsent = false; // the case has no `failed_therapies` list
};

// Raw inputs are numbered: variables by their slot, pseudo inputs after the last slot
// (RulePack::slotCount() + PseudoInput).
// Appends (once each) the raw inputs that make `slot` unknown: the variable itself, or for a
// derived value the absent/unknown/not-evaluated variables and pseudo inputs it reads, recursively.
void collectMissingInputs(const RulePack &pack, const Workspace &ws, int slot, std::vector<int> &out);
// A raw input's id as named in missing_inputs ("creatinine", "medications[].last_dose").
QString missingInputId(const RulePack &pack, int input);

// A verdict group: an arm itself, or one of its sub-options (reference-rules §0.4).
struct VerdictGroup {
    int arm = -1;
    int subOption = -1;
    QString key; // "standard_care" or "standard_care/ahsct"
    std::vector<int> criteria;
};

struct WashoutEntry {
    QString key; // agent id or "glucocorticoids"
    std::optional<QDate> end;
};

struct TimelinePhase {
    QString phase;
    int startDay = 0;
    std::optional<int> endDay;
    QString note;
    QString evidence;
};

struct ArmTimeline {
    bool known = true;
    QString note; // why the timeline is unknown
    QString variant; // label of the variant used, if any
    std::vector<TimelinePhase> phases;
    std::optional<int> timeToTreatmentDays;
};

struct GroupResult {
    Verdict verdict = Verdict::Undetermined;
    QStringList missingInputs; // ranked (§0.5)
    QStringList cautionMissingInputs; // inputs behind unknown cautions only
    int cautionsUnknown = 0;
};

struct RankedInput {
    QString input;
    int groups = 0;
};

// Everything about one evaluated case; the result writers render it.
struct Evaluation {
    const RulePack *pack = nullptr;
    CaseData caseData;
    Workspace ws;
    std::vector<GroupResult> groups;
    std::vector<WashoutEntry> washout; // before leukapheresis
    std::vector<WashoutEntry> tceWashout; // before the first bispecific dose
    QStringList washoutNotDefined; // agents whose washout the evidence does not define
    std::array<ArmTimeline, kArmCount> timelines;
    std::array<std::optional<QDate>, kArmCount> earliestStart;
    std::vector<RankedInput> whatWouldChange;
};

class Engine
{
public:
    explicit Engine(const RulePack &pack);

    const RulePack &pack() const noexcept { return m_pack; }
    const std::vector<VerdictGroup> &groups() const noexcept { return m_groups; }
    int groupIndex(const QString &key) const;

    void prepare(Workspace &ws) const;
    // Fast path: derived values, criterion states and verdicts. No heap allocation once prepared.
    void evaluate(const CaseData &c, Workspace &ws) const;
    // Full result: the fast path plus missing inputs, washout details, timelines.
    Evaluation evaluateFull(const CaseData &c) const;

    // Points per component of a points_score value (-1 = unknown), for display.
    std::vector<int> scoreComponents(const DerivedDef &def, const Workspace &ws) const;

private:
    struct WashoutSink;
    void computeDerived(const DerivedDef &def, const CaseData &c, Workspace &ws, WashoutSink *sink) const;
    bool scoreSum(const DerivedDef &def, const Workspace &ws, int &sum, int *perComponent) const;
    void collectMissing(int slot, const Evaluation &e, std::vector<int> &out) const;
    QString inputName(int input) const;
    ArmTimeline timeline(int arm, const Evaluation &e) const;

    const RulePack &m_pack;
    std::vector<VerdictGroup> m_groups;
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
};

} // namespace consilium
