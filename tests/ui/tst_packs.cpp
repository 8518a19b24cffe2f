// SPDX-License-Identifier: GPL-3.0-or-later
// The rule-pack screen: the active pack with its "validated on N vignettes" badge; a site
// pack imported from a file is validated and its vignettes run first; a bad one is refused
// with the reasons and the active pack stays as it was.
#include "UiTestSupport.h"

#include "packs/PackDialog.h"
#include "rules/RulePack.h"

#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>

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

} // namespace

class TestPacks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
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

    void badPacksAreRefused()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        Env env;
        auto s = env.session();
        const QString before = s->pack().sha256();
        PackDialog dialog(*s);
        dialog.show();
        QSignalSpy changed(s.get(), &Session::packChanged);
        Dialogs::setNextFileName(writeFile(env, QStringLiteral("site-pack.json"), bytes));
        QTest::mouseClick(find<QPushButton>(&dialog, QStringLiteral("importPack")), Qt::LeftButton);
        auto *problems = find<QListWidget>(&dialog, QStringLiteral("packProblems"));
        QVERIFY(problems->isVisible());
        QVERIFY(problems->count() > 0);
        QVERIFY2(dialog.problems().join(QLatin1Char('\n')).contains(reason),
            qPrintable(dialog.problems().join(QLatin1Char('\n'))));
        QVERIFY(Dialogs::lastMessage().contains(QStringLiteral("refused")));
        QCOMPARE(s->pack().sha256(), before);
        QVERIFY(s->isBuiltinPack());
        QCOMPARE(changed.count(), 0);
    }

    void goodSitePackIsActivated()
    {
        Env env;
        auto s = env.session();
        PackDialog dialog(*s);
        auto *badge = find<QLabel>(&dialog, QStringLiteral("vignetteBadge"));
        QVERIFY2(badge->text().startsWith(QStringLiteral("✓ Validated on 12 of 12")), qPrintable(badge->text()));
        QByteArray site = RulePack::builtinBytes();
        site.replace("\"id\": \"consilium-reference\"", "\"id\": \"site-erlangen\"");
        site.replace("\"version\": \"2026.1\"", "\"version\": \"2026.2\"");
        QSignalSpy changed(s.get(), &Session::packChanged);
        QVERIFY(dialog.importFile(writeFile(env, QStringLiteral("site.json"), site)));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(s->pack().id(), QStringLiteral("site-erlangen"));
        QVERIFY(!s->isBuiltinPack());
        // Cases were re-evaluated under the site pack, and it is remembered by the database.
        CaseFilter filter;
        filter.verdictGroup = QStringLiteral("autologous_car_t");
        filter.verdict = QStringLiteral("ineligible");
        filter.packSha256 = s->pack().sha256();
        QVERIFY(!s->store().listCases(filter).rows.empty());
        const QString sha = s->pack().sha256();
        s.reset();
        auto again = env.session(false);
        QCOMPARE(again->pack().sha256(), sha);
        PackDialog d2(*again);
        QVERIFY(d2.useBuiltin());
        QVERIFY(again->isBuiltinPack());
    }
};

QTEST_MAIN(TestPacks)
#include "tst_packs.moc"
