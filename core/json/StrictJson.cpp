// SPDX-License-Identifier: GPL-3.0-or-later
#include "json/StrictJson.h"

#include <QRegularExpression>

#include <rapidjson/error/en.h>

#include <rapidjson/encodedstream.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <utility>
#include <vector>

namespace consilium::json {

QStringList Diagnostics::lines() const
{
    QStringList out;
    out.reserve(count());
    for (const Finding &f : m_findings)
        out.append(f.text());
    return out;
}

namespace {

bool isPlainKey(std::string_view key)
{
    if (key.empty())
        return false;
    for (char c : key) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        if (!ok)
            return false;
    }
    return true;
}

// For each member of `obj`, whether an earlier member has the same key: the keys sorted once (stable,
// so the first of equal keys stays first), no allocation per key.
std::vector<bool> repeatedKeys(const Value &obj)
{
    std::vector<std::pair<std::string_view, rapidjson::SizeType>> keys;
    keys.reserve(obj.MemberCount());
    rapidjson::SizeType i = 0;
    for (auto it = obj.MemberBegin(); it != obj.MemberEnd(); ++it)
        keys.emplace_back(keyOf(it->name), i++);
    std::stable_sort(keys.begin(), keys.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    std::vector<bool> repeated(keys.size(), false);
    for (std::size_t k = 1; k < keys.size(); ++k)
        repeated[keys[k].second] = keys[k].first == keys[k - 1].first;
    return repeated;
}

// True when member `it` repeats the key of an earlier member of `obj`. Small objects (most case
// objects) compare in place; large ones (the facts) look it up in `repeated`, filled on first use.
bool repeatsKey(const Value &obj, Value::ConstMemberIterator it, std::vector<bool> &repeated)
{
    constexpr rapidjson::SizeType kSmall = 16;
    if (obj.MemberCount() <= kSmall) {
        const auto key = keyOf(it->name);
        for (auto before = obj.MemberBegin(); before != it; ++before) {
            if (keyOf(before->name) == key)
                return true;
        }
        return false;
    }
    if (repeated.empty())
        repeated = repeatedKeys(obj);
    return repeated[std::size_t(it - obj.MemberBegin())];
}

// Walks the parsed tree: depth limit, non-finite numbers and duplicate keys. The path is a stack of
// segments, rendered only for a finding. Recursion is bounded by maxDepth.
void walk(const Value &v, Path &path, int depth, const Limits &limits, Diagnostics &diag, bool &depthReported)
{
    if (depth > limits.maxDepth) {
        if (!depthReported) {
            diag.error(path.toString(), QStringLiteral("nesting deeper than %1 levels").arg(limits.maxDepth),
                QLatin1String(FindingCode::TooDeep));
            depthReported = true;
        }
        return;
    }
    if (v.IsNumber() && !std::isfinite(v.GetDouble())) {
        diag.error(path.toString(),
            QStringLiteral("not a finite number (NaN, Infinity and values beyond the double range are refused)"),
            QLatin1String(FindingCode::Syntax));
        return;
    }
    if (v.IsObject()) {
        std::vector<bool> repeated;
        for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) {
            path.push(keyOf(it->name));
            if (repeatsKey(v, it, repeated))
                diag.error(path.toString(), QStringLiteral("duplicate key"), QLatin1String(FindingCode::DuplicateKey));
            walk(it->value, path, depth + 1, limits, diag, depthReported);
            path.pop();
            if (depthReported)
                return;
        }
    } else if (v.IsArray()) {
        qsizetype i = 0;
        for (const auto &e : v.GetArray()) {
            path.push(i++);
            walk(e, path, depth + 1, limits, diag, depthReported);
            path.pop();
            if (depthReported)
                return;
        }
    }
}

// Forwards SAX events to a Document, converting numbers with std::from_chars: correctly
// rounded and locale-independent (88.42 µmol/L must become exactly 1 mg/dL), and it avoids
// rapidjson 1.1.0's full-precision path, which has undefined behaviour on some inputs.
struct ExactNumberHandler {
    Document &doc;
    bool Null() { return doc.Null(); }
    bool Bool(bool b) { return doc.Bool(b); }
    bool Int(int i) { return doc.Int(i); }
    bool Uint(unsigned u) { return doc.Uint(u); }
    bool Int64(int64_t i) { return doc.Int64(i); }
    bool Uint64(uint64_t u) { return doc.Uint64(u); }
    bool Double(double d) { return doc.Double(d); }
    bool String(const char *str, rapidjson::SizeType length, bool copy) { return doc.String(str, length, copy); }
    bool StartObject() { return doc.StartObject(); }
    bool Key(const char *str, rapidjson::SizeType length, bool copy) { return doc.Key(str, length, copy); }
    bool EndObject(rapidjson::SizeType count) { return doc.EndObject(count); }
    bool StartArray() { return doc.StartArray(); }
    bool EndArray(rapidjson::SizeType count) { return doc.EndArray(count); }
    bool RawNumber(const char *str, rapidjson::SizeType length, bool)
    {
        const char *end = str + length;
        const bool integral = std::find_if(str, end, [](char c) {
            return c == '.' || c == 'e' || c == 'E' || c == 'N' || c == 'I';
        }) == end;
        if (integral) {
            int64_t i = 0;
            const auto r = std::from_chars(str, end, i);
            if (r.ec == std::errc() && r.ptr == end)
                return doc.Int64(i);
        }
        double d = 0;
        const char *begin = str;
        const bool negative = *begin == '-';
        // from_chars spells infinity "inf"/"infinity" and rejects a leading '+': map JSON's NaN/Infinity.
        if (std::string_view(begin + negative, std::size_t(end - begin - negative)) == "Infinity")
            d = negative ? -HUGE_VAL : HUGE_VAL;
        else if (std::string_view(begin, length) == "NaN")
            d = std::nan("");
        else {
            const auto r = std::from_chars(begin, end, d);
            if (r.ptr != end) // the reader already validated the syntax
                return false;
            if (r.ec == std::errc::result_out_of_range) {
                // Underflow becomes a signed zero; overflow becomes infinity, which the walk
                // reports as not finite at its path.
                const std::string_view text(begin, length);
                const auto e = text.find_first_of("eE");
                const bool tiny = e != std::string_view::npos ? text.substr(e + 1).starts_with('-')
                                                              : text.substr(negative).starts_with('0');
                d = tiny ? (negative ? -0.0 : 0.0) : (negative ? -HUGE_VAL : HUGE_VAL);
            }
        }
        return doc.Double(d);
    }
};

} // namespace

