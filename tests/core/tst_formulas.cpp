// SPDX-License-Identifier: GPL-3.0-or-later
// Derived values (pack `derived`; docs/engine.md#derived-values) against hand-worked values, and the
// V01 autologous timeline (docs/result-format.md#earliest-start-and-timelines).
#include "engine/Engine.h"
#include "engine/Formulas.h"
#include "engine/ResultWriter.h"
#include "rules/RulePack.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace consilium;

namespace {

QJsonObject qty(double value, const char *unit)
{
    return QJsonObject { { QStringLiteral("value"), value }, { QStringLiteral("unit"), QLatin1String(unit) } };
}

QJsonObject med(const char *agent, const char *lastDose, double dailyDoseMg = -1)
{
    QJsonObject m { { QStringLiteral("agent"), QLatin1String(agent) } };
    if (lastDose)
        m.insert(QStringLiteral("last_dose"), QLatin1String(lastDose));
    if (dailyDoseMg >= 0)
        m.insert(QStringLiteral("daily_dose"), qty(dailyDoseMg, "mg"));
    return m;
}

// Evaluates a case with the given facts (and optional medications / failed therapies) as of 2026-11-25.
Evaluation evaluate(const QJsonObject &facts, const QJsonValue &medications = QJsonValue::Undefined,
    const QJsonValue &failed = QJsonValue::Undefined, const char *jurisdiction = "EU")
{
    QJsonObject doc { { QStringLiteral("format"), QStringLiteral("consilium-case/1") },
        { QStringLiteral("id"), QStringLiteral("t") }, { QStringLiteral("as_of"), QStringLiteral("2026-11-25") },
        { QStringLiteral("jurisdiction"), QLatin1String(jurisdiction) }, { QStringLiteral("facts"), facts } };
    if (!medications.isUndefined())
        doc.insert(QStringLiteral("medications"), medications);
    if (!failed.isUndefined())
        doc.insert(QStringLiteral("failed_therapies"), failed);
    json::Diagnostics diag;
    const auto c = parseCase(QJsonDocument(doc).toJson(), RulePack::builtin(), diag);
    if (!c)
        qFatal("case rejected: %s", qPrintable(diag.lines().join(QLatin1Char('\n'))));
    static const Engine engine(RulePack::builtin());
    return engine.evaluateFull(*c);
}

QString shown(const Evaluation &e, const char *id)
{
    const int slot = RulePack::builtin().slotOf(QLatin1String(id));
    if (slot < 0)
        qFatal("no derived value %s", id);
    return e.displayValue(slot);
}

QString washoutOf(const std::vector<WashoutEntry> &entries, const QString &key)
{
    for (const auto &w : entries) {
        if (w.key == key)
            return w.end ? w.end->toString(Qt::ISODate) : QStringLiteral("unknown");
    }
    return QStringLiteral("none");
}

} // namespace

class TestFormulas : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ckdEpi_data();
    void ckdEpi();
    void cockcroftGaultAndFludarabine_data();
    void cockcroftGaultAndFludarabine();
    void easix_data();
    void easix();
    void mEasix_data();
    void mEasix();
    void easixUndefinedAtZeroPlatelets();
    void hematotox_data();
    void hematotox();
    void hematotoxPartialData();
    void prednisoneEquivalent_data();
    void prednisoneEquivalent();
    void washout();
    void washoutUnknownWithoutLastDose();
    void failedLines();
    void hydroxychloroquine();
    void timelineWorkedExample();
    void timelineUnknownAnchor();
};

