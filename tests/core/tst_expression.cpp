// SPDX-License-Identifier: GPL-3.0-or-later
// The rule-expression language (resources/packs/FORMAT.md#expression-language): grammar, precedence, units in literals,
// load-time type checking and error columns.
#include "rules/Expression.h"

#include <QTest>

using namespace consilium;

namespace {

// A small dictionary: creatinine (mg/dL, umol/L ÷ 88.42), bilirubin (mg/dL, umol/L ÷ 17.1),
// sex enum, flag bool, when date, age number (years).
struct Dictionary {
    std::vector<UnitConversion> creatinineUnits { { QStringLiteral("mg/dL"), 1.0, false, {}, {} },
        { QStringLiteral("umol/L"), 88.42, true, {}, {} } };
    std::vector<UnitConversion> bilirubinUnits { { QStringLiteral("mg/dL"), 1.0, false, {}, {} },
        { QStringLiteral("umol/L"), 17.1, true, {}, {} } };
    QStringList sexValues { QStringLiteral("female"), QStringLiteral("male") };
    QStringList diseaseValues { QStringLiteral("SLE"), QStringLiteral("SSc"), QStringLiteral("IIM") };

    std::optional<SymbolInfo> operator()(const QString &name) const
    {
        SymbolInfo s;
        if (name == QLatin1String("creatinine")) {
            s = { 0, ValueType::Number, QStringLiteral("mg/dL"), &creatinineUnits, nullptr };
        } else if (name == QLatin1String("bilirubin")) {
            s = { 1, ValueType::Number, QStringLiteral("mg/dL"), &bilirubinUnits, nullptr };
        } else if (name == QLatin1String("sex")) {
            s = { 2, ValueType::Enum, {}, nullptr, &sexValues };
        } else if (name == QLatin1String("flag")) {
            s = { 3, ValueType::Bool, {}, nullptr, nullptr };
        } else if (name == QLatin1String("when")) {
            s = { 4, ValueType::Date, {}, nullptr, nullptr };
        } else if (name == QLatin1String("age")) {
            s = { 5, ValueType::Number, QStringLiteral("years"), nullptr, nullptr };
        } else if (name == QLatin1String("disease")) {
            s = { 6, ValueType::Enum, {}, nullptr, &diseaseValues };
        } else if (name == QLatin1String("other_mg")) {
            s = { 7, ValueType::Number, QStringLiteral("mg/dL"), nullptr, nullptr };
        } else {
            return std::nullopt;
        }
        return s;
    }
};

struct Case {
    double values[8] = { 0, 0, 0, 0, 0, 0, 0, 0 };
    ValueStatus status[8] = { ValueStatus::Known, ValueStatus::Known, ValueStatus::Known, ValueStatus::Known,
        ValueStatus::Known, ValueStatus::Known, ValueStatus::Known, ValueStatus::Known };
};

Tri run(const QString &text, const Case &c)
{
    Dictionary dict;
    QString error;
    const auto e = Expression::compile(text, std::cref(dict), error);
    if (!e)
        qFatal("compile failed: %s: %s", qPrintable(text), qPrintable(error));
    return e->evaluate(c.values, c.status);
}

} // namespace

class TestExpression : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void evaluates_data();
    void evaluates();
    void unitLiteralsUseTheVariableFactor();
    void referencedSlots();
    void errors_data();
    void errors();
};

