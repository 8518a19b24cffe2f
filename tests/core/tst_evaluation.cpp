// SPDX-License-Identifier: GPL-3.0-or-later
// Evaluation's accessors (engine/Evaluation.h): what the views show is computed once by
// Engine::evaluateFull — the deciding criteria, the toxicity rows and modifiers that apply to the
// patient, and the applicability warnings the pack defines (resources/packs/FORMAT.md, "Derived").
#include "engine/CaseEvaluation.h"
#include "engine/Engine.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <algorithm>
#include <functional>

using namespace consilium;

namespace {

const Engine &engine()
{
    static const Engine e(RulePack::builtin());
    return e;
}

// The pack's example case V02 (a partial work-up), with `edit` applied to its facts.
Evaluation evaluateV02(const std::function<void(QJsonObject &facts)> &edit = {})
{
    QFile f(QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/examples/V02-spec-example.json"));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read the example case");
    QJsonObject doc = QJsonDocument::fromJson(f.readAll()).object();
    QJsonObject facts = doc.value(QStringLiteral("facts")).toObject();
    if (edit)
        edit(facts);
    doc.insert(QStringLiteral("facts"), facts);
    CaseOutcome out = evaluateCase(engine(), QJsonDocument(doc).toJson());
    if (!out.ok())
        qFatal("case rejected: %s", qPrintable(out.diag.lines().join(QLatin1Char('\n'))));
    return std::move(*out.evaluation);
}

int criterion(const char *id)
{
    const auto &criteria = RulePack::builtin().criteria();
    for (std::size_t i = 0; i < criteria.size(); ++i) {
        if (criteria[i].id == QLatin1String(id))
            return int(i);
    }
    qFatal("no criterion %s", id);
}

int derived(const char *id)
{
    const int index = RulePack::builtin().derivedIndexOfSlot(RulePack::builtin().slotOf(QLatin1String(id)));
    if (index < 0)
        qFatal("no derived value %s", id);
    return index;
}

bool contains(const std::vector<int> &list, int value)
{
    return std::find(list.begin(), list.end(), value) != list.end();
}

int shownWhenRows(const std::vector<const ToxicityEntry *> &rows)
{
    return int(std::count_if(rows.begin(), rows.end(), [](const ToxicityEntry *t) { return t->hasShowWhen; }));
}

} // namespace

class TestEvaluation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decidingCriteriaFollowTheVerdict();
    void decidingCriteriaOfAnIneligibleArm();
    void toxicityRowsWhoseShowWhenIsFalseAreLeftOut();
    void modifiersThatApply();
    void applicabilityWarningFromThePack();
    void applicabilityWithoutWhenAlwaysApplies();
    void evaluationKnowsItsEngine();
};

void TestEvaluation::decidingCriteriaFollowTheVerdict()
{
    const Evaluation e = evaluateV02();
    const auto &criteria = e.pack().criteria();
    int undetermined = 0;
    for (std::size_t g = 0; g < engine().groups().size(); ++g) {
        const GroupResult &r = e.group(int(g));
        std::vector<int> expected;
        int fired = 0;
        for (int ci : engine().groups()[g].criteria) {
            const Criterion &cr = criteria[std::size_t(ci)];
            if (criterionDecides(r.verdict, cr.severity, e.state(ci)))
                expected.push_back(ci);
            fired += cr.severity == Severity::Caution && e.state(ci) == CriterionState::NotMet;
        }
        QCOMPARE(r.deciding, expected);
        QCOMPARE(r.cautionsFired, fired);
        if (r.verdict == Verdict::Undetermined) {
            ++undetermined;
            QVERIFY(!r.deciding.empty());
            for (int ci : r.deciding) {
                QVERIFY(e.state(ci) == CriterionState::Unknown);
                QVERIFY(criteria[std::size_t(ci)].severity == Severity::Exclusion);
            }
        }
        if (r.verdict == Verdict::Eligible || r.verdict == Verdict::NotApplicable)
            QVERIFY(r.deciding.empty());
    }
    QVERIFY(undetermined > 0); // a partial work-up leaves arms undetermined
}

