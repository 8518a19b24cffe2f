// SPDX-License-Identifier: GPL-3.0-or-later
// What the report tests share: the text of a PDF (pdftotext), and keeping the PDFs to look at.
#pragma once

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QString>

namespace consilium::test {

inline QString pdfText(const QString &pdf)
{
    const QString tool = QStringLiteral(CONSILIUM_PDFTOTEXT);
    if (tool.isEmpty() || tool.endsWith(QLatin1String("NOTFOUND")))
        qFatal("pdftotext (poppler-utils) is required by this test");
    QProcess p;
    p.start(tool, { QStringLiteral("-layout"), pdf, QStringLiteral("-") });
    if (!p.waitForFinished(30000) || p.exitCode() != 0)
        qFatal("pdftotext failed on %s", qPrintable(pdf));
    return QString::fromUtf8(p.readAllStandardOutput());
}

// Ligature glyphs (ﬀ ﬁ ﬂ ﬃ ﬄ) in the extracted text: a hash or word copied or searched in the
// PDF would not read as printed.
inline bool hasLigatures(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() >= 0xFB00 && c.unicode() <= 0xFB04)
            return true;
    }
    return false;
}

inline QString flat(QString s)
{
    return s.simplified();
}

// With CONSILIUM_TEST_SHOTS=DIR, the PDFs are kept there to be looked at.
inline void keep(const QString &pdf)
{
    const QString dir = qEnvironmentVariable("CONSILIUM_TEST_SHOTS");
    if (!dir.isEmpty())
        QFile::copy(pdf, dir + QLatin1Char('/') + QFileInfo(pdf).fileName());
}

} // namespace consilium::test
