// SPDX-License-Identifier: GPL-3.0-or-later
// The fast case reader (core/case/PlainCaseReader.cpp, issue 15) against the exact reader
// (parseStrict + parseCaseValue): over the example cases, the fuzz corpus, synthetic cases of both
// shipped packs and deliberately broken variants of them, parseCase must give the same data and
// the same findings (path, code, message, order) as the exact reader, and the fast path may only
// accept what the exact reader accepts, with the same data.
#include "SyntheticCases.h"
#include "case/CaseData.h"
#include "rules/RulePack.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <cmath>
#include <cstring>
#include <memory>

using namespace consilium;

namespace {

bool sameValue(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || std::memcmp(&a, &b, sizeof a) == 0;
}

// Why two readings differ, or empty when they are the same.
QString difference(const CaseData &a, const CaseData &b)
{
    if (a.id != b.id || a.label != b.label || a.asOf != b.asOf || a.jurisdiction != b.jurisdiction)
        return QStringLiteral("id, label, as_of or jurisdiction");
    if (a.values.size() != b.values.size() || a.status != b.status || a.facts.size() != b.facts.size())
        return QStringLiteral("fact count or status");
    for (std::size_t i = 0; i < a.values.size(); ++i) {
        const FactInput &x = a.facts[i];
        const FactInput &y = b.facts[i];
        if (!sameValue(a.values[i], b.values[i]) || !sameValue(x.entered, y.entered) || x.unit != y.unit
            || x.date != y.date || x.unit.isNull() != y.unit.isNull())
            return QStringLiteral("fact %1").arg(i);
    }
    if (a.hasMedications != b.hasMedications || a.medications.size() != b.medications.size()
        || a.hasFailedTherapies != b.hasFailedTherapies || a.failedTherapies != b.failedTherapies)
        return QStringLiteral("medications or failed therapies");
    for (std::size_t i = 0; i < a.medications.size(); ++i) {
        const MedicationInput &x = a.medications[i];
        const MedicationInput &y = b.medications[i];
        if (x.agent != y.agent || x.hasDailyDose != y.hasDailyDose || !sameValue(x.dailyDoseMg, y.dailyDoseMg)
            || x.hasLastDose != y.hasLastDose || x.lastDose != y.lastDose)
            return QStringLiteral("medication %1").arg(i);
    }
    return {};
}

struct Reading {
    std::optional<CaseData> data;
    std::vector<json::Finding> findings;
};

Reading exactReading(const QByteArray &bytes, const RulePack &pack, const CaseParseOptions &options)
{
    Reading r;
    json::Diagnostics diag;
    json::Document doc;
    if (json::parseStrict(bytes, doc, diag, options.limits))
        r.data = parseCaseValue(doc, pack, diag, options);
    r.findings = diag.findings();
    return r;
}

QList<QByteArray> filesIn(const QString &dir)
{
    QList<QByteArray> out;
    const QDir d(QStringLiteral(CONSILIUM_SOURCE_DIR) + QLatin1Char('/') + dir);
    for (const QString &name : d.entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name)) {
        QFile f(d.filePath(name));
        if (f.open(QIODevice::ReadOnly))
            out.append(f.readAll());
    }
    return out;
}

// Broken and unusual variants of a valid case: each scalar value replaced by other JSON, each
// key renamed or repeated, the document cut short, escapes, non-ASCII text, a byte-order mark.
QList<QByteArray> variants(const QByteArray &doc)
{
    static const QList<QByteArray> values = { "null", "true", "false", "\"x\"", "[]", "{}", "0", "-0", "1e400", "NaN",
        "-Infinity", "1.5", "-1", "1E2", "01", "1.", "\"\\u0041\"", "\"\xC3\xA9\"", "{\"status\": \"unknown\"}",
        "{\"status\": \"not_evaluated\", \"date\": \"2026-02-30\"}", "{\"value\": 1, \"unit\": \"mg\"}",
        "{\"value\": 1, \"unit\": \"mg\", \"unit\": \"mg\"}", "\"2026-02-29\"", "\"2024-02-29\"", "\"mg\"" };
    QList<QByteArray> out;
    for (qsizetype at = doc.indexOf(':'); at >= 0; at = doc.indexOf(':', at + 1)) {
        qsizetype end = at + 1;
        while (end < doc.size() && doc[end] != ',' && doc[end] != '}' && doc[end] != '{' && doc[end] != '[')
            ++end;
        if (end == at + 1 || (end < doc.size() && (doc[end] == '{' || doc[end] == '[')))
            continue; // an object or array: its members get their own variants
        for (const QByteArray &v : values)
            out.append(doc.left(at + 1) + v + doc.mid(end));
        const qsizetype keyStart = doc.lastIndexOf('"', doc.lastIndexOf('"', at - 1) - 1);
        const QByteArray member = doc.mid(keyStart, end - keyStart);
        out.append(doc.left(end) + ',' + member + doc.mid(end)); // the key twice
        out.append(doc.left(keyStart + 1) + 'x' + doc.mid(keyStart + 1)); // an unknown key
        out.append(doc.left(at + 1) + " \t\r\n " + doc.mid(at + 1)); // whitespace, still valid
    }
    for (qsizetype cut = 0; cut < doc.size(); cut += 1 + doc.size() / 40)
        out.append(doc.left(cut));
    out.append("\xEF\xBB\xBF" + doc);
    out.append(doc + " x");
    out.append(doc + '\0');
    out.append(doc.left(doc.size() - 1) + ",}");
    out.append(QByteArray(doc).replace("\"unit\":\"", "\"unit\":\"\\u00b5"));
    out.append(QByteArray(doc).replace("\"unit\":\"", "\"unit\":\"\xC2\xB5"));
    return out;
}

} // namespace

