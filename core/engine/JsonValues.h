// SPDX-License-Identifier: GPL-3.0-or-later
// Writing engine values with rapidjson, shared by the result writer, the summary and the store's
// compact results: UTF-8 strings through a reused buffer, numbers unrounded in shortest
// round-trip form, unknown as null, "not evaluated" as {"status": "not_evaluated"}.
#pragma once

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

template <typename W> void writeString(W &w, const QString &s)
{
    // Encode into a reused buffer: results hold thousands of (mostly static) strings, and a
    // QByteArray per string dominated serialisation time.
    thread_local std::vector<char> buffer;
    buffer.resize(std::size_t(s.size()) * 3 + 1);
    QStringEncoder encoder(QStringEncoder::Utf8);
    char *end = encoder.appendToBuffer(buffer.data(), s);
    w.String(buffer.data(), rapidjson::SizeType(end - buffer.data()));
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
        writeString(w, d->toString(Qt::ISODate));
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
