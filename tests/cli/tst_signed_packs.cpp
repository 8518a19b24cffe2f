// SPDX-License-Identifier: GPL-3.0-or-later
// Signed rule packs (issue 6): keygen/sign/verify, the trust store, refusal of altered or
// untrusted packs, and the explicit --allow-unsigned override.
#include "rules/RulePack.h"
#include "trust/PackSignature.h"
#include "trust/TrustedPack.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace consilium;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run cli(const QStringList &args, const QString &trustedDirs)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("CONSILIUM_TRUSTED_KEYS"), trustedDirs);
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(CONSILIUM_CLI_PATH), args);
    p.waitForFinished(60000);
    return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
        p.readAllStandardError() };
}

bool write(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QByteArray read(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestSignedPacks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void keygenWritesOwnerOnlyPrivateKey();
    void signAndVerifyWithKey();
    void oneByteChangeIsRefused();
    void unknownKeyIsRefused();
    void trustedPackLoadsForEvaluation();
    void untrustedPackNeedsOverride();
    void importRunsVignettes();
    void builtinHashRecordedAtBuildTime();
    void overrideIsAuditedWithADatabase();

private:
    QTemporaryDir m_dir;
    QString m_trusted; // directory holding the trusted public key
    QString m_key; // trusted private key
    QString m_other; // untrusted private key
    QString m_pack; // a copy of the reference pack, signed by m_key
};

void TestSignedPacks::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_trusted = m_dir.filePath(QStringLiteral("trusted"));
    QVERIFY(QDir().mkpath(m_trusted));
    m_key = m_dir.filePath(QStringLiteral("site.key"));
    m_other = m_dir.filePath(QStringLiteral("other.key"));
    QCOMPARE(cli({ QStringLiteral("pack"), QStringLiteral("keygen"), m_key }, m_trusted).exitCode, 0);
    QCOMPARE(cli({ QStringLiteral("pack"), QStringLiteral("keygen"), m_other }, m_trusted).exitCode, 0);
    QVERIFY(QFile::copy(m_key + QStringLiteral(".pub"), m_trusted + QStringLiteral("/site.pub")));
    m_pack = m_dir.filePath(QStringLiteral("site-pack.json"));
    QVERIFY(write(m_pack, RulePack::builtinBytes()));
    const Run s = cli({ QStringLiteral("pack"), QStringLiteral("sign"), m_pack, m_key }, m_trusted);
    QVERIFY2(s.exitCode == 0, s.err.constData());
    QVERIFY(QFile::exists(m_pack + QStringLiteral(".sig")));
}

void TestSignedPacks::keygenWritesOwnerOnlyPrivateKey()
{
    const QFile::Permissions perms = QFile::permissions(m_key);
    QVERIFY(perms & QFile::ReadOwner);
    QVERIFY(!(perms & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther)));
    QVERIFY(read(m_key).startsWith("-----BEGIN PRIVATE KEY-----"));
    QVERIFY(read(m_key + QStringLiteral(".pub")).startsWith("-----BEGIN PUBLIC KEY-----"));
    // Never overwrites an existing key.
    QCOMPARE(cli({ QStringLiteral("pack"), QStringLiteral("keygen"), m_key }, m_trusted).exitCode, 1);
}

void TestSignedPacks::signAndVerifyWithKey()
{
    const Run v = cli({ QStringLiteral("pack"), QStringLiteral("verify"), m_pack, m_pack + QStringLiteral(".sig"),
                          QStringLiteral("--key"), m_key + QStringLiteral(".pub") },
        m_trusted);
    QVERIFY2(v.exitCode == 0, v.out.constData());
    QVERIFY(v.out.startsWith("VALID"));
    // With the trust store instead of --key.
    QCOMPARE(
        cli({ QStringLiteral("pack"), QStringLiteral("verify"), m_pack, m_pack + QStringLiteral(".sig") }, m_trusted)
            .exitCode,
        0);
    // The other key does not verify it.
    const Run wrong = cli({ QStringLiteral("pack"), QStringLiteral("verify"), m_pack, m_pack + QStringLiteral(".sig"),
                              QStringLiteral("--key"), m_other + QStringLiteral(".pub") },
        m_trusted);
    QCOMPARE(wrong.exitCode, 1);
    QVERIFY(wrong.out.startsWith("INVALID"));
}

