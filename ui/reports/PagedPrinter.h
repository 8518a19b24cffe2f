// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QPagedPaintDevice;
class QTextDocument;

namespace consilium {

// Lays a QTextDocument out on the pages of a PDF writer or printer and draws a footer (the
// decision-support disclaimer and the page number) on every page.
class PagedPrinter
{
public:
    // Returns the number of pages printed.
    // pageFormat: "Page %1 of %2" in the document's language (default: the application's).
    // The pages `document` takes on `device` (laid out as print() does).
    static int pagesNeeded(QTextDocument &document, QPagedPaintDevice &device);
    static int print(
        QTextDocument &document, QPagedPaintDevice &device, const QString &footer, const QString &pageFormat = {});
};

} // namespace consilium
