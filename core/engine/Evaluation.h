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

class Engine;

struct ExplanationWords; // engine/Explanations.h

// Per-case scratch space of the engine's fast path (Engine::evaluate). Sized once by
// Engine::prepare(); evaluating a case then allocates nothing. Views never read it: they read an
// Evaluation.
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

// Adds (sign 1) or removes (sign -1) one applicable criterion's state to a verdict tally.
inline void addToTally(VerdictTally &t, Severity severity, CriterionState st, int sign)
{
    t.applicable += sign;
    if (severity == Severity::Exclusion) {
        t.exclusionNotMet += sign * int(st == CriterionState::NotMet);
        t.exclusionUnknown += sign * int(st == CriterionState::Unknown);
    } else if (severity == Severity::Caution) {
        t.cautionFired += sign * int(st == CriterionState::NotMet);
    }
}

// Raw inputs are numbered: variables by their slot, pseudo inputs after the last slot
// (RulePack::slotCount() + PseudoInput).
// Appends (once each) the raw inputs that make `slot` unknown: the variable itself, or for a
// derived value the absent/unknown/not-evaluated variables and pseudo inputs it reads, recursively.
void collectMissingInputs(const RulePack &pack, const Workspace &ws, int slot, std::vector<int> &out);
// A raw input's id as named in missing_inputs ("creatinine", "medications[].last_dose").
QString missingInputId(const RulePack &pack, int input);

// A verdict group: an arm itself, one of its sub-options (resources/packs/FORMAT.md, "arms") or one
// of its options (resources/packs/FORMAT.md, "Options").
struct VerdictGroup {
    int arm = -1;
    int subOption = -1;
    int option = -1; // index into RulePack::options()
    int aliasOf = -1; // a sub-option that is an alias of an option: that option's group
    bool ranked = true; // counted by the missing-input ranking (arms and sub-options only)
    QString key; // "standard_care", "standard_care/ahsct" or the option id
    std::vector<int> criteria; // an option's: its effective criteria
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
    QString noteKey; // PackTexts key of `note` (PhaseDef::noteKey); empty when the engine composed it
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
    QStringList missingInputs; // ranked (docs/result-format.md, "missing_inputs")
    QStringList cautionMissingInputs; // inputs behind unknown cautions only
    int cautionsUnknown = 0;
    int cautionsFired = 0; // caution criteria not met
    std::vector<int> deciding; // the criteria that decide the verdict (criterionDecides), pack order
};

struct RankedInput {
    QString input;
    int groups = 0;
};

// Everything about one evaluated case, computed once by Engine::evaluateFull. The result writers
// (JSON, text, compact), the comparison views, the reports and the handout only format it.
class Evaluation
{
public:
    const RulePack &pack() const noexcept { return *m_pack; }
    // The engine that computed this evaluation (its groups and pack are the ones every index of
    // this evaluation refers to). A view that formats an evaluation takes the engine from here,
    // never separately: after a pack switch the session's engine is another one.
    const Engine &engine() const noexcept { return *m_engine; }
    const CaseData &caseData() const noexcept { return m_case; }
    const QDate &asOf() const noexcept { return m_case.asOf; }

    // Verdict groups, indexed as Engine::groups(): the arms, then the sub-options.
    const std::vector<GroupResult> &groups() const noexcept { return m_groups; }
    // Any group by index (Engine::group): option o is at groups().size() + o.
    const GroupResult &group(int g) const
    {
        const auto n = m_groups.size();
        return std::size_t(g) < n ? m_groups[std::size_t(g)] : m_optionResults[std::size_t(g) - n];
    }
    const GroupResult &group(Arm arm) const { return m_groups[armIndex(arm)]; }
    // The group of a sub-option of `arm` (-1 = the arm itself).
    const GroupResult &group(Arm arm, int subOption) const;
    Verdict verdict(Arm arm) const { return group(arm).verdict; }

    // By criterion index (RulePack::criteria()).
    CriterionState state(int criterion) const { return m_ws.states[std::size_t(criterion)]; }
    const std::vector<CriterionState> &states() const noexcept { return m_ws.states; }
    // "Met: eGFR 85.5 mL/min/1.73 m² (required ≥ 30)" (engine/Explanations.h).
    QString explanation(int criterion) const;
    void appendExplanation(QString &out, int criterion) const;
    // The same without the state prefix.
    QString explanationText(int criterion) const;
    // The same in `words.language`, flagged when the pack has no text in that language and the
    // English one is given instead (resources/packs/FORMAT.md, "Texts in more than one language").
    LocalText explanationText(int criterion, const ExplanationWords &words) const;

    // By slot (variables, jurisdiction, derived values).
    ValueStatus status(int slot) const { return m_ws.status[std::size_t(slot)]; }
    bool isKnown(int slot) const { return status(slot) == ValueStatus::Known; }
    double value(int slot) const { return m_ws.values[std::size_t(slot)]; } // kUnknown unless known
    // Rounded number, enum literal, yes/no, date, or "unknown" / "not evaluated".
    QString displayValue(int slot) const;
    // Why an unknown value is unknown ("Serum creatinine missing"); empty when known.
    QString unknownReason(int slot) const;

