// SPDX-License-Identifier: GPL-3.0-or-later
// The strict JSON reader: exact number conversion (regression for the libFuzzer finding in
// rapidjson 1.1.0's full-precision path), limits, duplicate keys and paths.
#include "json/StrictJson.h"

#include <QTest>

#include <cmath>

using namespace consilium;

class TestStrictJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void numbersAreExact_data();
    void numbersAreExact();
    void nonFiniteNumbersNameThePath_data();
    void nonFiniteNumbersNameThePath();
    void exponentBeyondDoubleIsRefused();
    void integersStayIntegers();
    void duplicateKeysAndDepth();
    void pathKeysInvertThePathBuilders();
    void segmentPathsRenderAsThePathBuilders();
    void duplicateKeysInLargeObjectsAndArrays();
    void isoDatesAreStrict_data();
    void isoDatesAreStrict();
};

void TestStrictJson::numbersAreExact_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<double>("expected");
    QTest::newRow("88.42") << QByteArray("88.42") << 88.42;
    QTest::newRow("0.1") << QByteArray("0.1") << 0.1;
    QTest::newRow("zero exponent") << QByteArray("0e0") << 0.0;
    QTest::newRow("negative zero") << QByteArray("-0.0") << -0.0;
    // libFuzzer regression (tests/fuzz/corpus/case/regression-rapidjson-diyfp-clz): a zero
    // mantissa with a negative exponent hit clz(0) in rapidjson's full-precision parser.
    QTest::newRow("zero with negative exponent") << QByteArray("0E-000040") << 0.0;
    QTest::newRow("smallest subnormal") << QByteArray("4.9e-324") << 4.9e-324;
    QTest::newRow("smallest normal") << QByteArray("2.2250738585072014e-308") << 2.2250738585072014e-308;
    QTest::newRow("largest") << QByteArray("1.7976931348623157e308") << 1.7976931348623157e308;
    QTest::newRow("underflow to zero") << QByteArray("1e-400") << 0.0;
    QTest::newRow("long mantissa") << QByteArray("3.14159265358979323846264338327950288419716939937510")
                                   << 3.14159265358979323846;
    QTest::newRow("halfway case") << QByteArray("9007199254740993") << 9007199254740992.0;
}

void TestStrictJson::numbersAreExact()
{
    QFETCH(QByteArray, text);
    QFETCH(double, expected);
    json::Document doc;
    json::Diagnostics diag;
    QVERIFY2(json::parseStrict("[" + text + "]", doc, diag), qPrintable(diag.lines().join(QLatin1Char('\n'))));
    const double got = doc[0].GetDouble();
    QCOMPARE(got, expected);
    QCOMPARE(std::signbit(got), std::signbit(expected));
}

void TestStrictJson::nonFiniteNumbersNameThePath_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("NaN") << QByteArray("NaN");
    QTest::newRow("Infinity") << QByteArray("Infinity");
    QTest::newRow("-Infinity") << QByteArray("-Infinity");
}

void TestStrictJson::nonFiniteNumbersNameThePath()
{
    QFETCH(QByteArray, text);
    json::Document doc;
    json::Diagnostics diag;
    QVERIFY(!json::parseStrict("{\"facts\": {\"x\": " + text + "}}", doc, diag));
    QCOMPARE(diag.count(), 1);
    QVERIFY2(diag.lines().first().startsWith(QStringLiteral("$.facts.x: not a finite number")),
        qPrintable(diag.lines().first()));
}

void TestStrictJson::exponentBeyondDoubleIsRefused()
{
    // rapidjson's reader refuses exponents beyond the double range while scanning (it reports
    // the line and column rather than the field); the case is refused either way.
    for (const char *text : { "1e400", "-1e400", "0e1000" }) {
        json::Document doc;
        json::Diagnostics diag;
        QVERIFY(!json::parseStrict(QByteArray("{\"x\": ") + text + "}", doc, diag));
        QVERIFY2(diag.lines().first().contains(QStringLiteral("too big")), qPrintable(diag.lines().first()));
    }
}

