// SPDX-License-Identifier: GPL-3.0-or-later
// Loads, validates and compiles a consilium-pack/1 rule pack (resources/packs/FORMAT.md).
#include "rules/RulePack.h"

#include <QCryptographicHash>
#include <QFile>
#include <QRegularExpression>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>
#include <boost/graph/topological_sort.hpp>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <iterator>

// Q_INIT_RESOURCE must be used outside any namespace.
static void initPackResources()
{
    Q_INIT_RESOURCE(packs);
}

namespace consilium {

using json::childPath;
using json::indexPath;
using json::ObjectView;
using json::Value;

int armIndex(const QString &id)
{
    for (int i = 0; i < kArmCount; ++i) {
        if (id == QLatin1String(kArmIds[std::size_t(i)]))
            return i;
    }
    return -1;
}

QString pseudoInputLabel(PseudoInput p)
{
    switch (p) {
    case PseudoInput::Medications:
        return QStringLiteral("Medication list");
    case PseudoInput::FailedTherapies:
        return QStringLiteral("Failed therapies");
    case PseudoInput::MedicationLastDose:
        return QStringLiteral("Last dose of a medication");
    }
    return {};
}

QString pseudoInputName(PseudoInput p)
{
    switch (p) {
    case PseudoInput::Medications:
        return QStringLiteral("medications");
    case PseudoInput::FailedTherapies:
        return QStringLiteral("failed_therapies");
    case PseudoInput::MedicationLastDose:
        return QStringLiteral("medications[].last_dose");
    }
    return {};
}

QString Variable::defaultUnit(const QString &jurisdiction) const
{
    for (const auto &[j, u] : defaultUnits) {
        if (j == jurisdiction)
            return u;
    }
    return unit;
}

const UnitConversion *Variable::findUnit(const QString &normalisedUnit) const
{
    for (const auto &u : units) {
        if (u.unit == normalisedUnit)
            return &u;
    }
    return nullptr;
}

int RulePack::variableIndex(const QString &id) const
{
    const int slot = slotOf(id);
    if (slot < 0 || m_symbols[std::size_t(slot)].kind != SymbolKind::Variable)
        return -1;
    return m_symbols[std::size_t(slot)].index;
}

int RulePack::derivedIndexOfSlot(int slot) const
{
    const Symbol &s = m_symbols[std::size_t(slot)];
    return s.kind == SymbolKind::Derived ? s.index : -1;
}

ValueType RulePack::slotType(int slot) const
{
    const Symbol &s = m_symbols[std::size_t(slot)];
    switch (s.kind) {
    case SymbolKind::Variable:
        return m_variables[std::size_t(s.index)].type;
    case SymbolKind::Jurisdiction:
        return ValueType::Enum;
    case SymbolKind::Derived:
        return m_derived[std::size_t(s.index)].type;
    }
    return ValueType::Number;
}

int RulePack::slotDecimals(int slot) const
{
    const Symbol &s = m_symbols[std::size_t(slot)];
    if (s.kind == SymbolKind::Variable)
        return m_variables[std::size_t(s.index)].decimals;
    if (s.kind == SymbolKind::Derived)
        return m_derived[std::size_t(s.index)].decimals;
    return 0;
}

QString RulePack::slotUnit(int slot) const
{
    const Symbol &s = m_symbols[std::size_t(slot)];
    if (s.kind == SymbolKind::Variable)
        return m_variables[std::size_t(s.index)].unit;
    if (s.kind == SymbolKind::Derived)
        return m_derived[std::size_t(s.index)].unit;
    return {};
}

const QStringList *RulePack::slotValues(int slot) const
{
    const Symbol &s = m_symbols[std::size_t(slot)];
    switch (s.kind) {
    case SymbolKind::Variable:
        return &m_variables[std::size_t(s.index)].values;
    case SymbolKind::Jurisdiction:
        return &m_jurisdictions;
    case SymbolKind::Derived:
        return &m_derived[std::size_t(s.index)].values;
    }
    return nullptr;
}

std::optional<SymbolInfo> RulePack::symbolInfo(const QString &id) const
{
    const int slot = slotOf(id);
    if (slot < 0)
        return std::nullopt;
    SymbolInfo info;
    info.slot = slot;
    info.type = slotType(slot);
    info.unit = slotUnit(slot);
    info.values = slotValues(slot);
    const Symbol &s = symbol(slot);
    if (s.kind == SymbolKind::Variable)
        info.units = &m_variables[std::size_t(s.index)].units;
    return info;
}

class PackLoader
{
public:
    PackLoader(RulePack &pack, json::Diagnostics &diag) : p(pack), d(diag) { }

    void load(const Value &root);

private:
    RulePack &p;
    json::Diagnostics &d;

    void error(const QString &path, const QString &reason) { d.error(path, reason); }

    std::optional<SymbolInfo> lookup(const QString &name) const { return p.symbolInfo(name); }

    std::optional<Expression> expression(const ObjectView &o, std::string_view key, const QString &owner)
    {
        auto text = o.string(key);
        if (!text)
            return std::nullopt;
        QString err;
        auto e = Expression::compile(
            *text, [this](const QString &n) { return lookup(n); }, err);
        if (!e) {
            error(o.pathOf(key), owner + QStringLiteral(": ") + err);
            return std::nullopt;
        }
        return e;
    }

    // {"value": …, "source": string, "evidence": string, "note"?: string} -> the value
    const Value *paramValue(const ObjectView &params, std::string_view key, Param *out = nullptr)
    {
        const Value *v = params.get(key);
        if (!v) {
            error(params.pathOf(key), QStringLiteral("required parameter is missing"));
            return nullptr;
        }
        ObjectView po(*v, params.pathOf(key), d, { "value", "source", "evidence" }, { "note" });
        if (!po.isObject())
            return nullptr;
        const Value *value = po.get("value");
        if (out) {
            out->source = po.string("source").value_or(QString());
            out->evidence = po.string("evidence").value_or(QString());
            out->note = po.string("note").value_or(QString());
            if (value && value->IsNumber())
                out->value = value->GetDouble();
        } else {
            po.string("source");
            po.string("evidence");
            po.string("note");
        }
        return value;
    }

    std::optional<double> numberParam(const ObjectView &params, std::string_view key, DerivedDef &def)
    {
        Param prm;
        const Value *v = paramValue(params, key, &prm);
        if (!v)
            return std::nullopt;
        if (!v->IsNumber()) {
            error(childPath(params.pathOf(key), "value"),
                QStringLiteral("expected a number, found %1").arg(json::typeName(*v)));
            return std::nullopt;
        }
        def.params.insert(QString::fromUtf8(key.data(), qsizetype(key.size())), prm);
        return prm.value;
    }

