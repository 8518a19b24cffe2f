// SPDX-License-Identifier: GPL-3.0-or-later
// The pack's codes for exchange (resources/packs/FORMAT.md, "Codes for exchange") and a site's
// extension of them: loading, validation against the pack, lookup and merging.
#include "rules/ExchangeCodes.h"
#include "rules/RulePack.h"

namespace consilium {

using json::indexPath;
using json::ObjectView;
using json::Value;
namespace FindingCode = json::FindingCode;

namespace {

QString describe(const QString &system, const QString &code)
{
    return system + QLatin1Char('|') + code;
}

template <class T> const T *findCode(const std::vector<T> &list, const QString &system, const QString &code)
{
    for (const T &e : list) {
        if (e.code == code && e.system == system)
            return &e;
    }
    return nullptr;
}

class CodesLoader
{
public:
    CodesLoader(const RulePack &pack, json::Diagnostics &diag) : m_pack(pack), m_d(diag) { }

    ExchangeCodes load(const Value &v, const QString &path)
    {
        ObjectView o(v, path, m_d, {}, { "ucum", "observations", "agents", "diseases" });
        if (!o.isObject())
            return m_codes;
        each(o, "ucum", [this](ObjectView &e) { ucum(e); }, { "ucum", "unit", "source", "evidence" });
        each(o, "observations", [this](ObjectView &e) { observation(e); }, { "system", "code", "source", "evidence" },
            { "variable", "derived", "uln_unit", "units" });
        each(o, "agents", [this](ObjectView &e) { agent(e); }, { "system", "code", "agent", "source", "evidence" });
        each(o, "diseases", [this](ObjectView &e) { disease(e); },
            { "system", "code", "disease", "source", "evidence" });
        return m_codes;
    }

private:
    const RulePack &m_pack;
    json::Diagnostics &m_d;
    ExchangeCodes m_codes;

    void error(const QString &path, const QString &why, const char *code) { m_d.error(path, why, QLatin1String(code)); }

    // Calls `f` for each closed entry of the array `key`; `required` includes source and evidence (non-empty).
    template <class F>
    void each(const ObjectView &o, std::string_view key, F f, std::initializer_list<std::string_view> required,
        std::initializer_list<std::string_view> optional = {})
    {
        const Value *arr = o.array(key);
        if (!arr)
            return;
        qsizetype i = 0;
        for (const auto &v : arr->GetArray()) {
            ObjectView e(v, indexPath(o.pathOf(key), i++), m_d, required, optional);
            if (!e.isObject())
                continue;
            for (auto k : { "source", "evidence" }) {
                const auto s = e.string(k);
                if (s && s->trimmed().isEmpty())
                    error(e.pathOf(k), QStringLiteral("every mapping entry needs a non-empty %1").arg(QLatin1String(k)),
                        FindingCode::Required);
            }
            f(e);
        }
    }

    static CodeProvenance provenance(const ObjectView &e)
    {
        return { e.string("source").value_or(QString()), e.string("evidence").value_or(QString()), e.path() };
    }

    // system and code: non-empty strings; returns false when either is missing.
    bool systemCode(const ObjectView &e, QString &system, QString &code)
    {
        system = e.string("system").value_or(QString());
        code = e.string("code").value_or(QString());
        for (auto [k, s] : { std::pair { "system", &system }, std::pair { "code", &code } }) {
            if (e.has(k) && s->isEmpty())
                error(e.pathOf(k), QStringLiteral("must not be empty"), FindingCode::Required);
        }
        return !system.isEmpty() && !code.isEmpty();
    }

    void ucum(ObjectView &e)
    {
        UcumUnit u { e.string("ucum").value_or(QString()), normaliseUnit(e.string("unit").value_or(QString())),
            provenance(e) };
        if (u.ucum.isEmpty() || u.unit.isEmpty())
            return;
        bool accepted = false;
        for (const Variable &var : m_pack.variables())
            accepted = accepted || var.findUnit(u.unit) != nullptr;
        if (!accepted)
            error(e.pathOf("unit"), QStringLiteral("unit '%1' is not accepted by any variable").arg(u.unit),
                FindingCode::Unit);
        else if (const UcumUnit *old = m_codes.unit(u.ucum))
            error(e.pathOf("ucum"),
                QStringLiteral("UCUM unit '%1' is already mapped at %2").arg(u.ucum, old->from.path),
                FindingCode::Duplicate);
        else
            m_codes.ucum.push_back(u);
    }

