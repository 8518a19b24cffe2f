// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/StoreLocation.h"

#include <QRegularExpression>
#include <QUrl>

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

} // namespace

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
    if (scheme == QLatin1String("postgresql") || scheme == QLatin1String("postgres"))
        // The URI may carry a password: only its scheme is repeated.
        return unsupported(scheme,
            QStringLiteral("PostgreSQL (%1://…) is not supported by this version; give a path to a SQLite file")
                .arg(scheme));
    return unsupported(scheme,
        QStringLiteral("the database location has the URI scheme \"%1:\", which this version does not support; give "
                       "a path to a SQLite file (for a file whose name contains a colon, write ./%1:…)")
            .arg(scheme));
}

} // namespace consilium
