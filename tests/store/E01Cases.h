// SPDX-License-Identifier: GPL-3.0-or-later
// Vignette E01 of options-2026.2.md §E (complete work-up, platelets 60 x10^9/L) under another id
// and another platelet count: the cases the option tests of the store, the case list and the
// pack impact build around the platelet thresholds of the allogeneic options.
#pragma once

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace {

// E01 under `id`, with `platelets` x10^9/L (< 0: the fact left out).
inline QByteArray e01With(const QString &id, int platelets)
{
    QFile f(QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/examples/options-2026.2/E01-sle-plt60.json"));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("E01 not found");
    QJsonObject doc = QJsonDocument::fromJson(f.readAll()).object();
    doc[QStringLiteral("id")] = id;
    QJsonObject facts = doc.value(QStringLiteral("facts")).toObject();
    if (platelets < 0)
        facts.remove(QStringLiteral("platelets"));
    else
        facts[QStringLiteral("platelets")] = QJsonObject { { QStringLiteral("value"), platelets },
            { QStringLiteral("unit"), QStringLiteral("10^9/L") } };
    doc[QStringLiteral("facts")] = facts;
    return QJsonDocument(doc).toJson(QJsonDocument::Compact);
}

} // namespace