    void loadArms(const ObjectView &top);
    void loadVariables(const ObjectView &top);
    void loadDrugs(const ObjectView &top);
    void loadDerived(const ObjectView &top);
    void orderDerived(const QString &path);
    void loadCriteria(const ObjectView &top);
    void loadLogistics(const ObjectView &top);
    void loadToxicity(const ObjectView &top);
    void loadModifiers(const ObjectView &top);
    void loadVignettes(const ObjectView &top);
    std::optional<DayOffset> offset(const Value &v, const QString &path, const LogisticsDef &def, int pointsSoFar);
    std::optional<PhaseDef> phase(const Value &v, const QString &path, const LogisticsDef &def);
    std::vector<PhaseDef> phases(const Value *arr, const QString &path, const LogisticsDef &def);
    PackFact fact(const ObjectView &o, std::string_view key);
    std::vector<TemplatePart> parseTemplate(const QString &text, const QString &path);
    void addSymbol(const QString &id, SymbolKind kind, int index, const QString &path);
    int subOptionIndex(int arm, const QString &id) const;
};

void PackLoader::addSymbol(const QString &id, SymbolKind kind, int index, const QString &path)
{
    static const QRegularExpression idPattern(QStringLiteral("^[a-z][a-z0-9_]*$"));
    if (!idPattern.match(id).hasMatch()) {
        error(path, QStringLiteral("identifier '%1' must match [a-z][a-z0-9_]*").arg(id));
        return;
    }
    if (p.m_slotById.contains(id)) {
        error(path, QStringLiteral("identifier '%1' is defined twice").arg(id));
        return;
    }
    p.m_slotById.insert(id, int(p.m_symbols.size()));
    p.m_symbols.push_back(Symbol { id, kind, index });
}

void PackLoader::load(const Value &root)
{
    ObjectView top(root, QStringLiteral("$"), d,
        { "format", "id", "version", "title", "effective_from", "effective_to", "jurisdictions", "authors", "sign_off",
            "arms", "variables", "drug_classes", "derived", "criteria", "logistics", "toxicity", "modifiers",
            "vignettes" },
        { "description" });
    if (!top.isObject())
        return;
    if (auto f = top.string("format"); f && *f != QLatin1String("consilium-pack/1"))
        error(top.pathOf("format"), QStringLiteral("expected \"consilium-pack/1\", found \"%1\"").arg(*f));
    p.m_id = top.string("id").value_or(QString());
    static const QRegularExpression packId(QStringLiteral("^[a-z0-9][a-z0-9._-]*$"));
    if (top.has("id") && !packId.match(p.m_id).hasMatch())
        error(top.pathOf("id"), QStringLiteral("pack id must match [a-z0-9][a-z0-9._-]*"));
    p.m_version = top.string("version").value_or(QString());
    p.m_title = top.string("title").value_or(QString());
    top.string("description");
    p.m_effectiveFrom = top.string("effective_from").value_or(QString());
    if (top.has("effective_from") && !json::parseIsoDate(p.m_effectiveFrom))
        error(top.pathOf("effective_from"), QStringLiteral("expected a date YYYY-MM-DD"));
    if (const Value *to = top.get("effective_to"); to && !to->IsNull()) {
        p.m_effectiveTo = top.string("effective_to").value_or(QString());
        if (!json::parseIsoDate(p.m_effectiveTo))
            error(top.pathOf("effective_to"), QStringLiteral("expected a date YYYY-MM-DD or null"));
    }
    p.m_jurisdictions = top.stringList("jurisdictions").value_or(QStringList());
    if (top.has("jurisdictions") && p.m_jurisdictions.isEmpty())
        error(top.pathOf("jurisdictions"), QStringLiteral("at least one jurisdiction is required"));
    p.m_authors = top.stringList("authors").value_or(QStringList());
    if (const Value *so = top.object("sign_off")) {
        ObjectView s(*so, top.pathOf("sign_off"), d, { "status", "note" });
        p.m_signOffStatus = s.string("status").value_or(QString());
        p.m_signOffNote = s.string("note").value_or(QString());
        static const QStringList statuses
            = { QStringLiteral("unreviewed"), QStringLiteral("reviewed"), QStringLiteral("approved") };
        if (s.has("status") && !statuses.contains(p.m_signOffStatus))
            error(s.pathOf("status"), QStringLiteral("expected one of unreviewed, reviewed, approved"));
    }
    if (!d.ok())
        return;
    loadArms(top);
    loadVariables(top);
    addSymbol(QStringLiteral("jurisdiction"), SymbolKind::Jurisdiction, 0, QStringLiteral("$.jurisdictions"));
    loadDrugs(top);
    if (!d.ok())
        return;
    loadDerived(top);
    if (!d.ok())
        return;
    orderDerived(top.pathOf("derived"));
    if (!d.ok())
        return;
    loadCriteria(top);
    loadLogistics(top);
    loadToxicity(top);
    loadModifiers(top);
    if (!d.ok())
        return;
    loadVignettes(top);
}

void PackLoader::loadArms(const ObjectView &top)
{
    const Value *arr = top.array("arms");
    if (!arr)
        return;
    std::array<bool, kArmCount> seen {};
    qsizetype i = 0;
    for (const auto &a : arr->GetArray()) {
        const QString path = indexPath(top.pathOf("arms"), i++);
        ObjectView o(a, path, d, { "id", "label" }, { "sub_options" });
        if (!o.isObject())
            continue;
        const QString id = o.string("id").value_or(QString());
        const int idx = armIndex(id);
        if (idx < 0) {
            error(o.pathOf("id"),
                QStringLiteral(
                    "unknown arm '%1' (expected autologous_car_t, allogeneic_car_t, bispecific_tce or standard_care)")
                    .arg(id));
            continue;
        }
        if (seen[std::size_t(idx)]) {
            error(o.pathOf("id"), QStringLiteral("arm '%1' is listed twice").arg(id));
            continue;
        }
        seen[std::size_t(idx)] = true;
        ArmDef &arm = p.m_arms[std::size_t(idx)];
        arm.id = id;
        arm.label = o.string("label").value_or(QString());
        if (const Value *subs = o.array("sub_options")) {
            if (id != QLatin1String("standard_care"))
                error(o.pathOf("sub_options"), QStringLiteral("only standard_care may have sub-options"));
            qsizetype j = 0;
            for (const auto &s : subs->GetArray()) {
                ObjectView so(s, indexPath(o.pathOf("sub_options"), j++), d, { "id", "label" });
                if (so.isObject())
                    arm.subOptions.push_back(
                        { so.string("id").value_or(QString()), so.string("label").value_or(QString()) });
            }
        }
    }
    for (int k = 0; k < kArmCount; ++k) {
        if (!seen[std::size_t(k)])
            error(
                top.pathOf("arms"), QStringLiteral("arm '%1' is missing").arg(QLatin1String(kArmIds[std::size_t(k)])));
    }
}

namespace {

std::optional<ValueType> parseType(const QString &t, bool allowDate)
{
    if (t == QLatin1String("number"))
        return ValueType::Number;
    if (t == QLatin1String("integer"))
        return ValueType::Integer;
    if (t == QLatin1String("bool"))
        return ValueType::Bool;
    if (t == QLatin1String("enum"))
        return ValueType::Enum;
    if (allowDate && t == QLatin1String("date"))
        return ValueType::Date;
    return std::nullopt;
}

} // namespace

void PackLoader::loadVariables(const ObjectView &top)
{
    const Value *arr = top.array("variables");
    if (!arr)
        return;
    qsizetype i = 0;
    for (const auto &v : arr->GetArray()) {
        const QString path = indexPath(top.pathOf("variables"), i++);
        ObjectView o(v, path, d, { "id", "label", "group", "type" },
            { "unit", "units", "bare_number", "range", "decimals", "values", "note", "default_unit" });
        if (!o.isObject())
            continue;
        Variable var;
        var.id = o.string("id").value_or(QString());
        var.label = o.string("label").value_or(QString());
        var.group = o.string("group").value_or(QString());
        var.note = o.string("note").value_or(QString());
        const auto type = parseType(o.string("type").value_or(QString()), false);
        if (!type) {
            error(o.pathOf("type"), QStringLiteral("expected number, integer, bool or enum"));
            continue;
        }
        var.type = *type;
        const bool numeric = var.type == ValueType::Number || var.type == ValueType::Integer;
        if (numeric) {
            var.unit = o.string("unit").value_or(QString());
            if (!o.has("unit"))
                error(o.pathOf("unit"), QStringLiteral("a numeric variable needs a canonical unit"));
            var.bareNumber = o.boolean("bare_number").value_or(false);
            var.decimals = int(o.integer("decimals").value_or(var.type == ValueType::Integer ? 0 : 1));
            if (const Value *units = o.array("units")) {
                qsizetype j = 0;
                for (const auto &u : units->GetArray()) {
                    const QString upath = indexPath(o.pathOf("units"), j++);
                    ObjectView uo(u, upath, d, { "unit" }, { "multiply", "divide", "source", "evidence" });
                    if (!uo.isObject())
                        continue;
                    UnitConversion conv;
                    conv.unit = normaliseUnit(uo.string("unit").value_or(QString()));
                    conv.source = uo.string("source").value_or(QString());
                    conv.evidence = uo.string("evidence").value_or(QString());
                    const auto mul = uo.number("multiply");
                    const auto div = uo.number("divide");
                    if (mul.has_value() == div.has_value()) {
                        error(upath, QStringLiteral("exactly one of multiply or divide is required"));
                        continue;
                    }
                    conv.divide = div.has_value();
                    conv.factor = div.value_or(mul.value_or(1.0));
                    if (!(conv.factor > 0)) {
                        error(upath, QStringLiteral("the conversion factor must be positive"));
                        continue;
                    }
                    if (var.findUnit(conv.unit))
                        error(uo.pathOf("unit"), QStringLiteral("unit '%1' is listed twice").arg(conv.unit));
                    var.units.push_back(conv);
                }
            } else if (!var.bareNumber) {
                error(o.pathOf("units"), QStringLiteral("a numeric variable needs accepted units or bare_number"));
            }
            if (const Value *range = o.array("range")) {
                if (range->Size() != 2 || !(*range)[0].IsNumber() || !(*range)[1].IsNumber()
                    || (*range)[0].GetDouble() > (*range)[1].GetDouble()) {
                    error(o.pathOf("range"), QStringLiteral("expected [min, max] with min <= max"));
                } else {
                    var.hasRange = true;
                    var.rangeMin = (*range)[0].GetDouble();
                    var.rangeMax = (*range)[1].GetDouble();
                }
            }
            if (const Value *defaults = o.object("default_unit")) {
                for (auto it = defaults->MemberBegin(); it != defaults->MemberEnd(); ++it) {
                    const QString upath = childPath(o.pathOf("default_unit"), json::keyOf(it->name));
                    const QString j = json::toQString(it->name);
                    if (!p.m_jurisdictions.contains(j)) {
                        error(upath,
                            QStringLiteral("unknown jurisdiction '%1' (the pack covers %2)")
                                .arg(j, p.m_jurisdictions.join(QStringLiteral(", "))));
                        continue;
                    }
                    if (!it->value.IsString()) {
                        error(upath, QStringLiteral("expected a unit string"));
                        continue;
                    }
                    const QString u = normaliseUnit(json::toQString(it->value));
                    if (!var.findUnit(u)) {
                        error(upath, QStringLiteral("'%1' is not an accepted unit of %2").arg(u, var.id));
                        continue;
                    }
                    var.defaultUnits.emplace_back(j, u);
                }
            }
        } else {
            for (auto k : { "unit", "units", "bare_number", "range", "decimals", "default_unit" }) {
                if (o.has(k))
                    error(o.pathOf(k), QStringLiteral("only numeric variables have '%1'").arg(QLatin1String(k)));
            }
        }
        if (var.type == ValueType::Enum) {
            var.values = o.stringList("values").value_or(QStringList());
            if (var.values.isEmpty() || var.values.size() > 64)
                error(o.pathOf("values"), QStringLiteral("an enum needs 1 to 64 values"));
            if (var.values.removeDuplicates() > 0)
                error(o.pathOf("values"), QStringLiteral("duplicate enum value"));
        } else if (o.has("values")) {
            error(o.pathOf("values"), QStringLiteral("only enum variables have values"));
        }
        addSymbol(var.id, SymbolKind::Variable, int(p.m_variables.size()), o.pathOf("id"));
        p.m_variables.push_back(std::move(var));
    }
}

void PackLoader::loadDrugs(const ObjectView &top)
{
    const Value *arr = top.array("drug_classes");
    if (!arr)
        return;
    qsizetype i = 0;
    for (const auto &c : arr->GetArray()) {
        const QString path = indexPath(top.pathOf("drug_classes"), i++);
        ObjectView o(c, path, d,
            { "id", "label", "kind", "washout", "counts_as_line", "bispecific", "agents", "source", "evidence" },
            { "note" });
        if (!o.isObject())
            continue;
        DrugClass dc;
        dc.id = o.string("id").value_or(QString());
        dc.label = o.string("label").value_or(QString());
        dc.note = o.string("note").value_or(QString());
        dc.source = o.string("source").value_or(QString());
        dc.evidence = o.string("evidence").value_or(QString());
        dc.countsAsLine = o.boolean("counts_as_line").value_or(true);
        const QString kind = o.string("kind").value_or(QString());
        if (kind == QLatin1String("glucocorticoid"))
            dc.kind = DrugKind::Glucocorticoid;
        else if (kind == QLatin1String("none"))
            dc.kind = DrugKind::None;
        else if (kind == QLatin1String("immunosuppressant"))
            dc.kind = DrugKind::Immunosuppressant;
        else if (kind == QLatin1String("not_listed"))
            dc.kind = DrugKind::NotListed;
        else
            error(o.pathOf("kind"), QStringLiteral("expected glucocorticoid, none, immunosuppressant or not_listed"));
        const QString bs = o.string("bispecific").value_or(QString());
        if (bs == QLatin1String("none"))
            dc.bispecific = BispecificRule::None;
        else if (bs == QLatin1String("glucocorticoid"))
            dc.bispecific = BispecificRule::Glucocorticoid;
        else if (bs == QLatin1String("stop_before"))
            dc.bispecific = BispecificRule::StopBefore;
        else if (bs == QLatin1String("ignored"))
            dc.bispecific = BispecificRule::Ignored;
        else
            error(o.pathOf("bispecific"), QStringLiteral("expected none, glucocorticoid, stop_before or ignored"));
        if (const Value *w = o.get("washout"); w && !w->IsNull()) {
            ObjectView wo(*w, o.pathOf("washout"), d, {}, { "days", "months" });
            const auto days = wo.integer("days");
            const auto months = wo.integer("months");
            if (days.has_value() == months.has_value() || days.value_or(0) < 0 || months.value_or(0) < 0) {
                error(o.pathOf("washout"),
                    QStringLiteral("expected {\"days\": N} or {\"months\": N} with N >= 0, or null"));
            } else {
                dc.hasWashout = true;
                dc.washoutDays = int(days.value_or(0));
                dc.washoutMonths = int(months.value_or(0));
            }
        }
        const int classIndex = int(p.m_drugClasses.size());
        if (const Value *agents = o.array("agents")) {
            qsizetype j = 0;
            for (const auto &a : agents->GetArray()) {
                ObjectView ao(
                    a, indexPath(o.pathOf("agents"), j++), d, { "id", "label" }, { "prednisone_equivalent_mg" });
                if (!ao.isObject())
                    continue;
                Agent agent;
                agent.id = ao.string("id").value_or(QString());
                agent.label = ao.string("label").value_or(QString());
                agent.drugClass = classIndex;
                if (auto eq = ao.number("prednisone_equivalent_mg")) {
                    if (dc.kind != DrugKind::Glucocorticoid || !(*eq > 0))
                        error(ao.pathOf("prednisone_equivalent_mg"),
                            QStringLiteral("only glucocorticoids have a positive prednisone equivalent"));
                    agent.prednisoneEquivalentMg = *eq;
                } else if (dc.kind == DrugKind::Glucocorticoid) {
                    error(ao.pathOf("prednisone_equivalent_mg"),
                        QStringLiteral("a glucocorticoid needs its prednisone equivalent"));
                }
                if (p.m_agentById.contains(agent.id)) {
                    error(ao.pathOf("id"), QStringLiteral("agent '%1' is listed twice").arg(agent.id));
                    continue;
                }
                p.m_agentById.insert(agent.id, int(p.m_agents.size()));
                p.m_agents.push_back(std::move(agent));
            }
        }
        p.m_drugClasses.push_back(std::move(dc));
    }
}

namespace {

struct FormulaSpec {
    const char *name;
    Formula formula;
    ValueType type;
    std::vector<std::pair<const char *, const char *>>
        roles; // role -> required canonical unit ("" = any, "enum" = enum)
};

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
        const QString path = indexPath(base, i++);
        ObjectView o(v, path, d, { "id", "label", "formula", "type", "citation" },
            { "unit", "decimals", "values", "inputs", "params", "note" });
        if (!o.isObject())
            continue;
        DerivedDef def;
        def.id = o.string("id").value_or(QString());
        def.label = o.string("label").value_or(QString());
        def.unit = o.string("unit").value_or(QString());
        def.citation = o.string("citation").value_or(QString());
        def.note = o.string("note").value_or(QString());
        def.decimals = int(o.integer("decimals").value_or(1));
        def.values = o.stringList("values").value_or(QStringList());
        const QString formula = o.string("formula").value_or(QString());
        const FormulaSpec *spec = nullptr;
        for (const auto &s : formulaSpecs()) {
            if (formula == QLatin1String(s.name))
                spec = &s;
        }
        if (!spec) {
            error(o.pathOf("formula"), QStringLiteral("unknown formula '%1'").arg(formula));
            continue;
        }
        def.formula = spec->formula;
        const auto type = parseType(o.string("type").value_or(QString()), true);
        if (!type || *type != spec->type) {
            error(o.pathOf("type"), QStringLiteral("formula '%1' gives %2").arg(formula, QLatin1String([&] {
                switch (spec->type) {
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
            }())));
            continue;
        }
        def.type = *type;
        def.slot = p.slotCount();
        addSymbol(def.id, SymbolKind::Derived, int(p.m_derived.size()), o.pathOf("id"));
        defs.emplace_back(&v, int(p.m_derived.size()));
        p.m_derived.push_back(std::move(def));
        if (spec->formula == Formula::PointsScore) {
            const Value *params = o.object("params");
            const Value *cat = params && params->HasMember("category") ? &(*params)["category"] : nullptr;
            const Value *cv = cat && cat->IsObject() && cat->HasMember("value") ? &(*cat)["value"] : nullptr;
            const QString cpath = childPath(childPath(childPath(o.path(), "params"), "category"), "value");
            if (!cv) {
                error(cpath, QStringLiteral("points_score needs params.category"));
                continue;
            }
            ObjectView co(*cv, cpath, d, { "id", "label", "values", "high_at" });
            if (!co.isObject())
                continue;
            DerivedDef cdef;
            cdef.id = co.string("id").value_or(QString());
            cdef.label = co.string("label").value_or(QString());
            cdef.values = co.stringList("values").value_or(QStringList());
            if (cdef.values.size() != 2)
                error(co.pathOf("values"), QStringLiteral("expected [low, high]"));
            cdef.highAt = int(co.integer("high_at").value_or(0));
            cdef.formula = Formula::PointsCategory;
            cdef.type = ValueType::Enum;
            cdef.decimals = 0;
            cdef.citation = p.m_derived.back().citation;
            cdef.note = p.m_derived.back().note;
            cdef.scoreSlot = p.m_derived.back().slot;
            cdef.slot = p.slotCount();
            cdef.dependencySlots.push_back(cdef.scoreSlot);
            addSymbol(cdef.id, SymbolKind::Derived, int(p.m_derived.size()), co.pathOf("id"));
            p.m_derived.push_back(std::move(cdef));
        }
    }
    if (!d.ok())
        return;
    // Pass 2: roles, parameters and formula-specific expressions.
    for (auto [json, index] : defs) {
        DerivedDef &def = p.m_derived[std::size_t(index)];
        const QString path = indexPath(base, std::distance(arr->Begin(), json));
        ObjectView o(*json, path, d, { "id", "label", "formula", "type", "citation" },
            { "unit", "decimals", "values", "inputs", "params", "note" });
        const FormulaSpec *spec = nullptr;
        for (const auto &s : formulaSpecs()) {
            if (s.formula == def.formula)
                spec = &s;
        }
        // Roles.
        const Value *inputs = o.get("inputs");
        if (!spec->roles.empty() && !inputs) {
            error(o.pathOf("inputs"), QStringLiteral("formula needs inputs"));
            continue;
        }
        if (inputs) {
            if (!inputs->IsObject()) {
                error(o.pathOf("inputs"), QStringLiteral("expected an object"));
                continue;
            }
            const QString ipath = o.pathOf("inputs");
            // The formula's role names are the closed key set.
            for (auto it = inputs->MemberBegin(); it != inputs->MemberEnd(); ++it) {
                bool known = false;
                for (const auto &r : spec->roles)
                    known = known || json::keyOf(it->name) == r.first;
                if (!known)
                    error(childPath(ipath, json::keyOf(it->name)), QStringLiteral("unknown role for formula"));
            }
            for (const auto &[role, unit] : spec->roles) {
                const auto member = inputs->FindMember(role);
                const Value *rv = member == inputs->MemberEnd() ? nullptr : &member->value;
                const QString rpath = childPath(ipath, role);
                if (!rv || !rv->IsString()) {
                    error(rpath, QStringLiteral("role '%1' needs an identifier").arg(QLatin1String(role)));
                    continue;
                }
                const QString target = json::toQString(*rv);
                const int slot = p.slotOf(target);
                if (slot < 0) {
                    error(rpath, QStringLiteral("unknown identifier '%1'").arg(target));
                    continue;
                }
                const QString want = QLatin1String(unit);
                const ValueType t = p.slotType(slot);
                if (want == QLatin1String("enum")) {
                    const QStringList *vals = p.slotValues(slot);
                    if (t != ValueType::Enum || !vals || !vals->contains(QStringLiteral("female"))
                        || !vals->contains(QStringLiteral("male")))
                        error(rpath, QStringLiteral("'%1' must be an enum with values female and male").arg(target));
                } else if (want == QLatin1String("date")) {
                    if (t != ValueType::Date)
                        error(rpath, QStringLiteral("'%1' must be a date").arg(target));
                } else if (!want.isEmpty()) {
                    if ((t != ValueType::Number && t != ValueType::Integer) || p.slotUnit(slot) != want)
                        error(rpath,
                            QStringLiteral("'%1' must be a number in %2 (the formula's unit)").arg(target, want));
                } else if (t != ValueType::Number) {
                    error(rpath, QStringLiteral("'%1' must be a number").arg(target));
                }
                def.inputSlots.push_back(slot);
                def.dependencySlots.push_back(slot);
            }
        }
        // Parameters.
        const Value *paramsV = o.get("params");
        auto paramsView = [&](std::initializer_list<std::string_view> keys) -> std::optional<ObjectView> {
            if (keys.size() == 0) {
                if (paramsV)
                    error(o.pathOf("params"), QStringLiteral("formula takes no parameters"));
                return std::nullopt;
            }
            if (!paramsV) {
                error(o.pathOf("params"), QStringLiteral("formula needs parameters"));
                return std::nullopt;
            }
            ObjectView pv(*paramsV, o.pathOf("params"), d, keys);
            if (!pv.isObject())
                return std::nullopt;
            return pv;
        };
        switch (def.formula) {
        case Formula::CkdEpi2021:
        case Formula::CockcroftGault:
        case Formula::MEasix:
        case Formula::OnOrBeforeAsOf:
            paramsView({});
            break;
        case Formula::FailedLines:
            paramsView({});
            def.pseudo.push_back(PseudoInput::FailedTherapies);
            break;
        case Formula::Easix:
            if (auto pv = paramsView({ "cutoff" }))
                numberParam(*pv, "cutoff", def);
            break;
        case Formula::PrednisoneEquivalent:
            def.pseudo.push_back(PseudoInput::Medications);
            if (auto pv = paramsView({ "reference_mg", "window_days" })) {
                numberParam(*pv, "reference_mg", def);
                numberParam(*pv, "window_days", def);
            }
            break;
        case Formula::LeukapheresisWashout:
            def.pseudo = { PseudoInput::Medications, PseudoInput::MedicationLastDose };
            if (auto pv = paramsView({ "gc_above_mg", "gc_days" })) {
                numberParam(*pv, "gc_above_mg", def);
                numberParam(*pv, "gc_days", def);
            }
            break;
        case Formula::TceWashout:
            def.pseudo = { PseudoInput::Medications, PseudoInput::MedicationLastDose };
            if (auto pv = paramsView({ "gc_at_least_mg", "gc_days", "stop_before_days" })) {
                numberParam(*pv, "gc_at_least_mg", def);
                numberParam(*pv, "gc_days", def);
                numberParam(*pv, "stop_before_days", def);
            }
            break;
        case Formula::OnAgent:
            def.pseudo.push_back(PseudoInput::Medications);
            if (auto pv = paramsView({ "agent" })) {
                const QString agent = pv->string("agent").value_or(QString());
                def.agent = p.agentIndex(agent);
                if (def.agent < 0)
                    error(pv->pathOf("agent"), QStringLiteral("unknown agent '%1'").arg(agent));
            }
            break;
        case Formula::Bands:
            if (auto pv = paramsView({ "bands" })) {
                Param prm;
                const Value *bands = paramValue(*pv, "bands", &prm);
                def.params.insert(QStringLiteral("bands"), prm);
                const QString bpath = childPath(pv->pathOf("bands"), "value");
                if (!bands || !bands->IsArray() || bands->Empty()) {
                    error(bpath, QStringLiteral("expected a non-empty array of {when, value}"));
                    break;
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
                        def.bands.emplace_back(std::move(*e), *value);
                    }
                }
            }
            break;
        case Formula::PointsScore:
            if (auto pv = paramsView({ "components", "category" })) {
                Param prm;
                const Value *comps = paramValue(*pv, "components", &prm);
                def.params.insert(QStringLiteral("components"), prm);
                Param cprm;
                paramValue(*pv, "category", &cprm);
                def.params.insert(QStringLiteral("category"), cprm);
                const QString cpath = childPath(pv->pathOf("components"), "value");
                if (!comps || !comps->IsArray() || comps->Empty()) {
                    error(cpath, QStringLiteral("expected a non-empty array of components"));
                    break;
                }
                qsizetype k = 0;
                for (const auto &c : comps->GetArray()) {
                    const QString compPath = indexPath(cpath, k++);
                    ObjectView co(c, compPath, d, { "input", "points" });
                    if (!co.isObject())
                        continue;
                    DerivedDef::Component comp;
                    const QString input = co.string("input").value_or(QString());
                    comp.slot = p.slotOf(input);
                    if (comp.slot < 0) {
                        error(co.pathOf("input"), QStringLiteral("unknown identifier '%1'").arg(input));
                        continue;
                    }
                    def.dependencySlots.push_back(comp.slot);
                    const Value *pts = co.array("points");
                    if (!pts)
                        continue;
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
                                    error(po.pathOf("when"),
                                        QStringLiteral("a component's conditions may only use '%1'").arg(input));
                            }
                            comp.points.emplace_back(std::move(*e), int(*points));
                        }
                    }
                    def.components.push_back(std::move(comp));
                }
                // The category's threshold is read here (its value object was validated in pass 1).
                for (auto &other : p.m_derived) {
                    if (other.formula == Formula::PointsCategory && other.scoreSlot == def.slot)
                        def.highAt = other.highAt;
                }
            }
            break;
        case Formula::PointsCategory:
            break;
        }
        auto number = [&def](const char *name) { return def.params.value(QLatin1String(name)).value; };
        def.referenceMg = number("reference_mg");
        def.windowDays = number("window_days");
        def.gcThresholdMg = def.formula == Formula::TceWashout ? number("gc_at_least_mg") : number("gc_above_mg");
        def.gcDays = number("gc_days");
        def.stopBeforeDays = number("stop_before_days");
    }
    // The washout formulas count glucocorticoids as current with the window of their input.
    for (DerivedDef &def : p.m_derived) {
        if (def.formula != Formula::LeukapheresisWashout && def.formula != Formula::TceWashout)
            continue;
        if (def.inputSlots.empty())
            continue;
        const int pred = p.derivedIndexOfSlot(def.inputSlots[0]);
        if (pred < 0 || p.m_derived[std::size_t(pred)].formula != Formula::PrednisoneEquivalent)
            error(base,
                QStringLiteral("'%1': input prednisone_equivalent must be a prednisone_equivalent value").arg(def.id));
        else
            def.windowDays = p.m_derived[std::size_t(pred)].windowDays;
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
            QStringLiteral("derived values depend on each other in a cycle: %1")
                .arg(cyclic.join(QStringLiteral(", "))));
        return;
    }
    std::vector<std::size_t> order;
    try {
        boost::topological_sort(g, std::back_inserter(order));
    } catch (const boost::not_a_dag &) {
        error(path, QStringLiteral("derived values depend on each other in a cycle"));
        return;
    }
    // topological_sort yields reverse topological order.
    for (auto it = order.crbegin(); it != order.crend(); ++it) // NOLINT(modernize-loop-convert): reverse order
        p.m_derivedOrder.push_back(int(*it));
}

