// SPDX-License-Identifier: GPL-3.0-or-later
// The fast path of parseCase (issue 15): reads a consilium-case/1 document (docs/case-format.md)
// in one pass over its bytes, without a DOM and without a QString per key, and builds the
// CaseData directly. It accepts only what is plainly valid: strings of printable ASCII without
// escapes, numbers that convert exactly, the closed objects of the format with known keys, no
// duplicate key, every value of the right type, unit and range. At the first thing that is not
// plainly valid it gives up and parseCase reads the document with the exact reader (parseStrict
// + CaseParser), which reports every finding with its path, code and message as before; so an
// accepted case is one the exact reader accepts with the same data, and nothing else changes.
#include "case/CaseData.h"

#include "rules/RulePack.h"

#include <QString>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string_view>
#include <system_error>

namespace consilium {

namespace {

// A JSON scalar as read: the string's bytes (printable ASCII, no escapes) or the number.
struct Scalar {
    enum Kind : std::uint8_t { None, String, Number, True, False, Null };
    Kind kind = None;
    std::string_view text;
    double number = 0.0;
};

QLatin1String latin1(std::string_view s)
{
    return QLatin1String(s.data(), qsizetype(s.size()));
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// The subset of RFC 8259 JSON this path reads; every function returns false for anything else
// (which the exact reader then reads or reports).
class Scanner
{
public:
    Scanner(const char *begin, const char *end) : m_p(begin), m_end(end) { }

    void skipSpace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\n' || *m_p == '\r'))
            ++m_p;
    }
    bool eat(char c)
    {
        skipSpace();
        if (m_p < m_end && *m_p == c) {
            ++m_p;
            return true;
        }
        return false;
    }
    bool next(char c)
    {
        skipSpace();
        return m_p < m_end && *m_p == c;
    }
    bool atEnd()
    {
        skipSpace();
        return m_p == m_end;
    }
    bool string(std::string_view &out)
    {
        if (!eat('"'))
            return false;
        const char *begin = m_p;
        for (; m_p < m_end; ++m_p) {
            const auto c = static_cast<unsigned char>(*m_p);
            if (c == '"') {
                out = std::string_view(begin, std::size_t(m_p - begin));
                ++m_p;
                return true;
            }
            if (c < 0x20 || c >= 0x80 || c == '\\')
                return false;
        }
        return false;
    }
    bool scalar(Scalar &out);
    // Calls member(key) for each member of an object; member reads the value.
    template <typename F> bool object(F &&member)
    {
        if (!eat('{'))
            return false;
        if (eat('}'))
            return true;
        do {
            std::string_view key;
            if (!string(key) || !eat(':') || !member(key))
                return false;
        } while (eat(','));
        return eat('}');
    }
    template <typename F> bool array(F &&element)
    {
        if (!eat('['))
            return false;
        if (eat(']'))
            return true;
        do {
            if (!element())
                return false;
        } while (eat(','));
        return eat(']');
    }

private:
    bool literal(std::string_view word)
    {
        if (std::size_t(m_end - m_p) < word.size() || std::string_view(m_p, word.size()) != word)
            return false;
        m_p += word.size();
        return true;
    }
    void digits()
    {
        while (m_p < m_end && isDigit(*m_p))
            ++m_p;
    }
    bool number(double &out);

    const char *m_p;
    const char *m_end;
};

bool Scanner::scalar(Scalar &out)
{
    skipSpace();
    if (m_p == m_end)
        return false;
    switch (*m_p) {
    case '"':
        out.kind = Scalar::String;
        return string(out.text);
    case 't':
        out.kind = Scalar::True;
        return literal("true");
    case 'f':
        out.kind = Scalar::False;
        return literal("false");
    case 'n':
        out.kind = Scalar::Null;
        return literal("null");
    default:
        out.kind = Scalar::Number;
        return number(out.number);
    }
}

// A JSON number, converted as parseStrict converts it (StrictJson.cpp, ExactNumberHandler): an
// integer that fits 64 bits as that integer, anything else with std::from_chars; NaN, Infinity
// and values beyond the double range are left to the exact reader.
bool Scanner::number(double &out)
{
    const char *begin = m_p;
    if (m_p < m_end && *m_p == '-')
        ++m_p;
    if (m_p == m_end || !isDigit(*m_p))
        return false;
    if (*m_p == '0')
        ++m_p;
    else
        digits();
    bool integral = true;
    if (m_p < m_end && *m_p == '.') {
        integral = false;
        ++m_p;
        if (m_p == m_end || !isDigit(*m_p))
            return false;
        digits();
    }
    if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
        integral = false;
        ++m_p;
        if (m_p < m_end && (*m_p == '+' || *m_p == '-'))
            ++m_p;
        if (m_p == m_end || !isDigit(*m_p))
            return false;
        digits();
    }
    if (integral) {
        std::int64_t i = 0;
        const auto r = std::from_chars(begin, m_p, i);
        if (r.ec == std::errc() && r.ptr == m_p) {
            out = double(i);
            return true;
        }
    }
    const auto r = std::from_chars(begin, m_p, out);
    return r.ec == std::errc() && r.ptr == m_p && std::isfinite(out);
}

// A YYYY-MM-DD date that is a real calendar day (parseIsoDate's common form).
std::optional<QDate> plainDate(const Scalar &s)
{
    const std::string_view t = s.text;
    if (s.kind != Scalar::String || t.size() != 10 || t[4] != '-' || t[7] != '-')
        return std::nullopt;
    static constexpr std::array<std::size_t, 8> kDigits = { 0, 1, 2, 3, 5, 6, 8, 9 };
    for (const std::size_t i : kDigits) {
        if (!isDigit(t[i]))
            return std::nullopt;
    }
    const auto num = [&](std::size_t at, std::size_t n) {
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i)
            v = v * 10 + (t[i] - '0');
        return v;
    };
    const QDate date(num(0, 4), num(5, 2), num(8, 2));
    if (!date.isValid())
        return std::nullopt;
    return date;
}

