// SPDX-License-Identifier: GPL-3.0-or-later
// A compact JSON writer straight into one QByteArray, byte for byte what rapidjson's
// Writer<StringBuffer> writes for the same calls (same separators, same escapes: '"', '\\' and
// control characters, \u00XX in upper-case hex; UTF-8 written as it is). It also splices ready
// JSON fragments (the pack's static texts serialised once, engine/ResultFragments.h), which
// rapidjson's writer can only copy byte by byte (README "Performance", issue 15).
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringEncoder>
#include <QtGlobal>

#include <rapidjson/rapidjson.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <vector>

namespace consilium::jsonout {

// An append-only byte buffer whose appends are inline (QByteArray::append goes through insert()),
// kept in a QByteArray that take() hands over without a copy.
class JsonBuffer
{
public:
    explicit JsonBuffer(qsizetype reserve = 256)
    {
        m_bytes.resize(std::max<qsizetype>(reserve, 16));
        m_data = m_bytes.data();
    }
    qsizetype size() const noexcept { return m_size; }
    char *data() noexcept { return m_data; }
    const char *constData() const noexcept { return m_data; }
    void clear() noexcept { m_size = 0; } // keeps the capacity
    void resize(qsizetype n)
    {
        if (n > m_bytes.size())
            grow(n - m_size);
        m_size = n;
    }
    void append(const char *s, qsizetype n)
    {
        if (m_size + n > m_bytes.size())
            grow(n);
        std::memcpy(m_data + m_size, s, std::size_t(n));
        m_size += n;
    }
    void append(const QByteArray &b) { append(b.constData(), b.size()); }
    JsonBuffer &operator+=(char c)
    {
        if (m_size == m_bytes.size())
            grow(1);
        m_data[m_size++] = c;
        return *this;
    }
    JsonBuffer &operator+=(const char *s)
    {
        append(s, qsizetype(std::strlen(s)));
        return *this;
    }
    JsonBuffer &operator+=(const QByteArray &b)
    {
        append(b);
        return *this;
    }
    // The bytes written, without a copy; the buffer is empty afterwards.
    QByteArray take()
    {
        m_bytes.resize(m_size);
        QByteArray out = std::move(m_bytes);
        m_bytes = QByteArray();
        m_bytes.resize(16);
        m_data = m_bytes.data();
        m_size = 0;
        return out;
    }

private:
    void grow(qsizetype n)
    {
        m_bytes.resize(std::max(m_bytes.size() * 2, m_size + n));
        m_data = m_bytes.data();
    }

    QByteArray m_bytes; // its size is the capacity
    char *m_data = nullptr;
    qsizetype m_size = 0;
};

// UTF-8 bytes as a JSON string body, escaped exactly as rapidjson's Writer::String does.
template <typename B> void appendEscaped(B &out, const char *s, std::size_t n)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    std::size_t run = 0; // start of the bytes not yet copied
    for (std::size_t i = 0; i < n; ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(s + run, qsizetype(i - run));
        run = i + 1;
        out += '\\';
        switch (c) {
        case '"':
        case '\\':
            out += char(c);
            break;
        case '\b':
            out += 'b';
            break;
        case '\t':
            out += 't';
            break;
        case '\n':
            out += 'n';
            break;
        case '\f':
            out += 'f';
            break;
        case '\r':
            out += 'r';
            break;
        default:
            out += "u00";
            out += hex[c >> 4];
            out += hex[c & 0xF];
        }
    }
    out.append(s + run, qsizetype(n - run));
}

// A QString as a quoted JSON string (what jsonout::writeString writes through rapidjson).
template <typename B> void appendJsonString(B &out, const QString &s)
{
    const qsizetype n = s.size();
    const char16_t *text = reinterpret_cast<const char16_t *>(s.constData());
    unsigned special = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = text[i];
        special |= unsigned(c < 0x20) | unsigned(c > 0x7F) | unsigned(c == u'"') | unsigned(c == u'\\');
    }
    out += '"';
    if (special == 0) {
        const qsizetype at = out.size();
        out.resize(at + n);
        char *dst = out.data() + at;
        for (qsizetype i = 0; i < n; ++i)
            dst[i] = char(text[i]);
    } else {
        thread_local std::vector<char> buffer;
        if (buffer.size() < std::size_t(n) * 3 + 1)
            buffer.resize(std::size_t(n) * 3 + 1);
        QStringEncoder encoder(QStringEncoder::Utf8);
        const char *end = encoder.appendToBuffer(buffer.data(), s);
        appendEscaped(out, buffer.data(), std::size_t(end - buffer.data()));
    }
    out += '"';
}