std::vector<TemplatePart> PackLoader::parseTemplate(const QString &text, const QString &path)
{
    std::vector<TemplatePart> parts;
    if (text.trimmed().isEmpty()) {
        error(path, QStringLiteral("explanation must not be empty"));
        return parts;
    }
    QString literal;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        const bool doubled
            = (c == QLatin1Char('{') || c == QLatin1Char('}')) && i + 1 < text.size() && text[i + 1] == c;
        if (doubled) { // "{{" and "}}" are literal braces
            literal += c;
            ++i;
        } else if (c == QLatin1Char('{')) {
            const qsizetype close = text.indexOf(QLatin1Char('}'), i);
            if (close < 0) {
                error(path, QStringLiteral("unclosed '{' at character %1").arg(i + 1));
                return parts;
            }
            // {id} or {id|unit}: the unit is printed after the value only when the value is known.
            const QString inner = text.mid(i + 1, close - i - 1);
            const qsizetype bar = inner.indexOf(QLatin1Char('|'));
            const QString name = bar < 0 ? inner : inner.left(bar);
            const QString unit = bar < 0 ? QString() : inner.mid(bar + 1);
            const int slot = p.slotOf(name);
            if (slot < 0) {
                error(path, QStringLiteral("unknown identifier '{%1}' in template").arg(name));
            } else if (bar >= 0 && unit.trimmed().isEmpty()) {
                error(path, QStringLiteral("empty unit in '{%1}' at character %2").arg(inner).arg(i + 1));
            } else if (unit.contains(QLatin1Char('{')) || unit.contains(QLatin1Char('|'))) {
                error(
                    path, QStringLiteral("'{' or '|' inside the unit of '{%1}' at character %2").arg(inner).arg(i + 1));
            } else if (bar >= 0 && p.slotType(slot) != ValueType::Number && p.slotType(slot) != ValueType::Integer) {
                error(path,
                    QStringLiteral("'{%1}': a unit is allowed only after a number, and '%2' is not a number")
                        .arg(inner, name));
            } else {
                if (!literal.isEmpty())
                    parts.push_back({ literal, -1 });
                literal.clear();
                parts.push_back({ unit, slot });
            }
            i = close;
        } else if (c == QLatin1Char('}')) {
            error(path, QStringLiteral("unmatched '}' at character %1 (write '}}' for a literal brace)").arg(i + 1));
            return parts;
        } else {
            literal += c;
        }
    }
    if (!literal.isEmpty())
        parts.push_back({ literal, -1 });
    return parts;
}

