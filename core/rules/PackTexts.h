// SPDX-License-Identifier: GPL-3.0-or-later
// Pack texts in more than one language (resources/packs/FORMAT.md, "Texts in more than one
// language"): every human-readable text of a pack is a string (English) or {"en": …, "de": …}.
// The structs of RulePack.h keep the English text (the result JSON and the CLI text are English);
// PackTexts keeps every language under a stable key, so a view can ask for its own language and
// learn whether it fell back to English.
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace consilium {

// A pack text in the language a view asked for.
struct LocalText {
    QString text;
    bool fellBack = false; // the pack has no text in that language: `text` is the English one
};

// The key of a translatable text: "<kind>/<id>/<field>", e.g. "criterion/AUTO-AGE-01/explanation",
// "criterion/AUTO-AGE-01/explanation_by_state.unknown", "variable/age_years/label",
// "option/auto-kysa-8/notes/0". Kinds: pack, arm, sub_option (id "<arm>.<sub-option>"), variable,
// drug_class, agent, derived (also a points-score category), criterion, option, modifier.
// A text of an object without an id (a logistics phase, a toxicity row, a parameter's note) is
// keyed by its JSON path instead, e.g. "$.toxicity.autologous_car_t[2].summary".
QString textKey(QStringView kind, const QString &id, QStringView field);

class PackTexts
{
public:
    // The languages a pack may give: "en" (required wherever a text is an object) first.
    static const QStringList &languages();
    static bool isEnglish(const QString &language) { return language.isEmpty() || language == QLatin1String("en"); }

    void add(const QString &key, const QString &language, const QString &text);
    // The text under `key` in `language`; the English one, flagged, when that language has none.
    // A key the pack does not have gives an empty text (not flagged).
    LocalText get(const QString &key, const QString &language) const;
    // How many texts the pack gives in `language`.
    qsizetype count(const QString &language) const;
    // The keys of the non-empty English texts that have none in `language`, sorted.
    QStringList keysWithout(const QString &language) const;

private:
    QHash<QString, QHash<QString, QString>> m_texts; // key -> language -> text
};

} // namespace consilium
