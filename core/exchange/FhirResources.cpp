// SPDX-License-Identifier: GPL-3.0-or-later
// FHIR R4 elements (codings, dates) and the Patient and Condition steps of the import
// (exchange/FhirImport.h, docs/cli.md#import-fhir).
#include "exchange/FhirResources.h"
#include "exchange/FhirExport.h"
#include "rules/RulePack.h"

#include <QRegularExpression>
#include <QTimeZone>

#include <cmath>

#include <span>
#include <string_view>

namespace consilium::fhir::detail {

using json::childPath;
using Outcome = ImportItem::Outcome;

const Value *member(const Value &object, const char *key)
{
    if (!object.IsObject())
        return nullptr;
    const auto it = object.FindMember(key);
    return it == object.MemberEnd() ? nullptr : &it->value;
}

QString string(const Value &object, const char *key)
{
    const Value *v = member(object, key);
    return v && v->IsString() ? json::toQString(*v) : QString();
}

std::vector<Coding> codings(const Value *codeableConcept)
{
    std::vector<Coding> out;
    const Value *list = codeableConcept ? member(*codeableConcept, "coding") : nullptr;
    if (!list || !list->IsArray())
        return out;
    for (const auto &c : list->GetArray()) {
        Coding coding { string(c, "system"), string(c, "code") };
        if (!coding.code.isEmpty())
            out.push_back(coding);
    }
    return out;
}

QString codingList(const std::vector<Coding> &list)
{
    QStringList parts;
    for (const Coding &c : list)
        parts << c.text();
    return parts.isEmpty() ? QStringLiteral("no coding") : parts.join(QStringLiteral(", "));
}

Moment invalidMoment()
{
    Moment m;
    m.kind = Moment::Kind::Invalid;
    return m;
}

Moment parseMoment(const QString &text)
{
    // FHIR R4 date / dateTime: YYYY, YYYY-MM, YYYY-MM-DD, or YYYY-MM-DDThh:mm:ss[.s](Z|±hh:mm).
    static const QRegularExpression re(
        QStringLiteral(R"(^(\d{4})(-(\d{2})(-(\d{2})(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?)?)?$)"));
    Moment m;
    m.written = text;
    const auto match = re.match(text);
    if (!match.hasMatch()) {
        m.kind = Moment::Kind::Invalid;
        return m;
    }
    const int year = match.captured(1).toInt();
    const int month = match.captured(3).isEmpty() ? 1 : match.captured(3).toInt();
    if (month < 1 || month > 12 || year < 1) {
        m.kind = Moment::Kind::Invalid;
        return m;
    }
    if (match.captured(5).isEmpty()) {
        m.kind = Moment::Kind::Partial;
        return m;
    }
    m.date = QDate(year, month, match.captured(5).toInt());
    if (!m.date.isValid()) {
        m.kind = Moment::Kind::Invalid;
        return m;
    }
    if (match.captured(6).isEmpty()) {
        m.instant = QDateTime(m.date, QTime(0, 0), QTimeZone::utc());
    } else {
        m.instant = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!m.instant.isValid()) {
            m.kind = Moment::Kind::Invalid;
            return m;
        }
        m.instant = m.instant.toUTC();
    }
    m.kind = Moment::Kind::Day;
    return m;
}

Moment effective(const Value &resource, const QString &base, QString &path, bool startCounts)
{
    for (const char *key : { "effectiveDateTime", "effectiveInstant" }) {
        if (const Value *v = member(resource, key)) {
            path = childPath(base, key);
            return v->IsString() ? parseMoment(json::toQString(*v)) : invalidMoment();
        }
    }
    if (const Value *period = member(resource, "effectivePeriod")) {
        static constexpr std::string_view keys[] = { "end", "start" };
        const std::span<const std::string_view> tried = startCounts ? std::span(keys) : std::span(keys).first(1);
        for (const std::string_view key : tried) {
            if (const Value *v = member(*period, key.data())) {
                path = childPath(childPath(base, "effectivePeriod"), key);
                return v->IsString() ? parseMoment(json::toQString(*v)) : invalidMoment();
            }
        }
    }
    path = base;
    return {};
}

ImportItem &Context::add(Outcome outcome, const Entry &e, const QString &path, const QString &reason)
{
    ImportItem item;
    item.outcome = outcome;
    item.resource = e.label();
    item.path = path.isEmpty() ? e.path : path;
    item.reason = reason;
    items.push_back(item);
    return items.back();
}