void TestEvaluation::decidingCriteriaOfAnIneligibleArm()
{
    // Creatinine 400 µmol/L at 34 years: eGFR far below 30 (AUTO-RENAL-01).
    const Evaluation e = evaluateV02([](QJsonObject &facts) {
        facts.insert(QStringLiteral("creatinine"),
            QJsonObject { { QStringLiteral("value"), 400 }, { QStringLiteral("unit"), QStringLiteral("umol/L") } });
    });
    const GroupResult &autologous = e.group(Arm::AutologousCarT);
    QVERIFY(autologous.verdict == Verdict::Ineligible);
    QVERIFY(contains(autologous.deciding, criterion("AUTO-RENAL-01")));
    for (int ci : autologous.deciding)
        QVERIFY(e.state(ci) == CriterionState::NotMet);
    QVERIFY(e.explanation(criterion("AUTO-RENAL-01")).startsWith(QStringLiteral("Not met: ")));
}

void TestEvaluation::toxicityRowsWhoseShowWhenIsFalseAreLeftOut()
{
    // The autologous secondary-malignancy rows are shown unless the product is mRNA-based; since pack 2026.2
    // there is one per jurisdiction (clinical/options-2026.2.md B-2), so the EU case V02 shows the EU row only.
    auto vector = [](const char *platform) {
        return evaluateV02([platform](QJsonObject &facts) {
            facts.insert(QStringLiteral("auto_car_vector"), QLatin1String(platform));
        });
    };
    const Evaluation integrating = vector("integrating");
    const Evaluation mrna = vector("mrna");
    const Evaluation unknown = evaluateV02();
    const int all = int(std::count_if(RulePack::builtin().toxicity()[armIndex(Arm::AutologousCarT)].begin(),
        RulePack::builtin().toxicity()[armIndex(Arm::AutologousCarT)].end(),
        [](const ToxicityEntry &t) { return t.hasShowWhen && t.subOption < 0; }));
    QCOMPARE(all, 2);
    const int eu = 1;
    QCOMPARE(shownWhenRows(integrating.toxicity(Arm::AutologousCarT)), eu);
    for (const ToxicityEntry *t : integrating.toxicity(Arm::AutologousCarT)) {
        if (t->hasShowWhen)
            QVERIFY2(t->summary.startsWith(QStringLiteral("EU: PRAC")), qPrintable(t->summary));
    }
    QCOMPARE(shownWhenRows(unknown.toxicity(Arm::AutologousCarT)), eu); // unknown is not false
    QCOMPARE(shownWhenRows(mrna.toxicity(Arm::AutologousCarT)), 0);
    QCOMPARE(shownWhenRows(mrna.patientToxicity(Arm::AutologousCarT)), 0);
    QCOMPARE(
        mrna.toxicity(Arm::AutologousCarT).size() + std::size_t(eu), integrating.toxicity(Arm::AutologousCarT).size());
    // Other arms are not affected.
    QCOMPARE(mrna.toxicity(Arm::BispecificTce).size(), integrating.toxicity(Arm::BispecificTce).size());
    // A sub-option that does not exist has no rows.
    QVERIFY(mrna.toxicity(Arm::AutologousCarT, 99).empty());
}