int PackLoader::subOptionIndex(int arm, const QString &id) const
{
    const auto &subs = p.m_arms[std::size_t(arm)].subOptions;
    for (std::size_t i = 0; i < subs.size(); ++i) {
        if (subs[i].id == id)
            return int(i);
    }
    return -1;
}

void PackLoader::loadCriteria(const ObjectView &top)
{
    const Value *arr = top.array("criteria");
    if (!arr)
        return;
    QSet<QString> ids;
    qsizetype i = 0;
    for (const auto &c : arr->GetArray()) {
        const QString path = indexPath(top.pathOf("criteria"), i++);
        ObjectView o(c, path, d, { "id", "arm", "severity", "condition", "explanation", "source", "evidence" },
            { "sub_option", "applies_when", "explanation_by_state" });
        if (!o.isObject())
            continue;
        Criterion cr;
        cr.id = o.string("id").value_or(QString());
        if (ids.contains(cr.id))
            error(o.pathOf("id"), QStringLiteral("criterion '%1' is defined twice").arg(cr.id));
        ids.insert(cr.id);
        const QString arm = o.string("arm").value_or(QString());
        cr.arm = armIndex(arm);
        if (cr.arm < 0) {
            if (o.has("arm")) // a missing key is already reported
                error(o.pathOf("arm"), QStringLiteral("unknown arm '%1'").arg(arm));
            continue;
        }
        if (auto sub = o.string("sub_option")) {
            cr.subOption = subOptionIndex(cr.arm, *sub);
            if (cr.subOption < 0)
                error(o.pathOf("sub_option"), QStringLiteral("arm '%1' has no sub-option '%2'").arg(arm, *sub));
        }
        const QString sev = o.string("severity").value_or(QString());
        if (sev == QLatin1String("exclusion"))
            cr.severity = Severity::Exclusion;
        else if (sev == QLatin1String("caution"))
            cr.severity = Severity::Caution;
        else if (sev == QLatin1String("info"))
            cr.severity = Severity::Info;
        else
            error(o.pathOf("severity"), QStringLiteral("expected exclusion, caution or info"));
        if (o.has("applies_when")) {
            if (auto e = expression(o, "applies_when", cr.id)) {
                cr.applies = std::move(*e);
                cr.hasApplies = true;
            }
        }
        if (auto e = expression(o, "condition", cr.id))
            cr.condition = std::move(*e);
        if (auto text = o.string("explanation")) {
            cr.explanationTemplate = *text;
            cr.explanation = parseTemplate(cr.explanationTemplate, o.pathOf("explanation"));
        }
        if (o.has("explanation_by_state")) {
            // Every key optional; the same placeholder checks as the neutral template.
            ObjectView by(*o.get("explanation_by_state"), o.pathOf("explanation_by_state"), d, {},
                { "met", "not_met", "unknown", "not_applicable" });
            if (by.isObject()) {
                for (CriterionState st : { CriterionState::Met, CriterionState::NotMet, CriterionState::Unknown,
                         CriterionState::NotApplicable }) {
                    const std::string_view key = toString(st);
                    const auto i = std::size_t(st);
                    if (auto text = by.string(key)) {
                        cr.stateExplanations[i] = parseTemplate(*text, by.pathOf(key));
                        cr.stateTemplates[i] = *text;
                    }
                }
            }
        }
        cr.source = o.string("source").value_or(QString());
        cr.evidence = o.string("evidence").value_or(QString());
        for (const Expression *e : { &cr.applies, &cr.condition }) {
            for (int s : e->referencedSlots()) {
                if (std::find(cr.slots.begin(), cr.slots.end(), s) == cr.slots.end())
                    cr.slots.push_back(s);
            }
        }
        p.m_criteria.push_back(std::move(cr));
    }
}

