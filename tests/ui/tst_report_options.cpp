// SPDX-License-Identifier: GPL-3.0-or-later
// Options (products and trial protocols; resources/packs/FORMAT.md, "Options") in the conference
// report and the patient handout (issue 12, "What the clinician sees"): under each arm every option
// with its verdict and, always, the screening note; plain words in the handout; German pack texts in
// German; nothing of it under pack 2026.1. Expected values from ../shared/clinical/options-2026.2.md
// §E and from the pack.
#include "ReportTestSupport.h"
#include "UiTestSupport.h"

#include "editor/CaseDocument.h"
#include "engine/Engine.h"
#include "reports/ConferenceReport.h"
#include "reports/PatientHandout.h"
#include "rules/PackTexts.h"
#include "shell/CaseWorkspace.h"
#include "shell/MainWindow.h"
#include "shell/Startup.h"

#include <QDir>
#include <QTextDocument>

#include <algorithm>

using namespace consilium;
using namespace consilium::test;

namespace {

// An example case of pack 2026.2 (resources/examples/options-2026.2), saved; its id.
QString importExample(Session &s, const QString &name)
{
    QFile f(
        QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/examples/options-2026.2/") + name + QStringLiteral(".json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const auto out = s.store().saveCase(f.readAll(), s.pack());
    return out ? out.value().caseId : QString();
}

// The conference report of the workspace's case as text (the document that is printed).
QString reportText(const Session &s, const CaseWorkspace &w)
{
    QTextDocument doc;
    ReportInput in;
    in.engine = &w.evaluation()->engine();
    in.copyEvaluation(w.evaluation());
    in.document = w.document();
    in.siteOptions = s.siteOptions();
    ConferenceReport::build(in, doc);
    return doc.toPlainText();
}

// The text of one option in the report's options section: from its label to the next option's
// label (or the next section).
QString optionBlock(const QString &text, const RulePack &pack, const QString &label)
{
    const qsizetype section = text.indexOf(QStringLiteral("Products and trials (options)"));
    const qsizetype from = text.indexOf(QLatin1Char('\n') + label + QLatin1Char('\n'), section);
    if (section < 0 || from < 0)
        return {};
    qsizetype to = text.indexOf(QStringLiteral("Decisive criteria and sources"), from);
    for (const OptionDef &o : pack.options()) {
        const qsizetype next = text.indexOf(QLatin1Char('\n') + o.label + QLatin1Char('\n'), from + 1);
        if (next > from && next < to)
            to = next;
    }
    return text.mid(from, to - from);
}

QString germanText(const RulePack &pack, const QString &key)
{
    const LocalText t = pack.text(key, QStringLiteral("de"));
    return t.fellBack ? t.text + QStringLiteral(" [EN]") : t.text;
}

} // namespace

class TestReportOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Issue 12: under each arm the options considered, each with its name, kind, status, verdict,
    // the criteria that decide it, its earliest start and always the screening note. Expected
    // values: options-2026.2.md §E01 (platelets 60 ×10⁹/L: the allogeneic arm needs ≥ 30, RESOLUTION
    // ≥ 75; SLE fails the KYSA-8 and AURORA disease gates; every earliest start is the as-of date).
    void reportListsTheOptions()
    {
        Env env;
        auto s = env.session();
        // The site's availability is said beside the option; it changes no verdict.
        SiteOptions site;
        site.set(QStringLiteral("allo-ft819"), SiteOptions::Offered);
        QVERIFY(s->setSiteOptions(site));
        MainWindow w(std::move(s));
        const QString id = importExample(w.session(), QStringLiteral("E01-sle-plt60"));
        QVERIFY(w.workspace()->openCase(id));
        const RulePack &pack = w.session().pack();
        QVERIFY(pack.options().size() >= 12);
        const QString text = reportText(w.session(), *w.workspace());
        QVERIFY(text.contains(QStringLiteral("Products and trials (options)")));
        QVERIFY2(text.contains(QStringLiteral("Allogeneic CAR T · arm (generic): ✓ Eligible")), qPrintable(text));
        for (const OptionDef &opt : pack.options()) {
            const QString block = optionBlock(text, pack, opt.label);
            QVERIFY2(!block.isEmpty(), qPrintable(opt.id));
            // Beside every verdict: what the pack does not check.
            QVERIFY2(block.contains(opt.screeningNote.isEmpty()
                             ? QStringLiteral("Not encoded: check the protocol at screening.")
                             : QStringLiteral("Not encoded, check at screening: ") + opt.screeningNote),
                qPrintable(block));
        }
        auto block = [&](const char *id) {
            return optionBlock(text, pack, pack.options()[std::size_t(pack.optionIndex(QLatin1String(id)))].label);
        };
        const QString resolution = block("allo-allo-329-resolution");
        QVERIFY2(resolution.contains(QStringLiteral("✕ Ineligible")), qPrintable(resolution));
        QVERIFY(resolution.contains(QStringLiteral("OPT-ALLO329-HEM-01")));
        QVERIFY(resolution.contains(QStringLiteral("trial · ")));
        QVERIFY(resolution.contains(QStringLiteral("— (ineligible)")));
        const QString ft819 = block("allo-ft819");
        QVERIFY2(ft819.contains(QStringLiteral("✓ Eligible")), qPrintable(ft819));
        QVERIFY(ft819.contains(QStringLiteral("Offered at this centre")));
        QVERIFY(ft819.contains(QStringLiteral("now")));
        QVERIFY(!resolution.contains(QStringLiteral("Offered at this centre")));
        QVERIFY(block("auto-miv-cel-kysa8").contains(QStringLiteral("OPT-KYSA8-DIS-01")));
        QVERIFY(block("auto-descartes-08-aurora").contains(QStringLiteral("✕ Ineligible")));
        QVERIFY(block("tce-blinatumomab-brasle").contains(QStringLiteral("OPT-BLINA-HEM-01")));
        QVERIFY(block("soc-ahsct").contains(QStringLiteral("Not applicable")));
        // The criterion that decides an option, with its source, among the decisive criteria.
        const qsizetype decisive = text.indexOf(QStringLiteral("Decisive criteria and sources"));
        const qsizetype named = text.indexOf(QStringLiteral("ALLO-329 in RESOLUTION (Allogeneic CAR T)"), decisive);
        QVERIFY2(decisive > 0 && named > decisive, qPrintable(text.mid(decisive, 3000)));
        const auto hem = std::find_if(pack.criteria().begin(), pack.criteria().end(),
            [](const Criterion &c) { return c.id == QLatin1String("OPT-ALLO329-HEM-01"); });
        QVERIFY(hem != pack.criteria().end() && !hem->source.isEmpty());
        QVERIFY(text.indexOf(hem->source, named) > named);
        // The options' own toxicity rows, tagged with the option (CTA311: CRS in 9 of 11).
        QVERIFY2(text.contains(QStringLiteral("rows of its options")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("CTA311: CRS 9/11")), qPrintable(text));
        // The printed PDF has them.
        const QString pdf = env.path(QStringLiteral("options-report.pdf"));
        QVERIFY(w.exportReport(pdf));
        keep(pdf);
        const QString f = flat(pdfText(pdf));
        QVERIFY(f.contains(QStringLiteral("Products and trials (options)")));
        for (const char *label : { "ALLO-329 in RESOLUTION", "FT819", "CTA311", "Blinatumomab in BRASLE" })
            QVERIFY2(f.contains(QLatin1String(label)), label);
        QVERIFY2(
            f.count(QStringLiteral("Not encoded")) >= qsizetype(pack.options().size()), qPrintable(f)); // every option
    }

