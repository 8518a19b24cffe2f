// SPDX-License-Identifier: GPL-3.0-or-later
// consilium-cli contract (docs/cli.md, README "Command line"): commands, output formats and exit codes, driven through
// the real binary with QProcess.
#include "rules/RulePack.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace consilium;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QStringList outLines() const { return lines(out); }
    QStringList errLines() const { return lines(err); }
    static QStringList lines(const QByteArray &b)
    {
        QStringList l = QString::fromUtf8(b).split(QLatin1Char('\n'));
        if (!l.isEmpty() && l.last().isEmpty())
            l.removeLast();
        return l;
    }
    QString describe() const
    {
        return QStringLiteral("exit %1\n--- stdout:\n%2\n--- stderr:\n%3")
            .arg(exitCode)
            .arg(QString::fromUtf8(out.left(2000)), QString::fromUtf8(err.left(2000)));
    }
};

Run runCli(const QStringList &args)
{
    Run r;
    QProcess p;
    p.setProgram(QStringLiteral(CONSILIUM_CLI_PATH));
    p.setArguments(args);
    p.start();
    if (!p.waitForStarted(30000)) {
        r.err = "cannot start " CONSILIUM_CLI_PATH;
        return r;
    }
    p.closeWriteChannel();
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        r.err = "timed out";
        return r;
    }
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return r;
}

QString examplesDir()
{
    return QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/examples");
}
QString example(const char *name)
{
    return examplesDir() + QLatin1Char('/') + QLatin1String(name);
}

QStringList exampleFiles()
{
    const QDir dir(examplesDir());
    QStringList out;
    for (const QString &n : dir.entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name))
        out.append(dir.filePath(n));
    return out;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return f.write(bytes) == bytes.size();
}

QJsonObject parseObject(const QByteArray &bytes, QString *error = nullptr)
{
    QJsonParseError pe;
    const QJsonDocument d = QJsonDocument::fromJson(bytes, &pe);
    if (error)
        *error = pe.error == QJsonParseError::NoError ? QString() : pe.errorString();
    return d.object();
}

// A small valid case file with an extra top-level member and extra facts.
QByteArray smallCase(const QByteArray &extraFacts = {}, const QByteArray &extraTop = {})
{
    return R"({"format": "consilium-case/1", "id": "cli-001", "as_of": "2026-11-25", "jurisdiction": "EU", "facts": {"age_years": 40, "sex": "male")"
        + (extraFacts.isEmpty() ? QByteArray() : ", " + extraFacts) + "}"
        + (extraTop.isEmpty() ? QByteArray() : ", " + extraTop) + "}";
}

QString builtinSha256()
{
    return QString::fromLatin1(QCryptographicHash::hash(RulePack::builtinBytes(), QCryptographicHash::Sha256).toHex());
}

// The pack's derived value egfr_ckd_epi_2021 (formula ckd_epi_2021, resources/packs/FORMAT.md),
// written here independently from the published formula (Inker 2021).
double ckdEpi2021(double scrMgDl, double age, bool female)
{
    const double kappa = female ? 0.7 : 0.9;
    const double alpha = female ? -0.241 : -0.302;
    const double r = scrMgDl / kappa;
    return 142.0 * std::pow(std::min(r, 1.0), alpha) * std::pow(std::max(r, 1.0), -1.200) * std::pow(0.9938, age)
        * (female ? 1.012 : 1.0);
}

const QStringList kArmKeys = { QStringLiteral("allogeneic_car_t"), QStringLiteral("autologous_car_t"),
    QStringLiteral("bispecific_tce"), QStringLiteral("standard_care") };
const QStringList kVerdicts = { QStringLiteral("eligible"), QStringLiteral("eligible_with_cautions"),
    QStringLiteral("undetermined"), QStringLiteral("ineligible") };

// A pack whose vignette V02 expects the wrong allogeneic verdict.
QByteArray packWithBrokenVignette()
{
    // A plain text edit keeps everything else byte for byte.
    QByteArray bytes = RulePack::builtinBytes();
    const qsizetype v02 = bytes.indexOf("\"id\": \"V02-spec-example\"");
    Q_ASSERT(v02 >= 0);
    const qsizetype expected = bytes.indexOf("\"expected\"", v02);
    const qsizetype allo = bytes.indexOf("\"allogeneic_car_t\"", expected);
    const qsizetype verdict = bytes.indexOf("\"verdict\": \"", allo);
    Q_ASSERT(expected > v02 && allo > expected && verdict > allo);
    const qsizetype valueStart = verdict + qsizetype(qstrlen("\"verdict\": \""));
    const qsizetype valueEnd = bytes.indexOf('"', valueStart);
    const QByteArray old = bytes.mid(valueStart, valueEnd - valueStart);
    Q_ASSERT(old != "ineligible");
    bytes.replace(valueStart, valueEnd - valueStart, "ineligible");
    return bytes;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void version();
    void evaluateExamples_data();
    void evaluateExamples();
    void derivedUnrounded();
    void textFormat();
    void explanationsInEveryFormat();
    void asOfOverride();
    void badCase();
    void severalProblems();
    void invalidCaseNothingOnStdout_data();
    void invalidCaseNothingOnStdout();
    void missingCaseFile();
    void badRulesPack();
    void missingRulesPack();
    void rulesPackUsedForEvaluation();
    void usageErrors_data();
    void usageErrors();
    void checkRules();
    void checkRulesBrokenVignette();
    void checkRulesInvalidPack();
    void batchJsonl();
    void batchDirectory();
    void batchMissing();

private:
    QString m_versionHash;
    QString m_engineVersion;
};

