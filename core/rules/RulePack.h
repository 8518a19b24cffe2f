// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Logic.h"
#include "rules/ExchangeCodes.h"
#include "rules/Expression.h"
#include "rules/PackTexts.h"
#include "json/StrictJson.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

#include <array>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <string_view>
#include <variant>
#include <vector>

namespace consilium {

inline constexpr double kUnknown = std::numeric_limits<double>::quiet_NaN();

// The ids of the four arms (Arm, kArmCount in Logic.h; resources/packs/FORMAT.md, "Arm"), in this fixed
// order everywhere in the engine.
inline constexpr std::array<const char *, kArmCount> kArmIds
    = { "autologous_car_t", "allogeneic_car_t", "bispecific_tce", "standard_care" };
int armIndex(const QString &id); // -1 if not an arm id

// A number with its provenance: every clinical number in the pack carries source + evidence.
struct Param {
    double value = kUnknown;
    QString source;
    QString evidence;
    QString note;
};

struct Variable {
    QString id;
    QString label;
    QString group;
    QString note;
    ValueType type = ValueType::Number;
    QString unit;
    std::vector<UnitConversion> units;
    bool bareNumber = false;
    bool hasRange = false;
    double rangeMin = 0;
    double rangeMax = 0;
    int decimals = 1;
    QStringList values;
    // The unit a data-entry form offers first, per jurisdiction (a display convention: EU SI
    // units, US conventional units); each is one of `units`. None listed: the canonical unit.
    std::vector<std::pair<QString, QString>> defaultUnits;

    const UnitConversion *findUnit(const QString &normalisedUnit) const;
    QString defaultUnit(const QString &jurisdiction) const;
};

enum class DrugKind : std::uint8_t { Glucocorticoid, None, Immunosuppressant, NotListed };
enum class BispecificRule : std::uint8_t { None, Glucocorticoid, StopBefore, Ignored };

struct DrugClass {
    QString id;
    QString label;
    DrugKind kind = DrugKind::Immunosuppressant;
    bool hasWashout = false;
    int washoutDays = 0;
    int washoutMonths = 0;
    bool countsAsLine = true;
    BispecificRule bispecific = BispecificRule::StopBefore;
    QString note;
    QString source;
    QString evidence;
};

struct Agent {
    QString id;
    QString label;
    int drugClass = -1;
    double prednisoneEquivalentMg = kUnknown;
};

enum class Formula : std::uint8_t {
    CkdEpi2021,
    CockcroftGault,
    Bands,
    Easix,
    MEasix,
    PointsScore,
    PointsCategory,
    PrednisoneEquivalent,
    LeukapheresisWashout,
    TceWashout,
    OnOrBeforeAsOf,
    FailedLines,
    OnAgent
};

// Raw inputs that are not variables, as named in missing_inputs (resources/packs/FORMAT.md, "Derived").
enum class PseudoInput : std::uint8_t { Medications, FailedTherapies, MedicationLastDose };
inline constexpr int kPseudoInputCount = 3;
QString pseudoInputName(PseudoInput p);
// How an explanation names a pseudo input ("Medication list", …); the pack has no label for them.
QString pseudoInputLabel(PseudoInput p);

// The parameters of each formula (resources/packs/FORMAT.md, "Derived"): one type per formula,
// held in DerivedDef::params. Numbers keep their provenance (Param); the loader has checked that each is
// present and a number, so the engine reads them without a name lookup.
// ckd_epi_2021, cockcroft_gault, m_easix, on_or_before_as_of and failed_lines take no parameters.
struct NoParams {
};

struct EasixParams {
    Param cutoff; // "above_cutoff" in the result is value > cutoff
};

struct BandsParams {
    Param provenance; // the source and evidence of the "bands" parameter
    std::vector<std::pair<Expression, double>> bands; // the first `when` that holds gives the value
};

struct PointsScoreParams {
    struct Component {
        int slot = -1; // the input the points are for
        std::vector<std::pair<Expression, int>> points; // the first `when` that holds gives the points
    };
    Param provenance; // the source and evidence of the "components" parameter
    Param categoryProvenance; // the source and evidence of the "category" parameter
    std::vector<Component> components;
    int highAt = 0; // the category's threshold, copied here
};

// The category a points_score defines (params.category): low below high_at points, high from there.
struct PointsCategoryParams {
    int scoreSlot = -1; // the score it categorises
    int highAt = 0;
};

struct PrednisoneEquivalentParams {
    Param referenceMg;
    Param windowDays;
};

// What the two washout formulas share.
struct WashoutParams {
    Param gcThresholdMg; // leukapheresis_washout: gc_above_mg (>); tce_washout: gc_at_least_mg (>=)
    Param gcDays;
    double windowDays = kUnknown; // copied from the prednisone_equivalent input's window_days
};
struct LeukapheresisWashoutParams : WashoutParams {
};
struct TceWashoutParams : WashoutParams {
    Param stopBeforeDays;
};

struct OnAgentParams {
    int agent = -1; // index into RulePack::agents()
};

using FormulaParams = std::variant<NoParams, EasixParams, BandsParams, PointsScoreParams, PointsCategoryParams,
    PrednisoneEquivalentParams, LeukapheresisWashoutParams, TceWashoutParams, OnAgentParams>;

struct DerivedDef {
    QString id;
    QString label;
    QString unit;
    QString citation;
    QString note;
    // When the value may not hold for the patient: `note` shown if `when` is true (FORMAT.md, "derived").
    struct Applicability {
        std::optional<Expression> when; // absent: the note always applies
        QString note;
    };
    std::optional<Applicability> applicability;
    Formula formula = Formula::Bands;
    ValueType type = ValueType::Number;
    int decimals = 1;
    QStringList values;
    int slot = -1;
    std::vector<int> inputSlots; // formula roles, in the formula's role order
    std::vector<PseudoInput> pseudo; // non-variable raw inputs
    std::vector<int> dependencySlots; // every slot this value reads (inputs + expressions)
    FormulaParams params; // the alternative that belongs to `formula`

