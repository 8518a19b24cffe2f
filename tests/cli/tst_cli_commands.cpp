// SPDX-License-Identifier: GPL-3.0-or-later
// The command-line framework of consilium-cli (docs/cli.md): `--help` on every command and
// group, each command accepts only its own options, and no option is ever taken as a file name.
#include "CliRun.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>

namespace {

// The names listed under "Commands:" in a group's help.
QStringList listedCommands(const QString &help)
{
    QStringList names;
    const qsizetype start = help.indexOf(QLatin1String("\nCommands:\n"));
    if (start < 0)
        return names;
    const QStringList lines = help.mid(start + 11).split(QLatin1Char('\n'));
    static const QRegularExpression entry(QStringLiteral("^  ([a-z-]+)  "));
    for (const QString &line : lines) {
        if (line.isEmpty())
            break;
        const auto m = entry.match(line);
        if (m.hasMatch())
            names << m.captured(1);
    }
    return names;
}

QString example(const char *name)
{
    return QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/examples/") + QLatin1String(name);
}

} // namespace

class TestCliCommands : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void helpOnEveryCommand();
    void keygenHelpWritesNoKey();
    void foreignOption_data();
    void foreignOption();
    void unknownCommand_data();
    void unknownCommand();
    void argumentCount_data();
    void argumentCount();
    void optionTakenAsFileName_data();
    void optionTakenAsFileName();
    void dbWithUnsupportedScheme_data();
    void dbWithUnsupportedScheme();
    void dbOnAnUnreachableServer();
    void dbPathsStayPaths();
    void siteOptionsSettingValidated();
    void impactOfACandidatePack();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCliCommands::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestCliCommands::helpOnEveryCommand()
{
    // Walk the tree as the help of each group lists it; every command must be reached.
    QStringList commands;
    QStringList groups { QString() };
    while (!groups.isEmpty()) {
        const QString group = groups.takeFirst();
        QStringList path = group.isEmpty() ? QStringList() : group.split(QLatin1Char(' '));
        const Run r = runCli(path + QStringList { QStringLiteral("--help") }, m_dir->path());
        QVERIFY2(r.exitCode == 0 && r.err.isEmpty(), qPrintable(group + QLatin1Char('\n') + r.describe()));
        for (const QString &name : listedCommands(r.out)) {
            const QString full = group.isEmpty() ? name : group + QLatin1Char(' ') + name;
            commands << full;
            const Run sub
                = runCli(full.split(QLatin1Char(' ')) + QStringList { QStringLiteral("--help") }, m_dir->path());
            if (listedCommands(sub.out).isEmpty())
                continue;
            groups << full;
        }
    }
    const QStringList expected { QStringLiteral("evaluate"), QStringLiteral("check-rules"),
        QStringLiteral("import-fhir"), QStringLiteral("pack"), QStringLiteral("pack keygen"),
        QStringLiteral("pack sign"), QStringLiteral("pack verify"), QStringLiteral("db"), QStringLiteral("db init"),
        QStringLiteral("db import"), QStringLiteral("db export"), QStringLiteral("db list"), QStringLiteral("db show"),
        QStringLiteral("db evaluate"), QStringLiteral("db archive"), QStringLiteral("db unarchive"),
        QStringLiteral("db purge"), QStringLiteral("db replay"), QStringLiteral("db verify-audit"),
        QStringLiteral("db backup"), QStringLiteral("db settings"), QStringLiteral("db settings get"),
        QStringLiteral("db settings set"), QStringLiteral("db impact"), QStringLiteral("db copy"),
        QStringLiteral("db conference"), QStringLiteral("db conference create"),
        QStringLiteral("db conference add-case"), QStringLiteral("db conference show"),
        QStringLiteral("db conference list"), QStringLiteral("db decide"), QStringLiteral("db outcome"),
        QStringLiteral("db position"), QStringLiteral("db override"), QStringLiteral("db finalise"),
        QStringLiteral("db correct"), QStringLiteral("db decision"), QStringLiteral("db follow-up"),
        QStringLiteral("db due"), QStringLiteral("db registry-extract") };
    for (const QString &c : expected)
        QVERIFY2(commands.contains(c), qPrintable(c + QStringLiteral(" is not listed in its group's help")));
    QCOMPARE(commands.size(), expected.size());

    for (const QString &c : commands) {
        for (const char *help : { "--help", "-h" }) {
            const Run r = runCli(c.split(QLatin1Char(' ')) + QStringList { QLatin1String(help) }, m_dir->path());
            const QString what = c + QLatin1Char(' ') + QLatin1String(help) + QLatin1Char('\n') + r.describe();
            QVERIFY2(r.exitCode == 0, qPrintable(what));
            QVERIFY2(r.err.isEmpty(), qPrintable(what));
            QVERIFY2(r.out.startsWith(QStringLiteral("Usage: consilium-cli %1 ").arg(c)), qPrintable(what));
            QVERIFY2(r.out.contains(QLatin1String("--help")) || r.out.contains(QLatin1String("Commands:")),
                qPrintable(what));
        }
    }
    // The program's own help and its options.
    const Run top = runCli({ QStringLiteral("-h") }, m_dir->path());
    QVERIFY2(
        top.exitCode == 0 && top.out.startsWith(QLatin1String("Usage: consilium-cli ")), qPrintable(top.describe()));
    QVERIFY(QDir(m_dir->path()).isEmpty()); // help created no database, key or other file
}