void TestCli::initTestCase()
{
    QVERIFY2(QFileInfo::exists(QStringLiteral(CONSILIUM_CLI_PATH)), CONSILIUM_CLI_PATH);
    QVERIFY(exampleFiles().size() >= 10);
    // The identity the other tests compare results with (asserted in version()).
    const QStringList lines = runCli({ QStringLiteral("--version") }).outLines();
    m_engineVersion = lines.value(0).section(QLatin1Char(' '), 1);
    m_versionHash = lines.value(1).section(QStringLiteral("sha256:"), 1);
}

void TestCli::version()
{
    const Run r = runCli({ QStringLiteral("--version") });
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QStringList lines = r.outLines();
    QCOMPARE(lines.size(), 2);
    const auto m1 = QRegularExpression(QStringLiteral("^consilium-cli (\\d+\\.\\d+\\.\\d+)$")).match(lines[0]);
    QVERIFY2(m1.hasMatch(), qPrintable(lines[0]));
    const auto m2 = QRegularExpression(QStringLiteral("^pack consilium-reference 2026\\.2 sha256:([0-9a-f]{64})$"))
                        .match(lines[1]);
    QVERIFY2(m2.hasMatch(), qPrintable(lines[1]));
    QCOMPARE(m1.captured(1), m_engineVersion);
    QCOMPARE(m2.captured(1), m_versionHash);
    QCOMPARE(m_versionHash, builtinSha256());
    // The engine version is the project version (CMake project(VERSION)).
    QCOMPARE(m_engineVersion, QStringLiteral(CONSILIUM_VERSION));
    QVERIFY(r.err.isEmpty());
}

void TestCli::evaluateExamples_data()
{
    QTest::addColumn<QString>("file");
    for (const QString &f : exampleFiles())
        QTest::newRow(qPrintable(QFileInfo(f).completeBaseName())) << f;
}

