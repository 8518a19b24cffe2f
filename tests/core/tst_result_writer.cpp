// SPDX-License-Identifier: GPL-3.0-or-later
// The full result's writer (issue 15): CompactWriter writes what rapidjson's Writer writes for the
// same calls, a result does not depend on whether the pack's fragments were built by this engine,
// lazily in parallel, or for another instance of the pack, and the pretty form is the compact one
// indented (docs/result-format.md).
#include "TestFiles.h"
#include "engine/CaseEvaluation.h"
#include "engine/Engine.h"
#include "engine/JsonValues.h"
#include "engine/ResultWriter.h"
#include "rules/RulePack.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <QDir>
#include <QFile>
#include <QTest>
#include <QtConcurrent>

#include <cmath>

using namespace consilium;

namespace {

using test::readFile;

std::unique_ptr<RulePack> loadPack(const QString &name)
{
    json::Diagnostics diag;
    auto p = RulePack::load(readFile(QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/packs/") + name), diag);
    if (!p)
        qFatal("pack %s does not load", qPrintable(name));
    return p;
}

// The same calls on any writer: separators, nesting, escapes, keys written as raw values.
template <typename W> void writeSample(W &w)
{
    w.StartObject();
    w.Key("plain");
    jsonout::writeString(w, QStringLiteral("printable ASCII"));
    w.Key("escapes");
    jsonout::writeString(w, QStringLiteral("q\" b\\ \b\f\n\r\t \x01\x1f del\x7f /"));
    w.Key("nul");
    jsonout::writeString(w, QString(QChar(0)) + QStringLiteral("after"));
    w.Key("unicode");
    jsonout::writeString(w, QStringLiteral("≥ 5 µmol/L – é 😀"));
    w.Key("lone surrogate");
    jsonout::writeString(w, QString(QChar(0xD800)));
    jsonout::writeString(w, QStringLiteral("a key written as a value"));
    w.StartArray();
    w.Null();
    w.Bool(true);
    w.Bool(false);
    w.Int(-42);
    w.Int64(-9007199254740993LL);
    jsonout::writeNumber(w, 0.1);
    jsonout::writeNumber(w, 1e21);
    jsonout::writeNumber(w, std::nan(""));
    jsonout::writeIsoDate(w, QDate(2026, 12, 5));
    w.StartObject();
    w.EndObject();
    w.StartArray();
    w.EndArray();
    w.EndArray();
    w.Key("status");
    w.String("not_evaluated");
    w.EndObject();
}

} // namespace

class TestResultWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void compactWriterWritesWhatRapidjsonWrites()
    {
        rapidjson::StringBuffer buffer;
        rapidjson::Writer<rapidjson::StringBuffer> reference(buffer);
        writeSample(reference);
        jsonout::JsonBuffer buf(1); // grows as it goes
        jsonout::CompactWriter w(buf);
        writeSample(w);
        const QByteArray out = buf.take();
        QCOMPARE(out, QByteArray(buffer.GetString(), qsizetype(buffer.GetSize())));
        QVERIFY(out.contains(R"(\u0001\u001F)")); // upper-case hex, as rapidjson
    }

    void resultIsTheSameWhoeverBuiltTheFragments_data()
    {
        QTest::addColumn<QString>("packFile");
        QTest::newRow("2026.2") << QStringLiteral("consilium-reference.json");
        QTest::newRow("2026.1") << QStringLiteral("consilium-reference-2026.1.json");
    }

    void resultIsTheSameWhoeverBuiltTheFragments()
    {
        QFETCH(QString, packFile);
        const auto pack = loadPack(packFile);
        const auto twin = loadPack(packFile); // another instance of the same pack
        const QDir dir(QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/examples"));
        const QStringList files = dir.entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 5);
        std::vector<Evaluation> evaluations;
        const Engine engine(*pack);
        for (const QString &f : files) {
            CaseOutcome out = evaluateCase(engine, readFile(dir.filePath(f)));
            if (out.ok())
                evaluations.push_back(std::move(*out.evaluation));
        }
        QVERIFY(evaluations.size() >= 5);
        // A fresh engine builds its fragments on first use, here from two threads at once.
        const Engine fresh(*pack);
        const QList<QByteArray> parallel = QtConcurrent::blockingMapped<QList<QByteArray>>(
            evaluations, [&fresh](const Evaluation &e) { return resultJson(fresh, e, false); });
        const Engine other(*twin);
        for (std::size_t i = 0; i < evaluations.size(); ++i) {
            const Evaluation &e = evaluations[i];
            const QByteArray compact = resultJson(engine, e, false);
            QCOMPARE(parallel[qsizetype(i)], compact);
            QCOMPARE(resultJson(other, e, false), compact); // fragments built for e's own pack
            QVERIFY(!compact.contains('\n'));
            // The pretty form holds the same document, indented by two spaces.
            const QByteArray pretty = resultJson(engine, e, true);
            QVERIFY(pretty.startsWith("{\n  \"format\": \"consilium-result/1\""));
            rapidjson::Document a;
            rapidjson::Document b;
            a.Parse(compact.constData(), std::size_t(compact.size()));
            b.Parse(pretty.constData(), std::size_t(pretty.size()));
            QVERIFY(!a.HasParseError());
            QVERIFY(!b.HasParseError());
            QVERIFY(a == b);
        }
    }

    // An option repeats its arm's criteria (docs/result-format.md#options): the same object with
    // "origin" after the id, whether the criterion was first written for the arm or the option.
    void optionCriteriaRepeatTheArmsObjects()
    {
        const auto pack = loadPack(QStringLiteral("consilium-reference.json"));
        const Engine engine(*pack);
        CaseOutcome out = evaluateCase(
            engine, readFile(QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/examples/V02-spec-example.json")));
        QVERIFY(out.ok());
        rapidjson::Document d;
        const QByteArray json = resultJson(engine, *out.evaluation, false);
        d.Parse(json.constData(), std::size_t(json.size()));
        QVERIFY(!d.HasParseError());
        int compared = 0;
        for (const auto &arm : d["arms"].GetObject()) {
            const auto &armCriteria = arm.value["criteria"];
            for (const auto &opt : arm.value["options"].GetArray()) {
                for (const auto &c : opt["criteria"].GetArray()) {
                    QCOMPARE(c.MemberBegin()->name.GetString(), "id");
                    QCOMPARE((c.MemberBegin() + 1)->name.GetString(), "origin");
                    if (QByteArray(c["origin"].GetString()) != "arm")
                        continue;
                    for (const auto &a : armCriteria.GetArray()) {
                        if (a["id"] != c["id"])
                            continue;
                        rapidjson::Document copy;
                        copy.CopyFrom(c, copy.GetAllocator());
                        copy.RemoveMember("origin");
                        QVERIFY(copy == a);
                        ++compared;
                    }
                }
            }
        }
        QVERIFY(compared > 0);
    }
};

QTEST_GUILESS_MAIN(TestResultWriter)
#include "tst_result_writer.moc"
