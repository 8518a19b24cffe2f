// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/SiteOptions.h"

#include "store/CanonicalJson.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <array>
#include <utility>

namespace consilium {

namespace {

constexpr std::array<std::pair<SiteOptions::Level, std::string_view>, 3> kNames { {
    { SiteOptions::Offered, "offered" },
    { SiteOptions::Referral, "referral" },
    { SiteOptions::NotOffered, "not_offered" },
} };

} // namespace

std::optional<SiteOptions> SiteOptions::parse(const QByteArray &setting, QString &problem)
{
    json::Document doc;
    if (!parseStored(setting, doc) || !doc.IsObject()) {
        problem
            = QStringLiteral("$: must be a JSON object from option id to \"offered\", \"referral\" or \"not_offered\"");
        return std::nullopt;
    }
    SiteOptions out;
    for (const auto &m : doc.GetObject()) {
        const QString id = json::toQString(m.name);
        const QString path = json::childPath(QStringLiteral("$"), json::keyOf(m.name));
        if (id.isEmpty()) {
            problem = QStringLiteral("$: an option id must not be empty");
            return std::nullopt;
        }
        const std::string_view value = m.value.IsString()
            ? std::string_view(m.value.GetString(), m.value.GetStringLength())
            : std::string_view();
        bool known = false;
        for (const auto &[level, name] : kNames) {
            if (value == name) {
                out.m_levels.insert(id, level);
                known = true;
            }
        }
        if (!known) {
            problem = path + QStringLiteral(": must be \"offered\", \"referral\" or \"not_offered\"");
            return std::nullopt;
        }
    }
    return out;
}

void SiteOptions::set(const QString &optionId, Level level)
{
    if (level == NotStated)
        m_levels.remove(optionId);
    else
        m_levels.insert(optionId, level);
}

QByteArray SiteOptions::toJson() const
{
    QJsonObject o; // QJsonObject keeps its keys sorted
    for (auto it = m_levels.cbegin(); it != m_levels.cend(); ++it) {
        for (const auto &[level, name] : kNames) {
            if (it.value() == level)
                o.insert(it.key(), QString::fromLatin1(name.data(), qsizetype(name.size())));
        }
    }
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace consilium