void TestCli::evaluateExamples()
{
    QFETCH(QString, file);
    const Run r = runCli({ QStringLiteral("evaluate"), file });
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QString error;
    const QJsonObject res = parseObject(r.out, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QJsonObject input = parseObject(readAll(file));

    QCOMPARE(res.value(QStringLiteral("format")).toString(), QStringLiteral("consilium-result/1"));
    QCOMPARE(res.value(QStringLiteral("case_id")).toString(), input.value(QStringLiteral("id")).toString());
    QCOMPARE(res.value(QStringLiteral("as_of")).toString(), input.value(QStringLiteral("as_of")).toString());
    QCOMPARE(res.value(QStringLiteral("engine_version")).toString(), m_engineVersion);
    const QJsonObject pack = res.value(QStringLiteral("rule_pack")).toObject();
    QCOMPARE(pack.value(QStringLiteral("id")).toString(), QStringLiteral("consilium-reference"));
    QCOMPARE(pack.value(QStringLiteral("version")).toString(), QStringLiteral("2026.2"));
    QCOMPARE(pack.value(QStringLiteral("sha256")).toString(), m_versionHash);
    QVERIFY(res.value(QStringLiteral("derived")).isObject());
    QVERIFY(res.value(QStringLiteral("derived")).toObject().contains(QStringLiteral("egfr_ckd_epi_2021")));

    const QJsonObject arms = res.value(QStringLiteral("arms")).toObject();
    QStringList keys = arms.keys();
    keys.sort();
    QCOMPARE(keys, kArmKeys);
    for (const QString &k : kArmKeys) {
        const QJsonObject arm = arms.value(k).toObject();
        for (const char *field : { "verdict", "criteria", "missing_inputs", "earliest_start", "timeline", "toxicity" })
            QVERIFY2(arm.contains(QLatin1String(field)), qPrintable(k + QLatin1Char('.') + QLatin1String(field)));
        QVERIFY2(kVerdicts.contains(arm.value(QStringLiteral("verdict")).toString()),
            qPrintable(arm.value(QStringLiteral("verdict")).toString()));
        QVERIFY(arm.value(QStringLiteral("criteria")).isArray());
        QVERIFY(!arm.value(QStringLiteral("criteria")).toArray().isEmpty() || k == QLatin1String("standard_care"));
        QVERIFY(arm.value(QStringLiteral("missing_inputs")).isArray());
        QVERIFY(arm.value(QStringLiteral("timeline")).isArray());
        QVERIFY(arm.value(QStringLiteral("toxicity")).isArray());
        const QJsonValue es = arm.value(QStringLiteral("earliest_start"));
        QVERIFY(es.isNull() || QDate::fromString(es.toString(), Qt::ISODate).isValid());
        for (const QJsonValue &c : arm.value(QStringLiteral("criteria")).toArray()) {
            const QJsonObject crit = c.toObject();
            QVERIFY(crit.value(QStringLiteral("id")).isString());
            const QString state = crit.value(QStringLiteral("state")).toString();
            QVERIFY2(state == QLatin1String("met") || state == QLatin1String("not_met")
                    || state == QLatin1String("unknown") || state == QLatin1String("not_applicable"),
                qPrintable(state));
        }
    }
    // standard_care is never ineligible/undetermined in the reference pack (its arm standard_care).
    const QString soc
        = arms.value(QStringLiteral("standard_care")).toObject().value(QStringLiteral("verdict")).toString();
    QVERIFY2(soc == QLatin1String("eligible") || soc == QLatin1String("eligible_with_cautions"), qPrintable(soc));
    QVERIFY(r.out.endsWith('\n'));
}

void TestCli::derivedUnrounded()
{
    const Run r = runCli({ QStringLiteral("evaluate"), example("V02-spec-example.json") });
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QJsonObject res = parseObject(r.out);
    const QJsonObject egfr
        = res.value(QStringLiteral("derived")).toObject().value(QStringLiteral("egfr_ckd_epi_2021")).toObject();
    QVERIFY(egfr.value(QStringLiteral("value")).isDouble());
    const double value = egfr.value(QStringLiteral("value")).toDouble();
    // V02: female, 34 years, creatinine 80 µmol/L ÷ 88.42.
    const double expected = ckdEpi2021(80.0 / 88.42, 34, true);
    QVERIFY2(std::fabs(value - expected) < 1e-9,
        qPrintable(QStringLiteral("got %1, expected %2")
                       .arg(QString::number(value, 'g', 17), QString::number(expected, 'g', 17))));
    QCOMPARE(std::round(value * 10) / 10, 85.5); // the value shown for V02, at display precision

    // Printed unrounded: the literal in the output text is the full number, not 85.5 or 85.49.
    const auto m
        = QRegularExpression(QStringLiteral("\"egfr_ckd_epi_2021\"\\s*:\\s*\\{\\s*\"value\"\\s*:\\s*([-+0-9.eE]+)"))
              .match(QString::fromUtf8(r.out));
    QVERIFY2(m.hasMatch(), r.out.left(2000).constData());
    const QString literal = m.captured(1);
    QVERIFY2(literal != QLatin1String("85.5"), qPrintable(literal));
    QVERIFY2(std::fabs(literal.toDouble() - expected) < 1e-9, qPrintable(literal));
    QVERIFY2(literal.size() > 8, qPrintable(literal));

    // Cockcroft-Gault likewise (derived value crcl_cockcroft_gault): (140 − 34) × 62 / (72 × Scr) × 0.85.
    const double crcl = res.value(QStringLiteral("derived"))
                            .toObject()
                            .value(QStringLiteral("crcl_cockcroft_gault"))
                            .toObject()
                            .value(QStringLiteral("value"))
                            .toDouble();
    const double crclExpected = (140.0 - 34.0) * 62.0 / (72.0 * (80.0 / 88.42)) * 0.85;
    QVERIFY2(std::fabs(crcl - crclExpected) < 1e-9, qPrintable(QString::number(crcl, 'g', 17)));
}

void TestCli::textFormat()
{
    const Run r = runCli({ QStringLiteral("evaluate"), example("V02-spec-example.json"), QStringLiteral("--format"),
        QStringLiteral("text") });
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QString text = QString::fromUtf8(r.out);
    QVERIFY(!text.trimmed().startsWith(QLatin1Char('{')));
    for (const ArmDef &arm : RulePack::builtin().arms())
        QVERIFY2(text.contains(arm.label), qPrintable(arm.label));
    QVERIFY(text.contains(QStringLiteral("V02-spec-example")));

    // --format json is the default; anything else is a usage error.
    const Run json = runCli({ QStringLiteral("evaluate"), example("V02-spec-example.json"), QStringLiteral("--format"),
        QStringLiteral("json") });
    QCOMPARE(json.exitCode, 0);
    QString error;
    parseObject(json.out, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

// Issue 10: the text and JSON outputs render explanations that fit the state and never print a
// unit after a value that is not a number.
void TestCli::explanationsInEveryFormat()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QJsonObject doc = parseObject(readAll(example("V03-dcssc-all-eligible.json")));
    QJsonObject facts = doc.value(QStringLiteral("facts")).toObject();
    facts.remove(QStringLiteral("creatinine"));
    facts.insert(QStringLiteral("dlco"), QJsonObject { { QStringLiteral("status"), QStringLiteral("not_evaluated") } });
    facts.insert(QStringLiteral("alt_x_uln"), QJsonObject { { QStringLiteral("status"), QStringLiteral("unknown") } });
    facts.insert(QStringLiteral("age_years"), 34);
    facts.insert(QStringLiteral("hbsag"), QStringLiteral("negative"));
    doc.insert(QStringLiteral("facts"), facts);
    const QString path = dir.filePath(QStringLiteral("case.json"));
    QVERIFY(writeFile(path, QJsonDocument(doc).toJson()));

    const Run text = runCli({ QStringLiteral("evaluate"), path, QStringLiteral("--format"), QStringLiteral("text") });
    QVERIFY2(text.exitCode == 0, qPrintable(text.describe()));
    const Run json = runCli({ QStringLiteral("evaluate"), path });
    QVERIFY2(json.exitCode == 0, qPrintable(json.describe()));
    for (const Run *r : { &text, &json }) {
        const QString out = QString::fromUtf8(r->out);
        for (const char *bad : { "not evaluated%", "unknown mL/min", "unknown×", "unknown y", "is above 65" })
            QVERIFY2(!out.contains(QString::fromUtf8(bad)), bad);
        for (const char *good : { "Unknown: DLCO not evaluated and FVC 71.0% predicted",
                 "Unknown: eGFR unknown (Serum creatinine missing) (required ≥ 30)",
                 "Unknown: ALT unknown and AST 0.5× ULN" })
            QVERIFY2(out.contains(QString::fromUtf8(good)), good);
    }
    // Met criteria are listed in the JSON: a met caution reads as met.
    const QJsonArray criteria = parseObject(json.out)
                                    .value(QStringLiteral("arms"))
                                    .toObject()
                                    .value(QStringLiteral("autologous_car_t"))
                                    .toObject()
                                    .value(QStringLiteral("criteria"))
                                    .toArray();
    QStringList seen;
    for (const QJsonValue &v : criteria) {
        const QJsonObject c = v.toObject();
        const QString id = c.value(QStringLiteral("id")).toString();
        const QString explanation = c.value(QStringLiteral("explanation")).toString();
        if (id == QLatin1String("AUTO-AGE-02"))
            QCOMPARE(explanation,
                QStringLiteral("Met: Age 34 y (caution above 65, the most frequent upper limit in AID CAR T trials; "
                               "others use 70 or 75: check the protocol)"));
        if (id == QLatin1String("AUTO-INF-04"))
            QCOMPARE(explanation,
                QStringLiteral("Met: HBsAg negative, anti-HBc negative, HCV RNA negative (caution if any is positive: "
                               "antiviral prophylaxis required if CAR T proceeds)"));
        if (id == QLatin1String("AUTO-DIS-01"))
            QVERIFY2(
                !explanation.contains(QStringLiteral("no AID CAR T report for this disease")), qPrintable(explanation));
        seen << id;
    }
    QVERIFY(seen.contains(QStringLiteral("AUTO-AGE-02")));
    QVERIFY(seen.contains(QStringLiteral("AUTO-INF-04")));
    QVERIFY(seen.contains(QStringLiteral("AUTO-DIS-01")));
}

void TestCli::asOfOverride()
{
    const Run base = runCli({ QStringLiteral("evaluate"), example("V02-spec-example.json") });
    const Run moved = runCli({ QStringLiteral("evaluate"), example("V02-spec-example.json"), QStringLiteral("--as-of"),
        QStringLiteral("2027-06-01") });
    QVERIFY2(base.exitCode == 0, qPrintable(base.describe()));
    QVERIFY2(moved.exitCode == 0, qPrintable(moved.describe()));
    const QJsonObject b = parseObject(base.out);
    const QJsonObject m = parseObject(moved.out);
    QCOMPARE(b.value(QStringLiteral("as_of")).toString(), QStringLiteral("2026-11-25"));
    QCOMPARE(m.value(QStringLiteral("as_of")).toString(), QStringLiteral("2027-06-01"));
    auto socStart = [](const QJsonObject &res) {
        return res.value(QStringLiteral("arms"))
            .toObject()
            .value(QStringLiteral("standard_care"))
            .toObject()
            .value(QStringLiteral("earliest_start"))
            .toString();
    };
    // Standard care can start on day 0 (as_of).
    QCOMPARE(socStart(b), QStringLiteral("2026-11-25"));
    QCOMPARE(socStart(m), QStringLiteral("2027-06-01"));
    // Every earliest start is on or after the evaluation date.
    for (const QString &k : kArmKeys) {
        const QJsonValue es
            = m.value(QStringLiteral("arms")).toObject().value(k).toObject().value(QStringLiteral("earliest_start"));
        if (!es.isNull())
            QVERIFY2(QDate::fromString(es.toString(), Qt::ISODate) >= QDate(2027, 6, 1), qPrintable(k));
    }
}

void TestCli::badCase()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString path = tmp.filePath(QStringLiteral("bad.json"));
    QVERIFY(writeFile(path, smallCase(R"("creatinine": {"value": 1, "unit": "mmol/L"})")));
    const Run r = runCli({ QStringLiteral("evaluate"), path });
    QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
    QVERIFY2(r.out.isEmpty(), qPrintable(r.describe()));
    const QStringList lines = r.errLines();
    QCOMPARE(lines.size(), 1);
    QVERIFY2(lines[0].startsWith(QStringLiteral("$.facts.creatinine.unit: ")), qPrintable(lines[0]));
    QVERIFY(lines[0].contains(QStringLiteral("mmol/L")));

    // The same case with the unit fixed is valid (so the failure above was the unit).
    QVERIFY(writeFile(path, smallCase(R"("creatinine": {"value": 1, "unit": "mg/dL"})")));
    const Run ok = runCli({ QStringLiteral("evaluate"), path });
    QVERIFY2(ok.exitCode == 0, qPrintable(ok.describe()));
}

void TestCli::severalProblems()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString path = tmp.filePath(QStringLiteral("bad.json"));
    QVERIFY(writeFile(path,
        smallCase(
            R"("creatinine": 80, "lvef": {"value": 60, "unit": "percent"}, "hbsag": "maybe")", R"("colour": "red")")));
    const Run r = runCli({ QStringLiteral("evaluate"), path });
    QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
    QVERIFY(r.out.isEmpty());
    const QStringList lines = r.errLines();
    QCOMPARE(lines.size(), 4); // one line per problem
    QStringList paths;
    for (const QString &l : lines)
        paths.append(l.section(QStringLiteral(": "), 0, 0));
    paths.sort();
    QCOMPARE(paths,
        (QStringList { QStringLiteral("$.colour"), QStringLiteral("$.facts.creatinine"),
            QStringLiteral("$.facts.hbsag"), QStringLiteral("$.facts.lvef.unit") }));
}