void TestStrictJson::integersStayIntegers()
{
    json::Document doc;
    json::Diagnostics diag;
    QVERIFY(json::parseStrict("[120, -3, 9223372036854775807, 1.0]", doc, diag));
    QVERIFY(doc[0].IsInt64());
    QCOMPARE(doc[0].GetInt64(), qint64(120));
    QCOMPARE(doc[1].GetInt64(), qint64(-3));
    QCOMPARE(doc[2].GetInt64(), std::numeric_limits<qint64>::max());
    QVERIFY(!doc[3].IsInt64());
    QCOMPARE(doc[3].GetDouble(), 1.0);
}

void TestStrictJson::duplicateKeysAndDepth()
{
    json::Document doc;
    json::Diagnostics diag;
    QVERIFY(!json::parseStrict("{\"a\": 1, \"b\": {\"c\": 1, \"c\": 2}}", doc, diag));
    QCOMPARE(diag.lines(), QStringList { QStringLiteral("$.b.c: duplicate key") });
    json::Diagnostics deep;
    const QByteArray nested = QByteArray(65, '[') + QByteArray(65, ']');
    QVERIFY(!json::parseStrict(nested, doc, deep));
    QVERIFY(deep.lines().first().contains(QStringLiteral("nesting deeper than 64")));
    QCOMPARE(diag.findings().front().code, QLatin1String(json::FindingCode::DuplicateKey));
    QCOMPARE(deep.findings().front().code, QLatin1String(json::FindingCode::TooDeep));
    json::Diagnostics large;
    QVERIFY(!json::parseStrict("[1, 2]", doc, large, json::Limits { 4, 64 }));
    QCOMPARE(large.findings().front().code, QLatin1String(json::FindingCode::TooLarge));
    json::Diagnostics ok;
    QVERIFY(json::parseStrict(QByteArray(64, '[') + QByteArray(64, ']'), doc, ok));
}

// The editor finds the field of a finding from its path: the keys come back as they went in.
void TestStrictJson::pathKeysInvertThePathBuilders()
{
    QCOMPARE(json::pathKeys(QStringLiteral("$")), QStringList());
    QCOMPARE(json::pathKeys(QStringLiteral("$.facts.creatinine.value")),
        (QStringList { QStringLiteral("facts"), QStringLiteral("creatinine"), QStringLiteral("value") }));
    QCOMPARE(json::pathKeys(QStringLiteral("$.medications[2].agent")),
        (QStringList { QStringLiteral("medications"), QStringLiteral("2"), QStringLiteral("agent") }));
    const QString odd = json::childPath(json::childPath(QStringLiteral("$"), "facts"), "Say \"hi\".x[1]");
    QCOMPARE(odd, QStringLiteral("$.facts[\"Say \\\"hi\\\".x[1]\"]"));
    QCOMPARE(json::pathKeys(json::indexPath(odd, 3)),
        (QStringList { QStringLiteral("facts"), QStringLiteral("Say \"hi\".x[1]"), QStringLiteral("3") }));
}

// json::Path keeps segments and renders them only for a finding; the text is what childPath and
// indexPath build (the paths the CLI prints and the editor reads back with pathKeys).
void TestStrictJson::segmentPathsRenderAsThePathBuilders()
{
    QCOMPARE(json::Path().toString(), QStringLiteral("$"));
    const json::Path meds = json::Path().child("medications").index(2).child("agent");
    QCOMPARE(meds.toString(), QStringLiteral("$.medications[2].agent"));
    const json::Path odd = json::Path(QStringLiteral("$")).child("facts").child("Say \"hi\".x[1]").index(3);
    QCOMPARE(odd.toString(),
        json::indexPath(json::childPath(json::childPath(QStringLiteral("$"), "facts"), "Say \"hi\".x[1]"), 3));
    json::Path stack(QStringLiteral("$.root"));
    stack.push("a b");
    stack.push(qsizetype(0));
    QCOMPARE(stack.toString(), QStringLiteral("$.root[\"a b\"][0]"));
    stack.pop();
    stack.pop();
    QCOMPARE(stack.toString(), QStringLiteral("$.root"));
    // Deeper than the inline segments: still every segment, in order.
    json::Path deep;
    QString expected = QStringLiteral("$");
    for (qsizetype i = 0; i < 20; ++i) {
        deep.push(i);
        expected += QStringLiteral("[%1]").arg(i);
    }
    QCOMPARE(deep.toString(), expected);
}

