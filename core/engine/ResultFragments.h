// SPDX-License-Identifier: GPL-3.0-or-later
// The static texts of a rule pack as ready JSON fragments of consilium-result/1
// (docs/result-format.md): criterion ids, conditions, sources and evidence, toxicity rows,
// modifiers, logistics, option labels. A full result repeats them in every line (≈ 250 KB a line
// under pack 2026.2, each option repeating its criteria's texts); serialised once per engine
// (Engine::resultFragments) they are spliced with one append each (issue 15, README "Performance").
#pragma once

#include "engine/Engine.h"

#include <QByteArray>
#include <array>
#include <unordered_map>
#include <vector>

namespace consilium {

struct ResultFragments {
    // A criterion object (docs/result-format.md, "criteria") around its per-case parts:
    // head `{"id":…`, [`,"origin":…`], `,"state":…`, severity `,"severity":…,"explanation":`,
    // explanation, `,"inputs":{` + inputKeys[i] value … `}`, tail `,"applies_when":…,"evidence":…}`.
    struct Criterion {
        QByteArray head;
        QByteArray severity;
        std::vector<QByteArray> inputKeys; // `"id":` of each of the criterion's slots
        QByteArray tail;
    };
    // A toxicity row as a whole object, without and with its option's id (an option's own row
    // in an option's list, docs/result-format.md#options).
    struct ToxicityRow {
        QByteArray plain;
        QByteArray tagged;
    };
    // An option object's static start (`{"id":…,"label":…,"kind":…`) and end (`,"screening_note":…}`).
    struct Option {
        QByteArray head;
        QByteArray tail;
    };
    std::vector<Criterion> criteria; // as RulePack::criteria()
    std::array<QByteArray, kArmCount> logistics; // each arm's logistics object
    std::unordered_map<const ToxicityEntry *, ToxicityRow> toxicity; // rows of RulePack::toxicity()
    std::unordered_map<const Modifier *, QByteArray> modifiers; // objects of RulePack::modifiers()
    std::vector<Option> options; // as RulePack::options()
};

ResultFragments buildResultFragments(const RulePack &pack);
// One toxicity row (with its option's id when `optionId` is not empty) and one modifier as JSON.
QByteArray toxicityJson(const ToxicityEntry &t, const QString &optionId);
QByteArray modifierJson(const Modifier &m);

} // namespace consilium