    // The parameters of `formula`; T must be its type (the loader guarantees the pairing).
    template <class T> const T &paramsAs() const { return std::get<T>(params); }
};

enum class SymbolKind : std::uint8_t { Variable, Jurisdiction, Derived };

struct Symbol {
    QString id;
    SymbolKind kind = SymbolKind::Variable;
    int index = -1; // into variables() or derived()
};

// One piece of an explanation template: literal text, or a placeholder `{id}` / `{id|unit}`.
struct TemplatePart {
    QString text; // literal text; for a placeholder, its unit (printed only after a known value)
    int slot = -1; // the placeholder's slot, -1 for literal text
};

struct Criterion {
    QString id;
    int arm = -1;
    int subOption = -1; // index into the arm's sub-options; -1 = the arm itself
    int option = -1; // index into RulePack::options(); -1 = an arm (or sub-option) criterion
    Severity severity = Severity::Info;
    Expression applies; // empty = true
    bool hasApplies = false;
    Expression condition;
    QString explanationTemplate; // neutral: valid in every state
    std::vector<TemplatePart> explanation;
    // Optional per-state texts (`explanation_by_state`), indexed by CriterionState; an empty
    // template means the neutral one is used in that state.
    std::array<QString, 4> stateTemplates;
    std::array<std::vector<TemplatePart>, 4> stateExplanations;
    // The template to render in state `s`: the per-state text if the pack gives one, else the neutral one.
    const std::vector<TemplatePart> &explanationFor(CriterionState s) const
    {
        const auto i = std::size_t(s);
        if (i < stateTemplates.size() && !stateTemplates[i].isEmpty())
            return stateExplanations[i];
        return explanation;
    }
    // The other languages' templates (resources/packs/FORMAT.md, "Texts in more than one
    // language"): language -> [neutral, then one per CriterionState]; an empty entry = none.
    QHash<QString, std::array<std::vector<TemplatePart>, 5>> localExplanations;
    // The template in `language` for state `s` (its per-state text, else its neutral one), or
    // nullptr when that language has neither; English (or "") always has one.
    const std::vector<TemplatePart> *explanationFor(CriterionState s, const QString &language) const;
    QString source;
    QString evidence;
    std::vector<int> slots; // every slot referenced by applies + condition
};

struct SubOption {
    QString id;
    QString label;
    int option = -1; // an alias of this option (index into RulePack::options()); -1 = own criteria
};

struct ArmDef {
    QString id;
    QString label;
    std::vector<SubOption> subOptions;
};

struct DayOffset {
    enum class From : std::uint8_t { AsOf, DerivedDate, Point };
    From from = From::AsOf;
    int ref = -1; // derived slot or point index
    enum class Days : std::uint8_t { Fixed, Param, PerJurisdiction };
    Days daysKind = Days::Fixed;
    int days = 0;
    QString param;
    std::vector<int> perJurisdiction; // indexed like RulePack::jurisdictions()
    int months = 0;
    bool hasMin = false;
    int min = 0;
};

struct PhaseDef {
    QString phase;
    DayOffset start;
    bool hasEnd = false;
    DayOffset end;
    bool omitIfEmpty = false;
    QString note;
    QString evidence;
    QString noteKey; // PackTexts key of `note` (its JSON path); empty when `note` is composed by the engine
};

struct PackFact {
    enum class Kind : std::uint8_t { Null, Number, Bool };
    Kind kind = Kind::Null;
    double number = 0;
    bool boolean = false;
    QString source;
    QString evidence;
    QString note;
    QString noteKey; // PackTexts key of `note` (its JSON path)
};

struct LogisticsDef {
    int earliestStartSlot = -1; // -1 = as_of
    QHash<QString, Param> parameters;
    std::vector<std::pair<QString, DayOffset>> points;
    int timeToTreatmentPoint = -1;
    std::vector<PhaseDef> phases;
    struct Variant {
        Expression when;
        QString label;
        QString note;
        std::vector<PhaseDef> phases;
    };
    std::vector<Variant> variants;
    PackFact inpatientDays;
    PackFact caregiverRequired;
    PackFact longTermFollowUpYears;
    QStringList centreRequirements;
    QStringList notes;
};

struct ToxicityEntry {
    QString risk;
    QString kind;
    double anyGradePercent = kUnknown;
    double grade3PlusPercent = kUnknown;
    qint64 events = -1;
    qint64 n = -1;
    QString population;
    QString followUp;
    QString summary;
    QString source;
    QString evidence;
    QString path; // JSON path of the row: its texts are keyed "<path>.summary" etc. (PackTexts.h)
    int subOption = -1;
    int option = -1; // a row of this option only (index into RulePack::options())
    bool hasShowWhen = false;
    Expression showWhen;
};

// An option's logistics override (resources/packs/FORMAT.md, "Options"): every part optional.
struct LogisticsOverride {
    struct Lymphodepletion {
        QString regimen; // flu_cy, cy_only, bendamustine, none
        QString doses;
        QStringList alternatives;
        QString source;
        QString evidence;
    };
    struct Administration {
        std::vector<PhaseDef> phases;
        bool complete = true;
        QString source;
        QString evidence;
    };
    // A number of days, per jurisdiction or for all (proximity_days, driving_days).
    struct Days {
        PackFact fact; // Null = not found; Number = the same for every jurisdiction
        std::vector<int> perJurisdiction; // indexed like RulePack::jurisdictions(); empty = fact
    };
    std::optional<PackFact> washoutRequired;
    std::optional<PackFact> veinToVeinDays;
    std::optional<Lymphodepletion> lymphodepletion;
    std::optional<Administration> administration;
    std::optional<PackFact> inpatientDays;
    std::optional<Days> proximityDays;
    std::optional<Days> drivingDays;
    std::optional<PackFact> irradiatedBloodProducts;
};

// A product, trial protocol or regimen under an arm (resources/packs/FORMAT.md, "Options").
struct OptionDef {
    QString id;
    int arm = -1;
    QString label;
    QString name;
    QString kind; // trial, product, regimen
    QString target;
    QString platform;
    std::optional<bool> integrating; // nullopt = not stated
    QString costim; // empty = not stated
    struct Status {
        QString jurisdiction;
        QString status; // approved, investigational, off_label, not_found
        QString note;
    };
    std::vector<Status> status;
    QStringList registry;
    QString diseasesStudied;
    QString source;
    QString evidence;
    QStringList replaces;
    QString screeningNote;
    QStringList notes;
    LogisticsOverride logistics;
    // The arm's criteria not in `replaces` (pack order), then the option's own (pack order):
    // indices into RulePack::criteria(), computed at load.
    std::vector<int> effectiveCriteria;
    std::vector<int> replacedCriteria; // indices of the arm criteria in `replaces`
};

struct Modifier {
    QString id;
    QString label;
    Expression when;
    std::array<bool, kArmCount> arms {};
    QString text;
    QString source;
    QString evidence;
};

struct VignetteExpectation {
    QString verdict;
    QStringList deciding;
    QStringList otherNotMet;
    QStringList missingInputs;
    QStringList otherUnknown;
};

struct Vignette {
    QString id;
    QString title;
    QByteArray caseJson; // the complete case document (variants already applied)
    std::vector<std::pair<QString, QString>> expectedText; // derived id -> date/enum
    std::vector<std::pair<QString, double>> expectedNumbers; // derived id -> number at display precision
    std::vector<std::pair<QString, VignetteExpectation>> arms; // "arm" or "arm/sub_option"
    std::vector<std::pair<QString, VignetteExpectation>> options; // option id
};

// A loaded, validated, compiled rule pack (consilium-pack/1, resources/packs/FORMAT.md).
class RulePack
{
public:
    // Loads and validates a pack; on any problem returns nullptr and fills diag with
    // "<json path>: <reason>" lines. Nothing of an invalid pack is usable.
    static std::unique_ptr<RulePack> load(const QByteArray &bytes, json::Diagnostics &diag);
    // The reference pack built into the application (resources/packs/consilium-reference.json).
    static const RulePack &builtin();
    static QByteArray builtinBytes();
    // The SHA-256 of the reference pack recorded at build time; builtin() refuses a mismatch.
    static const char *builtinExpectedSha256();

