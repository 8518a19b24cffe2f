// SPDX-License-Identifier: GPL-3.0-or-later
// The pack's derived section: formulas, their inputs and parameters, and their order
// (resources/packs/FORMAT.md, "Derived").
#include "rules/PackLoader.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>
#include <boost/graph/topological_sort.hpp>

#include <iterator>

namespace consilium {

using json::childPath;
using json::indexPath;
using json::ObjectView;
using json::Value;
namespace FindingCode = json::FindingCode;

struct FormulaSpec {
    const char *name;
    Formula formula;
    ValueType type;
    std::vector<std::pair<const char *, const char *>>
        roles; // role -> required canonical unit ("" = any, "enum" = enum)
};

namespace {

const std::vector<FormulaSpec> &formulaSpecs()
{
    static const std::vector<FormulaSpec> specs = {
        { "ckd_epi_2021", Formula::CkdEpi2021, ValueType::Number,
            { { "creatinine", "mg/dL" }, { "age", "years" }, { "sex", "enum" } } },
        { "cockcroft_gault", Formula::CockcroftGault, ValueType::Number,
            { { "creatinine", "mg/dL" }, { "age", "years" }, { "sex", "enum" }, { "weight", "kg" } } },
        { "bands", Formula::Bands, ValueType::Number, {} },
        { "easix", Formula::Easix, ValueType::Number,
            { { "ldh", "U/L" }, { "creatinine", "mg/dL" }, { "platelets", "10^9/L" } } },
        { "m_easix", Formula::MEasix, ValueType::Number,
            { { "ldh", "U/L" }, { "crp", "mg/dL" }, { "platelets", "10^9/L" } } },
        { "points_score", Formula::PointsScore, ValueType::Integer, {} },
        { "prednisone_equivalent", Formula::PrednisoneEquivalent, ValueType::Number, {} },
        { "leukapheresis_washout", Formula::LeukapheresisWashout, ValueType::Date,
            { { "prednisone_equivalent", "" } } },
        { "tce_washout", Formula::TceWashout, ValueType::Date, { { "prednisone_equivalent", "" } } },
        { "on_or_before_as_of", Formula::OnOrBeforeAsOf, ValueType::Bool, { { "date", "date" } } },
        { "failed_lines", Formula::FailedLines, ValueType::Integer, {} },
        { "on_agent", Formula::OnAgent, ValueType::Bool, {} },
    };
    return specs;
}

const FormulaSpec *specOf(Formula formula)
{
    for (const auto &s : formulaSpecs()) {
        if (s.formula == formula)
            return &s;
    }
    return nullptr;
}

const char *typeName(ValueType type)
{
    switch (type) {
    case ValueType::Number:
        return "number";
    case ValueType::Integer:
        return "integer";
    case ValueType::Bool:
        return "bool";
    case ValueType::Enum:
        return "enum";
    case ValueType::Date:
        return "date";
    }
    return "";
}

// The keys every derived entry may have; constructing the view reports missing and unknown keys.
ObjectView derivedView(const Value &v, const QString &path, json::Diagnostics &d)
{
    return { v, path, d, { "id", "label", "formula", "type", "citation" },
        { "unit", "decimals", "values", "inputs", "params", "note", "applicability" } };
}

WashoutParams *washoutParams(FormulaParams &params)
{
    if (auto *l = std::get_if<LeukapheresisWashoutParams>(&params))
        return l;
    return std::get_if<TceWashoutParams>(&params);
}

} // namespace

void PackLoader::loadDerived(const ObjectView &top)
{
    const Value *arr = top.array("derived");
    if (!arr)
        return;
    const QString base = top.pathOf("derived");
    // Pass 1: register every derived identifier (and score categories) so expressions may refer to them.
    std::vector<std::pair<const Value *, int>> defs; // json, index into m_derived
    qsizetype i = 0;
    for (const auto &v : arr->GetArray()) {
        if (auto index = registerDerived(v, indexPath(base, i++)))
            defs.emplace_back(&v, *index);
    }
    if (!d.ok())
        return;
    // Pass 2: roles, parameters and formula-specific expressions.
    for (auto [json, index] : defs) {
        DerivedDef &def = p.m_derived[std::size_t(index)];
        const ObjectView o = derivedView(*json, indexPath(base, std::distance(arr->Begin(), json)), d);
        if (loadRoles(o, *specOf(def.formula), def))
            loadFormulaParams(o, def);
        // applicability: {"when": expression?, "note": text}: the note shown when `when` is true,
        // or always when there is no `when` (a formula not validated in this population).
        if (const Value *a = o.get("applicability")) {
            const ObjectView ao(*a, o.pathOf("applicability"), d, { "note" }, { "when" });
            if (!ao.isObject())
                continue;
            std::optional<Expression> when;
            if (ao.get("when") && !(when = expression(ao, "when", def.id)))
                continue;
            const QString note
                = text(ao, "note", textKey(u"derived", def.id, u"applicability.note")).value_or(QString());
            if (note.trimmed().isEmpty())
                error(ao.pathOf("note"), QStringLiteral("expected a non-empty note"), FindingCode::Required);
            else
                def.applicability = DerivedDef::Applicability { std::move(when), note };
        }
    }
    linkWashouts(base);
}

std::optional<int> PackLoader::registerDerived(const Value &v, const QString &path)
{
    const ObjectView o = derivedView(v, path, d);
    if (!o.isObject())
        return std::nullopt;
    DerivedDef def;
    def.id = o.string("id").value_or(QString());
    def.label = text(o, "label", textKey(u"derived", def.id, u"label")).value_or(QString());
    def.unit = o.string("unit").value_or(QString());
    def.citation = o.string("citation").value_or(QString());
    def.note = text(o, "note", textKey(u"derived", def.id, u"note")).value_or(QString());
    def.decimals = int(o.integer("decimals").value_or(1));
    def.values = o.stringList("values").value_or(QStringList());
    const QString formula = o.string("formula").value_or(QString());
    const FormulaSpec *spec = nullptr;
    for (const auto &s : formulaSpecs()) {
        if (formula == QLatin1String(s.name))
            spec = &s;
    }
    if (!spec) {
        error(o.pathOf("formula"), QStringLiteral("unknown formula '%1'").arg(formula), FindingCode::Enum);
        return std::nullopt;
    }
    def.formula = spec->formula;
    const auto type = parseType(o.string("type").value_or(QString()), true);
    if (!type || *type != spec->type) {
        error(o.pathOf("type"),
            QStringLiteral("formula '%1' gives %2").arg(formula, QLatin1String(typeName(spec->type))),
            FindingCode::Type);
        return std::nullopt;
    }
    def.type = *type;
    def.slot = p.slotCount();
    const int index = int(p.m_derived.size());
    addSymbol(def.id, SymbolKind::Derived, index, o.pathOf("id"));
    p.m_derived.push_back(std::move(def));
    if (spec->formula == Formula::PointsScore)
        registerCategory(o, index);
    return index;
}

// points_score: params.category defines a second derived value (enum), registered beside the score.
void PackLoader::registerCategory(const ObjectView &o, int scoreIndex)
{
    const DerivedDef &score = p.m_derived[std::size_t(scoreIndex)];
    PointsCategoryParams category;
    category.scoreSlot = score.slot;
    DerivedDef cdef;
    cdef.formula = Formula::PointsCategory;
    cdef.type = ValueType::Enum;
    cdef.decimals = 0;
    cdef.citation = score.citation;
    cdef.note = score.note;
    const Value *params = o.object("params");
    const Value *cat = params && params->HasMember("category") ? &(*params)["category"] : nullptr;
    const Value *cv = cat && cat->IsObject() && cat->HasMember("value") ? &(*cat)["value"] : nullptr;
    const QString cpath = childPath(childPath(childPath(o.path(), "params"), "category"), "value");
    if (!cv) {
        error(cpath, QStringLiteral("points_score needs params.category"), FindingCode::Required);
        return;
    }
    ObjectView co(*cv, cpath, d, { "id", "label", "values", "high_at" });
    if (!co.isObject())
        return;
    cdef.id = co.string("id").value_or(QString());
    cdef.label = text(co, "label", textKey(u"derived", cdef.id, u"label")).value_or(QString());
    cdef.values = co.stringList("values").value_or(QStringList());
    if (cdef.values.size() != 2)
        error(co.pathOf("values"), QStringLiteral("expected [low, high]"), FindingCode::Invalid);
    category.highAt = int(co.integer("high_at").value_or(0));
    cdef.slot = p.slotCount();
    cdef.dependencySlots.push_back(category.scoreSlot);
    cdef.params = category;
    addSymbol(cdef.id, SymbolKind::Derived, int(p.m_derived.size()), co.pathOf("id"));
    p.m_derived.push_back(std::move(cdef));
}

// The formula's roles in `inputs`; false when the parameters are not worth reading.
bool PackLoader::loadRoles(const ObjectView &o, const FormulaSpec &spec, DerivedDef &def)
{
    const Value *inputs = o.get("inputs");
    if (!spec.roles.empty() && !inputs) {
        error(o.pathOf("inputs"), QStringLiteral("formula needs inputs"), FindingCode::Required);
        return false;
    }
    if (!inputs)
        return true;
    if (!inputs->IsObject()) {
        error(o.pathOf("inputs"), QStringLiteral("expected an object"), FindingCode::Type);
        return false;
    }
    const QString ipath = o.pathOf("inputs");
    // The formula's role names are the closed key set.
    for (auto it = inputs->MemberBegin(); it != inputs->MemberEnd(); ++it) {
        bool known = false;
        for (const auto &r : spec.roles)
            known = known || json::keyOf(it->name) == r.first;
        if (!known)
            error(childPath(ipath, json::keyOf(it->name)), QStringLiteral("unknown role for formula"),
                FindingCode::UnknownKey);
    }
    for (const auto &[role, unit] : spec.roles) {
        const auto member = inputs->FindMember(role);
        const Value *rv = member == inputs->MemberEnd() ? nullptr : &member->value;
        const QString rpath = childPath(ipath, role);
        if (!rv || !rv->IsString()) {
            error(
                rpath, QStringLiteral("role '%1' needs an identifier").arg(QLatin1String(role)), FindingCode::Required);
            continue;
        }
        const QString target = json::toQString(*rv);
        const int slot = p.slotOf(target);
        if (slot < 0) {
            error(rpath, QStringLiteral("unknown identifier '%1'").arg(target), FindingCode::Reference);
            continue;
        }
        checkRole(rpath, target, slot, QLatin1String(unit));
        def.inputSlots.push_back(slot);
        def.dependencySlots.push_back(slot);
    }
    return true;
}

// What a role requires of the value that fills it: "enum" = sex (female/male), "date", a unit, or any number.
void PackLoader::checkRole(const QString &rpath, const QString &target, int slot, const QString &want)
{
    const ValueType t = p.slotType(slot);
    if (want == QLatin1String("enum")) {
        const QStringList *vals = p.slotValues(slot);
        if (t != ValueType::Enum || !vals || !vals->contains(QStringLiteral("female"))
            || !vals->contains(QStringLiteral("male")))
            error(rpath, QStringLiteral("'%1' must be an enum with values female and male").arg(target),
                FindingCode::Type);
    } else if (want == QLatin1String("date")) {
        if (t != ValueType::Date)
            error(rpath, QStringLiteral("'%1' must be a date").arg(target), FindingCode::Type);
    } else if (!want.isEmpty()) {
        if ((t != ValueType::Number && t != ValueType::Integer) || p.slotUnit(slot) != want)
            error(rpath, QStringLiteral("'%1' must be a number in %2 (the formula's unit)").arg(target, want),
                FindingCode::Unit);
    } else if (t != ValueType::Number) {
        error(rpath, QStringLiteral("'%1' must be a number").arg(target), FindingCode::Type);
    }
}

// The `params` object of a formula with exactly these keys (none: the formula takes no parameters).
std::optional<ObjectView> PackLoader::formulaParams(const ObjectView &o, std::initializer_list<std::string_view> keys)
{
    const Value *params = o.get("params");
    if (keys.size() == 0) {
        if (params)
            error(o.pathOf("params"), QStringLiteral("formula takes no parameters"), FindingCode::UnknownKey);
        return std::nullopt;
    }
    if (!params) {
        error(o.pathOf("params"), QStringLiteral("formula needs parameters"), FindingCode::Required);
        return std::nullopt;
    }
    ObjectView pv(*params, o.pathOf("params"), d, keys);
    if (!pv.isObject())
        return std::nullopt;
    return pv;
}

void PackLoader::loadFormulaParams(const ObjectView &o, DerivedDef &def)
{
    switch (def.formula) {
    case Formula::CkdEpi2021:
    case Formula::CockcroftGault:
    case Formula::MEasix:
    case Formula::OnOrBeforeAsOf:
        formulaParams(o, {});
        break;
    case Formula::FailedLines:
        formulaParams(o, {});
        def.pseudo.push_back(PseudoInput::FailedTherapies);
        break;
    case Formula::Easix:
        if (auto pv = formulaParams(o, { "cutoff" })) {
            EasixParams params;
            numberParam(*pv, "cutoff", params.cutoff);
            def.params = params;
        }
        break;
    case Formula::PrednisoneEquivalent:
        def.pseudo.push_back(PseudoInput::Medications);
        if (auto pv = formulaParams(o, { "reference_mg", "window_days" })) {
            PrednisoneEquivalentParams params;
            numberParam(*pv, "reference_mg", params.referenceMg);
            numberParam(*pv, "window_days", params.windowDays);
            def.params = params;
        }
        break;
    case Formula::LeukapheresisWashout:
        def.pseudo = { PseudoInput::Medications, PseudoInput::MedicationLastDose };
        if (auto pv = formulaParams(o, { "gc_above_mg", "gc_days" })) {
            LeukapheresisWashoutParams params;
            numberParam(*pv, "gc_above_mg", params.gcThresholdMg);
            numberParam(*pv, "gc_days", params.gcDays);
            def.params = params;
        }
        break;
    case Formula::TceWashout:
        def.pseudo = { PseudoInput::Medications, PseudoInput::MedicationLastDose };
        if (auto pv = formulaParams(o, { "gc_at_least_mg", "gc_days", "stop_before_days" })) {
            TceWashoutParams params;
            numberParam(*pv, "gc_at_least_mg", params.gcThresholdMg);
            numberParam(*pv, "gc_days", params.gcDays);
            numberParam(*pv, "stop_before_days", params.stopBeforeDays);
            def.params = params;
        }
        break;
    case Formula::OnAgent:
        def.pseudo.push_back(PseudoInput::Medications);
        if (auto pv = formulaParams(o, { "agent" })) {
            OnAgentParams params;
            const QString agent = pv->string("agent").value_or(QString());
            params.agent = p.agentIndex(agent);
            if (params.agent < 0)
                error(pv->pathOf("agent"), QStringLiteral("unknown agent '%1'").arg(agent), FindingCode::Reference);
            def.params = params;
        }
        break;
    case Formula::Bands:
        if (auto pv = formulaParams(o, { "bands" }))
            def.params = bandsParams(*pv, def);
        break;
    case Formula::PointsScore:
        if (auto pv = formulaParams(o, { "components", "category" }))
            def.params = pointsScoreParams(*pv, def);
        break;
    case Formula::PointsCategory:
        break;
    }
}

BandsParams PackLoader::bandsParams(const ObjectView &pv, DerivedDef &def)
{
    BandsParams params;
    const Value *bands = paramValue(pv, "bands", &params.provenance);
    const QString bpath = childPath(pv.pathOf("bands"), "value");
    if (!bands || !bands->IsArray() || bands->Empty()) {
        error(bpath, QStringLiteral("expected a non-empty array of {when, value}"), FindingCode::Type);
        return params;
    }
    qsizetype k = 0;
    for (const auto &b : bands->GetArray()) {
        ObjectView bo(b, indexPath(bpath, k++), d, { "when", "value" });
        if (!bo.isObject())
            continue;
        auto e = expression(bo, "when", def.id);
        auto value = bo.number("value");
        if (e && value) {
            for (int s : e->referencedSlots())
                def.dependencySlots.push_back(s);
            params.bands.emplace_back(std::move(*e), *value);
        }
    }
    return params;
}

PointsScoreParams PackLoader::pointsScoreParams(const ObjectView &pv, DerivedDef &def)
{
    PointsScoreParams params;
    const Value *comps = paramValue(pv, "components", &params.provenance);
    paramValue(pv, "category", &params.categoryProvenance);
    const QString cpath = childPath(pv.pathOf("components"), "value");
    if (!comps || !comps->IsArray() || comps->Empty()) {
        error(cpath, QStringLiteral("expected a non-empty array of components"), FindingCode::Type);
        return params;
    }
    qsizetype k = 0;
    for (const auto &c : comps->GetArray()) {
        if (auto comp = scoreComponent(c, indexPath(cpath, k++), def))
            params.components.push_back(std::move(*comp));
    }
    // The category's threshold is read here (its value object was validated in pass 1).
    for (const auto &other : p.m_derived) {
        const auto *category = std::get_if<PointsCategoryParams>(&other.params);
        if (category && category->scoreSlot == def.slot)
            params.highAt = category->highAt;
    }
    return params;
}

std::optional<PointsScoreParams::Component> PackLoader::scoreComponent(
    const Value &c, const QString &path, DerivedDef &def)
{
    ObjectView co(c, path, d, { "input", "points" });
    if (!co.isObject())
        return std::nullopt;
    PointsScoreParams::Component comp;
    const QString input = co.string("input").value_or(QString());
    comp.slot = p.slotOf(input);
    if (comp.slot < 0) {
        error(co.pathOf("input"), QStringLiteral("unknown identifier '%1'").arg(input), FindingCode::Reference);
        return std::nullopt;
    }
    def.dependencySlots.push_back(comp.slot);
    const Value *pts = co.array("points");
    if (!pts)
        return comp;
    qsizetype m = 0;
    for (const auto &pt : pts->GetArray()) {
        ObjectView po(pt, indexPath(co.pathOf("points"), m++), d, { "when", "points" });
        if (!po.isObject())
            continue;
        auto e = expression(po, "when", def.id);
        auto points = po.integer("points");
        if (e && points) {
            for (int s : e->referencedSlots()) {
                if (s != comp.slot)
                    error(po.pathOf("when"), QStringLiteral("a component's conditions may only use '%1'").arg(input),
                        FindingCode::Expression);
            }
            comp.points.emplace_back(std::move(*e), int(*points));
        }
    }
    return comp;
}

// The washout formulas count glucocorticoids as current with the window of their input.
void PackLoader::linkWashouts(const QString &base)
{
    for (DerivedDef &def : p.m_derived) {
        if (def.formula != Formula::LeukapheresisWashout && def.formula != Formula::TceWashout)
            continue;
        if (def.inputSlots.empty())
            continue;
        const int pred = p.derivedIndexOfSlot(def.inputSlots[0]);
        if (pred < 0 || p.m_derived[std::size_t(pred)].formula != Formula::PrednisoneEquivalent) {
            error(base,
                QStringLiteral("'%1': input prednisone_equivalent must be a prednisone_equivalent value").arg(def.id),
                FindingCode::Reference);
            continue;
        }
        const auto *window = std::get_if<PrednisoneEquivalentParams>(&p.m_derived[std::size_t(pred)].params);
        if (WashoutParams *washout = washoutParams(def.params); washout && window)
            washout->windowDays = window->windowDays.value;
    }
}

void PackLoader::orderDerived(const QString &path)
{
    using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
    const std::size_t n = p.m_derived.size();
    Graph g(n);
    for (std::size_t i = 0; i < n; ++i) {
        for (int slot : p.m_derived[i].dependencySlots) {
            const int dep = p.derivedIndexOfSlot(slot);
            if (dep >= 0)
                boost::add_edge(std::size_t(dep), i, g); // dep must be computed before i
        }
    }
    std::vector<int> component(n);
    const auto components = boost::strong_components(
        g, boost::make_iterator_property_map(component.begin(), boost::get(boost::vertex_index, g)));
    std::vector<int> sizes(std::size_t(components), 0);
    for (int c : component)
        ++sizes[std::size_t(c)];
    QStringList cyclic;
    for (std::size_t i = 0; i < n; ++i) {
        bool selfLoop = false;
        for (int slot : p.m_derived[i].dependencySlots)
            selfLoop = selfLoop || slot == p.m_derived[i].slot;
        if (sizes[std::size_t(component[i])] > 1 || selfLoop)
            cyclic.append(p.m_derived[i].id);
    }
    if (!cyclic.isEmpty()) {
        error(path,
            QStringLiteral("derived values depend on each other in a cycle: %1").arg(cyclic.join(QStringLiteral(", "))),
            FindingCode::Cycle);
        return;
    }
    std::vector<std::size_t> order;
    try {
        boost::topological_sort(g, std::back_inserter(order));
    } catch (const boost::not_a_dag &) {
        error(path, QStringLiteral("derived values depend on each other in a cycle"), FindingCode::Cycle);
        return;
    }
    // topological_sort yields reverse topological order.
    for (auto it = order.crbegin(); it != order.crend(); ++it) // NOLINT(modernize-loop-convert): reverse order
        p.m_derivedOrder.push_back(int(*it));
}

} // namespace consilium
