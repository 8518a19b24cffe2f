// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/Replay.h"

#include "case/CaseData.h"
#include "engine/CaseEvaluation.h"
#include "engine/ResultWriter.h"
#include "rules/RulePack.h"
#include "store/CanonicalJson.h"
#include "store/Decisions.h"

#include <map>

namespace consilium {

namespace {

StoreResult<QByteArray> evaluateWith(const QByteArray &caseJson, const RulePack &pack)
{
    const Engine engine(pack);
    const CaseOutcome outcome = evaluateCase(engine, caseJson);
    if (!outcome.ok())
        return storeFailure(StoreErrc::InvalidCase,
            QStringLiteral("the case version is not valid under pack %1 %2").arg(pack.id(), pack.version()),
            outcome.diag.lines());
    return resultJson(engine, *outcome.evaluation, false);
}

struct GroupView {
    QString verdict;
    QString earliest; // "" when absent (sub-options), "unknown" for null
    std::map<QString, QString> states;
};

QString str(const json::Value &v, const char *key)
{
    if (!v.IsObject())
        return {};
    const auto it = v.FindMember(key);
    if (it == v.MemberEnd())
        return {};
    if (it->value.IsNull())
        return QStringLiteral("unknown");
    return it->value.IsString() ? json::toQString(it->value) : QString();
}

std::map<QString, GroupView> groupsOf(const json::Value &doc)
{
    std::map<QString, GroupView> out;
    if (!doc.IsObject() || !doc.HasMember("arms") || !doc["arms"].IsObject())
        return out;
    auto read = [](const json::Value &g, GroupView &view) {
        view.verdict = str(g, "verdict");
        if (g.IsObject() && g.HasMember("criteria") && g["criteria"].IsArray()) {
            for (const auto &c : g["criteria"].GetArray())
                view.states[str(c, "id")] = str(c, "state");
        }
    };
    for (const auto &arm : doc["arms"].GetObject()) {
        const QString id = json::toQString(arm.name);
        GroupView &view = out[id];
        read(arm.value, view);
        view.earliest = str(arm.value, "earliest_start");
        if (arm.value.IsObject() && arm.value.HasMember("sub_options") && arm.value["sub_options"].IsObject()) {
            for (const auto &sub : arm.value["sub_options"].GetObject())
                read(sub.value, out[id + QLatin1Char('/') + json::toQString(sub.name)]);
        }
    }
    return out;
}

QString packLine(const json::Value &doc)
{
    if (!doc.IsObject() || !doc.HasMember("rule_pack"))
        return {};
    const json::Value &p = doc["rule_pack"];
    return QStringLiteral("%1 %2 (sha256:%3)").arg(str(p, "id"), str(p, "version"), str(p, "sha256").left(12));
}

} // namespace

QStringList diffResults(const QByteArray &before, const QByteArray &after)
{
    QStringList lines;
    json::Document a;
    json::Document b;
    if (!parseStored(before, a) || !parseStored(after, b)) {
        lines << QStringLiteral("(a result could not be read)");
        return lines;
    }
    if (packLine(a) != packLine(b))
        lines << QStringLiteral("rule pack: %1 -> %2").arg(packLine(a), packLine(b));
    if (str(a, "engine_version") != str(b, "engine_version"))
        lines << QStringLiteral("engine: %1 -> %2").arg(str(a, "engine_version"), str(b, "engine_version"));
    const auto ga = groupsOf(a);
    const auto gb = groupsOf(b);
    QStringList unchanged;
    auto keys = [](const auto &m) {
        QStringList k;
        for (const auto &[key, v] : m)
            k << key;
        return k;
    };
    QStringList all = keys(ga);
    for (const QString &k : keys(gb)) {
        if (!all.contains(k))
            all << k;
    }
    for (const QString &key : std::as_const(all)) {
        const auto ia = ga.find(key);
        const auto ib = gb.find(key);
        if (ia == ga.end() || ib == gb.end()) {
            lines << QStringLiteral("%1: %2").arg(
                key, ia == ga.end() ? QStringLiteral("added") : QStringLiteral("removed"));
            continue;
        }
        QStringList changes;
        if (ia->second.verdict != ib->second.verdict)
            changes << QStringLiteral("  verdict: %1 -> %2").arg(ia->second.verdict, ib->second.verdict);
        if (ia->second.earliest != ib->second.earliest)
            changes << QStringLiteral("  earliest start: %1 -> %2").arg(ia->second.earliest, ib->second.earliest);
        for (const auto &[id, state] : ia->second.states) {
            const auto other = ib->second.states.find(id);
            if (other == ib->second.states.end())
                changes << QStringLiteral("  %1: %2 -> (criterion removed)").arg(id, state);
            else if (other->second != state)
                changes << QStringLiteral("  %1: %2 -> %3").arg(id, state, other->second);
        }
        for (const auto &[id, state] : ib->second.states) {
            if (!ia->second.states.count(id))
                changes << QStringLiteral("  %1: (new criterion) -> %2").arg(id, state);
        }
        if (changes.isEmpty()) {
            unchanged << key;
        } else {
            lines << key + QLatin1Char(':');
            lines << changes;
        }
    }
    if (!unchanged.isEmpty())
        lines << QStringLiteral("unchanged: %1").arg(unchanged.join(QStringLiteral(", ")));
    return lines;
}

StoreResult<PinnedDecision> pinnedDecision(CaseStore &store, qint64 decisionId)
{
    Decisions decisions(store);
    auto found = decisions.decision(decisionId);
    if (!found)
        return found.error();
    PinnedDecision p { std::move(found.value()), {}, nullptr };
    const QString &sha = p.decision.packSha256;
    const auto content = store.packContent(sha);
    if (!content)
        return content.error();
    const auto version = store.version(p.decision.caseVersionId);
    if (!version)
        return version.error();
    p.caseContent = version.value().content;
    json::Diagnostics diag;
    p.pack = RulePack::load(content.value(), diag);
    if (!p.pack)
        return storeFailure(StoreErrc::InvalidPack,
            QStringLiteral("the pinned rule pack sha256:%1 no longer loads").arg(sha), diag.lines());
    if (p.pack->sha256() != sha)
        return storeFailure(
            StoreErrc::Corrupt, QStringLiteral("the stored rule pack does not match its hash %1").arg(sha));
    return p;
}

StoreResult<ReplayResult> replayDecision(CaseStore &store, qint64 decisionId)
{
    auto pinned = pinnedDecision(store, decisionId);
    if (!pinned)
        return pinned.error();
    const Decision &d = pinned.value().decision;
    const auto replayed = evaluateWith(pinned.value().caseContent, *pinned.value().pack);
    if (!replayed)
        return replayed.error();
    ReplayResult r;
    r.decisionId = decisionId;
    r.stored = d.resultJson;
    r.replayed = replayed.value();
    r.identical = r.stored == r.replayed;
    r.sameEngine = d.engineVersion == engineVersion();
    if (!r.identical)
        r.differences = diffResults(r.stored, r.replayed);
    return r;
}

StoreResult<QStringList> compareWithRules(CaseStore &store, qint64 decisionId, const RulePack &current)
{
    Decisions decisions(store);
    const auto d = decisions.decision(decisionId);
    if (!d)
        return d.error();
    const auto version = store.version(d.value().caseVersionId);
    if (!version)
        return version.error();
    const auto today = evaluateWith(version.value().content, current);
    if (!today)
        return today.error();
    return diffResults(d.value().resultJson, today.value());
}

} // namespace consilium
