// SPDX-License-Identifier: GPL-3.0-or-later
// The case editor driven through its widgets: mixed units change the grid, invalid values
// show their reason without blocking the rest, undo/redo, save makes a version, the
// unsaved-changes prompt and the crash-safe draft.
#include "UiTestSupport.h"

#include "compare/ComparisonModel.h"
#include "compare/ComparisonView.h"
#include "editor/CaseDocument.h"
#include "editor/CaseEditor.h"
#include "editor/FactField.h"
#include "editor/MedicationModel.h"
#include "engine/Engine.h"
#include "rules/RulePack.h"
#include "settings/AppSettings.h"
#include "shell/CaseWorkspace.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QCompleter>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QUndoStack>

#include <limits>

using namespace consilium;
using namespace consilium::test;

class TestEditor : public QObject
{
    Q_OBJECT

private:
    static QString cell(CaseWorkspace &w, int row, int arm)
    {
        return w.comparison()->model()->index(row, arm).data().toString();
    }
    static void type(CaseWorkspace &w, const QString &var, const QString &text)
    {
        auto *edit = find<QLineEdit>(w.editor(), QStringLiteral("value_") + var);
        edit->selectAll();
        if (text.isEmpty())
            QTest::keyClick(edit, Qt::Key_Delete);
        else
            QTest::keyClicks(edit, text);
    }
    static void unit(CaseWorkspace &w, const QString &var, const QString &u)
    {
        QVERIFY(choose(find<QComboBox>(w.editor(), QStringLiteral("unit_") + var), u));
    }
    static QString error(CaseWorkspace &w, const QString &var)
    {
        auto *l = find<QLabel>(w.editor(), QStringLiteral("error_") + var);
        return l->isVisibleTo(w.editor()) ? l->text() : QString();
    }

private Q_SLOTS:
    void mixedUnitsChangeTheGrid()
    {
        Env env;
        auto s = env.session(false);
        CaseWorkspace w(*s);
        w.resize(1400, 900);
        w.show();
        w.tabs()->setCurrentIndex(CaseWorkspace::DataTab);
        const QString before = cell(w, ComparisonModel::VerdictRow, 0);
        QVERIFY2(before.contains(QStringLiteral("Undetermined")), qPrintable(before));

        type(w, QStringLiteral("age_years"), QStringLiteral("34"));
        QVERIFY(choose(find<QComboBox>(w.editor(), QStringLiteral("value_sex")), QStringLiteral("female")));
        QVERIFY(choose(find<QComboBox>(w.editor(), QStringLiteral("value_disease")), QStringLiteral("SLE")));
        // Mixed units: weight in g, creatinine in µmol/L, haemoglobin in g/L, platelets in 10^3/µL.
        unit(w, QStringLiteral("weight"), QStringLiteral("g"));
        type(w, QStringLiteral("weight"), QStringLiteral("62000"));
        unit(w, QStringLiteral("creatinine"), QStringLiteral("umol/L"));
        type(w, QStringLiteral("creatinine"), QStringLiteral("80"));
        unit(w, QStringLiteral("hemoglobin"), QStringLiteral("g/L"));
        type(w, QStringLiteral("hemoglobin"), QStringLiteral("112"));
        // The canonical value appears beside the field.
        QTRY_VERIFY(find<QLabel>(w.editor(), QStringLiteral("canonical_creatinine"))
                        ->text()
                        .contains(QStringLiteral("= 0.90 mg/dL")));
        QVERIFY(find<QLabel>(w.editor(), QStringLiteral("canonical_weight"))
                    ->text()
                    .contains(QStringLiteral("= 62.00 kg")));
        QTRY_VERIFY(w.evaluation() != nullptr);
        w.evaluateNow();
        const CaseData &c = w.evaluation()->caseData();
        const int creat = s->pack().variableIndex(QStringLiteral("creatinine"));
        QCOMPARE(qRound(c.values[std::size_t(creat)] * 1000), 905);
        // eGFR from mixed units, visible in the derived values.
        const int egfr = s->pack().slotOf(QStringLiteral("egfr_ckd_epi_2021"));
        QCOMPARE(qRound(w.evaluation()->value(egfr) * 10), 855);

        // Now creatinine 4 mg/dL: the renal exclusions make both CAR T arms ineligible.
        const QString autoBefore = cell(w, ComparisonModel::DecidedBy, 0);
        unit(w, QStringLiteral("creatinine"), QStringLiteral("mg/dL"));
        type(w, QStringLiteral("creatinine"), QStringLiteral("4"));
        QTRY_VERIFY(cell(w, ComparisonModel::VerdictRow, 0).contains(QStringLiteral("Ineligible")));
        QVERIFY(cell(w, ComparisonModel::VerdictRow, 1).contains(QStringLiteral("Ineligible")));
        QVERIFY(cell(w, ComparisonModel::DecidedBy, 0) != autoBefore);
        QVERIFY(cell(w, ComparisonModel::DecidedBy, 0).contains(QStringLiteral("RENAL")));
        // The cells that moved are marked.
        QVERIFY(
            w.comparison()->model()->index(ComparisonModel::VerdictRow, 0).data(ComparisonModel::ChangedRole).toBool());
        QVERIFY(
            !w.comparison()->model()->index(ComparisonModel::Inpatient, 0).data(ComparisonModel::ChangedRole).toBool());
    }

