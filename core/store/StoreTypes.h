// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <functional>

namespace consilium {

// What went wrong in the store, for callers that map errors to exit codes or dialogs.
enum class StoreErrc {
    None,
    Io, // the file or its directory cannot be read or written
    Foreign, // not a Consilium database (another file type, or another application's SQLite)
    Corrupt, // SQLite reports a damaged file
    TooNew, // written by a newer Consilium; refused
    Locked, // another writer holds the database
    NeedsUpgrade, // older schema and opened read-only
    InvalidCase, // case JSON rejected (diagnostics name the field)
    InvalidPack, // rule pack rejected
    NotFound,
    Refused, // a rule of the data model (immutability, finalisation) forbids it
    Sql,
    Unsupported, // a database location this version cannot open (StoreLocation: a URI scheme)
    Conflict, // saved against a version that is no longer the latest (no lost update, docs/store.md#concurrent-writers)
    Unreachable // the database server cannot be reached (connection lost); the next call reconnects
};

struct StoreError {
    StoreErrc code = StoreErrc::None;
    QString message;
    QStringList details; // e.g. one "<json path>: <reason>" line per case problem
    // A deadlock or serialization failure (SqlDialect::classify): the whole transaction may be
    // run again, which CaseStore::retrying does a bounded number of times.
    bool transient = false;

    explicit operator bool() const noexcept { return code != StoreErrc::None; }
};

// Who acts: the operating-system account plus the name the user chose to be shown.
struct Actor {
    QString osUser;
    QString displayName;

    static Actor fromEnvironment(const QString &displayName = {});
    // "Dr Weber (weber)"; the account alone when no other name was chosen; the name alone when
    // the account is unknown.
    QString label() const;
};

using Clock = std::function<QDateTime()>;

// The verdict group key of an option in `current_verdicts` and CaseFilter: "option:<id>"
// (docs/store.md#evaluations). Arm ids have no colon and sub-option keys start with their arm id,
// so no option key can equal an arm's or a sub-option's.
inline QString optionGroupKey(const QString &optionId)
{
    return QStringLiteral("option:") + optionId;
}

// The option id of an option group key; empty for an arm or sub-option key.
inline QString optionIdOfGroup(const QString &groupKey)
{
    return groupKey.startsWith(QLatin1String("option:")) ? groupKey.mid(7) : QString();
}

// SQL drivers bind a null QString as NULL; NOT NULL text columns get "" instead.
inline QString notNull(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

} // namespace consilium