void TestExpression::evaluates_data()
{
    QTest::addColumn<QString>("expr");
    QTest::addColumn<int>("expected");
    // Case: creatinine 1.0 mg/dL, bilirubin 2.2 mg/dL, sex male, flag true, age 34, disease SSc.
    const int T = int(Tri::True);
    const int F = int(Tri::False);
    QTest::newRow("ge equal") << QStringLiteral("age >= 34") << T;
    QTest::newRow("gt equal") << QStringLiteral("age > 34") << F;
    QTest::newRow("lt") << QStringLiteral("age < 34.0001") << T;
    QTest::newRow("le") << QStringLiteral("age <= 33.9999") << F;
    QTest::newRow("eq number") << QStringLiteral("age == 34") << T;
    QTest::newRow("ne number") << QStringLiteral("age != 34") << F;
    QTest::newRow("literal on the left flips") << QStringLiteral("18 <= age") << T;
    QTest::newRow("literal on the left flips 2") << QStringLiteral("40 < age") << F;
    QTest::newRow("enum eq") << QStringLiteral("sex == \"male\"") << T;
    QTest::newRow("enum ne") << QStringLiteral("sex != \"male\"") << F;
    QTest::newRow("bool true") << QStringLiteral("flag == true") << T;
    QTest::newRow("bool false") << QStringLiteral("flag == false") << F;
    QTest::newRow("bool alone") << QStringLiteral("flag") << T;
    QTest::newRow("literal true") << QStringLiteral("true") << T;
    QTest::newRow("in") << QStringLiteral("disease in [\"SLE\", \"SSc\"]") << T;
    QTest::newRow("not in") << QStringLiteral("disease not in [\"SLE\", \"SSc\"]") << F;
    QTest::newRow("numeric in") << QStringLiteral("age in [33, 34]") << T;
    QTest::newRow("and binds tighter than or") << QStringLiteral("age > 100 and age > 1 or flag == true") << T;
    QTest::newRow("and binds tighter than or 2") << QStringLiteral("flag == true or age > 100 and age > 1") << T;
    QTest::newRow("parentheses") << QStringLiteral("(flag == true or age > 100) and age > 100") << F;
    QTest::newRow("not") << QStringLiteral("not age > 100") << T;
    QTest::newRow("not not") << QStringLiteral("not not flag == true") << T;
    QTest::newRow("SOC-HSCT-PH-01 shape") << QStringLiteral("not (age > 40 or creatinine > 25)") << T;
    QTest::newRow("ident vs ident") << QStringLiteral("creatinine < other_mg") << F;
    QTest::newRow("whitespace") << QStringLiteral("  age>=34   and\tflag  ") << T;
    QTest::newRow("32 levels of parentheses")
        << QStringLiteral("%1age >= 34%2").arg(QString(32, QLatin1Char('(')), QString(32, QLatin1Char(')'))) << T;
    QTest::newRow("keyword prefix in identifier") << QStringLiteral("age >= 1 and flag") << T;
}

void TestExpression::evaluates()
{
    QFETCH(QString, expr);
    QFETCH(int, expected);
    Case c;
    c.values[0] = 1.0;
    c.values[1] = 2.2;
    c.values[2] = 1; // male
    c.values[3] = 1; // flag
    c.values[5] = 34;
    c.values[6] = 1; // SSc
    c.values[7] = 0.5;
    QCOMPARE(int(run(expr, c)), expected);
}

void TestExpression::unitLiteralsUseTheVariableFactor()
{
    // FORMAT.md#expression-language: `bilirubin < 34 umol/L` compares with 34 / 17.1 mg/dL exactly.
    Case c;
    c.values[1] = 34.0 / 17.1;
    QCOMPARE(int(run(QStringLiteral("bilirubin < 34 umol/L"), c)), int(Tri::False));
    QCOMPARE(int(run(QStringLiteral("bilirubin <= 34 umol/L"), c)), int(Tri::True));
    QCOMPARE(int(run(QStringLiteral("bilirubin < 34 µmol/L"), c)), int(Tri::False)); // micro sign normalised
    QCOMPARE(int(run(QStringLiteral("bilirubin < 34 μmol/L"), c)), int(Tri::False)); // Greek mu normalised
    c.values[1] = 33.9 / 17.1;
    QCOMPARE(int(run(QStringLiteral("bilirubin < 34 umol/L"), c)), int(Tri::True));
    // The canonical unit written out is accepted too.
    c.values[0] = 1.0;
    QCOMPARE(int(run(QStringLiteral("creatinine >= 1 mg/dL"), c)), int(Tri::True));
    QCOMPARE(int(run(QStringLiteral("creatinine >= 88.42 umol/L"), c)), int(Tri::True));
    QCOMPARE(int(run(QStringLiteral("creatinine > 88.42 umol/L"), c)), int(Tri::False));
}

void TestExpression::referencedSlots()
{
    Dictionary dict;
    QString error;
    const auto e = Expression::compile(
        QStringLiteral("age > 1 and (flag or age < 3) and sex == \"male\""), std::cref(dict), error);
    QVERIFY2(e, qPrintable(error));
    QCOMPARE(e->referencedSlots(), (std::vector<int> { 5, 3, 2 }));
}