    // By derived index (RulePack::derived()).
    // Points per component of a points_score value (-1 = unknown); empty for other formulas.
    const std::vector<int> &scorePoints(int derived) const { return m_scorePoints[std::size_t(derived)]; }
    // Why the value may not hold for this patient: the pack's `applicability` note when its `when`
    // is true, or a note that says the formula is not validated (resources/packs/FORMAT.md).
    const QString &applicabilityWarning(int derived) const { return m_applicability[std::size_t(derived)]; }

    const std::vector<WashoutEntry> &washout() const noexcept { return m_washout; } // before leukapheresis
    const std::vector<WashoutEntry> &tceWashout() const noexcept { return m_tceWashout; } // before a bispecific
    const QStringList &washoutNotDefined() const noexcept { return m_washoutNotDefined; }
    bool lastDoseMissing() const noexcept { return m_ws.lastDoseMissing; }

    const ArmTimeline &timeline(Arm arm) const { return m_timelines[armIndex(arm)]; }
    const std::optional<QDate> &earliestStart(Arm arm) const { return m_earliestStart[armIndex(arm)]; }
    const std::vector<RankedInput> &whatWouldChange() const noexcept { return m_whatWouldChange; }

    // Toxicity rows of an arm (subOption -1) or of one of its sub-options whose `show_when` is not
    // false for this patient, in pack order.
    const std::vector<const ToxicityEntry *> &toxicity(Arm arm, int subOption = -1) const;
    // What the patient's views show for an arm: its rows and those of the sub-options that apply
    // (verdict not not_applicable), in pack order.
    const std::vector<const ToxicityEntry *> &patientToxicity(Arm arm) const
    {
        return m_patientToxicity[armIndex(arm)];
    }
    // Modifiers of an arm whose `when` is true, in pack order.
    const std::vector<const Modifier *> &modifiers(Arm arm) const { return m_modifiers[armIndex(arm)]; }

    // Options (resources/packs/FORMAT.md, "Options"; docs/engine.md#options), by option index
    // (RulePack::options()).
    int optionCount() const noexcept { return int(m_options.size()); }
    const OptionDef &optionDef(int option) const { return m_pack->options()[std::size_t(option)]; }
    const GroupResult &option(int option) const { return m_optionResults[std::size_t(option)]; }
    Verdict optionVerdict(int option) const { return this->option(option).verdict; }
    // Its effective criteria: the arm's not replaced (arm order), then its own (pack order).
    const std::vector<int> &optionCriteria(int option) const { return optionDef(option).effectiveCriteria; }
    // Where a criterion of an option comes from: its own (true) or the arm (false).
    bool criterionIsOwn(int criterion) const { return m_pack->criteria()[std::size_t(criterion)].option >= 0; }
    // The options of an arm, sorted by verdict (eligible first) then id (docs/result-format.md#options).
    std::vector<int> optionsOf(Arm arm) const;
    const std::optional<QDate> &optionEarliestStart(int option) const
    {
        return m_options[std::size_t(option)].earliestStart;
    }
    const ArmTimeline &optionTimeline(int option) const { return m_options[std::size_t(option)].timeline; }
    // The arm's toxicity rows that apply with the option's platform facts, then the option's own.
    const std::vector<const ToxicityEntry *> &optionToxicity(int option) const
    {
        return m_options[std::size_t(option)].toxicity;
    }
    const std::vector<const Modifier *> &optionModifiers(int option) const
    {
        return m_options[std::size_t(option)].modifiers;
    }

private:
    friend class Engine;

    const Engine *m_engine = nullptr;
    const RulePack *m_pack = nullptr;
    CaseData m_case;
    Workspace m_ws;
    std::vector<GroupResult> m_groups;
    std::vector<GroupResult> m_optionResults;
    GroupResult &result(int g)
    {
        const auto n = m_groups.size();
        return std::size_t(g) < n ? m_groups[std::size_t(g)] : m_optionResults[std::size_t(g) - n];
    }
    std::vector<int> m_subOptionGroup; // by arm: group index of its first sub-option
    std::vector<std::vector<int>> m_scorePoints;
    QStringList m_applicability;
    std::vector<WashoutEntry> m_washout;
    std::vector<WashoutEntry> m_tceWashout;
    QStringList m_washoutNotDefined;
    std::array<ArmTimeline, kArmCount> m_timelines;
    std::array<std::optional<QDate>, kArmCount> m_earliestStart;
    std::vector<RankedInput> m_whatWouldChange;
    // By arm: [0] the arm's own rows, [1 + s] sub-option s.
    std::array<std::vector<std::vector<const ToxicityEntry *>>, kArmCount> m_toxicity;
    std::array<std::vector<const ToxicityEntry *>, kArmCount> m_patientToxicity;
    std::array<std::vector<const Modifier *>, kArmCount> m_modifiers;
    struct OptionDetails {
        std::optional<QDate> earliestStart;
        ArmTimeline timeline;
        std::vector<const ToxicityEntry *> toxicity;
        std::vector<const Modifier *> modifiers;
    };
    std::vector<OptionDetails> m_options;
};

} // namespace consilium