void TestFormulas::ckdEpi_data()
{
    QTest::addColumn<bool>("female");
    QTest::addColumn<double>("age");
    QTest::addColumn<double>("creatinine");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<QString>("expected");
    // egfr_ckd_epi_2021 worked values (docs/engine.md#published-formulas).
    QTest::newRow("F 34, 80 umol/L") << true << 34.0 << 80.0 << QStringLiteral("umol/L") << QStringLiteral("85.5");
    QTest::newRow("M 50, 1.2 mg/dL") << false << 50.0 << 1.2 << QStringLiteral("mg/dL") << QStringLiteral("73.7");
    QTest::newRow("F 60, 0.6 mg/dL") << true << 60.0 << 0.6 << QStringLiteral("mg/dL") << QStringLiteral("102.7");
    QTest::newRow("M 28, 3.0 mg/dL") << false << 28.0 << 3.0 << QStringLiteral("mg/dL") << QStringLiteral("28.1");
    QTest::newRow("F 58, 2.6 mg/dL") << true << 58.0 << 2.6 << QStringLiteral("mg/dL") << QStringLiteral("20.7");
}

void TestFormulas::ckdEpi()
{
    QFETCH(bool, female);
    QFETCH(double, age);
    QFETCH(double, creatinine);
    QFETCH(QString, unit);
    QFETCH(QString, expected);
    const double scr = unit == QLatin1String("umol/L") ? creatinine / 88.42 : creatinine;
    QCOMPARE(formatDecimal(formulas::ckdEpi2021(scr, age, female), 1), expected);
    // Through the engine, from the case file in its own unit.
    const QJsonObject facts { { QStringLiteral("age_years"), age },
        { QStringLiteral("sex"), female ? QStringLiteral("female") : QStringLiteral("male") },
        { QStringLiteral("creatinine"), qty(creatinine, unit.toLatin1().constData()) } };
    QCOMPARE(shown(evaluate(facts), "egfr_ckd_epi_2021"), expected);
}

void TestFormulas::cockcroftGaultAndFludarabine_data()
{
    QTest::addColumn<bool>("female");
    QTest::addColumn<double>("age");
    QTest::addColumn<double>("weight");
    QTest::addColumn<double>("creatinineMgDl");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("band");
    // crcl_cockcroft_gault / fludarabine_dose_percent (rows 2 and 3 reproduce published examples).
    QTest::newRow("F 34 62 kg") << true << 34.0 << 62.0 << 80.0 / 88.42 << QStringLiteral("85.8")
                                << QStringLiteral("100");
    QTest::newRow("M 65 70 kg") << false << 65.0 << 70.0 << 1.4 << QStringLiteral("52.1") << QStringLiteral("80");
    QTest::newRow("F 45 60 kg") << true << 45.0 << 60.0 << 0.9 << QStringLiteral("74.8") << QStringLiteral("100");
    QTest::newRow("M 70 80 kg") << false << 70.0 << 80.0 << 2.5 << QStringLiteral("31.1") << QStringLiteral("80");
    QTest::newRow("F 58 55 kg") << true << 58.0 << 55.0 << 2.6 << QStringLiteral("20.5") << QStringLiteral("50");
}

void TestFormulas::cockcroftGaultAndFludarabine()
{
    QFETCH(bool, female);
    QFETCH(double, age);
    QFETCH(double, weight);
    QFETCH(double, creatinineMgDl);
    QFETCH(QString, expected);
    QFETCH(QString, band);
    QCOMPARE(formatDecimal(formulas::cockcroftGault(creatinineMgDl, age, weight, female), 1), expected);
    const QJsonObject facts { { QStringLiteral("age_years"), age },
        { QStringLiteral("sex"), female ? QStringLiteral("female") : QStringLiteral("male") },
        { QStringLiteral("weight"), qty(weight, "kg") },
        { QStringLiteral("creatinine"), qty(creatinineMgDl, "mg/dL") } };
    const Evaluation e = evaluate(facts);
    QCOMPARE(shown(e, "crcl_cockcroft_gault"), expected);
    QCOMPARE(shown(e, "fludarabine_dose_percent"), band);
}

