// SPDX-License-Identifier: GPL-3.0-or-later
// Text fields in more than one language (resources/packs/FORMAT.md, "Texts in more than one
// language"): a string (English) or {"en": string, "de": string?}.
#include "rules/PackLoader.h"

#include <algorithm>

namespace consilium {

using json::indexPath;
using json::Value;
namespace FindingCode = json::FindingCode;

std::optional<PackLoader::TextVariants> PackLoader::textVariants(const Value &v, const QString &path)
{
    if (v.IsString())
        return TextVariants { { QStringLiteral("en"), json::toQString(v) } };
    if (!v.IsObject()) {
        error(path,
            QStringLiteral("expected a string or an object {\"en\": …, \"de\": …}, found %1").arg(json::typeName(v)),
            FindingCode::Type);
        return std::nullopt;
    }
    TextVariants out;
    bool ok = true;
    for (const auto &m : v.GetObject()) {
        const QString language = json::toQString(m.name);
        const QString lpath = json::childPath(path, json::keyOf(m.name));
        if (!PackTexts::languages().contains(language)) {
            error(lpath,
                QStringLiteral("unknown language '%1' (expected one of: %2)")
                    .arg(language, PackTexts::languages().join(QStringLiteral(", "))),
                FindingCode::UnknownKey);
            ok = false;
        } else if (!m.value.IsString()) {
            error(lpath, QStringLiteral("expected a string, found %1").arg(json::typeName(m.value)), FindingCode::Type);
            ok = false;
        } else if (language != QLatin1String("en") && json::toQString(m.value).trimmed().isEmpty()) {
            error(lpath, QStringLiteral("empty text (leave the language out instead)"), FindingCode::Required);
            ok = false;
        } else {
            out.emplace_back(language, json::toQString(m.value));
        }
    }
    const auto en = std::find_if(out.begin(), out.end(), [](const auto &t) { return t.first == QLatin1String("en"); });
    if (ok && en == out.end()) {
        error(
            json::childPath(path, "en"), QStringLiteral("the English text \"en\" is required"), FindingCode::Required);
        ok = false;
    }
    if (!ok)
        return std::nullopt;
    std::iter_swap(out.begin(), en); // English first
    return out;
}

std::optional<QString> PackLoader::text(const ObjectView &o, std::string_view field, const QString &key)
{
    const Value *v = o.get(field);
    if (!v)
        return std::nullopt;
    auto variants = textVariants(*v, o.pathOf(field));
    if (!variants)
        return std::nullopt;
    for (const auto &[language, t] : *variants)
        p.m_texts.add(key, language, t);
    return variants->front().second;
}

std::optional<QStringList> PackLoader::textList(const ObjectView &o, std::string_view field, const QString &keyPrefix)
{
    const Value *arr = o.array(field);
    if (!arr)
        return std::nullopt;
    QStringList out;
    bool ok = true;
    qsizetype i = 0;
    for (const auto &e : arr->GetArray()) {
        const QString key = keyPrefix + QLatin1Char('/') + QString::number(i);
        auto variants = textVariants(e, indexPath(o.pathOf(field), i++));
        if (!variants) {
            ok = false;
            continue;
        }
        for (const auto &[language, t] : *variants)
            p.m_texts.add(key, language, t);
        out.append(variants->front().second);
    }
    if (!ok)
        return std::nullopt;
    return out;
}

namespace {

// The identifiers a template names, each once, sorted.
std::vector<int> placeholderSlots(const std::vector<TemplatePart> &parts)
{
    std::vector<int> slots;
    for (const TemplatePart &part : parts) {
        if (part.slot >= 0)
            slots.push_back(part.slot);
    }
    std::sort(slots.begin(), slots.end());
    slots.erase(std::unique(slots.begin(), slots.end()), slots.end());
    return slots;
}

} // namespace

// An explanation template (`which` 0 = neutral, else 1 + CriterionState) in every language it
// gives. Each is parsed by the same rules; another language must name the same placeholders as
// the English one. Returns the English text and template.
std::optional<std::pair<QString, std::vector<TemplatePart>>> PackLoader::explanationTexts(
    const ObjectView &o, std::string_view field, const QString &key, std::size_t which, Criterion &cr)
{
    const Value *v = o.get(field);
    if (!v)
        return std::nullopt;
    const QString path = o.pathOf(field);
    auto variants = textVariants(*v, path);
    if (!variants)
        return std::nullopt;
    const bool plain = v->IsString();
    std::pair<QString, std::vector<TemplatePart>> english { variants->front().second, {} };
    english.second = parseTemplate(english.first, plain ? path : json::childPath(path, "en"));
    p.m_texts.add(key, QStringLiteral("en"), english.first);
    for (std::size_t i = 1; i < variants->size(); ++i) {
        const auto &[language, t] = (*variants)[i];
        const QString lpath = json::childPath(path, language.toStdString());
        auto parts = parseTemplate(t, lpath);
        if (placeholderSlots(parts) != placeholderSlots(english.second)) {
            error(lpath, QStringLiteral("the placeholders differ from the English template's"), FindingCode::Template);
            continue;
        }
        p.m_texts.add(key, language, t);
        cr.localExplanations[language][which] = std::move(parts);
    }
    return english;
}

} // namespace consilium