void TestCli::invalidCaseNothingOnStdout_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("path");
    QTest::newRow("malformed") << QByteArray("{\"format\": ") << QStringLiteral("$");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("$");
    QTest::newRow("wrong format") << smallCase().replace("consilium-case/1", "consilium-case/9")
                                  << QStringLiteral("$.format");
    QTest::newRow("duplicate key") << smallCase(R"("age_years": 41)") << QStringLiteral("$.facts.age_years");
    QTest::newRow("out of range") << smallCase(R"("creatinine": {"value": 2000, "unit": "umol/L"})")
                                  << QStringLiteral("$.facts.creatinine.value");
    QTest::newRow("unknown drug") << smallCase({}, R"("failed_therapies": ["rituximab", "aspirin"])")
                                  << QStringLiteral("$.failed_therapies[1]");
    QTest::newRow("too large") << smallCase({}, "\"label\": \"" + QByteArray(1024 * 1024 + 1, 'x') + "\"")
                               << QStringLiteral("$");
}

void TestCli::invalidCaseNothingOnStdout()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, path);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString file = tmp.filePath(QStringLiteral("case.json"));
    QVERIFY(writeFile(file, bytes));
    for (const QString &format : { QStringLiteral("json"), QStringLiteral("text") }) {
        const Run r = runCli({ QStringLiteral("evaluate"), file, QStringLiteral("--format"), format });
        QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
        QVERIFY2(r.out.isEmpty(), qPrintable(r.describe()));
        QVERIFY(!r.errLines().isEmpty());
        bool named = false;
        for (const QString &l : r.errLines())
            named = named || l.startsWith(path + QStringLiteral(": "));
        QVERIFY2(named, qPrintable(r.describe()));
    }
}

