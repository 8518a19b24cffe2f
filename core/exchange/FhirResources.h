// SPDX-License-Identifier: GPL-3.0-or-later
// Internal parts of the FHIR import (exchange/FhirImport.h): reading FHIR R4 JSON elements
// (codings, dates, quantities) and the state one import shares between its steps.
#pragma once

#include "exchange/FhirImport.h"
#include "rules/ExchangeCodes.h"

#include <QDateTime>

#include <optional>
#include <vector>

namespace consilium::fhir::detail {

using json::Value;

// The code system of UCUM units (Quantity.system, Age.system).
inline const QLatin1String kUcum("http://unitsofmeasure.org");

const Value *member(const Value &object, const char *key);
// The string at `key`, empty when it is absent or not a string.
QString string(const Value &object, const char *key);

struct Coding {
    QString system;
    QString code;
    QString text() const { return system + QLatin1Char('|') + code; }
};
// The codings of a CodeableConcept (none when it is absent or malformed).
std::vector<Coding> codings(const Value *codeableConcept);
QString codingList(const std::vector<Coding> &list); // "a|1, b|2" for messages

// A FHIR date or dateTime (YYYY, YYYY-MM, YYYY-MM-DD, or a full dateTime with time zone).
struct Moment {
    enum class Kind : std::uint8_t { Absent, Invalid, Partial, Day };
    Kind kind = Kind::Absent;
    QDate date; // Day only
    QDateTime instant; // Day only: the time given (UTC), else the start of the day in UTC
    QString written;
};
Moment parseMoment(const QString &text);
Moment invalidMoment();
// effective[x] of an Observation / MedicationStatement / MedicationAdministration: the
// dateTime, or the end of the period (else its start, when `startCounts`: an open period of a
// medication is ongoing, its start is no last dose); `path` receives the element's JSON path.
Moment effective(const Value &resource, const QString &base, QString &path, bool startCounts);

// One entry of the bundle.
struct Entry {
    const Value *resource = nullptr;
    QString path; // "$.entry[3].resource"
    QString type; // resourceType
    QString id;
    QString fullUrl;
    QString label() const { return id.isEmpty() ? path : type + QLatin1Char('/') + id; }
};

// A value bound for the draft's facts.
struct DraftFact {
    int variable = -1;
    std::optional<double> number;
    QString text;
    QString unit;
    QString date;
};

struct DraftMedication {
    int agent = -1;
    std::optional<double> dailyDoseMg;
    QDate dailyDoseFrom; // the date of the statement or request the daily dose comes from
    QDate lastDose;
};

struct Context {
    Context(const RulePack &p, const ExchangeCodes &c, QDate a) : pack(p), codes(c), asOf(a) { }
    const RulePack &pack;
    const ExchangeCodes &codes;
    QDate asOf;
    std::vector<Entry> entries;
    std::vector<ImportItem> items;
    QStringList notes;
    QString patientRef; // "Patient/<id>"
    QString patientFullUrl;
    std::vector<DraftFact> facts;
    bool hasMedications = false;
    std::vector<DraftMedication> medications;

    ImportItem &add(ImportItem::Outcome outcome, const Entry &e, const QString &path, const QString &reason);
    // A resource whose subject names another patient than the bundle's (ignored with that reason).
    bool otherPatient(const Entry &e);
    // The resource `reference` names ("Medication/x" or a fullUrl), or nullptr.
    const Entry *resolve(const QString &reference) const;
    void setFact(DraftFact fact);
};

void importPatient(Context &c, const Entry &e);
void importCondition(Context &c, const Entry &e);
void importObservations(Context &c);
void importMedications(Context &c);

} // namespace consilium::fhir::detail
