// SPDX-License-Identifier: GPL-3.0-or-later
// The text of a case version in the history's detail view (ui/decision/VersionText.h): a fact as
// it was entered, what is missing said as missing (never a default), the changes from the
// version before, and every text from the case escaped before it goes into the HTML.
#include "decision/VersionText.h"
#include "rules/RulePack.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace consilium;

namespace {

QJsonObject objectOf(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

} // namespace

class TestVersionText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void factsReadAsEntered()
    {
        QCOMPARE(factText(objectOf(R"({"value": 62, "unit": "kg"})")), QStringLiteral("62 kg"));
        QCOMPARE(factText(objectOf(R"({"value": 180, "unit": "10^9/L", "date": "2026-11-30"})")),
            QStringLiteral("180 10⁹/L (2026-11-30)"));
        QCOMPARE(factText(objectOf(R"({"value": 0.2, "unit": "xULN"})")), QStringLiteral("0.2 × ULN"));
        QCOMPARE(factText(QJsonValue(true)), QStringLiteral("yes"));
        QCOMPARE(factText(QJsonValue(false)), QStringLiteral("no"));
        QCOMPARE(factText(QJsonValue(QStringLiteral("sle"))), QStringLiteral("sle"));
    }

    // Missing is unknown: a fact marked unknown, one not evaluated and one never entered each
    // say so, and none reads as a value, as "no" or as 0.
    void missingFactsSayWhatTheyAre()
    {
        QCOMPARE(factText(objectOf(R"({"status": "unknown"})")), QStringLiteral("unknown"));
        QCOMPARE(factText(objectOf(R"({"status": "not_evaluated"})")), QStringLiteral("not evaluated"));
        QCOMPARE(factText(objectOf(R"({"status": "unknown", "date": "2026-11-30"})")),
            QStringLiteral("unknown (2026-11-30)"));
        QCOMPARE(factText(QJsonValue(QJsonValue::Undefined)), QStringLiteral("(not entered)"));
        QCOMPARE(factText(QJsonValue(QJsonValue::Null)), QStringLiteral("(not entered)"));
    }

    void agentListsByTheirNames()
    {
        const RulePack &pack = RulePack::builtin();
        QCOMPARE(agentsText(pack, QJsonValue(QJsonValue::Undefined), true), QStringLiteral("(not recorded)"));
        QCOMPARE(agentsText(pack, QJsonArray(), false), QStringLiteral("none"));
        QCOMPARE(
            agentsText(pack, QJsonArray { QStringLiteral("cyclophosphamide"), QStringLiteral("not-a-drug") }, false),
            QStringLiteral("Cyclophosphamide, not-a-drug"));
        const QJsonArray medications { QJsonObject { { QStringLiteral("agent"), QStringLiteral("methotrexate") } } };
        QCOMPARE(agentsText(pack, medications, true), QStringLiteral("Methotrexate"));
    }

    void changesFromTheVersionBefore()
    {
        const RulePack &pack = RulePack::builtin();
        const QJsonObject was = objectOf(R"({"label": "Mrs <b>A</b>", "as_of": "2026-11-01",
            "facts": {"weight": {"value": 62, "unit": "kg"}, "height": {"value": 170, "unit": "cm"}},
            "failed_therapies": ["cyclophosphamide"]})");
        const QJsonObject now = objectOf(R"({"label": "Mrs <b>A</b>", "as_of": "2026-12-01",
            "facts": {"weight": {"value": 63, "unit": "kg"}, "pregnant": {"status": "unknown"}},
            "failed_therapies": []})");
        const QString html = versionChangesHtml(pack, was, now, 4);
        QVERIFY2(html.contains(QStringLiteral("Changes from version 4:")), qPrintable(html));
        QVERIFY2(html.contains(QStringLiteral("<li>As of: 2026-11-01 → 2026-12-01</li>")), qPrintable(html));
        QVERIFY2(html.contains(QStringLiteral("<li>Weight: 62 kg → 63 kg</li>")), qPrintable(html));
        QVERIFY2(html.contains(QStringLiteral("<li>Height: 170 cm → (not entered)</li>")), qPrintable(html));
        QVERIFY2(html.contains(QStringLiteral("<li>Pregnant: (not entered) → unknown</li>")), qPrintable(html));
        QVERIFY2(html.contains(QStringLiteral("<li>Failed therapies: Cyclophosphamide → none</li>")), qPrintable(html));
        QVERIFY(!html.contains(QStringLiteral("Label:"))); // unchanged
        QVERIFY(!html.contains(QStringLiteral("Medications:"))); // absent in both
        QVERIFY(!html.contains(QStringLiteral("No change in the data.")));

        const QString same = versionChangesHtml(pack, now, now, 5);
        QVERIFY2(same.contains(QStringLiteral("Changes from version 5:")), qPrintable(same));
        QVERIFY2(same.contains(QStringLiteral("No change in the data.")), qPrintable(same));
        QVERIFY(!same.contains(QStringLiteral("<li>")));

        // Text from the case is escaped: a label that changes shows as text, not as markup.
        QJsonObject renamed = now;
        renamed.insert(QStringLiteral("label"), QStringLiteral("Mrs <i>B</i> & co"));
        const QString escaped = versionChangesHtml(pack, now, renamed, 5);
        QVERIFY2(
            escaped.contains(QStringLiteral("Label: Mrs &lt;b&gt;A&lt;/b&gt; → Mrs &lt;i&gt;B&lt;/i&gt; &amp; co")),
            qPrintable(escaped));
    }

    void dataOfTheVersionAsSaved()
    {
        const RulePack &pack = RulePack::builtin();
        const QString html = versionDataHtml(pack, objectOf(R"({"as_of": "2026-12-01", "jurisdiction": "EU",
                "facts": {"weight": {"value": 63, "unit": "kg"}, "pregnant": {"status": "not_evaluated"}},
                "medications": [{"agent": "methotrexate"}]})"));
        QVERIFY2(html.contains(QStringLiteral("Data of this version:")), qPrintable(html));
        QVERIFY2(html.contains(QStringLiteral("<li>As of 2026-12-01 · EU</li>")), qPrintable(html));
        QVERIFY2(html.contains(QStringLiteral("<li>Weight: 63 kg</li>")), qPrintable(html));
        QVERIFY2(html.contains(QStringLiteral("<li>Pregnant: not evaluated</li>")), qPrintable(html));
        QVERIFY2(html.contains(QStringLiteral("<li>Medications: Methotrexate</li>")), qPrintable(html));
        QVERIFY2(html.contains(QStringLiteral("<li>Failed therapies: (not recorded)</li>")), qPrintable(html));
        QVERIFY(!html.contains(QStringLiteral("Height"))); // only the facts the version has
    }
};

QTEST_MAIN(TestVersionText)
#include "tst_version_text.moc"
