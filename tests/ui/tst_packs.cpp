// SPDX-License-Identifier: GPL-3.0-or-later
// The rule-pack screen: the active pack with its "validated on N vignettes" badge; a site
// pack imported from a file is validated, its vignettes run and its signature checked first
// (issue 6); a bad one is refused with the reasons and the active pack stays as it was. A pack
// refused only for its signature may be loaded through an explicit override with a reason,
// which is recorded in the database's audit log.
#include "UiTestSupport.h"

#include "compare/ComparisonView.h"
#include "packs/PackDialog.h"
#include "packs/SignatureOverrideDialog.h"
#include "rules/RulePack.h"
#include "shell/CaseWorkspace.h"
#include "shell/MainWindow.h"
#include "trust/PackSignature.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>

using namespace consilium;
using namespace consilium::test;

namespace {

QString writeFile(const Env &env, const QString &name, const QByteArray &bytes)
{
    const QString path = env.path(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    f.write(bytes);
    return path;
}

QByteArray sitePackBytes()
{
    QByteArray site = RulePack::builtinBytes();
    site.replace("\"id\": \"consilium-reference\"", "\"id\": \"site-erlangen\"");
    site.replace("\"version\": \"2026.2\"", "\"version\": \"2026.3\"");
    return site;
}

// Creates an Ed25519 key pair `name` in the test directory; with `trusted`, its public key goes
// into the trust store (CONSILIUM_TRUSTED_KEYS points there). Returns the private key's path.
QString makeKey(const Env &env, const QString &name, bool trusted)
{
    const QString key = env.path(name);
    QString error;
    if (!trust::generateKey(key, error))
        qFatal("cannot create a key: %s", qPrintable(error));
    if (trusted
        && !QFile::copy(
            key + QStringLiteral(".pub"), env.path(QStringLiteral("trusted/")) + name + QStringLiteral(".pub")))
        qFatal("cannot trust %s", qPrintable(key));
    return key;
}

// Writes PACK.sig beside the pack, signed with the private key at `key`.
void signPack(const QString &packPath, const QString &key)
{
    QFile pack(packPath);
    if (!pack.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(packPath));
    QString error;
    const auto sig = trust::sign(pack.readAll(), key, error);
    if (!sig)
        qFatal("cannot sign: %s", qPrintable(error));
    QFile out(packPath + QStringLiteral(".sig"));
    if (!out.open(QIODevice::WriteOnly) || out.write(*sig) != sig->size())
        qFatal("cannot write the signature of %s", qPrintable(packPath));
}

// What the scripted override dialog saw, and what the "user" did in it.
struct OverrideScript {
    enum class Action { Cancel, ConfirmEmpty, Confirm };
    Action action = Action::Cancel;
    QString reason;
    int shown = 0;
    QString explanation;
    bool loadEnabledWhileEmpty = true;
};

void scriptOverride(OverrideScript &script)
{
    Dialogs::setExecHook([&script](QDialog *d) {
        auto *dialog = qobject_cast<SignatureOverrideDialog *>(d);
        if (!dialog)
            return int(QDialog::Rejected);
        ++script.shown;
        script.explanation = find<QLabel>(dialog, QStringLiteral("overrideExplanation"))->text();
        auto *load = find<QPushButton>(dialog, QStringLiteral("loadAnyway"));
        auto *reason = find<QPlainTextEdit>(dialog, QStringLiteral("overrideReason"));
        script.loadEnabledWhileEmpty = load->isEnabled();
        switch (script.action) {
        case OverrideScript::Action::Cancel:
            find<QPushButton>(dialog, QStringLiteral("cancelOverride"))->click();
            break;
        case OverrideScript::Action::ConfirmEmpty:
            reason->setPlainText(QStringLiteral("   "));
            load->click(); // disabled: nothing happens
            dialog->accept(); // and accept() itself refuses without a reason
            if (dialog->result() != QDialog::Accepted)
                return int(QDialog::Accepted); // even a hook that claims "accepted" cannot bypass it
            break;
        case OverrideScript::Action::Confirm:
            QTest::keyClicks(reason, script.reason);
            if (!load->isEnabled())
                return int(QDialog::Rejected);
            load->click();
            break;
        }
        return dialog->result();
    });
}

QString pdfText(const QString &pdf)
{
    const QString tool = QStringLiteral(CONSILIUM_PDFTOTEXT);
    if (tool.isEmpty() || tool.endsWith(QLatin1String("NOTFOUND")))
        qFatal("pdftotext (poppler-utils) is required by this test");
    QProcess p;
    p.start(tool, { QStringLiteral("-layout"), pdf, QStringLiteral("-") });
    if (!p.waitForFinished(30000) || p.exitCode() != 0)
        qFatal("pdftotext failed on %s", qPrintable(pdf));
    // pdftotext gives the font's ligatures ("ﬀ" for "ff", also inside a sha256 prefix); undo them.
    QString text = QString::fromUtf8(p.readAllStandardOutput());
    const std::pair<const char16_t *, const char *> ligatures[]
        = { { u"\uFB00", "ff" }, { u"\uFB01", "fi" }, { u"\uFB02", "fl" }, { u"\uFB03", "ffi" }, { u"\uFB04", "ffl" } };
    for (const auto &[ligature, letters] : ligatures)
        text.replace(QString::fromUtf16(ligature), QLatin1String(letters));
    return text;
}

std::vector<AuditEntry> overrides(Session &s)
{
    std::vector<AuditEntry> out;
    for (const AuditEntry &e : s.store().audit().entries()) {
        if (e.action == QStringLiteral("rule_pack.signature_overridden"))
            out.push_back(e);
    }
    return out;
}

} // namespace

class TestPacks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        // A trust store of our own per test: never the machine's keys.
        m_trusted = std::make_unique<QTemporaryDir>();
        qputenv("CONSILIUM_TRUSTED_KEYS", QFile::encodeName(m_trusted->path()));
    }

    void cleanup()
    {
        Dialogs::setExecHook({});
        qunsetenv("CONSILIUM_TRUSTED_KEYS");
        m_trusted.reset();
    }

    void badPacksAreRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");
        QTest::newRow("not json") << QByteArray("{\"format\": \"consilium-pack/1\",") << QStringLiteral("$");
        // Edits on the raw text: the pack's member order matters (logistics points refer back).
        const QByteArray builtin = RulePack::builtinBytes();
        auto replaceFirst = [&builtin](const QByteArray &from, const QByteArray &to) {
            QByteArray b = builtin;
            const qsizetype i = b.indexOf(from);
            return b.replace(i, from.size(), to);
        };
        QTest::newRow("typo in a condition")
            << replaceFirst("\"age_years >= 18\"", "\"age_yeras >= 18\"") << QStringLiteral("$.criteria[0].condition");
        // A pack that loads but whose own vignettes fail: the age threshold moved, the vignettes not.
        QTest::newRow("vignette fails") << replaceFirst("\"age_years >= 18\"", "\"age_years >= 40\"")
                                        << QStringLiteral("vignette V01");
    }

    // Schema and vignette failures are refused, signed or not, and never offer the override.
    void badPacksAreRefused()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        for (const bool signedByTrustedKey : { false, true }) {
            Env env;
            qputenv("CONSILIUM_TRUSTED_KEYS", QFile::encodeName(env.path(QStringLiteral("trusted"))));
            QVERIFY(QDir().mkpath(env.path(QStringLiteral("trusted"))));
            auto s = env.session();
            const QString before = s->pack().sha256();
            PackDialog dialog(*s);
            dialog.show();
            QSignalSpy changed(s.get(), &Session::packChanged);
            OverrideScript script;
            script.action = OverrideScript::Action::Confirm;
            script.reason = QStringLiteral("please");
            scriptOverride(script);
            const QString path = writeFile(env, QStringLiteral("site-pack.json"), bytes);
            if (signedByTrustedKey)
                signPack(path, makeKey(env, QStringLiteral("site.key"), true));
            Dialogs::setNextFileName(path);
            QTest::mouseClick(find<QPushButton>(&dialog, QStringLiteral("importPack")), Qt::LeftButton);
            QCOMPARE(script.shown, 0);
            auto *problems = find<QListWidget>(&dialog, QStringLiteral("packProblems"));
            QVERIFY(problems->isVisible());
            QVERIFY(problems->count() > 0);
            const QString all = dialog.problems().join(QLatin1Char('\n'));
            QVERIFY2(all.contains(reason), qPrintable(all));
            QCOMPARE(all.contains(QStringLiteral("not signed by a trusted key")), !signedByTrustedKey);
            QVERIFY(!all.contains(QStringLiteral("--allow-unsigned"))); // the CLI's advice is not for the GUI
            // Each item carries its finding: the JSON path (empty for the pack as a whole) and the code.
            bool signatureItem = false;
            bool pathItem = false;
            for (int i = 0; i < problems->count(); ++i) {
                const QListWidgetItem *item = problems->item(i);
                const QString itemPath = item->data(PackDialog::PathRole).toString();
                const QString code = item->data(PackDialog::CodeRole).toString();
                QVERIFY(!code.isEmpty());
                signatureItem = signatureItem || (code == QLatin1String("signature") && itemPath.isEmpty());
                pathItem = pathItem || (reason.startsWith(QLatin1Char('$')) && itemPath == reason);
            }
            QCOMPARE(signatureItem, !signedByTrustedKey);
            QCOMPARE(pathItem, reason.startsWith(QLatin1Char('$')));
            QVERIFY(Dialogs::lastMessage().contains(QStringLiteral("refused")));
            QCOMPARE(s->pack().sha256(), before);
            QVERIFY(s->isBuiltinPack());
            QCOMPARE(changed.count(), 0);
            QVERIFY(overrides(*s).empty());
        }
    }

    void signedSitePackIsActivated()
    {
        Env env;
        auto s = env.session();
        PackDialog dialog(*s);
        auto *badge = find<QLabel>(&dialog, QStringLiteral("vignetteBadge"));
        QVERIFY2(badge->text().startsWith(QStringLiteral("✓ Validated on 20 of 20")), qPrintable(badge->text()));
        qputenv("CONSILIUM_TRUSTED_KEYS", QFile::encodeName(env.path(QStringLiteral("trusted"))));
        QVERIFY(QDir().mkpath(env.path(QStringLiteral("trusted"))));
        const QString path = writeFile(env, QStringLiteral("site.json"), sitePackBytes());
        signPack(path, makeKey(env, QStringLiteral("site.key"), true));
        OverrideScript script;
        scriptOverride(script);
        QSignalSpy changed(s.get(), &Session::packChanged);
        QVERIFY(dialog.importFile(path));
        QCOMPARE(script.shown, 0); // a valid signature by a trusted key: no override dialog
        QVERIFY2(Dialogs::lastMessage().contains(QStringLiteral("signed by the trusted key")),
            qPrintable(Dialogs::lastMessage()));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(s->pack().id(), QStringLiteral("site-erlangen"));
        QVERIFY(!s->isBuiltinPack());
        QVERIFY(!find<QLabel>(&dialog, QStringLiteral("signatureWarning"))->isVisibleTo(&dialog));
        QVERIFY(overrides(*s).empty());
        // Cases were re-evaluated under the site pack, and it is remembered by the database.
        CaseFilter filter;
        filter.verdictGroup = QStringLiteral("autologous_car_t");
        filter.verdict = QStringLiteral("ineligible");
        filter.packSha256 = s->pack().sha256();
        QVERIFY(!s->store().queryCases(filter).value().rows.empty());
        const QString sha = s->pack().sha256();
        s.reset();
        auto again = env.session(false);
        QCOMPARE(again->pack().sha256(), sha);
        // How it was loaded is remembered too (shown beside the verdicts).
        QCOMPARE(again->packProvenance().kindFor(again->pack()), PackProvenance::Kind::Signed);
        QVERIFY(!again->packProvenance().signer.isEmpty());
        QVERIFY(
            PackStatus::provenance(again->pack(), again->packProvenance()).startsWith(QStringLiteral("signed by ")));
        PackDialog d2(*again);
        QVERIFY(d2.useBuiltin());
        QVERIFY(again->isBuiltinPack());
    }

    void unsignedPackNeedsAnOverride()
    {
        Env env;
        auto s = env.session();
        PackDialog dialog(*s);
        dialog.show();
        const QString before = s->pack().sha256();
        const QString path = writeFile(env, QStringLiteral("site.json"), sitePackBytes());
        QSignalSpy changed(s.get(), &Session::packChanged);
        OverrideScript script;
        scriptOverride(script);

        // Cancel: refused, with the reason.
        QVERIFY(!dialog.importFile(path));
        QCOMPARE(script.shown, 1);
        QVERIFY2(
            script.explanation.contains(QStringLiteral("not signed by a trusted key")), qPrintable(script.explanation));
        QVERIFY2(script.explanation.contains(QStringLiteral("no signature file")), qPrintable(script.explanation));
        QVERIFY(!script.loadEnabledWhileEmpty);
        QVERIFY(dialog.problems().join(QLatin1Char('\n')).contains(QStringLiteral("not signed by a trusted key")));
        QCOMPARE(s->pack().sha256(), before);
        QCOMPARE(changed.count(), 0);

        // "Load anyway" without a reason is not possible.
        script.action = OverrideScript::Action::ConfirmEmpty;
        QVERIFY(!dialog.importFile(path));
        QCOMPARE(script.shown, 2);
        QVERIFY(s->isBuiltinPack());
        QCOMPARE(changed.count(), 0);
        QVERIFY(overrides(*s).empty());

        // With a reason: loaded, with a warning on the pack screen, and audited.
        script.action = OverrideScript::Action::Confirm;
        script.reason = QStringLiteral("Tumour board approved the draft on 2026-11-24");
        QVERIFY(dialog.importFile(path));
        QCOMPARE(script.shown, 3);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(s->pack().id(), QStringLiteral("site-erlangen"));
        QVERIFY(Dialogs::lastMessage().contains(QStringLiteral("not signed by a trusted key")));
        auto *warning = find<QLabel>(&dialog, QStringLiteral("signatureWarning"));
        QVERIFY(warning->isVisible());
        QVERIFY2(warning->text().contains(QStringLiteral("Loaded without a trusted signature: ") + script.reason),
            qPrintable(warning->text()));
        const auto rows = overrides(*s);
        QCOMPARE(rows.size(), size_t(1));
        QCOMPARE(rows[0].objectType, QStringLiteral("rule_pack"));
        QCOMPARE(rows[0].objectId, s->pack().sha256());
        QCOMPARE(rows[0].afterHash, s->pack().sha256());
        QVERIFY2(rows[0].detail.contains(QStringLiteral("not signed by a trusted key")), qPrintable(rows[0].detail));
        QVERIFY2(rows[0].detail.endsWith(QStringLiteral("reason: ") + script.reason), qPrintable(rows[0].detail));
        QCOMPARE(rows[0].displayName, QStringLiteral("Dr Test"));

        // Back to the built-in pack: the warning goes.
        QVERIFY(dialog.useBuiltin());
        QVERIFY(!warning->isVisible());
    }

    void packAlteredAfterSigningIsRefused()
    {
        Env env;
        qputenv("CONSILIUM_TRUSTED_KEYS", QFile::encodeName(env.path(QStringLiteral("trusted"))));
        QVERIFY(QDir().mkpath(env.path(QStringLiteral("trusted"))));
        auto s = env.session();
        PackDialog dialog(*s);
        QByteArray bytes = sitePackBytes();
        const QString path = writeFile(env, QStringLiteral("site.json"), bytes);
        signPack(path, makeKey(env, QStringLiteral("site.key"), true));
        // One byte changed after signing (the pack still loads and its vignettes pass).
        const qsizetype i = bytes.indexOf("\"2026.3\"") + 6;
        QCOMPARE(bytes[i], '3');
        bytes[i] = '4';
        writeFile(env, QStringLiteral("site.json"), bytes);
        OverrideScript script; // declines
        scriptOverride(script);
        QVERIFY(!dialog.importFile(path));
        QCOMPARE(script.shown, 1);
        QVERIFY2(script.explanation.contains(QStringLiteral("does not match")), qPrintable(script.explanation));
        QVERIFY(dialog.problems().join(QLatin1Char('\n')).contains(QStringLiteral("does not match")));
        QVERIFY(s->isBuiltinPack());
        QVERIFY(overrides(*s).empty());
    }

    void packSignedByUnknownKeyNeedsAnOverride()
    {
        Env env;
        qputenv("CONSILIUM_TRUSTED_KEYS", QFile::encodeName(env.path(QStringLiteral("trusted"))));
        QVERIFY(QDir().mkpath(env.path(QStringLiteral("trusted"))));
        makeKey(env, QStringLiteral("site.key"), true); // a trusted key exists, but did not sign
        auto s = env.session();
        PackDialog dialog(*s);
        const QString path = writeFile(env, QStringLiteral("site.json"), sitePackBytes());
        signPack(path, makeKey(env, QStringLiteral("stranger.key"), false));
        OverrideScript script;
        scriptOverride(script);
        QVERIFY(!dialog.importFile(path));
        QCOMPARE(script.shown, 1);
        QVERIFY2(script.explanation.contains(QStringLiteral("not trusted")), qPrintable(script.explanation));
        QVERIFY(s->isBuiltinPack());
        script.action = OverrideScript::Action::Confirm;
        script.reason = QStringLiteral("key rotation pending");
        QVERIFY(dialog.importFile(path));
        QVERIFY(!s->isBuiltinPack());
        const auto rows = overrides(*s);
        QCOMPARE(rows.size(), size_t(1));
        QVERIFY(rows[0].detail.endsWith(QStringLiteral("reason: key rotation pending")));
    }

    // Issue 10: an unsigned site pack loaded by override, then "Use the built-in pack" with the
    // main window's views open crashed (views and the open case's document referred to the
    // replaced pack and engine).
    void backToTheBuiltinPackWithTheViewsOpen()
    {
        Env env;
        MainWindow w(env.session());
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.workspace()->openCase(QStringLiteral("V03-dcssc-all-eligible")));
        const QString builtinSha = w.session().pack().sha256();
        const QString path = writeFile(env, QStringLiteral("site.json"), sitePackBytes());
        OverrideScript script;
        script.action = OverrideScript::Action::Confirm;
        script.reason = QStringLiteral("validation run");
        scriptOverride(script);
        PackDialog dialog(w.session(), &w);
        dialog.show();
        QVERIFY(dialog.importFile(path));
        QCOMPARE(w.session().pack().id(), QStringLiteral("site-erlangen"));
        // Wherever verdicts are shown: which pack, and that it is unsigned, loaded by override.
        const QString siteSha = w.session().pack().sha256();
        const QString unsignedText
            = QStringLiteral("site-erlangen 2026.3 · sha256 %1 · UNSIGNED — loaded by override: validation run")
                  .arg(siteSha.left(12));
        checkIndicators(w, env, unsignedText, QStringLiteral("UNSIGNED — loaded by override: validation run"));
        if (const QString dir = qEnvironmentVariable("CONSILIUM_TEST_SHOTS"); !dir.isEmpty()) {
            QCoreApplication::processEvents();
            w.grab().save(dir + QStringLiteral("/main-window-unsigned-pack.png"));
        }
        // Every view works on the site pack now.
        for (int tab = 0; tab < w.workspace()->tabs()->count(); ++tab) {
            w.workspace()->tabs()->setCurrentIndex(tab);
            QCoreApplication::processEvents();
        }
        w.workspace()->openDrillDown(0, 0);
        QCoreApplication::processEvents();
        QTest::mouseClick(find<QPushButton>(&dialog, QStringLiteral("useBuiltinPack")), Qt::LeftButton);
        QVERIFY(w.session().isBuiltinPack());
        QCOMPARE(w.session().pack().sha256(), builtinSha);
        for (int tab = 0; tab < w.workspace()->tabs()->count(); ++tab) {
            w.workspace()->tabs()->setCurrentIndex(tab);
            QCoreApplication::processEvents();
        }
        QVERIFY(w.workspace()->evaluation());
        QCOMPARE(&w.workspace()->evaluation()->pack(), &w.session().pack());
        const QString builtinText
            = QStringLiteral("consilium-reference 2026.2 · sha256 %1 · built-in").arg(builtinSha.left(12));
        checkIndicators(w, env, builtinText, QStringLiteral("built into the program"));
        QVERIFY(w.workspace()->openCase(QStringLiteral("V04-sle-renal-cardiac")));
        w.workspace()->evaluateNow();
        QVERIFY(w.workspace()->evaluation());
    }