void TestCliCommands::keygenHelpWritesNoKey()
{
    const QDir dir(m_dir->path());
    for (const QStringList &args : { QStringList { QStringLiteral("--help") }, QStringList { QStringLiteral("-h") } }) {
        const Run r = runCli(QStringList { QStringLiteral("pack"), QStringLiteral("keygen") } + args, m_dir->path());
        QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
        QVERIFY2(r.out.contains(QLatin1String("KEYFILE")), qPrintable(r.describe()));
        QVERIFY2(dir.isEmpty(), qPrintable(dir.entryList(QDir::AllEntries | QDir::Hidden).join(QLatin1Char(' '))));
    }
    // Even after "--", a name that looks like an option is refused rather than created.
    const Run dashed
        = runCli({ QStringLiteral("pack"), QStringLiteral("keygen"), QStringLiteral("--"), QStringLiteral("--help") },
            m_dir->path());
    QVERIFY2(dashed.exitCode == 64, qPrintable(dashed.describe()));
    QVERIFY2(dashed.err.contains(QLatin1String("KEYFILE")), qPrintable(dashed.describe()));
    QVERIFY(dir.isEmpty());
    // A real name still makes a key pair.
    const Run made
        = runCli({ QStringLiteral("pack"), QStringLiteral("keygen"), QStringLiteral("site.key") }, m_dir->path());
    QVERIFY2(made.exitCode == 0, qPrintable(made.describe()));
    QVERIFY(dir.exists(QStringLiteral("site.key")) && dir.exists(QStringLiteral("site.key.pub")));
}

void TestCliCommands::foreignOption_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("option");
    const QString v02 = example("V02-spec-example.json");
    QTest::newRow("db list --confirm") << QStringList { QStringLiteral("db"), QStringLiteral("list"),
        QStringLiteral("--confirm"), QStringLiteral("X") }
                                       << QStringLiteral("--confirm");
    QTest::newRow("evaluate --participant")
        << QStringList { QStringLiteral("evaluate"), v02, QStringLiteral("--participant"), QStringLiteral("x") }
        << QStringLiteral("--participant");
    QTest::newRow("db init --rules") << QStringList { QStringLiteral("db"), QStringLiteral("init"),
        QStringLiteral("--rules"), QStringLiteral("p.json") }
                                     << QStringLiteral("--rules");
    QTest::newRow("db show --all") << QStringList { QStringLiteral("db"), QStringLiteral("show"), QStringLiteral("X"),
        QStringLiteral("--all") } << QStringLiteral("--all");
    QTest::newRow("db decision --arm") << QStringList { QStringLiteral("db"), QStringLiteral("decision"),
        QStringLiteral("1"), QStringLiteral("--arm"), QStringLiteral("auto") }
                                       << QStringLiteral("--arm");
    QTest::newRow("check-rules --batch") << QStringList { QStringLiteral("check-rules"), QStringLiteral("--batch"),
        QStringLiteral("x") } << QStringLiteral("--batch");
    QTest::newRow("pack sign --key") << QStringList { QStringLiteral("pack"), QStringLiteral("sign"),
        QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("--key"), QStringLiteral("c") }
                                     << QStringLiteral("--key");
    QTest::newRow("evaluate --db") << QStringList { QStringLiteral("evaluate"), v02, QStringLiteral("--db"),
        QStringLiteral("x.db") } << QStringLiteral("--db");
}

