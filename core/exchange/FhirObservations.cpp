// SPDX-License-Identifier: GPL-3.0-or-later
// Observations → variables (exchange/FhirImport.h, docs/cli.md#import-fhir): each pack variable
// by its codes (resources/packs/FORMAT.md, "Codes for exchange"), the UCUM unit mapped to one of
// the variable's accepted units (the conversion is the pack's, "Variable"), multiples of the
// upper limit of normal from referenceRange.high, the latest effective date wins.
#include "exchange/FhirResources.h"
#include "rules/RulePack.h"

#include <cmath>
#include <map>

namespace consilium::fhir::detail {

using json::childPath;
using json::indexPath;
using Outcome = ImportItem::Outcome;

namespace {

// A readable value of one variable, or one that could not be read (error) but whose date is known.
struct Candidate {
    const Entry *entry = nullptr;
    QString path;
    QString code;
    QDateTime instant;
    QString date;
    double value = 0; // as written into the draft, in `unit`
    double canonical = 0;
    QString unit;
    QString how;
    bool error = false;
};

struct Quantity {
    double value = 0;
    QString code; // UCUM code
};

// A valueQuantity / referenceRange.high: a number with a UCUM code, or the reason it is not one.
std::optional<Quantity> quantity(const Value *q, QString &why)
{
    const Value *value = q ? member(*q, "value") : nullptr;
    if (!value || !value->IsNumber()) {
        why = QStringLiteral("has no numeric value");
        return std::nullopt;
    }
    if (const QString cmp = string(*q, "comparator"); !cmp.isEmpty()) {
        why = QStringLiteral("is a bound (%1 %2), not a measured value").arg(cmp).arg(value->GetDouble());
        return std::nullopt;
    }
    const QString system = string(*q, "system");
    const QString code = string(*q, "code");
    if (system != kUcum || code.isEmpty()) {
        why = QStringLiteral("has no UCUM unit (system \"%1\", code \"%2\", unit \"%3\")")
                  .arg(system, code, string(*q, "unit"));
        return std::nullopt;
    }
    return Quantity { value->GetDouble(), code };
}

class ObservationReader
{
public:
    explicit ObservationReader(Context &c) : m_c(c) { }

    void read(const Entry &e)
    {
        if (m_c.otherPatient(e))
            return;
        const Value &r = *e.resource;
        const QString status = string(r, "status");
        if (status != QLatin1String("final") && status != QLatin1String("amended")
            && status != QLatin1String("corrected")) {
            m_c.add(Outcome::Ignored, e, childPath(e.path, "status"),
                QStringLiteral("status \"%1\" is not a final result (final, amended or corrected)").arg(status));
            return;
        }
        const auto list = codings(member(r, "code"));
        const ObservationCode *oc = nullptr;
        Coding matched;
        for (const Coding &cd : list) {
            if ((oc = m_c.codes.observation(cd.system, cd.code))) {
                matched = cd;
                break;
            }
        }
        if (!oc) {
            m_c.add(Outcome::Ignored, e, childPath(e.path, "code"),
                QStringLiteral("unknown code (%1): not a variable of the pack").arg(codingList(list)));
            return;
        }
        if (oc->variable < 0) {
            ImportItem &item = m_c.add(Outcome::Ignored, e, childPath(e.path, "code"),
                QStringLiteral("%1 is a derived value: Consilium computes it, it is never imported").arg(oc->derived));
            item.target = oc->derived;
            item.code = matched.text();
            return;
        }
        readValue(e, *oc, matched.text());
    }

    void resolve()
    {
        for (auto &[variable, list] : m_byVariable)
            resolveVariable(variable, list);
    }

private:
    Context &m_c;
    std::map<int, std::vector<Candidate>> m_byVariable;

    const Variable &variable(int v) const { return m_c.pack.variables()[std::size_t(v)]; }

