// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDate>
#include <QString>
#include <QStringList>
#include <QVarLengthArray>

#include <rapidjson/document.h>

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <vector>

namespace consilium::json {

using Value = rapidjson::Value;
using Document = rapidjson::Document;

// One problem found in an input (a case file, a rule pack, a site setting): where it is, what kind
// of problem it is, and why. Readers produce these; the CLI prints text(), the editor and the import
// dialogs use path and code to point at the field.
struct Finding {
    QString path; // JSON path of the value ("$" for the document itself)
    QString code; // stable kind of problem, see FindingCode; never shown to a user
    QString message; // why, in words

    QString text() const { return path + QStringLiteral(": ") + message; }
    friend bool operator==(const Finding &, const Finding &) = default;
};

// The kinds of Finding::code: what a reader of a case file (docs/case-format.md), a rule pack
// (resources/packs/FORMAT.md, "Findings") or a setting found wrong. New codes may be added;
// existing ones keep their meaning.
namespace FindingCode {
inline constexpr char Syntax[] = "syntax"; // not JSON: malformed, empty, NaN/Infinity, a number beyond double
inline constexpr char Encoding[] = "encoding"; // invalid UTF-8
inline constexpr char TooLarge[] = "too-large"; // over the size limit
inline constexpr char TooDeep[] = "too-deep"; // nested deeper than the limit
inline constexpr char DuplicateKey[] = "duplicate-key"; // a key twice in one object
inline constexpr char Type[] = "type"; // the wrong JSON type (a string for a number, …) or not a whole number
inline constexpr char Required[] = "required"; // a required key or value is missing (or empty)
inline constexpr char UnknownKey[] = "unknown-key"; // a key the format does not define
inline constexpr char Format[] = "format"; // the "format" tag is not the one expected
inline constexpr char Range[] = "range"; // a number outside its allowed or plausible range
inline constexpr char Unit[] = "unit"; // a unit that is not accepted, or missing
inline constexpr char Date[] = "date"; // not a valid YYYY-MM-DD date
inline constexpr char Enum[] = "enum"; // not one of the allowed values
inline constexpr char Reference[] = "reference"; // names something that does not exist (identifier, agent, arm, …)
inline constexpr char Duplicate[] = "duplicate"; // an id or value defined twice
inline constexpr char Expression[] = "expression"; // a rule expression that does not compile or type-check
inline constexpr char Template[] = "template"; // an explanation template that does not parse
inline constexpr char Cycle[] = "cycle"; // derived values that depend on each other
inline constexpr char Signature[] = "signature"; // a rule pack not signed by a trusted key
inline constexpr char Invalid[] = "invalid"; // any other problem with the value
} // namespace FindingCode

// Collects the findings of one reading (a case file, a rule pack).
class Diagnostics
{
public:
    void error(const QString &path, const QString &message, const QString &code = QLatin1String(FindingCode::Invalid))
    {
        m_findings.push_back({ path, code, message });
    }
    void add(Finding finding) { m_findings.push_back(std::move(finding)); }
    bool ok() const noexcept { return m_findings.empty(); }
    const std::vector<Finding> &findings() const noexcept { return m_findings; }
    // Each finding as "<json path>: <reason>", the form the CLI prints.
    QStringList lines() const;
    qsizetype count() const noexcept { return qsizetype(m_findings.size()); }

private:
    std::vector<Finding> m_findings;
};

struct Limits {
    qsizetype maxBytes = qsizetype(1024) * 1024; // a case file over 1 MiB is refused (docs/case-format.md)
    int maxDepth = 64; // nesting deeper than 64 levels is refused (docs/case-format.md)
};

// Strict parse: UTF-8 validated, full-precision numbers, no NaN/Infinity, no comments, no trailing
// commas, no duplicate keys, size and depth limits. Returns false and fills diag on any problem.
// A leading UTF-8 byte-order mark is skipped.
bool parseStrict(const QByteArray &bytes, Document &doc, Diagnostics &diag, const Limits &limits = {},
    const QString &rootPath = QStringLiteral("$"));

// Strict ISO date (YYYY-MM-DD, a real calendar day).
std::optional<QDate> parseIsoDate(const QString &text);

QString childPath(const QString &parent, std::string_view key);
QString indexPath(const QString &parent, qsizetype index);

// A JSON path kept as its segments (a key or an index below a root path) and rendered as text
// (the childPath/indexPath form) only when a finding names it: reading a valid input builds no
// path text at all. Keys are views: they must outlive the Path (keys of the parsed document or
// string literals).
class Path
{
public:
    Path() : m_root(QStringLiteral("$")) { }
    explicit Path(QString root) : m_root(std::move(root)) { }

    Path child(std::string_view key) const
    {
        Path p = *this;
        p.push(key);
        return p;
    }
    Path index(qsizetype i) const
    {
        Path p = *this;
        p.push(i);
        return p;
    }
    void push(std::string_view key) { m_segments.append({ key, -1 }); }
    void push(qsizetype index) { m_segments.append({ {}, index }); }
    void pop() { m_segments.removeLast(); }
    QString toString() const;

private:
    struct Segment {
        std::string_view key;
        qsizetype index = -1; // an array index, or -1 for a key
    };
    QString m_root;
    QVarLengthArray<Segment, 8> m_segments;
};
// The keys and indices of a path built by childPath/indexPath, from the root:
// "$.facts.creatinine.value" -> {"facts", "creatinine", "value"}; "$.medications[2].agent" ->
// {"medications", "2", "agent"}; "$" -> {}. Quoted keys (["a b"]) are unescaped.
QStringList pathKeys(const QString &path);

inline std::string_view keyOf(const Value &name)
{
    return { name.GetString(), name.GetStringLength() };
}
inline QString toQString(const Value &s)
{
    return QString::fromUtf8(s.GetString(), qsizetype(s.GetStringLength()));
}
QString typeName(const Value &v);

// A closed JSON object: every key must be in `required` or `optional`; missing required keys
// and unknown keys are reported with their path. Typed getters report wrong types.
class ObjectView
{
public:
    ObjectView(const Value &v, const QString &path, Diagnostics &diag, std::initializer_list<std::string_view> required,
        std::initializer_list<std::string_view> optional = {})
        : ObjectView(v, Path(path), diag, required, optional)
    { }
    ObjectView(const Value &v, Path path, Diagnostics &diag, std::initializer_list<std::string_view> required,
        std::initializer_list<std::string_view> optional = {});

    bool isObject() const noexcept { return m_obj != nullptr; }
    QString path() const { return m_path.toString(); }
    QString pathOf(std::string_view key) const { return m_path.child(key).toString(); }
    // The path of a key as segments, rendered only if a finding names it.
    Path pathAt(std::string_view key) const { return m_path.child(key); }
    const Value *get(std::string_view key) const;
    bool has(std::string_view key) const { return get(key) != nullptr; }
    Diagnostics &diag() const noexcept { return m_diag; }

    // Each getter returns nullopt when the key is absent (no error unless required) or has the wrong type (error).
    std::optional<QString> string(std::string_view key) const;
    std::optional<double> number(std::string_view key) const;
    std::optional<qint64> integer(std::string_view key) const;
    std::optional<bool> boolean(std::string_view key) const;
    const Value *array(std::string_view key) const;
    const Value *object(std::string_view key) const;
    std::optional<QStringList> stringList(std::string_view key) const;

private:
    const Value *m_obj = nullptr;
    Path m_path;
    Diagnostics &m_diag;
};

} // namespace consilium::json
