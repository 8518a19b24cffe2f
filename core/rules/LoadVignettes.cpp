// SPDX-License-Identifier: GPL-3.0-or-later
// The pack's vignettes section (resources/packs/FORMAT.md).
#include "rules/PackLoader.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace consilium {

using json::childPath;
using json::indexPath;
using json::ObjectView;
using json::Value;

namespace {

QByteArray serialise(const Value &v)
{
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    v.Accept(writer);
    return QByteArray(buffer.GetString(), qsizetype(buffer.GetSize()));
}

} // namespace

void PackLoader::loadVignettes(const ObjectView &top)
{
    const Value *arr = top.array("vignettes");
    if (!arr)
        return;
    QHash<QString, int> byId;
    qsizetype i = 0;
    for (const auto &v : arr->GetArray()) {
        const QString path = indexPath(top.pathOf("vignettes"), i++);
        ObjectView o(v, path, d, { "id", "title", "expected" }, { "case", "base", "remove_facts", "set_facts" });
        if (!o.isObject())
            continue;
        Vignette vig;
        vig.id = o.string("id").value_or(QString());
        vig.title = o.string("title").value_or(QString());
        if (byId.contains(vig.id))
            error(o.pathOf("id"), QStringLiteral("vignette '%1' is defined twice").arg(vig.id));
        if (const Value *c = o.object("case")) {
            if (o.has("base") || o.has("remove_facts") || o.has("set_facts"))
                error(path, QStringLiteral("a vignette has either case or base (with remove_facts/set_facts)"));
            vig.caseJson = serialise(*c);
        } else if (auto base = o.string("base")) {
            const int b = byId.value(*base, -1);
            if (b < 0) {
                error(o.pathOf("base"), QStringLiteral("unknown earlier vignette '%1'").arg(*base));
                continue;
            }
            json::Document doc;
            const QByteArray &baseJson = p.m_vignettes[std::size_t(b)].caseJson;
            doc.Parse(baseJson.constData(), size_t(baseJson.size()));
            if (!doc.IsObject() || !doc.HasMember("facts") || !doc["facts"].IsObject()) {
                error(o.pathOf("base"), QStringLiteral("the base case has no facts object"));
                continue;
            }
            Value &facts = doc["facts"];
            for (const QString &f : o.stringList("remove_facts").value_or(QStringList())) {
                const QByteArray key = f.toUtf8();
                if (!facts.RemoveMember(key.constData()))
                    error(o.pathOf("remove_facts"), QStringLiteral("the base case has no fact '%1'").arg(f));
            }
            if (const Value *set = o.object("set_facts")) {
                for (auto it = set->MemberBegin(); it != set->MemberEnd(); ++it) {
                    Value key(it->name, doc.GetAllocator());
                    Value val(it->value, doc.GetAllocator());
                    facts.RemoveMember(it->name.GetString());
                    facts.AddMember(key, val, doc.GetAllocator());
                }
            }
            vig.caseJson = serialise(doc);
        } else {
            error(path, QStringLiteral("a vignette needs case or base"));
            continue;
        }
        const Value *expected = o.object("expected");
        if (expected) {
            ObjectView eo(*expected, o.pathOf("expected"), d, { "arms" }, { "derived" });
            if (const Value *der = eo.object("derived")) {
                for (auto it = der->MemberBegin(); it != der->MemberEnd(); ++it) {
                    const QString id = json::toQString(it->name);
                    const QString dpath = childPath(eo.pathOf("derived"), json::keyOf(it->name));
                    const int slot = p.slotOf(id);
                    if (slot < 0 || p.derivedIndexOfSlot(slot) < 0)
                        error(dpath, QStringLiteral("'%1' is not a derived value").arg(id));
                    else if (it->value.IsNumber())
                        vig.expectedNumbers.emplace_back(id, it->value.GetDouble());
                    else if (it->value.IsString())
                        vig.expectedText.emplace_back(id, json::toQString(it->value));
                    else
                        error(dpath, QStringLiteral("expected a number or a string"));
                }
            }
            if (const Value *arms = eo.object("arms")) {
                for (auto it = arms->MemberBegin(); it != arms->MemberEnd(); ++it) {
                    const QString key = json::toQString(it->name);
                    const QString apath = childPath(eo.pathOf("arms"), json::keyOf(it->name));
                    const QStringList parts = key.split(QLatin1Char('/'));
                    const int arm = armIndex(parts.first());
                    if (arm < 0 || parts.size() > 2 || (parts.size() == 2 && subOptionIndex(arm, parts[1]) < 0)) {
                        error(apath, QStringLiteral("unknown arm or sub-option '%1'").arg(key));
                        continue;
                    }
                    ObjectView xo(it->value, apath, d,
                        { "verdict", "deciding", "other_not_met", "missing_inputs", "other_unknown" });
                    if (!xo.isObject())
                        continue;
                    VignetteExpectation x;
                    x.verdict = xo.string("verdict").value_or(QString());
                    x.deciding = xo.stringList("deciding").value_or(QStringList());
                    x.otherNotMet = xo.stringList("other_not_met").value_or(QStringList());
                    x.missingInputs = xo.stringList("missing_inputs").value_or(QStringList());
                    x.otherUnknown = xo.stringList("other_unknown").value_or(QStringList());
                    vig.arms.emplace_back(key, x);
                }
            }
        }
        byId.insert(vig.id, int(p.m_vignettes.size()));
        p.m_vignettes.push_back(std::move(vig));
    }
}

} // namespace consilium