    void readValue(const Entry &e, const ObservationCode &oc, const QString &code)
    {
        const Value &r = *e.resource;
        auto item = [&](Outcome o, const QString &path, const QString &why) -> ImportItem & {
            ImportItem &it = m_c.add(o, e, path, why);
            it.target = variable(oc.variable).id;
            it.code = code;
            return it;
        };
        if (member(r, "dataAbsentReason")) {
            item(
                Outcome::Ignored, childPath(e.path, "dataAbsentReason"), QStringLiteral("no value (dataAbsentReason)"));
            return;
        }
        QString datePath;
        const Moment when = effective(r, e.path, datePath, true);
        if (when.kind != Moment::Kind::Day) {
            const bool bad = when.kind == Moment::Kind::Invalid;
            item(bad ? Outcome::Error : Outcome::Ignored, datePath,
                bad ? QStringLiteral("\"%1\" is not a FHIR dateTime").arg(when.written)
                    : QStringLiteral("no effective day (\"%1\"): which value is the latest cannot be told")
                          .arg(when.written));
            return;
        }
        if (when.date > m_c.asOf) {
            item(Outcome::Ignored, datePath,
                QStringLiteral("dated %1, after as_of %2").arg(when.written, m_c.asOf.toString(Qt::ISODate)));
            return;
        }
        Candidate cand;
        cand.entry = &e;
        cand.path = childPath(e.path, "valueQuantity");
        cand.code = code;
        cand.instant = when.instant;
        cand.date = when.date.toString(Qt::ISODate);
        QString why;
        const bool read = oc.ulnUnit.isEmpty() ? convert(r, oc, cand, why) : ulnMultiple(r, oc, e.path, cand, why);
        if (!read || !inRange(oc.variable, cand, why)) {
            ImportItem &it = item(Outcome::Error, cand.path, why);
            it.date = cand.date;
            cand.error = true;
        }
        m_byVariable[oc.variable].push_back(cand);
    }

    bool convert(const Value &r, const ObservationCode &oc, Candidate &cand, QString &why)
    {
        const auto q = quantity(member(r, "valueQuantity"), why);
        if (!q) {
            why = QStringLiteral("the valueQuantity ") + why;
            return false;
        }
        const Variable &var = variable(oc.variable);
        const UcumUnit *u = m_c.codes.unit(q->code);
        if (!u) {
            cand.path = childPath(cand.path, "code");
            why = QStringLiteral("unknown UCUM unit '%1' (not in the pack's codes): the value is not converted")
                      .arg(q->code);
            return false;
        }
        const UnitConversion *conv = var.findUnit(u->unit);
        if (!conv) {
            QStringList accepted;
            for (const auto &a : var.units)
                accepted << a.unit;
            cand.path = childPath(cand.path, "code");
            why = QStringLiteral("unit '%1' cannot be converted for %2 (accepted: %3)")
                      .arg(q->code, var.id, accepted.join(QStringLiteral(", ")));
            return false;
        }
        cand.value = q->value;
        cand.unit = u->unit;
        cand.canonical = conv->toCanonical(q->value);
        cand.how = QStringLiteral("%1 %2 = %3 %4").arg(q->value).arg(q->code).arg(cand.canonical).arg(var.unit);
        return true;
    }

