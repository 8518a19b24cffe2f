// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/PackImpact.h"

#include "case/CaseData.h"
#include "engine/CaseEvaluation.h"
#include "engine/Engine.h"
#include "rules/RulePack.h"
#include "store/SqlRows.h"
#include "store/StoreConnection.h"

#include <QtConcurrent/QtConcurrentMap>

#include <array>
#include <set>

namespace consilium {

namespace {

const QString kAbsent = QStringLiteral("absent");

// The verdict groups and criteria of both packs, each named once (sorted by key, as the maps of
// PackImpact), and where each pack's group or criterion index lands among them. Group keys are
// those of current_verdicts (CompactResult::from): an arm or sub-option's VerdictGroup::key, an
// option's optionGroupKey(id); criterion states are named as there (toString(CriterionState)).
// A case is then compared as two small arrays of codes instead of maps of strings.
struct Keys {
    static constexpr std::uint8_t kAbsentCode = 6; // after the verdicts / states
    std::vector<QString> groups;
    std::array<std::vector<int>, 2> group; // [pack][engine group index] -> index in groups
    std::vector<QString> criteria;
    std::array<std::vector<int>, 2> criterion; // [pack][criterion index] -> index in criteria
    std::array<QString, kAbsentCode + 1> verdictNames;
    std::array<QString, kAbsentCode + 1> stateNames;

    Keys(const Engine &a, const Engine &b);
};

std::vector<QString> engineGroupKeys(const Engine &e)
{
    std::vector<QString> out;
    for (const VerdictGroup &g : e.groups())
        out.push_back(g.key);
    for (const OptionDef &o : e.pack().options())
        out.push_back(optionGroupKey(o.id));
    return out;
}

std::vector<QString> criterionIds(const Engine &e)
{
    std::vector<QString> out;
    for (const Criterion &c : e.pack().criteria())
        out.push_back(c.id);
    return out;
}

// Sorted union of the two lists, and each list's positions in it.
void unite(const std::vector<QString> &a, const std::vector<QString> &b, std::vector<QString> &all,
    std::array<std::vector<int>, 2> &index)
{
    std::set<QString> keys(a.begin(), a.end());
    keys.insert(b.begin(), b.end());
    all.assign(keys.begin(), keys.end());
    auto position = [&all](const QString &k) { return int(std::lower_bound(all.begin(), all.end(), k) - all.begin()); };
    for (const QString &k : a)
        index[0].push_back(position(k));
    for (const QString &k : b)
        index[1].push_back(position(k));
}

Keys::Keys(const Engine &a, const Engine &b)
{
    unite(engineGroupKeys(a), engineGroupKeys(b), groups, group);
    unite(criterionIds(a), criterionIds(b), criteria, criterion);
    verdictNames.fill(kAbsent);
    stateNames.fill(kAbsent);
    for (const Verdict v : { Verdict::Eligible, Verdict::EligibleWithCautions, Verdict::Undetermined,
             Verdict::Ineligible, Verdict::NotApplicable })
        verdictNames[std::size_t(v)] = QLatin1String(toString(v).data());
    for (const CriterionState s :
        { CriterionState::Met, CriterionState::NotMet, CriterionState::Unknown, CriterionState::NotApplicable })
        stateNames[std::size_t(s)] = QLatin1String(toString(s).data());
}

struct Row {
    QString caseId;
    int version = 0;
    QByteArray content;
};

struct Compared {
    bool ok = false;
    QString problem;
    std::vector<std::uint8_t> before; // verdict code per Keys::groups
    std::vector<std::uint8_t> after;
    PackImpact::CaseChange change;
};

// One case under one pack: what evaluateFull starts from (Engine::evaluate, the fast path:
// derived values, criterion states, the verdict of every group, options included). The full
// result copies its verdicts and states from this workspace and reads each arm's earliest start
// from it (FullEvaluation.cpp), so the impact compares exactly what the full result would show,
// without building the explanations, timelines and toxicity rows it does not use.
struct Evaluated {
    Workspace ws;

    Evaluated(const Engine &engine, const CaseData &c)
    {
        engine.prepare(ws);
        engine.evaluate(c, ws);
    }

