// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

// Plain text put into the rich text of reports, tooltips and views (QTextDocument's HTML subset).
namespace consilium {

// Escaped: <, >, & and " stand for themselves.
inline QString htmlEscaped(const QString &s)
{
    return s.toHtmlEscaped();
}

// Escaped, and its line breaks kept (<br>).
inline QString htmlLines(const QString &s)
{
    return s.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
}

} // namespace consilium