void TestFormulas::easix_data()
{
    QTest::addColumn<double>("ldh");
    QTest::addColumn<QJsonObject>("creatinine");
    QTest::addColumn<double>("platelets");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("above");
    // easix / m_easix (docs/engine.md#published-formulas); 1.125 rounds half away from zero to 1.13.
    QTest::newRow("250/0.9/200") << 250.0 << qty(0.9, "mg/dL") << 200.0 << QStringLiteral("1.13") << false;
    QTest::newRow("400/1.5/100") << 400.0 << qty(1.5, "mg/dL") << 100.0 << QStringLiteral("6.00") << true;
    QTest::newRow("600/80 umol/L/120") << 600.0 << qty(80, "umol/L") << 120.0 << QStringLiteral("4.52") << false;
    QTest::newRow("235/1.0/50") << 235.0 << qty(1.0, "mg/dL") << 50.0 << QStringLiteral("4.70") << true;
}

void TestFormulas::easix()
{
    QFETCH(double, ldh);
    QFETCH(QJsonObject, creatinine);
    QFETCH(double, platelets);
    QFETCH(QString, expected);
    QFETCH(bool, above);
    const QJsonObject facts { { QStringLiteral("ldh"), qty(ldh, "U/L") }, { QStringLiteral("creatinine"), creatinine },
        { QStringLiteral("platelets"), qty(platelets, "10^9/L") } };
    const Evaluation e = evaluate(facts);
    QCOMPARE(shown(e, "easix"), expected);
    const QJsonObject result = QJsonDocument::fromJson(resultJson(Engine(RulePack::builtin()), e, false)).object();
    QCOMPARE(
        result[QStringLiteral("derived")][QStringLiteral("easix")][QStringLiteral("above_cutoff")].toBool(), above);
    QVERIFY(result[QStringLiteral("derived")][QStringLiteral("easix")][QStringLiteral("note")].toString().contains(
        QStringLiteral("not validated")));
}

void TestFormulas::mEasix_data()
{
    QTest::addColumn<double>("ldh");
    QTest::addColumn<QJsonObject>("crp");
    QTest::addColumn<double>("platelets");
    QTest::addColumn<QString>("expected");
    QTest::newRow("250/0.5/200") << 250.0 << qty(0.5, "mg/dL") << 200.0 << QStringLiteral("0.63");
    QTest::newRow("400/35 mg/L/100") << 400.0 << qty(35, "mg/L") << 100.0 << QStringLiteral("14.00");
    QTest::newRow("300/2.0/50") << 300.0 << qty(2.0, "mg/dL") << 50.0 << QStringLiteral("12.00");
}

void TestFormulas::mEasix()
{
    QFETCH(double, ldh);
    QFETCH(QJsonObject, crp);
    QFETCH(double, platelets);
    QFETCH(QString, expected);
    const QJsonObject facts { { QStringLiteral("ldh"), qty(ldh, "U/L") }, { QStringLiteral("crp"), crp },
        { QStringLiteral("platelets"), qty(platelets, "10^9/L") } };
    QCOMPARE(shown(evaluate(facts), "m_easix"), expected);
}

void TestFormulas::easixUndefinedAtZeroPlatelets()
{
    // easix / m_easix: platelets 0 is inside the input range; the ratio is unknown, never infinite.
    const QJsonObject facts { { QStringLiteral("ldh"), qty(250, "U/L") },
        { QStringLiteral("creatinine"), qty(0.9, "mg/dL") }, { QStringLiteral("crp"), qty(0.5, "mg/dL") },
        { QStringLiteral("platelets"), qty(0, "10^9/L") } };
    const Evaluation e = evaluate(facts);
    QCOMPARE(shown(e, "easix"), QStringLiteral("unknown"));
    QCOMPARE(shown(e, "m_easix"), QStringLiteral("unknown"));
    const QJsonObject result = QJsonDocument::fromJson(resultJson(Engine(RulePack::builtin()), e, false)).object();
    const QJsonObject easix = result[QStringLiteral("derived")][QStringLiteral("easix")].toObject();
    QVERIFY(easix[QStringLiteral("value")].isNull());
    QCOMPARE(easix[QStringLiteral("undefined")].toString(), QStringLiteral("undefined (platelets 0)"));
}

