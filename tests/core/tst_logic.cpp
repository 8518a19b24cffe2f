// SPDX-License-Identifier: GPL-3.0-or-later
// Four-state logic: exhaustive Kleene truth tables, criterion states and verdicts
// (docs/result-format.md#four-state-logic, docs/result-format.md#verdicts).
#include "Logic.h"
#include "rules/Expression.h"

#include <QTest>

using namespace consilium;

namespace {
constexpr Tri F = Tri::False;
constexpr Tri T = Tri::True;
constexpr Tri U = Tri::Unknown;
} // namespace

class TestLogic : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void andTable_data();
    void andTable();
    void orTable_data();
    void orTable();
    void notTable();
    void criterionState_data();
    void criterionState();
    void verdicts_data();
    void verdicts();
    void comparisonsWithUnknownOperands_data();
    void comparisonsWithUnknownOperands();
};

void TestLogic::andTable_data()
{
    QTest::addColumn<int>("a");
    QTest::addColumn<int>("b");
    QTest::addColumn<int>("expected");
    // docs/result-format.md#four-state-logic: false and unknown = false; true and unknown = unknown.
    const Tri table[3][3] = { { F, F, F }, { F, T, U }, { F, U, U } }; // rows/cols: F, T, U
    const Tri vals[3] = { F, T, U };
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j)
            QTest::addRow("%s and %s", toString(vals[i]).data(), toString(vals[j]).data())
                << int(vals[i]) << int(vals[j]) << int(table[i][j]);
}

void TestLogic::andTable()
{
    QFETCH(int, a);
    QFETCH(int, b);
    QFETCH(int, expected);
    QCOMPARE(int(triAnd(Tri(a), Tri(b))), expected);
}

void TestLogic::orTable_data()
{
    QTest::addColumn<int>("a");
    QTest::addColumn<int>("b");
    QTest::addColumn<int>("expected");
    // docs/result-format.md#four-state-logic: true or unknown = true; false or unknown = unknown.
    const Tri table[3][3] = { { F, T, U }, { T, T, T }, { U, T, U } };
    const Tri vals[3] = { F, T, U };
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j)
            QTest::addRow("%s or %s", toString(vals[i]).data(), toString(vals[j]).data())
                << int(vals[i]) << int(vals[j]) << int(table[i][j]);
}

void TestLogic::orTable()
{
    QFETCH(int, a);
    QFETCH(int, b);
    QFETCH(int, expected);
    QCOMPARE(int(triOr(Tri(a), Tri(b))), expected);
}

void TestLogic::notTable()
{
    QCOMPARE(int(triNot(T)), int(F));
    QCOMPARE(int(triNot(F)), int(T));
    QCOMPARE(int(triNot(U)), int(U)); // docs/result-format.md#four-state-logic: not unknown = unknown
}

void TestLogic::criterionState_data()
{
    QTest::addColumn<int>("applies");
    QTest::addColumn<int>("condition");
    QTest::addColumn<int>("expected");
    using S = CriterionState;
    // docs/result-format.md#four-state-logic: A false -> not_applicable; else (not A) or C.
    QTest::newRow("A false, C true") << int(F) << int(T) << int(S::NotApplicable);
    QTest::newRow("A false, C false") << int(F) << int(F) << int(S::NotApplicable);
    QTest::newRow("A false, C unknown") << int(F) << int(U) << int(S::NotApplicable);
    QTest::newRow("A true, C true") << int(T) << int(T) << int(S::Met);
    QTest::newRow("A true, C false") << int(T) << int(F) << int(S::NotMet);
    QTest::newRow("A true, C unknown") << int(T) << int(U) << int(S::Unknown);
    QTest::newRow("A unknown, C true") << int(U) << int(T) << int(S::Met);
    QTest::newRow("A unknown, C false") << int(U) << int(F) << int(S::Unknown);
    QTest::newRow("A unknown, C unknown") << int(U) << int(U) << int(S::Unknown);
}

void TestLogic::criterionState()
{
    QFETCH(int, applies);
    QFETCH(int, condition);
    QFETCH(int, expected);
    QCOMPARE(int(consilium::criterionState(Tri(applies), Tri(condition))), expected);
}

