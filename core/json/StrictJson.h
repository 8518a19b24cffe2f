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

namespace consilium::json {

using Value = rapidjson::Value;
using Document = rapidjson::Document;

// Collects problems as "<json path>: <reason>" lines (SPEC §4, §5).
class Diagnostics
{
public:
    void error(const QString &path, const QString &reason) { m_lines.append(path + QStringLiteral(": ") + reason); }
    bool ok() const noexcept { return m_lines.isEmpty(); }
    const QStringList &lines() const noexcept { return m_lines; }
    qsizetype count() const noexcept { return m_lines.size(); }

private:
    QStringList m_lines;
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