std::optional<DayOffset> PackLoader::offset(
    const Value &v, const QString &path, const LogisticsDef &def, int pointsSoFar)
{
    ObjectView o(v, path, d, { "from" }, { "days", "months", "min" });
    if (!o.isObject())
        return std::nullopt;
    DayOffset off;
    const QString from = o.string("from").value_or(QString());
    if (from == QLatin1String("as_of")) {
        off.from = DayOffset::From::AsOf;
    } else {
        int point = -1;
        for (int k = 0; k < pointsSoFar; ++k) {
            if (def.points[std::size_t(k)].first == from)
                point = k;
        }
        if (point >= 0) {
            off.from = DayOffset::From::Point;
            off.ref = point;
        } else {
            const int slot = p.slotOf(from);
            if (slot < 0 || p.slotType(slot) != ValueType::Date) {
                error(o.pathOf("from"),
                    QStringLiteral("'%1' is not as_of, an earlier point or a date-valued derived value").arg(from));
                return std::nullopt;
            }
            off.from = DayOffset::From::DerivedDate;
            off.ref = slot;
        }
    }
    if (const Value *days = o.get("days")) {
        if (days->IsInt()) {
            off.daysKind = DayOffset::Days::Fixed;
            off.days = days->GetInt();
        } else if (days->IsObject() && days->HasMember("param")) {
            ObjectView po(*days, o.pathOf("days"), d, { "param" });
            off.daysKind = DayOffset::Days::Param;
            off.param = po.string("param").value_or(QString());
            if (!def.parameters.contains(off.param))
                error(po.pathOf("param"), QStringLiteral("unknown parameter '%1'").arg(off.param));
        } else if (days->IsObject()) {
            off.daysKind = DayOffset::Days::PerJurisdiction;
            off.perJurisdiction.assign(std::size_t(p.m_jurisdictions.size()), 0);
            for (auto it = days->MemberBegin(); it != days->MemberEnd(); ++it) {
                const QString j = json::toQString(it->name);
                const qsizetype idx = p.m_jurisdictions.indexOf(j);
                if (idx < 0)
                    error(childPath(o.pathOf("days"), json::keyOf(it->name)), QStringLiteral("unknown jurisdiction"));
                else if (!it->value.IsInt())
                    error(childPath(o.pathOf("days"), json::keyOf(it->name)), QStringLiteral("expected an integer"));
                else
                    off.perJurisdiction[std::size_t(idx)] = it->value.GetInt();
            }
            if (qsizetype(days->MemberCount()) != p.m_jurisdictions.size())
                error(o.pathOf("days"),
                    QStringLiteral("needs one value per jurisdiction (%1)")
                        .arg(p.m_jurisdictions.join(QStringLiteral(", "))));
        } else {
            error(o.pathOf("days"),
                QStringLiteral("expected an integer, {\"param\": name} or a per-jurisdiction object"));
        }
    }
    off.months = int(o.integer("months").value_or(0));
    if (auto m = o.integer("min")) {
        off.hasMin = true;
        off.min = int(*m);
    }
    return off;
}

