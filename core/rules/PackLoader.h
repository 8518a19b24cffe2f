// SPDX-License-Identifier: GPL-3.0-or-later
// The loader of a consilium-pack/1 rule pack (resources/packs/FORMAT.md): validates each section
// and compiles it into a RulePack. One source file per section of the pack:
//   PackLoader.cpp     top-level keys, arms, identifiers, shared helpers (expressions, parameters)
//   LoadVariables.cpp  variables and drug_classes
//   LoadDerived.cpp    derived values (formulas, their inputs and parameters) and their order
//   LoadCriteria.cpp   criteria and their explanation templates
//   LoadLogistics.cpp  logistics (points, phases, variants, facts)
//   LoadToxicity.cpp   toxicity rows and modifiers
//   LoadVignettes.cpp  vignettes
#pragma once

#include "rules/RulePack.h"

#include <initializer_list>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace consilium {

struct FormulaSpec;

class PackLoader
{
public:
    using ObjectView = json::ObjectView;
    using Value = json::Value;

    PackLoader(RulePack &pack, json::Diagnostics &diag) : p(pack), d(diag) { }

    void load(const Value &root);

private:
    RulePack &p;
    json::Diagnostics &d;
    // Sub-options that are aliases of an option, resolved once the options are loaded.
    struct Alias {
        int arm = -1;
        int subOption = -1;
        QString option;
        QString path;
    };
    std::vector<Alias> m_aliases;

    // A finding of kind `code` (json::FindingCode) at `path`.
    void error(const QString &path, const QString &reason, const char *code)
    {
        d.error(path, reason, QLatin1String(code));
    }

    // Text fields (resources/packs/FORMAT.md, "Texts in more than one language", LoadTexts.cpp).
    using TextVariants = std::vector<std::pair<QString, QString>>; // language -> text, English first
    std::optional<TextVariants> textVariants(const Value &v, const QString &path);
    // The English text of `field`; every language is kept under `key` (PackTexts).
    std::optional<QString> text(const ObjectView &o, std::string_view field, const QString &key);
    // A list of texts; item i is kept under "<keyPrefix>/<i>".
    std::optional<QStringList> textList(const ObjectView &o, std::string_view field, const QString &keyPrefix);
    // Text under `key` keyed by its own JSON path (objects without an id).
    std::optional<QString> pathText(const ObjectView &o, std::string_view field)
    {
        return text(o, field, o.pathOf(field));
    }
    std::optional<std::pair<QString, std::vector<TemplatePart>>> explanationTexts(
        const ObjectView &o, std::string_view field, const QString &key, std::size_t which, Criterion &cr);

    std::optional<SymbolInfo> lookup(const QString &name) const { return p.symbolInfo(name); }
    static std::optional<ValueType> parseType(const QString &t, bool allowDate);

    // The expression under `key` compiled against the pack's identifiers; errors name `owner`.
    std::optional<Expression> expression(const ObjectView &o, std::string_view key, const QString &owner);
    // {"value": …, "source": string, "evidence": string, "note"?: string} -> the value
    const Value *paramValue(const ObjectView &params, std::string_view key, Param *out = nullptr);
    // A parameter whose value must be a number; fills `out` (value and provenance).
    std::optional<double> numberParam(const ObjectView &params, std::string_view key, Param &out);

    void loadArms(const ObjectView &top);
    void loadVariables(const ObjectView &top);
    void loadUnits(const Value &units, const QString &path, Variable &var);
    void loadDefaultUnits(const Value &defaults, const QString &path, Variable &var);
    void loadDrugs(const ObjectView &top);
    void loadAgents(const Value &agents, const QString &path, const DrugClass &dc, int classIndex);
    void loadDerived(const ObjectView &top);
    std::optional<int> registerDerived(const Value &v, const QString &path);
    void registerCategory(const ObjectView &o, int scoreIndex);
    bool loadRoles(const ObjectView &o, const FormulaSpec &spec, DerivedDef &def);
    void checkRole(const QString &rpath, const QString &target, int slot, const QString &want);
    std::optional<ObjectView> formulaParams(const ObjectView &o, std::initializer_list<std::string_view> keys);
    void loadFormulaParams(const ObjectView &o, DerivedDef &def);
    BandsParams bandsParams(const ObjectView &pv, DerivedDef &def);
    PointsScoreParams pointsScoreParams(const ObjectView &pv, DerivedDef &def);
    std::optional<PointsScoreParams::Component> scoreComponent(const Value &c, const QString &path, DerivedDef &def);
    void linkWashouts(const QString &base);
    void orderDerived(const QString &path);
    void loadCriteria(const ObjectView &top);
    void loadOptions(const ObjectView &top);
    void loadOptionHeader(const ObjectView &o, OptionDef &opt);
    void loadOverride(const Value &v, const QString &path, OptionDef &opt);
    std::optional<PackFact> overrideFact(const ObjectView &o, std::string_view key, bool boolean);
    std::optional<LogisticsOverride::Days> overrideDays(const ObjectView &o, std::string_view key);
    void loadOptionPhases(const ObjectView &top);
    void linkOptions(const ObjectView &top);
    int optionOf(const ObjectView &o, int arm);
    void loadExpectationMap(const Value &map, const QString &path, bool options, Vignette &vig);
    void loadLogistics(const ObjectView &top);
    void loadVariants(const Value &variants, const QString &path, const QString &arm, LogisticsDef &def);
    void loadToxicity(const ObjectView &top);
    void loadModifiers(const ObjectView &top);
    void loadVignettes(const ObjectView &top);
    void loadExpectations(const Value &expected, const QString &path, Vignette &vig);
    std::optional<DayOffset> offset(const Value &v, const QString &path, const LogisticsDef &def, int pointsSoFar);
    std::optional<PhaseDef> phase(const Value &v, const QString &path, const LogisticsDef &def);
    std::vector<PhaseDef> phases(const Value *arr, const QString &path, const LogisticsDef &def);
    PackFact fact(const ObjectView &o, std::string_view key);
    std::vector<TemplatePart> parseTemplate(const QString &text, const QString &path);
    void addSymbol(const QString &id, SymbolKind kind, int index, const QString &path);
    int subOptionIndex(int arm, const QString &id) const;
};

} // namespace consilium
