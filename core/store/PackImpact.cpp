// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/PackImpact.h"

#include "engine/CaseEvaluation.h"
#include "engine/Engine.h"
#include "rules/RulePack.h"
#include "store/CompactResult.h"

#include <QtConcurrent/QtConcurrentMap>

namespace consilium {

namespace {

const QString kAbsent = QStringLiteral("absent");

// Every verdict group by key (arms, sub-options, options as optionGroupKey) and every criterion
// state by id, as the store keeps them (CompactResult): the impact speaks of the same groups as
// current_verdicts.
std::map<QString, QString> verdicts(const CompactResult &r)
{
    std::map<QString, QString> out = r.verdicts;
    for (const auto &[id, verdict] : r.options)
        out[optionGroupKey(id)] = verdict;
    return out;
}

std::map<QString, QString> states(const CompactResult &r, const RulePack &pack)
{
    const auto pairs = r.criteriaStates(pack);
    return { pairs.begin(), pairs.end() };
}

// Before/after for every key of either map, "absent" where one map lacks it.
template <typename F> void pairUp(const std::map<QString, QString> &a, const std::map<QString, QString> &b, F &&f)
{
    auto ia = a.begin();
    auto ib = b.begin();
    while (ia != a.end() || ib != b.end()) {
        if (ib == b.end() || (ia != a.end() && ia->first < ib->first)) {
            f(ia->first, ia->second, kAbsent);
            ++ia;
        } else if (ia == a.end() || ib->first < ia->first) {
            f(ib->first, kAbsent, ib->second);
            ++ib;
        } else {
            f(ia->first, ia->second, ib->second);
            ++ia;
            ++ib;
        }
    }
}

struct Compared {
    bool ok = false;
    QString problem;
    std::map<QString, QString> before;
    std::map<QString, QString> after;
    PackImpact::CaseChange change;
};

Compared compare(const Engine &current, const Engine &candidate, const CaseVersion &v)
{
    Compared out;
    out.change.caseId = v.caseId;
    out.change.version = v.version;
    const CaseOutcome a = evaluateCase(current, v.content);
    const CaseOutcome b = evaluateCase(candidate, v.content);
    if (!a.ok() || !b.ok()) {
        out.problem = QStringLiteral("%1: not valid under the %2 pack: %3")
                          .arg(v.caseId, a.ok() ? QStringLiteral("candidate") : QStringLiteral("active"),
                              (a.ok() ? b : a).diag.lines().join(QStringLiteral("; ")));
        return out;
    }
    out.ok = true;
    const CompactResult x = CompactResult::from(current, *a.evaluation);
    const CompactResult y = CompactResult::from(candidate, *b.evaluation);
    out.before = verdicts(x);
    out.after = verdicts(y);
    pairUp(out.before, out.after, [&](const QString &key, const QString &x, const QString &y) {
        if (x != y)
            out.change.verdicts.push_back({ key, x, y });
    });
    pairUp(states(x, current.pack()), states(y, candidate.pack()),
        [&](const QString &key, const QString &p, const QString &q) {
            if (p != q)
                out.change.criteria.push_back({ key, p, q });
        });
    for (const Arm arm : kArms) {
        const auto &x = a.evaluation->earliestStart(arm);
        const auto &y = b.evaluation->earliestStart(arm);
        if (x != y)
            out.change.starts.push_back({ QLatin1String(kArmIds[armIndex(arm)]), x, y });
    }
    return out;
}

void tally(PackImpact &impact, const Compared &c)
{
    if (!c.ok) {
        impact.failed << c.problem;
        return;
    }
    ++impact.evaluated;
    pairUp(c.before, c.after, [&](const QString &key, const QString &x, const QString &y) {
        ++impact.transitions[key][{ x, y }];
    });
    for (const PackImpact::StartShift &s : c.change.starts) {
        if (s.before && s.after)
            ++impact.startShifts[s.arm][s.before->daysTo(*s.after)];
    }
    if (!c.change.verdicts.empty() || !c.change.criteria.empty() || !c.change.starts.empty())
        impact.changed.push_back(c.change);
}

} // namespace

StoreResult<std::shared_ptr<const RulePack>> storedActivePack(CaseStore &store)
{
    const auto sha = store.setting(CaseStore::activePackSettingKey());
    if (!sha)
        return sha.error();
    if (!sha.value() || *sha.value() == RulePack::builtin().sha256())
        return std::shared_ptr<const RulePack>();
    const auto bytes = store.packContent(*sha.value());
    if (!bytes)
        return bytes.error();
    json::Diagnostics diag;
    std::shared_ptr<const RulePack> pack = RulePack::load(bytes.value(), diag);
    if (!pack)
        return storeFailure(StoreErrc::InvalidPack,
            QStringLiteral("the active pack (sha256:%1) stored in the database does not load").arg(*sha.value()),
            diag.lines());
    return pack;
}

StoreResult<PackImpact> packImpact(CaseStore &store, const RulePack &current, const RulePack &candidate,
    const ProgressCallback &progress, const std::atomic<bool> *cancel, int batchSize)
{
    const auto ids = store.allCaseIds(false);
    if (!ids)
        return ids.error();
    const Engine before(current);
    const Engine after(candidate);
    PackImpact impact;
    impact.total = ids.value().size();
    QList<CaseVersion> batch;
    qint64 done = 0;
    auto run = [&] {
        const QList<Compared> results = QtConcurrent::blockingMapped<QList<Compared>>(
            batch, [&](const CaseVersion &v) { return compare(before, after, v); });
        for (const Compared &c : results)
            tally(impact, c);
        done += batch.size();
        batch.clear();
        if (progress)
            progress(done, impact.total);
    };
    for (const QString &id : ids.value()) {
        auto v = store.latestVersion(id);
        if (!v)
            return v.error();
        batch.append(std::move(v).value());
        if (batch.size() >= batchSize) {
            run();
            if (cancel && cancel->load()) {
                impact.cancelled = true;
                return impact;
            }
        }
    }
    if (!batch.isEmpty())
        run();
    return impact;
}

StoreResult<PackImpact> packImpactAt(const QString &path, const RulePack &current, const RulePack &candidate,
    const ProgressCallback &progress, const std::atomic<bool> *cancel, int batchSize)
{
    StoreOptions options;
    options.path = path;
    options.writer = false;
    options.create = false;
    auto store = CaseStore::open(options);
    if (!store)
        return store.error();
    return packImpact(*store.value(), current, candidate, progress, cancel, batchSize);
}

} // namespace consilium