std::optional<PhaseDef> PackLoader::phase(const Value &v, const QString &path, const LogisticsDef &def)
{
    ObjectView o(v, path, d, { "phase", "start", "end", "note", "evidence" }, { "omit_if_empty" });
    if (!o.isObject())
        return std::nullopt;
    PhaseDef ph;
    ph.phase = o.string("phase").value_or(QString());
    ph.note = o.string("note").value_or(QString());
    ph.evidence = o.string("evidence").value_or(QString());
    ph.omitIfEmpty = o.boolean("omit_if_empty").value_or(false);
    if (const Value *s = o.get("start")) {
        auto off = offset(*s, o.pathOf("start"), def, int(def.points.size()));
        if (!off)
            return std::nullopt;
        ph.start = *off;
    }
    if (const Value *e = o.get("end"); e && !e->IsNull()) {
        auto off = offset(*e, o.pathOf("end"), def, int(def.points.size()));
        if (!off)
            return std::nullopt;
        ph.end = *off;
        ph.hasEnd = true;
    }
    return ph;
}

std::vector<PhaseDef> PackLoader::phases(const Value *arr, const QString &path, const LogisticsDef &def)
{
    std::vector<PhaseDef> out;
    if (!arr)
        return out;
    if (!arr->IsArray()) {
        error(path, QStringLiteral("expected an array"));
        return out;
    }
    qsizetype i = 0;
    for (const auto &v : arr->GetArray()) {
        if (auto ph = phase(v, indexPath(path, i++), def))
            out.push_back(std::move(*ph));
    }
    return out;
}

