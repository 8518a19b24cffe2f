// SPDX-License-Identifier: GPL-3.0-or-later
// The impact of a candidate rule pack on the stored cases (issue 15, docs/store.md#impact): a
// candidate that changes one threshold changes exactly the cases across it, and nothing is stored.
#include "../core/PackMutation.h"
#include "E01Cases.h"
#include "StoreTestUtil.h"

#include "rules/RulePack.h"
#include "store/PackImpact.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace consilium;
using namespace consilium::pack_mutation;

namespace {

// The built-in pack with ALLO-HEM-02 at ≥ 50 instead of ≥ 30 (reference-rules.md: ≥ 30).
std::unique_ptr<RulePack> candidatePack()
{
    const QByteArray bytes = mutated(
        [](Doc &d) { setString(d, elementById(d, "criteria", "ALLO-HEM-02"), "condition", "platelets >= 50"); });
    json::Diagnostics diag;
    auto pack = RulePack::load(bytes, diag);
    if (!pack)
        qWarning("%s", qPrintable(diag.lines().join(QLatin1Char('\n'))));
    return pack;
}

qint64 count(const PackImpact &r, const QString &key, const char *before, const char *after)
{
    const auto t = r.transitions.find(key);
    if (t == r.transitions.end())
        return 0;
    const auto n = t->second.find({ QLatin1String(before), QLatin1String(after) });
    return n == t->second.end() ? 0 : n->second;
}

} // namespace

class TestPackImpact : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oneThresholdChangesExactlyTheCasesAcrossIt();
    void optionsOfOnlyOnePackAreAbsentInTheOther();
};

void TestPackImpact::oneThresholdChangesExactlyTheCasesAcrossIt()
{
    QTemporaryDir dir;
    StoreError error;
    auto store = storetest::openStore(dir.filePath(QStringLiteral("impact.sqlite")), error);
    QVERIFY2(store, qPrintable(error.message));
    const RulePack &active = RulePack::builtin();
    for (const auto &[id, plt] :
        std::vector<std::pair<QString, int>> { { QStringLiteral("plt-20"), 20 }, { QStringLiteral("plt-40"), 40 },
            { QStringLiteral("plt-60"), 60 }, { QStringLiteral("plt-missing"), -1 } })
        QVERIFY_STORE(store->saveCase(e01With(id, plt), active));
    const auto before = store->audit().entries().size();
    const auto candidate = candidatePack();
    QVERIFY(candidate);

    const auto impact = packImpact(*store, active, *candidate, {}, nullptr, 3); // two batches
    QVERIFY2(impact, WHY(impact));
    const PackImpact &r = impact.value();
    QCOMPARE(r.total, 4);
    QCOMPARE(r.evaluated, 4);
    QVERIFY(r.failed.isEmpty());
    // Only the case between the two thresholds changes: platelets 40 (≥ 30, < 50).
    QCOMPARE(int(r.changed.size()), 1);
    const PackImpact::CaseChange &c = r.changed.front();
    QCOMPARE(c.caseId, QStringLiteral("plt-40"));
    QCOMPARE(c.version, 1);
    QCOMPARE(int(c.criteria.size()), 1);
    QCOMPARE(c.criteria.front().key, QStringLiteral("ALLO-HEM-02"));
    QCOMPARE(c.criteria.front().before, QStringLiteral("met"));
    QCOMPARE(c.criteria.front().after, QStringLiteral("not_met"));
    QStringList groups;
    for (const auto &v : c.verdicts) {
        groups << v.key;
        QCOMPARE(v.before, QStringLiteral("eligible"));
        QCOMPARE(v.after, QStringLiteral("ineligible"));
    }
    // The arm and the options that keep ALLO-HEM-02 (FT819, CTA311); RESOLUTION replaces it by its
    // own ≥ 75 (options-2026.2.md §C) and is ineligible under both.
    groups.sort();
    QCOMPARE(groups,
        QStringList({ QStringLiteral("allogeneic_car_t"), QStringLiteral("option:allo-cta311"),
            QStringLiteral("option:allo-ft819") }));
    // The transition table counts every case.
    QCOMPARE(count(r, QStringLiteral("allogeneic_car_t"), "eligible", "ineligible"), 1);
    QCOMPARE(count(r, QStringLiteral("allogeneic_car_t"), "eligible", "eligible"), 1); // 60
    QCOMPARE(count(r, QStringLiteral("allogeneic_car_t"), "ineligible", "ineligible"), 1); // 20
    QCOMPARE(count(r, QStringLiteral("allogeneic_car_t"), "undetermined", "undetermined"), 1); // missing
    // Other arms: every case keeps its verdict.
    for (const char *arm : { "autologous_car_t", "bispecific_tce", "standard_care" }) {
        for (const auto &[pair, n] : r.transitions.at(QLatin1String(arm)))
            QCOMPARE(pair.first, pair.second);
    }
    QVERIFY(r.startShifts.empty());
    // Nothing stored, nothing activated, nothing audited.
    QCOMPARE(store->audit().entries().size(), before);
    const auto activeSetting = store->setting(CaseStore::activePackSettingKey());
    QVERIFY(activeSetting && !activeSetting.value());
}

void TestPackImpact::optionsOfOnlyOnePackAreAbsentInTheOther()
{
    QTemporaryDir dir;
    StoreError error;
    auto store = storetest::openStore(dir.filePath(QStringLiteral("impact.sqlite")), error);
    QVERIFY2(store, qPrintable(error.message));
    // E01 gives cd19_b_cells, an input 2026.1 does not know (options-2026.2.md §A): that case is
    // not valid under 2026.1 and is reported, not counted; without it the case is valid under both.
    QVERIFY_STORE(store->saveCase(e01With(QStringLiteral("a-with-cd19"), 60), RulePack::builtin()));
    QJsonObject without = QJsonDocument::fromJson(e01With(QStringLiteral("b-without-cd19"), 60)).object();
    QJsonObject facts = without.value(QStringLiteral("facts")).toObject();
    QVERIFY(facts.contains(QStringLiteral("cd19_b_cells")));
    facts.remove(QStringLiteral("cd19_b_cells"));
    without.insert(QStringLiteral("facts"), facts);
    QVERIFY_STORE(store->saveCase(QJsonDocument(without).toJson(), RulePack::builtin()));
    json::Diagnostics diag;
    const auto old = RulePack::load(
        storetest::readAll(QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/packs/consilium-reference-2026.1.json")),
        diag);
    QVERIFY(old);
    // 2026.2 (active) against 2026.1: the options of 2026.2 do not exist in 2026.1.
    const auto impact = packImpact(*store, RulePack::builtin(), *old);
    QVERIFY2(impact, WHY(impact));
    const PackImpact &r = impact.value();
    QCOMPARE(r.total, 2);
    QCOMPARE(r.evaluated, 1);
    QCOMPARE(r.failed.size(), 1);
    QVERIFY2(r.failed.first().startsWith(QStringLiteral("a-with-cd19: not valid under the candidate pack: ")),
        qPrintable(r.failed.first()));
    QVERIFY(r.failed.first().contains(QStringLiteral("cd19_b_cells")));
    QCOMPARE(count(r, QStringLiteral("option:allo-allo-329-resolution"), "ineligible", "absent"), 1);
    QCOMPARE(count(r, QStringLiteral("option:allo-ft819"), "eligible", "absent"), 1);
}

QTEST_GUILESS_MAIN(TestPackImpact)
#include "tst_pack_impact.moc"
