// SPDX-License-Identifier: GPL-3.0-or-later
//
// Editing the built-in reference pack in a test: parse it, change one element, write it back (key
// and array order preserved), so a loader test can show that exactly that change is refused.
// Shared by tst_pack_loading and tst_option_loading.
#pragma once

#include "rules/RulePack.h"

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstring>
#include <functional>
#include <utility>

namespace consilium::pack_mutation {

using Doc = rapidjson::Document;
using JValue = rapidjson::Value;

inline Doc parsePack(const QByteArray &bytes)
{
    Doc d;
    d.Parse<rapidjson::kParseFullPrecisionFlag>(bytes.constData(), std::size_t(bytes.size()));
    Q_ASSERT(!d.HasParseError());
    return d;
}

inline QByteArray serialise(const Doc &d)
{
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    d.Accept(w);
    return QByteArray(buffer.GetString(), qsizetype(buffer.GetSize()));
}

// The reference pack, changed by `edit` (order of keys and arrays is preserved).
inline QByteArray mutated(const std::function<void(Doc &)> &edit)
{
    Doc d = parsePack(RulePack::builtinBytes());
    edit(d);
    return serialise(d);
}

inline int indexById(const JValue &array, const char *id)
{
    for (rapidjson::SizeType i = 0; i < array.Size(); ++i) {
        const JValue &e = array[i];
        if (e.IsObject() && e.HasMember("id") && e["id"].IsString() && std::strcmp(e["id"].GetString(), id) == 0)
            return int(i);
    }
    Q_ASSERT_X(false, "indexById", id);
    return -1;
}

inline JValue &elementById(Doc &d, const char *array, const char *id)
{
    return d[array][rapidjson::SizeType(indexById(d[array], id))];
}

// Sets (or adds) `key` of `target` to `value`.
inline void set(Doc &d, JValue &target, const char *key, JValue value)
{
    if (target.HasMember(key)) {
        target[key] = value;
        return;
    }
    JValue k;
    k.SetString(key, rapidjson::SizeType(std::strlen(key)), d.GetAllocator());
    target.AddMember(k, value, d.GetAllocator());
}

inline void setString(Doc &d, JValue &target, const char *key, const QString &text)
{
    const QByteArray u = text.toUtf8();
    JValue v;
    v.SetString(u.constData(), rapidjson::SizeType(u.size()), d.GetAllocator());
    set(d, target, key, std::move(v));
}

inline void setString(Doc &d, JValue &target, const char *key, const char *text)
{
    setString(d, target, key, QString::fromUtf8(text));
}

} // namespace consilium::pack_mutation