// Every repeat of a key is reported at its path, in a small object, in a large one (over 16 keys)
// and below arrays; a valid document builds no finding.
void TestStrictJson::duplicateKeysInLargeObjectsAndArrays()
{
    QByteArray large = "{";
    for (int i = 0; i < 40; ++i)
        large += "\"k" + QByteArray::number(i) + "\": " + QByteArray::number(i) + ", ";
    large += "\"k7\": 1, \"k39\": 2, \"k7\": 3}";
    json::Document doc;
    json::Diagnostics diag;
    QVERIFY(!json::parseStrict("[0, {\"x\": [{\"a\": 1, \"a\": 2, \"a\": 3}]}]", doc, diag));
    QCOMPARE(diag.lines(),
        (QStringList { QStringLiteral("$[1].x[0].a: duplicate key"), QStringLiteral("$[1].x[0].a: duplicate key") }));
    json::Diagnostics many;
    QVERIFY(!json::parseStrict("{\"big\": " + large + "}", doc, many));
    QCOMPARE(many.lines(),
        (QStringList { QStringLiteral("$.big.k7: duplicate key"), QStringLiteral("$.big.k39: duplicate key"),
            QStringLiteral("$.big.k7: duplicate key") }));
    json::Diagnostics ok;
    large.chop(QByteArray(", \"k7\": 1, \"k39\": 2, \"k7\": 3}").size());
    QVERIFY(json::parseStrict(large + "}", doc, ok));
    QVERIFY(ok.ok());
}

void TestStrictJson::isoDatesAreStrict_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDate>("expected"); // invalid: refused
    QTest::newRow("plain") << QStringLiteral("2026-12-05") << QDate(2026, 12, 5);
    QTest::newRow("leap day") << QStringLiteral("2024-02-29") << QDate(2024, 2, 29);
    QTest::newRow("no leap day") << QStringLiteral("2026-02-29") << QDate();
    QTest::newRow("month 13") << QStringLiteral("2026-13-01") << QDate();
    QTest::newRow("day 0") << QStringLiteral("2026-01-00") << QDate();
    QTest::newRow("year 0") << QStringLiteral("0000-01-01") << QDate();
    QTest::newRow("short") << QStringLiteral("2026-1-05") << QDate();
    QTest::newRow("slashes") << QStringLiteral("2026/12/05") << QDate();
    QTest::newRow("time") << QStringLiteral("2026-12-05T10:00") << QDate();
    QTest::newRow("sign") << QStringLiteral("+026-12-05") << QDate();
    QTest::newRow("space") << QStringLiteral(" 2026-12-05") << QDate();
    QTest::newRow("arabic-indic digits") << QStringLiteral("٢٠٢٦-12-05") << QDate();
    QTest::newRow("empty") << QString() << QDate();
}

void TestStrictJson::isoDatesAreStrict()
{
    QFETCH(QString, text);
    QFETCH(QDate, expected);
    const auto d = json::parseIsoDate(text);
    QCOMPARE(d.has_value(), expected.isValid());
    if (d)
        QCOMPARE(*d, expected);
}

QTEST_GUILESS_MAIN(TestStrictJson)
#include "tst_strict_json.moc"
