// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "rules/Expression.h"
#include "json/StrictJson.h"

#include <QDate>
#include <QString>

#include <optional>
#include <vector>

namespace consilium {

class RulePack;

// How a fact was entered (for display); its canonical value lives in CaseData::values.
struct FactInput {
    double entered = 0.0; // the number as entered, before conversion
    QString unit; // the unit as entered (normalised); empty for bare numbers
    QString date; // optional measurement date
};

struct MedicationInput {
    int agent = -1;
    bool hasDailyDose = false;
    double dailyDoseMg = 0.0;
    bool hasLastDose = false;
    QDate lastDose;
};

// A validated consilium-case/1 document in canonical units (docs/case-format.md). Built only by parseCase,
// so every instance is free of input errors.
struct CaseData {
    QString id;
    QString label;
    QDate asOf;
    int jurisdiction = -1; // index into RulePack::jurisdictions()
    // Canonical values and their status, indexed like RulePack::variables(): the compact arrays
    // the engine copies per evaluation (kept apart from the display data for cache locality).
    std::vector<double> values;
    std::vector<ValueStatus> status;
    std::vector<FactInput> facts; // as entered, indexed like RulePack::variables()
    bool hasMedications = false;
    std::vector<MedicationInput> medications;
    bool hasFailedTherapies = false;
    std::vector<int> failedTherapies; // agent indices
};

struct CaseParseOptions {
    std::optional<QDate> asOfOverride; // --as-of
    json::Limits limits; // 1 MiB, depth 64
};

// Parses and validates a case file against the pack's dictionary. Returns nullopt with one
// "<json path>: <reason>" line per problem; nothing is evaluated from a case with errors.
std::optional<CaseData> parseCase(
    const QByteArray &bytes, const RulePack &pack, json::Diagnostics &diag, const CaseParseOptions &options = {});
std::optional<CaseData> parseCaseValue(
    const json::Value &root, const RulePack &pack, json::Diagnostics &diag, const CaseParseOptions &options = {});

// The fast path of parseCase (PlainCaseReader.cpp): reads a plainly valid case in one pass without
// a DOM. nullopt means "not plainly valid", never an error: the caller then reads the bytes with
// parseStrict + parseCaseValue, which report the findings. parseCase does both.
std::optional<CaseData> readPlainCase(
    const QByteArray &bytes, const RulePack &pack, const CaseParseOptions &options = {});

using json::parseIsoDate;

} // namespace consilium
