// SPDX-License-Identifier: GPL-3.0-or-later
//
// The boundary rows for every criterion of the built-in reference pack, shared by
// tst_criteria_boundaries (states) and tst_explanations (the rendered text in each state).
//
// Every expected state below was derived by hand from the publications cited in the pack's
// `source`/`citation` fields (resources/packs/consilium-reference.json), with the Kleene semantics
// and state rule of docs/result-format.md#four-state-logic, the units of docs/case-format.md#units,
// the derived values of docs/engine.md#derived-values and the pack's `criteria`, never by running
// the engine. For each criterion the rows cover:
//   numeric  : exactly at the threshold, just inside, just outside, another accepted unit, missing
//              (fact absent, {"status":"not_evaluated"}, {"status":"unknown"});
//   bool/enum: every value and missing;
//   compound : each operand unknown in turn, with the other operands chosen so that Kleene logic
//              gives false (false and unknown), true (true or unknown) or unknown;
//   applies  : the not_applicable side and an unknown applicability (§0.3: met if the condition is
//              already true, otherwise unknown).
// Each row starts from a complete base case (resources/examples/V03-dcssc-all-eligible.json or a
// variant of it, see loadBases) and changes one fact, or the few facts a compound row needs.
// Rows have the columns base (QString), criterion (QString), patch (QByteArray) and expected
// (CriterionState).
#pragma once

#include "Logic.h"
#include "case/CaseData.h"
#include "rules/RulePack.h"
#include "json/StrictJson.h"

#include <QByteArray>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QTest>

#include <initializer_list>
#include <optional>
#include <vector>

namespace consilium::criteria_rows {

constexpr CriterionState Met = CriterionState::Met;
constexpr CriterionState NotMet = CriterionState::NotMet;
constexpr CriterionState Unk = CriterionState::Unknown;
constexpr CriterionState NA = CriterionState::NotApplicable;

// Criteria exercised by the rows that ran, and which expected states they were exercised with.
inline QSet<QString> g_covered;
inline QHash<QString, QSet<int>> g_statesSeen;

inline QString stateName(CriterionState s)
{
    const auto v = toString(s);
    return QString::fromLatin1(v.data(), qsizetype(v.size()));
}

inline QString verdictName(Verdict v)
{
    const auto t = toString(v);
    return QString::fromLatin1(t.data(), qsizetype(t.size()));
}

// ---- tiny JSON patch builders ------------------------------------------------------------------
// A patch is a JSON object merged into the base case: top-level keys replace the base's key
// (null removes it); keys under "facts" replace the fact (null removes the fact).

inline const QByteArray kAbsent = QByteArray("null");
inline const QByteArray kNotEvaluated = QByteArray(R"({"status":"not_evaluated"})");
inline const QByteArray kStatusUnknown = QByteArray(R"({"status":"unknown"})");

inline QByteArray kv(const char *name, const QByteArray &json)
{
    return QByteArray("\"") + name + "\":" + json;
}

inline QByteArray obj(std::initializer_list<QByteArray> members)
{
    QByteArray out("{");
    bool first = true;
    for (const QByteArray &m : members) {
        if (m.isEmpty())
            continue;
        if (!first)
            out += ',';
        out += m;
        first = false;
    }
    return out + '}';
}

inline QByteArray facts(std::initializer_list<QByteArray> members)
{
    return obj({ kv("facts", obj(members)) });
}

inline QByteArray str(const char *s)
{
    return QByteArray("\"") + s + '"';
}

inline QByteArray q(const char *value, const char *unit)
{
    return QByteArray("{\"value\":") + value + ",\"unit\":\"" + unit + "\"}";
}

inline QByteArray bare(const char *value)
{
    return QByteArray(value);
}

// A medication entry; lastDose == nullptr leaves last_dose out, dose == nullptr leaves daily_dose out.
inline QByteArray med(const char *agent, const char *lastDose, const char *dose = nullptr)
{
    return obj({ kv("agent", str(agent)), dose ? kv("daily_dose", q(dose, "mg")) : QByteArray(),
        lastDose ? kv("last_dose", str(lastDose)) : QByteArray() });
}

inline QByteArray array(std::initializer_list<QByteArray> items)
{
    QByteArray out("[");
    bool first = true;
    for (const QByteArray &i : items) {
        if (!first)
            out += ',';
        out += i;
        first = false;
    }
    return out + ']';
}

inline QByteArray meds(std::initializer_list<QByteArray> items)
{
    return obj({ kv("medications", array(items)) });
}

inline QByteArray failed(std::initializer_list<QByteArray> agents)
{
    return obj({ kv("failed_therapies", array(agents)) });
}

// ---- row helpers -------------------------------------------------------------------------------

inline void stateColumns()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("criterion");
    QTest::addColumn<QByteArray>("patch");
    QTest::addColumn<CriterionState>("expected");
}

inline void row(
    const char *base, const char *crit, const QByteArray &label, const QByteArray &patch, CriterionState expected)
{
    QTest::addRow("%s: %s", crit, label.constData())
        << QString::fromLatin1(base) << QString::fromLatin1(crit) << patch << expected;
}

// The three ways a fact can be missing (docs/case-format.md#unknown-and-absent: absent, not_evaluated, unknown) with an
// optional context fact that fixes the other operands of a compound condition.
inline void missing(const char *base, const char *crit, const char *fact, CriterionState expected,
    const QByteArray &context = QByteArray(), const char *contextLabel = "")
{
    const QByteArray suffix = context.isEmpty() ? QByteArray() : QByteArray(", ") + contextLabel;
    row(base, crit, QByteArray(fact) + " absent" + suffix, facts({ kv(fact, kAbsent), context }), expected);
    row(base, crit, QByteArray(fact) + " not_evaluated" + suffix, facts({ kv(fact, kNotEvaluated), context }),
        expected);
    row(base, crit, QByteArray(fact) + " status unknown" + suffix, facts({ kv(fact, kStatusUnknown), context }),
        expected);
}

struct ValueCase {
    const char *label;
    QByteArray json;
    CriterionState expected;
};

// One fact set to each value in turn, then the three missing forms (unknown for a simple
// comparison: A is true, C is unknown).
inline void single(const char *base, const char *crit, const char *fact, std::initializer_list<ValueCase> values)
{
    for (const ValueCase &v : values)
        row(base, crit, QByteArray(fact) + ' ' + v.label, facts({ kv(fact, v.json) }), v.expected);
    missing(base, crit, fact, Unk);
}

// `fact == value` for a boolean: the required value is met, the other one not_met, missing unknown.
inline void boolean(const char *base, const char *crit, const char *fact, bool required)
{
    single(base, crit, fact,
        { { "true", QByteArray("true"), required ? Met : NotMet },
            { "false", QByteArray("false"), required ? NotMet : Met } });
}

// A conjunction of `op == good` terms (markers negative, prior_* false, pregnant/breastfeeding false).
struct Operand {
    const char *fact;
    QByteArray good;
    QByteArray bad;
};

inline void conjunction(const char *base, const char *crit, std::initializer_list<Operand> ops)
{
    const std::vector<Operand> list(ops);
    {
        QByteArray label("all operands required value");
        QByteArray patch("{\"facts\":{");
        for (std::size_t i = 0; i < list.size(); ++i)
            patch += (i ? "," : "") + kv(list[i].fact, list[i].good);
        row(base, crit, label, patch + "}}", Met);
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Operand &op = list[i];
        // This operand failing, the others good: false.
        row(base, crit, QByteArray(op.fact) + " = " + op.bad + " (others good)", facts({ kv(op.fact, op.bad) }),
            NotMet);
        // This operand unknown, the others good: true and unknown = unknown.
        missing(base, crit, op.fact, Unk);
        // This operand unknown, another one failing: false and unknown = false.
        const Operand &other = list[(i + 1) % list.size()];
        row(base, crit, QByteArray(op.fact) + " absent, " + other.fact + " = " + other.bad,
            facts({ kv(op.fact, kAbsent), kv(other.fact, other.bad) }), NotMet);
        row(base, crit, QByteArray(op.fact) + " not_evaluated, " + other.fact + " = " + other.bad,
            facts({ kv(op.fact, kNotEvaluated), kv(other.fact, other.bad) }), NotMet);
    }
}

// ---- shared row groups (several arms use the same rule) ----------------------------------------

// `age_years >= 18` (AUTO-AGE-01, ALLO-AGE-01, TCE-AGE-01). Bare numbers are read in years (§0.5).
inline void ageAtLeast18(const char *crit)
{
    single("ssc", crit, "age_years",
        { { "18 (at threshold)", bare("18"), Met }, { "18.1 (just inside)", bare("18.1"), Met },
            { "17.9 (just outside)", bare("17.9"), NotMet },
            { "{18 years} (unit object, at threshold)", q("18", "years"), Met },
            { "{17.9 years} (unit object, just outside)", q("17.9", "years"), NotMet } });
}

// `age_years <= 65` (AUTO-AGE-02, ALLO-AGE-02).
inline void ageAtMost65(const char *crit)
{
    single("ssc", crit, "age_years",
        { { "65 (at threshold)", bare("65"), Met }, { "64.9 (just inside)", bare("64.9"), Met },
            { "65.1 (just outside)", bare("65.1"), NotMet },
            { "{65 years} (unit object, at threshold)", q("65", "years"), Met },
            { "{65.1 years} (unit object, just outside)", q("65.1", "years"), NotMet } });
}