void TestSignedPacks::oneByteChangeIsRefused()
{
    const QString altered = m_dir.filePath(QStringLiteral("altered.json"));
    QByteArray bytes = read(m_pack);
    const qsizetype at = bytes.indexOf("\"version\": \"2026.2\"");
    QVERIFY(at > 0);
    bytes[at + 17] = '3'; // 2026.2 -> 2026.3: still a valid pack, one byte different
    QVERIFY(write(altered, bytes));
    QVERIFY(QFile::copy(m_pack + QStringLiteral(".sig"), altered + QStringLiteral(".sig")));
    const Run v = cli(
        { QStringLiteral("pack"), QStringLiteral("verify"), altered, altered + QStringLiteral(".sig") }, m_trusted);
    QCOMPARE(v.exitCode, 1);
    const Run e = cli({ QStringLiteral("evaluate"),
                          QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/examples/V01-sle-ln-si-units.json"),
                          QStringLiteral("--rules"), altered },
        m_trusted);
    QCOMPARE(e.exitCode, 3);
    QVERIFY(e.out.isEmpty());
    QVERIFY2(e.err.contains("does not match"), e.err.constData());
}

void TestSignedPacks::unknownKeyIsRefused()
{
    const QString other = m_dir.filePath(QStringLiteral("other-pack.json"));
    QVERIFY(write(other, RulePack::builtinBytes()));
    QCOMPARE(cli({ QStringLiteral("pack"), QStringLiteral("sign"), other, m_other }, m_trusted).exitCode, 0);
    const Run v
        = cli({ QStringLiteral("pack"), QStringLiteral("verify"), other, other + QStringLiteral(".sig") }, m_trusted);
    QCOMPARE(v.exitCode, 1);
    QVERIFY(v.out.contains("not trusted"));
    const Run e = cli({ QStringLiteral("evaluate"),
                          QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/examples/V01-sle-ln-si-units.json"),
                          QStringLiteral("--rules"), other },
        m_trusted);
    QCOMPARE(e.exitCode, 3);
    QVERIFY(e.out.isEmpty());
}

void TestSignedPacks::trustedPackLoadsForEvaluation()
{
    const Run e = cli({ QStringLiteral("evaluate"),
                          QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/examples/V01-sle-ln-si-units.json"),
                          QStringLiteral("--rules"), m_pack },
        m_trusted);
    QVERIFY2(e.exitCode == 0, e.err.constData());
    QVERIFY(e.err.isEmpty()); // no override warning
    QVERIFY(e.out.contains("\"consilium-result/1\""));
}

void TestSignedPacks::untrustedPackNeedsOverride()
{
    const QString unsignedPack = m_dir.filePath(QStringLiteral("unsigned.json"));
    QVERIFY(write(unsignedPack, RulePack::builtinBytes()));
    const QString v01 = QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/examples/V01-sle-ln-si-units.json");
    const Run refused = cli({ QStringLiteral("evaluate"), v01, QStringLiteral("--rules"), unsignedPack }, m_trusted);
    QCOMPARE(refused.exitCode, 3);
    QVERIFY(refused.err.contains("no signature file"));
    const Run allowed = cli({ QStringLiteral("evaluate"), v01, QStringLiteral("--rules"), unsignedPack,
                                QStringLiteral("--allow-unsigned") },
        m_trusted);
    QCOMPARE(allowed.exitCode, 0);
    QVERIFY(allowed.err.contains("WARNING"));
    QVERIFY(allowed.err.contains(RulePack::builtin().sha256().toLatin1()));
}