    const QString &id() const noexcept { return m_id; }
    const QString &version() const noexcept { return m_version; }
    const QString &title() const noexcept { return m_title; }
    const QString &sha256() const noexcept { return m_sha256; }
    const QByteArray &bytes() const noexcept { return m_bytes; }
    const QString &effectiveFrom() const noexcept { return m_effectiveFrom; }
    const QString &effectiveTo() const noexcept { return m_effectiveTo; }
    const QString &signOffStatus() const noexcept { return m_signOffStatus; }
    const QString &signOffNote() const noexcept { return m_signOffNote; }
    const QStringList &authors() const noexcept { return m_authors; }
    const QStringList &jurisdictions() const noexcept { return m_jurisdictions; }

    const std::array<ArmDef, kArmCount> &arms() const noexcept { return m_arms; }
    const std::vector<Variable> &variables() const noexcept { return m_variables; }
    const std::vector<DrugClass> &drugClasses() const noexcept { return m_drugClasses; }
    const std::vector<Agent> &agents() const noexcept { return m_agents; }
    const std::vector<DerivedDef> &derived() const noexcept { return m_derived; }
    // Derived values in dependency order (Boost.Graph topological sort at load).
    const std::vector<int> &derivedOrder() const noexcept { return m_derivedOrder; }
    const std::vector<Criterion> &criteria() const noexcept { return m_criteria; }
    // Options in pack order (empty for a pack without options).
    const std::vector<OptionDef> &options() const noexcept { return m_options; }
    int optionIndex(const QString &id) const;
    const std::array<LogisticsDef, kArmCount> &logistics() const noexcept { return m_logistics; }
    const std::array<std::vector<ToxicityEntry>, kArmCount> &toxicity() const noexcept { return m_toxicity; }
    const std::vector<Modifier> &modifiers() const noexcept { return m_modifiers; }
    const std::vector<Vignette> &vignettes() const noexcept { return m_vignettes; }
    // Codes for exchange (resources/packs/FORMAT.md, "Codes for exchange"); empty when the pack has none.
    const ExchangeCodes &codes() const noexcept { return m_codes; }
    // Every text of the pack in every language it gives (FORMAT.md, "Texts in more than one language").
    const PackTexts &texts() const noexcept { return m_texts; }
    LocalText text(const QString &key, const QString &language) const { return m_texts.get(key, language); }

