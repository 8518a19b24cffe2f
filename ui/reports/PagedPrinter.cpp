// SPDX-License-Identifier: GPL-3.0-or-later
#include "reports/PagedPrinter.h"

#include <QAbstractTextDocumentLayout>
#include <QCoreApplication>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QTextDocument>

#include <cmath>

namespace consilium {

namespace {

// The height of a page's body (the footer below it) in device pixels, for `font`.
qreal bodyHeight(const QFont &documentFont, QPagedPaintDevice &device, qreal &width)
{
    const QRect page = device.pageLayout().paintRectPixels(device.logicalDpiY());
    width = page.width();
    QFont footerFont = documentFont;
    footerFont.setPointSizeF(7.5);
    const QFontMetricsF fm(footerFont, &device);
    return page.height() - fm.height() * 2.6;
}

} // namespace

int PagedPrinter::pagesNeeded(QTextDocument &document, QPagedPaintDevice &device)
{
    qreal width = 0;
    const qreal height = bodyHeight(document.defaultFont(), device, width);
    document.documentLayout()->setPaintDevice(&device);
    document.setPageSize(QSizeF(width, height));
    return qMax(1, document.pageCount());
}

int PagedPrinter::print(
    QTextDocument &document, QPagedPaintDevice &device, const QString &footer, const QString &pageFormat)
{
    QPainter painter(&device);
    if (!painter.isActive())
        return 0;
    const int dpi = device.logicalDpiY();
    const QRect page = device.pageLayout().paintRectPixels(dpi);
    const qreal width = page.width();
    QFont footerFont = document.defaultFont();
    footerFont.setPointSizeF(7.5);
    const QFontMetricsF fm(footerFont, &device);
    const qreal footerHeight = fm.height() * 2.6;
    const qreal bodyHeight = page.height() - footerHeight;

    document.documentLayout()->setPaintDevice(&device);
    document.setPageSize(QSizeF(width, bodyHeight));
    const int pages = qMax(1, int(std::ceil(document.size().height() / bodyHeight)));
    for (int i = 0; i < pages; ++i) {
        if (i > 0)
            device.newPage();
        painter.save();
        painter.translate(0, -i * bodyHeight);
        const QRectF clip(0, i * bodyHeight, width, bodyHeight);
        painter.setClipRect(clip);
        QAbstractTextDocumentLayout::PaintContext ctx;
        ctx.clip = clip;
        ctx.palette.setColor(QPalette::Text, Qt::black);
        document.documentLayout()->draw(&painter, ctx);
        painter.restore();

        painter.setFont(footerFont);
        painter.setPen(QColor(0x42, 0x42, 0x42));
        const qreal y = bodyHeight + fm.height() * 0.6;
        painter.drawLine(QPointF(0, y), QPointF(width, y));
        const QString format = pageFormat.isEmpty()
            ? QCoreApplication::translate("consilium::PagedPrinter", "Page %1 of %2")
            : pageFormat;
        const QString pageText = format.arg(i + 1).arg(pages);
        const QRectF line(0, y + fm.height() * 0.3, width, fm.height() * 1.5);
        painter.drawText(line, Qt::AlignLeft | Qt::AlignVCenter, footer);
        painter.drawText(line, Qt::AlignRight | Qt::AlignVCenter, pageText);
    }
    return pages;
}

} // namespace consilium