void TestFormulas::hematotox_data()
{
    QTest::addColumn<double>("anc");
    QTest::addColumn<double>("hb");
    QTest::addColumn<double>("plt");
    QTest::addColumn<double>("crp");
    QTest::addColumn<double>("ferritin");
    QTest::addColumn<QString>("total");
    QTest::addColumn<QString>("category");
    // car_hematotox worked rows, including the all-on-boundary row.
    QTest::newRow("0 low") << 3.4 << 12.4 << 220.0 << 0.8 << 180.0 << QStringLiteral("0") << QStringLiteral("low");
    QTest::newRow("1 low") << 1.8 << 10.5 << 130.0 << 1.4 << 320.0 << QStringLiteral("1") << QStringLiteral("low");
    QTest::newRow("3 high") << 0.95 << 10.1 << 110.0 << 4.2 << 540.0 << QStringLiteral("3") << QStringLiteral("high");
    QTest::newRow("5 high") << 0.7 << 8.5 << 60.0 << 2.4 << 1400.0 << QStringLiteral("5") << QStringLiteral("high");
    QTest::newRow("7 high") << 0.4 << 7.8 << 40.0 << 9.5 << 3200.0 << QStringLiteral("7") << QStringLiteral("high");
    QTest::newRow("boundaries 4") << 1.2 << 9.0 << 175.0 << 3.0 << 650.0 << QStringLiteral("4")
                                  << QStringLiteral("high");
    QTest::newRow("just past boundaries 1")
        << 1.5 << 9.1 << 176.0 << 2.9 << 2000.0 << QStringLiteral("1") << QStringLiteral("low");
}

void TestFormulas::hematotox()
{
    QFETCH(double, anc);
    QFETCH(double, hb);
    QFETCH(double, plt);
    QFETCH(double, crp);
    QFETCH(double, ferritin);
    QFETCH(QString, total);
    QFETCH(QString, category);
    const QJsonObject facts { { QStringLiteral("anc"), qty(anc, "10^9/L") },
        { QStringLiteral("hemoglobin"), qty(hb, "g/dL") }, { QStringLiteral("platelets"), qty(plt, "10^9/L") },
        { QStringLiteral("crp"), qty(crp, "mg/dL") }, { QStringLiteral("ferritin"), qty(ferritin, "ng/mL") } };
    const Evaluation e = evaluate(facts);
    QCOMPARE(shown(e, "car_hematotox"), total);
    QCOMPARE(shown(e, "car_hematotox_category"), category);
}

void TestFormulas::hematotoxPartialData()
{
    // Known components already reach 2 (platelets < 75) -> high although ferritin is missing.
    QJsonObject facts { { QStringLiteral("anc"), qty(3.0, "10^9/L") },
        { QStringLiteral("hemoglobin"), qty(12, "g/dL") }, { QStringLiteral("platelets"), qty(60, "10^9/L") },
        { QStringLiteral("crp"), qty(0.5, "mg/dL") } };
    Evaluation e = evaluate(facts);
    QCOMPARE(shown(e, "car_hematotox"), QStringLiteral("unknown"));
    QCOMPARE(shown(e, "car_hematotox_category"), QStringLiteral("high"));
    // Known components sum to 1: the category cannot be decided.
    facts[QStringLiteral("platelets")] = qty(100, "10^9/L");
    e = evaluate(facts);
    QCOMPARE(shown(e, "car_hematotox_category"), QStringLiteral("unknown"));
}