void TestCliCommands::foreignOption()
{
    QFETCH(QStringList, args);
    QFETCH(QString, option);
    const Run r = runCli(args, m_dir->path());
    QVERIFY2(r.exitCode == 64, qPrintable(r.describe()));
    QVERIFY2(r.out.isEmpty(), qPrintable(r.describe()));
    QVERIFY2(r.err.contains(QStringLiteral("unknown option %1").arg(option)), qPrintable(r.describe()));
    QVERIFY(QDir(m_dir->path()).isEmpty());
}

void TestCliCommands::unknownCommand_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("top") << QStringList { QStringLiteral("frobnicate") };
    QTest::newRow("pack") << QStringList { QStringLiteral("pack"), QStringLiteral("frobnicate") };
    QTest::newRow("db") << QStringList { QStringLiteral("db"), QStringLiteral("frobnicate"), QStringLiteral("x") };
    QTest::newRow("db conference") << QStringList { QStringLiteral("db"), QStringLiteral("conference"),
        QStringLiteral("frobnicate") };
    QTest::newRow("db settings") << QStringList { QStringLiteral("db"), QStringLiteral("settings"),
        QStringLiteral("frobnicate") };
}

void TestCliCommands::unknownCommand()
{
    QFETCH(QStringList, args);
    const Run r = runCli(args, m_dir->path());
    QVERIFY2(r.exitCode == 64, qPrintable(r.describe()));
    QVERIFY2(r.out.isEmpty(), qPrintable(r.describe()));
    QVERIFY2(r.err.contains(QLatin1String("unknown command 'frobnicate'")), qPrintable(r.describe()));
}

void TestCliCommands::argumentCount_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("named");
    QTest::newRow("sign without key") << QStringList { QStringLiteral("pack"), QStringLiteral("sign"),
        QStringLiteral("p.json") } << QStringLiteral("missing KEYFILE");
    QTest::newRow("show without case") << QStringList { QStringLiteral("db"), QStringLiteral("show") }
                                       << QStringLiteral("missing CASE_ID");
    QTest::newRow("settings set without value")
        << QStringList { QStringLiteral("db"), QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("k") }
        << QStringLiteral("missing VALUE");
    QTest::newRow("init with argument") << QStringList { QStringLiteral("db"), QStringLiteral("init"),
        QStringLiteral("extra") } << QStringLiteral("\"extra\"");
    QTest::newRow("verify with three files") << QStringList { QStringLiteral("pack"), QStringLiteral("verify"),
        QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") }
                                             << QStringLiteral("unexpected argument \"c\"");
    QTest::newRow("export without dir") << QStringList { QStringLiteral("db"), QStringLiteral("export") }
                                        << QStringLiteral("CASE_ID|--all DIR");
}

void TestCliCommands::argumentCount()
{
    QFETCH(QStringList, args);
    QFETCH(QString, named);
    const Run r = runCli(args, m_dir->path());
    QVERIFY2(r.exitCode == 64, qPrintable(r.describe()));
    QVERIFY2(r.err.contains(named), qPrintable(r.describe()));
    QVERIFY(QDir(m_dir->path()).isEmpty());
}