bool Context::otherPatient(const Entry &e)
{
    const Value *subject = member(*e.resource, "subject");
    if (!subject)
        subject = member(*e.resource, "patient");
    const QString ref = subject ? string(*subject, "reference") : QString();
    if (ref.isEmpty() || patientRef.isEmpty() || ref == patientRef || ref == patientFullUrl)
        return false;
    add(Outcome::Ignored, e, childPath(e.path, "subject"),
        QStringLiteral("belongs to %1, not to the bundle's patient %2").arg(ref, patientRef));
    return true;
}

const Entry *Context::resolve(const QString &reference) const
{
    for (const Entry &e : entries) {
        if ((!e.fullUrl.isEmpty() && e.fullUrl == reference) || e.type + QLatin1Char('/') + e.id == reference)
            return &e;
    }
    return nullptr;
}

void Context::setFact(DraftFact fact)
{
    for (DraftFact &f : facts) {
        if (f.variable == fact.variable) {
            f = std::move(fact);
            return;
        }
    }
    facts.push_back(std::move(fact));
}

namespace {

void importSex(Context &c, const Entry &e)
{
    const QString gender = string(*e.resource, "gender");
    const QString path = childPath(e.path, "gender");
    const int sex = c.pack.variableIndex(QStringLiteral("sex"));
    if (gender.isEmpty() || sex < 0) {
        if (sex >= 0)
            c.notes << QStringLiteral("sex: the Patient has no gender; sex stays missing");
        return;
    }
    if (!c.pack.variables()[std::size_t(sex)].values.contains(gender)) {
        c.add(Outcome::Ignored, e, path,
             QStringLiteral("gender '%1' is not one of the pack's values for sex; sex stays missing").arg(gender))
            .target
            = QStringLiteral("sex");
        return;
    }
    ImportItem &item = c.add(Outcome::Mapped, e, path, QStringLiteral("Patient.gender"));
    item.target = QStringLiteral("sex");
    item.text = gender;
    c.setFact({ sex, std::nullopt, gender, {}, {} });
}

namespace {

// The age as a fact, within the pack's range (else an error for that value, never clamped).
void setAge(Context &c, const Entry &e, const QString &path, int years, const QString &how)
{
    const int age = c.pack.variableIndex(QStringLiteral("age_years"));
    const Variable &var = c.pack.variables()[std::size_t(age)];
    if (var.hasRange && (years < var.rangeMin || years > var.rangeMax)) {
        c.add(Outcome::Error, e, path,
             QStringLiteral("age %1 years is outside the pack's range [%2, %3]")
                 .arg(years)
                 .arg(var.rangeMin)
                 .arg(var.rangeMax))
            .target
            = QStringLiteral("age_years");
        return;
    }
    ImportItem &item = c.add(Outcome::Mapped, e, path, how);
    item.target = QStringLiteral("age_years");
    item.number = years;
    item.unit = var.unit;
    c.setFact({ age, double(years), {}, var.unit, {} });
}

void ageFromBirthDate(Context &c, const Entry &e, const Value &v)
{
    const QString path = childPath(e.path, "birthDate");
    const Moment birth = v.IsString() ? parseMoment(json::toQString(v)) : invalidMoment();
    auto fail = [&](Outcome o, const QString &why) { c.add(o, e, path, why).target = QStringLiteral("age_years"); };
    if (birth.kind == Moment::Kind::Invalid)
        return fail(Outcome::Error, QStringLiteral("birthDate \"%1\" is not a FHIR date").arg(birth.written));
    if (birth.kind == Moment::Kind::Partial)
        return fail(Outcome::Ignored,
            QStringLiteral("birthDate %1 is not a full date; age is not computed (never guessed)").arg(birth.written));
    if (birth.date > c.asOf)
        return fail(Outcome::Error,
            QStringLiteral("birthDate %1 is after as_of %2").arg(birth.written, c.asOf.toString(Qt::ISODate)));
    int years = c.asOf.year() - birth.date.year();
    if (c.asOf.month() < birth.date.month()
        || (c.asOf.month() == birth.date.month() && c.asOf.day() < birth.date.day()))
        --years;
    setAge(c, e, path, years,
        QStringLiteral("completed years from birthDate %1 to as_of %2")
            .arg(birth.written, c.asOf.toString(Qt::ISODate)));
}

// Consilium's own extension age-at-as-of (docs/fhir.md#urls): the age in completed years and the
// day it was stated at. Without a birthDate, that age is the age at as_of only on that day; on
// any other day it could be one year more or not, so it is not used (never guessed).
void ageAsStated(Context &c, const Entry &e, const Value &extension, const QString &path)
{
    const Value *parts = member(extension, "extension");
    const Value *age = nullptr;
    QString stated;
    if (parts && parts->IsArray()) {
        for (const Value &part : parts->GetArray()) {
            const QString name = string(part, "url");
            if (name == QLatin1String("age"))
                age = member(part, "valueAge");
            else if (name == QLatin1String("asOf"))
                stated = string(part, "valueDate");
        }
    }
    auto fail = [&](Outcome o, const QString &why) { c.add(o, e, path, why).target = QStringLiteral("age_years"); };
    const Value *number = age ? member(*age, "value") : nullptr;
    const Moment day = parseMoment(stated);
    if (!number || !number->IsNumber() || string(*age, "code") != QLatin1String("a") || string(*age, "system") != kUcum
        || day.kind != Moment::Kind::Day)
        return fail(Outcome::Error,
            QStringLiteral("age-at-as-of needs valueAge {value, system UCUM, code \"a\"} and asOf (a full date)"));
    const double years = number->GetDouble();
    if (years != std::floor(years))
        return fail(Outcome::Error, QStringLiteral("age-at-as-of value %1 is not a whole number of years").arg(years));
    if (day.date != c.asOf)
        return fail(Outcome::Ignored,
            QStringLiteral("age %1 years was stated at %2, not at as_of %3; without a birthDate the age at as_of "
                           "is not computed (never guessed)")
                .arg(years)
                .arg(stated, c.asOf.toString(Qt::ISODate)));
    setAge(c, e, path, int(years), QStringLiteral("age in completed years stated at %1 (age-at-as-of)").arg(stated));
}

} // namespace

// Age in completed years at as_of (docs/case-format.md#dates-and-as_of): from the birthDate, else
// from Consilium's age-at-as-of extension when it was stated at as_of.
void importAge(Context &c, const Entry &e)
{
    if (c.pack.variableIndex(QStringLiteral("age_years")) < 0)
        return;
    if (const Value *birth = member(*e.resource, "birthDate"))
        return ageFromBirthDate(c, e, *birth);
    const Value *extensions = member(*e.resource, "extension");
    if (extensions && extensions->IsArray()) {
        const QString ageUrl = url::extension("age-at-as-of");
        for (rapidjson::SizeType i = 0; i < extensions->Size(); ++i) {
            if (string((*extensions)[i], "url") == ageUrl)
                return ageAsStated(c, e, (*extensions)[i], json::indexPath(childPath(e.path, "extension"), int(i)));
        }
    }
    c.notes << QStringLiteral("age_years: the Patient has no birthDate; age stays missing");
}

bool enteredInError(const Value &resource, const char *statusKey)
{
    const Value *status = member(resource, statusKey);
    if (status && status->IsString())
        return json::toQString(*status) == QLatin1String("entered-in-error");
    for (const Coding &cd : codings(status)) {
        if (cd.code == QLatin1String("entered-in-error") || cd.code == QLatin1String("refuted"))
            return true;
    }
    return false;
}

} // namespace