    std::optional<QDate> earliestStart(const RulePack &pack, Arm arm) const
    {
        const int slot = pack.logistics()[armIndex(arm)].earliestStartSlot;
        if (slot < 0)
            return ws.asOf;
        if (ws.status[std::size_t(slot)] != ValueStatus::Known)
            return std::nullopt;
        return QDate::fromJulianDay(qint64(ws.values[std::size_t(slot)]));
    }
};

// Verdict codes per Keys::groups (absent where this pack has no such group): the engine's
// groups in its order (arms, sub-options, then options), as Keys::group maps them.
std::vector<std::uint8_t> verdictCodes(const Keys &k, int pack, const Evaluated &e)
{
    std::vector<std::uint8_t> out(k.groups.size(), Keys::kAbsentCode);
    const std::vector<int> &to = k.group[std::size_t(pack)];
    for (std::size_t g = 0; g < to.size() && g < e.ws.verdicts.size(); ++g)
        out[std::size_t(to[g])] = std::uint8_t(e.ws.verdicts[g]);
    return out;
}

std::vector<std::uint8_t> stateCodes(const Keys &k, int pack, const Evaluated &e)
{
    std::vector<std::uint8_t> out(k.criteria.size(), Keys::kAbsentCode);
    const std::vector<int> &to = k.criterion[std::size_t(pack)];
    for (std::size_t i = 0; i < e.ws.states.size() && i < to.size(); ++i)
        out[std::size_t(to[i])] = std::uint8_t(e.ws.states[i]);
    return out;
}

// Both evaluations of a case: a plainly valid case is read by the fast reader under each pack
// (case/PlainCaseReader.cpp); otherwise the document is parsed once and read against each pack's
// dictionary (readCase's steps). A case not valid under one of them goes the whole way again
// through evaluateCase, so its problem is worded exactly as everywhere else.
bool evaluateBoth(const Engine &current, const Engine &candidate, const QByteArray &content,
    std::optional<Evaluated> &a, std::optional<Evaluated> &b)
{
    if (std::optional<CaseData> x = readPlainCase(content, current.pack())) {
        if (std::optional<CaseData> y = readPlainCase(content, candidate.pack())) {
            a.emplace(current, *x);
            b.emplace(candidate, *y);
            return true;
        }
    }
    json::Document doc;
    json::Diagnostics diag;
    if (!json::parseStrict(content, doc, diag))
        return false;
    json::Diagnostics da;
    json::Diagnostics db;
    const std::optional<CaseData> x = parseCaseValue(doc, current.pack(), da);
    const std::optional<CaseData> y = x ? parseCaseValue(doc, candidate.pack(), db) : std::nullopt;
    if (!x || !y)
        return false;
    a.emplace(current, *x);
    b.emplace(candidate, *y);
    return true;
}

QString notValid(const Engine &current, const Engine &candidate, const Row &row)
{
    const CaseOutcome a = evaluateCase(current, row.content);
    const CaseOutcome b = a.ok() ? evaluateCase(candidate, row.content) : CaseOutcome();
    const CaseOutcome &bad = a.ok() ? b : a;
    return QStringLiteral("%1: not valid under the %2 pack: %3")
        .arg(row.caseId, a.ok() ? QStringLiteral("candidate") : QStringLiteral("active"),
            bad.diag.lines().join(QStringLiteral("; ")));
}

template <typename F> void forEachChange(const std::vector<std::uint8_t> &x, const std::vector<std::uint8_t> &y, F &&f)
{
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (x[i] != y[i])
            f(i, x[i], y[i]);
    }
}

Compared compare(const Keys &k, const Engine &current, const Engine &candidate, const Row &row)
{
    Compared out;
    out.change.caseId = row.caseId;
    out.change.version = row.version;
    std::optional<Evaluated> a;
    std::optional<Evaluated> b;
    if (!evaluateBoth(current, candidate, row.content, a, b)) {
        out.problem = notValid(current, candidate, row);
        return out;
    }
    out.ok = true;
    out.before = verdictCodes(k, 0, *a);
    out.after = verdictCodes(k, 1, *b);
    forEachChange(out.before, out.after, [&](std::size_t i, std::uint8_t p, std::uint8_t q) {
        out.change.verdicts.push_back({ k.groups[i], k.verdictNames[p], k.verdictNames[q] });
    });
    forEachChange(stateCodes(k, 0, *a), stateCodes(k, 1, *b), [&](std::size_t i, std::uint8_t p, std::uint8_t q) {
        out.change.criteria.push_back({ k.criteria[i], k.stateNames[p], k.stateNames[q] });
    });
    for (const Arm arm : kArms) {
        const auto x = a->earliestStart(current.pack(), arm);
        const auto y = b->earliestStart(candidate.pack(), arm);
        if (x != y)
            out.change.starts.push_back({ QLatin1String(kArmIds[armIndex(arm)]), x, y });
    }
    return out;
}

// The running tally: group × verdict before × verdict after -> cases, turned into
// PackImpact::transitions once at the end.
struct Tally {
    static constexpr std::size_t kCodes = Keys::kAbsentCode + 1;
    std::vector<std::array<qint64, kCodes * kCodes>> counts;

