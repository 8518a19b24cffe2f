// SPDX-License-Identifier: GPL-3.0-or-later
// Tools → Impact of a rule pack… (issue 15, docs/store.md#impact): a candidate pack, checked like
// an import, compared with the active pack on every stored case in the background. A candidate
// that moves one threshold (ALLO-HEM-02: platelets ≥ 30 → ≥ 50, reference-rules.md) shows exactly
// the case between the two thresholds as changed; Cancel covers only the cases done; a refused
// pack runs nothing; a changed case opens in the main window; the exports are the CLI's files;
// nothing is stored, audited or activated.
#include "../core/PackMutation.h"
#include "../core/TestFiles.h"
#include "../store/E01Cases.h"
#include "UiTestSupport.h"

#include "packs/ImpactDialog.h"
#include "packs/ImpactViews.h"
#include "packs/SignatureOverrideDialog.h"
#include "rules/RulePack.h"
#include "shell/CaseWorkspace.h"
#include "shell/MainWindow.h"
#include "shell/Startup.h"
#include "store/StoreConnection.h"
#include "trust/PackSignature.h"

#include <QAction>
#include <QBarSet>
#include <QChartView>
#include <QHorizontalStackedBarSeries>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTableWidget>

using namespace consilium;
using namespace consilium::test;
using namespace consilium::pack_mutation;

namespace {

QString writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

using test::readFile;

// The built-in pack as a site pack with ALLO-HEM-02 at ≥ 50 instead of ≥ 30.
QByteArray thresholdCandidate()
{
    return mutated([](Doc &d) {
        setString(d, elementById(d, "criteria", "ALLO-HEM-02"), "condition", "platelets >= 50");
        setString(d, d, "id", "site-impact");
        setString(d, d, "version", "2026.3");
    });
}

// Writes the pack and PACK.sig by a key in the trust store (CONSILIUM_TRUSTED_KEYS).
QString signedPack(const QString &dir, const QString &trusted, const QByteArray &bytes)
{
    const QString path = writeFile(dir + QStringLiteral("/candidate.json"), bytes);
    const QString key = dir + QStringLiteral("/site.key");
    QString error;
    if (!trust::generateKey(key, error))
        qFatal("cannot create a key: %s", qPrintable(error));
    QFile::copy(key + QStringLiteral(".pub"), trusted + QStringLiteral("/site.key.pub"));
    const auto sig = trust::sign(bytes, key, error);
    if (!sig)
        qFatal("cannot sign: %s", qPrintable(error));
    writeFile(path + QStringLiteral(".sig"), *sig);
    return path;
}

void save(Session &s, const QString &id, int platelets)
{
    QStringList problems;
    if (s.saveCase(e01With(id, platelets), problems).status != SaveStatus::Added)
        qFatal("cannot save %s: %s", qPrintable(id), qPrintable(problems.join(QLatin1Char('\n'))));
}

// Rows of rule_packs, evaluations and audit_log: running the impact adds none.
QList<qint64> storedRows(Session &s)
{
    QList<qint64> out;
    for (const char *table : { "rule_packs", "evaluations", "audit_log" }) {
        QSqlQuery q(StoreConnection::of(s.store()));
        if (!q.exec(QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table))) || !q.next())
            qFatal("cannot count %s", table);
        out << q.value(0).toLongLong();
    }
    return out;
}

bool waitFinished(ImpactDialog *d)
{
    QSignalSpy finished(d, &ImpactDialog::impactFinished);
    return finished.wait(60000);
}

// Transition row (group key, before, after) -> cases, from the table as shown.
std::map<std::tuple<QString, QString, QString>, qint64> shownTransitions(QTableWidget *t)
{
    std::map<std::tuple<QString, QString, QString>, qint64> out;
    for (int r = 0; r < t->rowCount(); ++r) {
        const QTableWidgetItem *g = t->item(r, 0);
        out[{ g->data(ImpactViews::KeyRole).toString(), g->data(ImpactViews::BeforeRole).toString(),
            g->data(ImpactViews::AfterRole).toString() }]
            = t->item(r, 3)->data(Qt::DisplayRole).toLongLong();
    }
    return out;
}

