// SPDX-License-Identifier: GPL-3.0-or-later
#include "case/CaseData.h"

#include "rules/RulePack.h"

#include <cmath>

namespace consilium {

using json::ObjectView;
using json::Path;
using json::Value;
namespace FindingCode = json::FindingCode;

namespace {

QString formatNumber(double v)
{
    return QString::number(v, 'g', 12);
}

class CaseParser
{
public:
    CaseParser(const RulePack &pack, json::Diagnostics &diag) : m_pack(pack), m_diag(diag) { }

    std::optional<CaseData> parse(const Value &root, const CaseParseOptions &options);

private:
    void error(const QString &path, const QString &reason, const char *code)
    {
        m_diag.error(path, reason, QLatin1String(code));
    }
    std::optional<QDate> date(const ObjectView &o, std::string_view key)
    {
        auto s = o.string(key);
        if (!s)
            return std::nullopt;
        auto d = parseIsoDate(*s);
        if (!d)
            error(o.pathOf(key), QStringLiteral("\"%1\" is not a valid date (YYYY-MM-DD)").arg(*s), FindingCode::Date);
        return d;
    }
    // Paths are json::Path: rendered as text only when a finding names them.
    void fact(
        const Variable &var, const Value &v, const Path &path, FactInput &out, double &value, ValueStatus &status);
    void numericFact(
        const Variable &var, const Value &v, const Path &path, FactInput &out, double &value, ValueStatus &status);
    void number(const Variable &var, double entered, const QString &unit, bool bare, const Path &path, FactInput &out,
        double &value, ValueStatus &status);
    int agent(const Value &v, const Path &path);
    // One entry of "medications"; nullopt when it is not an object (already reported).
    std::optional<MedicationInput> medication(const Value &m, const Path &path);