PackFact PackLoader::fact(const ObjectView &o, std::string_view key)
{
    PackFact f;
    const Value *v = o.get(key);
    if (!v)
        return f;
    ObjectView fo(*v, o.pathOf(key), d, { "value", "source", "evidence" }, { "note" });
    if (!fo.isObject())
        return f;
    f.source = fo.string("source").value_or(QString());
    f.evidence = fo.string("evidence").value_or(QString());
    f.note = fo.string("note").value_or(QString());
    const Value *val = fo.get("value");
    if (val && val->IsNumber()) {
        f.kind = PackFact::Kind::Number;
        f.number = val->GetDouble();
    } else if (val && val->IsBool()) {
        f.kind = PackFact::Kind::Bool;
        f.boolean = val->GetBool();
    } else if (val && !val->IsNull()) {
        error(fo.pathOf("value"), QStringLiteral("expected a number, a boolean or null"));
    }
    return f;
}

void PackLoader::loadLogistics(const ObjectView &top)
{
    const Value *obj = top.object("logistics");
    if (!obj)
        return;
    ObjectView lo(*obj, top.pathOf("logistics"), d,
        { "autologous_car_t", "allogeneic_car_t", "bispecific_tce", "standard_care" });
    for (int arm = 0; arm < kArmCount; ++arm) {
        const char *armId = kArmIds[std::size_t(arm)];
        const Value *v = lo.get(armId);
        if (!v)
            continue;
        const QString path = lo.pathOf(armId);
        ObjectView o(*v, path, d,
            { "earliest_start", "phases", "inpatient_days", "caregiver_required", "long_term_follow_up_years",
                "centre_requirements", "notes" },
            { "parameters", "points", "time_to_treatment", "variants" });
        if (!o.isObject())
            continue;
        LogisticsDef &def = p.m_logistics[std::size_t(arm)];
        const QString es = o.string("earliest_start").value_or(QString());
        if (es != QLatin1String("as_of")) {
            def.earliestStartSlot = p.slotOf(es);
            if (def.earliestStartSlot < 0 || p.slotType(def.earliestStartSlot) != ValueType::Date)
                error(o.pathOf("earliest_start"),
                    QStringLiteral("'%1' is not as_of or a date-valued derived value").arg(es));
        }
        if (const Value *params = o.object("parameters")) {
            for (auto it = params->MemberBegin(); it != params->MemberEnd(); ++it) {
                const QString ppath = childPath(o.pathOf("parameters"), json::keyOf(it->name));
                ObjectView po(it->value, ppath, d, { "value", "source", "evidence" }, { "note" });
                if (!po.isObject())
                    continue;
                Param prm;
                prm.value = po.number("value").value_or(kUnknown);
                prm.source = po.string("source").value_or(QString());
                prm.evidence = po.string("evidence").value_or(QString());
                prm.note = po.string("note").value_or(QString());
                def.parameters.insert(json::toQString(it->name), prm);
            }
        }
        if (const Value *points = o.object("points")) {
            for (auto it = points->MemberBegin(); it != points->MemberEnd(); ++it) {
                const QString name = json::toQString(it->name);
                auto off = offset(
                    it->value, childPath(o.pathOf("points"), json::keyOf(it->name)), def, int(def.points.size()));
                if (off)
                    def.points.emplace_back(name, *off);
            }
        }
        if (auto ttt = o.string("time_to_treatment")) {
            for (std::size_t k = 0; k < def.points.size(); ++k) {
                if (def.points[k].first == *ttt)
                    def.timeToTreatmentPoint = int(k);
            }
            if (def.timeToTreatmentPoint < 0)
                error(o.pathOf("time_to_treatment"), QStringLiteral("unknown point '%1'").arg(*ttt));
        }
        def.phases = phases(o.array("phases"), o.pathOf("phases"), def);
        if (const Value *variants = o.array("variants")) {
            qsizetype k = 0;
            for (const auto &vv : variants->GetArray()) {
                const QString vpath = indexPath(o.pathOf("variants"), k++);
                ObjectView vo(vv, vpath, d, { "when", "label", "phases" }, { "note" });
                if (!vo.isObject())
                    continue;
                LogisticsDef::Variant variant;
                if (auto e = expression(vo, "when", QLatin1String(armId)))
                    variant.when = std::move(*e);
                variant.label = vo.string("label").value_or(QString());
                variant.note = vo.string("note").value_or(QString());
                variant.phases = phases(vo.array("phases"), vo.pathOf("phases"), def);
                def.variants.push_back(std::move(variant));
            }
        }
        def.inpatientDays = fact(o, "inpatient_days");
        def.caregiverRequired = fact(o, "caregiver_required");
        def.longTermFollowUpYears = fact(o, "long_term_follow_up_years");
        def.centreRequirements = o.stringList("centre_requirements").value_or(QStringList());
        def.notes = o.stringList("notes").value_or(QStringList());
    }
}

void PackLoader::loadToxicity(const ObjectView &top)
{
    const Value *obj = top.object("toxicity");
    if (!obj)
        return;
    ObjectView to(
        *obj, top.pathOf("toxicity"), d, { "autologous_car_t", "allogeneic_car_t", "bispecific_tce", "standard_care" });
    static const QStringList kinds = { QStringLiteral("aid_cohort"), QStringLiteral("oncology_reference"),
        QStringLiteral("label"), QStringLiteral("not_found"), QStringLiteral("not_applicable") };
    for (int arm = 0; arm < kArmCount; ++arm) {
        const char *armId = kArmIds[std::size_t(arm)];
        const Value *arr = to.array(armId);
        if (!arr)
            continue;
        qsizetype i = 0;
        for (const auto &v : arr->GetArray()) {
            const QString path = indexPath(to.pathOf(armId), i++);
            ObjectView o(v, path, d, { "risk", "kind", "population", "summary", "source", "evidence" },
                { "any_grade_percent", "grade3plus_percent", "events", "n", "follow_up", "sub_option", "show_when" });
            if (!o.isObject())
                continue;
            ToxicityEntry e;
            e.risk = o.string("risk").value_or(QString());
            e.kind = o.string("kind").value_or(QString());
            if (o.has("kind") && !kinds.contains(e.kind))
                error(o.pathOf("kind"),
                    QStringLiteral("expected aid_cohort, oncology_reference, label, not_found or not_applicable"));
            e.anyGradePercent = o.number("any_grade_percent").value_or(kUnknown);
            e.grade3PlusPercent = o.number("grade3plus_percent").value_or(kUnknown);
            e.events = o.integer("events").value_or(-1);
            e.n = o.integer("n").value_or(-1);
            for (auto key : { "any_grade_percent", "grade3plus_percent" }) {
                if (auto pct = o.number(key); pct && (*pct < 0 || *pct > 100))
                    error(o.pathOf(key), QStringLiteral("a percentage must be within 0–100"));
            }
            if (e.kind == QLatin1String("aid_cohort") && (o.has("any_grade_percent") || o.has("grade3plus_percent"))
                && e.n <= 0)
                error(o.pathOf("n"), QStringLiteral("an autoimmune-cohort rate needs its n"));
            e.population = o.string("population").value_or(QString());
            e.followUp = o.string("follow_up").value_or(QString());
            e.summary = o.string("summary").value_or(QString());
            e.source = o.string("source").value_or(QString());
            e.evidence = o.string("evidence").value_or(QString());
            if (auto sub = o.string("sub_option")) {
                e.subOption = subOptionIndex(arm, *sub);
                if (e.subOption < 0)
                    error(o.pathOf("sub_option"), QStringLiteral("arm has no sub-option '%1'").arg(*sub));
            }
            if (o.has("show_when")) {
                if (auto ex = expression(o, "show_when", e.risk)) {
                    e.showWhen = std::move(*ex);
                    e.hasShowWhen = true;
                }
            }
            p.m_toxicity[std::size_t(arm)].push_back(std::move(e));
        }
    }
}

