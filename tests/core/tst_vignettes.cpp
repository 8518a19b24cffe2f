// SPDX-License-Identifier: GPL-3.0-or-later
// The reference pack's own vignettes (pack `vignettes`; docs/engine.md#vignettes), one row each.
#include "engine/Vignettes.h"
#include "rules/RulePack.h"

#include <QTest>

using namespace consilium;

class TestVignettes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void vignette_data();
    void vignette();
    void allShipped();
};

void TestVignettes::vignette_data()
{
    QTest::addColumn<QString>("id");
    for (const Vignette &v : RulePack::builtin().vignettes())
        QTest::newRow(qPrintable(v.id)) << v.id;
}

void TestVignettes::vignette()
{
    QFETCH(QString, id);
    static const std::vector<VignetteOutcome> outcomes = runVignettes(RulePack::builtin());
    const auto it
        = std::find_if(outcomes.begin(), outcomes.end(), [&](const VignetteOutcome &o) { return o.id == id; });
    QVERIFY(it != outcomes.end());
    QVERIFY2(it->passed(), qPrintable(it->failures.join(QLatin1Char('\n'))));
}

void TestVignettes::allShipped()
{
    // Ten cases plus the two one-field variants (V08b-gilbert-true, V09b-ssc-no-rhc) of 2026.1, and the
    // eight option vignettes of pack 2026.2 (clinical/options-2026.2.md §E).
    QStringList ids;
    for (const Vignette &v : RulePack::builtin().vignettes())
        ids.append(v.id.section(QLatin1Char('-'), 0, 0));
    ids.sort();
    QCOMPARE(ids,
        (QStringList { QStringLiteral("E01"), QStringLiteral("E02"), QStringLiteral("E03"), QStringLiteral("E04"),
            QStringLiteral("E05"), QStringLiteral("E06"), QStringLiteral("E07"), QStringLiteral("E08"),
            QStringLiteral("V01"), QStringLiteral("V02"), QStringLiteral("V03"), QStringLiteral("V04"),
            QStringLiteral("V05"), QStringLiteral("V06"), QStringLiteral("V07"), QStringLiteral("V08"),
            QStringLiteral("V08b"), QStringLiteral("V09"), QStringLiteral("V09b"), QStringLiteral("V10") }));
}

QTEST_GUILESS_MAIN(TestVignettes)
#include "tst_vignettes.moc"