// The date as CaseParser keeps it (QDate::toString(Qt::ISODate)), which for a four-digit year is
// the text as written.
QString dateText(const QDate &date, const Scalar &s)
{
    return date.year() >= 1000 ? QString::fromLatin1(s.text.data(), qsizetype(s.text.size()))
                               : date.toString(Qt::ISODate);
}

// The members of one fact object ({"value", "unit", "date"} or {"status", "date"}).
struct FactFields {
    Scalar value;
    Scalar unit;
    Scalar date;
    Scalar status;
};

class PlainReader
{
public:
    PlainReader(const QByteArray &bytes, const RulePack &pack)
        : m_in(bytes.constData(), bytes.constData() + bytes.size()), m_pack(pack)
    { }
    std::optional<CaseData> read(const CaseParseOptions &options);

private:
    bool topMember(std::string_view key, CaseData &c, unsigned &seen);
    bool facts(CaseData &c);
    bool fact(const Variable &var, FactInput &out, double &value, ValueStatus &status);
    bool factObject(FactFields &f);
    bool number(const Variable &var, double entered, const Scalar *unit, FactInput &out, double &value,
        ValueStatus &status) const;
    bool medication(MedicationInput &med);
    bool dailyDose(MedicationInput &med);
    bool agent(int &out);

    Scanner m_in;
    const RulePack &m_pack;
};

bool PlainReader::agent(int &out)
{
    std::string_view id;
    if (!m_in.string(id))
        return false;
    out = m_pack.agentIndex(QString::fromLatin1(id.data(), qsizetype(id.size())));
    return out >= 0;
}

bool PlainReader::dailyDose(MedicationInput &med)
{
    Scalar value;
    Scalar unit;
    const bool read = m_in.object([&](std::string_view key) {
        Scalar *target = key == "value" ? &value : key == "unit" ? &unit : nullptr;
        return target && target->kind == Scalar::None && m_in.scalar(*target);
    });
    if (!read || value.kind != Scalar::Number || unit.kind != Scalar::String || unit.text != "mg" || value.number < 0)
        return false;
    med.hasDailyDose = true;
    med.dailyDoseMg = value.number;
    return true;
}