void TestCliCommands::optionTakenAsFileName_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("named");
    const QString v02 = example("V02-spec-example.json");
    QTest::newRow("--rules --allow-unsigned") << QStringList { QStringLiteral("evaluate"), v02,
        QStringLiteral("--rules"), QStringLiteral("--allow-unsigned") }
                                              << QStringLiteral("--rules");
    QTest::newRow("--db -x") << QStringList { QStringLiteral("db"), QStringLiteral("init"), QStringLiteral("--db"),
        QStringLiteral("-x") }
                             << QStringLiteral("--db");
    QTest::newRow("backup -- -f") << QStringList { QStringLiteral("db"), QStringLiteral("backup"), QStringLiteral("--"),
        QStringLiteral("-f") } << QStringLiteral("FILE");
    QTest::newRow("export --all DIR=-o") << QStringList { QStringLiteral("db"), QStringLiteral("export"),
        QStringLiteral("--all"), QStringLiteral("--"), QStringLiteral("-o") }
                                         << QStringLiteral("DIR");
}

void TestCliCommands::optionTakenAsFileName()
{
    QFETCH(QStringList, args);
    QFETCH(QString, named);
    const Run r = runCli(args, m_dir->path());
    QVERIFY2(r.exitCode == 64, qPrintable(r.describe()));
    QVERIFY2(r.err.contains(named + QStringLiteral(" must be a file name")), qPrintable(r.describe()));
    QVERIFY(QDir(m_dir->path()).isEmpty());
}

void TestCliCommands::dbWithUnsupportedScheme_data()
{
    // issue 13, docs/cli.md#database-location: a --db value with a URI scheme this version does not
    // support is a usage error naming the scheme, on every db command, and creates nothing.
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("named");
    // A PostgreSQL URI is supported, but never with a password in it (libpq reads passwords from
    // PGPASSWORD, ~/.pgpass or a service file), nor with a parameter Consilium does not pass on.
    QTest::newRow("db import postgres:// with a password")
        << QStringList { QStringLiteral("db"), QStringLiteral("import"), QStringLiteral("--db"),
               QStringLiteral("postgres://u:secret@h/db"), example("V02-spec-example.json") }
        << QStringLiteral("PostgreSQL location (postgres://…) cannot be used: it contains a password");
    QTest::newRow("db list postgresql:// with an unknown parameter")
        << QStringList { QStringLiteral("db"), QStringLiteral("list"), QStringLiteral("--db"),
               QStringLiteral("postgresql://h/db?application_name=x") }
        << QStringLiteral("the parameter \"application_name\" is not supported");
    QTest::newRow("db verify-audit mysql://") << QStringList { QStringLiteral("db"), QStringLiteral("verify-audit"),
        QStringLiteral("--db"), QStringLiteral("mysql://x") }
                                              << QStringLiteral("\"mysql:\"");
}

// issue 13: a postgresql:// location is a server, never a path. With no server listening, the
// command fails naming the location and creates nothing (it once created "./postgresql:/…").
void TestCliCommands::dbOnAnUnreachableServer()
{
    const QString uri = QStringLiteral("postgresql://consilium@127.0.0.1:1/consilium");
    const Run r = runCli({ QStringLiteral("db"), QStringLiteral("init"), QStringLiteral("--db"), uri }, m_dir->path());
    QVERIFY2(r.exitCode == 66, qPrintable(r.describe())); // docs/cli.md: a database that cannot be opened
    QVERIFY2(r.err.contains(QStringLiteral("cannot open ") + uri), qPrintable(r.describe()));
    QVERIFY(QDir(m_dir->path()).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));
}