    // Slot table: variables first, then `jurisdiction`, then derived values.
    int slotCount() const noexcept { return int(m_symbols.size()); }
    int jurisdictionSlot() const noexcept { return int(m_variables.size()); }
    const Symbol &symbol(int slot) const { return m_symbols[std::size_t(slot)]; }
    int slotOf(const QString &id) const { return m_slotById.value(id, -1); }
    int variableIndex(const QString &id) const;
    // The same by the id's UTF-8 bytes, without a QString (the case reader's fact keys).
    int variableIndexUtf8(std::string_view utf8Id) const;
    int agentIndex(const QString &id) const { return m_agentById.value(id, -1); }
    int derivedIndexOfSlot(int slot) const;
    ValueType slotType(int slot) const;
    int slotDecimals(int slot) const;
    QString slotUnit(int slot) const;
    const QStringList *slotValues(int slot) const;
    // What the expression compiler needs to know about an identifier (nullopt if unknown).
    std::optional<SymbolInfo> symbolInfo(const QString &id) const;

private:
    RulePack() = default;
    friend class PackLoader;

    QByteArray m_bytes;
    QString m_sha256;
    QString m_id;
    QString m_version;
    QString m_title;
    QString m_effectiveFrom;
    QString m_effectiveTo;
    QString m_signOffStatus;
    QString m_signOffNote;
    QStringList m_authors;
    QStringList m_jurisdictions;
    std::array<ArmDef, kArmCount> m_arms;
    std::vector<Variable> m_variables;
    std::vector<DrugClass> m_drugClasses;
    std::vector<Agent> m_agents;
    QHash<QString, int> m_agentById;
    std::vector<DerivedDef> m_derived;
    std::vector<int> m_derivedOrder;
    std::vector<Criterion> m_criteria;
    std::vector<OptionDef> m_options;
    std::array<LogisticsDef, kArmCount> m_logistics;
    std::array<std::vector<ToxicityEntry>, kArmCount> m_toxicity;
    std::vector<Modifier> m_modifiers;
    std::vector<Vignette> m_vignettes;
    ExchangeCodes m_codes;
    std::vector<Symbol> m_symbols;
    QHash<QString, int> m_slotById;
    QHash<QByteArray, int> m_variableByUtf8; // variable index by UTF-8 id, built at load
    PackTexts m_texts;
};

} // namespace consilium
