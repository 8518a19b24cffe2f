// SPDX-License-Identifier: GPL-3.0-or-later
// The pack's options section: products, trial protocols and regimens under an arm, their
// `replaces`, logistics overrides and the links from criteria, toxicity rows and sub-options
// (resources/packs/FORMAT.md, "Options").
#include "rules/PackLoader.h"

#include <QRegularExpression>
#include <QSet>

namespace consilium {

using json::childPath;
using json::indexPath;
using json::Value;
namespace FindingCode = json::FindingCode;

namespace {

// The id prefix of an option of each arm (resources/packs/FORMAT.md, "Options").
constexpr std::array<const char *, kArmCount> kOptionPrefix = { "auto-", "allo-", "tce-", "soc-" };

} // namespace

// A Fact whose value is a boolean, or a whole number or null (resources/packs/FORMAT.md, "Options").
std::optional<PackFact> PackLoader::overrideFact(const ObjectView &o, std::string_view key, bool boolean)
{
    const Value *raw = o.get(key);
    if (!raw)
        return std::nullopt;
    PackFact f = fact(o, key);
    const Value *val = raw->IsObject() && raw->HasMember("value") ? &(*raw)["value"] : nullptr;
    if (!val || !(val->IsNumber() || val->IsBool() || val->IsNull()))
        return f; // reported by fact()
    const bool ok = boolean ? val->IsBool() : val->IsNull() || (val->IsInt() && val->GetInt() >= 0);
    if (!ok)
        error(childPath(o.pathOf(key), "value"),
            boolean ? QStringLiteral("expected true or false") : QStringLiteral("expected a whole number ≥ 0 or null"),
            FindingCode::Type);
    return f;
}

// proximity_days / driving_days: a Fact whose value is an integer, null or {"EU": n, "US": n}.
std::optional<LogisticsOverride::Days> PackLoader::overrideDays(const ObjectView &o, std::string_view key)
{
    const Value *v = o.get(key);
    if (!v)
        return std::nullopt;
    LogisticsOverride::Days days;
    const QString path = o.pathOf(key);
    const Value *val = v->IsObject() && v->HasMember("value") ? &(*v)["value"] : nullptr;
    if (val && val->IsObject()) {
        ObjectView fo(*v, path, d, { "value", "source", "evidence" }, { "note" });
        days.fact.source = fo.string("source").value_or(QString());
        days.fact.evidence = fo.string("evidence").value_or(QString());
        days.fact.note = pathText(fo, "note").value_or(QString());
        days.fact.noteKey = fo.pathOf("note");
        days.fact.kind = PackFact::Kind::Number;
        const QString vpath = childPath(path, "value");
        days.perJurisdiction.assign(std::size_t(p.m_jurisdictions.size()), 0);
        for (auto it = val->MemberBegin(); it != val->MemberEnd(); ++it) {
            const qsizetype idx = p.m_jurisdictions.indexOf(json::toQString(it->name));
            if (idx < 0)
                error(childPath(vpath, json::keyOf(it->name)), QStringLiteral("unknown jurisdiction"),
                    FindingCode::Reference);
            else if (!it->value.IsInt() || it->value.GetInt() < 0)
                error(childPath(vpath, json::keyOf(it->name)), QStringLiteral("expected a whole number ≥ 0"),
                    FindingCode::Type);
            else
                days.perJurisdiction[std::size_t(idx)] = it->value.GetInt();
        }
        if (qsizetype(val->MemberCount()) != p.m_jurisdictions.size())
            error(vpath,
                QStringLiteral("needs one value per jurisdiction (%1)")
                    .arg(p.m_jurisdictions.join(QStringLiteral(", "))),
                FindingCode::Required);
        return days;
    }
    if (auto f = overrideFact(o, key, false))
        days.fact = *f;
    return days;
}

void PackLoader::loadOverride(const Value &v, const QString &path, OptionDef &opt)
{
    ObjectView o(v, path, d, {},
        { "washout_required", "vein_to_vein_days", "lymphodepletion", "administration", "inpatient_days",
            "proximity_days", "driving_days", "irradiated_blood_products" });
    if (!o.isObject())
        return;
    LogisticsOverride &lg = opt.logistics;
    lg.washoutRequired = overrideFact(o, "washout_required", true);
    lg.veinToVeinDays = overrideFact(o, "vein_to_vein_days", false);
    lg.inpatientDays = overrideFact(o, "inpatient_days", false);
    lg.irradiatedBloodProducts = overrideFact(o, "irradiated_blood_products", true);
    lg.proximityDays = overrideDays(o, "proximity_days");
    lg.drivingDays = overrideDays(o, "driving_days");
    if (const Value *ld = o.get("lymphodepletion")) {
        ObjectView lo(
            *ld, o.pathOf("lymphodepletion"), d, { "regimen", "source", "evidence" }, { "doses", "alternatives" });
        if (lo.isObject()) {
            static const QStringList regimens = { QStringLiteral("flu_cy"), QStringLiteral("cy_only"),
                QStringLiteral("bendamustine"), QStringLiteral("none") };
            LogisticsOverride::Lymphodepletion l;
            l.regimen = lo.string("regimen").value_or(QString());
            if (lo.has("regimen") && !regimens.contains(l.regimen))
                error(lo.pathOf("regimen"), QStringLiteral("expected flu_cy, cy_only, bendamustine or none"),
                    FindingCode::Enum);
            l.doses = pathText(lo, "doses").value_or(QString());
            l.alternatives = textList(lo, "alternatives", lo.pathOf("alternatives")).value_or(QStringList());
            for (const QString &alt : l.alternatives) {
                if (!regimens.contains(alt))
                    error(lo.pathOf("alternatives"),
                        QStringLiteral("'%1': expected flu_cy, cy_only, bendamustine or none").arg(alt),
                        FindingCode::Enum);
            }
            l.source = lo.string("source").value_or(QString());
            l.evidence = lo.string("evidence").value_or(QString());
            lg.lymphodepletion = l;
        }
    }
    // `administration` is read by loadOptionPhases, once the arm's points are known.
}

void PackLoader::loadOptionHeader(const ObjectView &o, OptionDef &opt)
{
    opt.label = text(o, "label", textKey(u"option", opt.id, u"label")).value_or(QString());
    opt.name = text(o, "name", textKey(u"option", opt.id, u"name")).value_or(QString());
    opt.kind = o.string("kind").value_or(QString());
    if (o.has("kind") && opt.kind != QLatin1String("trial") && opt.kind != QLatin1String("product")
        && opt.kind != QLatin1String("regimen"))
        error(o.pathOf("kind"), QStringLiteral("expected trial, product or regimen"), FindingCode::Enum);
    opt.target = o.string("target").value_or(QString());
    opt.platform = o.string("platform").value_or(QString());
    if (const Value *v = o.get("integrating"); v && !v->IsNull())
        opt.integrating = o.boolean("integrating");
    if (const Value *v = o.get("costim"); v && !v->IsNull())
        opt.costim = o.string("costim").value_or(QString());
    if (const Value *st = o.object("status")) {
        static const QStringList statuses = { QStringLiteral("approved"), QStringLiteral("investigational"),
            QStringLiteral("off_label"), QStringLiteral("not_found") };
        for (auto it = st->MemberBegin(); it != st->MemberEnd(); ++it) {
            const QString j = json::toQString(it->name);
            const QString jpath = childPath(o.pathOf("status"), json::keyOf(it->name));
            if (!p.m_jurisdictions.contains(j))
                error(jpath, QStringLiteral("unknown jurisdiction '%1'").arg(j), FindingCode::Reference);
            ObjectView so(it->value, jpath, d, { "status" }, { "note" });
            if (!so.isObject())
                continue;
            OptionDef::Status s { j, so.string("status").value_or(QString()),
                text(so, "note", textKey(u"option", opt.id, QStringLiteral("status.") + j + QStringLiteral(".note")))
                    .value_or(QString()) };
            if (so.has("status") && !statuses.contains(s.status))
                error(so.pathOf("status"), QStringLiteral("expected approved, investigational, off_label or not_found"),
                    FindingCode::Enum);
            opt.status.push_back(s);
        }
    }
    opt.registry = o.stringList("registry").value_or(QStringList());
    opt.diseasesStudied
        = text(o, "diseases_studied", textKey(u"option", opt.id, u"diseases_studied")).value_or(QString());
    opt.source = o.string("source").value_or(QString());
    opt.evidence = o.string("evidence").value_or(QString());
    opt.replaces = o.stringList("replaces").value_or(QStringList());
    opt.screeningNote = text(o, "screening_note", textKey(u"option", opt.id, u"screening_note")).value_or(QString());
    opt.notes = textList(o, "notes", textKey(u"option", opt.id, u"notes")).value_or(QStringList());
}

void PackLoader::loadOptions(const ObjectView &top)
{
    const Value *arr = top.array("options");
    if (!arr)
        return;
    static const QRegularExpression idPattern(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)*$"));
    qsizetype i = 0;
    for (const auto &v : arr->GetArray()) {
        const QString path = indexPath(top.pathOf("options"), i++);
        ObjectView o(v, path, d,
            { "id", "arm", "label", "name", "kind", "target", "platform", "integrating", "costim", "status", "registry",
                "diseases_studied", "source", "evidence", "replaces", "screening_note" },
            { "notes", "logistics" });
        OptionDef opt;
        if (o.isObject()) {
            opt.id = o.string("id").value_or(QString());
            const QString arm = o.string("arm").value_or(QString());
            opt.arm = armIndex(arm);
            if (o.has("arm") && opt.arm < 0)
                error(o.pathOf("arm"), QStringLiteral("unknown arm '%1'").arg(arm), FindingCode::Reference);
            if (o.has("id") && p.optionIndex(opt.id) >= 0)
                error(
                    o.pathOf("id"), QStringLiteral("option '%1' is defined twice").arg(opt.id), FindingCode::Duplicate);
            else if (o.has("id") && opt.arm >= 0
                && (!idPattern.match(opt.id).hasMatch()
                    || !opt.id.startsWith(QLatin1String(kOptionPrefix[std::size_t(opt.arm)]))))
                error(o.pathOf("id"),
                    QStringLiteral("option id '%1' must be kebab-case and start with '%2' (its arm)")
                        .arg(opt.id, QLatin1String(kOptionPrefix[std::size_t(opt.arm)])),
                    FindingCode::Invalid);
            loadOptionHeader(o, opt);
            if (const Value *lg = o.get("logistics"))
                loadOverride(*lg, o.pathOf("logistics"), opt);
        }
        // Kept even when invalid, so that later indices match the JSON array (the pack is refused anyway).
        p.m_options.push_back(std::move(opt));
    }
}

// The administration phases of each option's override: offsets from the arm's points.
void PackLoader::loadOptionPhases(const ObjectView &top)
{
    const Value *arr = top.get("options");
    if (!arr || !arr->IsArray() || arr->Size() != p.m_options.size()) // reported by loadOptions
        return;
    qsizetype i = 0;
    for (const auto &v : arr->GetArray()) {
        OptionDef &opt = p.m_options[std::size_t(i)];
        const QString path = indexPath(top.pathOf("options"), i++);
        if (opt.arm < 0 || !v.IsObject() || !v.HasMember("logistics") || !v["logistics"].IsObject()
            || !v["logistics"].HasMember("administration"))
            continue;
        const QString apath = childPath(childPath(path, "logistics"), "administration");
        ObjectView ao(v["logistics"]["administration"], apath, d, { "phases", "complete", "source", "evidence" });
        if (!ao.isObject())
            continue;
        LogisticsOverride::Administration adm;
        adm.phases = phases(ao.array("phases"), ao.pathOf("phases"), p.m_logistics[std::size_t(opt.arm)]);
        adm.complete = ao.boolean("complete").value_or(true);
        adm.source = ao.string("source").value_or(QString());
        adm.evidence = ao.string("evidence").value_or(QString());
        opt.logistics.administration = std::move(adm);
    }
}

// `replaces`, effective criteria and the sub-option aliases, once criteria and options are loaded.
void PackLoader::linkOptions(const ObjectView &top)
{
    QHash<QString, int> criterionById;
    for (std::size_t c = 0; c < p.m_criteria.size(); ++c)
        criterionById.insert(p.m_criteria[c].id, int(c));
    for (std::size_t i = 0; i < p.m_options.size(); ++i) {
        OptionDef &opt = p.m_options[i];
        if (opt.arm < 0)
            continue;
        const QString rpath = childPath(indexPath(top.pathOf("options"), qsizetype(i)), "replaces");
        for (const QString &id : opt.replaces) {
            const int c = criterionById.value(id, -1);
            const Criterion *cr = c < 0 ? nullptr : &p.m_criteria[std::size_t(c)];
            if (!cr || cr->arm != opt.arm || cr->option >= 0 || cr->subOption >= 0)
                error(rpath,
                    QStringLiteral("'%1' is not a criterion of the arm %2 itself")
                        .arg(id, QLatin1String(kArmIds[std::size_t(opt.arm)])),
                    FindingCode::Reference);
            else
                opt.replacedCriteria.push_back(c);
        }
        for (std::size_t c = 0; c < p.m_criteria.size(); ++c) {
            const Criterion &cr = p.m_criteria[c];
            const bool replaced = std::find(opt.replacedCriteria.begin(), opt.replacedCriteria.end(), int(c))
                != opt.replacedCriteria.end();
            if (cr.arm == opt.arm && cr.option < 0 && cr.subOption < 0 && !replaced)
                opt.effectiveCriteria.push_back(int(c));
        }
        for (std::size_t c = 0; c < p.m_criteria.size(); ++c) {
            if (p.m_criteria[c].option == int(i))
                opt.effectiveCriteria.push_back(int(c));
        }
    }
    for (const auto &alias : m_aliases) {
        const int o = p.optionIndex(alias.option);
        if (o < 0 || p.m_options[std::size_t(o)].arm != alias.arm)
            error(alias.path,
                QStringLiteral("sub-option alias of an unknown option '%1' (or of another arm's)").arg(alias.option),
                FindingCode::Reference);
        else
            p.m_arms[std::size_t(alias.arm)].subOptions[std::size_t(alias.subOption)].option = o;
    }
}

// The `option` key of a criterion or toxicity row: an option of the same arm.
int PackLoader::optionOf(const ObjectView &o, int arm)
{
    auto id = o.string("option");
    if (!id)
        return -1;
    const int idx = p.optionIndex(*id);
    if (idx < 0) {
        error(o.pathOf("option"), QStringLiteral("unknown option '%1'").arg(*id), FindingCode::Reference);
        return -1;
    }
    if (p.m_options[std::size_t(idx)].arm != arm) {
        error(o.pathOf("option"),
            QStringLiteral("option '%1' belongs to another arm than %2")
                .arg(*id, QLatin1String(kArmIds[std::size_t(arm)])),
            FindingCode::Reference);
        return -1;
    }
    if (o.has("sub_option"))
        error(o.pathOf("option"), QStringLiteral("either option or sub_option, not both"), FindingCode::Invalid);
    return idx;
}

} // namespace consilium
