// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

class QSqlDatabase;

namespace consilium {

// A PostgreSQL database as named by `postgresql://[user@]host[:port]/dbname[?sslmode=…&host=…]`
// (issue 13). `host` may be a Unix-socket directory (`?host=/run/postgresql`); empty: libpq's
// default. No password: libpq reads it from PGPASSWORD, ~/.pgpass or a service file.
struct PostgresTarget {
    QString host;
    int port = -1; // -1: libpq's default (5432)
    QString user; // empty: libpq's default (the operating-system user)
    QString database;
    QString sslmode; // empty: libpq's default
    // The location again, in one normal form (never a password): CaseStore::path().
    QString uri() const;
};

// Points a QPSQL connection at `target`; `extraOptions` are more libpq connection options
// ("key=value;…", e.g. SqlDialect::readOnlyConnectOptions).
void applyPostgresTarget(QSqlDatabase &db, const PostgresTarget &target, const QString &extraOptions = {});

// Where a database is, as given by the user (`--db`, Settings → Database, StoreOptions::path),
// classified before anything touches the disk (docs/store.md#database-location).
struct StoreLocation {
    enum class Kind {
        SqliteFile, // a path to an SQLite file (relative, absolute, `C:\…`, or a `file:` URL)
        Postgres, // a well-formed postgresql:// (or postgres://) location: `postgres`
        Unsupported // a URI whose scheme this version cannot open, or a postgresql:// location that
                    // is not well-formed: `error` names it
    };
    Kind kind = Kind::SqliteFile;
    QString path; // SqliteFile: the file as given (a `file:` URL turned into its local path); may be empty
    QString scheme; // the URI scheme, lower-case; empty for a plain path
    QString error; // Unsupported: one sentence naming the scheme (or the PostgreSQL URI's problem)
    std::optional<PostgresTarget> postgres; // Kind::Postgres

    bool isSupported() const noexcept { return kind != Kind::Unsupported; }
    // What to give StoreOptions::path: the file path, or the PostgreSQL URI in its normal form.
    QString storePath() const { return postgres ? postgres->uri() : path; }
};

// The one place that decides what a database location means: a value that starts with a URI
// scheme (`^[A-Za-z][A-Za-z0-9+.-]*:`, except a one-letter Windows drive such as `C:`) is a
// URI — `file:` (a local SQLite file) and `postgresql:`/`postgres:` (a PostgreSQL database,
// issue 13) are supported, every other scheme is refused with a message naming it; everything
// else is a path and stays a path.
StoreLocation parseStoreLocation(const QString &location);

} // namespace consilium