    void gridFollowsEveryEdit()
    {
        // Each edit is validated, evaluated and shown at once: after every one of 50 quick edits the
        // evaluation holds the value just typed and the derived eGFR moves with it. (How fast this is
        // is measured by ui_bench, not asserted here.)
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        w.resize(1400, 900);
        w.show();
        QVERIFY(w.openCase(QStringLiteral("V01-sle-ln-si-units")));
        w.tabs()->setCurrentIndex(CaseWorkspace::CompareTab);
        const int creat = s->pack().variableIndex(QStringLiteral("creatinine"));
        const int egfr = s->pack().slotOf(QStringLiteral("egfr_ckd_epi_2021"));
        FactField *f = w.editor()->field(QStringLiteral("creatinine"));
        FactEntry e = f->entry();
        QCOMPARE(e.unit, QStringLiteral("umol/L"));
        double previousEgfr = std::numeric_limits<double>::infinity();
        for (int i = 0; i < 50; ++i) {
            const int umol = 70 + 2 * i;
            e.text = QString::number(umol);
            w.document()->setFact(QStringLiteral("creatinine"), e);
            w.evaluateNow();
            QCoreApplication::processEvents();
            QVERIFY(w.evaluation() != nullptr);
            // Canonical mg/dL = µmol/L ÷ 88.42 (pack variable `creatinine`; docs/case-format.md#units).
            QCOMPARE(w.evaluation()->caseData().values[std::size_t(creat)], umol / 88.42);
            const double now = w.evaluation()->value(egfr);
            QVERIFY2(now < previousEgfr, qPrintable(QStringLiteral("edit %1: eGFR %2").arg(i).arg(now)));
            previousEgfr = now;
        }
        // The grid shows the result of the last edit, not an earlier one.
        QVERIFY(!cell(w, ComparisonModel::VerdictRow, 0).isEmpty());
    }

    void invalidValueShowsItsReason()
    {
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        w.show();
        QVERIFY(w.openCase(QStringLiteral("V01-sle-ln-si-units")));
        type(w, QStringLiteral("creatinine"), QStringLiteral("abc"));
        QTRY_VERIFY(error(w, QStringLiteral("creatinine")).contains(QStringLiteral("not a number")));
        // Out of range, named with the canonical value; everything else still evaluates.
        type(w, QStringLiteral("creatinine"), QStringLiteral("5000"));
        w.evaluateNow();
        QVERIFY2(error(w, QStringLiteral("creatinine")).contains(QStringLiteral("outside the plausible range")),
            qPrintable(error(w, QStringLiteral("creatinine"))));
        QVERIFY(w.evaluation() != nullptr);
        QVERIFY(w.comparison()->model()->index(0, 0).data(ComparisonModel::HasResultRole).toBool());
        const int egfr = s->pack().slotOf(QStringLiteral("egfr_ckd_epi_2021"));
        QCOMPARE(w.evaluation()->status(egfr), ValueStatus::Absent);
        const int weight = s->pack().variableIndex(QStringLiteral("weight"));
        QCOMPARE(w.evaluation()->caseData().values[std::size_t(weight)], 62.0);
        // A second field can be edited while the first is wrong.
        type(w, QStringLiteral("weight"), QStringLiteral("70"));
        w.evaluateNow();
        QCOMPARE(w.evaluation()->caseData().values[std::size_t(weight)], 70.0);
        QVERIFY(!error(w, QStringLiteral("creatinine")).isEmpty());
        QVERIFY(error(w, QStringLiteral("weight")).isEmpty());
        // An unknown enum literal from a file is an error of that field only.
        // Saving is refused while a field is wrong.
        QVERIFY(!w.save());
        QVERIFY(Dialogs::lastMessage().contains(QStringLiteral("$.facts.creatinine")));
        // Fixing it clears the error.
        type(w, QStringLiteral("creatinine"), QStringLiteral("81"));
        w.evaluateNow();
        QVERIFY(error(w, QStringLiteral("creatinine")).isEmpty());
    }

