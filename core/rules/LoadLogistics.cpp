// SPDX-License-Identifier: GPL-3.0-or-later
// The pack's logistics section: points, phases, variants and facts (resources/packs/FORMAT.md).
#include "rules/PackLoader.h"

namespace consilium {

using json::childPath;
using json::indexPath;
using json::Value;
namespace FindingCode = json::FindingCode;

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
                    QStringLiteral("'%1' is not as_of, an earlier point or a date-valued derived value").arg(from),
                    FindingCode::Reference);
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
                error(po.pathOf("param"), QStringLiteral("unknown parameter '%1'").arg(off.param),
                    FindingCode::Reference);
        } else if (days->IsObject()) {
            off.daysKind = DayOffset::Days::PerJurisdiction;
            off.perJurisdiction.assign(std::size_t(p.m_jurisdictions.size()), 0);
            for (auto it = days->MemberBegin(); it != days->MemberEnd(); ++it) {
                const QString j = json::toQString(it->name);
                const qsizetype idx = p.m_jurisdictions.indexOf(j);
                if (idx < 0)
                    error(childPath(o.pathOf("days"), json::keyOf(it->name)), QStringLiteral("unknown jurisdiction"),
                        FindingCode::Reference);
                else if (!it->value.IsInt())
                    error(childPath(o.pathOf("days"), json::keyOf(it->name)), QStringLiteral("expected an integer"),
                        FindingCode::Type);
                else
                    off.perJurisdiction[std::size_t(idx)] = it->value.GetInt();
            }
            if (qsizetype(days->MemberCount()) != p.m_jurisdictions.size())
                error(o.pathOf("days"),
                    QStringLiteral("needs one value per jurisdiction (%1)")
                        .arg(p.m_jurisdictions.join(QStringLiteral(", "))),
                    FindingCode::Required);
        } else {
            error(o.pathOf("days"),
                QStringLiteral("expected an integer, {\"param\": name} or a per-jurisdiction object"),
                FindingCode::Type);
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
    ph.note = pathText(o, "note").value_or(QString());
    ph.noteKey = o.pathOf("note");
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
        error(path, QStringLiteral("expected an array"), FindingCode::Type);
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
    f.note = pathText(fo, "note").value_or(QString());
    f.noteKey = fo.pathOf("note");
    const Value *val = fo.get("value");
    if (val && val->IsNumber()) {
        f.kind = PackFact::Kind::Number;
        f.number = val->GetDouble();
    } else if (val && val->IsBool()) {
        f.kind = PackFact::Kind::Bool;
        f.boolean = val->GetBool();
    } else if (val && !val->IsNull()) {
        error(fo.pathOf("value"), QStringLiteral("expected a number, a boolean or null"), FindingCode::Type);
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
                    QStringLiteral("'%1' is not as_of or a date-valued derived value").arg(es), FindingCode::Reference);
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
                prm.note = pathText(po, "note").value_or(QString());
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
                error(o.pathOf("time_to_treatment"), QStringLiteral("unknown point '%1'").arg(*ttt),
                    FindingCode::Reference);
        }
        def.phases = phases(o.array("phases"), o.pathOf("phases"), def);
        if (const Value *variants = o.array("variants"))
            loadVariants(*variants, o.pathOf("variants"), QLatin1String(armId), def);
        def.inpatientDays = fact(o, "inpatient_days");
        def.caregiverRequired = fact(o, "caregiver_required");
        def.longTermFollowUpYears = fact(o, "long_term_follow_up_years");
        def.centreRequirements
            = textList(o, "centre_requirements", o.pathOf("centre_requirements")).value_or(QStringList());
        def.notes = textList(o, "notes", o.pathOf("notes")).value_or(QStringList());
    }
}

// An arm's logistics variants: another phase list when `when` holds.
void PackLoader::loadVariants(const Value &variants, const QString &path, const QString &arm, LogisticsDef &def)
{
    qsizetype k = 0;
    for (const auto &vv : variants.GetArray()) {
        const QString vpath = indexPath(path, k++);
        ObjectView vo(vv, vpath, d, { "when", "label", "phases" }, { "note" });
        if (!vo.isObject())
            continue;
        LogisticsDef::Variant variant;
        if (auto e = expression(vo, "when", arm))
            variant.when = std::move(*e);
        variant.label = pathText(vo, "label").value_or(QString());
        variant.note = pathText(vo, "note").value_or(QString());
        variant.phases = phases(vo.array("phases"), vo.pathOf("phases"), def);
        def.variants.push_back(std::move(variant));
    }
}

} // namespace consilium
