// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "json/StrictJson.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace consilium {

// The site setting "required_roles": which roles must record a position before a decision can
// be finalised. A JSON array of {"role": R} (always required) or {"role": R, "when_any": [...]}
// where each condition is a case fact that is true ("active_infection") or equals a literal
// ("hiv=positive").
class RequiredRoles
{
public:
    static QString settingKey() { return QStringLiteral("required_roles"); }
    // The default policy (resources/site/required_roles.json, compact JSON); the site setting
    // overrides it.
    static QByteArray defaultSetting();
    // Validates a setting; on failure returns false and names the problem.
    static bool validate(const QByteArray &setting, QString &problem);
    // The roles the setting requires for a case document (consilium-case/1).
    static QStringList forCase(const QByteArray &setting, const json::Value &caseDoc);
};

} // namespace consilium
