// SPDX-License-Identifier: GPL-3.0-or-later
#include "reports/ReportCharts.h"

#include <QAbstractTextDocumentLayout>
#include <QChart>
#include <QCoreApplication>
#include <QGraphicsLayout>
#include <QGuiApplication>
#include <QPainter>
#include <QScreen>
#include <QTextDocument>

namespace consilium {

namespace {

const QString kScheme = QStringLiteral("chart:");

// Delivers the events posted to the chart, its scene and their children: only those. Every posted
// event of the application (QCoreApplication::sendPostedEvents()) would also deliver, say, a
// language change to the window, which then evaluates again while a report is being built.
void deliverChartEvents(QGraphicsScene *scene, QChart *chart)
{
    QList<QObject *> receivers { scene, chart };
    receivers += scene->findChildren<QObject *>();
    receivers += chart->findChildren<QObject *>();
    for (QObject *o : receivers)
        QCoreApplication::sendPostedEvents(o);
}

} // namespace

ReportCharts::ReportCharts(QTextDocument *document) : QObject(document)
{
    document->documentLayout()->registerHandler(QTextFormat::ImageObject, this);
}

ReportCharts::~ReportCharts() = default;

qreal ReportCharts::scenePixelsPerMm()
{
    // QFont point sizes become scene pixels at the screen's logical resolution.
    const QScreen *screen = QGuiApplication::primaryScreen();
    return (screen ? screen->logicalDotsPerInchY() : 96.0) / 25.4;
}

QString ReportCharts::add(const QString &name, QChart *chart, qreal widthMm, qreal heightMm)
{
    auto scene = std::make_unique<QGraphicsScene>();
    scene->addItem(chart);
    const qreal px = scenePixelsPerMm();
    chart->setGeometry(QRectF(0, 0, widthMm * px, heightMm * px));
    chart->setBackgroundRoundness(0);
    chart->setDropShadowEnabled(false);
    // Lay it out now (axes, labels, the plot area that bar labels follow): the chart's presenter
    // works through posted events.
    for (int i = 0; i < 2; ++i) {
        chart->setGeometry(QRectF(0, 0, widthMm * px + 1 - i, heightMm * px));
        deliverChartEvents(scene.get(), chart);
        if (QGraphicsLayout *layout = chart->layout())
            layout->activate();
        deliverChartEvents(scene.get(), chart);
    }
    m_charts[name] = { std::move(scene), chart, QSizeF(widthMm, heightMm) };
    return QStringLiteral("<img src=\"%1%2\">").arg(kScheme, name.toHtmlEscaped());
}

QChart *ReportCharts::chart(const QString &name) const
{
    const auto it = m_charts.find(name);
    return it == m_charts.end() ? nullptr : it->second.chart;
}

const ReportCharts::Entry *ReportCharts::find(const QTextFormat &format) const
{
    const QString src = format.toImageFormat().name();
    if (!src.startsWith(kScheme))
        return nullptr;
    const auto it = m_charts.find(src.mid(kScheme.size()));
    return it == m_charts.end() ? nullptr : &it->second;
}

QSizeF ReportCharts::intrinsicSize(QTextDocument *document, int, const QTextFormat &format)
{
    const Entry *e = find(format);
    if (!e)
        return {};
    // Document units are the paint device's pixels (the printer's when printing).
    const QPaintDevice *device = document->documentLayout()->paintDevice();
    const qreal dpi = device ? device->logicalDpiX() : 96.0;
    return e->mm * (dpi / 25.4);
}

void ReportCharts::drawObject(QPainter *painter, const QRectF &rect, QTextDocument *, int, const QTextFormat &format)
{
    const Entry *e = find(format);
    if (!e)
        return;
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::TextAntialiasing);
    e->scene->render(painter, rect, e->chart->geometry(), Qt::IgnoreAspectRatio);
    painter->restore();
}

} // namespace consilium