    // value / referenceRange.high, both in the same UCUM unit (resources/packs/FORMAT.md, "Codes for exchange").
    bool ulnMultiple(const Value &r, const ObservationCode &oc, const QString &base, Candidate &cand, QString &why)
    {
        const auto q = quantity(member(r, "valueQuantity"), why);
        if (!q) {
            why = QStringLiteral("the valueQuantity ") + why;
            return false;
        }
        const Value *ranges = member(r, "referenceRange");
        const Value *high = nullptr;
        qsizetype i = 0;
        for (qsizetype k = 0; ranges && ranges->IsArray() && k < qsizetype(ranges->Size()) && !high; ++k) {
            high = member((*ranges)[rapidjson::SizeType(k)], "high");
            i = k;
        }
        if (!high) {
            cand.path = childPath(base, "referenceRange");
            why = QStringLiteral("no referenceRange.high: the multiple of the upper limit of normal is not "
                                 "computed (never guessed)");
            return false;
        }
        cand.path = childPath(indexPath(childPath(base, "referenceRange"), i), "high");
        const auto h = quantity(high, why);
        if (!h || h->code != q->code || !(h->value > 0)) {
            why = h ? QStringLiteral("referenceRange.high %1 %2 cannot divide the value %3 %4")
                          .arg(h->value)
                          .arg(h->code)
                          .arg(q->value)
                          .arg(q->code)
                    : QStringLiteral("referenceRange.high ") + why;
            return false;
        }
        cand.value = q->value / h->value;
        cand.unit = oc.ulnUnit;
        cand.canonical = variable(oc.variable).findUnit(oc.ulnUnit)->toCanonical(cand.value);
        cand.how = QStringLiteral("%1 %2 / upper limit %3 %2").arg(q->value).arg(q->code).arg(h->value);
        return true;
    }

    bool inRange(int v, const Candidate &cand, QString &why) const
    {
        const Variable &var = variable(v);
        if (var.type == ValueType::Integer && cand.canonical != std::floor(cand.canonical)) {
            why = QStringLiteral("%1 is not a whole number of %2").arg(cand.canonical).arg(var.unit);
            return false;
        }
        if (var.hasRange && (cand.canonical < var.rangeMin || cand.canonical > var.rangeMax)) {
            why = QStringLiteral("%1 %2 is outside the pack's range [%3, %4] %2")
                      .arg(cand.canonical)
                      .arg(var.unit)
                      .arg(var.rangeMin)
                      .arg(var.rangeMax);
            return false;
        }
        return true;
    }

    void resolveVariable(int v, const std::vector<Candidate> &list)
    {
        const Candidate *best = nullptr;
        const Candidate *newestError = nullptr;
        for (const Candidate &cd : list) {
            const Candidate *&slot = cd.error ? newestError : best;
            if (!slot || cd.instant > slot->instant)
                slot = &cd;
        }
        if (!best)
            return;
        auto ignore = [&](const Candidate &cd, const QString &why) {
            ImportItem &it = m_c.add(Outcome::Ignored, *cd.entry, cd.path, why);
            it.target = variable(v).id;
            it.code = cd.code;
            it.number = cd.value;
            it.unit = cd.unit;
            it.date = cd.date;
        };
        const bool newerUnreadable = newestError && newestError->instant > best->instant;
        bool conflict = false;
        for (const Candidate &cd : list)
            conflict = conflict
                || (!cd.error && &cd != best && cd.instant == best->instant && cd.canonical != best->canonical);
        for (const Candidate &cd : list) {
            if (cd.error)
                continue;
            if (newerUnreadable)
                ignore(cd,
                    QStringLiteral("a newer value (%1, %2) could not be read: no older value is imported")
                        .arg(newestError->entry->label(), newestError->date));
            else if (conflict && cd.instant == best->instant)
                ignore(cd, QStringLiteral("different values at the same time %1: none is imported").arg(cd.date));
            else if (&cd != best)
                ignore(cd, QStringLiteral("superseded by %1 of %2").arg(best->entry->label(), best->date));
        }
        if (newerUnreadable || conflict)
            return;
        ImportItem &it = m_c.add(Outcome::Mapped, *best->entry, best->path, best->how);
        it.target = variable(v).id;
        it.code = best->code;
        it.number = best->value;
        it.unit = best->unit;
        it.date = best->date;
        m_c.setFact({ v, best->value, {}, best->unit, best->date });
    }
};

} // namespace

void importObservations(Context &c)
{
    ObservationReader reader(c);
    for (const Entry &e : c.entries) {
        if (e.type == QLatin1String("Observation"))
            reader.read(e);
    }
    reader.resolve();
}

} // namespace consilium::fhir::detail