// `ecog <= limit`; ecog is an integer grade accepted only as a bare number (no unit list, §1a).
inline void ecogAtMost(const char *base, const char *crit, int limit)
{
    if (limit == 2) {
        single(base, crit, "ecog",
            { { "2 (at threshold)", bare("2"), Met }, { "1 (just inside)", bare("1"), Met },
                { "3 (just outside)", bare("3"), NotMet }, { "4", bare("4"), NotMet } });
    } else {
        single(base, crit, "ecog",
            { { "1 (at threshold)", bare("1"), Met }, { "0 (just inside)", bare("0"), Met },
                { "2 (just outside)", bare("2"), NotMet }, { "3", bare("3"), NotMet } });
    }
}

// `failed_lines_count >= 2` (AUTO-REF-01, ALLO-REF-01, TCE-REF-01). §3.8/§2: distinct agents of
// failed_therapies, excluding classes gc and none; ivig and plasma_exchange count.
inline void failedLinesAtLeast2(const char *crit)
{
    row("ssc", crit, "2 lines (MMF, rituximab; at threshold)",
        failed({ str("mycophenolate_mofetil"), str("rituximab") }), Met);
    row("ssc", crit, "3 lines (just inside)",
        failed({ str("mycophenolate_mofetil"), str("rituximab"), str("cyclophosphamide") }), Met);
    row("ssc", crit, "1 line (just outside)", failed({ str("mycophenolate_mofetil") }), NotMet);
    row("ssc", crit, "rituximab listed twice = 1 distinct line", failed({ str("rituximab"), str("rituximab") }),
        NotMet);
    row("ssc", crit, "MMF + prednisone + HCQ = 1 line (gc and none not counted)",
        failed({ str("mycophenolate_mofetil"), str("prednisone"), str("hydroxychloroquine") }), NotMet);
    row("ssc", crit, "ivig + plasma_exchange = 2 lines", failed({ str("ivig"), str("plasma_exchange") }), Met);
    row("ssc", crit, "empty failed_therapies = 0 lines", failed({}), NotMet);
    row("ssc", crit, "failed_therapies absent", obj({ kv("failed_therapies", kAbsent) }), Unk);
}

// `egfr_ckd_epi_2021 >= 30` (AUTO-RENAL-01, ALLO-RENAL-01). Base: male, 45 y (V03).
// CKD-EPI 2021 (§3.1), male: 142 × max(Scr/0.9,1)^-1.2 × 0.9938^age (Scr > 0.9 so the min term is 1).
//   0.9938^45 = exp(45 × ln 0.9938) = exp(45 × -0.0062193) = 0.75588; 142 × 0.75588 = 107.335.
//   Scr 2.603: ratio 2.89222, ln = 1.06204, ^-1.2 = exp(-1.27445) = 0.27958 → eGFR 30.010 (≥ 30)
//   Scr 2.604: ratio 2.89333, ln = 1.06243, ^-1.2 = exp(-1.27491) = 0.27945 → eGFR 29.996 (< 30)
//   Scr 2.55 → 30.76; Scr 2.65 → 29.37
//   230 umol/L ÷ 88.42 = 2.60122 mg/dL → 30.03; 231 umol/L = 2.61253 mg/dL → 29.88
// eGFR cannot be placed exactly on 30 with decimal inputs; 2.603/2.604 bracket it within 0.01.
inline void egfrAtLeast30(const char *crit)
{
    const char *b = "ssc";
    row(b, crit, "creatinine 2.603 mg/dL (eGFR 30.01, at threshold from above)",
        facts({ kv("creatinine", q("2.603", "mg/dL")) }), Met);
    row(b, crit, "creatinine 2.604 mg/dL (eGFR 29.996, at threshold from below)",
        facts({ kv("creatinine", q("2.604", "mg/dL")) }), NotMet);
    row(b, crit, "creatinine 2.55 mg/dL (eGFR 30.76, just inside)", facts({ kv("creatinine", q("2.55", "mg/dL")) }),
        Met);
    row(b, crit, "creatinine 2.65 mg/dL (eGFR 29.37, just outside)", facts({ kv("creatinine", q("2.65", "mg/dL")) }),
        NotMet);
    row(b, crit, "creatinine 230 umol/L (eGFR 30.03)", facts({ kv("creatinine", q("230", "umol/L")) }), Met);
    row(b, crit, "creatinine 231 umol/L (eGFR 29.88)", facts({ kv("creatinine", q("231", "umol/L")) }), NotMet);
    // Published rows of §3.1: male 28 y 3.0 mg/dL → 28.1; female 58 y 2.6 mg/dL → 20.7; female 60 y 0.6 → 102.7.
    row(b, crit, "male 28 y creatinine 3.0 mg/dL (eGFR 28.1, §3.1)",
        facts({ kv("age_years", bare("28")), kv("creatinine", q("3.0", "mg/dL")) }), NotMet);
    row(b, crit, "female 58 y creatinine 2.6 mg/dL (eGFR 20.7, §3.1)",
        facts({ kv("sex", str("female")), kv("age_years", bare("58")), kv("creatinine", q("2.6", "mg/dL")) }), NotMet);
    row(b, crit, "female 60 y creatinine 0.6 mg/dL (eGFR 102.7, §3.1)",
        facts({ kv("sex", str("female")), kv("age_years", bare("60")), kv("creatinine", q("0.6", "mg/dL")) }), Met);
    // A derived value with an unknown input is unknown (§3), so the criterion is unknown.
    missing(b, crit, "creatinine", Unk);
    row(b, crit, "age_years absent (eGFR unknown)", facts({ kv("age_years", kAbsent) }), Unk);
    row(b, crit, "sex absent (eGFR unknown)", facts({ kv("sex", kAbsent) }), Unk);
    row(b, crit, "sex not_evaluated (eGFR unknown)", facts({ kv("sex", kNotEvaluated) }), Unk);
}

// `spo2 >= 92` (AUTO-PULM-02, ALLO-PULM-01); only % is accepted (§1c).
inline void spo2AtLeast92(const char *crit)
{
    single("ssc", crit, "spo2",
        { { "92 % (at threshold)", q("92", "%"), Met }, { "92.1 % (just inside)", q("92.1", "%"), Met },
            { "91.9 % (just outside)", q("91.9", "%"), NotMet } });
}

// `alt_x_uln <= 3 and ast_x_uln <= 3` applying when disease != "IIM" (AUTO-HEP-01, ALLO-HEP-01).
inline void transaminasesNotIim(const char *crit)
{
    const char *b = "ssc"; // SSc: applicability true
    row(b, crit, "ALT 3, AST 3 xULN (both at threshold)",
        facts({ kv("alt_x_uln", q("3", "xULN")), kv("ast_x_uln", q("3", "xULN")) }), Met);
    row(b, crit, "ALT 2.99 xULN (just inside)", facts({ kv("alt_x_uln", q("2.99", "xULN")) }), Met);
    row(b, crit, "ALT 3.01 xULN (just outside)", facts({ kv("alt_x_uln", q("3.01", "xULN")) }), NotMet);
    row(b, crit, "AST 2.99 xULN (just inside)", facts({ kv("ast_x_uln", q("2.99", "xULN")) }), Met);
    row(b, crit, "AST 3.01 xULN (just outside)", facts({ kv("ast_x_uln", q("3.01", "xULN")) }), NotMet);
    missing(b, crit, "alt_x_uln", Unk);
    missing(b, crit, "alt_x_uln", NotMet, kv("ast_x_uln", q("3.5", "xULN")), "AST 3.5 (false and unknown)");
    missing(b, crit, "ast_x_uln", Unk);
    missing(b, crit, "ast_x_uln", NotMet, kv("alt_x_uln", q("3.5", "xULN")), "ALT 3.5 (false and unknown)");
    row(b, crit, "disease IIM, ALT 5 -> not applicable",
        facts({ kv("disease", str("IIM")), kv("alt_x_uln", q("5", "xULN")) }), NA);
    row(b, crit, "disease other, ALT 5 (applies: other != IIM)",
        facts({ kv("disease", str("other")), kv("alt_x_uln", q("5", "xULN")) }), NotMet);
    row(b, crit, "disease absent, ALT/AST normal (applicability unknown, condition true)",
        facts({ kv("disease", kAbsent) }), Met);
    row(b, crit, "disease absent, ALT 5 (applicability unknown, condition false)",
        facts({ kv("disease", kAbsent), kv("alt_x_uln", q("5", "xULN")) }), Unk);
    row(b, crit, "disease not_evaluated, ALT 5",
        facts({ kv("disease", kNotEvaluated), kv("alt_x_uln", q("5", "xULN")) }), Unk);
    row(b, crit, "disease absent, ALT absent (applicability and condition unknown)",
        facts({ kv("disease", kAbsent), kv("alt_x_uln", kAbsent) }), Unk);
}

