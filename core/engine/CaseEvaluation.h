// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "case/CaseData.h"
#include "engine/Engine.h"
#include "json/StrictJson.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace consilium {

// The one path from a case file to its result: strict JSON parse → validation against the pack's
// dictionary → evaluation. The CLI, the store, replay and the vignettes all go through here, so a
// case is read the same way wherever it comes from.

struct CaseReading {
    QString caseId; // the document's "id" whenever the JSON could be read at all, even if invalid
    std::optional<CaseData> data; // set exactly when diag.ok()
    json::Diagnostics diag; // why the case was rejected

    bool ok() const noexcept { return data.has_value(); }
};

// Parse and validate. `keep`, when given, receives the parsed document (for callers that store
// the case as written).
CaseReading readCase(const QByteArray &bytes, const RulePack &pack, const CaseParseOptions &options = {},
    json::Document *keep = nullptr);

struct CaseOutcome {
    QString caseId;
    json::Diagnostics diag; // why the case was rejected; nothing is evaluated from a case with findings
    std::optional<Evaluation> evaluation;

    bool ok() const noexcept { return evaluation.has_value(); }
};

// Parse, validate and evaluate.
CaseOutcome evaluateCase(const Engine &engine, const QByteArray &bytes, const CaseParseOptions &options = {});

} // namespace consilium
