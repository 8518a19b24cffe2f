// SPDX-License-Identifier: GPL-3.0-or-later
// The pack's criteria section and explanation templates (resources/packs/FORMAT.md).
#include "rules/PackLoader.h"

#include <QSet>

namespace consilium {

using json::indexPath;
using json::Value;
namespace FindingCode = json::FindingCode;

std::vector<TemplatePart> PackLoader::parseTemplate(const QString &text, const QString &path)
{
    std::vector<TemplatePart> parts;
    if (text.trimmed().isEmpty()) {
        error(path, QStringLiteral("explanation must not be empty"), FindingCode::Template);
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
                error(path, QStringLiteral("unclosed '{' at character %1").arg(i + 1), FindingCode::Template);
                return parts;
            }
            // {id} or {id|unit}: the unit is printed after the value only when the value is known.
            const QString inner = text.mid(i + 1, close - i - 1);
            const qsizetype bar = inner.indexOf(QLatin1Char('|'));
            const QString name = bar < 0 ? inner : inner.left(bar);
            const QString unit = bar < 0 ? QString() : inner.mid(bar + 1);
            const int slot = p.slotOf(name);
            if (slot < 0) {
                error(path, QStringLiteral("unknown identifier '{%1}' in template").arg(name), FindingCode::Template);
            } else if (bar >= 0 && unit.trimmed().isEmpty()) {
                error(path, QStringLiteral("empty unit in '{%1}' at character %2").arg(inner).arg(i + 1),
                    FindingCode::Template);
            } else if (unit.contains(QLatin1Char('{')) || unit.contains(QLatin1Char('|'))) {
                error(path,
                    QStringLiteral("'{' or '|' inside the unit of '{%1}' at character %2").arg(inner).arg(i + 1),
                    FindingCode::Template);
            } else if (bar >= 0 && p.slotType(slot) != ValueType::Number && p.slotType(slot) != ValueType::Integer) {
                error(path,
                    QStringLiteral("'{%1}': a unit is allowed only after a number, and '%2' is not a number")
                        .arg(inner, name),
                    FindingCode::Template);
            } else {
                if (!literal.isEmpty())
                    parts.push_back({ literal, -1 });
                literal.clear();
                parts.push_back({ unit, slot });
            }
            i = close;
        } else if (c == QLatin1Char('}')) {
            error(path, QStringLiteral("unmatched '}' at character %1 (write '}}' for a literal brace)").arg(i + 1),
                FindingCode::Template);
            return parts;
        } else {
            literal += c;
        }
    }
    if (!literal.isEmpty())
        parts.push_back({ literal, -1 });
    return parts;
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
            { "sub_option", "option", "applies_when", "explanation_by_state" });
        if (!o.isObject())
            continue;
        Criterion cr;
        cr.id = o.string("id").value_or(QString());
        if (ids.contains(cr.id))
            error(o.pathOf("id"), QStringLiteral("criterion '%1' is defined twice").arg(cr.id), FindingCode::Duplicate);
        ids.insert(cr.id);
        const QString arm = o.string("arm").value_or(QString());
        cr.arm = armIndex(arm);
        if (cr.arm < 0) {
            if (o.has("arm")) // a missing key is already reported
                error(o.pathOf("arm"), QStringLiteral("unknown arm '%1'").arg(arm), FindingCode::Reference);
            continue;
        }
        if (auto sub = o.string("sub_option")) {
            cr.subOption = subOptionIndex(cr.arm, *sub);
            if (cr.subOption < 0)
                error(o.pathOf("sub_option"), QStringLiteral("arm '%1' has no sub-option '%2'").arg(arm, *sub),
                    FindingCode::Reference);
        }
        cr.option = optionOf(o, cr.arm);
        const QString sev = o.string("severity").value_or(QString());
        if (sev == QLatin1String("exclusion"))
            cr.severity = Severity::Exclusion;
        else if (sev == QLatin1String("caution"))
            cr.severity = Severity::Caution;
        else if (sev == QLatin1String("info"))
            cr.severity = Severity::Info;
        else
            error(o.pathOf("severity"), QStringLiteral("expected exclusion, caution or info"), FindingCode::Enum);
        if (o.has("applies_when")) {
            if (auto e = expression(o, "applies_when", cr.id)) {
                cr.applies = std::move(*e);
                cr.hasApplies = true;
            }
        }
        if (auto e = expression(o, "condition", cr.id))
            cr.condition = std::move(*e);
        if (auto t = explanationTexts(o, "explanation", textKey(u"criterion", cr.id, u"explanation"), 0, cr)) {
            cr.explanationTemplate = t->first;
            cr.explanation = std::move(t->second);
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
                    const QString tkey = textKey(u"criterion", cr.id,
                        QStringLiteral("explanation_by_state.") + QLatin1String(key.data(), qsizetype(key.size())));
                    if (auto t = explanationTexts(by, key, tkey, i + 1, cr)) {
                        cr.stateExplanations[i] = std::move(t->second);
                        cr.stateTemplates[i] = t->first;
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

} // namespace consilium