private:
    // The pack indicator in the status bar, above the grid, in the report and in the handout.
    static void checkIndicators(MainWindow &w, const Env &env, const QString &text, const QString &handoutText)
    {
        const QString status = find<QLabel>(&w, QStringLiteral("packStatus"))->text();
        QVERIFY2(status.contains(text), qPrintable(status));
        auto *grid = find<QLabel>(w.workspace()->comparison(), QStringLiteral("gridPackStatus"));
        QVERIFY(!grid->isHidden());
        QVERIFY2(grid->text().contains(text), qPrintable(grid->text()));
        const bool warning = text.contains(QStringLiteral("UNSIGNED"));
        QCOMPARE(grid->text().startsWith(QStringLiteral("⚠")), warning);
        QCOMPARE(status.startsWith(QStringLiteral("⚠")), warning);
        const QString report = env.path(QStringLiteral("report.pdf"));
        QVERIFY(w.exportReport(report));
        const QString reportText = pdfText(report).simplified();
        QVERIFY2(reportText.contains(text), qPrintable(reportText.left(1500)));
        QCOMPARE(reportText.contains(QStringLiteral("UNSIGNED")), warning);
        const QString handout = env.path(QStringLiteral("handout.pdf"));
        QVERIFY(w.exportHandout(handout));
        const QString handoutText2 = pdfText(handout).simplified();
        QVERIFY2(handoutText2.contains(handoutText), qPrintable(handoutText2.right(600)));
        QVERIFY2(handoutText2.contains(w.session().pack().sha256().left(12)), qPrintable(handoutText2.right(600)));
    }

    std::unique_ptr<QTemporaryDir> m_trusted;
};

QTEST_MAIN(TestPacks)
#include "tst_packs.moc"
