// SPDX-License-Identifier: GPL-3.0-or-later
//
// The boundary rows for every option criterion of the built-in reference pack (pack 2026.2,
// clinical/options-2026.2.md §C, ids OPT-*), in the style of tests/core/CriteriaRows.h and shared by
// tst_criteria_boundaries (states) and tst_explanations (the rendered text in each state).
//
// Every expected state below was derived by hand from the condition and applicability in the §C
// tables (resources/packs/consilium-reference.json `criteria` with an `option` key), the Kleene
// semantics and state rule of docs/result-format.md#four-state-logic, the units of
// docs/case-format.md#units and the derived values of docs/engine.md#derived-values, never by running
// the engine. The rows cover, as in CriteriaRows.h: at the threshold, just inside, just outside,
// another accepted unit and missing (absent, not_evaluated, unknown); compound conditions with each
// operand unknown in turn; the not_applicable side of `applies when` and an unknown applicability
// (met when the condition already holds, otherwise unknown).
//
// Bases (loadOptionBases; the V03 base "ssc" does not satisfy the single-disease applicabilities):
//   "sleo": base "sle" (EU, female SLE, 45 y, 80 kg, creatinine 0.9 mg/dL, failed MMF + rituximab = 2
//           lines, no glucocorticoid) with SLEDAI-2K 10 and CD19⁺ B cells 120/µL;
//   "sps" : base "ssc" with disease SPS (KYSA-8);   "mg": base "ssc" with disease MG (AURORA).
#pragma once

#include "CriteriaRows.h"