QByteArray cliImpact(const QString &db, const QString &pack, const QString &format)
{
    QProcess p;
    p.start(QStringLiteral(CONSILIUM_CLI_PATH),
        { QStringLiteral("db"), QStringLiteral("impact"), QStringLiteral("--db"), db, QStringLiteral("--rules"), pack,
            QStringLiteral("--format"), format });
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        qFatal("db impact failed: %s", p.readAllStandardError().constData());
    return p.readAllStandardOutput();
}

} // namespace

class TestImpactDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_trusted = std::make_unique<QTemporaryDir>();
        qputenv("CONSILIUM_TRUSTED_KEYS", QFile::encodeName(m_trusted->path()));
    }

    void cleanup()
    {
        Dialogs::setExecHook({});
        qunsetenv("CONSILIUM_TRUSTED_KEYS");
        m_trusted.reset();
    }

    void oneThresholdChangesExactlyTheCasesAcrossIt();
    void changedCaseOpensInTheMainWindow();
    void cancelCoversOnlyTheCasesDone();
    void refusedPackRunsNothing();
    void unsignedPackNeedsTheImportsConsent();
    void emptyRegisterAndNoChanges();
    void casesNotValidUnderOnePackAreListed();
    void germanInterface();

private:
    std::unique_ptr<QTemporaryDir> m_trusted;
};

