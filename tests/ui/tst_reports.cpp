// SPDX-License-Identifier: GPL-3.0-or-later
// Reports: the conference PDF (checked with pdftotext: case, comparison, criteria with
// sources, decision and participants, pack identity, the disclaimer on every page), the
// one-page patient handout in English and German, and printing through the print dialog.
#include "UiTestSupport.h"

#include "decision/DecisionPanel.h"
#include "engine/Engine.h"
#include "reports/PatientHandout.h"
#include "shell/CaseWorkspace.h"
#include "shell/MainWindow.h"

#include <QElapsedTimer>
#include <QFile>
#include <QPrintDialog>
#include <QPrinter>
#include <QProcess>

using namespace consilium;
using namespace consilium::test;

namespace {

QString pdfText(const QString &pdf)
{
    const QString tool = QStringLiteral(CONSILIUM_PDFTOTEXT);
    if (tool.isEmpty() || tool.endsWith(QLatin1String("NOTFOUND")))
        qFatal("pdftotext (poppler-utils) is required by this test");
    QProcess p;
    p.start(tool, { QStringLiteral("-layout"), pdf, QStringLiteral("-") });
    if (!p.waitForFinished(30000) || p.exitCode() != 0)
        qFatal("pdftotext failed on %s", qPrintable(pdf));
    return QString::fromUtf8(p.readAllStandardOutput());
}

QString flat(QString s)
{
    return s.simplified();
}

} // namespace

class TestReports : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void conferenceReport()
    {
        Env env;
        auto s = env.session();
        // A finalised decision with a dissenting position and an override.
        const auto conf = DecisionPanel::todaysConference(*s);
        QVERIFY(conf);
        const auto id = s->decisions().open(*conf, QStringLiteral("V01-sle-ln-si-units"), s->pack());
        QVERIFY(id);
        QVERIFY(s->decisions().setOutcome(
            *id, QStringLiteral("autologous_car_t"), QStringLiteral("Refractory lupus nephritis")));
        QVERIFY(s->decisions().recordPosition(
            *id, { QStringLiteral("Dr Rheuma"), QStringLiteral("rheumatology"), Stance::Agree, {}, {} }));
        QVERIFY(s->decisions().recordPosition(*id,
            { QStringLiteral("Dr Cell"), QStringLiteral("cellular_therapy"), Stance::Disagree,
                QStringLiteral("trial slot"), {} }));
        QVERIFY(s->decisions().addOverride(
            *id, QStringLiteral("AUTO-WASH-01"), QStringLiteral("clinical_judgement"), QStringLiteral("MMF stopped")));
        QVERIFY(s->decisions().finalise(*id));

        MainWindow w(std::move(s));
        QVERIFY(w.workspace()->openCase(QStringLiteral("V01-sle-ln-si-units")));
        const QString pdf = env.path(QStringLiteral("report.pdf"));
        QElapsedTimer t;
        t.start();
        QVERIFY(w.exportReport(pdf));
        qInfo("conference report PDF: %lld ms, %lld bytes", t.elapsed(), QFile(pdf).size());
        QVERIFY(t.elapsed() < 5000);
        const QString text = pdfText(pdf);
        const QString f = flat(text);
        QVERIFY(f.contains(QStringLiteral("Conference report: V01-sle-ln-si-units")));
        QVERIFY(f.contains(QStringLiteral("Comparison")));
        QVERIFY(f.contains(QStringLiteral("Autologous CAR T")));
        QVERIFY(f.contains(QStringLiteral("Decisive criteria and sources")));
        QVERIFY(f.contains(QStringLiteral("AUTO-WASH-01")));
        QVERIFY(f.contains(QStringLiteral("EBMT24")));
        QVERIFY(f.contains(QStringLiteral("Dr Cell")));
        QVERIFY(f.contains(QStringLiteral("trial slot")));
        QVERIFY(f.contains(QStringLiteral("MMF stopped")));
        QVERIFY(f.contains(QStringLiteral("dissent")));
        QVERIFY(f.contains(QStringLiteral("consilium-reference")));
        QVERIFY(f.contains(w.session().pack().sha256()));
        QVERIFY(f.contains(QStringLiteral("Logistics timeline")));
        // The disclaimer in the footer of every page.
        const QStringList pages = text.split(QLatin1Char('\f'), Qt::SkipEmptyParts);
        QVERIFY2(pages.size() >= 2, qPrintable(QString::number(pages.size())));
        for (const QString &page : pages) {
            if (page.trimmed().isEmpty())
                continue;
            QVERIFY2(flat(page).contains(QStringLiteral(
                         "Decision support only: the multidisciplinary team is responsible for the decision")),
                qPrintable(page.right(300)));
            QVERIFY(flat(page).contains(QStringLiteral("Page ")));
        }
    }

    void patientHandout_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("question");
        QTest::addColumn<QString>("people");
        QTest::newRow("en") << QStringLiteral("en") << QStringLiteral("Your treatment options")
                            << QStringLiteral("How long in hospital?") << QStringLiteral("11 of 15 people");
        QTest::newRow("de") << QStringLiteral("de") << QStringLiteral("Ihre Behandlungsmöglichkeiten")
                            << QStringLiteral("Wie lange im Krankenhaus?") << QStringLiteral("11 von 15 Personen");
    }

    void patientHandout()
    {
        QFETCH(QString, language);
        QFETCH(QString, title);
        QFETCH(QString, question);
        QFETCH(QString, people);
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        QVERIFY(w.openCase(QStringLiteral("V01-sle-ln-si-units")));
        const QString pdf = env.path(QStringLiteral("handout.pdf"));
        QString error;
        PatientHandout::Options options;
        options.language = language;
        QVERIFY2(PatientHandout::writePdf(s->engine(), *w.evaluation(), options, pdf, error), qPrintable(error));
        const QString text = pdfText(pdf);
        QCOMPARE(text.count(QLatin1Char('\f')), 1); // exactly one page
        const QString f = flat(text);
        QVERIFY2(f.contains(title), qPrintable(f.left(400)));
        for (const QString &word : question.split(QLatin1Char(' '))) // table cells wrap
            QVERIFY2(f.contains(word), qPrintable(word));
        QVERIFY2(f.contains(people), qPrintable(f)); // plain words, with n
        QVERIFY(!f.contains(QStringLiteral("eligible_with_cautions")));
    }

    void printThroughTheDialog()
    {
        Env env;
        MainWindow w(env.session());
        QVERIFY(w.workspace()->openCase(QStringLiteral("V02-spec-example")));
        const QString out = env.path(QStringLiteral("printed.pdf"));
        int shown = 0;
        Dialogs::setExecHook([&](QDialog *d) {
            ++shown;
            auto *pd = qobject_cast<QPrintDialog *>(d);
            if (!pd)
                return int(QDialog::Rejected);
            pd->printer()->setOutputFormat(QPrinter::PdfFormat);
            pd->printer()->setOutputFileName(out);
            return int(QDialog::Accepted);
        });
        w.printReport();
        QCOMPARE(shown, 1);
        QVERIFY(QFile::exists(out));
        QVERIFY(flat(pdfText(out)).contains(QStringLiteral("Conference report: V02-spec-example")));
        Dialogs::setExecHook({});
    }
};

QTEST_MAIN(TestReports)
#include "tst_reports.moc"