namespace consilium::criteria_rows {

// The bases of the option rows, derived from "ssc" and "sle" (loadBases must have run).
inline bool loadOptionBases(QHash<QString, QJsonObject> &bases, QString &error)
{
    const struct {
        const char *name;
        const char *from;
        QByteArray patch;
    } derived[] = {
        { "sleo", "sle", facts({ kv("sledai_2k", bare("10")), kv("cd19_b_cells", q("120", "/uL")) }) },
        { "sps", "ssc", facts({ kv("disease", str("SPS")) }) },
        { "mg", "ssc", facts({ kv("disease", str("MG")) }) },
    };
    for (const auto &d : derived) {
        QJsonObject p;
        if (!parsePatch(d.patch, p, error))
            return false;
        bases.insert(QLatin1String(d.name), applyPatch(bases.value(QLatin1String(d.from)), p));
    }
    return true;
}

// Criteria whose only input is the case's jurisdiction, which every case must carry
// (docs/case-format.md): they are never unknown, so the coverage checks do not ask for that state.
inline bool neverUnknown(const QString &id)
{
    return id == QLatin1String("OPT-OBECEL-SITE-01");
}

// A patch of fact members (pre-joined "k":v pairs, may be empty) and top-level members (may be empty).
inline QByteArray patchOf(const QByteArray &factMembers, const QByteArray &topMembers = QByteArray())
{
    return obj({ factMembers.isEmpty() ? QByteArray() : kv("facts", obj({ factMembers })), topMembers });
}

// Value rows without the missing rows (compound criteria add those per operand).
inline void values(const char *base, const char *crit, const char *fact, std::initializer_list<ValueCase> vals)
{
    for (const ValueCase &v : vals)
        row(base, crit, QByteArray(fact) + ' ' + v.label, facts({ kv(fact, v.json) }), v.expected);
}

// `applies when disease …`: a failing value on a base outside the applicability is not_applicable;
// with disease unknown, (not unknown) or C is unknown when C is false and met when C is true (the base's
// value, or passFacts/passTop where the base itself does not satisfy C).
inline void appliesDisease(const char *base, const char *naBase, const char *crit, const QByteArray &failFacts,
    const QByteArray &failTop, const char *failLabel, const QByteArray &passFacts = QByteArray(),
    const QByteArray &passTop = QByteArray())
{
    const QByteArray label(failLabel);
    row(naBase, crit, label + " on base " + naBase + " -> not applicable", patchOf(failFacts, failTop), NA);
    const QByteArray absent = kv("disease", kAbsent);
    const QByteArray notEval = kv("disease", kNotEvaluated);
    row(base, crit, "disease absent, " + label + " (applicability unknown, condition false)",
        patchOf(failFacts.isEmpty() ? absent : absent + ',' + failFacts, failTop), Unk);
    row(base, crit, "disease not_evaluated, " + label,
        patchOf(failFacts.isEmpty() ? notEval : notEval + ',' + failFacts, failTop), Unk);
    row(base, crit, "disease absent (applicability unknown, condition true)",
        patchOf(passFacts.isEmpty() ? absent : absent + ',' + passFacts, passTop), Met);
}

// `disease in [...]` / `disease == ...` without applicability: every listed value met, others not_met.
inline void diseaseGate(
    const char *crit, std::initializer_list<const char *> in, std::initializer_list<const char *> out)
{
    for (const char *d : in)
        row("ssc", crit, QByteArray("disease ") + d + " (listed)", facts({ kv("disease", str(d)) }), Met);
    for (const char *d : out)
        row("ssc", crit, QByteArray("disease ") + d + " (not listed)", facts({ kv("disease", str(d)) }), NotMet);
    missing("ssc", crit, "disease", Unk);
}

// `failed_lines_count >= n` (n = 1, 2, 3) on a base whose own count is 2 (MMF, rituximab). §3.8: distinct
// agents of failed_therapies; classes gc and none (prednisone, HCQ) not counted; ivig and plasma_exchange count.
inline void failedLinesAtLeast(const char *base, const char *crit, int n)
{
    const QByteArray mmf = str("mycophenolate_mofetil"), rtx = str("rituximab"), cyc = str("cyclophosphamide");
    const QByteArray tcz = str("tocilizumab"), gc = str("prednisone"), hcq = str("hydroxychloroquine");
    const auto st = [n](int lines) { return lines >= n ? Met : NotMet; };
    row(base, crit, "0 lines (empty failed_therapies)", failed({}), st(0));
    row(base, crit, "1 line (MMF)", failed({ mmf }), st(1));
    row(base, crit, "2 lines (MMF, rituximab)", failed({ mmf, rtx }), st(2));
    row(base, crit, "3 lines (MMF, rituximab, cyclophosphamide)", failed({ mmf, rtx, cyc }), st(3));
    row(base, crit, "4 lines (+ tocilizumab)", failed({ mmf, rtx, cyc, tcz }), st(4));
    row(base, crit, "prednisone + HCQ only = 0 lines (gc and none not counted)", failed({ gc, hcq }), st(0));
    row(base, crit, "MMF, rituximab, cyclophosphamide + prednisone + HCQ = 3 lines", failed({ mmf, rtx, cyc, gc, hcq }),
        st(3));
    row(base, crit, "ivig = 1 line", failed({ str("ivig") }), st(1));
    row(base, crit, "rituximab listed twice = 1 distinct line", failed({ rtx, rtx }), st(1));
    row(base, crit, "failed_therapies absent", obj({ kv("failed_therapies", kAbsent) }), Unk);
}

// A prednisone course on 2026-11-24 (V03 as_of 2026-11-25: inside the 7-day window of §3.6), as the
// medications member and as a patch.
inline QByteArray prednisoneMember(const char *mg)
{
    return kv(
        "medications", array({ med("mycophenolate_mofetil", "2026-10-20"), med("prednisone", "2026-11-24", mg) }));
}

inline QByteArray prednisone(const char *mg)
{
    return obj({ prednisoneMember(mg) });
}

// `pred_eq_daily_mg <= limit` (OPT-D08-GC-01 40, OPT-BLINA-GC-01 20). §3.6: Σ dose × 5 / equivalent mg
// (prednisone 5, methylprednisolone 4); a glucocorticoid counts when last_dose ≥ as_of − 7 days.
inline void prednisoneAtMost(const char *base, const char *crit, const char *at, const char *in, const char *out,
    const char *methylAt, const char *methylOut)
{
    row(base, crit, QByteArray("prednisone ") + at + " mg (at threshold)", prednisone(at), Met);
    row(base, crit, QByteArray("prednisone ") + in + " mg (just inside)", prednisone(in), Met);
    row(base, crit, QByteArray("prednisone ") + out + " mg (just outside)", prednisone(out), NotMet);
    row(base, crit, QByteArray("methylprednisolone ") + methylAt + " mg (= threshold prednisone-equivalent)",
        meds({ med("methylprednisolone", "2026-11-24", methylAt) }), Met);
    row(base, crit, QByteArray("methylprednisolone ") + methylOut + " mg (above the threshold)",
        meds({ med("methylprednisolone", "2026-11-24", methylOut) }), NotMet);
    row(base, crit, QByteArray("prednisone ") + out + " mg last taken 2026-11-17 (outside the 7-day window: 0 mg)",
        meds({ med("prednisone", "2026-11-17", out) }), Met);
    row(base, crit, QByteArray("prednisone ") + out + " mg without last_dose (current, §3.6)",
        meds({ med("prednisone", nullptr, out) }), NotMet);
    row(base, crit, "medications absent (prednisone-equivalent unknown)", obj({ kv("medications", kAbsent) }), Unk);
}

// `sledai_2k >= n` applying to SLE (bare points; SLEDAI-2K has no unit list, §1a).
inline void sledaiAtLeast(const char *crit, int n)
{
    const QByteArray at = QByteArray::number(n), in = QByteArray::number(n + 1);
    const QByteArray out = QByteArray::number(n - 1), outHalf = QByteArray::number(n - 0.5, 'f', 1);
    single("sleo", crit, "sledai_2k",
        { { "at threshold", at, Met }, { "just inside", in, Met }, { "just outside", out, NotMet },
            { "half a point below", outHalf, NotMet } });
    appliesDisease("sleo", "ssc", crit, kv("sledai_2k", bare("2")), QByteArray(), "SLEDAI-2K 2");
}

// `cd19_b_cells >= 25` /µL applying to SLE (§C.0: /uL × 1, 10^9/L × 1000; 0.025 × 1000 = 25).
inline void bCellsAtLeast25(const char *crit)
{
    single("sleo", crit, "cd19_b_cells",
        { { "25 /uL (at threshold)", q("25", "/uL"), Met }, { "25.5 /uL (just inside)", q("25.5", "/uL"), Met },
            { "24.9 /uL (just outside)", q("24.9", "/uL"), NotMet },
            { "0.025 10^9/L (= 25)", q("0.025", "10^9/L"), Met },
            { "0.024 10^9/L (= 24)", q("0.024", "10^9/L"), NotMet },
            { "0 /uL (after anti-CD20)", q("0", "/uL"), NotMet },
            { "25 /(micro sign)L (micro sign normalised to u)", q("25", "/\xC2\xB5L"), Met } });
    appliesDisease("sleo", "ssc", crit, kv("cd19_b_cells", q("10", "/uL")), QByteArray(), "CD19 10/uL");
}

// `egfr_ckd_epi_2021 >= 30` applying to SLE, base "sleo" (female, 45 y). CKD-EPI 2021 (§3.1), female,
// Scr > 0.7: 142 × (Scr/0.7)^-1.2 × 0.9938^45 × 1.012 = 108.62 × (Scr/0.7)^-1.2 (0.9938^45 = 0.75588):
//   2.045 mg/dL: ratio 2.92143, ^-1.2 = exp(-1.2 × 1.07208) = 0.27620 → 30.006; 2.046: 0.27604 → 29.988;
//   180.8 umol/L ÷ 88.42 = 2.04479 mg/dL → 30.010; 180.9 umol/L = 2.04592 mg/dL → 29.990.
inline void sleEgfrAtLeast30(const char *crit)
{
    const char *b = "sleo";
    values(b, crit, "creatinine",
        { { "2.045 mg/dL (eGFR 30.006, at threshold from above)", q("2.045", "mg/dL"), Met },
            { "2.046 mg/dL (eGFR 29.988, at threshold from below)", q("2.046", "mg/dL"), NotMet },
            { "2.0 mg/dL (eGFR 30.82, just inside)", q("2.0", "mg/dL"), Met },
            { "2.1 mg/dL (eGFR 29.07, just outside)", q("2.1", "mg/dL"), NotMet },
            { "180.8 umol/L (eGFR 30.010)", q("180.8", "umol/L"), Met },
            { "180.9 umol/L (eGFR 29.990)", q("180.9", "umol/L"), NotMet } });
    missing(b, crit, "creatinine", Unk);
    row(b, crit, "age_years absent (eGFR unknown)", facts({ kv("age_years", kAbsent) }), Unk);
    row(b, crit, "sex not_evaluated (eGFR unknown)", facts({ kv("sex", kNotEvaluated) }), Unk);
    appliesDisease(b, "ssc", crit, kv("creatinine", q("3.0", "mg/dL")), QByteArray(), "creatinine 3.0 mg/dL");
}

// `alt_x_uln <= x and ast_x_uln <= x` applying to SLE (x = 3 BRASLE, 2.5 CLN-978); only xULN accepted.
inline void sleTransaminasesAtMost(const char *crit, const char *at, const char *in, const char *out)
{
    const char *b = "sleo";
    const QByteArray label(at);
    row(b, crit, "ALT " + label + ", AST " + label + " xULN (both at threshold)",
        facts({ kv("alt_x_uln", q(at, "xULN")), kv("ast_x_uln", q(at, "xULN")) }), Met);
    values(b, crit, "alt_x_uln", { { "just inside", q(in, "xULN"), Met }, { "just outside", q(out, "xULN"), NotMet } });
    values(b, crit, "ast_x_uln", { { "just inside", q(in, "xULN"), Met }, { "just outside", q(out, "xULN"), NotMet } });
    missing(b, crit, "alt_x_uln", Unk);
    missing(b, crit, "alt_x_uln", NotMet, kv("ast_x_uln", q("5", "xULN")), "AST 5 (false and unknown)");
    missing(b, crit, "ast_x_uln", Unk);
    missing(b, crit, "ast_x_uln", NotMet, kv("alt_x_uln", q("5", "xULN")), "ALT 5 (false and unknown)");
    appliesDisease(b, "ssc", crit, kv("alt_x_uln", q("5", "xULN")), QByteArray(), "ALT 5 xULN");
}

// `anc >= ancMin and alc >= 0.5 and hemoglobin >= 8.0 and platelets >= 75` applying to SLE
// (OPT-BLINA-HEM-01 ancMin 0.5, OPT-CLN978-HEM-01 ancMin 1.0). Base "sleo": ANC 4.1, ALC 1.4, Hb 13.6, plt 260.
inline void sleBloodCounts(const char *crit, const char *ancAt, const char *ancOut, const char *ancUl)
{
    const char *b = "sleo";
    values(b, crit, "anc",
        { { "at threshold (10^9/L)", q(ancAt, "10^9/L"), Met }, { "just outside", q(ancOut, "10^9/L"), NotMet },
            { "at threshold in /uL", q(ancUl, "/uL"), Met } });
    values(b, crit, "alc",
        { { "0.5 10^9/L (at threshold)", q("0.5", "10^9/L"), Met }, { "0.49 10^9/L", q("0.49", "10^9/L"), NotMet },
            { "500 /uL (= 0.5)", q("500", "/uL"), Met }, { "499 /uL", q("499", "/uL"), NotMet } });
    values(b, crit, "hemoglobin",
        { { "8.0 g/dL (at threshold)", q("8.0", "g/dL"), Met }, { "7.9 g/dL", q("7.9", "g/dL"), NotMet },
            { "80 g/L (= 8.0)", q("80", "g/L"), Met }, { "79 g/L", q("79", "g/L"), NotMet } });
    values(b, crit, "platelets",
        { { "75 10^9/L (at threshold)", q("75", "10^9/L"), Met }, { "74.9 10^9/L", q("74.9", "10^9/L"), NotMet },
            { "75000 /uL (= 75)", q("75000", "/uL"), Met }, { "75 10^3/uL", q("75", "10^3/uL"), Met } });
    conjunction(b, crit,
        { { "anc", q(ancAt, "10^9/L"), q(ancOut, "10^9/L") }, { "alc", q("0.5", "10^9/L"), q("0.49", "10^9/L") },
            { "hemoglobin", q("8.0", "g/dL"), q("7.9", "g/dL") },
            { "platelets", q("75", "10^9/L"), q("74.9", "10^9/L") } });
    appliesDisease(b, "ssc", crit, kv("platelets", q("60", "10^9/L")), QByteArray(), "platelets 60");
}

// ---- §C.1 autologous_car_t options (14 criteria) -------------------------------------------------

inline void autologousOptionRows()
{
    stateColumns();

    diseaseGate("OPT-ZORPO-DIS-01", { "SLE", "SSc", "IIM" }, { "SPS", "MG", "AAV", "other" });
    diseaseGate("OPT-RESE-DIS-01", { "SSc", "IIM", "SLE" }, { "SPS", "MG", "AAV" });

    // OPT-RESE-AGE-01: age_years <= 75 applying to SSc and IIM (base "ssc"; "iim" also applies).
    single("ssc", "OPT-RESE-AGE-01", "age_years",
        { { "75 (at threshold)", bare("75"), Met }, { "74.9 (just inside)", bare("74.9"), Met },
            { "75.1 (just outside)", bare("75.1"), NotMet }, { "{75 years} (unit object)", q("75", "years"), Met },
            { "{75.1 years} (unit object)", q("75.1", "years"), NotMet } });
    row("iim", "OPT-RESE-AGE-01", "IIM, age 76", facts({ kv("age_years", bare("76")) }), NotMet);
    appliesDisease("ssc", "sle", "OPT-RESE-AGE-01", kv("age_years", bare("80")), QByteArray(), "age 80");

    // OPT-RESE-AGE-02 (caution): age_years <= 65 applying to SLE.
    single("sle", "OPT-RESE-AGE-02", "age_years",
        { { "65 (at threshold)", bare("65"), Met }, { "64.9 (just inside)", bare("64.9"), Met },
            { "65.1 (just outside)", bare("65.1"), NotMet },
            { "{65.1 years} (unit object)", q("65.1", "years"), NotMet } });
    appliesDisease("sle", "ssc", "OPT-RESE-AGE-02", kv("age_years", bare("70")), QByteArray(), "age 70");

    // OPT-RESE-DUR-01: disease_duration_years <= 7 applying to SSc; months ÷ 12 (84 months = 7 y exactly).
    single("ssc", "OPT-RESE-DUR-01", "disease_duration_years",
        { { "7 (at threshold)", bare("7"), Met }, { "6.9 (just inside)", bare("6.9"), Met },
            { "7.1 (just outside)", bare("7.1"), NotMet }, { "{84 months} (= 7 y)", q("84", "months"), Met },
            { "{85 months} (= 7.08 y)", q("85", "months"), NotMet }, { "{8 years}", q("8", "years"), NotMet } });
    appliesDisease(
        "ssc", "iim", "OPT-RESE-DUR-01", kv("disease_duration_years", bare("10")), QByteArray(), "duration 10 y");

    diseaseGate("OPT-KYSA8-DIS-01", { "SPS" }, { "SSc", "MG", "SLE" });

    // OPT-KYSA8-AGE-01: age_years >= 18 and age_years <= 75 applying to SPS (base "sps", 45 y).
    single("sps", "OPT-KYSA8-AGE-01", "age_years",
        { { "18 (lower threshold)", bare("18"), Met }, { "18.1 (just inside)", bare("18.1"), Met },
            { "17.9 (just outside)", bare("17.9"), NotMet }, { "75 (upper threshold)", bare("75"), Met },
            { "74.9 (just inside)", bare("74.9"), Met }, { "75.1 (just outside)", bare("75.1"), NotMet },
            { "{75 years} (unit object)", q("75", "years"), Met } });
    appliesDisease("sps", "ssc", "OPT-KYSA8-AGE-01", kv("age_years", bare("80")), QByteArray(), "age 80");

    // OPT-KYSA8-REF-01: failed_lines_count >= 1 applying to SPS (IVIG counts, §3.8).
    failedLinesAtLeast("sps", "OPT-KYSA8-REF-01", 1);
    appliesDisease("sps", "ssc", "OPT-KYSA8-REF-01", QByteArray(), kv("failed_therapies", array({})), "0 lines");

    // OPT-KYSA8-CARD-01: lvef > 40 (strict) applying to SPS; only % accepted.
    single("sps", "OPT-KYSA8-CARD-01", "lvef",
        { { "40 % (at threshold, strict >)", q("40", "%"), NotMet }, { "40.1 % (just inside)", q("40.1", "%"), Met },
            { "39.9 % (just outside)", q("39.9", "%"), NotMet }, { "43 % (E02)", q("43", "%"), Met } });
    appliesDisease("sps", "ssc", "OPT-KYSA8-CARD-01", kv("lvef", q("30", "%")), QByteArray(), "LVEF 30%");

    diseaseGate("OPT-OBECEL-DIS-01", { "SLE" }, { "SSc", "IIM", "SPS" });
    sledaiAtLeast("OPT-OBECEL-SLEDAI-01", 8);

    // OPT-OBECEL-SITE-01 (info): jurisdiction == "EU". The case's jurisdiction is required
    // (docs/case-format.md), so this criterion is never unknown.
    row("sle", "OPT-OBECEL-SITE-01", "jurisdiction EU", QByteArray("{}"), Met);
    row("ssc", "OPT-OBECEL-SITE-01", "jurisdiction US", QByteArray("{}"), NotMet);
    row("ssc", "OPT-OBECEL-SITE-01", "jurisdiction set to EU", obj({ kv("jurisdiction", str("EU")) }), Met);

    diseaseGate("OPT-D08-DIS-01", { "MG" }, { "SSc", "SLE", "SPS", "NMOSD" });
    // OPT-D08-GC-01: pred_eq_daily_mg <= 40 applying to MG; methylprednisolone 32 mg × 5/4 = 40.
    prednisoneAtMost("mg", "OPT-D08-GC-01", "40", "39.5", "40.5", "32", "33");
    appliesDisease("mg", "ssc", "OPT-D08-GC-01", QByteArray(), prednisoneMember("50"), "prednisone 50 mg");
}

// ---- §C.2 allogeneic_car_t options (11 criteria) ---------------------------------------------------

// OPT-ALLO329-RENAL-01: crcl_cockcroft_gault >= 50, base "ssc" (male, 45 y, 80 kg). Cockcroft-Gault (§3.2):
// (140 − 45) × 80 / (72 × Scr) = 7600 / (72 × Scr): 2.111 mg/dL → 50.003, 2.112 → 49.979, 2.10 → 50.26,
// 2.15 → 49.10; 186.6 umol/L ÷ 88.42 = 2.11038 → 50.017, 186.8 umol/L = 2.11264 → 49.964;
// creatinine 0.9: 95 × w / 64.8, weight 34.2 kg → 50.14, 34.1 kg → 49.99.
inline void crclAtLeast50(const char *crit)
{
    const char *b = "ssc";
    values(b, crit, "creatinine",
        { { "2.111 mg/dL (CrCl 50.003, at threshold from above)", q("2.111", "mg/dL"), Met },
            { "2.112 mg/dL (CrCl 49.979, at threshold from below)", q("2.112", "mg/dL"), NotMet },
            { "2.10 mg/dL (CrCl 50.26, just inside)", q("2.10", "mg/dL"), Met },
            { "2.15 mg/dL (CrCl 49.10, just outside)", q("2.15", "mg/dL"), NotMet },
            { "186.6 umol/L (CrCl 50.017)", q("186.6", "umol/L"), Met },
            { "186.8 umol/L (CrCl 49.964)", q("186.8", "umol/L"), NotMet } });
    values(b, crit, "weight",
        { { "34.2 kg (CrCl 50.14)", q("34.2", "kg"), Met }, { "34.1 kg (CrCl 49.99)", q("34.1", "kg"), NotMet } });
    missing(b, crit, "creatinine", Unk);
    missing(b, crit, "weight", Unk);
    row(b, crit, "age_years absent (CrCl unknown)", facts({ kv("age_years", kAbsent) }), Unk);
    row(b, crit, "sex absent (CrCl unknown)", facts({ kv("sex", kAbsent) }), Unk);
}

inline void allogeneicOptionRows()
{
    stateColumns();

    diseaseGate("OPT-ALLO329-DIS-01", { "SLE", "IIM", "SSc" }, { "AAV", "MG", "SPS" });
    // OPT-ALLO329-AGE-01: age_years >= 18 and age_years < 70 (strict upper limit), no applicability.
    single("ssc", "OPT-ALLO329-AGE-01", "age_years",
        { { "18 (lower threshold)", bare("18"), Met }, { "17.9 (just outside)", bare("17.9"), NotMet },
            { "69.9 (just inside)", bare("69.9"), Met }, { "70 (upper threshold, strict <)", bare("70"), NotMet },
            { "{70 years} (unit object)", q("70", "years"), NotMet },
            { "{69.9 years} (unit object)", q("69.9", "years"), Met } });
    failedLinesAtLeast("ssc", "OPT-ALLO329-REF-01", 1);
    crclAtLeast50("OPT-ALLO329-RENAL-01");
    single("ssc", "OPT-ALLO329-HEM-01", "platelets",
        { { "75 10^9/L (at threshold)", q("75", "10^9/L"), Met },
            { "75.5 10^9/L (just inside)", q("75.5", "10^9/L"), Met },
            { "74.9 10^9/L (just outside)", q("74.9", "10^9/L"), NotMet },
            { "60 10^9/L (E01)", q("60", "10^9/L"), NotMet }, { "75000 /uL (= 75)", q("75000", "/uL"), Met },
            { "74900 /uL (= 74.9)", q("74900", "/uL"), NotMet }, { "75 10^3/uL", q("75", "10^3/uL"), Met } });
    single("ssc", "OPT-ALLO329-HEM-02", "alc",
        { { "1.0 10^9/L (at threshold)", q("1.0", "10^9/L"), Met },
            { "1.01 10^9/L (just inside)", q("1.01", "10^9/L"), Met },
            { "0.99 10^9/L (just outside)", q("0.99", "10^9/L"), NotMet },
            { "1000 /uL (= 1.0)", q("1000", "/uL"), Met }, { "999 /uL (= 0.999)", q("999", "/uL"), NotMet },
            { "1.0 10^3/uL", q("1.0", "10^3/uL"), Met } });

    diseaseGate("OPT-FT819-DIS-01", { "SLE", "AAV", "IIM", "SSc" }, { "MG", "SPS", "RA" });
    // OPT-FT819-AGE-01: age_years <= 45 applying to SLE (base "sle" is 45 y: at threshold).
    single("sle", "OPT-FT819-AGE-01", "age_years",
        { { "45 (at threshold)", bare("45"), Met }, { "44.9 (just inside)", bare("44.9"), Met },
            { "45.1 (just outside)", bare("45.1"), NotMet },
            { "{45.1 years} (unit object)", q("45.1", "years"), NotMet } });
    appliesDisease("sle", "ssc", "OPT-FT819-AGE-01", kv("age_years", bare("60")), QByteArray(), "age 60");
    // OPT-FT819-AGE-02 (caution): age_years < 40 (strict) applying to SLE.
    single("sle", "OPT-FT819-AGE-02", "age_years",
        { { "40 (at threshold, strict <)", bare("40"), NotMet }, { "39.9 (just inside)", bare("39.9"), Met },
            { "40.1 (just outside)", bare("40.1"), NotMet },
            { "{39.9 years} (unit object)", q("39.9", "years"), Met } });
    // The base's 45 y is not < 40: the met row of an unknown applicability uses 30 y.
    appliesDisease("sle", "ssc", "OPT-FT819-AGE-02", kv("age_years", bare("45")), QByteArray(), "age 45",
        kv("age_years", bare("30")));
    sledaiAtLeast("OPT-FT819-SLEDAI-01", 8);
    // OPT-FT819-WT-01: weight >= 50 kg applying to SLE; g ÷ 1000, lb × 0.45359237 (110.24 lb = 50.004 kg,
    // 110.22 lb = 49.995 kg).
    single("sle", "OPT-FT819-WT-01", "weight",
        { { "50 kg (at threshold)", q("50", "kg"), Met }, { "50.1 kg (just inside)", q("50.1", "kg"), Met },
            { "49.9 kg (just outside)", q("49.9", "kg"), NotMet }, { "48 kg (E06)", q("48", "kg"), NotMet },
            { "50000 g (= 50 kg)", q("50000", "g"), Met }, { "49900 g", q("49900", "g"), NotMet },
            { "110.24 lb (= 50.004 kg)", q("110.24", "lb"), Met },
            { "110.22 lb (= 49.995 kg)", q("110.22", "lb"), NotMet } });
    appliesDisease("sle", "ssc", "OPT-FT819-WT-01", kv("weight", q("40", "kg")), QByteArray(), "weight 40 kg");
}

// ---- §C.3 bispecific_tce options (21 criteria) -----------------------------------------------------

inline void blinatumomabRows()
{
    diseaseGate("OPT-BLINA-DIS-01", { "SLE" }, { "SSc", "RA", "IIM" });
    // OPT-BLINA-AGE-01: age_years >= 5 applying to SLE (children and adults).
    single("sleo", "OPT-BLINA-AGE-01", "age_years",
        { { "5 (at threshold)", bare("5"), Met }, { "5.1 (just inside)", bare("5.1"), Met },
            { "4.9 (just outside)", bare("4.9"), NotMet }, { "{5 years} (unit object)", q("5", "years"), Met } });
    appliesDisease("sleo", "ssc", "OPT-BLINA-AGE-01", kv("age_years", bare("4")), QByteArray(), "age 4");
    failedLinesAtLeast("sleo", "OPT-BLINA-REF-01", 1);
    appliesDisease("sleo", "ssc", "OPT-BLINA-REF-01", QByteArray(), kv("failed_therapies", array({})), "0 lines");
    failedLinesAtLeast("sleo", "OPT-BLINA-REF-02", 3);
    // The base's 2 lines do not reach 3: the met row of an unknown applicability uses 3 lines.
    appliesDisease("sleo", "ssc", "OPT-BLINA-REF-02", QByteArray(), kv("failed_therapies", array({ str("rituximab") })),
        "1 line", QByteArray(),
        kv("failed_therapies", array({ str("mycophenolate_mofetil"), str("rituximab"), str("cyclophosphamide") })));
    sledaiAtLeast("OPT-BLINA-SLEDAI-01", 6);
    // OPT-BLINA-GC-01: pred_eq_daily_mg <= 20 applying to SLE; methylprednisolone 16 mg × 5/4 = 20.
    prednisoneAtMost("sleo", "OPT-BLINA-GC-01", "20", "19.5", "20.5", "16", "17");
    appliesDisease("sleo", "ssc", "OPT-BLINA-GC-01", QByteArray(), prednisoneMember("25"), "prednisone 25 mg");
    bCellsAtLeast25("OPT-BLINA-BCELL-01");
    sleBloodCounts("OPT-BLINA-HEM-01", "0.5", "0.49", "500");
    // OPT-BLINA-CARD-01: lvef >= 55 applying to SLE.
    single("sleo", "OPT-BLINA-CARD-01", "lvef",
        { { "55 % (at threshold)", q("55", "%"), Met }, { "55.1 % (just inside)", q("55.1", "%"), Met },
            { "54.9 % (just outside)", q("54.9", "%"), NotMet } });
    appliesDisease("sleo", "ssc", "OPT-BLINA-CARD-01", kv("lvef", q("40", "%")), QByteArray(), "LVEF 40%");
    sleEgfrAtLeast30("OPT-BLINA-RENAL-01");
    sleTransaminasesAtMost("OPT-BLINA-HEP-01", "3", "2.99", "3.01");
    // OPT-BLINA-PULM-01: spo2 >= 92 applying to SLE.
    single("sleo", "OPT-BLINA-PULM-01", "spo2",
        { { "92 % (at threshold)", q("92", "%"), Met }, { "92.1 % (just inside)", q("92.1", "%"), Met },
            { "91.9 % (just outside)", q("91.9", "%"), NotMet } });
    appliesDisease("sleo", "ssc", "OPT-BLINA-PULM-01", kv("spo2", q("85", "%")), QByteArray(), "SpO2 85%");
}

inline void cln978Rows()
{
    diseaseGate("OPT-CLN978-DIS-01", { "SLE" }, { "SSc", "RA", "AAV" });
    failedLinesAtLeast("sleo", "OPT-CLN978-REF-01", 1);
    appliesDisease("sleo", "ssc", "OPT-CLN978-REF-01", QByteArray(), kv("failed_therapies", array({})), "0 lines");
    failedLinesAtLeast("sleo", "OPT-CLN978-REF-02", 2);
    appliesDisease("sleo", "ssc", "OPT-CLN978-REF-02", QByteArray(),
        kv("failed_therapies", array({ str("rituximab") })), "1 line");
    sledaiAtLeast("OPT-CLN978-SLEDAI-01", 6);
    sledaiAtLeast("OPT-CLN978-SLEDAI-02", 8);
    bCellsAtLeast25("OPT-CLN978-BCELL-01");
    sleBloodCounts("OPT-CLN978-HEM-01", "1.0", "0.99", "1000");
    sleEgfrAtLeast30("OPT-CLN978-RENAL-01");
    sleTransaminasesAtMost("OPT-CLN978-HEP-01", "2.5", "2.49", "2.51");
}

inline void bispecificOptionRows()
{
    stateColumns();
    blinatumomabRows();
    cln978Rows();
}

} // namespace consilium::criteria_rows
