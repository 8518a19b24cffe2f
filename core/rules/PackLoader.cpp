// SPDX-License-Identifier: GPL-3.0-or-later
// Loading a consilium-pack/1 rule pack (resources/packs/FORMAT.md): top-level keys, arms, identifiers.
#include "rules/PackLoader.h"

#include <QRegularExpression>

namespace consilium {

using json::childPath;
using json::indexPath;
using json::Value;
namespace FindingCode = json::FindingCode;

std::optional<Expression> PackLoader::expression(const ObjectView &o, std::string_view key, const QString &owner)
{
    auto text = o.string(key);
    if (!text)
        return std::nullopt;
    QString err;
    auto e = Expression::compile(
        *text, [this](const QString &n) { return lookup(n); }, err);
    if (!e) {
        error(o.pathOf(key), owner + QStringLiteral(": ") + err, FindingCode::Expression);
        return std::nullopt;
    }
    return e;
}

const Value *PackLoader::paramValue(const ObjectView &params, std::string_view key, Param *out)
{
    const Value *v = params.get(key);
    if (!v) {
        error(params.pathOf(key), QStringLiteral("required parameter is missing"), FindingCode::Required);
        return nullptr;
    }
    ObjectView po(*v, params.pathOf(key), d, { "value", "source", "evidence" }, { "note" });
    if (!po.isObject())
        return nullptr;
    const Value *value = po.get("value");
    if (out) {
        out->source = po.string("source").value_or(QString());
        out->evidence = po.string("evidence").value_or(QString());
        out->note = pathText(po, "note").value_or(QString());
        if (value && value->IsNumber())
            out->value = value->GetDouble();
    } else {
        po.string("source");
        po.string("evidence");
        pathText(po, "note");
    }
    return value;
}

std::optional<double> PackLoader::numberParam(const ObjectView &params, std::string_view key, Param &out)
{
    Param prm;
    const Value *v = paramValue(params, key, &prm);
    if (!v)
        return std::nullopt;
    if (!v->IsNumber()) {
        error(childPath(params.pathOf(key), "value"),
            QStringLiteral("expected a number, found %1").arg(json::typeName(*v)), FindingCode::Type);
        return std::nullopt;
    }
    out = prm;
    return prm.value;
}

void PackLoader::addSymbol(const QString &id, SymbolKind kind, int index, const QString &path)
{
    static const QRegularExpression idPattern(QStringLiteral("^[a-z][a-z0-9_]*$"));
    if (!idPattern.match(id).hasMatch()) {
        error(path, QStringLiteral("identifier '%1' must match [a-z][a-z0-9_]*").arg(id), FindingCode::Invalid);
        return;
    }
    if (p.m_slotById.contains(id)) {
        error(path, QStringLiteral("identifier '%1' is defined twice").arg(id), FindingCode::Duplicate);
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
        { "description", "options", "codes" });
    if (!top.isObject())
        return;
    if (auto f = top.string("format"); f && *f != QLatin1String("consilium-pack/1"))
        error(top.pathOf("format"), QStringLiteral("expected \"consilium-pack/1\", found \"%1\"").arg(*f),
            FindingCode::Format);
    p.m_id = top.string("id").value_or(QString());
    static const QRegularExpression packId(QStringLiteral("^[a-z0-9][a-z0-9._-]*$"));
    if (top.has("id") && !packId.match(p.m_id).hasMatch())
        error(top.pathOf("id"), QStringLiteral("pack id must match [a-z0-9][a-z0-9._-]*"), FindingCode::Invalid);
    p.m_version = top.string("version").value_or(QString());
    p.m_title = text(top, "title", textKey(u"pack", p.m_id, u"title")).value_or(QString());
    text(top, "description", textKey(u"pack", p.m_id, u"description"));
    p.m_effectiveFrom = top.string("effective_from").value_or(QString());
    if (top.has("effective_from") && !json::parseIsoDate(p.m_effectiveFrom))
        error(top.pathOf("effective_from"), QStringLiteral("expected a date YYYY-MM-DD"), FindingCode::Date);
    if (const Value *to = top.get("effective_to"); to && !to->IsNull()) {
        p.m_effectiveTo = top.string("effective_to").value_or(QString());
        if (!json::parseIsoDate(p.m_effectiveTo))
            error(top.pathOf("effective_to"), QStringLiteral("expected a date YYYY-MM-DD or null"), FindingCode::Date);
    }
    p.m_jurisdictions = top.stringList("jurisdictions").value_or(QStringList());
    if (top.has("jurisdictions") && p.m_jurisdictions.isEmpty())
        error(top.pathOf("jurisdictions"), QStringLiteral("at least one jurisdiction is required"),
            FindingCode::Required);
    p.m_authors = top.stringList("authors").value_or(QStringList());
    if (const Value *so = top.object("sign_off")) {
        ObjectView s(*so, top.pathOf("sign_off"), d, { "status", "note" });
        p.m_signOffStatus = s.string("status").value_or(QString());
        p.m_signOffNote = text(s, "note", textKey(u"pack", p.m_id, u"sign_off.note")).value_or(QString());
        static const QStringList statuses
            = { QStringLiteral("unreviewed"), QStringLiteral("reviewed"), QStringLiteral("approved") };
        if (s.has("status") && !statuses.contains(p.m_signOffStatus))
            error(s.pathOf("status"), QStringLiteral("expected one of unreviewed, reviewed, approved"),
                FindingCode::Enum);
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
    loadOptions(top);
    loadCriteria(top);
    loadLogistics(top);
    loadOptionPhases(top);
    linkOptions(top);
    loadToxicity(top);
    loadModifiers(top);
    // Codes for exchange (resources/packs/FORMAT.md, "Codes for exchange"; rules/LoadCodes.cpp).
    if (const Value *codes = top.object("codes"))
        p.m_codes = loadExchangeCodes(*codes, top.pathOf("codes"), p, d);
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
                    .arg(id),
                FindingCode::Reference);
            continue;
        }
        if (seen[std::size_t(idx)]) {
            error(o.pathOf("id"), QStringLiteral("arm '%1' is listed twice").arg(id), FindingCode::Duplicate);
            continue;
        }
        seen[std::size_t(idx)] = true;
        ArmDef &arm = p.m_arms[std::size_t(idx)];
        arm.id = id;
        arm.label = text(o, "label", textKey(u"arm", arm.id, u"label")).value_or(QString());
        if (const Value *subs = o.array("sub_options")) {
            if (id != QLatin1String("standard_care"))
                error(o.pathOf("sub_options"), QStringLiteral("only standard_care may have sub-options"),
                    FindingCode::UnknownKey);
            qsizetype j = 0;
            for (const auto &s : subs->GetArray()) {
                ObjectView so(s, indexPath(o.pathOf("sub_options"), j++), d, { "id", "label" }, { "option" });
                if (!so.isObject())
                    continue;
                // An alias of an option (resources/packs/FORMAT.md, "Options"), resolved by linkOptions.
                if (auto alias = so.string("option"))
                    m_aliases.push_back({ idx, int(arm.subOptions.size()), *alias, so.pathOf("option") });
                const QString sid = so.string("id").value_or(QString());
                const QString label = text(so, "label", textKey(u"sub_option", id + QLatin1Char('.') + sid, u"label"))
                                          .value_or(QString());
                arm.subOptions.push_back({ sid, label, -1 });
            }
        }
    }
    for (int k = 0; k < kArmCount; ++k) {
        if (!seen[std::size_t(k)])
            error(top.pathOf("arms"), QStringLiteral("arm '%1' is missing").arg(QLatin1String(kArmIds[std::size_t(k)])),
                FindingCode::Required);
    }
}

std::optional<ValueType> PackLoader::parseType(const QString &t, bool allowDate)
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

int PackLoader::subOptionIndex(int arm, const QString &id) const
{
    const auto &subs = p.m_arms[std::size_t(arm)].subOptions;
    for (std::size_t i = 0; i < subs.size(); ++i) {
        if (subs[i].id == id)
            return int(i);
    }
    return -1;
}

} // namespace consilium