    void unitsFollowTheConvention()
    {
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        w.newCase();
        QCOMPARE(w.document()->meta(QStringLiteral("jurisdiction")), QStringLiteral("EU"));
        auto shown = [&w](const char *var) {
            return find<QComboBox>(w.editor(), QStringLiteral("unit_") + QLatin1String(var))->currentData().toString();
        };
        // A new EU case offers the pack's EU units, visible before anything is typed.
        const RulePack &pack = s->pack();
        for (const char *var : { "creatinine", "crp", "bilirubin", "hemoglobin" }) {
            const Variable &v = pack.variables()[std::size_t(pack.variableIndex(QLatin1String(var)))];
            QCOMPARE(shown(var), v.defaultUnit(QStringLiteral("EU")));
        }
        QCOMPARE(shown("creatinine"), QStringLiteral("umol/L"));
        QCOMPARE(shown("crp"), QStringLiteral("mg/L"));
        QCOMPARE(shown("bilirubin"), QStringLiteral("umol/L"));
        // "5" typed for CRP is 5 mg/L (0.5 mg/dL canonical), not 5 mg/dL.
        type(w, QStringLiteral("crp"), QStringLiteral("5"));
        w.evaluateNow();
        QCOMPARE(w.document()->fact(QStringLiteral("crp")).unit, QStringLiteral("mg/L"));
        const int crp = pack.variableIndex(QStringLiteral("crp"));
        QVERIFY(w.evaluation());
        QCOMPARE(w.evaluation()->caseData().values[std::size_t(crp)], 0.5);
        QVERIFY(w.document()->toJson().contains("\"unit\": \"mg/L\""));
        // 1.1 is not a creatinine in µmol/L (outside the pack's range) but is one in mg/dL.
        type(w, QStringLiteral("creatinine"), QStringLiteral("1.1"));
        w.evaluateNow();
        QVERIFY2(error(w, QStringLiteral("creatinine")).contains(QStringLiteral("did you mean mg/dL?")),
            qPrintable(error(w, QStringLiteral("creatinine"))));
        unit(w, QStringLiteral("creatinine"), QStringLiteral("mg/dL"));
        w.evaluateNow();
        QCOMPARE(error(w, QStringLiteral("creatinine")), QString());
        // Plausible in the chosen unit: no suggestion.
        unit(w, QStringLiteral("creatinine"), QStringLiteral("umol/L"));
        type(w, QStringLiteral("creatinine"), QStringLiteral("80"));
        w.evaluateNow();
        QCOMPARE(error(w, QStringLiteral("creatinine")), QString());
        // A US case offers US units for what has no value yet; entered values keep theirs.
        QVERIFY(choose(find<QComboBox>(w.editor(), QStringLiteral("meta_jurisdiction")), QStringLiteral("US")));
        QCOMPARE(shown("bilirubin"), QStringLiteral("mg/dL"));
        QCOMPARE(shown("crp"), QStringLiteral("mg/L"));
        QCOMPARE(shown("creatinine"), QStringLiteral("umol/L"));
        // The site setting overrides the jurisdiction.
        AppSettings::setUnitConvention(QStringLiteral("EU"));
        w.editor()->applyUnitConvention();
        QCOMPARE(shown("bilirubin"), QStringLiteral("umol/L"));
        AppSettings::setUnitConvention(QString());
        w.editor()->applyUnitConvention();
        QCOMPARE(shown("bilirubin"), QStringLiteral("mg/dL"));
        // A stored case shows the units it was entered in (V03: creatinine in mg/dL, an EU case).
        Dialogs::setNextAnswer(QMessageBox::Discard);
        QVERIFY(w.openCase(QStringLiteral("V03-dcssc-all-eligible")));
        QCOMPARE(shown("creatinine"), QStringLiteral("mg/dL"));
        QCOMPARE(shown("crp"), QStringLiteral("mg/L"));
    }

