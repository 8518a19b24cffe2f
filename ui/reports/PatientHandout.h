// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QPagedPaintDevice;
class QTextDocument;

namespace consilium {

class Engine;
struct Evaluation;

// A one-page, plain-language handout in the style of an Option Grid: the options the team
// discussed as columns, the patient's questions as rows. English or German, independent of
// the language of the user interface.
class PatientHandout
{
public:
    static void build(
        const Engine &engine, const Evaluation &evaluation, const QString &language, QTextDocument &document);
    static bool writePdf(const Engine &engine, const Evaluation &evaluation, const QString &language,
        const QString &path, QString &error);
    static int paint(
        const Engine &engine, const Evaluation &evaluation, const QString &language, QPagedPaintDevice &device);
};

} // namespace consilium