void TestCli::missingCaseFile()
{
    QTemporaryDir tmp;
    const Run r = runCli({ QStringLiteral("evaluate"), tmp.filePath(QStringLiteral("does-not-exist.json")) });
    QVERIFY2(r.exitCode == 66, qPrintable(r.describe()));
    QVERIFY(r.out.isEmpty());
    QVERIFY(!r.err.isEmpty());
}

void TestCli::badRulesPack()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString pack = tmp.filePath(QStringLiteral("pack.json"));
    QByteArray bytes = RulePack::builtinBytes();
    bytes.replace("\"format\": \"consilium-pack/1\"", "\"format\": \"consilium-pack/0\"");
    QVERIFY(writeFile(pack, bytes));
    const Run r
        = runCli({ QStringLiteral("evaluate"), example("V02-spec-example.json"), QStringLiteral("--rules"), pack });
    QVERIFY2(r.exitCode == 3, qPrintable(r.describe()));
    QVERIFY2(r.out.isEmpty(), qPrintable(r.describe()));
    QVERIFY(r.errLines().size() >= 1);
    QVERIFY2(QString::fromUtf8(r.err).contains(QStringLiteral("$.format")), qPrintable(r.describe()));

    // A typo in an expression: exit 3, nothing evaluated.
    QByteArray typo = RulePack::builtinBytes();
    QVERIFY(typo.contains("\"condition\": \"egfr_ckd_epi_2021 >= 30\""));
    typo.replace("\"condition\": \"egfr_ckd_epi_2021 >= 30\"", "\"condition\": \"egfr_ckd_epi_2012 >= 30\"");
    QVERIFY(writeFile(pack, typo));
    const Run r2
        = runCli({ QStringLiteral("evaluate"), example("V02-spec-example.json"), QStringLiteral("--rules"), pack });
    QVERIFY2(r2.exitCode == 3, qPrintable(r2.describe()));
    QVERIFY(r2.out.isEmpty());
    QVERIFY2(QString::fromUtf8(r2.err).contains(QStringLiteral("egfr_ckd_epi_2012")), qPrintable(r2.describe()));

    // Not JSON at all.
    QVERIFY(writeFile(pack, "this is not a pack"));
    const Run r3
        = runCli({ QStringLiteral("evaluate"), example("V02-spec-example.json"), QStringLiteral("--rules"), pack });
    QVERIFY2(r3.exitCode == 3, qPrintable(r3.describe()));
    QVERIFY(r3.out.isEmpty());

    // An invalid pack wins over a valid batch: nothing evaluated.
    const Run r4 = runCli(
        { QStringLiteral("evaluate"), QStringLiteral("--batch"), examplesDir(), QStringLiteral("--rules"), pack });
    QVERIFY2(r4.exitCode == 3, qPrintable(r4.describe()));
    QVERIFY(r4.out.isEmpty());
}

