// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace consilium {

// Where a database is, as given by the user (`--db`, Settings → Database, StoreOptions::path),
// classified before anything touches the disk (docs/store.md#database-location).
struct StoreLocation {
    enum class Kind {
        SqliteFile, // a path to an SQLite file (relative, absolute, `C:\…`, or a `file:` URL)
        Unsupported // a URI whose scheme this version cannot open: `error` names it
    };
    Kind kind = Kind::SqliteFile;
    QString path; // SqliteFile: the file as given (a `file:` URL turned into its local path); may be empty
    QString scheme; // the URI scheme, lower-case; empty for a plain path
    QString error; // Unsupported: one sentence naming the scheme and what to give instead

    bool isSupported() const noexcept { return kind == Kind::SqliteFile; }
};

// The one place that decides what a database location means: a value that starts with a URI
// scheme (`^[A-Za-z][A-Za-z0-9+.-]*:`, except a one-letter Windows drive such as `C:`) is a
// URI — `file:` (a local SQLite file) is supported, `postgresql:`/`postgres:` and every other
// scheme is refused with a message naming it; everything else is a path and stays a path.
StoreLocation parseStoreLocation(const QString &location);

} // namespace consilium