void TestSignedPacks::importRunsVignettes()
{
    // A correctly signed pack whose vignette expectation is wrong is refused.
    QByteArray bytes = RulePack::builtinBytes();
    const qsizetype at = bytes.indexOf("\"verdict\": \"eligible_with_cautions\"");
    QVERIFY(at > 0);
    bytes.replace(at, 35, "\"verdict\": \"ineligible\"            ");
    const QString pack = m_dir.filePath(QStringLiteral("bad-vignette.json"));
    QVERIFY(write(pack, bytes));
    QCOMPARE(cli({ QStringLiteral("pack"), QStringLiteral("sign"), pack, m_key }, m_trusted).exitCode, 0);
    trust::ImportOptions options;
    options.trustedKeyDirectories = { m_trusted };
    trust::ImportReport report;
    json::Diagnostics diag;
    QVERIFY(!trust::importPack(pack, options, diag, report));
    QVERIFY2(diag.lines().join(QLatin1Char('\n')).contains(QStringLiteral("vignette")),
        qPrintable(diag.lines().join(QLatin1Char('\n'))));
    // The intact signed pack imports, naming its signer and its vignettes.
    trust::ImportReport good;
    json::Diagnostics ok;
    QVERIFY(trust::importPack(m_pack, options, ok, good));
    QCOMPARE(good.vignettesPassed, 20); // 2026.1 V01-V10, V08b, V09b; 2026.2 E01-E08
    QCOMPARE(good.signer.size(), 64);
    QVERIFY(!good.overridden);
}

void TestSignedPacks::builtinHashRecordedAtBuildTime()
{
    // The hash compiled into the binary is that of the shipped file, and the embedded pack has it.
    const QByteArray file = read(QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/packs/consilium-reference.json"));
    QVERIFY(!file.isEmpty());
    const QString onDisk = QString::fromLatin1(QCryptographicHash::hash(file, QCryptographicHash::Sha256).toHex());
    QCOMPARE(QString::fromLatin1(RulePack::builtinExpectedSha256()), onDisk);
    QCOMPARE(RulePack::builtin().sha256(), onDisk);
}

void TestSignedPacks::overrideIsAuditedWithADatabase()
{
    const QString db = m_dir.filePath(QStringLiteral("audit.sqlite"));
    const QString unsignedPack = m_dir.filePath(QStringLiteral("unsigned-db.json"));
    QVERIFY(write(unsignedPack, RulePack::builtinBytes()));
    const QString v01 = QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/examples/V01-sle-ln-si-units.json");
    QCOMPARE(
        cli({ QStringLiteral("db"), QStringLiteral("import"), v01, QStringLiteral("--db"), db }, m_trusted).exitCode,
        0);
    // Without the override the unsigned pack is refused and nothing is stored.
    const Run refused = cli({ QStringLiteral("db"), QStringLiteral("evaluate"), QStringLiteral("V01-sle-ln-si-units"),
                                QStringLiteral("--rules"), unsignedPack, QStringLiteral("--db"), db },
        m_trusted);
    QCOMPARE(refused.exitCode, 3);
    const Run allowed = cli(
        { QStringLiteral("db"), QStringLiteral("evaluate"), QStringLiteral("V01-sle-ln-si-units"),
            QStringLiteral("--rules"), unsignedPack, QStringLiteral("--allow-unsigned"), QStringLiteral("--db"), db },
        m_trusted);
    QVERIFY2(allowed.exitCode == 0, allowed.err.constData());
    QVERIFY(allowed.err.contains("WARNING"));
    // The audit log holds the override, naming the pack's hash, and the chain still verifies.
    QProcess sqlite;
    sqlite.start(QStringLiteral("sqlite3"),
        { db, QStringLiteral("SELECT object_id FROM audit_log WHERE action = 'rule_pack.signature_overridden'") });
    QVERIFY(sqlite.waitForFinished(30000));
    QCOMPARE(sqlite.readAllStandardOutput().trimmed(), RulePack::builtin().sha256().toLatin1());
    QCOMPARE(
        cli({ QStringLiteral("db"), QStringLiteral("verify-audit"), QStringLiteral("--db"), db }, m_trusted).exitCode,
        0);
}

QTEST_GUILESS_MAIN(TestSignedPacks)
#include "tst_signed_packs.moc"