void TestCli::missingRulesPack()
{
    QTemporaryDir tmp;
    const Run r = runCli({ QStringLiteral("evaluate"), example("V02-spec-example.json"), QStringLiteral("--rules"),
        tmp.filePath(QStringLiteral("nope.json")) });
    QVERIFY2(r.exitCode == 66, qPrintable(r.describe()));
    QVERIFY(r.out.isEmpty());
}

void TestCli::rulesPackUsedForEvaluation()
{
    // A copy of the built-in pack with one extra byte: valid, and its own hash is reported.
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString pack = tmp.filePath(QStringLiteral("site-pack.json"));
    const QByteArray bytes = RulePack::builtinBytes() + "\n";
    QVERIFY(writeFile(pack, bytes));
    // Unsigned: refused (issue 6) with exit 3 and nothing on stdout ...
    const Run refused
        = runCli({ QStringLiteral("evaluate"), example("V02-spec-example.json"), QStringLiteral("--rules"), pack });
    QVERIFY2(refused.exitCode == 3, qPrintable(refused.describe()));
    QVERIFY(refused.out.isEmpty());
    QVERIFY2(refused.err.contains("signed by a trusted key"), qPrintable(refused.describe()));
    // ... and loaded with the explicit override, which warns on stderr.
    const Run r = runCli({ QStringLiteral("evaluate"), example("V02-spec-example.json"), QStringLiteral("--rules"),
        pack, QStringLiteral("--allow-unsigned") });
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY2(r.err.contains("WARNING"), qPrintable(r.describe()));
    const QJsonObject res = parseObject(r.out);
    const QString sha = res.value(QStringLiteral("rule_pack")).toObject().value(QStringLiteral("sha256")).toString();
    QCOMPARE(sha, QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
    QVERIFY(sha != builtinSha256());
}

void TestCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    const QString v02 = example("V02-spec-example.json");
    QTest::newRow("no arguments") << QStringList {};
    QTest::newRow("unknown command") << QStringList { QStringLiteral("frobnicate") };
    QTest::newRow("unknown command with file") << QStringList { QStringLiteral("evaluat"), v02 };
    QTest::newRow("unknown option") << QStringList { QStringLiteral("evaluate"), v02, QStringLiteral("--frobnicate") };
    QTest::newRow("unknown option before file")
        << QStringList { QStringLiteral("evaluate"), QStringLiteral("--verbose"), v02 };
    QTest::newRow("evaluate without case") << QStringList { QStringLiteral("evaluate") };
    QTest::newRow("evaluate with two cases") << QStringList { QStringLiteral("evaluate"), v02, v02 };
    QTest::newRow("--rules without value")
        << QStringList { QStringLiteral("evaluate"), v02, QStringLiteral("--rules") };
    QTest::newRow("--as-of without value")
        << QStringList { QStringLiteral("evaluate"), v02, QStringLiteral("--as-of") };
    QTest::newRow("--format without value")
        << QStringList { QStringLiteral("evaluate"), v02, QStringLiteral("--format") };
    QTest::newRow("--batch without value") << QStringList { QStringLiteral("evaluate"), QStringLiteral("--batch") };
    QTest::newRow("bad --format") << QStringList { QStringLiteral("evaluate"), v02, QStringLiteral("--format"),
        QStringLiteral("xml") };
    QTest::newRow("bad --as-of 2026-02-30")
        << QStringList { QStringLiteral("evaluate"), v02, QStringLiteral("--as-of"), QStringLiteral("2026-02-30") };
    QTest::newRow("bad --as-of 2026-13-01")
        << QStringList { QStringLiteral("evaluate"), v02, QStringLiteral("--as-of"), QStringLiteral("2026-13-01") };
    QTest::newRow("bad --as-of 01.06.2027")
        << QStringList { QStringLiteral("evaluate"), v02, QStringLiteral("--as-of"), QStringLiteral("01.06.2027") };
    QTest::newRow("bad --as-of 2027-6-1")
        << QStringList { QStringLiteral("evaluate"), v02, QStringLiteral("--as-of"), QStringLiteral("2027-6-1") };
    QTest::newRow("bad --as-of word") << QStringList { QStringLiteral("evaluate"), v02, QStringLiteral("--as-of"),
        QStringLiteral("tomorrow") };
    QTest::newRow("--version with argument") << QStringList { QStringLiteral("--version"), QStringLiteral("extra") };
    QTest::newRow("check-rules with two packs") << QStringList { QStringLiteral("check-rules"), v02, v02 };
}