void TestEvaluation::modifiersThatApply()
{
    auto cns = [](bool active) {
        return evaluateV02(
            [active](QJsonObject &facts) { facts.insert(QStringLiteral("cns_involvement_active"), active); });
    };
    auto ids = [](const std::vector<const Modifier *> &list) {
        QStringList out;
        for (const Modifier *m : list)
            out << m->id;
        return out;
    };
    const Evaluation active = cns(true);
    const Evaluation inactive = cns(false);
    QVERIFY(ids(active.modifiers(Arm::AutologousCarT)).contains(QStringLiteral("MOD-CNS")));
    QVERIFY(ids(active.modifiers(Arm::AllogeneicCarT)).contains(QStringLiteral("MOD-CNS")));
    QVERIFY(!ids(active.modifiers(Arm::StandardCare)).contains(QStringLiteral("MOD-CNS"))); // not for this arm
    QVERIFY(!ids(inactive.modifiers(Arm::AutologousCarT)).contains(QStringLiteral("MOD-CNS")));
}

void TestEvaluation::applicabilityWarningFromThePack()
{
    const QString under18 = QStringLiteral("Validated in adults; this patient is under 18.");
    const int egfr = derived("egfr_ckd_epi_2021");
    const int crcl = derived("crcl_cockcroft_gault");
    const int fludarabine = derived("fludarabine_dose_percent");
    QVERIFY(RulePack::builtin().derived()[std::size_t(egfr)].applicability.has_value());
    auto aged = [](const QJsonValue &age) {
        return evaluateV02([age](QJsonObject &facts) {
            if (age.isUndefined())
                facts.remove(QStringLiteral("age_years"));
            else
                facts.insert(QStringLiteral("age_years"), age);
        });
    };
    const Evaluation teenager = aged(17);
    QCOMPARE(teenager.applicabilityWarning(egfr), under18);
    QCOMPARE(teenager.applicabilityWarning(crcl), under18);
    QVERIFY(teenager.applicabilityWarning(fludarabine).isEmpty()); // no `applicability` in the pack
    const Evaluation adult = aged(18);
    QVERIFY(adult.applicabilityWarning(egfr).isEmpty());
    QVERIFY(adult.applicabilityWarning(crcl).isEmpty());
    const Evaluation ageUnknown = aged(QJsonValue::Undefined); // missing is unknown: no warning
    QVERIFY(!ageUnknown.isKnown(RulePack::builtin().slotOf(QStringLiteral("age_years"))));
    QVERIFY(ageUnknown.applicabilityWarning(egfr).isEmpty());
    QVERIFY(ageUnknown.applicabilityWarning(crcl).isEmpty());
}

// A note without `when` (EASIX, m-EASIX, CAR-HEMATOTOX: not validated in autoimmune disease) is
// shown for every case, whatever its values; the engine no longer searches the note's words.
void TestEvaluation::applicabilityWithoutWhenAlwaysApplies()
{
    const Evaluation v02 = evaluateV02([](QJsonObject &) {});
    for (const char *id : { "easix", "m_easix", "car_hematotox" }) {
        const int d = derived(id);
        const auto &def = RulePack::builtin().derived()[std::size_t(d)];
        QVERIFY2(def.applicability && !def.applicability->when, id);
        QVERIFY2(v02.applicabilityWarning(d).contains(QLatin1String("not in autoimmune disease"))
                || v02.applicabilityWarning(d).contains(QLatin1String("not validated in autoimmune disease")),
            id);
    }
    // No `applicability`, no warning, whatever the plain `note` says.
    QVERIFY(v02.applicabilityWarning(derived("fludarabine_dose_percent")).isEmpty());
}

void TestEvaluation::evaluationKnowsItsEngine()
{
    // A view formats an evaluation with the engine that computed it (its group indices), never
    // with whatever engine the session holds now: two engines, two evaluations, each its own.
    const Engine other(RulePack::builtin());
    const Evaluation a = evaluateV02();
    const Evaluation b = other.evaluateFull(a.caseData());
    QCOMPARE(&a.engine(), &engine());
    QCOMPARE(&b.engine(), &other);
    const Evaluation copy = a; // copies keep it
    QCOMPARE(&copy.engine(), &engine());
    QCOMPARE(&a.engine().pack(), &a.pack());
}

QTEST_GUILESS_MAIN(TestEvaluation)
#include "tst_evaluation.moc"