std::optional<QDate> parseIsoDate(const QString &text)
{
    // The common form (ten ASCII characters DDDD-DD-DD) is checked without the regular expression;
    // anything else goes through it, so what is accepted does not change.
    const auto digit = [](QChar c) { return c >= QLatin1Char('0') && c <= QLatin1Char('9'); };
    if (text.size() == 10 && text[4] == QLatin1Char('-') && text[7] == QLatin1Char('-')
        && std::all_of(text.begin(), text.begin() + 4, digit) && digit(text[5]) && digit(text[6]) && digit(text[8])
        && digit(text[9])) {
        const QStringView view(text);
        const QDate date(view.left(4).toInt(), view.mid(5, 2).toInt(), view.mid(8, 2).toInt());
        if (!date.isValid())
            return std::nullopt;
        return date;
    }
    static const QRegularExpression pattern(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    if (!pattern.match(text).hasMatch())
        return std::nullopt;
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (!date.isValid())
        return std::nullopt;
    return date;
}

QStringList pathKeys(const QString &path)
{
    QStringList keys;
    qsizetype i = path.startsWith(QLatin1Char('$')) ? 1 : 0;
    while (i < path.size()) {
        if (path[i] == QLatin1Char('.')) { // .key
            qsizetype end = i + 1;
            while (end < path.size() && path[end] != QLatin1Char('.') && path[end] != QLatin1Char('['))
                ++end;
            keys.append(path.mid(i + 1, end - i - 1));
            i = end;
        } else if (path.mid(i, 2) == QLatin1String("[\"")) { // ["quoted key"], with \" inside
            QString key;
            qsizetype j = i + 2;
            for (; j < path.size() && path[j] != QLatin1Char('"'); ++j) {
                if (path[j] == QLatin1Char('\\') && j + 1 < path.size() && path[j + 1] == QLatin1Char('"'))
                    ++j;
                key.append(path[j]);
            }
            keys.append(key);
            i = j + 2; // past '"]'
        } else if (path[i] == QLatin1Char('[')) { // [index]
            const qsizetype close = path.indexOf(QLatin1Char(']'), i);
            const qsizetype end = close < 0 ? path.size() : close;
            keys.append(path.mid(i + 1, end - i - 1));
            i = end + 1;
        } else {
            ++i;
        }
    }
    return keys;
}

QString childPath(const QString &parent, std::string_view key)
{
    const QString k = QString::fromUtf8(key.data(), qsizetype(key.size()));
    if (isPlainKey(key))
        return parent + QLatin1Char('.') + k;
    QString escaped = k;
    escaped.replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return parent + QStringLiteral("[\"") + escaped + QStringLiteral("\"]");
}

QString indexPath(const QString &parent, qsizetype index)
{
    return parent + QStringLiteral("[%1]").arg(index);
}

QString Path::toString() const
{
    QString out = m_root;
    for (const Segment &s : m_segments)
        out = s.index < 0 ? childPath(out, s.key) : indexPath(out, s.index);
    return out;
}

QString typeName(const Value &v)
{
    switch (v.GetType()) {
    case rapidjson::kNullType:
        return QStringLiteral("null");
    case rapidjson::kFalseType:
    case rapidjson::kTrueType:
        return QStringLiteral("a boolean");
    case rapidjson::kObjectType:
        return QStringLiteral("an object");
    case rapidjson::kArrayType:
        return QStringLiteral("an array");
    case rapidjson::kStringType:
        return QStringLiteral("a string");
    case rapidjson::kNumberType:
        return QStringLiteral("a number");
    }
    return QStringLiteral("a value");
}

bool parseStrict(
    const QByteArray &bytes, Document &doc, Diagnostics &diag, const Limits &limits, const QString &rootPath)
{
    if (bytes.size() > limits.maxBytes) {
        diag.error(rootPath,
            QStringLiteral("file is %1 bytes; the limit is %2 bytes").arg(bytes.size()).arg(limits.maxBytes),
            QLatin1String(FindingCode::TooLarge));
        return false;
    }
    QByteArray data = bytes;
    if (data.startsWith("\xEF\xBB\xBF"))
        data.remove(0, 3);
    bool blank = true;
    for (char c : std::as_const(data)) {
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            blank = false;
            break;
        }
    }
    if (blank) {
        diag.error(rootPath, QStringLiteral("empty file"), QLatin1String(FindingCode::Syntax));
        return false;
    }
    // NaN/Infinity literals are read so that the walk below can name the field they stand in.
    constexpr unsigned flags = rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag
        | rapidjson::kParseNanAndInfFlag | rapidjson::kParseNumbersAsStringsFlag;
    rapidjson::Reader reader;
    auto generator = [&](Document &d) {
        rapidjson::MemoryStream ms(data.constData(), size_t(data.size()));
        rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> is(ms);
        ExactNumberHandler handler { d };
        return !reader.Parse<flags>(is, handler).IsError();
    };
    doc.SetNull();
    doc.Populate(generator);
    if (reader.HasParseError()) {
        doc.SetNull();
        const size_t offset = reader.GetErrorOffset();
        int line = 1;
        int column = 1;
        for (size_t i = 0; i < offset && i < size_t(data.size()); ++i) {
            if (data[qsizetype(i)] == '\n') {
                ++line;
                column = 1;
            } else if ((static_cast<unsigned char>(data[qsizetype(i)]) & 0xC0) != 0x80) {
                ++column;
            }
        }
        QString reason = QString::fromUtf8(rapidjson::GetParseError_En(reader.GetParseErrorCode()));
        const bool encoding = reader.GetParseErrorCode() == rapidjson::kParseErrorStringInvalidEncoding;
        if (encoding)
            reason = QStringLiteral("invalid UTF-8 in a string");
        diag.error(rootPath,
            QStringLiteral("malformed JSON at line %1, column %2: %3").arg(line).arg(column).arg(reason),
            QLatin1String(encoding ? FindingCode::Encoding : FindingCode::Syntax));
        return false;
    }
    bool depthReported = false;
    Path path(rootPath);
    walk(doc, path, 1, limits, diag, depthReported);
    return diag.ok();
}