    void observation(ObjectView &e)
    {
        ObservationCode c;
        if (!systemCode(e, c.system, c.code))
            return;
        c.from = provenance(e);
        const auto variable = e.string("variable");
        const auto derived = e.string("derived");
        if (variable.has_value() == derived.has_value()) {
            error(e.path(), QStringLiteral("exactly one of variable or derived is required"), FindingCode::Required);
            return;
        }
        if (derived) {
            const int slot = m_pack.slotOf(*derived);
            if (slot < 0 || m_pack.symbol(slot).kind != SymbolKind::Derived)
                return error(e.pathOf("derived"), QStringLiteral("unknown derived value '%1'").arg(*derived),
                    FindingCode::Reference);
            for (const char *key : { "uln_unit", "units" }) {
                if (e.has(key))
                    return error(e.pathOf(key), QStringLiteral("only a variable has %1").arg(QLatin1String(key)),
                        FindingCode::UnknownKey);
            }
            c.derived = *derived;
        } else if (!variableCode(e, *variable, c)) {
            return;
        }
        if (const ObservationCode *old = m_codes.observation(c.system, c.code))
            return error(e.pathOf("code"),
                QStringLiteral("code %1 is already mapped at %2").arg(describe(c.system, c.code), old->from.path),
                FindingCode::Duplicate);
        m_codes.observations.push_back(c);
    }

    bool variableCode(ObjectView &e, const QString &id, ObservationCode &c)
    {
        c.variable = m_pack.variableIndex(id);
        if (c.variable < 0) {
            error(e.pathOf("variable"), QStringLiteral("unknown variable '%1'").arg(id), FindingCode::Reference);
            return false;
        }
        const Variable &var = m_pack.variables()[std::size_t(c.variable)];
        if (var.type != ValueType::Number && var.type != ValueType::Integer) {
            error(e.pathOf("variable"), QStringLiteral("'%1' is not a number or integer variable").arg(id),
                FindingCode::Type);
            return false;
        }
        if (const auto uln = e.string("uln_unit")) {
            c.ulnUnit = normaliseUnit(*uln);
            if (!var.findUnit(c.ulnUnit)) {
                error(
                    e.pathOf("uln_unit"), QStringLiteral("'%1' is not a unit of %2").arg(*uln, id), FindingCode::Unit);
                return false;
            }
        }
        return exportUnits(e, var, c);
    }

    // `units`: the variable's units that fit the code (ObservationCode::units).
    bool exportUnits(ObjectView &e, const Variable &var, ObservationCode &c)
    {
        const Value *arr = e.array("units");
        if (!arr)
            return true;
        if (!c.ulnUnit.isEmpty()) {
            error(e.pathOf("units"),
                QStringLiteral("a multiple of the upper limit is not exported; no units with uln_unit"),
                FindingCode::UnknownKey);
            return false;
        }
        qsizetype i = 0;
        for (const auto &u : arr->GetArray()) {
            const QString path = indexPath(e.pathOf("units"), i++);
            const QString unit = u.IsString() ? normaliseUnit(json::toQString(u)) : QString();
            if (!u.IsString()) {
                error(path, QStringLiteral("a unit must be a string"), FindingCode::Type);
                return false;
            }
            if (!var.findUnit(unit) || c.units.contains(unit)) {
                error(path,
                    c.units.contains(unit) ? QStringLiteral("'%1' is listed twice").arg(unit)
                                           : QStringLiteral("'%1' is not a unit of %2").arg(unit, var.id),
                    c.units.contains(unit) ? FindingCode::Duplicate : FindingCode::Unit);
                return false;
            }
            c.units << unit;
        }
        if (c.units.isEmpty()) {
            error(e.pathOf("units"), QStringLiteral("empty; leave it out instead"), FindingCode::Required);
            return false;
        }
        return true;
    }

    void agent(ObjectView &e)
    {
        AgentCode c;
        if (!systemCode(e, c.system, c.code))
            return;
        c.from = provenance(e);
        const QString id = e.string("agent").value_or(QString());
        c.agent = m_pack.agentIndex(id);
        if (c.agent < 0)
            return error(e.pathOf("agent"), QStringLiteral("unknown agent '%1'").arg(id), FindingCode::Reference);
        if (const AgentCode *old = m_codes.agent(c.system, c.code))
            return error(e.pathOf("code"),
                QStringLiteral("code %1 is already mapped at %2").arg(describe(c.system, c.code), old->from.path),
                FindingCode::Duplicate);
        m_codes.agents.push_back(c);
    }

