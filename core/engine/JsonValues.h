// SPDX-License-Identifier: GPL-3.0-or-later
// Writing engine values with rapidjson, shared by the result writer, the summary and the store's
// compact results: UTF-8 strings through a reused buffer, numbers unrounded in shortest
// round-trip form, unknown as null, "not evaluated" as {"status": "not_evaluated"}.
#pragma once

#include "engine/CompactJsonWriter.h"
#include "engine/Engine.h"
#include "engine/ResultWriter.h"

#include <QDate>
#include <QStringEncoder>
#include <QStringList>

#include <rapidjson/writer.h>

#include <charconv>
#include <cmath>
#include <optional>
#include <vector>

namespace consilium::jsonout {

// A string exactly as rapidjson's Writer::String writes it (its UTF-8 bytes; '"', '\\' and control
// characters escaped, nothing else). Printable ASCII, almost every string of a result, is narrowed
// from the UTF-16 text and written as a raw string value; any other text goes through the
// encoder and Writer::String. Results hold thousands of (mostly static) strings: this was the
// largest cost of serialisation (README "Performance").
template <typename W> void writeString(W &w, const QString &s)
{
    thread_local std::vector<char> buffer;
    const qsizetype n = s.size();
    if (buffer.size() < std::size_t(n) * 3 + 2)
        buffer.resize(std::size_t(n) * 3 + 2);
    const char16_t *text = reinterpret_cast<const char16_t *>(s.constData());
    // Two branch-free passes the compiler vectorises: is every character printable ASCII, then narrow.
    unsigned special = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = text[i];
        special |= unsigned(c < 0x20) | unsigned(c > 0x7F) | unsigned(c == u'"') | unsigned(c == u'\\');
    }
    if (special == 0) {
        char *out = buffer.data();
        out[0] = '"';
        for (qsizetype i = 0; i < n; ++i)
            out[i + 1] = char(text[i]);
        out[n + 1] = '"';
        w.RawValue(out, std::size_t(n) + 2, rapidjson::kStringType);
        return;
    }
    QStringEncoder encoder(QStringEncoder::Utf8);
    char *end = encoder.appendToBuffer(buffer.data(), s);
    w.String(buffer.data(), rapidjson::SizeType(end - buffer.data()));
}

// A date as QDate::toString(Qt::ISODate) writes it, formatted by hand for years 1000–9999 (Qt
// goes through a printf-like formatter, a tenth of the full result's cost).
template <typename W> void writeIsoDate(W &w, QDate d)
{
    int year = 0;
    int month = 0;
    int day = 0;
    d.getDate(&year, &month, &day);
    if (!d.isValid() || year < 1000 || year > 9999) {
        writeString(w, d.toString(Qt::ISODate));
        return;
    }
    const auto two = [](char *at, int v) {
        at[0] = char('0' + v / 10);
        at[1] = char('0' + v % 10);
    };
    char buf[12] = { '"', 0, 0, 0, 0, '-', 0, 0, '-', 0, 0, '"' };
    two(buf + 1, year / 100);
    two(buf + 3, year % 100);
    two(buf + 6, month);
    two(buf + 9, day);
    w.RawValue(buf, sizeof buf, rapidjson::kStringType);
}

template <typename W> void writeNumber(W &w, double v)
{
    if (!std::isfinite(v)) {
        w.Null();
        return;
    }
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    w.RawValue(buf, rapidjson::SizeType(res.ptr - buf), rapidjson::kNumberType);
}

// An ISO date, or null when unknown.
template <typename W> void writeDate(W &w, const std::optional<QDate> &d)
{
    if (d)
        writeIsoDate(w, *d);
    else
        w.Null();
}

template <typename W> void writeStringList(W &w, const QStringList &list)
{
    w.StartArray();
    for (const QString &s : list)
        writeString(w, s);
    w.EndArray();
}

// The value of a slot for `inputs` and `derived`: unrounded number, literal, bool, date or null.
template <typename W> void writeSlotValue(W &w, const Evaluation &e, int slot)
{
    const ValueStatus st = e.status(slot);
    if (st == ValueStatus::NotEvaluated) {
        w.StartObject();
        w.Key("status");
        w.String("not_evaluated");
        w.EndObject();
        return;
    }
    if (st != ValueStatus::Known) {
        w.Null();
        return;
    }
    const double v = e.value(slot);
    switch (e.pack().slotType(slot)) {
    case ValueType::Number:
    case ValueType::Integer:
        writeNumber(w, v);
        return;
    case ValueType::Bool:
        w.Bool(v != 0.0);
        return;
    case ValueType::Enum:
    case ValueType::Date:
        writeString(w, e.displayValue(slot));
        return;
    }
    w.Null();
}

} // namespace consilium::jsonout