ObjectView::ObjectView(const Value &v, Path path, Diagnostics &diag, std::initializer_list<std::string_view> required,
    std::initializer_list<std::string_view> optional)
    : m_path(std::move(path)), m_diag(diag)
{
    if (!v.IsObject()) {
        diag.error(m_path.toString(), QStringLiteral("expected an object, found %1").arg(typeName(v)),
            QLatin1String(FindingCode::Type));
        return;
    }
    m_obj = &v;
    for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) {
        const auto key = keyOf(it->name);
        bool known = false;
        for (auto k : required)
            known = known || k == key;
        for (auto k : optional)
            known = known || k == key;
        if (!known)
            diag.error(pathOf(key), QStringLiteral("unknown key"), QLatin1String(FindingCode::UnknownKey));
    }
    for (auto k : required) {
        if (!v.HasMember(rapidjson::StringRef(k.data(), k.size())))
            diag.error(pathOf(k), QStringLiteral("required key is missing"), QLatin1String(FindingCode::Required));
    }
}

const Value *ObjectView::get(std::string_view key) const
{
    if (!m_obj)
        return nullptr;
    auto it = m_obj->FindMember(rapidjson::StringRef(key.data(), key.size()));
    return it == m_obj->MemberEnd() ? nullptr : &it->value;
}