void TestCli::usageErrors()
{
    QFETCH(QStringList, args);
    const Run r = runCli(args);
    QVERIFY2(r.exitCode == 64, qPrintable(r.describe()));
    QVERIFY2(r.out.isEmpty(), qPrintable(r.describe())); // diagnostics go to stderr
    QVERIFY(!r.err.isEmpty());
}

void TestCli::checkRules()
{
    const Run r = runCli({ QStringLiteral("check-rules") });
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QStringList lines = r.outLines();
    QVERIFY(!lines.isEmpty());
    QCOMPARE(lines.last(), QStringLiteral("20 passed, 0 failed"));

    // The built-in pack given as a file gives the same answer.
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString pack = tmp.filePath(QStringLiteral("pack.json"));
    QVERIFY(writeFile(pack, RulePack::builtinBytes()));
    const Run r2 = runCli({ QStringLiteral("check-rules"), pack });
    QVERIFY2(r2.exitCode == 0, qPrintable(r2.describe()));
    QCOMPARE(r2.outLines().value(r2.outLines().size() - 1), QStringLiteral("20 passed, 0 failed"));
}

void TestCli::checkRulesBrokenVignette()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString pack = tmp.filePath(QStringLiteral("pack.json"));
    QVERIFY(writeFile(pack, packWithBrokenVignette()));
    const Run r = runCli({ QStringLiteral("check-rules"), pack });
    QVERIFY2(r.exitCode == 1, qPrintable(r.describe()));
    const QStringList lines = r.outLines();
    QVERIFY(!lines.isEmpty());
    QCOMPARE(lines.last(), QStringLiteral("19 passed, 1 failed"));
    QVERIFY2(QString::fromUtf8(r.out).contains(QStringLiteral("V02-spec-example")), qPrintable(r.describe()));
}

void TestCli::checkRulesInvalidPack()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString pack = tmp.filePath(QStringLiteral("pack.json"));
    QByteArray bytes = RulePack::builtinBytes();
    QVERIFY(bytes.contains("\"disease == \\\"IIM\\\"\""));
    bytes.replace("\"disease == \\\"IIM\\\"\"", "\"disease == \\\"LUPUS\\\"\"");
    QVERIFY(writeFile(pack, bytes));
    const Run r = runCli({ QStringLiteral("check-rules"), pack });
    QVERIFY2(r.exitCode == 3, qPrintable(r.describe()));
    QVERIFY2(r.out.isEmpty(), qPrintable(r.describe()));
    QVERIFY2(QString::fromUtf8(r.err).contains(QStringLiteral("LUPUS")), qPrintable(r.describe()));
    for (const QString &l : r.errLines())
        QVERIFY2(l.contains(QStringLiteral("$")), qPrintable(l)); // every line names a JSON path

    const Run missing = runCli({ QStringLiteral("check-rules"), tmp.filePath(QStringLiteral("nope.json")) });
    QVERIFY2(missing.exitCode == 66, qPrintable(missing.describe()));
}