    // Missing values: an option whose exclusion is unknown is undetermined and says what is
    // missing (options-2026.2.md §E06: no SLEDAI-2K, so obe-cel in CARLYSLE is undetermined).
    void reportOptionWithUnknowns()
    {
        Env env;
        MainWindow w(env.session());
        QVERIFY(w.workspace()->openCase(importExample(w.session(), QStringLiteral("E06-sle-partial-48kg"))));
        const RulePack &pack = w.session().pack();
        const QString text = reportText(w.session(), *w.workspace());
        const QString obecel = optionBlock(
            text, pack, pack.options()[std::size_t(pack.optionIndex(QStringLiteral("auto-obe-cel-carlysle")))].label);
        QVERIFY2(obecel.contains(QStringLiteral("? Undetermined")), qPrintable(obecel));
        QVERIFY(obecel.contains(QStringLiteral("OPT-OBECEL-SLEDAI-01")));
        QVERIFY2(obecel.contains(QStringLiteral("Missing: SLEDAI-2K")), qPrintable(obecel));
        QVERIFY(obecel.contains(QStringLiteral("Not encoded, check at screening:")));
        const QString pdf = env.path(QStringLiteral("E06-report.pdf"));
        QVERIFY(w.exportReport(pdf));
        keep(pdf);
        QVERIFY(flat(pdfText(pdf)).contains(QStringLiteral("Undetermined")));
    }

