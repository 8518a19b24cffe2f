// SPDX-License-Identifier: GPL-3.0-or-later
// The import report (docs/cli.md#import-fhir) as JSON ("consilium-fhir-import-report/1") and as text.
#include "exchange/FhirImport.h"
#include "rules/RulePack.h"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <charconv>

namespace consilium::fhir {

namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void str(Writer &w, const char *key, const QString &s)
{
    w.Key(key);
    const QByteArray b = s.toUtf8();
    w.String(b.constData(), rapidjson::SizeType(b.size()));
}

const char *outcomeName(ImportItem::Outcome o)
{
    switch (o) {
    case ImportItem::Outcome::Mapped:
        return "mapped";
    case ImportItem::Outcome::Ignored:
        return "ignored";
    case ImportItem::Outcome::Error:
        return "error";
    }
    return "";
}

void writeItem(Writer &w, const ImportItem &it)
{
    w.StartObject();
    w.Key("outcome");
    w.String(outcomeName(it.outcome));
    str(w, "resource", it.resource);
    str(w, "path", it.path);
    for (auto [key, value] : { std::pair { "target", &it.target }, std::pair { "code", &it.code } }) {
        if (!value->isEmpty())
            str(w, key, *value);
    }
    if (it.number) {
        w.Key("value");
        char buf[64];
        const auto res = std::to_chars(buf, buf + sizeof buf, *it.number);
        w.RawValue(buf, rapidjson::SizeType(res.ptr - buf), rapidjson::kNumberType);
    } else if (!it.text.isEmpty()) {
        str(w, "value", it.text);
    }
    for (auto [key, value] : { std::pair { "unit", &it.unit }, std::pair { "date", &it.date } }) {
        if (!value->isEmpty())
            str(w, key, *value);
    }
    str(w, "reason", it.reason);
    w.EndObject();
}

QString asOfText(const ImportResult &r)
{
    return r.asOf.toString(Qt::ISODate) + (r.asOfIsDefault ? QStringLiteral(" (today; --as-of to change)") : QString());
}

} // namespace

QByteArray reportJson(const ImportResult &r, const RulePack &pack)
{
    rapidjson::StringBuffer buffer;
    Writer w(buffer);
    w.SetIndent(' ', 2);
    w.StartObject();
    str(w, "format", QStringLiteral("consilium-fhir-import-report/1"));
    w.Key("pack");
    w.StartObject();
    str(w, "id", pack.id());
    str(w, "version", pack.version());
    str(w, "sha256", pack.sha256());
    w.EndObject();
    str(w, "as_of", r.asOf.toString(Qt::ISODate));
    w.Key("as_of_is_default");
    w.Bool(r.asOfIsDefault);
    str(w, "jurisdiction", r.jurisdiction);
    w.Key("bundle_errors");
    w.StartArray();
    for (const json::Finding &f : r.fatal.findings()) {
        w.StartObject();
        str(w, "path", f.path);
        str(w, "code", f.code);
        str(w, "message", f.message);
        w.EndObject();
    }
    w.EndArray();
    w.Key("counts");
    w.StartObject();
    for (auto o : { ImportItem::Outcome::Mapped, ImportItem::Outcome::Ignored, ImportItem::Outcome::Error }) {
        w.Key(outcomeName(o));
        w.Int64(r.count(o));
    }
    w.EndObject();
    w.Key("items");
    w.StartArray();
    for (const ImportItem &it : r.items)
        writeItem(w, it);
    w.EndArray();
    w.Key("notes");
    w.StartArray();
    for (const QString &n : r.notes) {
        const QByteArray b = n.toUtf8();
        w.String(b.constData(), rapidjson::SizeType(b.size()));
    }
    w.EndArray();
    w.EndObject();
    return QByteArray(buffer.GetString(), qsizetype(buffer.GetSize())) + '\n';
}

QString reportText(const ImportResult &r)
{
    QString s;
    for (const json::Finding &f : r.fatal.findings())
        s += QStringLiteral("bundle error: %1\n").arg(f.text());
    if (!r.ok())
        return s;
    s += QStringLiteral("as_of %1, jurisdiction %2: %3 mapped, %4 ignored, %5 errors\n")
             .arg(asOfText(r), r.jurisdiction)
             .arg(r.count(ImportItem::Outcome::Mapped))
             .arg(r.count(ImportItem::Outcome::Ignored))
             .arg(r.count(ImportItem::Outcome::Error));
    for (const ImportItem &it : r.items) {
        QString value = it.number ? QString::number(*it.number) : it.text;
        if (value.isEmpty())
            value = QStringLiteral("(no dose)");
        if (!it.unit.isEmpty())
            value += QLatin1Char(' ') + it.unit;
        if (!it.date.isEmpty())
            value += QStringLiteral(" (%1)").arg(it.date);
        const QString head = it.outcome == ImportItem::Outcome::Mapped
            ? QStringLiteral("mapped   %1 = %2").arg(it.target, value)
            : QStringLiteral("%1 %2").arg(QString::fromLatin1(outcomeName(it.outcome)).toUpper().leftJustified(8),
                it.target.isEmpty() ? QStringLiteral("-") : it.target);
        s += QStringLiteral("%1  from %2 at %3: %4\n").arg(head, it.resource, it.path, it.reason);
    }
    for (const QString &n : r.notes)
        s += QStringLiteral("note: %1\n").arg(n);
    return s;
}

} // namespace consilium::fhir