class TestPlainCaseReader : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<RulePack> m_pack2026_1;
    int m_plain = 0;

    // parseCase (fast path, then the exact reader) against the exact reader alone.
    void compare(const QByteArray &bytes, const RulePack &pack, const CaseParseOptions &options = {})
    {
        const Reading exact = exactReading(bytes, pack, options);
        json::Diagnostics diag;
        const std::optional<CaseData> read = parseCase(bytes, pack, diag, options);
        QCOMPARE(read.has_value(), exact.data.has_value());
        QCOMPARE(diag.findings(), exact.findings);
        if (read)
            QCOMPARE(difference(*read, *exact.data), QString());
        if (const std::optional<CaseData> plain = readPlainCase(bytes, pack, options)) {
            ++m_plain;
            QVERIFY2(exact.data.has_value(), bytes.constData());
            QCOMPARE(difference(*plain, *exact.data), QString());
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QFile f(QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/packs/consilium-reference-2026.1.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        json::Diagnostics diag;
        m_pack2026_1 = RulePack::load(f.readAll(), diag);
        QVERIFY(m_pack2026_1);
    }

    // Generated cases are plainly valid: the fast path reads every one, with the exact reader's data.
    void syntheticCasesTakeTheFastPath()
    {
        m_plain = 0;
        const QList<QByteArray> cases = syntheticCases(RulePack::builtin(), 300, 0.1, 7);
        for (const QByteArray &c : cases)
            compare(c, RulePack::builtin());
        QCOMPARE(m_plain, 300);
        m_plain = 0;
        for (const QByteArray &c : syntheticCases(*m_pack2026_1, 200, 0.3, 11))
            compare(c, *m_pack2026_1);
        QCOMPARE(m_plain, 200);
    }

    void examplesAndCorpus()
    {
        QList<QByteArray> docs = filesIn(QStringLiteral("resources/examples"));
        docs += filesIn(QStringLiteral("tests/fuzz/corpus/case"));
        QVERIFY(docs.size() >= 20);
        for (const QByteArray &d : docs) {
            compare(d, RulePack::builtin());
            compare(d, *m_pack2026_1);
            CaseParseOptions asOf;
            asOf.asOfOverride = QDate(2027, 1, 2);
            compare(d, RulePack::builtin(), asOf);
        }
    }

    // Broken variants: same findings, same order; nothing the exact reader refuses is accepted.
    void brokenVariants()
    {
        QList<QByteArray> seeds = filesIn(QStringLiteral("tests/fuzz/corpus/case"));
        seeds += syntheticCases(RulePack::builtin(), 3, 0.1, 3);
        m_plain = 0;
        for (const QByteArray &seed : seeds) {
            for (const QByteArray &v : variants(seed)) {
                compare(v, RulePack::builtin());
                if (QTest::currentTestFailed())
                    return;
            }
        }
        QVERIFY(m_plain > 1000); // the valid variants (whitespace, other valid values) took the fast path
    }

    void limits()
    {
        const QByteArray c = syntheticCases(RulePack::builtin(), 1, 0.1, 5).front();
        CaseParseOptions small;
        small.limits.maxBytes = c.size() - 1;
        compare(c, RulePack::builtin(), small);
        QVERIFY(!readPlainCase(c, RulePack::builtin(), small));
        CaseParseOptions shallow;
        shallow.limits.maxDepth = 2;
        compare(c, RulePack::builtin(), shallow);
        QVERIFY(!readPlainCase(c, RulePack::builtin(), shallow));
    }
};

QTEST_GUILESS_MAIN(TestPlainCaseReader)
#include "tst_plain_case_reader.moc"
