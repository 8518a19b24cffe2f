// SPDX-License-Identifier: GPL-3.0-or-later
// The Wilson score interval (Wilson EB, J Am Stat Assoc 1927;22:209–212) and the toxicity figure
// built from a pack row (issue 10 item 9).
//
// The expected intervals were computed independently of this code, twice: with the closed form
// and by inverting the score test numerically (bisection on |p̂ − p| = z·√(p(1−p)/n)), in Python
// with z = NormalDist().inv_cdf(0.975); both agree to 6 decimals. The Newcombe rows are the
// Wilson (method 3) column of Newcombe RG, Stat Med 1998;17:857–872, Table I.
#include "engine/Proportion.h"

#include <QTest>

using namespace consilium;

namespace {

ToxicityEntry row(const char *kind, double any, double g3, qint64 events, qint64 n)
{
    ToxicityEntry t;
    t.risk = QStringLiteral("CRS");
    t.kind = QLatin1String(kind);
    t.anyGradePercent = any;
    t.grade3PlusPercent = g3;
    t.events = events;
    t.n = n;
    return t;
}

} // namespace

class TestProportion : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wilson_data()
    {
        QTest::addColumn<double>("k");
        QTest::addColumn<double>("n");
        QTest::addColumn<double>("lower");
        QTest::addColumn<double>("upper");
        QTest::addColumn<double>("tolerance");
        QTest::newRow("1/1") << 1.0 << 1.0 << 0.206549 << 1.0 << 5e-7;
        QTest::newRow("0/15") << 0.0 << 15.0 << 0.0 << 0.203883 << 5e-7;
        QTest::newRow("6/15") << 6.0 << 15.0 << 0.198245 << 0.642532 << 5e-7;
        QTest::newRow("11/15") << 11.0 << 15.0 << 0.480496 << 0.891025 << 5e-7;
        QTest::newRow("15/15") << 15.0 << 15.0 << 0.796117 << 1.0 << 5e-7;
        QTest::newRow("0/3") << 0.0 << 3.0 << 0.0 << 0.561497 << 5e-7;
        QTest::newRow("1/165") << 1.0 << 165.0 << 0.001071 << 0.033527 << 5e-7;
        QTest::newRow("119/165") << 119.0 << 165.0 << 0.648356 << 0.784002 << 5e-7;
        QTest::newRow("Newcombe 81/263") << 81.0 << 263.0 << 0.2553 << 0.3662 << 5e-5;
        QTest::newRow("Newcombe 15/148") << 15.0 << 148.0 << 0.0624 << 0.1605 << 5e-5;
        QTest::newRow("Newcombe 0/20") << 0.0 << 20.0 << 0.0 << 0.1611 << 5e-5;
        QTest::newRow("Newcombe 1/29") << 1.0 << 29.0 << 0.0061 << 0.1718 << 5e-5;
        QTest::newRow("Newcombe 29/29") << 29.0 << 29.0 << 0.8830 << 1.0 << 5e-5;
    }

    void wilson()
    {
        QFETCH(double, k);
        QFETCH(double, n);
        QFETCH(double, lower);
        QFETCH(double, upper);
        QFETCH(double, tolerance);
        const auto ci = wilsonInterval(k, n);
        QVERIFY(ci);
        QVERIFY2(std::abs(ci->lower - lower) <= tolerance, qPrintable(QString::number(ci->lower, 'f', 7)));
        QVERIFY2(std::abs(ci->upper - upper) <= tolerance, qPrintable(QString::number(ci->upper, 'f', 7)));
        QVERIFY(ci->lower <= k / n && k / n <= ci->upper);
    }

    void wilsonRefusesWhatIsNotAProportion()
    {
        QVERIFY(!wilsonInterval(1, 0));
        QVERIFY(!wilsonInterval(-1, 10));
        QVERIFY(!wilsonInterval(11, 10));
        QVERIFY(!wilsonInterval(std::nan(""), 10));
        QVERIFY(!wilsonInterval(1, std::nan("")));
        QVERIFY(!wilsonInterval(1, 10, 1.0));
        // A wider interval at a higher level.
        const auto ci95 = wilsonInterval(6, 15);
        const auto ci99 = wilsonInterval(6, 15, 0.99);
        QVERIFY(ci95 && ci99);
        QVERIFY(ci99->lower < ci95->lower && ci99->upper > ci95->upper);
    }

    void figureOfARow()
    {
        const double nan = kUnknown;
        // Events that reproduce the any-grade rate; grade ≥ 3 from its percentage (0 of 15).
        const ToxicityEntry a = row("aid_cohort", 73.3, 0, 11, 15);
        ToxicityFigure f = toxicityFigure(a, ToxicityMetric::AnyGrade);
        QVERIFY(f.found);
        QCOMPARE(f.events, 11);
        QCOMPARE(f.n, 15);
        QVERIFY(!f.eventsDerived);
        QVERIFY(std::abs(f.percent - 100.0 * 11 / 15) < 1e-9);
        QVERIFY(f.interval && std::abs(f.interval->lower - 0.480496) < 5e-7);
        f = toxicityFigure(a, ToxicityMetric::Grade3Plus);
        QVERIFY(f.found);
        QCOMPARE(f.events, 0);
        QVERIFY(f.eventsDerived);
        QVERIFY(f.interval && f.interval->lower == 0.0 && std::abs(f.interval->upper - 0.203883) < 5e-7);

        // Events that reproduce the grade ≥ 3 rate are not an any-grade rate.
        const ToxicityEntry g3 = row("aid_cohort", nan, 25.0, 3, 12);
        QVERIFY(!toxicityFigure(g3, ToxicityMetric::AnyGrade).found);
        f = toxicityFigure(g3, ToxicityMetric::Grade3Plus);
        QCOMPARE(f.events, 3);
        QCOMPARE(f.n, 12);

        // Events without a rate: any grade.
        f = toxicityFigure(row("aid_cohort", nan, nan, 1, 15), ToxicityMetric::AnyGrade);
        QVERIFY(f.found);
        QCOMPARE(f.events, 1);
        QVERIFY(!toxicityFigure(row("aid_cohort", nan, nan, 1, 15), ToxicityMetric::Grade3Plus).found);

        // n alone is no rate; neither is a not_found row, whatever it carries.
        QVERIFY(!toxicityFigure(row("aid_cohort", nan, nan, -1, 6), ToxicityMetric::AnyGrade).found);
        QVERIFY(!toxicityFigure(row("not_found", 50, nan, 5, 10), ToxicityMetric::AnyGrade).found);

        // A percentage with n: k when exactly one count rounds to it (0.6 % of 165 = 1/165)...
        f = toxicityFigure(row("oncology_reference", 72.1, 0.6, -1, 165), ToxicityMetric::Grade3Plus);
        QCOMPARE(f.events, 1);
        QVERIFY(f.eventsDerived);
        // ...none when several do (26.9 % of 3184: 856 and 857 both round to it): the percentage,
        // with an interval around it.
        f = toxicityFigure(row("oncology_reference", 26.9, nan, -1, 3184), ToxicityMetric::AnyGrade);
        QVERIFY(f.found);
        QCOMPARE(f.events, -1);
        QCOMPARE(f.percent, 26.9);
        QVERIFY(f.interval && f.interval->lower < 0.269 && f.interval->upper > 0.269);
        // A percentage without n: no count, no interval.
        f = toxicityFigure(row("oncology_reference", 94, 13, -1, -1), ToxicityMetric::AnyGrade);
        QVERIFY(f.found);
        QCOMPARE(f.n, -1);
        QVERIFY(!f.interval);
    }

    void bestFigureOfARisk()
    {
        // The bispecific CRS rows of the reference pack: NF (n = 10), 1/1, n = 6 without a rate.
        const ToxicityEntry nf = row("not_found", kUnknown, kUnknown, -1, 10);
        const ToxicityEntry one = row("aid_cohort", 100.0, 0, 1, 1);
        const ToxicityEntry six = row("aid_cohort", kUnknown, kUnknown, -1, 6);
        const std::vector<const ToxicityEntry *> rows { &nf, &one, &six };
        ToxicityFigure f
            = bestToxicityFigure(rows, QStringLiteral("CRS"), QStringLiteral("aid_cohort"), ToxicityMetric::AnyGrade);
        QCOMPARE(f.entry, &one);
        QCOMPARE(f.events, 1);
        QCOMPARE(f.n, 1);
        QVERIFY(
            !bestToxicityFigure(rows, QStringLiteral("ICANS"), QStringLiteral("aid_cohort"), ToxicityMetric::AnyGrade)
                 .found);
        QVERIFY(!bestToxicityFigure(
            rows, QStringLiteral("CRS"), QStringLiteral("oncology_reference"), ToxicityMetric::AnyGrade)
                     .found);
        // A count before a percentage alone, then the larger n, then pack order.
        const ToxicityEntry big = row("aid_cohort", 50.0, kUnknown, -1, 3184);
        const ToxicityEntry a = row("aid_cohort", 73.3, kUnknown, 11, 15);
        const ToxicityEntry b = row("aid_cohort", 86.7, kUnknown, 13, 15);
        const ToxicityEntry c = row("aid_cohort", 100.0, kUnknown, 2, 2);
        f = bestToxicityFigure(
            { &big, &c, &a, &b }, QStringLiteral("CRS"), QStringLiteral("aid_cohort"), ToxicityMetric::AnyGrade);
        QCOMPARE(f.entry, &a);
    }
};

QTEST_GUILESS_MAIN(TestProportion)
#include "tst_proportion.moc"
