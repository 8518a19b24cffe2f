// SPDX-License-Identifier: GPL-3.0-or-later
// The pack's toxicity and modifiers sections (resources/packs/FORMAT.md).
#include "rules/PackLoader.h"

namespace consilium {

using json::indexPath;
using json::Value;
namespace FindingCode = json::FindingCode;

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
                { "any_grade_percent", "grade3plus_percent", "events", "n", "follow_up", "sub_option", "option",
                    "show_when" });
            if (!o.isObject())
                continue;
            ToxicityEntry e;
            e.risk = o.string("risk").value_or(QString());
            e.kind = o.string("kind").value_or(QString());
            if (o.has("kind") && !kinds.contains(e.kind))
                error(o.pathOf("kind"),
                    QStringLiteral("expected aid_cohort, oncology_reference, label, not_found or not_applicable"),
                    FindingCode::Enum);
            e.anyGradePercent = o.number("any_grade_percent").value_or(kUnknown);
            e.grade3PlusPercent = o.number("grade3plus_percent").value_or(kUnknown);
            e.events = o.integer("events").value_or(-1);
            e.n = o.integer("n").value_or(-1);
            for (auto key : { "any_grade_percent", "grade3plus_percent" }) {
                if (auto pct = o.number(key); pct && (*pct < 0 || *pct > 100))
                    error(o.pathOf(key), QStringLiteral("a percentage must be within 0–100"), FindingCode::Range);
            }
            if (e.kind == QLatin1String("aid_cohort") && (o.has("any_grade_percent") || o.has("grade3plus_percent"))
                && e.n <= 0)
                error(o.pathOf("n"), QStringLiteral("an autoimmune-cohort rate needs its n"), FindingCode::Required);
            e.population = pathText(o, "population").value_or(QString());
            e.followUp = pathText(o, "follow_up").value_or(QString());
            e.summary = pathText(o, "summary").value_or(QString());
            e.path = path;
            e.source = o.string("source").value_or(QString());
            e.evidence = o.string("evidence").value_or(QString());
            if (auto sub = o.string("sub_option")) {
                e.subOption = subOptionIndex(arm, *sub);
                if (e.subOption < 0)
                    error(o.pathOf("sub_option"), QStringLiteral("arm has no sub-option '%1'").arg(*sub),
                        FindingCode::Reference);
            }
            e.option = optionOf(o, arm);
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
        m.label = text(o, "label", textKey(u"modifier", m.id, u"label")).value_or(QString());
        if (auto e = expression(o, "when", m.id))
            m.when = std::move(*e);
        const QStringList arms = o.stringList("arms").value_or(QStringList());
        for (const QString &a : arms) {
            const int idx = armIndex(a);
            if (idx < 0)
                error(o.pathOf("arms"), QStringLiteral("unknown arm '%1'").arg(a), FindingCode::Reference);
            else
                m.arms[std::size_t(idx)] = true;
        }
        m.text = text(o, "text", textKey(u"modifier", m.id, u"text")).value_or(QString());
        m.source = o.string("source").value_or(QString());
        m.evidence = o.string("evidence").value_or(QString());
        p.m_modifiers.push_back(std::move(m));
    }
}

} // namespace consilium
