// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDate>
#include <QString>
#include <QStringList>

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

// The kinds of Finding::code. New codes may be added; existing ones keep their meaning.
namespace FindingCode {
inline constexpr char Invalid[] = "invalid"; // any other problem with the value
} // namespace FindingCode

// Collects the findings of one reading (SPEC §4, §5).
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
    qsizetype maxBytes = qsizetype(1024) * 1024; // SPEC §4: a case file over 1 MiB is refused
    int maxDepth = 64; // SPEC §4: nesting deeper than 64 levels is refused
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
    ObjectView(const Value &v, QString path, Diagnostics &diag, std::initializer_list<std::string_view> required,
        std::initializer_list<std::string_view> optional = {});

    bool isObject() const noexcept { return m_obj != nullptr; }
    const QString &path() const noexcept { return m_path; }
    QString pathOf(std::string_view key) const { return childPath(m_path, key); }
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
    QString m_path;
    Diagnostics &m_diag;
};

} // namespace consilium::json
