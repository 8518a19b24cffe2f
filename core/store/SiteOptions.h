// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

#include <optional>

namespace consilium {

// The site setting "site_options" (docs/store.md#site-settings): which options of the rule pack
// (resources/packs/FORMAT.md, "Options") this centre offers, can refer to, or does not offer
// (issue 12, "Site availability"). A JSON object from option id to "offered", "referral" or
// "not_offered"; an option it does not name is not stated. Kept in the store, so every workstation
// of a team sees the same; availability orders and greys options in the window and the report,
// it never changes a verdict. Ids of options the active pack does not have are kept (a later pack
// may have them again).
class SiteOptions
{
public:
    enum Level { Offered, Referral, NotStated, NotOffered }; // the order options are listed in

    static QString settingKey() { return QStringLiteral("site_options"); }
    // A setting as stored; nullopt and `problem` (its JSON path and why) when it is malformed.
    static std::optional<SiteOptions> parse(const QByteArray &setting, QString &problem);

    Level of(const QString &optionId) const { return m_levels.value(optionId, NotStated); }
    void set(const QString &optionId, Level level);
    bool isEmpty() const { return m_levels.isEmpty(); }
    // Compact JSON, keys sorted (the stored form; equal settings are equal bytes).
    QByteArray toJson() const;

private:
    QHash<QString, Level> m_levels; // NotStated is never kept
};

} // namespace consilium
