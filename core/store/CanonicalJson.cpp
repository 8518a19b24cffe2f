// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/CanonicalJson.h"

#include <QCryptographicHash>

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <string_view>
#include <vector>

namespace consilium {

namespace {

QByteArray toBytes(const rapidjson::StringBuffer &b)
{
    return QByteArray(b.GetString(), qsizetype(b.GetSize()));
}

template <typename W> void writeSorted(W &w, const json::Value &v)
{
    if (v.IsObject()) {
        std::vector<const json::Value::Member *> members;
        members.reserve(v.MemberCount());
        for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it)
            members.push_back(&*it);
        std::sort(members.begin(), members.end(),
            [](const auto *a, const auto *b) { return json::keyOf(a->name) < json::keyOf(b->name); });
        w.StartObject();
        for (const auto *m : members) {
            w.Key(m->name.GetString(), m->name.GetStringLength());
            writeSorted(w, m->value);
        }
        w.EndObject();
    } else if (v.IsArray()) {
        w.StartArray();
        for (const auto &e : v.GetArray())
            writeSorted(w, e);
        w.EndArray();
    } else {
        v.Accept(w);
    }
}

} // namespace

QByteArray compactJson(const json::Value &v)
{
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    v.Accept(w);
    return toBytes(buffer);
}

QByteArray prettyJson(const json::Value &v)
{
    rapidjson::StringBuffer buffer;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buffer);
    w.SetIndent(' ', 2);
    v.Accept(w);
    return toBytes(buffer) + '\n';
}

QByteArray canonicalJson(const json::Value &v)
{
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    writeSorted(w, v);
    return toBytes(buffer);
}

bool jsonEqual(const json::Value &a, const json::Value &b)
{
    return a == b;
}

bool parseStored(const QByteArray &bytes, json::Document &doc)
{
    constexpr unsigned flags = rapidjson::kParseFullPrecisionFlag | rapidjson::kParseIterativeFlag;
    doc.Parse<flags>(bytes.constData(), size_t(bytes.size()));
    return !doc.HasParseError();
}

QString sha256Hex(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

} // namespace consilium
