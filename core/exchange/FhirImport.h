// SPDX-License-Identifier: GPL-3.0-or-later
// Import of a FHIR R4 Bundle (collection, searchset, transaction) into a consilium-case/1 draft
// (docs/case-format.md) with an import report (docs/cli.md#import-fhir). What maps to what is the
// pack's data (resources/packs/FORMAT.md, "Codes for exchange"); nothing is guessed: a value that
// cannot be read exactly is an error in the report and stays missing in the draft.
#pragma once

#include "json/StrictJson.h"

#include <QByteArray>
#include <QDate>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace consilium {
class RulePack;
class ExchangeCodes;
} // namespace consilium

namespace consilium::fhir {

struct ImportOptions {
    QDate asOf; // the draft's as_of: age is computed at it, later values are not imported
    bool asOfIsDefault = false; // as_of is today's date (no --as-of), said in the report
    QString jurisdiction; // empty: the pack's first jurisdiction, said in the report
    QString caseId; // empty: "fhir-import-<as_of>"
};

// One thing the import did with one part of the bundle.
struct ImportItem {
    enum class Outcome : std::uint8_t { Mapped, Ignored, Error };
    Outcome outcome = Outcome::Ignored;
    QString resource; // "Observation/cr-1" (resourceType/id; the entry path when there is no id)
    QString path; // JSON path in the bundle of the value concerned
    QString target; // "creatinine", "sex", "disease", "medications/prednisone"; empty when nothing was matched
    QString code; // the code matched or looked at, "system|code"
    std::optional<double> number; // the value written into the draft (a number)
    QString text; // … or an enum value / a date
    QString unit; // the unit written into the draft
    QString date; // the value's date (YYYY-MM-DD), when known
    QString reason; // why it was ignored or is an error; for a mapped value how it was computed
};

struct ImportResult {
    json::Diagnostics fatal; // the bundle as a whole cannot be read: no draft
    QByteArray draft; // the consilium-case/1 draft, indented; empty when fatal is not ok
    QDate asOf;
    bool asOfIsDefault = false;
    QString jurisdiction;
    std::vector<ImportItem> items;
    QStringList notes; // what the report says about the draft as a whole (medications, failed therapies, …)

    bool ok() const { return fatal.ok(); }
    qsizetype count(ImportItem::Outcome outcome) const;
};

// Reads `bytes` as a FHIR R4 Bundle and builds the draft; the draft is checked with the strict case
// reader (parseCase) before it is returned.
ImportResult importBundle(
    const QByteArray &bytes, const RulePack &pack, const ExchangeCodes &codes, const ImportOptions &options);

// The report as JSON (format "consilium-fhir-import-report/1", indented) or as text, one line an item.
QByteArray reportJson(const ImportResult &result, const RulePack &pack);
QString reportText(const ImportResult &result);

} // namespace consilium::fhir
