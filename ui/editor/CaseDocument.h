// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "case/CaseData.h"

#include <QByteArray>
#include <QDate>
#include <QHash>
#include <QObject>
#include <QStringList>

#include <map>
#include <optional>
#include <set>
#include <vector>

class QJsonObject;

namespace consilium {

class RulePack;

// A fact as the user entered it. Three explicit states beside "absent": a value, "not
// evaluated" (the test was not done) and "unknown" (stated as unknown).
struct FactEntry {
    enum class State : std::uint8_t { Absent, Value, NotEvaluated, Unknown };
    State state = State::Absent;
    QString text; // number as typed, enum literal, "true"/"false"
    QString unit; // one of the variable's accepted units; empty = bare number
    QString date; // optional measurement date (YYYY-MM-DD)
    bool operator==(const FactEntry &) const = default;
};

struct MedicationEntry {
    QString agent;
    QString dailyDoseMg; // as typed
    QString lastDose; // YYYY-MM-DD as typed
    bool operator==(const MedicationEntry &) const = default;
};

// What the parser says about the document, mapped to the fields, plus the validated case
// built from every field that has no problem (so one bad value blocks nothing else).
struct CaseValidation {
    std::map<QString, QStringList> factErrors;
    std::map<int, QStringList> medicationErrors;
    QStringList failedErrors;
    std::vector<json::Finding> metaErrors; // findings about the document itself or its top-level fields
    std::vector<json::Finding> findings; // every finding, local ones (typed text) first
    QStringList allProblems; // each finding as "<json path>: <reason>", the form the CLI prints
    std::optional<CaseData> data;
    bool ok() const noexcept { return findings.empty(); }
};

// The editable case: raw entries, never canonicalised, so invalid input survives until the
// user fixes it. Serialises to consilium-case/1 for saving and to a draft for crash safety.
class CaseDocument : public QObject
{
    Q_OBJECT

public:
    explicit CaseDocument(const RulePack &pack, QObject *parent = nullptr);

    const RulePack &pack() const noexcept { return m_pack; }

    // Lenient load of a case (or draft) document; returns false with a reason if it is not JSON.
    bool load(const QByteArray &json, QString &error);
    void reset(const QString &caseId, const QDate &asOf, const QString &jurisdiction);

    // consilium-case/1. Numbers that do not parse are written as strings only in drafts.
    QByteArray toJson() const;
    QByteArray toDraft() const;

    QString meta(const QString &key) const; // "id", "label", "as_of", "jurisdiction"
    void setMeta(const QString &key, const QString &value);
    QString caseId() const { return meta(QStringLiteral("id")); }
    QDate asOf() const;

    FactEntry fact(const QString &variable) const { return m_facts.value(variable); }
    void setFact(const QString &variable, const FactEntry &entry);

    bool medicationsRecorded() const noexcept { return m_medsRecorded; }
    void setMedicationsRecorded(bool recorded);
    int medicationCount() const noexcept { return int(m_meds.size()); }
    MedicationEntry medication(int row) const { return m_meds.at(std::size_t(row)); }
    void setMedication(int row, const MedicationEntry &entry);
    void insertMedication(int row, const MedicationEntry &entry);
    void removeMedication(int row);

    bool failedRecorded() const noexcept { return m_failedRecorded; }
    QStringList failedTherapies() const { return m_failed; }
    void setFailedTherapies(bool recorded, const QStringList &agents);

    CaseValidation validate() const;

    // "80,5" and "80.5" both read as 80.5.
    static std::optional<double> parseNumber(const QString &text);

Q_SIGNALS:
    void factChanged(const QString &variable);
    void metaChanged(const QString &key);
    void medicationsChanged();
    void failedChanged();
    void changed();
    void reloaded();

private:
    struct Exclude {
        std::set<QString> facts;
        std::set<int> medications;
        std::set<int> failed;
        bool placeholderId = false;
    };
    QJsonObject build(bool draft, const Exclude *exclude) const;

    const RulePack &m_pack;
    QHash<QString, QString> m_meta;
    QHash<QString, FactEntry> m_facts;
    bool m_medsRecorded = false;
    std::vector<MedicationEntry> m_meds;
    bool m_failedRecorded = false;
    QStringList m_failed;
};

} // namespace consilium
