// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Engine.h"

#include <QByteArray>
#include <QString>

#include <map>
#include <optional>
#include <vector>

namespace consilium {

// What an evaluation keeps in the store (issue 4): verdicts per arm and sub-option, every
// criterion state, derived values and earliest start dates. The full result is reproduced on
// demand by replaying with the pinned pack. Criterion states are one letter each in the pack's
// criterion order (M met, N not met, U unknown, A not applicable); the pack is stored by hash.
// A pack with options (resources/packs/FORMAT.md, "Options") adds each option's verdict under
// "options"; a pack without options writes no such key, so its compact JSON is what it always was
// (docs/store.md#evaluations).
struct CompactResult {
    std::map<QString, QString> verdicts; // "autologous_car_t", "standard_care/ahsct"
    std::map<QString, QString> options; // option id -> verdict, e.g. "allo-allo-329-resolution"
    QString states; // one letter per criterion
    QByteArray derivedJson; // {"egfr_ckd_epi_2021": 85.49, ...}
    std::map<QString, std::optional<QString>> earliest; // arm -> ISO date or unknown

    static CompactResult from(const Engine &engine, const Evaluation &e);
    QByteArray toJson() const;
    static std::optional<CompactResult> fromJson(const QByteArray &json);
    // (criterion id, state name) pairs, using the pack the evaluation was made with.
    std::vector<std::pair<QString, QString>> criteriaStates(const RulePack &pack) const;
};

QString stateLetterName(QChar letter);

} // namespace consilium