void TestImpactDialog::oneThresholdChangesExactlyTheCasesAcrossIt()
{
    Env env;
    MainWindow w(env.session(false));
    for (const auto &[id, plt] :
        std::vector<std::pair<QString, int>> { { QStringLiteral("plt-20"), 20 }, { QStringLiteral("plt-40"), 40 },
            { QStringLiteral("plt-60"), 60 }, { QStringLiteral("plt-missing"), -1 } })
        save(w.session(), id, plt);
    const QList<qint64> rowsBefore = storedRows(w.session());
    const QString activeSha = w.session().pack().sha256();
    const QString pack = signedPack(env.path(QString()), m_trusted->path(), thresholdCandidate());

    find<QAction>(&w, QStringLiteral("actionImpact"))->trigger();
    auto *d = w.findChild<ImpactDialog *>(QStringLiteral("impactDialog"));
    QVERIFY(d && d->isVisible());
    QVERIFY(d->runCandidate(pack));
    QVERIFY(waitFinished(d));
    QVERIFY(d->impact());

    // Only platelets 40 lies between ≥ 30 and ≥ 50.
    auto *cases = find<QTableWidget>(d, QStringLiteral("impactCases"));
    QCOMPARE(cases->rowCount(), 1);
    QCOMPARE(cases->item(0, 0)->text(), QStringLiteral("plt-40"));
    QVERIFY(cases->item(0, 3)->text().contains(QStringLiteral("ALLO-HEM-02: Met → Not met")));
    // Every case counted, unchanged ones too: the arm's four rows.
    const auto shown = shownTransitions(find<QTableWidget>(d, QStringLiteral("impactTransitions")));
    const QString allo = QStringLiteral("allogeneic_car_t");
    const QString el = QStringLiteral("eligible");
    const QString inel = QStringLiteral("ineligible");
    const QString und = QStringLiteral("undetermined");
    QCOMPARE(shown.at({ allo, el, inel }), 1);
    QCOMPARE(shown.at({ allo, el, el }), 1);
    QCOMPARE(shown.at({ allo, inel, inel }), 1);
    QCOMPARE(shown.at({ allo, und, und }), 1);
    // Changed rows: the arm and the two options that keep ALLO-HEM-02 (tst_pack_impact).
    QStringList changedGroups;
    std::map<QString, qint64> perGroup;
    for (const auto &[row, n] : shown) {
        perGroup[std::get<0>(row)] += n;
        if (std::get<1>(row) != std::get<2>(row))
            changedGroups << std::get<0>(row);
    }
    changedGroups.sort();
    QCOMPARE(changedGroups,
        QStringList({ allo, QStringLiteral("option:allo-cta311"), QStringLiteral("option:allo-ft819") }));
    for (const auto &[group, n] : perGroup)
        QCOMPARE(n, 4); // every case in every group

    // The chart: per group one bar; three cases change to ineligible in all.
    auto *view = find<QChartView>(d, QStringLiteral("impactChart"));
    auto *series = qobject_cast<QHorizontalStackedBarSeries *>(view->chart()->series().value(0));
    QVERIFY(series);
    QCOMPARE(series->count(), 2); // unchanged, changed to ineligible
    QCOMPARE(series->barSets().at(0)->sum(), double(4 * perGroup.size() - 3));
    QCOMPARE(series->barSets().at(1)->sum(), 3.0);
    QCOMPARE(find<QTableWidget>(d, QStringLiteral("impactShifts"))->rowCount(), 0);
    QVERIFY2(d->statusText().contains(QStringLiteral("1 of the 4 cases evaluated under both packs change")),
        qPrintable(d->statusText()));
    QVERIFY(!d->statusText().contains(QStringLiteral("Cancelled")));

    // The exports are the CLI's files for the same store and pack.
    QVERIFY(d->exportCsv(env.path(QStringLiteral("impact.csv"))));
    QVERIFY(d->exportJson(env.path(QStringLiteral("impact.json"))));
    QCOMPARE(readFile(env.path(QStringLiteral("impact.csv"))), cliImpact(env.dbPath(), pack, QStringLiteral("csv")));
    QCOMPARE(readFile(env.path(QStringLiteral("impact.json"))), cliImpact(env.dbPath(), pack, QStringLiteral("json")));

    // Nothing stored, audited or activated.
    QCOMPARE(storedRows(w.session()), rowsBefore);
    QCOMPARE(w.session().pack().sha256(), activeSha);
    const auto setting = w.session().store().setting(CaseStore::activePackSettingKey());
    QVERIFY(setting && !setting.value());
}

void TestImpactDialog::changedCaseOpensInTheMainWindow()
{
    Env env;
    MainWindow w(env.session(false));
    save(w.session(), QStringLiteral("plt-20"), 20);
    save(w.session(), QStringLiteral("plt-40"), 40);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.workspace()->openCase(QStringLiteral("plt-20")));
    ImpactDialog *d = w.showImpact();
    QVERIFY(d->runCandidate(signedPack(env.path(QString()), m_trusted->path(), thresholdCandidate())));
    QVERIFY(waitFinished(d));
    auto *cases = find<QTableWidget>(d, QStringLiteral("impactCases"));
    QCOMPARE(cases->rowCount(), 1);

    // Double-click.
    const QRect cell = cases->visualItemRect(cases->item(0, 0));
    QTest::mouseClick(cases->viewport(), Qt::LeftButton, {}, cell.center());
    QTest::mouseDClick(cases->viewport(), Qt::LeftButton, {}, cell.center());
    QCOMPARE(w.workspace()->storedCaseId(), QStringLiteral("plt-40"));
    QVERIFY(d->isVisible());

    // Enter.
    QVERIFY(w.workspace()->openCase(QStringLiteral("plt-20")));
    cases->setFocus();
    cases->setCurrentCell(0, 0);
    QTest::keyClick(cases, Qt::Key_Return);
    QCOMPARE(w.workspace()->storedCaseId(), QStringLiteral("plt-40"));
    QVERIFY(d->isVisible());
    QCOMPARE(cases->rowCount(), 1); // the dialog is still usable
}