    explicit Tally(const Keys &k) : counts(k.groups.size(), std::array<qint64, kCodes * kCodes> {}) { }

    void add(PackImpact &impact, Compared &c)
    {
        if (!c.ok) {
            impact.failed << c.problem;
            return;
        }
        ++impact.evaluated;
        for (std::size_t g = 0; g < counts.size(); ++g)
            ++counts[g][c.before[g] * kCodes + c.after[g]];
        for (const PackImpact::StartShift &s : c.change.starts) {
            if (s.before && s.after)
                ++impact.startShifts[s.arm][s.before->daysTo(*s.after)];
        }
        if (!c.change.verdicts.empty() || !c.change.criteria.empty() || !c.change.starts.empty())
            impact.changed.push_back(std::move(c.change));
    }

    void finish(const Keys &k, PackImpact &impact) const
    {
        for (std::size_t g = 0; g < counts.size(); ++g) {
            for (std::size_t i = 0; i < counts[g].size(); ++i) {
                if (counts[g][i] > 0)
                    impact.transitions[k.groups[g]][{ k.verdictNames[i / kCodes], k.verdictNames[i % kCodes] }]
                        = counts[g][i];
            }
        }
    }
};

// The latest versions of the next `limit` cases that are not archived, after `after` in case-id
// order (the order of PackImpact::changed). One statement per batch on the store's connection.
StoreResult<std::vector<Row>> readBatch(CaseStore &store, const QString &after, int limit)
{
    SqlStatement q(StoreConnection::of(store),
        QStringLiteral("SELECT c.case_id, v.version, v.content FROM cases c"
                       " JOIN case_versions v ON v.id = c.latest_version_id"
                       " WHERE c.archived = 0 AND c.case_id > :after ORDER BY c.case_id LIMIT :limit"));
    q.bind(QStringLiteral(":after"), after).bind(QStringLiteral(":limit"), limit);
    if (!q.exec())
        return storeFailure(StoreErrc::Sql, QStringLiteral("cannot read the cases: %1").arg(q.errorText()));
    std::vector<Row> rows;
    while (q.next())
        rows.push_back({ q.text(QStringLiteral("case_id")), q.integer(QStringLiteral("version")),
            q.text(QStringLiteral("content")).toUtf8() });
    return rows;
}

StoreResult<qint64> countCases(CaseStore &store)
{
    SqlStatement q(StoreConnection::of(store), QStringLiteral("SELECT count(*) AS n FROM cases WHERE archived = 0"));
    if (!q.exec() || !q.next())
        return storeFailure(StoreErrc::Sql, QStringLiteral("cannot count the cases: %1").arg(q.errorText()));
    return q.int64(QStringLiteral("n"));
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
    const auto total = countCases(store);
    if (!total)
        return total.error();
    const Engine before(current);
    const Engine after(candidate);
    const Keys keys(before, after);
    Tally tally(keys);
    PackImpact impact;
    impact.total = total.value();
    qint64 done = 0;
    QString last(QLatin1String("")); // before every case id (a null string would bind as NULL)
    for (;;) {
        // Read on this thread (its connection); parse and evaluate on all cores, results in order.
        auto rows = readBatch(store, last, std::max(1, batchSize));
        if (!rows)
            return rows.error();
        if (rows.value().empty())
            break;
        last = rows.value().back().caseId;
        QList<Compared> results = QtConcurrent::blockingMapped<QList<Compared>>(
            rows.value(), [&](const Row &r) { return compare(keys, before, after, r); });
        for (Compared &c : results)
            tally.add(impact, c);
        done += qint64(rows.value().size());
        impact.total = std::max(impact.total, done); // cases added while it runs are counted too
        if (progress)
            progress(done, impact.total);
        if (cancel && cancel->load()) {
            // Cancelled unless this was the last batch anyway.
            const auto more = readBatch(store, last, 1);
            if (!more)
                return more.error();
            impact.cancelled = !more.value().empty();
            break;
        }
    }
    tally.finish(keys, impact);
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