bool PlainReader::medication(MedicationInput &med)
{
    bool hasAgent = false;
    bool hasDose = false;
    bool hasLast = false;
    const bool read = m_in.object([&](std::string_view key) {
        if (key == "agent" && !hasAgent) {
            hasAgent = true;
            return agent(med.agent);
        }
        if (key == "daily_dose" && !hasDose) {
            hasDose = true;
            return dailyDose(med);
        }
        if (key == "last_dose" && !hasLast) {
            hasLast = true;
            Scalar s;
            const auto d = m_in.scalar(s) ? plainDate(s) : std::nullopt;
            med.hasLastDose = d.has_value();
            med.lastDose = d.value_or(QDate());
            return d.has_value();
        }
        return false;
    });
    if (!read || !hasAgent)
        return false;
    const Agent &ag = m_pack.agents()[std::size_t(med.agent)];
    const bool gc = m_pack.drugClasses()[std::size_t(ag.drugClass)].kind == DrugKind::Glucocorticoid;
    return !gc || hasDose;
}

bool PlainReader::number(
    const Variable &var, double entered, const Scalar *unit, FactInput &out, double &value, ValueStatus &status) const
{
    double canonical = entered;
    const UnitConversion *conv = nullptr;
    if (unit) {
        for (const auto &u : var.units) {
            if (u.unit == latin1(unit->text)) {
                conv = &u;
                break;
            }
        }
        if (!conv)
            return false;
        canonical = conv->toCanonical(entered);
    }
    if (var.type == ValueType::Integer && canonical != std::floor(canonical))
        return false;
    if (var.hasRange && (canonical < var.rangeMin || canonical > var.rangeMax))
        return false;
    status = ValueStatus::Known;
    value = canonical;
    out.entered = entered;
    out.unit = conv ? conv->unit : QString();
    return true;
}

bool PlainReader::factObject(FactFields &f)
{
    return m_in.object([&](std::string_view key) {
        Scalar *target = key == "value" ? &f.value
            : key == "unit"             ? &f.unit
            : key == "date"             ? &f.date
            : key == "status"           ? &f.status
                                        : nullptr;
        return target && target->kind == Scalar::None && m_in.scalar(*target);
    });
}

// One fact, accepted exactly when CaseParser::fact accepts it (CaseParser.cpp).
bool PlainReader::fact(const Variable &var, FactInput &out, double &value, ValueStatus &status)
{
    const bool numeric = var.type == ValueType::Number || var.type == ValueType::Integer;
    FactFields f;
    std::optional<QDate> date;
    const bool object = m_in.next('{');
    if (object) {
        if (!factObject(f))
            return false;
        if (f.date.kind != Scalar::None && !(date = plainDate(f.date)))
            return false;
        if (f.status.kind != Scalar::None) {
            if (f.value.kind != Scalar::None || f.unit.kind != Scalar::None || f.status.kind != Scalar::String)
                return false;
            if (f.status.text == "not_evaluated")
                status = ValueStatus::NotEvaluated;
            else if (f.status.text == "unknown")
                status = ValueStatus::Unknown;
            else
                return false;
            if (date)
                out.date = dateText(*date, f.date);
            return true;
        }
        if (f.value.kind == Scalar::None || (!numeric && f.unit.kind != Scalar::None))
            return false;
    } else if (!m_in.scalar(f.value) || f.value.kind == Scalar::Null) {
        return false;
    }
    if (numeric) {
        // A bare number only where the pack allows it; in an object "value" and "unit" are required.
        const bool bare = !object;
        if (f.value.kind != Scalar::Number || (bare && !var.bareNumber) || (!bare && f.unit.kind != Scalar::String))
            return false;
        if (!number(var, f.value.number, bare ? nullptr : &f.unit, out, value, status))
            return false;
    } else if (var.type == ValueType::Bool) {
        if (f.value.kind != Scalar::True && f.value.kind != Scalar::False)
            return false;
        status = ValueStatus::Known;
        value = f.value.kind == Scalar::True ? 1.0 : 0.0;
    } else {
        if (f.value.kind != Scalar::String)
            return false;
        const auto it = std::find_if(
            var.values.begin(), var.values.end(), [&](const QString &v) { return v == latin1(f.value.text); });
        if (it == var.values.end())
            return false;
        status = ValueStatus::Known;
        value = double(it - var.values.begin());
    }
    if (date)
        out.date = dateText(*date, f.date);
    return true;
}

