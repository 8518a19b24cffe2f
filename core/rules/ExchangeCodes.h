// SPDX-License-Identifier: GPL-3.0-or-later
// The pack's codes for exchange (resources/packs/FORMAT.md, "Codes for exchange"): which
// LOINC code is which variable, which UCUM spelling is which of the pack's unit ids, which ATC
// code is which agent, which SNOMED CT / ICD-10 code is which disease. Data only: unit factors
// stay in the variables' `units`.
#pragma once

#include "json/StrictJson.h"

#include <QString>

#include <vector>

namespace consilium {

class RulePack;

// Where a mapping entry comes from: its source, evidence code and JSON path (for messages).
struct CodeProvenance {
    QString source;
    QString evidence;
    QString path;
};

// An observation code: a variable (quantity), or a derived value that is never imported.
struct ObservationCode {
    QString system;
    QString code;
    int variable = -1; // index into RulePack::variables(); -1 for a derived value
    QString derived; // the derived value's id when variable is -1
    QString ulnUnit; // non-empty: the value is value / referenceRange.high, written in this unit
    // The variable's units that fit the code's property (mass or substance concentration, …):
    // the export writes a value under this code only in one of them (FORMAT.md "Codes for
    // exchange"); empty: the code is not used for export.
    QStringList units;
    CodeProvenance from;
};

struct UcumUnit {
    QString ucum; // the UCUM code as written in a Quantity (case-sensitive)
    QString unit; // the pack's unit spelling (normalised, resources/packs/FORMAT.md "Variable")
    CodeProvenance from;
};

struct AgentCode {
    QString system;
    QString code;
    int agent = -1; // index into RulePack::agents()
    CodeProvenance from;
};

struct DiseaseCode {
    QString system;
    QString code;
    QString disease; // one of the `disease` variable's values
    CodeProvenance from;
};

class ExchangeCodes
{
public:
    std::vector<ObservationCode> observations;
    std::vector<UcumUnit> ucum;
    std::vector<AgentCode> agents;
    std::vector<DiseaseCode> diseases;

    bool isEmpty() const { return observations.empty() && ucum.empty() && agents.empty() && diseases.empty(); }
    const ObservationCode *observation(const QString &system, const QString &code) const;
    const UcumUnit *unit(const QString &ucumCode) const;
    const AgentCode *agent(const QString &system, const QString &code) const;
    const DiseaseCode *disease(const QString &system, const QString &code) const;

    // Adds a site's extension; a code (or UCUM spelling) that is already mapped is refused with a
    // finding at the extension's path naming the existing entry; nothing is added then.
    bool merge(const ExchangeCodes &extension, json::Diagnostics &diag);
};

// Reads a `codes` object (resources/packs/FORMAT.md, "Codes for exchange") at `path` against the
// pack's variables, derived values, agents and disease values; errors name the JSON path.
ExchangeCodes loadExchangeCodes(
    const json::Value &codes, const QString &path, const RulePack &pack, json::Diagnostics &diag);

// A site's extension file {"format": "consilium-codes/1", "codes": {…}} read strictly and
// merged onto the pack's codes. Returns false with findings on any problem.
bool extendExchangeCodes(const QByteArray &bytes, const RulePack &pack, ExchangeCodes &codes, json::Diagnostics &diag);

} // namespace consilium