void TestCliCommands::dbWithUnsupportedScheme()
{
    QFETCH(QStringList, args);
    QFETCH(QString, named);
    const Run r = runCli(args, m_dir->path());
    QVERIFY2(r.exitCode == 64, qPrintable(r.describe()));
    QVERIFY2(r.out.isEmpty(), qPrintable(r.describe()));
    QVERIFY2(r.err.contains(named), qPrintable(r.describe()));
    QVERIFY2(!r.err.contains(QLatin1String("secret")), qPrintable(r.describe())); // a password is not echoed
    // No directory "postgresql:" (or anything else) was created.
    const QDir dir(m_dir->path());
    QVERIFY2(dir.isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
        qPrintable(dir.entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).join(QLatin1Char(' '))));
}

void TestCliCommands::dbPathsStayPaths()
{
    // A path with a colon after a slash, and a file: URL, are SQLite files.
    const QDir dir(m_dir->path());
    const Run odd = runCli(
        { QStringLiteral("db"), QStringLiteral("init"), QStringLiteral("--db"), QStringLiteral("./odd:name.sqlite") },
        m_dir->path());
    QVERIFY2(odd.exitCode == 0, qPrintable(odd.describe()));
    QVERIFY(dir.exists(QStringLiteral("odd:name.sqlite")));
    const QString url = QUrl::fromLocalFile(dir.filePath(QStringLiteral("url.sqlite"))).toString();
    QVERIFY(url.startsWith(QLatin1String("file:")));
    const Run viaUrl
        = runCli({ QStringLiteral("db"), QStringLiteral("init"), QStringLiteral("--db"), url }, m_dir->path());
    QVERIFY2(viaUrl.exitCode == 0, qPrintable(viaUrl.describe()));
    QVERIFY(dir.exists(QStringLiteral("url.sqlite")));
    QVERIFY(!dir.exists(QStringLiteral("file:")));
}

void TestCliCommands::siteOptionsSettingValidated()
{
    // docs/store.md#site-settings: option id -> "offered" | "referral" | "not_offered".
    const QStringList db { QStringLiteral("--db"), QStringLiteral("site.sqlite") };
    QVERIFY(runCli(QStringList { QStringLiteral("db"), QStringLiteral("init") } + db, m_dir->path()).exitCode == 0);
    auto set = [&](const QString &value) {
        return runCli(QStringList { QStringLiteral("db"), QStringLiteral("settings"), QStringLiteral("set"),
                          QStringLiteral("site_options"), value }
                + db,
            m_dir->path());
    };
    auto get = [&] {
        return runCli(QStringList { QStringLiteral("db"), QStringLiteral("settings"), QStringLiteral("get"),
                          QStringLiteral("site_options") }
                + db,
            m_dir->path());
    };
    const Run bad = set(QStringLiteral(R"({"auto-kysa-8": "maybe"})"));
    QVERIFY2(bad.exitCode == 64, qPrintable(bad.describe()));
    QVERIFY2(bad.err.contains(QLatin1String(
                 "site_options: $[\"auto-kysa-8\"]: must be \"offered\", \"referral\" or \"not_offered\"")),
        qPrintable(bad.describe()));
    const Run notObject = set(QStringLiteral(R"(["auto-kysa-8"])"));
    QVERIFY2(
        notObject.exitCode == 64 && notObject.err.contains(QLatin1String("site_options: $: must be a JSON object")),
        qPrintable(notObject.describe()));
    const Run unset = get();
    QVERIFY2(!unset.out.contains(QLatin1String("auto-kysa-8")), qPrintable(unset.describe())); // nothing stored
    const Run good = set(QStringLiteral(R"({"auto-kysa-8": "referral"})"));
    QVERIFY2(good.exitCode == 0, qPrintable(good.describe()));
    const Run stored = get();
    QVERIFY2(stored.out.contains(QLatin1String(R"("auto-kysa-8")")) && stored.out.contains(QLatin1String("referral")),
        qPrintable(stored.describe()));
}

