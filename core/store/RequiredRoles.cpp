// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/RequiredRoles.h"

#include "store/CanonicalJson.h"

#include <QFile>

namespace consilium {

QByteArray RequiredRoles::defaultSetting()
{
    // The site's default sign-off policy is data, not code: resources/site/required_roles.json
    // (compiled into the store library), in the form docs/store.md describes. Returned compact,
    // as it is stored in the settings table.
    static const QByteArray compact = [] {
        QFile file(QStringLiteral(":/site/required_roles.json"));
        json::Document doc;
        if (!file.open(QIODevice::ReadOnly) || !parseStored(file.readAll(), doc) || !doc.IsArray())
            qFatal("consilium: the built-in resource :/site/required_roles.json is missing or not a JSON array");
        return compactJson(doc);
    }();
    return compact;
}

bool RequiredRoles::validate(const QByteArray &setting, QString &problem)
{
    json::Document doc;
    if (!parseStored(setting, doc) || !doc.IsArray()) {
        problem = QStringLiteral("$: must be a JSON array");
        return false;
    }
    qsizetype i = 0;
    for (const auto &rule : doc.GetArray()) {
        const QString path = json::indexPath(QStringLiteral("$"), i++);
        if (!rule.IsObject() || !rule.HasMember("role") || !rule["role"].IsString()
            || rule["role"].GetStringLength() == 0) {
            problem = path + QStringLiteral(".role: a non-empty string is required");
            return false;
        }
        for (const auto &m : rule.GetObject()) {
            const auto key = json::keyOf(m.name);
            if (key != "role" && key != "when_any") {
                problem = json::childPath(path, key) + QStringLiteral(": unknown key");
                return false;
            }
        }
        if (rule.HasMember("when_any")) {
            const auto &w = rule["when_any"];
            if (!w.IsArray() || w.Empty()) {
                problem = path + QStringLiteral(".when_any: a non-empty array of conditions is required");
                return false;
            }
            for (const auto &c : w.GetArray()) {
                if (!c.IsString() || c.GetStringLength() == 0) {
                    problem = path + QStringLiteral(".when_any: conditions are strings");
                    return false;
                }
            }
        }
    }
    return true;
}

QStringList RequiredRoles::forCase(const QByteArray &setting, const json::Value &caseDoc)
{
    QStringList roles;
    json::Document doc;
    if (!parseStored(setting, doc) || !doc.IsArray())
        return roles;
    const json::Value *facts = nullptr;
    if (caseDoc.IsObject()) {
        const auto it = caseDoc.FindMember("facts");
        if (it != caseDoc.MemberEnd() && it->value.IsObject())
            facts = &it->value;
    }
    auto holds = [facts](const QString &condition) {
        if (!facts)
            return false;
        const qsizetype eq = condition.indexOf(QLatin1Char('='));
        const QByteArray name = (eq < 0 ? condition : condition.left(eq)).trimmed().toUtf8();
        const auto it = facts->FindMember(name.constData());
        if (it == facts->MemberEnd())
            return false;
        if (eq < 0)
            return it->value.IsBool() && it->value.GetBool();
        return it->value.IsString() && json::toQString(it->value) == condition.mid(eq + 1).trimmed();
    };
    for (const auto &rule : doc.GetArray()) {
        if (!rule.IsObject() || !rule.HasMember("role") || !rule["role"].IsString())
            continue;
        const QString role = json::toQString(rule["role"]);
        bool required = true;
        if (rule.HasMember("when_any") && rule["when_any"].IsArray()) {
            required = false;
            for (const auto &c : rule["when_any"].GetArray())
                required = required || (c.IsString() && holds(json::toQString(c)));
        }
        if (required && !roles.contains(role))
            roles << role;
    }
    return roles;
}

} // namespace consilium