void TestFormulas::prednisoneEquivalent_data()
{
    QTest::addColumn<QJsonArray>("meds");
    QTest::addColumn<QString>("expected");
    // pred_eq_daily_mg (docs/engine.md#pack-parameterised-formulas), as_of 2026-11-25.
    QTest::newRow("prednisone 15") << QJsonArray { med("prednisone", "2026-11-24", 15) } << QStringLiteral("15.0");
    QTest::newRow("methylprednisolone 8")
        << QJsonArray { med("methylprednisolone", "2026-11-24", 8) } << QStringLiteral("10.0");
    QTest::newRow("dexamethasone 1.5 + prednisolone 2.5") << QJsonArray { med("dexamethasone", "2026-11-24", 1.5),
        med("prednisolone", "2026-11-24", 2.5) } << QStringLiteral("12.5");
    QTest::newRow("hydrocortisone 20") << QJsonArray { med("hydrocortisone", "2026-11-24", 20) }
                                       << QStringLiteral("5.0");
    QTest::newRow("prednisone stopped > 7 days ago")
        << QJsonArray { med("prednisone", "2026-11-10", 30) } << QStringLiteral("0.0");
    QTest::newRow("exactly 7 days ago still current")
        << QJsonArray { med("prednisone", "2026-11-18", 5) } << QStringLiteral("5.0");
    QTest::newRow("no last dose counts as current")
        << QJsonArray { med("prednisone", nullptr, 7.5) } << QStringLiteral("7.5");
    QTest::newRow("no glucocorticoid") << QJsonArray { med("azathioprine", "2026-11-24") } << QStringLiteral("0.0");
}

void TestFormulas::prednisoneEquivalent()
{
    QFETCH(QJsonArray, meds);
    QFETCH(QString, expected);
    const Evaluation e = evaluate({}, meds);
    QCOMPARE(shown(e, "pred_eq_daily_mg"), expected);
    // 1.5 mg dexamethasone must give exactly 10.0 (ratio form, not a rounded factor).
    const Evaluation dex = evaluate({}, QJsonArray { med("dexamethasone", "2026-11-24", 1.5) });
    QCOMPARE(dex.value(RulePack::builtin().slotOf(QStringLiteral("pred_eq_daily_mg"))), 10.0);
    // Absent medications: unknown, never 0.
    QCOMPARE(shown(evaluate({}), "pred_eq_daily_mg"), QStringLiteral("unknown"));
}

void TestFormulas::washout()
{
    // Washout dates (docs/engine.md#washout-and-dates), as_of 2026-11-25.
    Evaluation e
        = evaluate({}, QJsonArray { med("mycophenolate_mofetil", "2026-11-20"), med("prednisone", "2026-11-24", 15) });
    QCOMPARE(washoutOf(e.washout(), QStringLiteral("mycophenolate_mofetil")), QStringLiteral("2026-12-04"));
    QCOMPARE(washoutOf(e.washout(), QStringLiteral("glucocorticoids")), QStringLiteral("2026-12-01"));
    QCOMPARE(shown(e, "earliest_leukapheresis"), QStringLiteral("2026-12-04"));
    QCOMPARE(shown(e, "tce_earliest_first_dose"), QStringLiteral("2026-12-08"));

    e = evaluate({},
        QJsonArray { med("mycophenolate_mofetil", "2026-11-20"), med("methotrexate", "2026-11-18"),
            med("rituximab", "2026-09-01"), med("tocilizumab", "2026-10-31"), med("cladribine", "2026-08-31"),
            med("hydroxychloroquine", "2026-11-24"), med("ivig", "2026-11-20") });
    QCOMPARE(washoutOf(e.washout(), QStringLiteral("mycophenolate_mofetil")), QStringLiteral("2026-12-04"));
    QCOMPARE(washoutOf(e.washout(), QStringLiteral("methotrexate")), QStringLiteral("2026-12-09"));
    QCOMPARE(washoutOf(e.washout(), QStringLiteral("rituximab")), QStringLiteral("2026-09-08"));
    QCOMPARE(washoutOf(e.washout(), QStringLiteral("tocilizumab")), QStringLiteral("2026-11-30"));
    QCOMPARE(washoutOf(e.washout(), QStringLiteral("cladribine")), QStringLiteral("2027-02-28")); // 31 Feb clamped
    QCOMPARE(washoutOf(e.washout(), QStringLiteral("hydroxychloroquine")), QStringLiteral("none"));
    QCOMPARE(washoutOf(e.washout(), QStringLiteral("ivig")), QStringLiteral("none"));
    QVERIFY(e.washoutNotDefined().contains(QStringLiteral("ivig")));
    QCOMPARE(shown(e, "earliest_leukapheresis"), QStringLiteral("2027-02-28"));
    QCOMPARE(shown(e, "tce_earliest_first_dose"), QStringLiteral("2026-11-25"));
    QCOMPARE(shown(e, "auto_washout_complete"), QStringLiteral("no"));
    QCOMPARE(shown(e, "tce_washout_complete"), QStringLiteral("yes"));

    e = evaluate({}, QJsonArray { med("belimumab", "2026-11-22"), med("natalizumab", "2026-11-01") });
    QCOMPARE(washoutOf(e.washout(), QStringLiteral("belimumab")), QStringLiteral("2026-11-29"));
    QCOMPARE(washoutOf(e.washout(), QStringLiteral("natalizumab")), QStringLiteral("2026-12-13"));
    QCOMPARE(shown(e, "earliest_leukapheresis"), QStringLiteral("2026-12-13"));
    QCOMPARE(shown(e, "tce_earliest_first_dose"), QStringLiteral("2026-11-25"));

    e = evaluate({}, QJsonArray { med("methylprednisolone", "2026-11-24", 8) });
    QCOMPARE(washoutOf(e.washout(), QStringLiteral("glucocorticoids")), QStringLiteral("none")); // 10.0 is not > 10
    QCOMPARE(shown(e, "earliest_leukapheresis"), QStringLiteral("2026-11-25"));
    QCOMPARE(shown(e, "tce_earliest_first_dose"), QStringLiteral("2026-12-08")); // 10.0 >= 5
    QCOMPARE(shown(e, "auto_washout_complete"), QStringLiteral("yes"));

    e = evaluate({}, QJsonArray {});
    QCOMPARE(shown(e, "earliest_leukapheresis"), QStringLiteral("2026-11-25"));
    QCOMPARE(shown(evaluate({}), "earliest_leukapheresis"), QStringLiteral("unknown"));
}