    const RulePack &m_pack;
    json::Diagnostics &m_diag;
};

int CaseParser::agent(const Value &v, const Path &path)
{
    if (!v.IsString()) {
        error(path.toString(), QStringLiteral("expected an agent id, found %1").arg(json::typeName(v)),
            FindingCode::Type);
        return -1;
    }
    const QString id = json::toQString(v);
    const int a = m_pack.agentIndex(id);
    if (a < 0)
        error(path.toString(),
            QStringLiteral("unknown drug '%1' (not in the drug vocabulary of pack %2)").arg(id, m_pack.id()),
            FindingCode::Reference);
    return a;
}

void CaseParser::number(const Variable &var, double entered, const QString &unit, bool bare, const Path &path,
    FactInput &out, double &value, ValueStatus &status)
{
    double canonical = entered;
    if (!bare) {
        const UnitConversion *conv = var.findUnit(unit);
        if (!conv) {
            QStringList accepted;
            for (const auto &u : var.units)
                accepted.append(u.unit);
            error(path.child("unit").toString(),
                QStringLiteral("unknown unit '%1' for %2 (accepted: %3)")
                    .arg(unit, var.id,
                        accepted.isEmpty() ? QStringLiteral("bare number only") : accepted.join(QStringLiteral(", "))),
                FindingCode::Unit);
            return;
        }
        canonical = conv->toCanonical(entered);
    }
    const auto valuePath = [&] { return bare ? path.toString() : path.child("value").toString(); };
    if (var.type == ValueType::Integer && canonical != std::floor(canonical)) {
        error(valuePath(), QStringLiteral("%1 must be a whole number").arg(var.id), FindingCode::Type);
        return;
    }
    if (var.hasRange && (canonical < var.rangeMin || canonical > var.rangeMax)) {
        const QString shown = bare || unit == var.unit
            ? formatNumber(entered) + QLatin1Char(' ') + var.unit
            : QStringLiteral("%1 %2 (= %3 %4)").arg(formatNumber(entered), unit, formatNumber(canonical), var.unit);
        error(valuePath(),
            QStringLiteral("%1 is outside the plausible range %2–%3 %4")
                .arg(shown, formatNumber(var.rangeMin), formatNumber(var.rangeMax), var.unit),
            FindingCode::Range);
        return;
    }
    status = ValueStatus::Known;
    value = canonical;
    out.entered = entered;
    out.unit = bare ? QString() : unit;
}

// A number or integer fact: a bare number (only where the pack allows it) or {"value", "unit", "date"?}.
void CaseParser::numericFact(
    const Variable &var, const Value &v, const Path &path, FactInput &out, double &value, ValueStatus &status)
{
    if (v.IsNumber()) {
        if (!var.bareNumber) {
            error(path.toString(),
                QStringLiteral("%1 needs a unit: write {\"value\": %2, \"unit\": \"%3\"}")
                    .arg(var.id, formatNumber(v.GetDouble()), var.unit),
                FindingCode::Unit);
            return;
        }
        number(var, v.GetDouble(), QString(), true, path, out, value, status);
        return;
    }
    if (!v.IsObject()) {
        error(path.toString(),
            QStringLiteral("expected a number with unit {\"value\", \"unit\"}, found %1").arg(json::typeName(v)),
            FindingCode::Type);
        return;
    }
    ObjectView o(v, path, m_diag, { "value", "unit" }, { "date" });
    const auto amount = o.number("value");
    const auto unit = o.string("unit");
    std::optional<QDate> d;
    if (o.has("date"))
        d = date(o, "date");
    if (!amount || !unit)
        return;
    number(var, *amount, normaliseUnit(*unit), false, path, out, value, status);
    if (d)
        out.date = d->toString(Qt::ISODate);
}

void CaseParser::fact(
    const Variable &var, const Value &v, const Path &path, FactInput &out, double &value, ValueStatus &status)
{
    const bool numeric = var.type == ValueType::Number || var.type == ValueType::Integer;
    if (v.IsNull()) {
        error(path.toString(),
            QStringLiteral("null is not a value; leave the fact out or write {\"status\": \"unknown\"}"),
            FindingCode::Type);
        return;
    }
    if (v.IsObject() && v.HasMember("status")) {
        ObjectView o(v, path, m_diag, { "status" }, { "date" });
        const QString text = o.string("status").value_or(QString());
        if (text == QLatin1String("not_evaluated"))
            status = ValueStatus::NotEvaluated;
        else if (text == QLatin1String("unknown"))
            status = ValueStatus::Unknown;
        else if (o.has("status"))
            error(o.pathOf("status"), QStringLiteral("expected \"not_evaluated\" or \"unknown\""), FindingCode::Enum);
        if (o.has("date")) {
            if (auto d = date(o, "date"))
                out.date = d->toString(Qt::ISODate);
        }
        return;
    }
    if (numeric) {
        numericFact(var, v, path, out, value, status);
        return;
    }
    const Value *raw = &v;
    QString dateText;
    if (v.IsObject()) {
        ObjectView o(v, path, m_diag, { "value" }, { "date" });
        if (o.has("date")) {
            if (auto d = date(o, "date"))
                dateText = d->toString(Qt::ISODate);
        }
        raw = o.get("value");
        if (!raw)
            return;
    }
    const auto valuePath = [&] { return raw == &v ? path.toString() : path.child("value").toString(); };
    if (var.type == ValueType::Bool) {
        if (!raw->IsBool()) {
            error(valuePath(), QStringLiteral("%1 is true or false, found %2").arg(var.id, json::typeName(*raw)),
                FindingCode::Type);
            return;
        }
        status = ValueStatus::Known;
        value = raw->GetBool() ? 1.0 : 0.0;
        out.date = dateText;
        return;
    }
    // enum
    if (!raw->IsString()) {
        error(valuePath(),
            QStringLiteral("%1 is one of %2, found %3")
                .arg(var.id, var.values.join(QStringLiteral(", ")), json::typeName(*raw)),
            FindingCode::Type);
        return;
    }
    const QString s = json::toQString(*raw);
    const qsizetype idx = var.values.indexOf(s);
    if (idx < 0) {
        error(valuePath(),
            QStringLiteral("\"%1\" is not a value of %2 (values: %3)")
                .arg(s, var.id, var.values.join(QStringLiteral(", "))),
            FindingCode::Enum);
        return;
    }
    status = ValueStatus::Known;
    value = double(idx);
    out.date = dateText;
}

std::optional<MedicationInput> CaseParser::medication(const Value &m, const Path &path)
{
    ObjectView o(m, path, m_diag, { "agent" }, { "daily_dose", "last_dose" });
    if (!o.isObject())
        return std::nullopt;
    MedicationInput med;
    if (const Value *a = o.get("agent"))
        med.agent = agent(*a, o.pathAt("agent"));
    if (o.has("last_dose")) {
        if (auto d = date(o, "last_dose")) {
            med.hasLastDose = true;
            med.lastDose = *d;
        }
    }
    if (const Value *dd = o.get("daily_dose")) {
        ObjectView ddo(*dd, o.pathAt("daily_dose"), m_diag, { "value", "unit" });
        const auto value = ddo.number("value");
        const auto unit = ddo.string("unit");
        if (unit && *unit != QLatin1String("mg"))
            error(ddo.pathOf("unit"), QStringLiteral("unknown unit '%1' for a daily dose (accepted: mg)").arg(*unit),
                FindingCode::Unit);
        else if (value && *value < 0)
            error(ddo.pathOf("value"), QStringLiteral("a daily dose cannot be negative"), FindingCode::Range);
        else if (value && unit) {
            med.hasDailyDose = true;
            med.dailyDoseMg = *value;
        }
    }
    if (med.agent >= 0) {
        const Agent &ag = m_pack.agents()[std::size_t(med.agent)];
        const bool gc = m_pack.drugClasses()[std::size_t(ag.drugClass)].kind == DrugKind::Glucocorticoid;
        if (gc && !o.has("daily_dose"))
            error(o.pathOf("daily_dose"), QStringLiteral("a glucocorticoid (%1) needs its daily dose in mg").arg(ag.id),
                FindingCode::Required);
    }
    return med;
}

std::optional<CaseData> CaseParser::parse(const Value &root, const CaseParseOptions &options)
{
    ObjectView top(root, Path(), m_diag, { "format", "id", "as_of", "jurisdiction", "facts" },
        { "label", "medications", "failed_therapies" });
    if (!top.isObject())
        return std::nullopt;
    CaseData c;
    if (auto f = top.string("format"); f && *f != QLatin1String("consilium-case/1"))
        error(top.pathOf("format"), QStringLiteral("expected \"consilium-case/1\", found \"%1\"").arg(*f),
            FindingCode::Format);
    c.id = top.string("id").value_or(QString());
    if (top.has("id") && c.id.trimmed().isEmpty())
        error(top.pathOf("id"), QStringLiteral("the case id must not be empty"), FindingCode::Required);
    c.label = top.string("label").value_or(QString());
    if (auto d = date(top, "as_of"))
        c.asOf = *d;
    if (options.asOfOverride)
        c.asOf = *options.asOfOverride;
    if (auto j = top.string("jurisdiction")) {
        c.jurisdiction = int(m_pack.jurisdictions().indexOf(*j));
        if (c.jurisdiction < 0)
            error(top.pathOf("jurisdiction"),
                QStringLiteral("\"%1\" is not a jurisdiction of this pack (%2)")
                    .arg(*j, m_pack.jurisdictions().join(QStringLiteral(", "))),
                FindingCode::Enum);
    }
    c.facts.resize(m_pack.variables().size());
    c.values.assign(m_pack.variables().size(), kUnknown);
    c.status.assign(m_pack.variables().size(), ValueStatus::Absent);
    if (const Value *facts = top.object("facts")) {
        const Path factsPath = top.pathAt("facts");
        for (auto it = facts->MemberBegin(); it != facts->MemberEnd(); ++it) {
            const QString key = json::toQString(it->name);
            const Path path = factsPath.child(json::keyOf(it->name));
            const int vi = m_pack.variableIndex(key);
            if (vi < 0) {
                const int slot = m_pack.slotOf(key);
                if (slot >= 0 && m_pack.derivedIndexOfSlot(slot) >= 0)
                    error(path.toString(),
                        QStringLiteral("unknown key: '%1' is a derived value; it is computed, not entered").arg(key),
                        FindingCode::UnknownKey);
                else
                    error(path.toString(),
                        QStringLiteral("unknown key: '%1' is not a variable of pack %2").arg(key, m_pack.id()),
                        FindingCode::UnknownKey);
                continue;
            }
            fact(m_pack.variables()[std::size_t(vi)], it->value, path, c.facts[std::size_t(vi)],
                c.values[std::size_t(vi)], c.status[std::size_t(vi)]);
        }
    }
    if (const Value *meds = top.array("medications")) {
        c.hasMedications = true;
        qsizetype i = 0;
        const Path medsPath = top.pathAt("medications");
        for (const auto &m : meds->GetArray()) {
            if (auto med = medication(m, medsPath.index(i++)))
                c.medications.push_back(*med);
        }
    }
    if (const Value *failed = top.array("failed_therapies")) {
        c.hasFailedTherapies = true;
        qsizetype i = 0;
        const Path failedPath = top.pathAt("failed_therapies");
        for (const auto &a : failed->GetArray()) {
            const int idx = agent(a, failedPath.index(i++));
            if (idx >= 0)
                c.failedTherapies.push_back(idx);
        }
    }
    if (!m_diag.ok())
        return std::nullopt;
    return c;
}

} // namespace

std::optional<CaseData> parseCaseValue(
    const Value &root, const RulePack &pack, json::Diagnostics &diag, const CaseParseOptions &options)
{
    CaseParser parser(pack, diag);
    return parser.parse(root, options);
}

std::optional<CaseData> parseCase(
    const QByteArray &bytes, const RulePack &pack, json::Diagnostics &diag, const CaseParseOptions &options)
{
    if (auto plain = readPlainCase(bytes, pack, options))
        return plain;
    json::Document doc;
    if (!json::parseStrict(bytes, doc, diag, options.limits))
        return std::nullopt;
    return parseCaseValue(doc, pack, diag, options);
}

} // namespace consilium