    void disease(ObjectView &e)
    {
        DiseaseCode c;
        if (!systemCode(e, c.system, c.code))
            return;
        c.from = provenance(e);
        c.disease = e.string("disease").value_or(QString());
        const int v = m_pack.variableIndex(QStringLiteral("disease"));
        if (v < 0 || !m_pack.variables()[std::size_t(v)].values.contains(c.disease))
            return error(e.pathOf("disease"),
                QStringLiteral("'%1' is not a value of the variable disease").arg(c.disease), FindingCode::Reference);
        if (const DiseaseCode *old = m_codes.disease(c.system, c.code))
            return error(e.pathOf("code"),
                QStringLiteral("code %1 is already mapped at %2").arg(describe(c.system, c.code), old->from.path),
                FindingCode::Duplicate);
        m_codes.diseases.push_back(c);
    }
};

// Appends the entries of `add` to `into` unless `find` sees one already there (an error naming both paths).
template <class T, class Find>
void mergeList(std::vector<T> &into, const std::vector<T> &add, Find find, json::Diagnostics &diag)
{
    for (const T &e : add) {
        if (const T *old = find(e)) {
            diag.error(e.from.path, QStringLiteral("already mapped by the pack at %1").arg(old->from.path),
                QLatin1String(FindingCode::Duplicate));
            continue;
        }
        into.push_back(e);
    }
}

} // namespace

const ObservationCode *ExchangeCodes::observation(const QString &system, const QString &code) const
{
    return findCode(observations, system, code);
}

const AgentCode *ExchangeCodes::agent(const QString &system, const QString &code) const
{
    return findCode(agents, system, code);
}

const DiseaseCode *ExchangeCodes::disease(const QString &system, const QString &code) const
{
    return findCode(diseases, system, code);
}

const UcumUnit *ExchangeCodes::unit(const QString &ucumCode) const
{
    for (const UcumUnit &u : ucum) {
        if (u.ucum == ucumCode)
            return &u;
    }
    return nullptr;
}

bool ExchangeCodes::merge(const ExchangeCodes &extension, json::Diagnostics &diag)
{
    json::Diagnostics local;
    ExchangeCodes merged = *this;
    mergeList(
        merged.observations, extension.observations,
        [&](const ObservationCode &e) { return merged.observation(e.system, e.code); }, local);
    mergeList(
        merged.ucum, extension.ucum, [&](const UcumUnit &e) { return merged.unit(e.ucum); }, local);
    mergeList(
        merged.agents, extension.agents, [&](const AgentCode &e) { return merged.agent(e.system, e.code); }, local);
    mergeList(
        merged.diseases, extension.diseases, [&](const DiseaseCode &e) { return merged.disease(e.system, e.code); },
        local);
    for (const json::Finding &f : local.findings())
        diag.add(f);
    if (!local.ok())
        return false;
    *this = std::move(merged);
    return true;
}

ExchangeCodes loadExchangeCodes(const Value &codes, const QString &path, const RulePack &pack, json::Diagnostics &diag)
{
    return CodesLoader(pack, diag).load(codes, path);
}

bool extendExchangeCodes(const QByteArray &bytes, const RulePack &pack, ExchangeCodes &codes, json::Diagnostics &diag)
{
    json::Document doc;
    if (!json::parseStrict(bytes, doc, diag))
        return false;
    ObjectView top(doc, QStringLiteral("$"), diag, { "format", "codes" });
    if (!top.isObject())
        return false;
    if (auto f = top.string("format"); f && *f != QLatin1String("consilium-codes/1"))
        diag.error(top.pathOf("format"), QStringLiteral("expected \"consilium-codes/1\", found \"%1\"").arg(*f),
            QLatin1String(FindingCode::Format));
    const Value *c = top.object("codes");
    if (!diag.ok() || !c)
        return false;
    const ExchangeCodes extension = loadExchangeCodes(*c, top.pathOf("codes"), pack, diag);
    return diag.ok() && codes.merge(extension, diag);
}

} // namespace consilium