// `bilirubin < 34 umol/L or (gilbert_syndrome == true and bilirubin < 43 umol/L)` (AUTO-HEP-03,
// ALLO-HEP-02). Literals are converted with the input factor (§0.2): 34 umol/L = 34/17.1 =
// 1.98830 mg/dL; 43 umol/L = 2.51462 mg/dL. So 34 umol/L entered is exactly on the limit.
inline void bilirubin(const char *crit)
{
    const char *b = "ssc";
    const QByteArray gF = kv("gilbert_syndrome", QByteArray("false"));
    const QByteArray gT = kv("gilbert_syndrome", QByteArray("true"));
    row(b, crit, "34 umol/L, Gilbert false (at threshold, strict <)", facts({ kv("bilirubin", q("34", "umol/L")), gF }),
        NotMet);
    row(b, crit, "33.9 umol/L, Gilbert false (just inside)", facts({ kv("bilirubin", q("33.9", "umol/L")), gF }), Met);
    row(b, crit, "34.1 umol/L, Gilbert false (just outside)", facts({ kv("bilirubin", q("34.1", "umol/L")), gF }),
        NotMet);
    row(b, crit, "1.98 mg/dL (= 33.86 umol/L), Gilbert false", facts({ kv("bilirubin", q("1.98", "mg/dL")), gF }), Met);
    row(b, crit, "1.99 mg/dL (= 34.03 umol/L), Gilbert false", facts({ kv("bilirubin", q("1.99", "mg/dL")), gF }),
        NotMet);
    // Gilbert: the second disjunct raises the limit to 43 umol/L.
    row(b, crit, "34 umol/L, Gilbert true", facts({ kv("bilirubin", q("34", "umol/L")), gT }), Met);
    row(b, crit, "43 umol/L, Gilbert true (at Gilbert threshold)", facts({ kv("bilirubin", q("43", "umol/L")), gT }),
        NotMet);
    row(b, crit, "42.9 umol/L, Gilbert true (just inside)", facts({ kv("bilirubin", q("42.9", "umol/L")), gT }), Met);
    row(b, crit, "2.51 mg/dL (= 42.92 umol/L), Gilbert true", facts({ kv("bilirubin", q("2.51", "mg/dL")), gT }), Met);
    row(b, crit, "2.52 mg/dL (= 43.09 umol/L), Gilbert true", facts({ kv("bilirubin", q("2.52", "mg/dL")), gT }),
        NotMet);
    row(b, crit, "40 umol/L, Gilbert false", facts({ kv("bilirubin", q("40", "umol/L")), gF }), NotMet);
    // Gilbert unknown: false or (unknown and true) = unknown (V08); true or … = true;
    // false or (unknown and false) = false.
    missing(b, crit, "gilbert_syndrome", Unk, kv("bilirubin", q("34", "umol/L")), "bilirubin 34 umol/L");
    missing(b, crit, "gilbert_syndrome", Met, kv("bilirubin", q("33.9", "umol/L")), "bilirubin 33.9 umol/L");
    missing(b, crit, "gilbert_syndrome", NotMet, kv("bilirubin", q("43", "umol/L")), "bilirubin 43 umol/L");
    // Bilirubin unknown: unknown or (… and unknown) = unknown whatever Gilbert is.
    missing(b, crit, "bilirubin", Unk, gF, "Gilbert false");
    missing(b, crit, "bilirubin", Unk, gT, "Gilbert true");
}

// `anc >= 1.0` (AUTO-HEM-01, ALLO-HEM-01, TCE-HEM-01). /uL ÷ 1000 (1000/uL = 1.0 exactly).
inline void ancAtLeast1(const char *crit)
{
    single("ssc", crit, "anc",
        { { "1.0 10^9/L (at threshold)", q("1.0", "10^9/L"), Met },
            { "1.01 10^9/L (just inside)", q("1.01", "10^9/L"), Met },
            { "0.99 10^9/L (just outside)", q("0.99", "10^9/L"), NotMet },
            { "1000 /uL (= 1.0)", q("1000", "/uL"), Met }, { "999 /uL (= 0.999)", q("999", "/uL"), NotMet },
            { "1.0 10^3/uL", q("1.0", "10^3/uL"), Met }, { "0.99 10^3/uL", q("0.99", "10^3/uL"), NotMet },
            { "1000 /(micro sign)L (micro sign normalised to u)", q("1000", "/\xC2\xB5L"), Met } });
}

// `platelets >= 30` (AUTO-HEM-02, ALLO-HEM-02).
inline void plateletsAtLeast30(const char *crit)
{
    single("ssc", crit, "platelets",
        { { "30 10^9/L (at threshold)", q("30", "10^9/L"), Met },
            { "30.5 10^9/L (just inside)", q("30.5", "10^9/L"), Met },
            { "29.9 10^9/L (just outside)", q("29.9", "10^9/L"), NotMet },
            { "30000 /uL (= 30)", q("30000", "/uL"), Met }, { "29900 /uL (= 29.9)", q("29900", "/uL"), NotMet },
            { "30 10^3/uL", q("30", "10^3/uL"), Met } });
}

// `hemoglobin >= 8.0` g/dL (AUTO-HEM-03, ALLO-HEM-03). g/L ÷ 10; mmol/L × 1.611:
// 4.97 mmol/L = 8.0067 g/dL, 4.96 mmol/L = 7.9906 g/dL.
inline void hemoglobinAtLeast8(const char *crit)
{
    single("ssc", crit, "hemoglobin",
        { { "8.0 g/dL (at threshold)", q("8.0", "g/dL"), Met }, { "8.1 g/dL (just inside)", q("8.1", "g/dL"), Met },
            { "7.9 g/dL (just outside)", q("7.9", "g/dL"), NotMet },
            { "80 g/L (= 8.0, at threshold)", q("80", "g/L"), Met }, { "79 g/L (= 7.9)", q("79", "g/L"), NotMet },
            { "4.97 mmol/L (= 8.007 g/dL)", q("4.97", "mmol/L"), Met },
            { "4.96 mmol/L (= 7.991 g/dL)", q("4.96", "mmol/L"), NotMet } });
}

// `active_infection == false` etc.
// Viral markers: all `== "negative"`.
inline Operand marker(const char *fact)
{
    return { fact, str("negative"), str("positive") };
}

inline Operand boolFalse(const char *fact)
{
    return { fact, QByteArray("false"), QByteArray("true") };
}

// `pregnant == false and breastfeeding == false` applying when sex == "female"
// (AUTO-PREG-01, ALLO-PREG-01, TCE-PREG-01). Base "sle" is female.
inline void pregnancy(const char *crit)
{
    conjunction("sle", crit, { boolFalse("pregnant"), boolFalse("breastfeeding") });
    row("ssc", crit, "male (V03, pregnancy facts absent) -> not applicable", QByteArray("{}"), NA);
    row("sle", crit, "male with pregnant true -> not applicable",
        facts({ kv("sex", str("male")), kv("pregnant", QByteArray("true")) }), NA);
    // sex unknown: (not unknown) or C.
    row("sle", crit, "sex absent, not pregnant/breastfeeding (condition true)", facts({ kv("sex", kAbsent) }), Met);
    row("sle", crit, "sex absent, pregnant true (condition false)",
        facts({ kv("sex", kAbsent), kv("pregnant", QByteArray("true")) }), Unk);
    row("sle", crit, "sex not_evaluated, pregnant true",
        facts({ kv("sex", kNotEvaluated), kv("pregnant", QByteArray("true")) }), Unk);
    row("sle", crit, "sex absent, pregnant absent (condition unknown)",
        facts({ kv("sex", kAbsent), kv("pregnant", kAbsent) }), Unk);
}

// `cns_involvement_active == false` applying when disease == "SLE" (AUTO-CNS-01, ALLO-CNS-01).
inline void cnsLupus(const char *crit)
{
    boolean("sle", crit, "cns_involvement_active", false);
    row("ssc", crit, "disease SSc, CNS active -> not applicable",
        facts({ kv("cns_involvement_active", QByteArray("true")) }), NA);
    row("sle", crit, "disease MS, CNS active -> not applicable",
        facts({ kv("disease", str("MS")), kv("cns_involvement_active", QByteArray("true")) }), NA);
    row("sle", crit, "disease absent, CNS inactive (condition true)", facts({ kv("disease", kAbsent) }), Met);
    row("sle", crit, "disease absent, CNS active (condition false)",
        facts({ kv("disease", kAbsent), kv("cns_involvement_active", QByteArray("true")) }), Unk);
    row("sle", crit, "disease not_evaluated, CNS active",
        facts({ kv("disease", kNotEvaluated), kv("cns_involvement_active", QByteArray("true")) }), Unk);
    row("sle", crit, "disease absent, CNS absent",
        facts({ kv("disease", kAbsent), kv("cns_involvement_active", kAbsent) }), Unk);
}

// `<x>_access in ["trial","compassionate","approved"]`.
inline void access(const char *crit, const char *fact)
{
    single("ssc", crit, fact,
        { { "trial", str("trial"), Met }, { "compassionate", str("compassionate"), Met },
            { "approved", str("approved"), Met }, { "none", str("none"), NotMet } });
}

// `sars_cov2_pcr == "negative"` (AUTO-INF-02, ALLO-INF-02); `hiv == "negative"` (AUTO-INF-03).
inline void negativeEnum(const char *crit, const char *fact)
{
    single("ssc", crit, fact, { { "negative", str("negative"), Met }, { "positive", str("positive"), NotMet } });
}

// ---- base cases and patches ---------------------------------------------------------------------

inline QJsonObject applyPatch(QJsonObject doc, const QJsonObject &patch)
{
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        if (it.key() == QLatin1String("facts")) {
            QJsonObject f = doc.value(QLatin1String("facts")).toObject();
            const QJsonObject pf = it.value().toObject();
            for (auto p = pf.begin(); p != pf.end(); ++p) {
                if (p.value().isNull())
                    f.remove(p.key());
                else
                    f.insert(p.key(), p.value());
            }
            doc.insert(QStringLiteral("facts"), f);
        } else if (it.value().isNull()) {
            doc.remove(it.key());
        } else {
            doc.insert(it.key(), it.value());
        }
    }
    return doc;
}