void TestExpression::errors_data()
{
    QTest::addColumn<QString>("expr");
    QTest::addColumn<QString>("expected"); // prefix of the error text, with the column
    QTest::newRow("unknown identifier") << QStringLiteral("agee >= 18")
                                        << QStringLiteral("column 1: unknown identifier 'agee'");
    QTest::newRow("unknown identifier later")
        << QStringLiteral("age >= 18 and bilirubn < 2") << QStringLiteral("column 15: unknown identifier 'bilirubn'");
    QTest::newRow("missing operand") << QStringLiteral("age >= ") << QStringLiteral("column 8: expected");
    QTest::newRow("unbalanced parenthesis") << QStringLiteral("(age >= 18") << QStringLiteral("column 11: expected");
    QTest::newRow("trailing garbage") << QStringLiteral("age >= 18 18") << QStringLiteral("column 11: unexpected");
    QTest::newRow("empty") << QStringLiteral("   ") << QStringLiteral("column 1: empty expression");
    QTest::newRow("unknown unit") << QStringLiteral("bilirubin < 34 mmol/L")
                                  << QStringLiteral("column 13: unit 'mmol/L' is not accepted for 'bilirubin'");
    QTest::newRow("unit on unitless comparison")
        << QStringLiteral("age > 3 kg") << QStringLiteral("column 7: unit 'kg' is not accepted for 'age'");
    QTest::newRow("unknown enum literal")
        << QStringLiteral("sex == \"other\"") << QStringLiteral("column 8: \"other\" is not a value of 'sex'");
    QTest::newRow("enum with <") << QStringLiteral("sex < \"male\"")
                                 << QStringLiteral("column 1: 'sex' is an enum; only == and != apply");
    QTest::newRow("enum vs number") << QStringLiteral("sex == 1")
                                    << QStringLiteral("column 8: 'sex' is an enum; compare it with a quoted value");
    QTest::newRow("number vs string") << QStringLiteral("age == \"34\"")
                                      << QStringLiteral("column 8: 'age' is a number; compare it with a number");
    QTest::newRow("bool vs number") << QStringLiteral("flag == 1")
                                    << QStringLiteral("column 9: 'flag' is a boolean; compare it with true or false");
    QTest::newRow("number alone") << QStringLiteral("age and flag")
                                  << QStringLiteral("column 1: 'age' is a number, not a condition");
    QTest::newRow("date compare") << QStringLiteral("when == 3") << QStringLiteral("column 1: 'when' is a date");
    QTest::newRow("different units") << QStringLiteral(
        "age < creatinine") << QStringLiteral("column 7: 'age' (years) and 'creatinine' (mg/dL) have different units");
    QTest::newRow("literal vs literal") << QStringLiteral("1 < 2")
                                        << QStringLiteral("column 1: a comparison needs a variable");
    QTest::newRow("NaN literal") << QStringLiteral("age > nan") << QStringLiteral("column 7: unknown identifier 'nan'");
    QTest::newRow("in list not enum value") << QStringLiteral("disease in [\"SLE\", \"LUPUS\"]")
                                            << QStringLiteral("column 20: \"LUPUS\" is not a value of 'disease'");
    // Bounds (libFuzzer regression: deeply nested parentheses overflowed the parser's stack).
    QTest::newRow("nesting too deep")
        << QStringLiteral("%1age > 1%2").arg(QString(40, QLatin1Char('(')), QString(40, QLatin1Char(')')))
        << QStringLiteral("column 33: nesting deeper than 32 levels");
    QTest::newRow("ten thousand parentheses")
        << QString(10000, QLatin1Char('(')) << QStringLiteral("column 4097: expression longer than 4096 characters");
    QTest::newRow("too many operators") << (QStringLiteral("flag") + QStringLiteral(" and flag").repeated(300))
                                        << QStringLiteral(
                                               "column 2310: more than 256 operators"); // 257th "and" at 9 × 257 − 3
    QTest::newRow("not chain") << (QStringLiteral("not ").repeated(300) + QStringLiteral("flag"))
                               << QStringLiteral("column 1025: more than 256 operators"); // 257th "not" at 4 × 256 + 1
    QTest::newRow("parentheses inside a string do not nest")
        << QStringLiteral("sex != \"((((((((((((((((((((((((((((((((((\"") << QStringLiteral("column 8: \"((((");
    QTest::newRow("unterminated string") << QStringLiteral("sex == \"male") << QStringLiteral("column 13: expected");
}

void TestExpression::errors()
{
    QFETCH(QString, expr);
    QFETCH(QString, expected);
    Dictionary dict;
    QString error;
    const auto e = Expression::compile(expr, std::cref(dict), error);
    QVERIFY2(!e.has_value(), "expected a compile error");
    QVERIFY2(error.startsWith(expected), qPrintable(QStringLiteral("got: ") + error));
}

QTEST_GUILESS_MAIN(TestExpression)
#include "tst_expression.moc"
