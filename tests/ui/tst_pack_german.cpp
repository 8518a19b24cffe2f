// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 12, the rest of the reference pack's German texts (resources/packs/FORMAT.md, "Texts in more
// than one language"): in the German interface the grid's risk and inpatient tooltips, the drill-down
// of an option, the case editor's variable notes and drug names show the pack's German text; the
// English interface shows the English text, unmarked; a text without German is shown in English,
// marked "[EN]".
#include "UiTestSupport.h"

#include "compare/ComparisonModel.h"
#include "compare/ComparisonView.h"
#include "compare/DrillDownDialog.h"
#include "compare/ResultText.h"
#include "editor/CaseEditor.h"
#include "editor/FactField.h"
#include "shell/CaseWorkspace.h"
#include "shell/Startup.h"

#include <QLabel>
#include <QTableView>

using namespace consilium;
using namespace consilium::test;

namespace {

// Phrases of resources/packs/consilium-reference.json (English and the German beside it).
const QString kCrsEn = QStringLiteral("CRS in 11/15 (grade 1 10/15, grade 2 1/15), none grade ≥ 3");
const QString kCrsDe = QStringLiteral("CRS bei 11/15 (Grad 1 10/15, Grad 2 1/15), keines Grad ≥ 3");
const QString kPopulationDe = QStringLiteral("SLE/SSc/IIM, CD19-CAR-T-Zellen (Erlangen)");
const QString kInpatientEn = QStringLiteral("Integrating products; the mRNA variant is outpatient");
const QString kInpatientDe = QStringLiteral("Integrierende Produkte; die mRNA-Variante ist ambulant");
const QString kFt819NoteEn = QStringLiteral("Optional second infusion and follow-up up to 15 years (lupus.org, V2)");
const QString kFt819NoteDe
    = QStringLiteral("Optionale zweite Infusion und Nachbeobachtung bis zu 15 Jahre (lupus.org, V2)");
const QString kSexNoteEn = QStringLiteral("CKD-EPI, Cockcroft-Gault, pregnancy rules.");
const QString kSexNoteDe = QStringLiteral("CKD-EPI, Cockcroft-Gault, Schwangerschaftsregeln.");

} // namespace

class TestPackGerman : public QObject
{
    Q_OBJECT

private:
    static QString tip(CaseWorkspace &w, int row, int arm)
    {
        return w.comparison()->model()->index(row, arm).data(Qt::ToolTipRole).toString();
    }

    static QString optionInfo(CaseWorkspace &w, const QString &optionId)
    {
        const RulePack &pack = w.evaluation()->pack();
        int option = -1;
        for (std::size_t i = 0; i < pack.options().size(); ++i) {
            if (pack.options()[i].id == optionId)
                option = int(i);
        }
        if (option < 0)
            return {};
        QTableView *grid = w.comparison()->grid();
        grid->setFocus();
        grid->setCurrentIndex(grid->model()->index(ComparisonModel::VerdictRow, 0));
        QTest::keyClick(grid, Qt::Key_Return);
        DrillDownDialog *d = w.drillDown();
        if (!d)
            return {};
        d->showOption(option);
        auto *info = find<QLabel>(d, QStringLiteral("drillOptionInfo"));
        return info ? info->text() : QString();
    }

    static QString medication(CaseWorkspace &w, int row)
    {
        auto *table = find<QTableView>(w.editor(), QStringLiteral("medicationTable"));
        return table ? table->model()->index(row, 0).data().toString() : QString();
    }