inline bool parsePatch(const QByteArray &patch, QJsonObject &out, QString &error)
{
    QJsonParseError err;
    const QJsonDocument d = QJsonDocument::fromJson(patch, &err);
    if (err.error != QJsonParseError::NoError || !d.isObject()) {
        error = QStringLiteral("bad test patch %1: %2").arg(QString::fromUtf8(patch), err.errorString());
        return false;
    }
    out = d.object();
    return true;
}

// The base cases the rows start from: "ssc", "sle" and "iim".
inline bool loadBases(QHash<QString, QJsonObject> &bases, QString &error)
{
    QFile f(QStringLiteral(CONSILIUM_SOURCE_DIR "/resources/examples/V03-dcssc-all-eligible.json"));
    if (!f.open(QIODevice::ReadOnly)) {
        error = f.fileName() + QStringLiteral(": ") + f.errorString();
        return false;
    }
    QJsonParseError err;
    const QJsonDocument d = QJsonDocument::fromJson(f.readAll(), &err);
    if (err.error != QJsonParseError::NoError || !d.isObject()) {
        error = f.fileName() + QStringLiteral(": ") + err.errorString();
        return false;
    }

    // "ssc": V03 as shipped. US, male, 45 y, diffuse SSc, creatinine 0.9 mg/dL (eGFR 107.3),
    // MMF last 2026-10-20 (washout ended 11-03), failed lines MMF + rituximab = 2, gilbert absent.
    const QJsonObject ssc = d.object();
    bases.insert(QStringLiteral("ssc"), ssc);

    // "sle": female SLE patient in the EU (for pregnancy, CNS, HCQ/GC and EU proximity rules).
    // eGFR (female, 45 y, 0.9 mg/dL) = 142 × (0.9/0.7)^-1.2 × 0.9938^45 × 1.012 = 80.3.
    QJsonObject slePatch;
    if (!parsePatch(
            obj({ kv("jurisdiction", str("EU")),
                kv("facts",
                    obj({ kv("sex", str("female")), kv("pregnant", QByteArray("false")),
                        kv("breastfeeding", QByteArray("false")), kv("disease", str("SLE")),
                        kv("travel_minutes_to_centre", bare("45")) })),
                kv("medications",
                    array({ med("mycophenolate_mofetil", "2026-10-20"), med("hydroxychloroquine", "2026-11-24") })) }),
            slePatch, error))
        return false;
    bases.insert(QStringLiteral("sle"), applyPatch(ssc, slePatch));

    // "iim": V03 with disease IIM (transaminase rules switch from AUTO-HEP-01 to AUTO-HEP-02).
    QJsonObject iimPatch;
    if (!parsePatch(facts({ kv("disease", str("IIM")) }), iimPatch, error))
        return false;
    bases.insert(QStringLiteral("iim"), applyPatch(ssc, iimPatch));
    return true;
}

// The case of a row: its base with the patch applied, parsed like a case file.
inline std::optional<CaseData> rowCase(const QHash<QString, QJsonObject> &bases, const QString &base,
    const QByteArray &patch, const RulePack &pack, QString &error)
{
    if (!bases.contains(base)) {
        error = QStringLiteral("no base case '%1'").arg(base);
        return std::nullopt;
    }
    QJsonObject p;
    if (!parsePatch(patch, p, error))
        return std::nullopt;
    const QByteArray bytes = QJsonDocument(applyPatch(bases.value(base), p)).toJson(QJsonDocument::Compact);
    json::Diagnostics diag;
    auto c = parseCase(bytes, pack, diag);
    if (!c)
        error = QStringLiteral("case rejected: %1\n%2")
                    .arg(diag.lines().join(QStringLiteral("; ")), QString::fromUtf8(bytes));
    return c;
}

// ---- 4.1 autologous_car_t (31 criteria) --------------------------------------------------------