void TestFormulas::washoutUnknownWithoutLastDose()
{
    // docs/engine.md#washout-and-dates: a medication needing a washout without last_dose makes the
    // dates unknown, and the arm lists medications[].last_dose as missing.
    Evaluation e = evaluate({}, QJsonArray { med("azathioprine", nullptr) });
    QCOMPARE(shown(e, "earliest_leukapheresis"), QStringLiteral("unknown"));
    QCOMPARE(shown(e, "tce_earliest_first_dose"), QStringLiteral("unknown"));
    QCOMPARE(shown(e, "auto_washout_complete"), QStringLiteral("unknown"));
    QVERIFY(e.group(Arm::AutologousCarT).cautionMissingInputs.contains(QStringLiteral("medications[].last_dose")));
    QVERIFY(!e.earliestStart(Arm::AutologousCarT).has_value());
    // A glucocorticoid above 10 mg/day without last_dose: pred-eq known, washout dates unknown.
    e = evaluate({}, QJsonArray { med("prednisone", nullptr, 20) });
    QCOMPARE(shown(e, "pred_eq_daily_mg"), QStringLiteral("20.0"));
    QCOMPARE(shown(e, "earliest_leukapheresis"), QStringLiteral("unknown"));
    // Below both thresholds the glucocorticoid's missing date does not matter.
    e = evaluate({}, QJsonArray { med("prednisone", nullptr, 2.5) });
    QCOMPARE(shown(e, "earliest_leukapheresis"), QStringLiteral("2026-11-25"));
    QCOMPARE(shown(e, "tce_earliest_first_dose"), QStringLiteral("2026-11-25"));
}

void TestFormulas::failedLines()
{
    // failed_lines_count: distinct agents excluding glucocorticoids and HCQ; IVIG/PLEX count.
    auto count = [](const QJsonArray &failed) {
        return shown(evaluate({}, QJsonValue::Undefined, failed), "failed_lines_count");
    };
    QCOMPARE(count({ QStringLiteral("cyclophosphamide"), QStringLiteral("rituximab"), QStringLiteral("belimumab"),
                 QStringLiteral("mycophenolate_mofetil") }),
        QStringLiteral("4"));
    QCOMPARE(count({ QStringLiteral("prednisone"), QStringLiteral("hydroxychloroquine"), QStringLiteral("rituximab") }),
        QStringLiteral("1"));
    QCOMPARE(count({ QStringLiteral("rituximab"), QStringLiteral("rituximab") }), QStringLiteral("1"));
    QCOMPARE(count({ QStringLiteral("ivig"), QStringLiteral("plasma_exchange") }), QStringLiteral("2"));
    QCOMPARE(count({}), QStringLiteral("0"));
    QCOMPARE(shown(evaluate({}), "failed_lines_count"), QStringLiteral("unknown"));
}

