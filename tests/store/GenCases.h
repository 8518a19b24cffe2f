// SPDX-License-Identifier: GPL-3.0-or-later
// Synthetic cases for benchmarks: valid consilium-case/1 documents built from the shipped
// examples, with about 10% of the facts left out (unknown) and ages and weights varied.
#pragma once

#include "store/CaseStore.h"

#include <QByteArray>
#include <QList>

#include <functional>

namespace consilium {

struct GenOptions {
    qint64 count = 100000;
    quint32 seed = 42;
    double missingRate = 0.10;
    int batchSize = 5000; // cases per write transaction
};

// Loads the templates from <source>/resources/examples.
QList<QByteArray> caseTemplates(const QString &sourceDir);

// Writes `count` synthetic cases "gen-000001", … into the store. Returns the number written
// (each validated against the built-in pack first), or why it stopped.
StoreResult<qint64> generateCases(CaseStore &store, const QList<QByteArray> &templates, const GenOptions &options,
    const std::function<void(qint64)> &progress = {});

} // namespace consilium
