// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace consilium {

// The site setting "role_logins" (issue 13, docs/store.md#roles-and-logins): which database
// logins sign for a role at a team conference, e.g. {"rheumatology": ["dr_meier", "dr_weber"]}.
// On a PostgreSQL store, a required role that the setting names is answered only by a position
// recorded by one of its logins; a position anyone else records for it (the chair typing for the
// room) is kept and shown as recorded on the participant's behalf, but does not sign. Roles the
// setting does not name, and every role on SQLite (one workstation, no logins), are answered by
// any position, as before.
class RoleLogins
{
public:
    static QString settingKey() { return QStringLiteral("role_logins"); }
    // The mapping, or nullopt with `problem` naming the JSON path and why.
    static std::optional<QMap<QString, QStringList>> parse(const QByteArray &setting, QString &problem);
    // The login in a recorded_by text: "Dr Meier (dr_meier)" → "dr_meier" (CaseStore::actorName
    // on PostgreSQL puts the login last, in parentheses); a bare login stays itself.
    static QString loginOf(const QString &recordedBy);
};

} // namespace consilium