void TestImpactDialog::cancelCoversOnlyTheCasesDone()
{
    Env env;
    MainWindow w(env.session(false));
    for (int i = 0; i < 6; ++i)
        save(w.session(), QStringLiteral("case-%1").arg(i), 20 + 10 * i);
    ImpactDialog *d = w.showImpact();
    d->setBatchSize(2);
    auto *cancel = find<QPushButton>(d, QStringLiteral("impactCancel"));
    QVERIFY(!cancel->isEnabled());
    QList<qint64> reported;
    connect(d, &ImpactDialog::progressed, d, [&](qint64 done, qint64) {
        reported << done;
        if (cancel->isEnabled())
            cancel->click(); // after the first batch of two
    });
    QVERIFY(d->runCandidate(signedPack(env.path(QString()), m_trusted->path(), thresholdCandidate())));
    QVERIFY(cancel->isEnabled());
    QVERIFY(waitFinished(d));
    QCOMPARE(reported, QList<qint64>({ 2 }));
    auto *bar = find<QProgressBar>(d, QStringLiteral("impactProgress"));
    QCOMPARE(bar->value(), 2);
    QCOMPARE(bar->maximum(), 6);
    QVERIFY(d->impact()->cancelled);
    QCOMPARE(d->impact()->total, 6);
    QCOMPARE(d->impact()->evaluated, 2);
    QVERIFY2(
        d->statusText().contains(QStringLiteral("only the 2 of 6 cases done so far")), qPrintable(d->statusText()));
    // The tables count the two cases done, no more.
    for (const auto &[row, n] : shownTransitions(find<QTableWidget>(d, QStringLiteral("impactTransitions"))))
        QVERIFY(n <= 2);
    QVERIFY(!cancel->isEnabled());
    QVERIFY(find<QPushButton>(d, QStringLiteral("impactExportCsv"))->isEnabled());
}

void TestImpactDialog::refusedPackRunsNothing()
{
    Env env;
    MainWindow w(env.session(false));
    save(w.session(), QStringLiteral("plt-40"), 40);
    ImpactDialog *d = w.showImpact();
    // A typo in a condition: refused by the loader, signed or not, with the import's message.
    QByteArray bytes = thresholdCandidate();
    bytes.replace("\"platelets >= 50\"", "\"platelts >= 50\"");
    const QString pack = signedPack(env.path(QString()), m_trusted->path(), bytes);
    QSignalSpy progressed(d, &ImpactDialog::progressed);
    QVERIFY(!d->runCandidate(pack));
    QVERIFY(!d->isRunning());
    QVERIFY(!d->impact());
    QVERIFY2(Dialogs::lastMessage().contains(QStringLiteral("refused")), qPrintable(Dialogs::lastMessage()));
    QVERIFY2(d->statusText().contains(QStringLiteral("refused")), qPrintable(d->statusText()));
    QCOMPARE(find<QTableWidget>(d, QStringLiteral("impactTransitions"))->rowCount(), 0);
    QVERIFY(!find<QPushButton>(d, QStringLiteral("impactExportJson"))->isEnabled());
    QTest::qWait(50);
    QCOMPARE(progressed.count(), 0);
}