    void oneKeystrokePerValue()
    {
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        w.tabs()->setCurrentIndex(CaseWorkspace::DataTab);
        auto focused
            = [] { return QApplication::focusWidget() ? QApplication::focusWidget()->objectName() : QString(); };
        auto *creatinine = find<QLineEdit>(w.editor(), QStringLiteral("value_creatinine"));
        creatinine->setFocus();
        QTest::keyClicks(creatinine, QStringLiteral("80"));
        // Tab goes to the next value, not to the unit, state or date of this one.
        QTest::keyClick(creatinine, Qt::Key_Tab);
        QCOMPARE(focused(), QStringLiteral("value_anc"));
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("3.4"));
        // So does Enter.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QCOMPARE(focused(), QStringLiteral("value_alc"));
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("1.1"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Enter, Qt::KeypadModifier);
        QCOMPARE(focused(), QStringLiteral("value_cd3_count"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backtab);
        QCOMPARE(focused(), QStringLiteral("value_alc"));
        QCOMPARE(w.document()->fact(QStringLiteral("creatinine")).text, QStringLiteral("80"));
        QCOMPARE(w.document()->fact(QStringLiteral("creatinine")).unit, QStringLiteral("umol/L"));
        QCOMPARE(w.document()->fact(QStringLiteral("anc")).text, QStringLiteral("3.4"));
        QCOMPARE(w.document()->fact(QStringLiteral("alc")).text, QStringLiteral("1.1"));
        // Unit, state and date are reached deliberately: Alt+U, Alt+S, Alt+W from the value.
        auto *crp = find<QLineEdit>(w.editor(), QStringLiteral("value_crp"));
        crp->setFocus();
        QTest::keyClick(crp, Qt::Key_U, Qt::AltModifier);
        QCOMPARE(focused(), QStringLiteral("unit_crp"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Up); // mg/L -> mg/dL
        QCOMPARE(
            find<QComboBox>(w.editor(), QStringLiteral("unit_crp"))->currentData().toString(), QStringLiteral("mg/dL"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return); // back to the still empty value
        QCOMPARE(focused(), QStringLiteral("value_crp"));
        QTest::keyClicks(crp, QStringLiteral("1.2"));
        QCOMPARE(w.document()->fact(QStringLiteral("crp")).unit, QStringLiteral("mg/dL"));
        QTest::keyClick(crp, Qt::Key_S, Qt::AltModifier);
        QCOMPARE(focused(), QStringLiteral("status_crp"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
        crp->setFocus();
        QTest::keyClick(crp, Qt::Key_W, Qt::AltModifier);
        QCOMPARE(focused(), QStringLiteral("date_crp"));
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("2026-11-18"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return); // on to the next value
        QCOMPARE(focused(), QStringLiteral("value_ferritin"));
        QCOMPARE(w.document()->fact(QStringLiteral("crp")).date, QStringLiteral("2026-11-18"));
        // The unit, state and date are not in the Tab chain at all.
        for (const char *name : { "unit_creatinine", "status_creatinine", "date_creatinine" })
            QCOMPARE(find<QWidget>(w.editor(), QLatin1String(name))->focusPolicy(), Qt::ClickFocus);
    }

    void panelDateEnteredOnce()
    {
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        w.tabs()->setCurrentIndex(CaseWorkspace::DataTab);
        type(w, QStringLiteral("creatinine"), QStringLiteral("80"));
        type(w, QStringLiteral("platelets"), QStringLiteral("210"));
        auto *plateletDate = find<QLineEdit>(w.editor(), QStringLiteral("date_platelets"));
        QTest::keyClicks(plateletDate, QStringLiteral("2026-11-18")); // its own date
        // The panel's date: typed once, Enter goes on to the first value of the panel.
        auto *panel = find<QLineEdit>(w.editor(), QStringLiteral("panelDate_labs"));
        panel->setFocus();
        QTest::keyClicks(panel, QStringLiteral("2026-11-20"));
        QTest::keyClick(panel, Qt::Key_Return);
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("value_creatinine"));
        auto date = [&w](const char *var) { return w.document()->fact(QLatin1String(var)).date; };
        QCOMPARE(date("creatinine"), QStringLiteral("2026-11-20")); // entered before: takes it
        QCOMPARE(date("platelets"), QStringLiteral("2026-11-18")); // has its own: keeps it
        QCOMPARE(date("hemoglobin"), QString()); // nothing entered: no date
        type(w, QStringLiteral("hemoglobin"), QStringLiteral("120")); // entered after: takes it
        QCOMPARE(date("hemoglobin"), QStringLiteral("2026-11-20"));
        QCOMPARE(find<QLineEdit>(w.editor(), QStringLiteral("date_hemoglobin"))->text(), QStringLiteral("2026-11-20"));
        QCOMPARE(date("hbsag"), QString()); // another panel
        // A new panel date moves the values that had the panel's date, as one undo step.
        const int steps = w.undoStack()->count();
        panel->selectAll();
        QTest::keyClicks(panel, QStringLiteral("2026-11-21"));
        QTest::keyClick(panel, Qt::Key_Return);
        QCOMPARE(date("creatinine"), QStringLiteral("2026-11-21"));
        QCOMPARE(date("hemoglobin"), QStringLiteral("2026-11-21"));
        QCOMPARE(date("platelets"), QStringLiteral("2026-11-18"));
        QCOMPARE(w.undoStack()->count(), steps + 1);
        w.undoStack()->undo();
        QCOMPARE(date("creatinine"), QStringLiteral("2026-11-20"));
        QCOMPARE(date("hemoglobin"), QStringLiteral("2026-11-20"));
        // An impossible panel date changes nothing and says why.
        panel->selectAll();
        QTest::keyClicks(panel, QStringLiteral("2026-02-30"));
        QTest::keyClick(panel, Qt::Key_Return);
        QCOMPARE(date("creatinine"), QStringLiteral("2026-11-20"));
        QVERIFY(panel->toolTip().contains(QStringLiteral("not a valid date")));
        // The saved case carries each value's date.
        QVERIFY(w.document()->toJson().contains("\"date\": \"2026-11-20\""));
    }

    void drugsAreTypedByName()
    {
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        w.resize(1400, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        w.tabs()->setCurrentIndex(CaseWorkspace::DataTab);
        QVERIFY(w.openCase(QStringLiteral("V03-dcssc-all-eligible")));
        // Failed therapies are shown by name, not by internal id.
        auto *failed = find<QLineEdit>(w.editor(), QStringLiteral("failedTherapies"));
        QCOMPARE(failed->text(), QStringLiteral("Mycophenolate mofetil, Rituximab"));
        // Typed by name, with completion of the drug being typed.
        failed->setFocus();
        failed->selectAll();
        QTest::keyClicks(failed, QStringLiteral("Mycophenolate mofetil, cyclo"));
        QCompleter *completer = failed->completer();
        // The drug being typed is completed; the ones before it stay.
        QCOMPARE(completer->currentCompletion(), QStringLiteral("Mycophenolate mofetil, Cyclophosphamide"));
        QTRY_VERIFY(completer->popup()->isVisible());
        QTest::keyClick(completer->popup(), Qt::Key_Down);
        QTest::keyClick(completer->popup(), Qt::Key_Return);
        QCOMPARE(failed->text(), QStringLiteral("Mycophenolate mofetil, Cyclophosphamide"));
        QTest::keyClick(failed, Qt::Key_Return);
        QCOMPARE(w.document()->failedTherapies(),
            (QStringList { QStringLiteral("mycophenolate_mofetil"), QStringLiteral("cyclophosphamide") }));
        // Any case, or the id, is the same drug; shown by its name afterwards.
        failed->selectAll();
        QTest::keyClicks(failed, QStringLiteral("rituximab, AZATHIOPRINE"));
        QTest::keyClick(failed, Qt::Key_Return);
        QCOMPARE(w.document()->failedTherapies(),
            (QStringList { QStringLiteral("rituximab"), QStringLiteral("azathioprine") }));
        QCOMPARE(failed->text(), QStringLiteral("Rituximab, Azathioprine"));
        w.evaluateNow();
        QVERIFY(!find<QLabel>(w.editor(), QStringLiteral("failedErrors"))->isVisibleTo(w.editor()));
        // A name the pack does not know is kept and named as an error.
        failed->selectAll();
        QTest::keyClicks(failed, QStringLiteral("Unobtainium"));
        QTest::keyClick(failed, Qt::Key_Return);
        w.evaluateNow();
        auto *errors = find<QLabel>(w.editor(), QStringLiteral("failedErrors"));
        QVERIFY(errors->isVisibleTo(w.editor()));
        QVERIFY2(errors->text().contains(QStringLiteral("Unobtainium")), qPrintable(errors->text()));
        QCOMPARE(failed->text(), QStringLiteral("Unobtainium"));
        // Medications: edited by name too (the editor opens on the name, not the id).
        auto *table = find<QTableView>(w.editor(), QStringLiteral("medicationTable"));
        QAbstractItemModel *m = table->model();
        const int row = w.document()->medicationCount();
        QTest::mouseClick(find<QPushButton>(w.editor(), QStringLiteral("addMedication")), Qt::LeftButton);
        QVERIFY(m->setData(m->index(row, MedicationModel::Agent), QStringLiteral("mycophenolate MOFETIL")));
        QCOMPARE(w.document()->medication(row).agent, QStringLiteral("mycophenolate_mofetil"));
        QCOMPARE(m->index(row, MedicationModel::Agent).data(Qt::EditRole).toString(),
            QStringLiteral("Mycophenolate mofetil"));
        QCOMPARE(m->index(row, MedicationModel::Agent).data().toString(), QStringLiteral("Mycophenolate mofetil"));
    }

    void impossibleAsOfDateIsRefused()
    {
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        QVERIFY(w.openCase(QStringLiteral("V01-sle-ln-si-units")));
        auto *asOf = find<QLineEdit>(w.editor(), QStringLiteral("meta_asOf"));
        QCOMPARE(asOf->text(), QStringLiteral("2026-11-25"));
        // 31 November does not exist: kept as typed, refused with a message naming the field.
        asOf->selectAll();
        QTest::keyClicks(asOf, QStringLiteral("2026-11-31"));
        w.evaluateNow();
        QCOMPARE(w.document()->meta(QStringLiteral("as_of")), QStringLiteral("2026-11-31"));
        QCOMPARE(asOf->text(), QStringLiteral("2026-11-31"));
        auto *errors = find<QLabel>(w.editor(), QStringLiteral("metaErrors"));
        QVERIFY(errors->isVisibleTo(w.editor()));
        QVERIFY2(errors->text().contains(QStringLiteral("As of: \"2026-11-31\" is not a valid date")),
            qPrintable(errors->text()));
        QVERIFY(w.evaluation() == nullptr); // as the case reader: no verdicts on an impossible date
        QVERIFY(!w.save());
        QCOMPARE(s->store().versions(QStringLiteral("V01-sle-ln-si-units")).value().size(), std::size_t(1));
        // Corrected: accepted, and the error goes.
        asOf->selectAll();
        QTest::keyClicks(asOf, QStringLiteral("2026-11-30"));
        w.evaluateNow();
        QCOMPARE(w.document()->asOf(), QDate(2026, 11, 30));
        QVERIFY(!errors->isVisibleTo(w.editor()));
        QVERIFY(w.evaluation() != nullptr);
        // Undo restores the earlier text.
        while (w.undoStack()->canUndo())
            w.undoStack()->undo();
        QCOMPARE(asOf->text(), QStringLiteral("2026-11-25"));
    }

    void undoRedo()
    {
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        w.show();
        QVERIFY(w.openCase(QStringLiteral("V01-sle-ln-si-units")));
        QVERIFY(!w.isModified());
        auto *edit = find<QLineEdit>(w.editor(), QStringLiteral("value_weight"));
        QCOMPARE(edit->text(), QStringLiteral("62"));
        type(w, QStringLiteral("weight"), QStringLiteral("75"));
        QCOMPARE(w.document()->fact(QStringLiteral("weight")).text, QStringLiteral("75"));
        QCOMPARE(w.undoStack()->count(), 1); // typing "75" merged into one step
        QVERIFY(
            choose(find<QComboBox>(w.editor(), QStringLiteral("status_dlco")), int(FactEntry::State::NotEvaluated)));
        QCOMPARE(w.undoStack()->count(), 2);
        QVERIFY(w.isModified());
        w.undoStack()->undo();
        QCOMPARE(w.document()->fact(QStringLiteral("dlco")).state, FactEntry::State::Value);
        w.undoStack()->undo();
        QCOMPARE(edit->text(), QStringLiteral("62"));
        QCOMPARE(w.document()->fact(QStringLiteral("weight")).text, QStringLiteral("62"));
        QVERIFY(!w.isModified());
        w.undoStack()->redo();
        QCOMPARE(edit->text(), QStringLiteral("75"));
        w.undoStack()->redo();
        QCOMPARE(find<QComboBox>(w.editor(), QStringLiteral("status_dlco"))->currentData().toInt(),
            int(FactEntry::State::NotEvaluated));
        w.evaluateNow();
        const int weight = s->pack().variableIndex(QStringLiteral("weight"));
        QCOMPARE(w.evaluation()->caseData().values[std::size_t(weight)], 75.0);
    }

    void notEvaluatedAndUnknownAreExplicit()
    {
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        QVERIFY(w.openCase(QStringLiteral("V01-sle-ln-si-units")));
        QVERIFY(
            choose(find<QComboBox>(w.editor(), QStringLiteral("status_dlco")), int(FactEntry::State::NotEvaluated)));
        QVERIFY(choose(find<QComboBox>(w.editor(), QStringLiteral("value_hbsag")), QStringLiteral("@unknown")));
        const QJsonObject facts
            = QJsonDocument::fromJson(w.document()->toJson()).object().value(QStringLiteral("facts")).toObject();
        QCOMPARE(facts.value(QStringLiteral("dlco")).toObject().value(QStringLiteral("status")).toString(),
            QStringLiteral("not_evaluated"));
        QCOMPARE(facts.value(QStringLiteral("hbsag")).toObject().value(QStringLiteral("status")).toString(),
            QStringLiteral("unknown"));
        w.evaluateNow();
        const int dlco = s->pack().variableIndex(QStringLiteral("dlco"));
        QCOMPARE(w.evaluation()->caseData().status[std::size_t(dlco)], ValueStatus::NotEvaluated);
    }

    void saveMakesAVersion()
    {
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        QVERIFY(w.openCase(QStringLiteral("V01-sle-ln-si-units")));
        QCOMPARE(s->store().versions(QStringLiteral("V01-sle-ln-si-units")).value().size(), std::size_t(1));
        type(w, QStringLiteral("weight"), QStringLiteral("64"));
        QSignalSpy saved(&w, &CaseWorkspace::caseSaved);
        QVERIFY(w.save());
        QCOMPARE(saved.count(), 1);
        QVERIFY(!w.isModified());
        const auto versions = s->store().versions(QStringLiteral("V01-sle-ln-si-units"), true);
        QCOMPARE(versions.value().size(), std::size_t(2));
        QVERIFY(versions.value().back().content.contains("\"value\":64"));
        // The list sees the new version evaluated under the active pack.
        const auto summary = s->store().caseSummary(QStringLiteral("V01-sle-ln-si-units"));
        QCOMPARE(summary.value().latestVersion, 2);
        QCOMPARE(s->evaluations().evaluationsOf(QStringLiteral("V01-sle-ln-si-units")).value().size(), std::size_t(2));

        // A new case, typed in from scratch, saved as version 1.
        w.newCase();
        auto *id = find<QLineEdit>(w.editor(), QStringLiteral("meta_id"));
        id->selectAll();
        QTest::keyClicks(id, QStringLiteral("NEW-001"));
        type(w, QStringLiteral("age_years"), QStringLiteral("51"));
        QVERIFY(choose(find<QComboBox>(w.editor(), QStringLiteral("value_disease")), QStringLiteral("SSc")));
        QVERIFY(w.save());
        QCOMPARE(s->store().latestVersion(QStringLiteral("NEW-001")).value().version, 1);
    }

    void unsavedChangesPrompt()
    {
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        QVERIFY(w.openCase(QStringLiteral("V01-sle-ln-si-units")));
        type(w, QStringLiteral("weight"), QStringLiteral("66"));
        Dialogs::setNextAnswer(QMessageBox::Cancel);
        QVERIFY(!w.openCase(QStringLiteral("V03-dcssc-all-eligible")));
        QCOMPARE(w.storedCaseId(), QStringLiteral("V01-sle-ln-si-units"));
        QVERIFY(Dialogs::lastMessage().contains(QStringLiteral("unsaved")));
        Dialogs::setNextAnswer(QMessageBox::Discard);
        QVERIFY(w.openCase(QStringLiteral("V03-dcssc-all-eligible")));
        QCOMPARE(s->store().versions(QStringLiteral("V01-sle-ln-si-units")).value().size(), std::size_t(1));
        type(w, QStringLiteral("weight"), QStringLiteral("81"));
        Dialogs::setNextAnswer(QMessageBox::Save);
        QVERIFY(w.openCase(QStringLiteral("V01-sle-ln-si-units")));
        QCOMPARE(s->store().versions(QStringLiteral("V03-dcssc-all-eligible")).value().size(), std::size_t(2));
    }

    void crashSafeDraft()
    {
        Env env;
        auto s = env.session();
        {
            CaseWorkspace w(*s);
            QVERIFY(w.openCase(QStringLiteral("V01-sle-ln-si-units")));
            type(w, QStringLiteral("weight"), QStringLiteral("71"));
            type(w, QStringLiteral("creatinine"), QStringLiteral("oops")); // invalid input survives too
            w.writeDraftNow();
            // "Crash": the workspace goes away without saving or asking.
        }
        CaseWorkspace again(*s);
        QVERIFY(again.openCase(QStringLiteral("V03-dcssc-all-eligible")));
        Dialogs::setNextAnswer(QMessageBox::Yes);
        QVERIFY(again.openCase(QStringLiteral("V01-sle-ln-si-units")));
        QVERIFY(Dialogs::lastMessage().contains(QStringLiteral("Restore")));
        QCOMPARE(again.document()->fact(QStringLiteral("weight")).text, QStringLiteral("71"));
        QCOMPARE(again.document()->fact(QStringLiteral("creatinine")).text, QStringLiteral("oops"));
        QVERIFY(again.isModified());
        QVERIFY(!again.validation().ok());
    }

    void medicationsTable()
    {
        Env env;
        auto s = env.session();
        CaseWorkspace w(*s);
        QVERIFY(w.openCase(QStringLiteral("V01-sle-ln-si-units")));
        auto *table = find<QTableView>(w.editor(), QStringLiteral("medicationTable"));
        QAbstractItemModel *m = table->model();
        QCOMPARE(m->rowCount(), 3);
        // The washout end of mycophenolate, from the evaluation.
        QTRY_COMPARE(m->index(0, MedicationModel::WashoutEnd).data().toString(), QStringLiteral("2026-12-08"));
        QTest::mouseClick(find<QPushButton>(w.editor(), QStringLiteral("addMedication")), Qt::LeftButton);
        QCOMPARE(m->rowCount(), 4);
        QVERIFY(m->setData(m->index(3, MedicationModel::Agent), QStringLiteral("Rituximab")));
        QCOMPARE(w.document()->medication(3).agent, QStringLiteral("rituximab"));
        QVERIFY(m->setData(m->index(3, MedicationModel::LastDose), QStringLiteral("2026-11-01")));
        w.evaluateNow();
        QVERIFY(!m->index(3, MedicationModel::WashoutEnd).data().toString().isEmpty());
        QCOMPARE(w.undoStack()->count(), 3);
        w.undoStack()->undo();
        w.undoStack()->undo();
        w.undoStack()->undo();
        QCOMPARE(m->rowCount(), 3);
        // An unknown agent is an error of its row.
        QVERIFY(m->setData(m->index(0, MedicationModel::Agent), QStringLiteral("unobtainium")));
        w.evaluateNow();
        QVERIFY(find<QLabel>(w.editor(), QStringLiteral("medicationErrors"))
                    ->text()
                    .contains(QStringLiteral("unknown drug")));
        QVERIFY(w.evaluation() != nullptr);
    }
};

QTEST_MAIN(TestEditor)
#include "tst_editor.moc"