inline void autologousRows()
{
    stateColumns();

    ageAtLeast18("AUTO-AGE-01");
    ageAtMost65("AUTO-AGE-02");
    ecogAtMost("ssc", "AUTO-ECOG-01", 2);
    ecogAtMost("ssc", "AUTO-ECOG-02", 1);
    failedLinesAtLeast2("AUTO-REF-01");

    // AUTO-DIS-01 (caution): disease in the nine listed diseases.
    single("ssc", "AUTO-DIS-01", "disease",
        { { "SLE", str("SLE"), Met }, { "SSc", str("SSc"), Met }, { "IIM", str("IIM"), Met },
            { "AAV", str("AAV"), Met }, { "RA", str("RA"), Met }, { "MG", str("MG"), Met },
            { "NMOSD", str("NMOSD"), Met }, { "MS", str("MS"), Met }, { "SPS", str("SPS"), Met },
            { "other", str("other"), NotMet } });

    egfrAtLeast30("AUTO-RENAL-01");

    // AUTO-CARD-01: lvef >= 45 (only % accepted).
    single("ssc", "AUTO-CARD-01", "lvef",
        { { "45 % (at threshold)", q("45", "%"), Met }, { "45.1 % (just inside)", q("45.1", "%"), Met },
            { "44.9 % (just outside)", q("44.9", "%"), NotMet } });

    // AUTO-CARD-02 (caution): nyha_class <= 3 (integer class, bare only).
    single("ssc", "AUTO-CARD-02", "nyha_class",
        { { "3 (at threshold)", bare("3"), Met }, { "2 (just inside)", bare("2"), Met },
            { "4 (just outside)", bare("4"), NotMet } });

    // AUTO-PULM-01: dlco >= 40 and fvc >= 50 (base: DLCO 55, FVC 71).
    {
        const char *c = "AUTO-PULM-01";
        row("ssc", c, "DLCO 40, FVC 50 (both at threshold)",
            facts({ kv("dlco", q("40", "%")), kv("fvc", q("50", "%")) }), Met);
        row("ssc", c, "DLCO 40.1 (just inside)", facts({ kv("dlco", q("40.1", "%")) }), Met);
        row("ssc", c, "DLCO 39.9 (just outside)", facts({ kv("dlco", q("39.9", "%")) }), NotMet);
        row("ssc", c, "FVC 50.1 (just inside)", facts({ kv("fvc", q("50.1", "%")) }), Met);
        row("ssc", c, "FVC 49.9 (just outside)", facts({ kv("fvc", q("49.9", "%")) }), NotMet);
        missing("ssc", c, "dlco", Unk);
        missing("ssc", c, "dlco", NotMet, kv("fvc", q("49", "%")), "FVC 49 (false and unknown)");
        missing("ssc", c, "fvc", Unk);
        missing("ssc", c, "fvc", NotMet, kv("dlco", q("39", "%")), "DLCO 39 (false and unknown)");
        row("ssc", c, "DLCO and FVC absent", facts({ kv("dlco", kAbsent), kv("fvc", kAbsent) }), Unk);
    }

    spo2AtLeast92("AUTO-PULM-02");
    transaminasesNotIim("AUTO-HEP-01");

    // AUTO-HEP-02 (caution): same condition, applies when disease == "IIM".
    {
        const char *c = "AUTO-HEP-02";
        row("iim", c, "ALT 3, AST 3 xULN (both at threshold)",
            facts({ kv("alt_x_uln", q("3", "xULN")), kv("ast_x_uln", q("3", "xULN")) }), Met);
        row("iim", c, "ALT 2.99 xULN (just inside)", facts({ kv("alt_x_uln", q("2.99", "xULN")) }), Met);
        row("iim", c, "ALT 3.01 xULN (just outside)", facts({ kv("alt_x_uln", q("3.01", "xULN")) }), NotMet);
        row("iim", c, "AST 3.01 xULN (just outside)", facts({ kv("ast_x_uln", q("3.01", "xULN")) }), NotMet);
        row("iim", c, "ALT 8 xULN (myositis)", facts({ kv("alt_x_uln", q("8", "xULN")) }), NotMet);
        missing("iim", c, "alt_x_uln", Unk);
        missing("iim", c, "alt_x_uln", NotMet, kv("ast_x_uln", q("3.5", "xULN")), "AST 3.5");
        missing("iim", c, "ast_x_uln", Unk);
        missing("iim", c, "ast_x_uln", NotMet, kv("alt_x_uln", q("3.5", "xULN")), "ALT 3.5");
        row("ssc", c, "disease SSc, ALT 5 -> not applicable", facts({ kv("alt_x_uln", q("5", "xULN")) }), NA);
        row("iim", c, "disease absent, ALT/AST normal", facts({ kv("disease", kAbsent) }), Met);
        row("iim", c, "disease absent, ALT 5", facts({ kv("disease", kAbsent), kv("alt_x_uln", q("5", "xULN")) }), Unk);
        row("iim", c, "disease not_evaluated, ALT 5",
            facts({ kv("disease", kNotEvaluated), kv("alt_x_uln", q("5", "xULN")) }), Unk);
    }

    bilirubin("AUTO-HEP-03");
    ancAtLeast1("AUTO-HEM-01");
    plateletsAtLeast30("AUTO-HEM-02");
    hemoglobinAtLeast8("AUTO-HEM-03");

    // AUTO-APH-01: alc >= 0.2 10^9/L (200/uL = 0.2).
    single("ssc", "AUTO-APH-01", "alc",
        { { "0.2 10^9/L (at threshold)", q("0.2", "10^9/L"), Met },
            { "0.21 10^9/L (just inside)", q("0.21", "10^9/L"), Met },
            { "0.19 10^9/L (just outside)", q("0.19", "10^9/L"), NotMet }, { "200 /uL (= 0.2)", q("200", "/uL"), Met },
            { "199 /uL (= 0.199)", q("199", "/uL"), NotMet }, { "0.2 10^3/uL", q("0.2", "10^3/uL"), Met } });

    // AUTO-APH-02 (caution): cd3_count >= 100 /uL (10^9/L × 1000: 0.1 = 100).
    single("ssc", "AUTO-APH-02", "cd3_count",
        { { "100 /uL (at threshold)", q("100", "/uL"), Met }, { "101 /uL (just inside)", q("101", "/uL"), Met },
            { "99 /uL (just outside)", q("99", "/uL"), NotMet }, { "0.1 10^9/L (= 100)", q("0.1", "10^9/L"), Met },
            { "0.099 10^9/L (= 99)", q("0.099", "10^9/L"), NotMet } });

    boolean("ssc", "AUTO-INF-01", "active_infection", false);
    negativeEnum("AUTO-INF-02", "sars_cov2_pcr");
    negativeEnum("AUTO-INF-03", "hiv");

    // AUTO-INF-04 (caution): HBsAg, anti-HBc and HCV RNA negative (HIV is not an operand).
    conjunction("ssc", "AUTO-INF-04", { marker("hbsag"), marker("anti_hbc"), marker("hcv_rna") });
    row("ssc", "AUTO-INF-04", "hiv positive is not an operand", facts({ kv("hiv", str("positive")) }), Met);

    pregnancy("AUTO-PREG-01");

    conjunction("ssc", "AUTO-PRIOR-01",
        { boolFalse("prior_car_t"), boolFalse("prior_gene_therapy"), boolFalse("prior_allo_hsct"),
            boolFalse("prior_solid_organ_transplant") });

    boolean("ssc", "AUTO-MAL-01", "malignancy_recent", false);
    cnsLupus("AUTO-CNS-01");

    // AUTO-WASH-01 (caution): auto_washout_complete == true, i.e. earliest_leukapheresis == as_of
    // (§3.7; as_of 2026-11-25). washout_end = last_dose + N days/months; complete when ≤ as_of.
    {
        const char *c = "AUTO-WASH-01";
        const char *b = "ssc";
        // w14: 2026-11-11 + 14 = 11-25 (= as_of, complete); 11-12 + 14 = 11-26.
        row(b, c, "MMF last 2026-11-11 (ends on as_of)", meds({ med("mycophenolate_mofetil", "2026-11-11") }), Met);
        row(b, c, "MMF last 2026-11-12 (ends as_of + 1)", meds({ med("mycophenolate_mofetil", "2026-11-12") }), NotMet);
        row(b, c, "MMF last 2026-11-10 (ended as_of - 1)", meds({ med("mycophenolate_mofetil", "2026-11-10") }), Met);
        // w7: 11-18 + 7 = 11-25.
        row(b, c, "rituximab last 2026-11-18 (w7, ends on as_of)", meds({ med("rituximab", "2026-11-18") }), Met);
        row(b, c, "rituximab last 2026-11-19 (w7, ends as_of + 1)", meds({ med("rituximab", "2026-11-19") }), NotMet);
        // w21 / w21pi: 11-04 + 21 = 11-25.
        row(b, c, "cyclophosphamide last 2026-11-04 (w21, ends on as_of)",
            meds({ med("cyclophosphamide", "2026-11-04") }), Met);
        row(b, c, "cyclophosphamide last 2026-11-05 (w21, ends as_of + 1)",
            meds({ med("cyclophosphamide", "2026-11-05") }), NotMet);
        row(b, c, "bortezomib last 2026-11-04 (w21pi, ends on as_of)", meds({ med("bortezomib", "2026-11-04") }), Met);
        row(b, c, "bortezomib last 2026-11-05 (w21pi, ends as_of + 1)", meds({ med("bortezomib", "2026-11-05") }),
            NotMet);
        // w42ms / w42t: 10-14 + 42 = 11-25.
        row(b, c, "natalizumab last 2026-10-14 (w42ms, ends on as_of)", meds({ med("natalizumab", "2026-10-14") }),
            Met);
        row(b, c, "natalizumab last 2026-10-15 (w42ms, ends as_of + 1)", meds({ med("natalizumab", "2026-10-15") }),
            NotMet);
        row(b, c, "alemtuzumab last 2026-10-14 (w42t, ends on as_of)", meds({ med("alemtuzumab", "2026-10-14") }), Met);
        row(b, c, "alemtuzumab last 2026-10-15 (w42t, ends as_of + 1)", meds({ med("alemtuzumab", "2026-10-15") }),
            NotMet);
        // m1 / m6: calendar months (§0.3).
        row(b, c, "tocilizumab last 2026-10-25 (m1, ends on as_of)", meds({ med("tocilizumab", "2026-10-25") }), Met);
        row(b, c, "tocilizumab last 2026-10-26 (m1, ends as_of + 1)", meds({ med("tocilizumab", "2026-10-26") }),
            NotMet);
        row(b, c, "cladribine last 2026-05-25 (m6, ends on as_of)", meds({ med("cladribine", "2026-05-25") }), Met);
        row(b, c, "cladribine last 2026-05-26 (m6, ends as_of + 1)", meds({ med("cladribine", "2026-05-26") }), NotMet);
        // Month-end clamp: 2027-01-31 + 1 month = 2027-02-28 (= as_of) → complete; 2027-02-01 + 1 month = 03-01.
        row(b, c, "as_of 2027-02-28, tocilizumab last 2027-01-31 (clamped to 02-28)",
            obj({ kv("as_of", str("2027-02-28")), kv("medications", array({ med("tocilizumab", "2027-01-31") })) }),
            Met);
        row(b, c, "as_of 2027-02-28, tocilizumab last 2027-02-01 (ends 03-01)",
            obj({ kv("as_of", str("2027-02-28")), kv("medications", array({ med("tocilizumab", "2027-02-01") })) }),
            NotMet);
        // Latest washout wins.
        row(b, c, "MMF 11-11 complete + rituximab 11-19 not complete",
            meds({ med("mycophenolate_mofetil", "2026-11-11"), med("rituximab", "2026-11-19") }), NotMet);
        // No washout: HCQ (class none), IVIG (not listed: no date shift), no medications.
        row(b, c, "hydroxychloroquine last on as_of (no washout)", meds({ med("hydroxychloroquine", "2026-11-25") }),
            Met);
        row(b, c, "hydroxychloroquine without last_dose (no washout)", meds({ med("hydroxychloroquine", nullptr) }),
            Met);
        row(b, c, "ivig last 2026-11-24 (washout not defined, no date)", meds({ med("ivig", "2026-11-24") }), Met);
        row(b, c, "empty medications", meds({}), Met);
        // Glucocorticoids: a washout entry only when pred_eq_daily_mg > 10 (strict), ending latest
        // current gc last_dose + 7 (current = last_dose ≥ as_of − 7 = 11-18).
        row(b, c, "prednisone 10 mg last 11-24 (pred-eq 10, not > 10)", meds({ med("prednisone", "2026-11-24", "10") }),
            Met);
        row(b, c, "prednisone 10.5 mg last 11-24 (pred-eq 10.5 > 10, ends 12-01)",
            meds({ med("prednisone", "2026-11-24", "10.5") }), NotMet);
        row(b, c, "methylprednisolone 8 mg (pred-eq 8 × 5/4 = 10.0)",
            meds({ med("methylprednisolone", "2026-11-24", "8") }), Met);
        row(b, c, "dexamethasone 1.5 mg (pred-eq 1.5 × 5/0.75 = 10.0)",
            meds({ med("dexamethasone", "2026-11-24", "1.5") }), Met);
        row(b, c, "hydrocortisone 44 mg (pred-eq 11 > 10)", meds({ med("hydrocortisone", "2026-11-24", "44") }),
            NotMet);
        row(b, c, "prednisone 15 mg last 11-18 (current; ends 11-25 = as_of)",
            meds({ med("prednisone", "2026-11-18", "15") }), Met);
        row(b, c, "prednisone 15 mg last 11-19 (ends 11-26)", meds({ med("prednisone", "2026-11-19", "15") }), NotMet);
        row(b, c, "prednisone 15 mg last 11-17 (not current, pred-eq 0)",
            meds({ med("prednisone", "2026-11-17", "15") }), Met);
        // Missing inputs (§0.5, §3.7).
        row(b, c, "medications absent", obj({ kv("medications", kAbsent) }), Unk);
        row(b, c, "MMF without last_dose", meds({ med("mycophenolate_mofetil", nullptr) }), Unk);
        row(b, c, "prednisone 15 mg without last_dose (current, > 10, date unknown)",
            meds({ med("prednisone", nullptr, "15") }), Unk);
        row(b, c, "prednisone 4 mg without last_dose (≤ 10: no gc washout)", meds({ med("prednisone", nullptr, "4") }),
            Met);
        row(b, c, "MMF without last_dose + rituximab 11-19 (unknown date, known later date)",
            meds({ med("mycophenolate_mofetil", nullptr), med("rituximab", "2026-11-19") }), Unk);
    }

    access("AUTO-ACC-01", "auto_car_t_access");

    // AUTO-PROX-01 (caution): travel_minutes_to_centre <= 120, applies when jurisdiction == "EU".
    // Base "sle" is EU with 45 min. jurisdiction is a required case field, so its applicability
    // cannot be unknown.
    single("sle", "AUTO-PROX-01", "travel_minutes_to_centre",
        { { "120 (at threshold)", bare("120"), Met }, { "119 (just inside)", bare("119"), Met },
            { "121 (just outside)", bare("121"), NotMet }, { "120.5 (just outside)", bare("120.5"), NotMet },
            { "{120 min}", q("120", "min"), Met }, { "{2 h} (= 120 min, at threshold)", q("2", "h"), Met },
            { "{2.1 h} (= 126 min)", q("2.1", "h"), NotMet }, { "{1.9 h} (= 114 min)", q("1.9", "h"), Met } });
    row("sle", "AUTO-PROX-01", "US jurisdiction, 500 min -> not applicable",
        obj({ kv("jurisdiction", str("US")), kv("facts", obj({ kv("travel_minutes_to_centre", bare("500")) })) }), NA);
    row("sle", "AUTO-PROX-01", "US jurisdiction, travel absent -> not applicable",
        obj({ kv("jurisdiction", str("US")), kv("facts", obj({ kv("travel_minutes_to_centre", kAbsent) })) }), NA);

    boolean("ssc", "AUTO-CARE-01", "caregiver_available", true);
}