    // The arm's verdict stays the generic one; an option under an ineligible arm can be eligible
    // (options-2026.2.md §E02: KYSA-8 asks for ≥ 1 failed line where the arm asks for ≥ 2).
    void reportOptionBetterThanItsArm()
    {
        Env env;
        MainWindow w(env.session());
        QVERIFY(w.workspace()->openCase(importExample(w.session(), QStringLiteral("E02-sps-one-line"))));
        const RulePack &pack = w.session().pack();
        const QString text = reportText(w.session(), *w.workspace());
        QVERIFY2(text.contains(QStringLiteral("Autologous CAR T · arm (generic): ✕ Ineligible")), qPrintable(text));
        const QString kysa8 = optionBlock(
            text, pack, pack.options()[std::size_t(pack.optionIndex(QStringLiteral("auto-miv-cel-kysa8")))].label);
        QVERIFY2(kysa8.contains(QStringLiteral("✓ Eligible")), qPrintable(kysa8));
        QVERIFY(kysa8.contains(QStringLiteral("Not encoded, check at screening:")));
        QVERIFY(kysa8.contains(QStringLiteral("now"))); // IVIG has no washout: 2026-12-04, the as-of date
        const QString pdf = env.path(QStringLiteral("E02-report.pdf"));
        QVERIFY(w.exportReport(pdf));
        keep(pdf);
    }

    // The German report shows the pack's German option texts, the English one marked [EN] where the
    // pack has none (resources/packs/FORMAT.md, "Texts in more than one language").
    void reportInGerman()
    {
        Env env;
        MainWindow w(env.session());
        QVERIFY(w.workspace()->openCase(importExample(w.session(), QStringLiteral("E01-sle-plt60"))));
        const RulePack &pack = w.session().pack();
        Startup::setLanguage(QStringLiteral("de"));
        const QString text = reportText(w.session(), *w.workspace());
        const QString pdf = env.path(QStringLiteral("E01-report-de.pdf"));
        QVERIFY(w.exportReport(pdf));
        Startup::setLanguage(QStringLiteral("en"));
        keep(pdf);
        QVERIFY2(!text.contains(QStringLiteral("Products and trials")), qPrintable(text.left(2000)));
        QVERIFY(!text.contains(QStringLiteral("Not encoded")));
        for (const char *id : { "tce-teclistamab-offlabel", "allo-allo-329-resolution", "auto-zorpo-cel-castle" }) {
            const QString note = germanText(pack, textKey(u"option", QLatin1String(id), u"screening_note"));
            QVERIFY2(note.size() > 10 && text.contains(note), qPrintable(note));
        }
        for (const char *id : { "tce-teclistamab-offlabel", "allo-allo-329-resolution", "soc-ahsct" }) {
            const QString label = germanText(pack, textKey(u"option", QLatin1String(id), u"label"));
            QVERIFY2(label.size() > 3 && text.contains(label), qPrintable(label));
        }
        // Every text of the reference pack has German now (tst_pack_texts::referencePackHasGermanEverywhere):
        // nothing is marked as an English fallback (the marker itself: tst_pack_german, on a pack copy).
        QVERIFY(text.contains(QStringLiteral("ALLO-329 in RESOLUTION")));
        QVERIFY2(!text.contains(QStringLiteral("[EN]")),
            qPrintable(text.mid(text.indexOf(QStringLiteral("[EN]")) - 200, 300)));
        QVERIFY(!text.contains(QStringLiteral("Autologous HSCT (SSc)")));
        QVERIFY(flat(pdfText(pdf)).contains(QStringLiteral("Teclistamab (Off-Label)")));
    }

