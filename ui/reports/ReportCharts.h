// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QGraphicsScene>
#include <QObject>
#include <QSizeF>
#include <QTextObjectInterface>

#include <map>
#include <memory>

class QChart;
class QTextDocument;

namespace consilium {

// Charts in a report, drawn as vectors: a chart added here appears where the document's HTML has
// the <img> tag add() returns, and is painted at print time by rendering its QGraphicsScene onto
// the printer's painter (QGraphicsScene::render), not as a bitmap. The chart is laid out at its
// size on paper, so fonts given in points print at that size. Registered as the document's image
// handler; owned by the document.
class ReportCharts : public QObject, public QTextObjectInterface
{
    Q_OBJECT
    Q_INTERFACES(QTextObjectInterface)

public:
    explicit ReportCharts(QTextDocument *document);
    ~ReportCharts() override;
    ReportCharts(const ReportCharts &) = delete;
    ReportCharts &operator=(const ReportCharts &) = delete;

    // Takes `chart` over; returns the <img> tag that places it (widthMm × heightMm on paper).
    QString add(const QString &name, QChart *chart, qreal widthMm, qreal heightMm);
    QChart *chart(const QString &name) const;

    QSizeF intrinsicSize(QTextDocument *document, int position, const QTextFormat &format) override;
    void drawObject(QPainter *painter, const QRectF &rect, QTextDocument *document, int position,
        const QTextFormat &format) override;

    // Scene pixels per millimetre: the chart is laid out at the resolution its fonts are sized for.
    static qreal scenePixelsPerMm();

private:
    struct Entry {
        std::unique_ptr<QGraphicsScene> scene; // one chart per scene; owns it
        QChart *chart = nullptr;
        QSizeF mm;
    };
    const Entry *find(const QTextFormat &format) const;

    std::map<QString, Entry> m_charts;
};

} // namespace consilium