void importPatient(Context &c, const Entry &e)
{
    importSex(c, e);
    importAge(c, e);
}

void importCondition(Context &c, const Entry &e)
{
    if (c.otherPatient(e))
        return;
    if (enteredInError(*e.resource, "verificationStatus")) {
        c.add(Outcome::Ignored, e, childPath(e.path, "verificationStatus"),
            QStringLiteral("verificationStatus is entered-in-error or refuted"));
        return;
    }
    const auto list = codings(member(*e.resource, "code"));
    const DiseaseCode *found = nullptr;
    Coding matched;
    for (const Coding &cd : list) {
        const DiseaseCode *d = c.codes.disease(cd.system, cd.code);
        if (d && found && d->disease != found->disease) {
            c.add(Outcome::Error, e, childPath(e.path, "code"),
                 QStringLiteral("its codes name two diseases (%1, %2)").arg(found->disease, d->disease))
                .target
                = QStringLiteral("disease");
            return;
        }
        if (d && !found) {
            found = d;
            matched = cd;
        }
    }
    if (!found) {
        c.add(Outcome::Ignored, e, childPath(e.path, "code"),
            QStringLiteral("unknown code (%1): not a disease of the pack").arg(codingList(list)));
        return;
    }
    ImportItem &item = c.add(Outcome::Mapped, e, childPath(e.path, "code"), found->from.source);
    item.target = QStringLiteral("disease");
    item.code = matched.text();
    item.text = found->disease;
}

} // namespace consilium::fhir::detail