void PackLoader::loadModifiers(const ObjectView &top)
{
    const Value *arr = top.array("modifiers");
    if (!arr)
        return;
    qsizetype i = 0;
    for (const auto &v : arr->GetArray()) {
        const QString path = indexPath(top.pathOf("modifiers"), i++);
        ObjectView o(v, path, d, { "id", "label", "when", "arms", "text", "source", "evidence" });
        if (!o.isObject())
            continue;
        Modifier m;
        m.id = o.string("id").value_or(QString());
        m.label = o.string("label").value_or(QString());
        if (auto e = expression(o, "when", m.id))
            m.when = std::move(*e);
        const QStringList arms = o.stringList("arms").value_or(QStringList());
        for (const QString &a : arms) {
            const int idx = armIndex(a);
            if (idx < 0)
                error(o.pathOf("arms"), QStringLiteral("unknown arm '%1'").arg(a));
            else
                m.arms[std::size_t(idx)] = true;
        }
        m.text = o.string("text").value_or(QString());
        m.source = o.string("source").value_or(QString());
        m.evidence = o.string("evidence").value_or(QString());
        p.m_modifiers.push_back(std::move(m));
    }
}

namespace {

QByteArray serialise(const Value &v)
{
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    v.Accept(writer);
    return QByteArray(buffer.GetString(), qsizetype(buffer.GetSize()));
}

} // namespace

void PackLoader::loadVignettes(const ObjectView &top)
{
    const Value *arr = top.array("vignettes");
    if (!arr)
        return;
    QHash<QString, int> byId;
    qsizetype i = 0;
    for (const auto &v : arr->GetArray()) {
        const QString path = indexPath(top.pathOf("vignettes"), i++);
        ObjectView o(v, path, d, { "id", "title", "expected" }, { "case", "base", "remove_facts", "set_facts" });
        if (!o.isObject())
            continue;
        Vignette vig;
        vig.id = o.string("id").value_or(QString());
        vig.title = o.string("title").value_or(QString());
        if (byId.contains(vig.id))
            error(o.pathOf("id"), QStringLiteral("vignette '%1' is defined twice").arg(vig.id));
        if (const Value *c = o.object("case")) {
            if (o.has("base") || o.has("remove_facts") || o.has("set_facts"))
                error(path, QStringLiteral("a vignette has either case or base (with remove_facts/set_facts)"));
            vig.caseJson = serialise(*c);
        } else if (auto base = o.string("base")) {
            const int b = byId.value(*base, -1);
            if (b < 0) {
                error(o.pathOf("base"), QStringLiteral("unknown earlier vignette '%1'").arg(*base));
                continue;
            }
            json::Document doc;
            const QByteArray &baseJson = p.m_vignettes[std::size_t(b)].caseJson;
            doc.Parse(baseJson.constData(), size_t(baseJson.size()));
            if (!doc.IsObject() || !doc.HasMember("facts") || !doc["facts"].IsObject()) {
                error(o.pathOf("base"), QStringLiteral("the base case has no facts object"));
                continue;
            }
            Value &facts = doc["facts"];
            for (const QString &f : o.stringList("remove_facts").value_or(QStringList())) {
                const QByteArray key = f.toUtf8();
                if (!facts.RemoveMember(key.constData()))
                    error(o.pathOf("remove_facts"), QStringLiteral("the base case has no fact '%1'").arg(f));
            }
            if (const Value *set = o.object("set_facts")) {
                for (auto it = set->MemberBegin(); it != set->MemberEnd(); ++it) {
                    Value key(it->name, doc.GetAllocator());
                    Value val(it->value, doc.GetAllocator());
                    facts.RemoveMember(it->name.GetString());
                    facts.AddMember(key, val, doc.GetAllocator());
                }
            }
            vig.caseJson = serialise(doc);
        } else {
            error(path, QStringLiteral("a vignette needs case or base"));
            continue;
        }
        const Value *expected = o.object("expected");
        if (expected) {
            ObjectView eo(*expected, o.pathOf("expected"), d, { "arms" }, { "derived" });
            if (const Value *der = eo.object("derived")) {
                for (auto it = der->MemberBegin(); it != der->MemberEnd(); ++it) {
                    const QString id = json::toQString(it->name);
                    const QString dpath = childPath(eo.pathOf("derived"), json::keyOf(it->name));
                    const int slot = p.slotOf(id);
                    if (slot < 0 || p.derivedIndexOfSlot(slot) < 0)
                        error(dpath, QStringLiteral("'%1' is not a derived value").arg(id));
                    else if (it->value.IsNumber())
                        vig.expectedNumbers.emplace_back(id, it->value.GetDouble());
                    else if (it->value.IsString())
                        vig.expectedText.emplace_back(id, json::toQString(it->value));
                    else
                        error(dpath, QStringLiteral("expected a number or a string"));
                }
            }
            if (const Value *arms = eo.object("arms")) {
                for (auto it = arms->MemberBegin(); it != arms->MemberEnd(); ++it) {
                    const QString key = json::toQString(it->name);
                    const QString apath = childPath(eo.pathOf("arms"), json::keyOf(it->name));
                    const QStringList parts = key.split(QLatin1Char('/'));
                    const int arm = armIndex(parts.first());
                    if (arm < 0 || parts.size() > 2 || (parts.size() == 2 && subOptionIndex(arm, parts[1]) < 0)) {
                        error(apath, QStringLiteral("unknown arm or sub-option '%1'").arg(key));
                        continue;
                    }
                    ObjectView xo(it->value, apath, d,
                        { "verdict", "deciding", "other_not_met", "missing_inputs", "other_unknown" });
                    if (!xo.isObject())
                        continue;
                    VignetteExpectation x;
                    x.verdict = xo.string("verdict").value_or(QString());
                    x.deciding = xo.stringList("deciding").value_or(QStringList());
                    x.otherNotMet = xo.stringList("other_not_met").value_or(QStringList());
                    x.missingInputs = xo.stringList("missing_inputs").value_or(QStringList());
                    x.otherUnknown = xo.stringList("other_unknown").value_or(QStringList());
                    vig.arms.emplace_back(key, x);
                }
            }
        }
        byId.insert(vig.id, int(p.m_vignettes.size()));
        p.m_vignettes.push_back(std::move(vig));
    }
}

std::unique_ptr<RulePack> RulePack::load(const QByteArray &bytes, json::Diagnostics &diag)
{
    json::Document doc;
    if (!json::parseStrict(bytes, doc, diag, json::Limits { qsizetype(4) * 1024 * 1024, 64 }))
        return nullptr;
    std::unique_ptr<RulePack> pack(new RulePack);
    pack->m_bytes = bytes;
    pack->m_sha256 = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    PackLoader loader(*pack, diag);
    loader.load(doc);
    if (!diag.ok())
        return nullptr;
    return pack;
}

std::unique_ptr<RulePack> RulePack::loadFile(const QString &path, json::Diagnostics &diag)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        diag.error(QStringLiteral("$"), QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
        return nullptr;
    }
    return load(f.readAll(), diag);
}

const char *RulePack::builtinExpectedSha256()
{
    return CONSILIUM_BUILTIN_PACK_SHA256;
}

QByteArray RulePack::builtinBytes()
{
    initPackResources();
    QFile f(QStringLiteral(":/packs/consilium-reference.json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

const RulePack &RulePack::builtin()
{
    static const std::unique_ptr<RulePack> pack = [] {
        json::Diagnostics diag;
        auto p = load(builtinBytes(), diag);
        if (!p)
            qFatal("The built-in rule pack is invalid: %s", qPrintable(diag.lines().join(QLatin1Char('\n'))));
        if (p->sha256() != QLatin1String(builtinExpectedSha256()))
            qFatal(
                "The built-in rule pack's sha256 %s differs from the one recorded at build time (%s); refusing to run",
                qPrintable(p->sha256()), builtinExpectedSha256());
        return p;
    }();
    return *pack;
}

} // namespace consilium