bool PlainReader::facts(CaseData &c)
{
    return m_in.object([&](std::string_view key) {
        const int vi = m_pack.variableIndexUtf8(key);
        if (vi < 0 || c.status[std::size_t(vi)] != ValueStatus::Absent) // unknown, derived or repeated
            return false;
        const auto i = std::size_t(vi);
        return fact(m_pack.variables()[i], c.facts[i], c.values[i], c.status[i]);
    });
}

bool PlainReader::topMember(std::string_view key, CaseData &c, unsigned &seen)
{
    static constexpr std::string_view keys[]
        = { "format", "id", "as_of", "jurisdiction", "facts", "label", "medications", "failed_therapies" };
    const auto at = std::size_t(std::find(std::begin(keys), std::end(keys), key) - std::begin(keys));
    if (at == std::size(keys) || (seen & (1U << at)) != 0)
        return false;
    seen |= 1U << at;
    if (key == "facts")
        return facts(c);
    if (key == "medications") {
        c.hasMedications = true;
        return m_in.array([&] {
            c.medications.emplace_back();
            return medication(c.medications.back());
        });
    }
    if (key == "failed_therapies") {
        c.hasFailedTherapies = true;
        return m_in.array([&] {
            int a = -1;
            c.failedTherapies.push_back(a);
            return agent(c.failedTherapies.back());
        });
    }
    Scalar s;
    if (!m_in.scalar(s) || s.kind != Scalar::String)
        return false;
    if (key == "format")
        return s.text == "consilium-case/1";
    if (key == "as_of") {
        const auto d = plainDate(s);
        c.asOf = d.value_or(QDate());
        return d.has_value();
    }
    const QString text = QString::fromLatin1(s.text.data(), qsizetype(s.text.size()));
    if (key == "id") {
        c.id = text;
        return !text.trimmed().isEmpty();
    }
    if (key == "label") {
        c.label = text;
        return true;
    }
    c.jurisdiction = int(m_pack.jurisdictions().indexOf(text)); // "jurisdiction"
    return c.jurisdiction >= 0;
}

std::optional<CaseData> PlainReader::read(const CaseParseOptions &options)
{
    CaseData c;
    const std::size_t n = m_pack.variables().size();
    c.facts.resize(n);
    c.values.assign(n, kUnknown);
    c.status.assign(n, ValueStatus::Absent);
    unsigned seen = 0;
    constexpr unsigned kRequired = 0x1F; // format, id, as_of, jurisdiction, facts
    if (!m_in.object([&](std::string_view key) { return topMember(key, c, seen); }) || !m_in.atEnd()
        || (seen & kRequired) != kRequired)
        return std::nullopt;
    if (options.asOfOverride)
        c.asOf = *options.asOfOverride;
    return c;
}

} // namespace

std::optional<CaseData> readPlainCase(const QByteArray &bytes, const RulePack &pack, const CaseParseOptions &options)
{
    // A plain case nests five levels deep at most ($.medications[i].daily_dose.value).
    constexpr int kPlainDepth = 5;
    if (bytes.size() > options.limits.maxBytes || options.limits.maxDepth < kPlainDepth)
        return std::nullopt;
    PlainReader reader(bytes, pack);
    return reader.read(options);
}

} // namespace consilium