void TestCliCommands::impactOfACandidatePack()
{
    // docs/cli.md#db-impact: the built-in pack with ALLO-HEM-02 at ≥ 50 instead of ≥ 30; of three
    // stored cases (platelets 20, 40, 60) only the 40 one changes; nothing is stored.
    const QDir dir(m_dir->path());
    QFile builtin(QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/packs/consilium-reference.json"));
    QVERIFY(builtin.open(QIODevice::ReadOnly));
    QByteArray pack = builtin.readAll();
    const qsizetype at = pack.indexOf("platelets >= 30", pack.indexOf("\"id\": \"ALLO-HEM-02\""));
    QVERIFY(at > 0);
    pack.replace(at, 15, "platelets >= 50");
    QFile candidate(dir.filePath(QStringLiteral("candidate.json")));
    QVERIFY(candidate.open(QIODevice::WriteOnly) && candidate.write(pack) == pack.size());
    candidate.close();
    QFile e01(QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/examples/options-2026.2/E01-sle-plt60.json"));
    QVERIFY(e01.open(QIODevice::ReadOnly));
    const QByteArray base = e01.readAll();
    QDir().mkpath(dir.filePath(QStringLiteral("cases")));
    for (const int plt : { 20, 40, 60 }) {
        QByteArray c = base;
        c.replace("\"id\": \"E01-sle-plt60\"", QByteArray("\"id\": \"plt-") + QByteArray::number(plt) + '"');
        c.replace("\"platelets\": {\"value\": 60,",
            QByteArray("\"platelets\": {\"value\": ") + QByteArray::number(plt) + ',');
        QFile f(dir.filePath(QStringLiteral("cases/plt-%1.json").arg(plt)));
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write(c) == c.size());
    }
    const QStringList db { QStringLiteral("--db"), QStringLiteral("impact.sqlite") };
    const Run imported = runCli(
        QStringList { QStringLiteral("db"), QStringLiteral("import"), QStringLiteral("cases") } + db, m_dir->path());
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.describe()));
    const QStringList impact { QStringLiteral("db"), QStringLiteral("impact"), QStringLiteral("--rules"),
        QStringLiteral("candidate.json"), QStringLiteral("--allow-unsigned") };
    const Run csv
        = runCli(impact + db + QStringList { QStringLiteral("--format"), QStringLiteral("csv") }, m_dir->path());
    QVERIFY2(csv.exitCode == 0, qPrintable(csv.describe()));
    QStringList rows = csv.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(rows.takeFirst(), QStringLiteral("case_id,version,kind,key,before,after"));
    QVERIFY(!rows.isEmpty());
    for (const QString &row : rows)
        QVERIFY2(row.startsWith(QLatin1String("plt-40,1,")), qPrintable(row));
    QVERIFY(rows.contains(QStringLiteral("plt-40,1,verdict,allogeneic_car_t,eligible,ineligible")));
    QVERIFY(rows.contains(QStringLiteral("plt-40,1,criterion,ALLO-HEM-02,met,not_met")));
    const Run json
        = runCli(impact + db + QStringList { QStringLiteral("--format"), QStringLiteral("json") }, m_dir->path());
    QVERIFY2(json.exitCode == 0, qPrintable(json.describe()));
    const QJsonObject o = QJsonDocument::fromJson(json.out.toUtf8()).object();
    QCOMPARE(o.value(QStringLiteral("format")).toString(), QStringLiteral("consilium-impact/1"));
    QCOMPARE(o.value(QStringLiteral("cases")).toInt(), 3);
    QCOMPARE(o.value(QStringLiteral("changed_cases")).toArray().size(), 1);
    const Run text = runCli(impact + db, m_dir->path());
    QVERIFY2(
        text.out.contains(QStringLiteral("allogeneic_car_t: eligible → ineligible: 1")), qPrintable(text.describe()));
    // Without a candidate: a usage error naming it.
    const Run none = runCli(QStringList { QStringLiteral("db"), QStringLiteral("impact") } + db, m_dir->path());
    QVERIFY2(
        none.exitCode == 64 && none.err.contains(QLatin1String("--rules CANDIDATE.json")), qPrintable(none.describe()));
}

QTEST_GUILESS_MAIN(TestCliCommands)
#include "tst_cli_commands.moc"
