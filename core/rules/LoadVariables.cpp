// SPDX-License-Identifier: GPL-3.0-or-later
// The pack's variables and drug_classes sections (resources/packs/FORMAT.md).
#include "rules/PackLoader.h"

namespace consilium {

using json::childPath;
using json::indexPath;
using json::ObjectView;
using json::Value;

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

} // namespace consilium
