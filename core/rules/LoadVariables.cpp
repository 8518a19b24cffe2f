// SPDX-License-Identifier: GPL-3.0-or-later
// The pack's variables and drug_classes sections (resources/packs/FORMAT.md).
#include "rules/PackLoader.h"

namespace consilium {

using json::childPath;
using json::indexPath;
using json::Value;
namespace FindingCode = json::FindingCode;

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
        var.label = text(o, "label", textKey(u"variable", var.id, u"label")).value_or(QString());
        var.group = o.string("group").value_or(QString());
        var.note = text(o, "note", textKey(u"variable", var.id, u"note")).value_or(QString());
        const auto type = parseType(o.string("type").value_or(QString()), false);
        if (!type) {
            error(o.pathOf("type"), QStringLiteral("expected number, integer, bool or enum"), FindingCode::Enum);
            continue;
        }
        var.type = *type;
        const bool numeric = var.type == ValueType::Number || var.type == ValueType::Integer;
        if (numeric) {
            var.unit = o.string("unit").value_or(QString());
            if (!o.has("unit"))
                error(o.pathOf("unit"), QStringLiteral("a numeric variable needs a canonical unit"), FindingCode::Unit);
            var.bareNumber = o.boolean("bare_number").value_or(false);
            var.decimals = int(o.integer("decimals").value_or(var.type == ValueType::Integer ? 0 : 1));
            if (const Value *units = o.array("units")) {
                loadUnits(*units, o.pathOf("units"), var);
            } else if (!var.bareNumber) {
                error(o.pathOf("units"), QStringLiteral("a numeric variable needs accepted units or bare_number"),
                    FindingCode::Unit);
            }
            if (const Value *range = o.array("range")) {
                if (range->Size() != 2 || !(*range)[0].IsNumber() || !(*range)[1].IsNumber()
                    || (*range)[0].GetDouble() > (*range)[1].GetDouble()) {
                    error(o.pathOf("range"), QStringLiteral("expected [min, max] with min <= max"), FindingCode::Range);
                } else {
                    var.hasRange = true;
                    var.rangeMin = (*range)[0].GetDouble();
                    var.rangeMax = (*range)[1].GetDouble();
                }
            }
            if (const Value *defaults = o.object("default_unit"))
                loadDefaultUnits(*defaults, o.pathOf("default_unit"), var);
        } else {
            for (auto k : { "unit", "units", "bare_number", "range", "decimals", "default_unit" }) {
                if (o.has(k))
                    error(o.pathOf(k), QStringLiteral("only numeric variables have '%1'").arg(QLatin1String(k)),
                        FindingCode::UnknownKey);
            }
        }
        if (var.type == ValueType::Enum) {
            var.values = o.stringList("values").value_or(QStringList());
            if (var.values.isEmpty() || var.values.size() > 64)
                error(o.pathOf("values"), QStringLiteral("an enum needs 1 to 64 values"), FindingCode::Range);
            if (var.values.removeDuplicates() > 0)
                error(o.pathOf("values"), QStringLiteral("duplicate enum value"), FindingCode::Duplicate);
        } else if (o.has("values")) {
            error(o.pathOf("values"), QStringLiteral("only enum variables have values"), FindingCode::UnknownKey);
        }
        addSymbol(var.id, SymbolKind::Variable, int(p.m_variables.size()), o.pathOf("id"));
        p.m_variables.push_back(std::move(var));
    }
}

// A numeric variable's accepted units: {"unit", "multiply" | "divide", "source"?, "evidence"?}.
void PackLoader::loadUnits(const Value &units, const QString &path, Variable &var)
{
    qsizetype j = 0;
    for (const auto &u : units.GetArray()) {
        const QString upath = indexPath(path, j++);
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
            error(upath, QStringLiteral("exactly one of multiply or divide is required"), FindingCode::Invalid);
            continue;
        }
        conv.divide = div.has_value();
        conv.factor = div.value_or(mul.value_or(1.0));
        if (!(conv.factor > 0)) {
            error(upath, QStringLiteral("the conversion factor must be positive"), FindingCode::Range);
            continue;
        }
        if (var.findUnit(conv.unit))
            error(
                uo.pathOf("unit"), QStringLiteral("unit '%1' is listed twice").arg(conv.unit), FindingCode::Duplicate);
        var.units.push_back(conv);
    }
}

