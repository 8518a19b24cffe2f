// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/CompactResult.h"

#include "engine/JsonValues.h"
#include "engine/ResultWriter.h"
#include "store/CanonicalJson.h"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <charconv>
#include <cmath>

namespace consilium {

namespace {

QChar stateLetter(CriterionState s)
{
    switch (s) {
    case CriterionState::Met:
        return QLatin1Char('M');
    case CriterionState::NotMet:
        return QLatin1Char('N');
    case CriterionState::Unknown:
        return QLatin1Char('U');
    case CriterionState::NotApplicable:
        return QLatin1Char('A');
    }
    return QLatin1Char('U');
}

using jsonout::writeSlotValue;
using jsonout::writeString;

} // namespace

QString stateLetterName(QChar letter)
{
    switch (letter.unicode()) {
    case 'M':
        return QStringLiteral("met");
    case 'N':
        return QStringLiteral("not_met");
    case 'A':
        return QStringLiteral("not_applicable");
    default:
        return QStringLiteral("unknown");
    }
}

CompactResult CompactResult::from(const Engine &engine, const Evaluation &e)
{
    CompactResult r;
    const RulePack &pack = engine.pack();
    for (std::size_t g = 0; g < engine.groups().size(); ++g) {
        const auto v = toString(e.group(int(g)).verdict);
        r.verdicts[engine.groups()[g].key] = QString::fromLatin1(v.data(), qsizetype(v.size()));
    }
    for (int o = 0; o < e.optionCount(); ++o) {
        const auto v = toString(e.optionVerdict(o));
        r.options[e.optionDef(o).id] = QString::fromLatin1(v.data(), qsizetype(v.size()));
    }
    r.states.reserve(qsizetype(pack.criteria().size()));
    for (const CriterionState s : e.states())
        r.states += stateLetter(s);
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.StartObject();
    for (const DerivedDef &def : pack.derived()) {
        writeString(w, def.id);
        writeSlotValue(w, e, def.slot);
    }
    w.EndObject();
    r.derivedJson = QByteArray(buffer.GetString(), qsizetype(buffer.GetSize()));
    for (const Arm arm : kArms) {
        const auto &d = e.earliestStart(arm);
        r.earliest[QLatin1String(kArmIds[armIndex(arm)])]
            = d ? std::optional<QString>(d->toString(Qt::ISODate)) : std::nullopt;
    }
    return r;
}

QByteArray CompactResult::toJson() const
{
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    w.StartObject();
    w.Key("verdicts");
    w.StartObject();
    for (const auto &[k, v] : verdicts) {
        writeString(w, k);
        writeString(w, v);
    }
    w.EndObject();
    if (!options.empty()) { // absent for a pack without options: its compact JSON stays as before
        w.Key("options");
        w.StartObject();
        for (const auto &[k, v] : options) {
            writeString(w, k);
            writeString(w, v);
        }
        w.EndObject();
    }
    w.Key("states");
    writeString(w, states);
    w.Key("derived");
    w.RawValue(derivedJson.constData(), rapidjson::SizeType(derivedJson.size()), rapidjson::kObjectType);
    w.Key("earliest_start");
    w.StartObject();
    for (const auto &[k, v] : earliest) {
        writeString(w, k);
        if (v)
            writeString(w, *v);
        else
            w.Null();
    }
    w.EndObject();
    w.EndObject();
    return QByteArray(buffer.GetString(), qsizetype(buffer.GetSize()));
}

std::optional<CompactResult> CompactResult::fromJson(const QByteArray &bytes)
{
    json::Document doc;
    if (!parseStored(bytes, doc) || !doc.IsObject())
        return std::nullopt;
    CompactResult r;
    if (doc.HasMember("verdicts") && doc["verdicts"].IsObject()) {
        for (const auto &m : doc["verdicts"].GetObject())
            r.verdicts[json::toQString(m.name)] = m.value.IsString() ? json::toQString(m.value) : QString();
    }
    if (doc.HasMember("options") && doc["options"].IsObject()) {
        for (const auto &m : doc["options"].GetObject())
            r.options[json::toQString(m.name)] = m.value.IsString() ? json::toQString(m.value) : QString();
    }
    if (doc.HasMember("states") && doc["states"].IsString())
        r.states = json::toQString(doc["states"]);
    if (doc.HasMember("derived"))
        r.derivedJson = compactJson(doc["derived"]);
    if (doc.HasMember("earliest_start") && doc["earliest_start"].IsObject()) {
        for (const auto &m : doc["earliest_start"].GetObject())
            r.earliest[json::toQString(m.name)]
                = m.value.IsString() ? std::optional<QString>(json::toQString(m.value)) : std::nullopt;
    }
    return r;
}

std::vector<std::pair<QString, QString>> CompactResult::criteriaStates(const RulePack &pack) const
{
    std::vector<std::pair<QString, QString>> out;
    const auto &criteria = pack.criteria();
    for (std::size_t i = 0; i < criteria.size() && qsizetype(i) < states.size(); ++i)
        out.emplace_back(criteria[i].id, stateLetterName(states[qsizetype(i)]));
    return out;
}

} // namespace consilium