    // Pack 2026.1 has no options: no options section in the report, no options row in the handout.
    void pack2026_1HasNoOptions()
    {
        Env env;
        auto s = env.session();
        QFile f(QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/packs/consilium-reference-2026.1.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        json::Diagnostics diag;
        std::unique_ptr<RulePack> old = RulePack::load(f.readAll(), diag);
        QVERIFY(old);
        QString error;
        QVERIFY2(s->activatePack(std::move(old), error), qPrintable(error));
        QCOMPARE(s->pack().version(), QStringLiteral("2026.1"));
        CaseWorkspace w(*s);
        QVERIFY(w.openCase(QStringLiteral("V01-sle-ln-si-units")));
        const QString text = reportText(*s, w);
        QVERIFY(text.contains(QStringLiteral("Decisive criteria and sources")));
        for (const char *never : { "Products and trials", "Not encoded", "rows of its options", "screening" })
            QVERIFY2(!text.contains(QLatin1String(never)), never);
        QTextDocument handout;
        PatientHandout::build(s->engine(), *w.evaluation(), {}, handout);
        QVERIFY(handout.toPlainText().contains(QStringLiteral("Is this possible for me?")));
        QVERIFY(!handout.toPlainText().contains(QStringLiteral("products or studies")));
        QVERIFY(!handout.toPlainText().contains(QStringLiteral("study team")));
    }

    // The handout names the products and studies in plain words and never promises a place
    // (options-2026.2.md §E02: stiff-person syndrome after one line; the autologous arm is
    // ineligible by the generic ≥ 2 lines, KYSA-8 asks for ≥ 1 and is eligible).
    void handoutListsTheOptions_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("question");
        QTest::addColumn<QString>("kysa8"); // after the option's label
        QTest::addColumn<QString>("checks");
        QTest::addColumn<QString>("ownRules");
        QTest::newRow("en") << QStringLiteral("en") << QStringLiteral("Which products or studies did the team look at?")
                            << QStringLiteral(" (study): possible so far")
                            << QStringLiteral("checks further conditions")
                            << QStringLiteral("Not possible by the general rules for this treatment, but a product or"
                                              " study below has its own conditions");
        QTest::newRow("de") << QStringLiteral("de")
                            << QStringLiteral("Welche Produkte oder Studien hat das Team geprüft?")
                            << QStringLiteral(" (Studie): nach bisheriger Prüfung möglich")
                            << QStringLiteral("prüft weitere Bedingungen")
                            << QStringLiteral("Nach den allgemeinen Regeln für diese Behandlung nicht möglich, aber ein"
                                              " Produkt oder eine Studie unten hat eigene Bedingungen");
    }