// ---- 4.2 allogeneic_car_t (20 criteria) --------------------------------------------------------

inline void allogeneicRows()
{
    stateColumns();

    ageAtLeast18("ALLO-AGE-01");
    ageAtMost65("ALLO-AGE-02");
    ecogAtMost("ssc", "ALLO-ECOG-01", 2);
    failedLinesAtLeast2("ALLO-REF-01");
    egfrAtLeast30("ALLO-RENAL-01");

    // ALLO-CARD-01: lvef >= 50 (stricter than the autologous 45).
    single("ssc", "ALLO-CARD-01", "lvef",
        { { "50 % (at threshold)", q("50", "%"), Met }, { "50.1 % (just inside)", q("50.1", "%"), Met },
            { "49.9 % (just outside)", q("49.9", "%"), NotMet },
            { "47 % (met for autologous, not here)", q("47", "%"), NotMet } });

    spo2AtLeast92("ALLO-PULM-01");
    transaminasesNotIim("ALLO-HEP-01");
    bilirubin("ALLO-HEP-02");
    ancAtLeast1("ALLO-HEM-01");
    plateletsAtLeast30("ALLO-HEM-02");
    hemoglobinAtLeast8("ALLO-HEM-03");
    boolean("ssc", "ALLO-INF-01", "active_infection", false);
    negativeEnum("ALLO-INF-02", "sars_cov2_pcr");
    conjunction("ssc", "ALLO-INF-03", { marker("hbsag"), marker("anti_hbc"), marker("hcv_rna"), marker("hiv") });
    pregnancy("ALLO-PREG-01");

    // ALLO-PRIOR-01 (caution): only prior CAR T and prior gene therapy are operands.
    conjunction("ssc", "ALLO-PRIOR-01", { boolFalse("prior_car_t"), boolFalse("prior_gene_therapy") });
    row("ssc", "ALLO-PRIOR-01", "prior_allo_hsct true is not an operand",
        facts({ kv("prior_allo_hsct", QByteArray("true")) }), Met);
    row("ssc", "ALLO-PRIOR-01", "prior_solid_organ_transplant true is not an operand",
        facts({ kv("prior_solid_organ_transplant", QByteArray("true")) }), Met);

    boolean("ssc", "ALLO-MAL-01", "malignancy_recent", false);
    cnsLupus("ALLO-CNS-01");
    access("ALLO-ACC-01", "allo_car_t_access");
}

// ---- 4.3 bispecific_tce (11 criteria) ----------------------------------------------------------

inline void bispecificRows()
{
    stateColumns();

    ageAtLeast18("TCE-AGE-01");
    row("ssc", "TCE-AGE-01", "age 80 (no upper age rule)", facts({ kv("age_years", bare("80")) }), Met);
    failedLinesAtLeast2("TCE-REF-01");
    ecogAtMost("ssc", "TCE-ECOG-01", 2);
    boolean("ssc", "TCE-INF-01", "active_infection", false);
    conjunction("ssc", "TCE-INF-02", { marker("hbsag"), marker("anti_hbc"), marker("hcv_rna"), marker("hiv") });
    pregnancy("TCE-PREG-01");
    ancAtLeast1("TCE-HEM-01");

    // TCE-IGG-01 (caution): igg >= 4.0 g/L. mg/dL ÷ 100, g/dL × 10.
    single("ssc", "TCE-IGG-01", "igg",
        { { "4.0 g/L (at threshold)", q("4.0", "g/L"), Met }, { "4.1 g/L (just inside)", q("4.1", "g/L"), Met },
            { "3.9 g/L (just outside)", q("3.9", "g/L"), NotMet }, { "400 mg/dL (= 4.0)", q("400", "mg/dL"), Met },
            { "399 mg/dL (= 3.99)", q("399", "mg/dL"), NotMet }, { "0.4 g/dL (= 4.0)", q("0.4", "g/dL"), Met },
            { "0.39 g/dL (= 3.9)", q("0.39", "g/dL"), NotMet } });

    // TCE-WASH-01 (caution): tce_washout_complete == true (§3.7): each non-gc immunosuppressant
    // needs last_dose + 1 day ≤ as_of; glucocorticoids add latest last_dose + 14 when
    // pred_eq_daily_mg ≥ 5 (inclusive). pred_eq counts gc with last_dose ≥ as_of − 7 (§3.6).
    {
        const char *c = "TCE-WASH-01";
        const char *b = "ssc";
        row(b, c, "MMF last 11-24 (stopped before as_of)", meds({ med("mycophenolate_mofetil", "2026-11-24") }), Met);
        row(b, c, "MMF last 11-25 = as_of (ends 11-26)", meds({ med("mycophenolate_mofetil", "2026-11-25") }), NotMet);
        row(b, c, "MMF last 11-26 (planned, after as_of)", meds({ med("mycophenolate_mofetil", "2026-11-26") }),
            NotMet);
        row(b, c, "cladribine last 11-24 (stop-before rule, not 6 months)", meds({ med("cladribine", "2026-11-24") }),
            Met);
        row(b, c, "tocilizumab last 11-25", meds({ med("tocilizumab", "2026-11-25") }), NotMet);
        row(b, c, "ivig last 11-25 (ignored)", meds({ med("ivig", "2026-11-25") }), Met);
        row(b, c, "hydroxychloroquine last 11-25 (none)", meds({ med("hydroxychloroquine", "2026-11-25") }), Met);
        row(b, c, "empty medications", meds({}), Met);
        row(b, c, "prednisone 5 mg last 11-24 (pred-eq 5 ≥ 5, at threshold)",
            meds({ med("prednisone", "2026-11-24", "5") }), NotMet);
        row(b, c, "prednisone 4.9 mg last 11-24 (just inside)", meds({ med("prednisone", "2026-11-24", "4.9") }), Met);
        row(b, c, "prednisone 5.1 mg last 11-24 (just outside)", meds({ med("prednisone", "2026-11-24", "5.1") }),
            NotMet);
        row(b, c, "hydrocortisone 20 mg (pred-eq 5.0)", meds({ med("hydrocortisone", "2026-11-24", "20") }), NotMet);
        row(b, c, "dexamethasone 0.75 mg (pred-eq 5.0)", meds({ med("dexamethasone", "2026-11-24", "0.75") }), NotMet);
        row(b, c, "prednisone 2.5 + prednisolone 2.5 mg (sum 5.0)",
            meds({ med("prednisone", "2026-11-24", "2.5"), med("prednisolone", "2026-11-24", "2.5") }), NotMet);
        row(b, c, "prednisone 2.5 + prednisolone 2.4 mg (sum 4.9)",
            meds({ med("prednisone", "2026-11-24", "2.5"), med("prednisolone", "2026-11-24", "2.4") }), Met);
        row(b, c, "prednisone 5 mg last 11-18 (current; ends 12-02)", meds({ med("prednisone", "2026-11-18", "5") }),
            NotMet);
        row(b, c, "prednisone 5 mg last 11-17 (not current: pred-eq 0)", meds({ med("prednisone", "2026-11-17", "5") }),
            Met);
        row(b, c, "medications absent", obj({ kv("medications", kAbsent) }), Unk);
        row(b, c, "MMF without last_dose", meds({ med("mycophenolate_mofetil", nullptr) }), Unk);
        row(b, c, "prednisone 5 mg without last_dose (≥ 5, date unknown)", meds({ med("prednisone", nullptr, "5") }),
            Unk);
        row(b, c, "prednisone 4 mg without last_dose (< 5: no gc rule)", meds({ med("prednisone", nullptr, "4") }),
            Met);
    }

    access("TCE-ACC-01", "tce_access");

    // TCE-DIS-01 (info): disease in ["SLE","SSc","RA"].
    single("ssc", "TCE-DIS-01", "disease",
        { { "SLE", str("SLE"), Met }, { "SSc", str("SSc"), Met }, { "RA", str("RA"), Met },
            { "IIM", str("IIM"), NotMet }, { "AAV", str("AAV"), NotMet }, { "MG", str("MG"), NotMet },
            { "NMOSD", str("NMOSD"), NotMet }, { "MS", str("MS"), NotMet }, { "SPS", str("SPS"), NotMet },
            { "other", str("other"), NotMet } });
}

