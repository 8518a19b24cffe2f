// SPDX-License-Identifier: GPL-3.0-or-later
#include "rules/PackTexts.h"

namespace consilium {

QString textKey(QStringView kind, const QString &id, QStringView field)
{
    return kind.toString() + QLatin1Char('/') + id + QLatin1Char('/') + field.toString();
}

const QStringList &PackTexts::languages()
{
    static const QStringList all { QStringLiteral("en"), QStringLiteral("de") };
    return all;
}

void PackTexts::add(const QString &key, const QString &language, const QString &text)
{
    m_texts[key].insert(language, text);
}

LocalText PackTexts::get(const QString &key, const QString &language) const
{
    const auto it = m_texts.constFind(key);
    if (it == m_texts.constEnd())
        return {};
    const QString lang = language.isEmpty() ? QStringLiteral("en") : language;
    const auto text = it->constFind(lang);
    if (text != it->constEnd())
        return { *text, false };
    return { it->value(QStringLiteral("en")), true };
}

qsizetype PackTexts::count(const QString &language) const
{
    qsizetype n = 0;
    for (const auto &byLanguage : m_texts)
        n += byLanguage.contains(language) ? 1 : 0;
    return n;
}

QStringList PackTexts::keysWithout(const QString &language) const
{
    QStringList out;
    for (auto it = m_texts.constBegin(); it != m_texts.constEnd(); ++it) {
        if (!it->value(QStringLiteral("en")).isEmpty() && !it->contains(language))
            out << it.key();
    }
    out.sort();
    return out;
}

} // namespace consilium