// The unit a form offers first, per jurisdiction; each one of the variable's accepted units.
void PackLoader::loadDefaultUnits(const Value &defaults, const QString &path, Variable &var)
{
    for (auto it = defaults.MemberBegin(); it != defaults.MemberEnd(); ++it) {
        const QString upath = childPath(path, json::keyOf(it->name));
        const QString j = json::toQString(it->name);
        if (!p.m_jurisdictions.contains(j)) {
            error(upath,
                QStringLiteral("unknown jurisdiction '%1' (the pack covers %2)")
                    .arg(j, p.m_jurisdictions.join(QStringLiteral(", "))),
                FindingCode::Reference);
            continue;
        }
        if (!it->value.IsString()) {
            error(upath, QStringLiteral("expected a unit string"), FindingCode::Type);
            continue;
        }
        const QString u = normaliseUnit(json::toQString(it->value));
        if (!var.findUnit(u)) {
            error(upath, QStringLiteral("'%1' is not an accepted unit of %2").arg(u, var.id), FindingCode::Unit);
            continue;
        }
        var.defaultUnits.emplace_back(j, u);
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
        dc.label = text(o, "label", textKey(u"drug_class", dc.id, u"label")).value_or(QString());
        dc.note = text(o, "note", textKey(u"drug_class", dc.id, u"note")).value_or(QString());
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
            error(o.pathOf("kind"), QStringLiteral("expected glucocorticoid, none, immunosuppressant or not_listed"),
                FindingCode::Enum);
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
            error(o.pathOf("bispecific"), QStringLiteral("expected none, glucocorticoid, stop_before or ignored"),
                FindingCode::Enum);
        if (const Value *w = o.get("washout"); w && !w->IsNull()) {
            ObjectView wo(*w, o.pathOf("washout"), d, {}, { "days", "months" });
            const auto days = wo.integer("days");
            const auto months = wo.integer("months");
            if (days.has_value() == months.has_value() || days.value_or(0) < 0 || months.value_or(0) < 0) {
                error(o.pathOf("washout"),
                    QStringLiteral("expected {\"days\": N} or {\"months\": N} with N >= 0, or null"),
                    FindingCode::Invalid);
            } else {
                dc.hasWashout = true;
                dc.washoutDays = int(days.value_or(0));
                dc.washoutMonths = int(months.value_or(0));
            }
        }
        const int classIndex = int(p.m_drugClasses.size());
        if (const Value *agents = o.array("agents"))
            loadAgents(*agents, o.pathOf("agents"), dc, classIndex);
        p.m_drugClasses.push_back(std::move(dc));
    }
}

// A drug class's agents; agent ids are unique across classes.
void PackLoader::loadAgents(const Value &agents, const QString &path, const DrugClass &dc, int classIndex)
{
    qsizetype j = 0;
    for (const auto &a : agents.GetArray()) {
        ObjectView ao(a, indexPath(path, j++), d, { "id", "label" }, { "prednisone_equivalent_mg" });
        if (!ao.isObject())
            continue;
        Agent agent;
        agent.id = ao.string("id").value_or(QString());
        agent.label = text(ao, "label", textKey(u"agent", agent.id, u"label")).value_or(QString());
        agent.drugClass = classIndex;
        if (auto eq = ao.number("prednisone_equivalent_mg")) {
            if (dc.kind != DrugKind::Glucocorticoid || !(*eq > 0))
                error(ao.pathOf("prednisone_equivalent_mg"),
                    QStringLiteral("only glucocorticoids have a positive prednisone equivalent"), FindingCode::Invalid);
            agent.prednisoneEquivalentMg = *eq;
        } else if (dc.kind == DrugKind::Glucocorticoid) {
            error(ao.pathOf("prednisone_equivalent_mg"),
                QStringLiteral("a glucocorticoid needs its prednisone equivalent"), FindingCode::Required);
        }
        if (p.m_agentById.contains(agent.id)) {
            error(ao.pathOf("id"), QStringLiteral("agent '%1' is listed twice").arg(agent.id), FindingCode::Duplicate);
            continue;
        }
        p.m_agentById.insert(agent.id, int(p.m_agents.size()));
        p.m_agents.push_back(std::move(agent));
    }
}

} // namespace consilium