// ---- 4.4 standard_care (arm criteria) ----------------------------------------------------------

inline void standardCareRows()
{
    stateColumns();

    // SOC-REF-01 (info): failed_lines_count < 2.
    {
        const char *c = "SOC-REF-01";
        row("ssc", c, "2 lines (at threshold, strict <)", failed({ str("mycophenolate_mofetil"), str("rituximab") }),
            NotMet);
        row("ssc", c, "1 line (just inside)", failed({ str("mycophenolate_mofetil") }), Met);
        row("ssc", c, "3 lines", failed({ str("mycophenolate_mofetil"), str("rituximab"), str("belimumab") }), NotMet);
        row("ssc", c, "0 lines (empty)", failed({}), Met);
        row("ssc", c, "MMF + prednisone + HCQ = 1 line",
            failed({ str("mycophenolate_mofetil"), str("prednisone"), str("hydroxychloroquine") }), Met);
        row("ssc", c, "failed_therapies absent", obj({ kv("failed_therapies", kAbsent) }), Unk);
    }

    // SOC-HCQ-01 (info): on_hydroxychloroquine == true, applies when disease == "SLE".
    {
        const char *c = "SOC-HCQ-01";
        row("sle", c, "HCQ listed", QByteArray("{}"), Met);
        row("sle", c, "HCQ listed without last_dose", meds({ med("hydroxychloroquine", nullptr) }), Met);
        row("sle", c, "only MMF listed", meds({ med("mycophenolate_mofetil", "2026-10-20") }), NotMet);
        row("sle", c, "empty medications", meds({}), NotMet);
        row("sle", c, "medications absent", obj({ kv("medications", kAbsent) }), Unk);
        row("ssc", c, "disease SSc, no HCQ -> not applicable", QByteArray("{}"), NA);
        row("sle", c, "disease SSc, HCQ listed -> not applicable", facts({ kv("disease", str("SSc")) }), NA);
        row("sle", c, "disease absent, HCQ listed", facts({ kv("disease", kAbsent) }), Met);
        row("sle", c, "disease absent, no HCQ",
            obj({ kv("facts", obj({ kv("disease", kAbsent) })), kv("medications", array({})) }), Unk);
        row("sle", c, "disease not_evaluated, no HCQ",
            obj({ kv("facts", obj({ kv("disease", kNotEvaluated) })), kv("medications", array({})) }), Unk);
    }

    // SOC-GC-01 (caution): pred_eq_daily_mg <= 5, applies when disease == "SLE".
    // Ratio form (§3.6): dose × 5 / E; E = prednisone 5, prednisolone 5, methylprednisolone 4,
    // dexamethasone 0.75, hydrocortisone 20. Current = last_dose ≥ as_of − 7 (2026-11-18).
    {
        const char *c = "SOC-GC-01";
        const QByteArray hcq = med("hydroxychloroquine", "2026-11-24");
        auto gc = [&](const char *agent, const char *dose, const char *last = "2026-11-24") {
            return meds({ hcq, med(agent, last, dose) });
        };
        row("sle", c, "prednisone 5 mg (at threshold)", gc("prednisone", "5"), Met);
        row("sle", c, "prednisone 4.9 mg (just inside)", gc("prednisone", "4.9"), Met);
        row("sle", c, "prednisone 5.1 mg (just outside)", gc("prednisone", "5.1"), NotMet);
        row("sle", c, "prednisolone 5 mg (= 5.0)", gc("prednisolone", "5"), Met);
        row("sle", c, "methylprednisolone 4 mg (= 5.0)", gc("methylprednisolone", "4"), Met);
        row("sle", c, "methylprednisolone 4.1 mg (= 5.125)", gc("methylprednisolone", "4.1"), NotMet);
        row("sle", c, "dexamethasone 0.75 mg (= 5.0)", gc("dexamethasone", "0.75"), Met);
        row("sle", c, "dexamethasone 0.8 mg (= 5.33)", gc("dexamethasone", "0.8"), NotMet);
        row("sle", c, "hydrocortisone 20 mg (= 5.0)", gc("hydrocortisone", "20"), Met);
        row("sle", c, "hydrocortisone 20.5 mg (= 5.125)", gc("hydrocortisone", "20.5"), NotMet);
        row("sle", c, "prednisone 2.5 + prednisolone 2.5 mg (sum 5.0)",
            meds({ hcq, med("prednisone", "2026-11-24", "2.5"), med("prednisolone", "2026-11-24", "2.5") }), Met);
        row("sle", c, "prednisone 2.5 + prednisolone 2.6 mg (sum 5.1)",
            meds({ hcq, med("prednisone", "2026-11-24", "2.5"), med("prednisolone", "2026-11-24", "2.6") }), NotMet);
        row("sle", c, "prednisone 10 mg last 11-18 (as_of − 7, current)", gc("prednisone", "10", "2026-11-18"), NotMet);
        row("sle", c, "prednisone 10 mg last 11-17 (not current, 0)", gc("prednisone", "10", "2026-11-17"), Met);
        row("sle", c, "prednisone 10 mg without last_dose (counts as current, §0.5)",
            meds({ hcq, med("prednisone", nullptr, "10") }), NotMet);
        row("sle", c, "no glucocorticoid (0)", QByteArray("{}"), Met);
        row("sle", c, "medications absent (pred-eq unknown)", obj({ kv("medications", kAbsent) }), Unk);
        row("sle", c, "disease SSc, prednisone 20 mg -> not applicable",
            obj({ kv("facts", obj({ kv("disease", str("SSc")) })),
                kv("medications", array({ med("prednisone", "2026-11-24", "20") })) }),
            NA);
        row("sle", c, "disease absent, no glucocorticoid", facts({ kv("disease", kAbsent) }), Met);
        row("sle", c, "disease absent, prednisone 10 mg",
            obj({ kv("facts", obj({ kv("disease", kAbsent) })),
                kv("medications", array({ hcq, med("prednisone", "2026-11-24", "10") })) }),
            Unk);
        row("sle", c, "disease not_evaluated, prednisone 10 mg",
            obj({ kv("facts", obj({ kv("disease", kNotEvaluated) })),
                kv("medications", array({ hcq, med("prednisone", "2026-11-24", "10") })) }),
            Unk);
    }
}

// ---- 4.4 standard_care / ahsct sub-option (9 criteria, all apply when disease == "SSc") --------

// disease SLE → not_applicable; disease unknown → met if the condition is already true, else unknown.
inline void hsctApplicability(const char *crit, const QByteArray &failingFact, const char *failingLabel)
{
    row("ssc", crit, "disease SLE -> not applicable", facts({ kv("disease", str("SLE")), failingFact }), NA);
    row("ssc", crit, "disease IIM -> not applicable", facts({ kv("disease", str("IIM")) }), NA);
    row("ssc", crit, "disease absent, condition true", facts({ kv("disease", kAbsent) }), Met);
    row("ssc", crit, QByteArray("disease absent, condition false (") + failingLabel + ')',
        facts({ kv("disease", kAbsent), failingFact }), Unk);
    row("ssc", crit, QByteArray("disease not_evaluated, condition false (") + failingLabel + ')',
        facts({ kv("disease", kNotEvaluated), failingFact }), Unk);
}

