// SPDX-License-Identifier: GPL-3.0-or-later
// MedicationStatement / MedicationRequest / MedicationAdministration → the case's medications
// (docs/case-format.md#medications): the agent by its ATC code (resources/packs/FORMAT.md, "Codes
// for exchange"), the last dose date and the daily dose where the resource gives them.
#include "exchange/FhirResources.h"
#include "rules/RulePack.h"

namespace consilium::fhir::detail {

using json::childPath;
using Outcome = ImportItem::Outcome;

namespace {

struct Dose {
    std::optional<double> mg;
    QString how; // how it was computed, or why not
};

// A daily dose in mg from one Dosage: doseQuantity (UCUM mg; docs/case-format.md#medications: mg is
// the only unit) × frequency per period of days or hours. Anything else is not computed.
Dose dailyDose(const Value *dosages)
{
    if (!dosages || !dosages->IsArray() || dosages->Empty())
        return { std::nullopt, QStringLiteral("no dosage given") };
    if (dosages->Size() > 1)
        return { std::nullopt, QStringLiteral("several dosage lines: the daily dose is not summed up") };
    const Value &d = (*dosages)[0];
    const Value *rates = member(d, "doseAndRate");
    const Value *q = rates && rates->IsArray() && !rates->Empty() ? member((*rates)[0], "doseQuantity") : nullptr;
    const Value *value = q ? member(*q, "value") : nullptr;
    if (!value || !value->IsNumber() || value->GetDouble() < 0)
        return { std::nullopt, QStringLiteral("no doseQuantity") };
    if (string(*q, "system") != kUcum || string(*q, "code") != QLatin1String("mg"))
        return { std::nullopt, QStringLiteral("the dose is not in UCUM mg (\"%1\")").arg(string(*q, "code")) };
    const Value *timing = member(d, "timing");
    const Value *repeat = timing ? member(*timing, "repeat") : nullptr;
    const Value *period = repeat ? member(*repeat, "period") : nullptr;
    const QString unit = repeat ? string(*repeat, "periodUnit") : QString();
    if (!period || !period->IsNumber() || !(period->GetDouble() > 0)
        || (unit != QLatin1String("d") && unit != QLatin1String("h")))
        return { std::nullopt, QStringLiteral("no timing per day or hours") };
    const Value *frequency = member(*repeat, "frequency");
    const double f = frequency && frequency->IsNumber() ? frequency->GetDouble() : 1.0;
    const double perDay = unit == QLatin1String("h") ? 24.0 / period->GetDouble() : 1.0 / period->GetDouble();
    const double mg = value->GetDouble() * f * perDay;
    return { mg,
        QStringLiteral("%1 mg × %2 per %3 %4 = %5 mg/day")
            .arg(value->GetDouble())
            .arg(f)
            .arg(period->GetDouble())
            .arg(unit)
            .arg(mg) };
}

class MedicationReader
{
public:
    explicit MedicationReader(Context &c) : m_c(c) { }

    void read(const Entry &e)
    {
        ++m_resources;
        if (m_c.otherPatient(e))
            return;
        const QString status = string(*e.resource, "status");
        static const QStringList skipped = { QStringLiteral("entered-in-error"), QStringLiteral("not-taken"),
            QStringLiteral("not-done"), QStringLiteral("cancelled"), QStringLiteral("draft") };
        if (skipped.contains(status)) {
            m_c.add(Outcome::Ignored, e, childPath(e.path, "status"), QStringLiteral("status \"%1\"").arg(status));
            return;
        }
        QString codePath;
        const auto list = medicationCodings(e, codePath);
        const AgentCode *agent = nullptr;
        Coding matched;
        for (const Coding &cd : list) {
            if ((agent = m_c.codes.agent(cd.system, cd.code))) {
                matched = cd;
                break;
            }
        }
        if (!agent) {
            ++m_unknown;
            m_c.add(Outcome::Ignored, e, codePath,
                QStringLiteral("unknown code (%1): not a drug of the pack's vocabulary").arg(codingList(list)));
            return;
        }
        readAgent(e, *agent, matched.text(), codePath);
    }

    void finish()
    {
        if (m_resources == 0) {
            m_c.notes << QStringLiteral("medications: the bundle has no MedicationStatement, MedicationRequest or "
                                        "MedicationAdministration; the list stays missing (unknown, not none)");
            return;
        }
        checkGlucocorticoids();
        if (m_errors > 0) {
            for (ImportItem &it : m_c.items) {
                if (it.outcome == Outcome::Mapped && it.target.startsWith(QLatin1String("medications/"))) {
                    it.outcome = Outcome::Ignored;
                    it.reason += QStringLiteral("; not in the draft: the medication list is left out");
                }
            }
            m_c.notes << QStringLiteral("medications: left out (unknown) because %1 medication value(s) could not be "
                                        "read; an incomplete list would read as complete")
                             .arg(m_errors);
            return;
        }
        m_c.hasMedications = true;
        m_c.medications = m_list;
        if (m_unknown > 0)
            m_c.notes << QStringLiteral("medications: %1 resource(s) with codes outside the pack's vocabulary are not "
                                        "in the list (see the ignored items); review the list")
                             .arg(m_unknown);
    }

private:
    Context &m_c;
    std::vector<DraftMedication> m_list;
    std::vector<std::pair<int, const Entry *>> m_firstSource; // agent -> an entry naming it
    int m_resources = 0;
    int m_unknown = 0;
    int m_errors = 0;