void TestLogic::verdicts_data()
{
    QTest::addColumn<int>("exclusionNotMet");
    QTest::addColumn<int>("exclusionUnknown");
    QTest::addColumn<int>("cautionFired");
    QTest::addColumn<int>("expected");
    // docs/result-format.md#verdicts.
    QTest::newRow("nothing fires") << 0 << 0 << 0 << int(Verdict::Eligible);
    QTest::newRow("caution fires") << 0 << 0 << 1 << int(Verdict::EligibleWithCautions);
    QTest::newRow("exclusion unknown") << 0 << 1 << 0 << int(Verdict::Undetermined);
    QTest::newRow("exclusion unknown beats caution") << 0 << 2 << 3 << int(Verdict::Undetermined);
    QTest::newRow("exclusion not met") << 1 << 0 << 0 << int(Verdict::Ineligible);
    QTest::newRow("not met beats unknown") << 1 << 5 << 1 << int(Verdict::Ineligible);
}

void TestLogic::verdicts()
{
    QFETCH(int, exclusionNotMet);
    QFETCH(int, exclusionUnknown);
    QFETCH(int, cautionFired);
    QFETCH(int, expected);
    VerdictTally t;
    t.exclusionNotMet = exclusionNotMet;
    t.exclusionUnknown = exclusionUnknown;
    t.cautionFired = cautionFired;
    QCOMPARE(int(verdictFrom(t)), expected);
}

void TestLogic::comparisonsWithUnknownOperands_data()
{
    QTest::addColumn<QString>("expr");
    QTest::addColumn<int>("xStatus"); // ValueStatus of x
    QTest::addColumn<int>("yStatus");
    QTest::addColumn<int>("expected");
    const int K = int(ValueStatus::Known);
    const int A = int(ValueStatus::Absent);
    const int N = int(ValueStatus::NotEvaluated);
    const int Q = int(ValueStatus::Unknown);
    // x = 5, y = 7 when known. Every comparison with a missing operand is unknown
    // (docs/result-format.md#four-state-logic).
    for (const char *op : { "<", "<=", ">", ">=", "==", "!=" }) {
        for (int st : { A, N, Q }) {
            QTest::addRow("x %s 3, x status %d", op, st)
                << QStringLiteral("x %1 3").arg(QLatin1String(op)) << st << K << int(U);
            QTest::addRow("x %s y, y status %d", op, st)
                << QStringLiteral("x %1 y").arg(QLatin1String(op)) << K << st << int(U);
        }
    }
    QTest::newRow("x < y known") << QStringLiteral("x < y") << K << K << int(T);
    QTest::newRow("x in list, x unknown") << QStringLiteral("x in [5, 6]") << A << K << int(U);
    QTest::newRow("x not in list, x unknown") << QStringLiteral("x not in [5, 6]") << A << K << int(U);
    QTest::newRow("false and unknown") << QStringLiteral("x > 100 and y > 1") << K << A << int(F);
    QTest::newRow("unknown and false") << QStringLiteral("y > 1 and x > 100") << K << A << int(F);
    QTest::newRow("true and unknown") << QStringLiteral("x > 1 and y > 1") << K << A << int(U);
    QTest::newRow("true or unknown") << QStringLiteral("x > 1 or y > 1") << K << A << int(T);
    QTest::newRow("unknown or true") << QStringLiteral("y > 1 or x > 1") << K << A << int(T);
    QTest::newRow("false or unknown") << QStringLiteral("x > 100 or y > 1") << K << A << int(U);
    QTest::newRow("not unknown") << QStringLiteral("not (y > 1)") << K << A << int(U);
    QTest::newRow("not false") << QStringLiteral("not (x > 100)") << K << A << int(T);
}

void TestLogic::comparisonsWithUnknownOperands()
{
    QFETCH(QString, expr);
    QFETCH(int, xStatus);
    QFETCH(int, yStatus);
    QFETCH(int, expected);
    const QString unit = QStringLiteral("mg/dL");
    auto lookup = [&](const QString &name) -> std::optional<SymbolInfo> {
        if (name == QLatin1String("x") || name == QLatin1String("y")) {
            SymbolInfo s;
            s.slot = name == QLatin1String("x") ? 0 : 1;
            s.type = ValueType::Number;
            s.unit = unit;
            return s;
        }
        return std::nullopt;
    };
    QString error;
    const auto e = Expression::compile(expr, lookup, error);
    QVERIFY2(e.has_value(), qPrintable(error));
    const double values[2] = { 5.0, 7.0 };
    const ValueStatus status[2] = { ValueStatus(xStatus), ValueStatus(yStatus) };
    QCOMPARE(int(e->evaluate(values, status)), expected);
}

QTEST_GUILESS_MAIN(TestLogic)
#include "tst_logic.moc"