void TestImpactDialog::unsignedPackNeedsTheImportsConsent()
{
    Env env;
    MainWindow w(env.session(false));
    save(w.session(), QStringLiteral("plt-40"), 40);
    const QList<qint64> rowsBefore = storedRows(w.session());
    ImpactDialog *d = w.showImpact();
    const QString pack = writeFile(env.path(QStringLiteral("unsigned.json")), thresholdCandidate());
    // Declined: nothing runs.
    int shown = 0;
    Dialogs::setExecHook([&shown](QDialog *dialog) {
        shown += qobject_cast<SignatureOverrideDialog *>(dialog) ? 1 : 0;
        return int(QDialog::Rejected);
    });
    QVERIFY(!d->runCandidate(pack));
    QCOMPARE(shown, 1);
    QVERIFY(!d->isRunning() && !d->impact());
    QVERIFY2(d->statusText().contains(QStringLiteral("not confirmed")), qPrintable(d->statusText()));
    // Confirmed with a reason, as the import asks: it runs; nothing is audited (nothing is activated).
    Dialogs::setExecHook([](QDialog *dialog) {
        auto *o = qobject_cast<SignatureOverrideDialog *>(dialog);
        if (!o)
            return int(QDialog::Rejected);
        find<QPlainTextEdit>(o, QStringLiteral("overrideReason"))->setPlainText(QStringLiteral("trial of 50"));
        find<QPushButton>(o, QStringLiteral("loadAnyway"))->click();
        return o->result();
    });
    QVERIFY(d->runCandidate(pack));
    QVERIFY(waitFinished(d));
    QCOMPARE(int(d->impact()->changed.size()), 1);
    QVERIFY(find<QLabel>(d, QStringLiteral("impactPacks"))->text().contains(QStringLiteral("not signed")));
    QCOMPARE(storedRows(w.session()), rowsBefore);
}

void TestImpactDialog::emptyRegisterAndNoChanges()
{
    Env env;
    MainWindow w(env.session(false));
    ImpactDialog *d = w.showImpact();
    const QString pack = signedPack(env.path(QString()), m_trusted->path(), thresholdCandidate());
    QVERIFY(d->runCandidate(pack));
    QVERIFY(waitFinished(d));
    QCOMPARE(d->impact()->total, 0);
    QVERIFY2(d->statusText().contains(QStringLiteral("holds no cases")), qPrintable(d->statusText()));
    QVERIFY(find<QProgressBar>(d, QStringLiteral("impactProgress"))->maximum() > 0); // not busy any more

    // Cases on one side of both thresholds: nothing changes.
    save(w.session(), QStringLiteral("plt-60"), 60);
    save(w.session(), QStringLiteral("plt-20"), 20);
    QVERIFY(d->runCandidate(pack));
    QVERIFY(waitFinished(d));
    QCOMPARE(find<QTableWidget>(d, QStringLiteral("impactCases"))->rowCount(), 0);
    QVERIFY2(d->statusText().contains(QStringLiteral("None of the 2 cases evaluated under both packs changes")),
        qPrintable(d->statusText()));
    QVERIFY(find<QListWidget>(d, QStringLiteral("impactFailed"))->count() == 0);
}

