// SPDX-License-Identifier: GPL-3.0-or-later
// Re-applying one's edits to a newer version (core/case/CaseMerge.h; issue 13, no lost update).
#include "case/CaseMerge.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace consilium;

namespace {

const QByteArray kBase = R"({"format":"consilium-case/1","id":"C1","label":"base","as_of":"2026-12-01",
    "facts":{"age_years":40,"crp":{"value":5,"unit":"mg/L"},"creatinine":{"value":80,"unit":"umol/L"},"ecog":1},
    "medications":[{"agent":"rituximab","last_dose":"2026-06-01"}]})";

QJsonObject parse(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

const CaseMerge::Item *item(const CaseMerge &m, const QString &key)
{
    for (const auto &i : m.items)
        if (i.key == key)
            return &i;
    return nullptr;
}

} // namespace

class TestCaseMerge : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void myItemsReplaceTheirsAndTheirsStay()
    {
        // Mine: CRP 9 mg/L, ECOG removed, a label. Theirs: creatinine in mg/dL, age 41, CRP 7.
        QByteArray mine = kBase;
        mine.replace(R"("crp":{"value":5,"unit":"mg/L"})", R"("crp":{"value":9,"unit":"mg/L"})");
        mine.replace(R"(,"ecog":1)", "");
        mine.replace(R"("label":"base")", R"("label":"mine")");
        QByteArray theirs = kBase;
        theirs.replace(R"("creatinine":{"value":80,"unit":"umol/L"})", R"("creatinine":{"value":0.9,"unit":"mg/dL"})");
        theirs.replace(R"("age_years":40)", R"("age_years":41)");
        theirs.replace(R"("crp":{"value":5,"unit":"mg/L"})", R"("crp":{"value":0.7,"unit":"mg/dL"})");
        const CaseMerge m = CaseMerge::of(kBase, mine, theirs);
        QVERIFY2(m.error.isEmpty(), qPrintable(m.error));
        const QJsonObject merged = parse(m.merged);
        const QJsonObject facts = merged.value(QStringLiteral("facts")).toObject();
        // Mine, as a whole item: 9 mg/L, never 9 with their mg/dL.
        QCOMPARE(facts.value(QStringLiteral("crp")).toObject().value(QStringLiteral("value")).toDouble(), 9.0);
        QCOMPARE(facts.value(QStringLiteral("crp")).toObject().value(QStringLiteral("unit")).toString(),
            QStringLiteral("mg/L"));
        QVERIFY(!facts.contains(QStringLiteral("ecog"))); // my removal is re-applied
        QCOMPARE(merged.value(QStringLiteral("label")).toString(), QStringLiteral("mine"));
        // Theirs, where I changed nothing.
        QCOMPARE(facts.value(QStringLiteral("age_years")).toInt(), 41);
        QCOMPARE(facts.value(QStringLiteral("creatinine")).toObject().value(QStringLiteral("unit")).toString(),
            QStringLiteral("mg/dL"));
        QCOMPARE(merged.value(QStringLiteral("medications")), parse(kBase).value(QStringLiteral("medications")));
        // The items: CRP clashes; ECOG and label are mine only; age and creatinine theirs only.
        QCOMPARE(int(m.items.size()), 5);
        QVERIFY(item(m, QStringLiteral("facts.crp"))->clash());
        QVERIFY(item(m, QStringLiteral("facts.ecog"))->changedByMe());
        QVERIFY(item(m, QStringLiteral("facts.ecog"))->mine.isUndefined());
        QVERIFY(!item(m, QStringLiteral("facts.ecog"))->clash());
        QVERIFY(!item(m, QStringLiteral("label"))->changedByThem());
        QVERIFY(!item(m, QStringLiteral("facts.age_years"))->changedByMe());
        QVERIFY(item(m, QStringLiteral("facts.creatinine"))->changedByThem());
        QVERIFY(!item(m, QStringLiteral("facts.ecog"))->changedByThem());
    }

    void sameEditOnBothSidesIsNoClash()
    {
        QByteArray both = kBase;
        both.replace(R"("age_years":40)", R"("age_years":41)");
        const CaseMerge m = CaseMerge::of(kBase, both, both);
        QCOMPARE(int(m.items.size()), 1);
        QVERIFY(!m.items.front().clash());
        QCOMPARE(parse(m.merged), parse(both));
    }

    void briefLines()
    {
        QCOMPARE(CaseMerge::brief(
                     parse(R"({"v":{"value":7,"unit":"mg/L","date":"2026-11-02"}})").value(QStringLiteral("v"))),
            QStringLiteral("7 mg/L (2026-11-02)"));
        QCOMPARE(CaseMerge::brief(QJsonValue(QJsonValue::Undefined)), QStringLiteral("—"));
        QCOMPARE(CaseMerge::brief(QJsonValue(false)), QStringLiteral("false"));
    }

    void notJsonIsAnError()
    {
        const CaseMerge m = CaseMerge::of(kBase, "not json", kBase);
        QVERIFY(!m.error.isEmpty());
        QVERIFY(m.merged.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCaseMerge)
#include "tst_case_merge.moc"