    static QString sexNote(CaseWorkspace &w)
    {
        auto *field = find<FactField>(w.editor(), QStringLiteral("fact_sex"));
        auto *label = field ? field->findChild<QLabel *>() : nullptr;
        return label ? label->toolTip() : QString();
    }

private Q_SLOTS:
    void germanInterfaceShowsGermanPackTexts()
    {
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        w.resize(1300, 900);
        w.show();
        QVERIFY(w.openCase(QStringLiteral("V02-spec-example")));
        w.evaluateNow();
        QVERIFY(w.evaluation());
        QCoreApplication::processEvents();

        // English interface: the English texts, unmarked.
        QVERIFY2(tip(w, ComparisonModel::Risks, 0).contains(kCrsEn), qPrintable(tip(w, ComparisonModel::Risks, 0)));
        QVERIFY(tip(w, ComparisonModel::Inpatient, 0).contains(kInpatientEn));
        QVERIFY2(optionInfo(w, QStringLiteral("allo-ft819")).contains(kFt819NoteEn),
            qPrintable(optionInfo(w, QStringLiteral("allo-ft819"))));
        QCOMPARE(medication(w, 0), QStringLiteral("Mycophenolate mofetil"));
        QCOMPARE(medication(w, 1), QStringLiteral("Prednisone"));
        QVERIFY2(sexNote(w).startsWith(kSexNoteEn), qPrintable(sexNote(w)));

        Startup::setLanguage(QStringLiteral("de"));
        QCoreApplication::processEvents();
        const QString risks = tip(w, ComparisonModel::Risks, 0);
        QVERIFY2(risks.contains(kCrsDe) && risks.contains(kPopulationDe), qPrintable(risks));
        QVERIFY2(!risks.contains(kCrsEn), qPrintable(risks));
        QVERIFY(!risks.contains(QStringLiteral("[EN]")));
        QVERIFY2(tip(w, ComparisonModel::Inpatient, 0).contains(kInpatientDe),
            qPrintable(tip(w, ComparisonModel::Inpatient, 0)));
        const QString info = optionInfo(w, QStringLiteral("allo-ft819"));
        QVERIFY2(info.contains(kFt819NoteDe), qPrintable(info));
        QVERIFY2(info.contains(QStringLiteral("SLE (Basket SLE, AAV, IIM, SSc; 244 geplant)")), qPrintable(info));
        QCOMPARE(medication(w, 0), QStringLiteral("Mycophenolatmofetil"));
        QCOMPARE(medication(w, 1), QStringLiteral("Prednison"));
        QVERIFY2(sexNote(w).startsWith(kSexNoteDe), qPrintable(sexNote(w)));
        // The engine's result stays English whatever the interface language.
        const RulePack &pack = w.evaluation()->pack();
        QCOMPARE(pack.toxicity()[0].front().summary.left(kCrsEn.size()), kCrsEn);

        Startup::setLanguage(QStringLiteral("en"));
        QCoreApplication::processEvents();
        QVERIFY(tip(w, ComparisonModel::Risks, 0).contains(kCrsEn));
        QVERIFY(!tip(w, ComparisonModel::Risks, 0).contains(QStringLiteral("[EN]")));
        QCOMPARE(medication(w, 0), QStringLiteral("Mycophenolate mofetil"));
        QVERIFY(sexNote(w).startsWith(kSexNoteEn));
    }

    // A text the pack gives in English only is shown in English, marked, in German (the reference
    // pack has German everywhere, so a copy without one German text).
    void pathTextFallsBackMarked()
    {
        Env env;
        auto s = env.session();
        const RulePack &pack = s->engine().pack();
        const QString english = QStringLiteral("Actual body weight; not normalised to BSA; no ideal/adjusted-weight "
                                               "correction (EL-51/EL-54 do not state one)");
        QByteArray bytes = RulePack::builtinBytes();
        const QByteArray german = QByteArrayLiteral(", \"de\": \"Tatsächliches Körpergewicht; nicht auf die KOF "
                                                    "normiert; keine Korrektur auf Ideal-/adjustiertes Gewicht "
                                                    "(EL-51/EL-54 nennen keine)\"");
        QVERIFY(bytes.contains(german));
        bytes.replace(german, QByteArray());
        json::Diagnostics diag;
        const auto bare = RulePack::load(bytes, diag);
        QVERIFY2(bare, qPrintable(diag.lines().join(QLatin1Char('\n'))));
        const QString key = textKey(u"derived", QStringLiteral("crcl_cockcroft_gault"), u"note");
        Startup::setLanguage(QStringLiteral("de"));
        QCOMPARE(ResultText::packText(*bare, key, english), ResultText::markEnglish(english));
        QVERIFY(ResultText::packText(*bare, key, english).endsWith(QStringLiteral(" [EN]")));
        QVERIFY(ResultText::packText(pack, key, english).startsWith(QStringLiteral("Tatsächliches Körpergewicht")));
        Startup::setLanguage(QStringLiteral("en"));
        QCOMPARE(ResultText::packText(*bare, key, english), english);
        Startup::setLanguage(QStringLiteral("de"));
        const ToxicityEntry &row = pack.toxicity()[0].front();
        QCOMPARE(row.path, QStringLiteral("$.toxicity.autologous_car_t[0]"));
        Startup::setLanguage(QStringLiteral("de"));
        QVERIFY(ResultText::toxicityTooltip(pack, row).contains(kCrsDe));
        // No such key: the English text as it is (a text the pack does not key, e.g. one the engine composed).
        QCOMPARE(ResultText::pathText(pack, QString(), u"summary", QStringLiteral("x")), QStringLiteral("x"));
        QCOMPARE(ResultText::packText(pack, QString(), QStringLiteral("composed")), QStringLiteral("composed"));
        Startup::setLanguage(QStringLiteral("en"));
        QCOMPARE(ResultText::pathText(pack, row.path, u"summary", row.summary), row.summary);
    }
};

QTEST_MAIN(TestPackGerman)
#include "tst_pack_german.moc"
