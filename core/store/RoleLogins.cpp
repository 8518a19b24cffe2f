// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/RoleLogins.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace consilium {

std::optional<QMap<QString, QStringList>> RoleLogins::parse(const QByteArray &setting, QString &problem)
{
    QJsonParseError e {};
    const QJsonDocument doc = QJsonDocument::fromJson(setting, &e);
    if (e.error != QJsonParseError::NoError || !doc.isObject()) {
        problem = QStringLiteral("$: must be a JSON object of role → array of logins");
        return std::nullopt;
    }
    QMap<QString, QStringList> map;
    const QJsonObject o = doc.object();
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString path = QStringLiteral("$.%1").arg(it.key());
        if (it.key().trimmed().isEmpty()) {
            problem = QStringLiteral("$: a role must have a name");
            return std::nullopt;
        }
        if (!it.value().isArray() || it.value().toArray().isEmpty()) {
            problem = path + QStringLiteral(": must be a non-empty array of logins");
            return std::nullopt;
        }
        QStringList logins;
        const QJsonArray a = it.value().toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QString login = a.at(i).toString();
            if (!a.at(i).isString() || login.trimmed().isEmpty() || login != login.trimmed()) {
                problem = QStringLiteral("%1[%2]: must be a login (a non-empty name without surrounding spaces)")
                              .arg(path)
                              .arg(i);
                return std::nullopt;
            }
            logins << login;
        }
        map.insert(it.key(), logins);
    }
    return map;
}

QString RoleLogins::loginOf(const QString &recordedBy)
{
    const qsizetype open = recordedBy.lastIndexOf(QStringLiteral(" ("));
    if (open < 0 || !recordedBy.endsWith(QLatin1Char(')')))
        return recordedBy;
    return recordedBy.mid(open + 2, recordedBy.size() - open - 3);
}

} // namespace consilium