// The calls of rapidjson::Writer the result writers use, with rapidjson's separator rule: in an
// object the values alternate key, value (',' before a key, ':' before a value), in an array ','.
class CompactWriter
{
public:
    explicit CompactWriter(JsonBuffer &out) : m_out(out) { }

    JsonBuffer &out() noexcept { return m_out; }

    bool StartObject() { return start('{', false); }
    bool EndObject(rapidjson::SizeType = 0) { return end('}'); }
    bool StartArray() { return start('[', true); }
    bool EndArray(rapidjson::SizeType = 0) { return end(']'); }
    bool Key(const char *k) { return String(k); }
    // A key known not to need escaping (a literal name of docs/result-format.md).
    void PlainKey(const char *k, qsizetype n)
    {
        prefix();
        m_out += '"';
        m_out.append(k, n);
        m_out += '"';
    }
    bool String(const char *s) { return String(s, rapidjson::SizeType(std::strlen(s))); }
    bool String(const char *s, rapidjson::SizeType n, bool = false)
    {
        prefix();
        m_out += '"';
        appendEscaped(m_out, s, n);
        m_out += '"';
        return true;
    }
    bool RawValue(const char *s, std::size_t n, rapidjson::Type)
    {
        prefix();
        m_out.append(s, qsizetype(n));
        return true;
    }
    bool Null() { return literal("null"); }
    bool Bool(bool b) { return b ? literal("true") : literal("false"); }
    bool Int(int v) { return Int64(v); }
    bool Int64(std::int64_t v)
    {
        char buf[24];
        const auto res = std::to_chars(buf, buf + sizeof buf, v);
        return RawValue(buf, std::size_t(res.ptr - buf), rapidjson::kNumberType);
    }
    // A value (or key) already serialised as JSON: one append.
    void Fragment(const QByteArray &json)
    {
        prefix();
        m_out.append(json);
    }
    // An object whose start (`{` and `values` keys and values) is already serialised, e.g. the
    // static head of an option; CloseObject appends its serialised end (the last pairs and `}`).
    void OpenObject(const QByteArray &head, std::uint32_t values)
    {
        prefix();
        m_out.append(head);
        push({ values, false });
    }
    void CloseObject(const QByteArray &tail)
    {
        m_out.append(tail);
        --m_depth;
    }
    // Starts a value whose bytes the caller appends to out() itself (one complete JSON value).
    JsonBuffer &BeginValue()
    {
        prefix();
        return m_out;
    }

private:
    struct Level {
        std::uint32_t count = 0;
        bool inArray = false;
    };
    void prefix()
    {
        if (m_depth == 0)
            return;
        Level &l = m_levels[m_depth - 1];
        if (l.count > 0)
            m_out += (l.inArray || l.count % 2 == 0) ? ',' : ':';
        ++l.count;
    }
    bool start(char c, bool array)
    {
        prefix();
        m_out += c;
        push({ 0, array });
        return true;
    }
    bool end(char c)
    {
        m_out += c;
        --m_depth;
        return true;
    }
    void push(Level l)
    {
        Q_ASSERT(m_depth < m_levels.size()); // results nest a handful of levels (docs/result-format.md)
        m_levels[m_depth++] = l;
    }
    template <std::size_t N> bool literal(const char (&s)[N])
    {
        prefix();
        m_out.append(s, qsizetype(N - 1));
        return true;
    }

    JsonBuffer &m_out;
    std::array<Level, 32> m_levels {};
    std::size_t m_depth = 0;
};

// The fast path of jsonout::writeString (JsonValues.h) for this writer.
inline void writeString(CompactWriter &w, const QString &s)
{
    appendJsonString(w.BeginValue(), s);
}

} // namespace consilium::jsonout
