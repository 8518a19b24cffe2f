// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/StoreLocation.h"

#include <QRegularExpression>
#include <QSqlDatabase>
#include <QUrl>
#include <QUrlQuery>

namespace consilium {

namespace {

StoreLocation unsupported(const QString &scheme, const QString &error)
{
    StoreLocation l;
    l.kind = StoreLocation::Kind::Unsupported;
    l.scheme = scheme;
    l.error = error;
    return l;
}

// A `file:` URL (RFC 8089): file:///abs/x.sqlite, file:/abs/x.sqlite or file:x.sqlite.
StoreLocation fileUrl(const QString &location)
{
    const QUrl url(location, QUrl::StrictMode);
    const QString path = url.isValid() ? url.toLocalFile() : QString();
    if (path.isEmpty() || url.hasQuery() || url.hasFragment() || !url.host().isEmpty())
        return unsupported(QStringLiteral("file"),
            QStringLiteral("the database location %1 is not a local file URL (file:///path/to/file.sqlite, without "
                           "host, query or fragment); give a path to a SQLite file")
                .arg(location));
    StoreLocation l;
    l.path = path;
    l.scheme = QStringLiteral("file");
    return l;
}

// postgresql://[user@]host[:port]/dbname[?sslmode=…&host=…]: the target, or why not (`why`).
std::optional<PostgresTarget> postgresTarget(const QString &location, QString &why)
{
    const QUrl url(location, QUrl::StrictMode);
    if (!url.isValid()) {
        why = QStringLiteral("it is not a valid URI");
        return std::nullopt;
    }
    if (!url.password().isEmpty()) {
        why = QStringLiteral("it contains a password; libpq reads it from PGPASSWORD, ~/.pgpass or a service file");
        return std::nullopt;
    }
    PostgresTarget t;
    t.host = url.host();
    t.port = url.port(-1);
    t.user = url.userName();
    t.database = url.path().mid(1);
    if (t.database.isEmpty() || t.database.contains(QLatin1Char('/'))) {
        why = QStringLiteral("it names no database (postgresql://host/dbname)");
        return std::nullopt;
    }
    const QUrlQuery query(url);
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
        if (key == QLatin1String("sslmode")) {
            t.sslmode = value;
        } else if (key == QLatin1String("host") && t.host.isEmpty()) {
            t.host = value;
        } else {
            why = QStringLiteral("the parameter \"%1\" is not supported (only sslmode, and host when the URI has none)")
                      .arg(key);
            return std::nullopt;
        }
    }
    static const QRegularExpression sslmodes(QStringLiteral("^(|disable|allow|prefer|require|verify-ca|verify-full)$"));
    if (!sslmodes.match(t.sslmode).hasMatch()) {
        why = QStringLiteral("sslmode \"%1\" is not one of disable, allow, prefer, require, verify-ca, verify-full")
                  .arg(t.sslmode);
        return std::nullopt;
    }
    return t;
}

} // namespace

QString PostgresTarget::uri() const
{
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setUserName(user);
    const bool socket = host.startsWith(QLatin1Char('/'));
    url.setHost(socket ? QString() : host);
    url.setPort(port);
    url.setPath(QLatin1Char('/') + database);
    QUrlQuery query;
    if (socket)
        query.addQueryItem(QStringLiteral("host"), host);
    if (!sslmode.isEmpty())
        query.addQueryItem(QStringLiteral("sslmode"), sslmode);
    url.setQuery(query);
    QString text = url.toString(QUrl::FullyEncoded);
    if (socket && user.isEmpty() && port < 0)
        text.replace(QStringLiteral("postgresql:/"), QStringLiteral("postgresql:///")); // keep the empty authority
    return text;
}

void applyPostgresTarget(QSqlDatabase &db, const PostgresTarget &target, const QString &extraOptions)
{
    db.setHostName(target.host);
    if (target.port > 0)
        db.setPort(target.port);
    db.setUserName(target.user);
    db.setDatabaseName(target.database);
    QStringList options;
    if (!target.sslmode.isEmpty())
        options << QStringLiteral("sslmode=%1").arg(target.sslmode);
    if (!extraOptions.isEmpty())
        options << extraOptions;
    db.setConnectOptions(options.join(QLatin1Char(';')));
}

StoreLocation parseStoreLocation(const QString &location)
{
    static const QRegularExpression schemeRe(QStringLiteral("^([A-Za-z][A-Za-z0-9+.-]*):"));
    const QRegularExpressionMatch m = schemeRe.match(location);
    // A one-letter "scheme" is a Windows drive (C:\data\x.sqlite, C:x.sqlite), on every platform.
    if (!m.hasMatch() || m.capturedLength(1) == 1) {
        StoreLocation l;
        l.path = location;
        return l;
    }
    const QString scheme = m.captured(1).toLower();
    if (scheme == QLatin1String("file"))
        return fileUrl(location);
    if (scheme == QLatin1String("postgresql") || scheme == QLatin1String("postgres")) {
        // The URI may carry a password: only its scheme is repeated, never the URI.
        QString why;
        StoreLocation l;
        l.scheme = scheme;
        l.postgres = postgresTarget(location, why);
        if (!l.postgres)
            return unsupported(
                scheme, QStringLiteral("the PostgreSQL location (%1://…) cannot be used: %2").arg(scheme, why));
        l.kind = StoreLocation::Kind::Postgres;
        return l;
    }
    return unsupported(scheme,
        QStringLiteral("the database location has the URI scheme \"%1:\", which this version does not support; give "
                       "a path to a SQLite file (for a file whose name contains a colon, write ./%1:…)")
            .arg(scheme));
}

} // namespace consilium