void TestFormulas::hydroxychloroquine()
{
    QCOMPARE(shown(evaluate({}, QJsonArray { med("hydroxychloroquine", "2026-11-24") }), "on_hydroxychloroquine"),
        QStringLiteral("yes"));
    QCOMPARE(shown(evaluate({}, QJsonArray {}), "on_hydroxychloroquine"), QStringLiteral("no"));
    QCOMPARE(shown(evaluate({}), "on_hydroxychloroquine"), QStringLiteral("unknown"));
}

void TestFormulas::timelineWorkedExample()
{
    // Pack `logistics.autologous_car_t` on vignette V01 (EU): W = 13, I = 37.
    const Evaluation e
        = evaluate({}, QJsonArray { med("mycophenolate_mofetil", "2026-11-24"), med("prednisone", "2026-11-24", 15) });
    const ArmTimeline &tl = e.timeline(Arm::AutologousCarT);
    QVERIFY(tl.known);
    QCOMPARE(tl.timeToTreatmentDays.value_or(-1), 37);
    QStringList got;
    for (const TimelinePhase &p : tl.phases)
        got.append(QStringLiteral("%1 [%2,%3)").arg(p.phase).arg(p.startDay).arg(p.endDay ? *p.endDay : -1));
    const QStringList expected = { QStringLiteral("washout [0,13)"), QStringLiteral("leukapheresis [13,14)"),
        QStringLiteral("manufacturing [14,32)"), QStringLiteral("bridging [14,32)"),
        QStringLiteral("lymphodepletion [32,35)"), QStringLiteral("infusion [37,38)"),
        QStringLiteral("inpatient_monitoring [37,45)"), QStringLiteral("proximity_window [37,65)"),
        QStringLiteral("driving_restriction [37,93)"), QStringLiteral("irradiated_blood_products [6,127)") };
    QCOMPARE(got, expected);
    QCOMPARE(e.asOf().addDays(13), QDate(2026, 12, 8));
    QCOMPARE(e.asOf().addDays(37), QDate(2027, 1, 1));
    // US: proximity 14 days, driving 14 days (§5.1).
    const Evaluation us
        = evaluate({}, QJsonArray { med("mycophenolate_mofetil", "2026-11-24"), med("prednisone", "2026-11-24", 15) },
            QJsonValue::Undefined, "US");
    for (const TimelinePhase &p : us.timeline(Arm::AutologousCarT).phases) {
        if (p.phase == QLatin1String("proximity_window") || p.phase == QLatin1String("driving_restriction"))
            QCOMPARE(p.endDay.value_or(-1), 37 + 14);
    }
}

void TestFormulas::timelineUnknownAnchor()
{
    // A timeline whose anchor date is unknown is [] with a timeline_note
    // (docs/result-format.md#earliest-start-and-timelines).
    const Evaluation e = evaluate({});
    QVERIFY(!e.timeline(Arm::AutologousCarT).known);
    QVERIFY(e.timeline(Arm::AutologousCarT).phases.empty());
    QVERIFY(!e.timeline(Arm::AutologousCarT).note.isEmpty());
    // Allogeneic: inpatient monitoring end is NF -> null end day.
    bool sawOpenEnd = false;
    for (const TimelinePhase &p : e.timeline(Arm::AllogeneicCarT).phases)
        sawOpenEnd = sawOpenEnd || (p.phase == QLatin1String("inpatient_monitoring") && !p.endDay);
    QVERIFY(sawOpenEnd);
}

QTEST_GUILESS_MAIN(TestFormulas)
#include "tst_formulas.moc"
