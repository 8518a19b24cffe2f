// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/PackProvenance.h"

#include <QDate>
#include <QString>

class QPagedPaintDevice;
class QTextDocument;

namespace consilium {

class Engine;
class Evaluation;

// A one-page, plain-language handout in the style of an Option Grid: the options the team
// discussed as columns, the patient's questions as rows. English or German, independent of
// the language of the user interface.
class PatientHandout
{
public:
    struct Options {
        QString language = QStringLiteral("en"); // "en" or "de"
        QDate printedOn; // the date printed on the handout; invalid: today
        PackProvenance provenance; // how the engine's pack was loaded
        qreal textScale = 1.0; // 1 = 8.5 pt body text; paint() makes it smaller to fit one page
    };
    static void build(
        const Engine &engine, const Evaluation &evaluation, const Options &options, QTextDocument &document);
    static bool writePdf(const Engine &engine, const Evaluation &evaluation, const Options &options,
        const QString &path, QString &error);
    static int paint(
        const Engine &engine, const Evaluation &evaluation, const Options &options, QPagedPaintDevice &device);
    // A date as the handout's language writes it ("25 November 2026", "25. November 2026").
    static QString date(const QDate &date, const QString &language);
};

} // namespace consilium