    void handoutListsTheOptions()
    {
        QFETCH(QString, language);
        QFETCH(QString, question);
        QFETCH(QString, kysa8);
        QFETCH(QString, checks);
        QFETCH(QString, ownRules);
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        QVERIFY(w.openCase(importExample(*s, QStringLiteral("E02-sps-one-line"))));
        QVERIFY(w.evaluation()->verdict(Arm::AutologousCarT) == Verdict::Ineligible);
        PatientHandout::Options options;
        options.language = language;
        QTextDocument doc;
        PatientHandout::build(s->engine(), *w.evaluation(), options, doc);
        const QString text = doc.toPlainText().simplified();
        QVERIFY2(text.contains(question), qPrintable(text));
        const RulePack &pack = s->pack();
        const QString key = textKey(u"option", QStringLiteral("auto-miv-cel-kysa8"), u"label");
        const QString label = language == QLatin1String("en")
            ? pack.options()[std::size_t(pack.optionIndex(QStringLiteral("auto-miv-cel-kysa8")))].label
            : germanText(pack, key);
        QVERIFY2(text.contains(label + kysa8), qPrintable(text));
        QVERIFY2(text.contains(checks), qPrintable(text));
        QVERIFY2(text.contains(ownRules), qPrintable(text));
        // Not "eligible", not "enrol": plain words only.
        for (const char *never : { "ligible", "nrol", "geeignet" })
            QVERIFY2(!text.contains(QLatin1String(never)), never);
        // Still one page.
        const QString pdf = env.path(QStringLiteral("handout-%1.pdf").arg(language));
        QString error;
        QVERIFY2(PatientHandout::writePdf(s->engine(), *w.evaluation(), options, pdf, error), qPrintable(error));
        keep(pdf);
        const QString printed = pdfText(pdf);
        QCOMPARE(printed.count(QLatin1Char('\f')), 1);
        QVERIFY(flat(printed).contains(question.split(QLatin1Char(' ')).first()));
    }

    // The handout stays one page with the options row, for every example case of pack 2026.2 in
    // both languages (the text is made smaller if needed, PatientHandout::paint).
    void handoutOfEveryExampleIsOnePage()
    {
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        const QStringList examples = QDir(QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/examples/options-2026.2"))
                                         .entryList({ QStringLiteral("E0*.json") }, QDir::Files, QDir::Name);
        QCOMPARE(examples.size(), 8);
        for (const QString &file : examples) {
            QVERIFY(w.openCase(importExample(*s, file.chopped(5))));
            for (const char *language : { "en", "de" }) {
                PatientHandout::Options options;
                options.language = QLatin1String(language);
                const QString pdf
                    = env.path(file.chopped(5) + QStringLiteral("-handout-%1.pdf").arg(QLatin1String(language)));
                QString error;
                QVERIFY2(PatientHandout::writePdf(w.evaluation()->engine(), *w.evaluation(), options, pdf, error),
                    qPrintable(error));
                keep(pdf);
                QVERIFY2(pdfText(pdf).count(QLatin1Char('\f')) == 1, qPrintable(pdf));
            }
        }
    }

    // The report holds its own copy of the evaluation, and building it delivers no other object's
    // posted events: a pending language change used to reach the window mid-build (the charts'
    // layout sent every posted event), which then replaced the evaluation the report was reading.
    void reportOwnsItsEvaluation()
    {
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        QVERIFY(w.openCase(QStringLiteral("V01-sle-ln-si-units")));
        const Evaluation *before = w.evaluation();
        ReportInput in;
        in.engine = &before->engine();
        in.copyEvaluation(before);
        in.document = w.document();
        QVERIFY(in.evaluation && in.evaluation.get() != before);
        QCoreApplication::postEvent(&w, new QEvent(QEvent::LanguageChange));
        QTextDocument doc;
        ConferenceReport::build(in, doc);
        QCOMPARE(w.evaluation(), before); // the window did not evaluate during the build
        QCoreApplication::sendPostedEvents(&w, QEvent::LanguageChange);
        QVERIFY(w.evaluation() != before); // now it did
        QTextDocument again;
        ConferenceReport::build(in, again); // the report's copy is still there
        QCOMPARE(again.toPlainText(), doc.toPlainText());
    }
};

QTEST_MAIN(TestReportOptions)
#include "tst_report_options.moc"