void TestCli::batchJsonl()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QStringList files = exampleFiles();
    QVERIFY(files.size() >= 3);
    auto compact
        = [](const QString &file) { return QJsonDocument::fromJson(readAll(file)).toJson(QJsonDocument::Compact); };
    const QByteArray good1 = compact(files[0]);
    const QByteArray good2 = compact(files[1]);
    const QByteArray good3 = compact(files[2]);
    QVERIFY(!good1.isEmpty() && !good2.isEmpty() && !good3.isEmpty());
    const QByteArray malformed = R"({"format": "consilium-case/1", "id": "broken-json", "facts": {)";
    const QByteArray unknownKey = smallCase({}, R"("colour": "red")").replace("cli-001", "bad-key");
    const QByteArray jsonl = good1 + '\n' + malformed + '\n' + good2 + '\n' + unknownKey + '\n' + good3 + '\n';
    const QString path = tmp.filePath(QStringLiteral("cases.jsonl"));
    QVERIFY(writeFile(path, jsonl));

    const Run r = runCli({ QStringLiteral("evaluate"), QStringLiteral("--batch"), path });
    QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
    const QStringList lines = r.outLines();
    QCOMPARE(lines.size(), 5);
    QList<QJsonObject> objs;
    for (const QString &l : lines) {
        QString error;
        objs.append(parseObject(l.toUtf8(), &error));
        QVERIFY2(error.isEmpty(), qPrintable(l.left(300)));
    }
    // Good lines are results, in input order.
    const int goodIdx[3] = { 0, 2, 4 };
    const QByteArray goodSrc[3] = { good1, good2, good3 };
    for (int k = 0; k < 3; ++k) {
        const QJsonObject &o = objs[goodIdx[k]];
        QCOMPARE(o.value(QStringLiteral("format")).toString(), QStringLiteral("consilium-result/1"));
        QCOMPARE(o.value(QStringLiteral("case_id")).toString(),
            parseObject(goodSrc[k]).value(QStringLiteral("id")).toString());
        QCOMPARE(o.value(QStringLiteral("arms")).toObject().keys().size(), 4);
    }
    // Bad lines: {"case_id": …, "line": N, "input_errors": ["<path>: <reason>", …]} with 1-based line numbers.
    const QJsonObject &bad1 = objs[1];
    QVERIFY(!bad1.contains(QStringLiteral("format")));
    QVERIFY(bad1.contains(QStringLiteral("case_id")));
    QCOMPARE(bad1.value(QStringLiteral("line")).toInt(), 2);
    QVERIFY(bad1.value(QStringLiteral("input_errors")).isArray());
    QVERIFY(!bad1.value(QStringLiteral("input_errors")).toArray().isEmpty());
    for (const QJsonValue &e : bad1.value(QStringLiteral("input_errors")).toArray())
        QVERIFY2(e.toString().startsWith(QLatin1Char('$')), qPrintable(e.toString()));

    const QJsonObject &bad2 = objs[3];
    QCOMPARE(bad2.value(QStringLiteral("case_id")).toString(), QStringLiteral("bad-key"));
    QCOMPARE(bad2.value(QStringLiteral("line")).toInt(), 4);
    const QJsonArray errors = bad2.value(QStringLiteral("input_errors")).toArray();
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors[0].toString().startsWith(QStringLiteral("$.colour: ")), qPrintable(errors[0].toString()));

    // All good: exit 0.
    QVERIFY(writeFile(path, good1 + '\n' + good2 + '\n'));
    const Run ok = runCli({ QStringLiteral("evaluate"), QStringLiteral("--batch"), path });
    QVERIFY2(ok.exitCode == 0, qPrintable(ok.describe()));
    QCOMPARE(ok.outLines().size(), 2);

    // --as-of applies to every case of the batch.
    const Run moved = runCli({ QStringLiteral("evaluate"), QStringLiteral("--batch"), path, QStringLiteral("--as-of"),
        QStringLiteral("2027-06-01") });
    QVERIFY2(moved.exitCode == 0, qPrintable(moved.describe()));
    for (const QString &l : moved.outLines())
        QCOMPARE(parseObject(l.toUtf8()).value(QStringLiteral("as_of")).toString(), QStringLiteral("2027-06-01"));
}

void TestCli::batchDirectory()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    QSet<QString> ids;
    const QStringList files = exampleFiles();
    for (const QString &f : files) {
        QVERIFY(QFile::copy(f, tmp.filePath(QFileInfo(f).fileName())));
        ids.insert(parseObject(readAll(f)).value(QStringLiteral("id")).toString());
    }
    const Run r = runCli({ QStringLiteral("evaluate"), QStringLiteral("--batch"), tmp.path() });
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QStringList lines = r.outLines();
    QCOMPARE(lines.size(), 12);
    QCOMPARE(lines.size(), files.size());
    QSet<QString> seen;
    for (const QString &l : lines) {
        const QJsonObject o = parseObject(l.toUtf8());
        QCOMPARE(o.value(QStringLiteral("format")).toString(), QStringLiteral("consilium-result/1"));
        seen.insert(o.value(QStringLiteral("case_id")).toString());
    }
    QCOMPARE(seen, ids);

    // One bad file in the directory: it gets an error line, the others are still evaluated, exit 2.
    QVERIFY(writeFile(tmp.filePath(QStringLiteral("zz-bad.json")), smallCase(R"("hbsag": "maybe")")));
    const Run bad = runCli({ QStringLiteral("evaluate"), QStringLiteral("--batch"), tmp.path() });
    QVERIFY2(bad.exitCode == 2, qPrintable(bad.describe()));
    QCOMPARE(bad.outLines().size(), 13);
    int errorLines = 0;
    for (const QString &l : bad.outLines()) {
        const QJsonObject o = parseObject(l.toUtf8());
        if (o.contains(QStringLiteral("input_errors"))) {
            ++errorLines;
            QCOMPARE(o.value(QStringLiteral("case_id")).toString(), QStringLiteral("cli-001"));
            QVERIFY(o.value(QStringLiteral("input_errors"))
                        .toArray()
                        .first()
                        .toString()
                        .startsWith(QStringLiteral("$.facts.hbsag: ")));
        }
    }
    QCOMPARE(errorLines, 1);
}

void TestCli::batchMissing()
{
    QTemporaryDir tmp;
    const Run r = runCli(
        { QStringLiteral("evaluate"), QStringLiteral("--batch"), tmp.filePath(QStringLiteral("nothing.jsonl")) });
    QVERIFY2(r.exitCode == 66, qPrintable(r.describe()));
    QVERIFY(r.out.isEmpty());
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