void TestImpactDialog::casesNotValidUnderOnePackAreListed()
{
    Env env;
    MainWindow w(env.session(false));
    // E01 gives cd19_b_cells, an input 2026.1 does not know (options-2026.2.md §A): not valid
    // under 2026.1; without it the case is valid under both (tst_pack_impact).
    save(w.session(), QStringLiteral("a-with-cd19"), 60);
    QJsonObject without = QJsonDocument::fromJson(e01With(QStringLiteral("b-without-cd19"), 60)).object();
    QJsonObject facts = without.value(QStringLiteral("facts")).toObject();
    facts.remove(QStringLiteral("cd19_b_cells"));
    without.insert(QStringLiteral("facts"), facts);
    QStringList problems;
    QCOMPARE(w.session().saveCase(QJsonDocument(without).toJson(), problems).status, SaveStatus::Added);
    // 2026.1 is shipped without a signature here: the import's consent, with a reason.
    Dialogs::setExecHook([](QDialog *dialog) {
        auto *o = qobject_cast<SignatureOverrideDialog *>(dialog);
        if (!o)
            return int(QDialog::Rejected);
        find<QPlainTextEdit>(o, QStringLiteral("overrideReason"))->setPlainText(QStringLiteral("compare"));
        find<QPushButton>(o, QStringLiteral("loadAnyway"))->click();
        return o->result();
    });
    const QString pack = writeFile(env.path(QStringLiteral("2026.1.json")),
        readFile(QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/packs/consilium-reference-2026.1.json")));
    ImpactDialog *d = w.showImpact();
    QVERIFY(d->runCandidate(pack));
    QVERIFY(waitFinished(d));
    auto *failed = find<QListWidget>(d, QStringLiteral("impactFailed"));
    QCOMPARE(failed->count(), 1);
    QVERIFY2(failed->item(0)->text().startsWith(QStringLiteral("a-with-cd19: not valid under the candidate pack: ")),
        qPrintable(failed->item(0)->text()));
    QVERIFY(failed->item(0)->text().contains(QStringLiteral("cd19_b_cells")));
    auto *tabs = d->findChild<QTabWidget *>();
    QCOMPARE(tabs->tabText(tabs->indexOf(failed)), QStringLiteral("Not valid (1)"));
    QVERIFY2(d->statusText().contains(QStringLiteral("1 case could not be evaluated under one of the packs")),
        qPrintable(d->statusText()));
    QVERIFY2(d->statusText().contains(QStringLiteral("of the 1 case evaluated under both packs changes")),
        qPrintable(d->statusText()));
    // The options 2026.1 does not have: "not in this pack" after.
    const auto shown = shownTransitions(find<QTableWidget>(d, QStringLiteral("impactTransitions")));
    QCOMPARE(
        shown.at({ QStringLiteral("option:allo-ft819"), QStringLiteral("eligible"), QStringLiteral("absent") }), 1);
}

void TestImpactDialog::germanInterface()
{
    Env env;
    Startup::setLanguage(QStringLiteral("de"));
    MainWindow w(env.session(false));
    for (const auto &[id, plt] : std::vector<std::pair<QString, int>> {
             { QStringLiteral("plt-20"), 20 }, { QStringLiteral("plt-40"), 40 }, { QStringLiteral("plt-60"), 60 } })
        save(w.session(), id, plt);
    QCOMPARE(
        find<QAction>(&w, QStringLiteral("actionImpact"))->text(), QStringLiteral("&Auswirkung eines Regelwerks…"));
    ImpactDialog *d = w.showImpact();
    QVERIFY(d->runCandidate(signedPack(env.path(QString()), m_trusted->path(), thresholdCandidate())));
    QVERIFY(waitFinished(d));
    auto *table = find<QTableWidget>(d, QStringLiteral("impactTransitions"));
    QStringList changed;
    for (int r = 0; r < table->rowCount(); ++r) {
        if (table->item(r, 0)->data(ImpactViews::BeforeRole) != table->item(r, 0)->data(ImpactViews::AfterRole))
            changed << QStringLiteral("%1 | %2 | %3")
                           .arg(table->item(r, 0)->text(), table->item(r, 1)->text(), table->item(r, 2)->text());
    }
    // The arm, then its options in pack order (allo-ft819 before allo-cta311), named as the pack
    // names them in German.
    QCOMPARE(changed,
        QStringList({ QStringLiteral("Allogene CAR-T-Zellen | Geeignet | Nicht geeignet"),
            QStringLiteral("FT819 (unter Allogene CAR-T-Zellen) | Geeignet | Nicht geeignet"),
            QStringLiteral("CTA311 (unter Allogene CAR-T-Zellen) | Geeignet | Nicht geeignet") }));
    QVERIFY2(d->statusText().startsWith(
                 QStringLiteral("1 der 3 unter beiden Regelwerken bewerteten Fälle ändern sich unter dem Kandidaten.")),
        qPrintable(d->statusText()));
    QCOMPARE(find<QTableWidget>(d, QStringLiteral("impactCases"))->item(0, 3)->text(),
        QStringLiteral("ALLO-HEM-02: Erfüllt → Nicht erfüllt"));
    Startup::setLanguage(QStringLiteral("en"));
}

QTEST_MAIN(TestImpactDialog)
#include "tst_impact_dialog.moc"