std::optional<QString> ObjectView::string(std::string_view key) const
{
    const Value *v = get(key);
    if (!v)
        return std::nullopt;
    if (!v->IsString()) {
        m_diag.error(pathOf(key), QStringLiteral("expected a string, found %1").arg(typeName(*v)),
            QLatin1String(FindingCode::Type));
        return std::nullopt;
    }
    return toQString(*v);
}

std::optional<double> ObjectView::number(std::string_view key) const
{
    const Value *v = get(key);
    if (!v)
        return std::nullopt;
    if (!v->IsNumber()) {
        m_diag.error(pathOf(key), QStringLiteral("expected a number, found %1").arg(typeName(*v)),
            QLatin1String(FindingCode::Type));
        return std::nullopt;
    }
    return v->GetDouble();
}

std::optional<qint64> ObjectView::integer(std::string_view key) const
{
    const Value *v = get(key);
    if (!v)
        return std::nullopt;
    if (v->IsInt64())
        return v->GetInt64();
    if (v->IsNumber()) {
        const double d = v->GetDouble();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9e15)
            return qint64(d);
    }
    m_diag.error(pathOf(key), QStringLiteral("expected an integer, found %1").arg(typeName(*v)),
        QLatin1String(FindingCode::Type));
    return std::nullopt;
}

std::optional<bool> ObjectView::boolean(std::string_view key) const
{
    const Value *v = get(key);
    if (!v)
        return std::nullopt;
    if (!v->IsBool()) {
        m_diag.error(pathOf(key), QStringLiteral("expected true or false, found %1").arg(typeName(*v)),
            QLatin1String(FindingCode::Type));
        return std::nullopt;
    }
    return v->GetBool();
}

const Value *ObjectView::array(std::string_view key) const
{
    const Value *v = get(key);
    if (!v)
        return nullptr;
    if (!v->IsArray()) {
        m_diag.error(pathOf(key), QStringLiteral("expected an array, found %1").arg(typeName(*v)),
            QLatin1String(FindingCode::Type));
        return nullptr;
    }
    return v;
}

const Value *ObjectView::object(std::string_view key) const
{
    const Value *v = get(key);
    if (!v)
        return nullptr;
    if (!v->IsObject()) {
        m_diag.error(pathOf(key), QStringLiteral("expected an object, found %1").arg(typeName(*v)),
            QLatin1String(FindingCode::Type));
        return nullptr;
    }
    return v;
}

std::optional<QStringList> ObjectView::stringList(std::string_view key) const
{
    const Value *v = array(key);
    if (!v)
        return std::nullopt;
    QStringList out;
    bool ok = true;
    qsizetype i = 0;
    for (const auto &e : v->GetArray()) {
        if (!e.IsString()) {
            m_diag.error(indexPath(pathOf(key), i), QStringLiteral("expected a string, found %1").arg(typeName(e)),
                QLatin1String(FindingCode::Type));
            ok = false;
        } else {
            out.append(toQString(e));
        }
        ++i;
    }
    if (!ok)
        return std::nullopt;
    return out;
}

} // namespace consilium::json