inline void ahsctRows()
{
    stateColumns();

    // SOC-HSCT-AGE-01: age_years >= 18 and age_years <= 65.
    {
        const char *c = "SOC-HSCT-AGE-01";
        single("ssc", c, "age_years",
            { { "18 (lower threshold)", bare("18"), Met }, { "18.1 (just inside)", bare("18.1"), Met },
                { "17.9 (just outside)", bare("17.9"), NotMet }, { "65 (upper threshold)", bare("65"), Met },
                { "64.9 (just inside)", bare("64.9"), Met }, { "65.1 (just outside)", bare("65.1"), NotMet },
                { "{65 years}", q("65", "years"), Met }, { "{65.5 years}", q("65.5", "years"), NotMet } });
        hsctApplicability(c, kv("age_years", bare("70")), "age 70");
    }

    // SOC-HSCT-AGE-02 (caution): age_years <= 60.
    {
        const char *c = "SOC-HSCT-AGE-02";
        single("ssc", c, "age_years",
            { { "60 (at threshold)", bare("60"), Met }, { "59.9 (just inside)", bare("59.9"), Met },
                { "60.1 (just outside)", bare("60.1"), NotMet }, { "{60 years}", q("60", "years"), Met },
                { "{61 years}", q("61", "years"), NotMet } });
        hsctApplicability(c, kv("age_years", bare("63")), "age 63");
    }

    // SOC-HSCT-SUB-01: ssc_subtype == "diffuse".
    single("ssc", "SOC-HSCT-SUB-01", "ssc_subtype",
        { { "diffuse", str("diffuse"), Met }, { "limited", str("limited"), NotMet } });
    hsctApplicability("SOC-HSCT-SUB-01", kv("ssc_subtype", str("limited")), "limited");

    // SOC-HSCT-SEV-01: (mrss > 15 and organ == true) or (mrss > 20 and crp > 10 mg/L) or ild == true.
    // crp canonical mg/dL; literal 10 mg/L = 1.0 mg/dL. Base: mRSS 24, organ true, CRP 15 mg/L, ILD true.
    {
        const char *c = "SOC-HSCT-SEV-01";
        const QByteArray ildF = kv("ild_progressive", QByteArray("false"));
        const QByteArray ildT = kv("ild_progressive", QByteArray("true"));
        const QByteArray orgF = kv("ssc_organ_involvement", QByteArray("false"));
        const QByteArray orgT = kv("ssc_organ_involvement", QByteArray("true"));
        const QByteArray crpLow = kv("crp", q("5", "mg/L"));
        const QByteArray crpHigh = kv("crp", q("15", "mg/L"));
        // First disjunct alone (CRP low, ILD false).
        row("ssc", c, "mRSS 16, organ true (first clause just inside)",
            facts({ kv("mrss", bare("16")), orgT, crpLow, ildF }), Met);
        row("ssc", c, "mRSS 15, organ true (first clause at threshold, strict >)",
            facts({ kv("mrss", bare("15")), orgT, crpLow, ildF }), NotMet);
        row("ssc", c, "mRSS 15.5, organ true", facts({ kv("mrss", bare("15.5")), orgT, crpLow, ildF }), Met);
        row("ssc", c, "mRSS 24, organ false, CRP low", facts({ kv("mrss", bare("24")), orgF, crpLow, ildF }), NotMet);
        // Second disjunct alone (organ false, ILD false).
        row("ssc", c, "mRSS 21, CRP 10.1 mg/L (second clause just inside)",
            facts({ kv("mrss", bare("21")), orgF, kv("crp", q("10.1", "mg/L")), ildF }), Met);
        row("ssc", c, "mRSS 21, CRP 10 mg/L (at threshold, strict >)",
            facts({ kv("mrss", bare("21")), orgF, kv("crp", q("10", "mg/L")), ildF }), NotMet);
        row("ssc", c, "mRSS 21, CRP 1.0 mg/dL (= 10 mg/L)",
            facts({ kv("mrss", bare("21")), orgF, kv("crp", q("1.0", "mg/dL")), ildF }), NotMet);
        row("ssc", c, "mRSS 21, CRP 1.01 mg/dL (= 10.1 mg/L)",
            facts({ kv("mrss", bare("21")), orgF, kv("crp", q("1.01", "mg/dL")), ildF }), Met);
        row("ssc", c, "mRSS 20, CRP 15 mg/L (mRSS at threshold)",
            facts({ kv("mrss", bare("20")), orgF, crpHigh, ildF }), NotMet);
        // Third disjunct alone.
        row("ssc", c, "ILD progressive only (mRSS 10, organ false)",
            facts({ kv("mrss", bare("10")), orgF, crpLow, ildT }), Met);
        row("ssc", c, "nothing (mRSS 10, organ false, CRP low, ILD false)",
            facts({ kv("mrss", bare("10")), orgF, crpLow, ildF }), NotMet);
        // Each operand unknown in turn.
        missing("ssc", c, "ild_progressive", Met, orgT, "first clause true (true or unknown)");
        missing(
            "ssc", c, "ild_progressive", Unk, QByteArray(kv("mrss", bare("10")) + ',' + orgF), "other clauses false");
        missing("ssc", c, "mrss", Unk, QByteArray(orgT + ',' + ildF), "organ true, ILD false");
        missing(
            "ssc", c, "mrss", NotMet, QByteArray(orgF + ',' + crpLow + ',' + ildF), "organ false, CRP low, ILD false");
        missing("ssc", c, "mrss", Met, ildT, "ILD true");
        missing("ssc", c, "ssc_organ_involvement", Unk, QByteArray(kv("mrss", bare("16")) + ',' + crpLow + ',' + ildF),
            "mRSS 16, CRP low, ILD false");
        missing("ssc", c, "ssc_organ_involvement", NotMet,
            QByteArray(kv("mrss", bare("15")) + ',' + crpHigh + ',' + ildF), "mRSS 15, ILD false");
        missing("ssc", c, "ssc_organ_involvement", Met, QByteArray(kv("mrss", bare("21")) + ',' + crpHigh + ',' + ildF),
            "mRSS 21, CRP 15 mg/L");
        missing("ssc", c, "crp", Unk, QByteArray(kv("mrss", bare("24")) + ',' + orgF + ',' + ildF),
            "mRSS 24, organ false, ILD false");
        missing("ssc", c, "crp", NotMet, QByteArray(kv("mrss", bare("18")) + ',' + orgF + ',' + ildF),
            "mRSS 18, organ false, ILD false");
        missing(
            "ssc", c, "crp", Met, QByteArray(kv("mrss", bare("24")) + ',' + orgT + ',' + ildF), "mRSS 24, organ true");
        hsctApplicability(
            c, QByteArray(kv("mrss", bare("10")) + ',' + orgF + ',' + crpLow + ',' + ildF), "no severity criterion");
    }

    // SOC-HSCT-LINE-01: failed_lines_count >= 1.
    {
        const char *c = "SOC-HSCT-LINE-01";
        row("ssc", c, "1 line (at threshold)", failed({ str("mycophenolate_mofetil") }), Met);
        row("ssc", c, "2 lines (just inside)", failed({ str("mycophenolate_mofetil"), str("rituximab") }), Met);
        row("ssc", c, "0 lines (empty, just outside)", failed({}), NotMet);
        row("ssc", c, "prednisone + HCQ only = 0 lines", failed({ str("prednisone"), str("hydroxychloroquine") }),
            NotMet);
        row("ssc", c, "failed_therapies absent", obj({ kv("failed_therapies", kAbsent) }), Unk);
        row("ssc", c, "disease SLE, no lines -> not applicable",
            obj({ kv("facts", obj({ kv("disease", str("SLE")) })), kv("failed_therapies", array({})) }), NA);
        row("ssc", c, "disease absent, 2 lines", facts({ kv("disease", kAbsent) }), Met);
        row("ssc", c, "disease absent, 0 lines",
            obj({ kv("facts", obj({ kv("disease", kAbsent) })), kv("failed_therapies", array({})) }), Unk);
    }

    // SOC-HSCT-DUR-01 (caution): disease_duration_years < 5 (months ÷ 12; 60 months = 5 exactly).
    single("ssc", "SOC-HSCT-DUR-01", "disease_duration_years",
        { { "5 (at threshold, strict <)", bare("5"), NotMet }, { "4.9 (just inside)", bare("4.9"), Met },
            { "5.1 (just outside)", bare("5.1"), NotMet }, { "{60 months} (= 5)", q("60", "months"), NotMet },
            { "{59 months} (= 4.92)", q("59", "months"), Met }, { "{4.99 years}", q("4.99", "years"), Met } });
    hsctApplicability("SOC-HSCT-DUR-01", kv("disease_duration_years", bare("6")), "6 years");

    // SOC-HSCT-CARD-01: ssc_cardiac_exclusion_finding == false.
    boolean("ssc", "SOC-HSCT-CARD-01", "ssc_cardiac_exclusion_finding", false);
    hsctApplicability("SOC-HSCT-CARD-01", kv("ssc_cardiac_exclusion_finding", QByteArray("true")), "finding true");

    // SOC-HSCT-PH-01: not (pasp > 40 or mpap > 25). kPa × 7.50062:
    // 5.33 kPa = 39.978 mmHg, 5.34 kPa = 40.053; 3.33 kPa = 24.977, 3.34 kPa = 25.052.
    {
        const char *c = "SOC-HSCT-PH-01";
        row("ssc", c, "PASP 40, mPAP 25 (both at threshold)",
            facts({ kv("pasp", q("40", "mmHg")), kv("mpap", q("25", "mmHg")) }), Met);
        row("ssc", c, "PASP 39.9 (just inside)", facts({ kv("pasp", q("39.9", "mmHg")) }), Met);
        row("ssc", c, "PASP 40.1 (just outside)", facts({ kv("pasp", q("40.1", "mmHg")) }), NotMet);
        row("ssc", c, "PASP 5.33 kPa (= 39.98 mmHg)", facts({ kv("pasp", q("5.33", "kPa")) }), Met);
        row("ssc", c, "PASP 5.34 kPa (= 40.05 mmHg)", facts({ kv("pasp", q("5.34", "kPa")) }), NotMet);
        row("ssc", c, "mPAP 24.9 (just inside)", facts({ kv("mpap", q("24.9", "mmHg")) }), Met);
        row("ssc", c, "mPAP 25.1 (just outside)", facts({ kv("mpap", q("25.1", "mmHg")) }), NotMet);
        row("ssc", c, "mPAP 3.33 kPa (= 24.98 mmHg)", facts({ kv("mpap", q("3.33", "kPa")) }), Met);
        row("ssc", c, "mPAP 3.34 kPa (= 25.05 mmHg)", facts({ kv("mpap", q("3.34", "kPa")) }), NotMet);
        // not (unknown or false) = unknown; not (unknown or true) = false.
        missing("ssc", c, "pasp", Unk);
        missing("ssc", c, "pasp", NotMet, kv("mpap", q("26", "mmHg")), "mPAP 26");
        missing("ssc", c, "mpap", Unk);
        missing("ssc", c, "mpap", NotMet, kv("pasp", q("41", "mmHg")), "PASP 41");
        row("ssc", c, "PASP and mPAP absent (V09b)", facts({ kv("pasp", kAbsent), kv("mpap", kAbsent) }), Unk);
        hsctApplicability(c, kv("pasp", q("44", "mmHg")), "PASP 44");
    }

    // SOC-HSCT-ECOG-01 (caution): ecog <= 1.
    ecogAtMost("ssc", "SOC-HSCT-ECOG-01", 1);
    hsctApplicability("SOC-HSCT-ECOG-01", kv("ecog", bare("2")), "ECOG 2");
}

} // namespace consilium::criteria_rows
