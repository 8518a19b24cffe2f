// SPDX-License-Identifier: GPL-3.0-or-later
// The pack's vignettes section (resources/packs/FORMAT.md).
#include "rules/PackLoader.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace consilium {

using json::childPath;
using json::indexPath;
using json::Value;
namespace FindingCode = json::FindingCode;

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
            error(o.pathOf("id"), QStringLiteral("vignette '%1' is defined twice").arg(vig.id), FindingCode::Duplicate);
        if (const Value *c = o.object("case")) {
            if (o.has("base") || o.has("remove_facts") || o.has("set_facts"))
                error(path, QStringLiteral("a vignette has either case or base (with remove_facts/set_facts)"),
                    FindingCode::Invalid);
            vig.caseJson = serialise(*c);
        } else if (auto base = o.string("base")) {
            const int b = byId.value(*base, -1);
            if (b < 0) {
                error(o.pathOf("base"), QStringLiteral("unknown earlier vignette '%1'").arg(*base),
                    FindingCode::Reference);
                continue;
            }
            json::Document doc;
            const QByteArray &baseJson = p.m_vignettes[std::size_t(b)].caseJson;
            doc.Parse(baseJson.constData(), size_t(baseJson.size()));
            if (!doc.IsObject() || !doc.HasMember("facts") || !doc["facts"].IsObject()) {
                error(o.pathOf("base"), QStringLiteral("the base case has no facts object"), FindingCode::Invalid);
                continue;
            }
            Value &facts = doc["facts"];
            for (const QString &f : o.stringList("remove_facts").value_or(QStringList())) {
                const QByteArray key = f.toUtf8();
                if (!facts.RemoveMember(key.constData()))
                    error(o.pathOf("remove_facts"), QStringLiteral("the base case has no fact '%1'").arg(f),
                        FindingCode::Reference);
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
            error(path, QStringLiteral("a vignette needs case or base"), FindingCode::Required);
            continue;
        }
        if (const Value *expected = o.object("expected"))
            loadExpectations(*expected, o.pathOf("expected"), vig);
        byId.insert(vig.id, int(p.m_vignettes.size()));
        p.m_vignettes.push_back(std::move(vig));
    }
}

// What a vignette expects: derived values (number or text) and per-arm verdicts.
void PackLoader::loadExpectations(const Value &expected, const QString &path, Vignette &vig)
{
    ObjectView eo(expected, path, d, { "arms" }, { "derived", "options" });
    if (const Value *der = eo.object("derived")) {
        for (auto it = der->MemberBegin(); it != der->MemberEnd(); ++it) {
            const QString id = json::toQString(it->name);
            const QString dpath = childPath(eo.pathOf("derived"), json::keyOf(it->name));
            const int slot = p.slotOf(id);
            if (slot < 0 || p.derivedIndexOfSlot(slot) < 0)
                error(dpath, QStringLiteral("'%1' is not a derived value").arg(id), FindingCode::Reference);
            else if (it->value.IsNumber())
                vig.expectedNumbers.emplace_back(id, it->value.GetDouble());
            else if (it->value.IsString())
                vig.expectedText.emplace_back(id, json::toQString(it->value));
            else
                error(dpath, QStringLiteral("expected a number or a string"), FindingCode::Type);
        }
    }
    if (const Value *arms = eo.object("arms"))
        loadExpectationMap(*arms, eo.pathOf("arms"), false, vig);
    if (const Value *options = eo.object("options"))
        loadExpectationMap(*options, eo.pathOf("options"), true, vig);
}

// expected.arms ("arm" or "arm/sub_option") or expected.options (option id) -> Expectation.
void PackLoader::loadExpectationMap(const Value &map, const QString &path, bool options, Vignette &vig)
{
    for (auto it = map.MemberBegin(); it != map.MemberEnd(); ++it) {
        const QString key = json::toQString(it->name);
        const QString apath = childPath(path, json::keyOf(it->name));
        if (options && p.optionIndex(key) < 0) {
            error(apath, QStringLiteral("unknown option '%1'").arg(key), FindingCode::Reference);
            continue;
        }
        const QStringList parts = key.split(QLatin1Char('/'));
        const int arm = armIndex(parts.first());
        if (!options && (arm < 0 || parts.size() > 2 || (parts.size() == 2 && subOptionIndex(arm, parts[1]) < 0))) {
            error(apath, QStringLiteral("unknown arm or sub-option '%1'").arg(key), FindingCode::Reference);
            continue;
        }
        ObjectView xo(
            it->value, apath, d, { "verdict", "deciding", "other_not_met", "missing_inputs", "other_unknown" });
        if (!xo.isObject())
            continue;
        VignetteExpectation x;
        x.verdict = xo.string("verdict").value_or(QString());
        x.deciding = xo.stringList("deciding").value_or(QStringList());
        x.otherNotMet = xo.stringList("other_not_met").value_or(QStringList());
        x.missingInputs = xo.stringList("missing_inputs").value_or(QStringList());
        x.otherUnknown = xo.stringList("other_unknown").value_or(QStringList());
        (options ? vig.options : vig.arms).emplace_back(key, x);
    }
}

} // namespace consilium