    std::vector<Coding> medicationCodings(const Entry &e, QString &path) const
    {
        if (const Value *cc = member(*e.resource, "medicationCodeableConcept")) {
            path = childPath(e.path, "medicationCodeableConcept");
            return codings(cc);
        }
        path = childPath(e.path, "medicationReference");
        const Value *ref = member(*e.resource, "medicationReference");
        const Entry *med = ref ? m_c.resolve(string(*ref, "reference")) : nullptr;
        if (!med || med->type != QLatin1String("Medication"))
            return {};
        return codings(member(*med->resource, "code"));
    }

    DraftMedication &entryFor(int agent, const Entry &e)
    {
        for (DraftMedication &m : m_list) {
            if (m.agent == agent)
                return m;
        }
        m_firstSource.emplace_back(agent, &e);
        m_list.push_back({ agent, std::nullopt, {}, {} });
        return m_list.back();
    }

    void readAgent(const Entry &e, const AgentCode &agent, const QString &code, const QString &codePath)
    {
        const bool request = e.type == QLatin1String("MedicationRequest");
        const bool administration = e.type == QLatin1String("MedicationAdministration");
        const QString agentId = m_c.pack.agents()[std::size_t(agent.agent)].id;
        QStringList how { agent.from.source };
        QDate lastDose;
        QDate asserted;
        if (!request) {
            QString datePath;
            const Moment when = effective(*e.resource, e.path, datePath, false);
            if (when.kind == Moment::Kind::Invalid) {
                ++m_errors;
                ImportItem &it = m_c.add(
                    Outcome::Error, e, datePath, QStringLiteral("\"%1\" is not a FHIR dateTime").arg(when.written));
                it.target = QStringLiteral("medications/") + agentId;
                return;
            }
            lastDose = when.kind == Moment::Kind::Day ? when.date : QDate();
            asserted = lastDose;
            how << (lastDose.isValid() ? QStringLiteral("last dose from %1").arg(datePath.section(QLatin1Char('.'), -1))
                                       : QStringLiteral("no last dose date"));
        } else {
            asserted = parseMoment(string(*e.resource, "authoredOn")).date;
        }
        Dose dose;
        if (!administration) {
            dose = dailyDose(member(*e.resource, request ? "dosageInstruction" : "dosage"));
            how << dose.how;
        }
        DraftMedication &m = entryFor(agent.agent, e);
        if (lastDose.isValid() && (!m.lastDose.isValid() || lastDose > m.lastDose))
            m.lastDose = lastDose;
        if (dose.mg && (!m.dailyDoseMg || !m.dailyDoseFrom.isValid() || asserted >= m.dailyDoseFrom)) {
            m.dailyDoseMg = dose.mg;
            m.dailyDoseFrom = asserted;
        }
        ImportItem &it = m_c.add(Outcome::Mapped, e, codePath, how.join(QStringLiteral("; ")));
        it.target = QStringLiteral("medications/") + agentId;
        it.code = code;
        it.number = dose.mg;
        it.unit = dose.mg ? QStringLiteral("mg") : QString();
        it.date = lastDose.toString(Qt::ISODate);
    }

    // A glucocorticoid needs its daily dose in the case (docs/case-format.md#medications).
    void checkGlucocorticoids()
    {
        for (const DraftMedication &m : m_list) {
            const Agent &a = m_c.pack.agents()[std::size_t(m.agent)];
            if (m.dailyDoseMg || m_c.pack.drugClasses()[std::size_t(a.drugClass)].kind != DrugKind::Glucocorticoid)
                continue;
            ++m_errors;
            const Entry *source = nullptr;
            for (const auto &[agent, entry] : m_firstSource)
                source = agent == m.agent ? entry : source;
            ImportItem &it = m_c.add(Outcome::Error, *source, source->path,
                QStringLiteral("%1 is a glucocorticoid and no daily dose could be read (a case needs it)").arg(a.id));
            it.target = QStringLiteral("medications/") + a.id;
        }
    }
};

} // namespace

void importMedications(Context &c)
{
    MedicationReader reader(c);
    for (const Entry &e : c.entries) {
        if (e.type == QLatin1String("MedicationStatement") || e.type == QLatin1String("MedicationRequest")
            || e.type == QLatin1String("MedicationAdministration"))
            reader.read(e);
    }
    reader.finish();
}

} // namespace consilium::fhir::detail
