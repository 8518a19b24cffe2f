// SPDX-License-Identifier: GPL-3.0-or-later
// Published formulas, in canonical units. Their coefficients are part of the published
// formula and live here with the citation; every clinical threshold lives in the rule pack.
#pragma once

namespace consilium::formulas {

// CKD-EPI 2021 creatinine equation (race-free).
// Inker LA et al. New creatinine- and cystatin C-based equations to estimate GFR without race.
// N Engl J Med 2021;385:1737-1749. Scr in mg/dL, age in years; result mL/min/1.73 m².
double ckdEpi2021(double creatinineMgDl, double ageYears, bool female) noexcept;

// Cockcroft DW, Gault MH. Prediction of creatinine clearance from serum creatinine.
// Nephron 1976;16:31-41. Actual body weight in kg, Scr in mg/dL; result mL/min (not BSA-normalised).
double cockcroftGault(double creatinineMgDl, double ageYears, double weightKg, bool female) noexcept;

// EASIX = LDH (U/L) × creatinine (mg/dL) / platelets (10^9/L); m-EASIX uses CRP (mg/dL) instead
// of creatinine. Pennisi M et al. Blood Adv 2021;5:3397. Undefined (returns false) when platelets = 0.
bool easix(double ldh, double secondFactor, double platelets, double &out) noexcept;

} // namespace consilium::formulas
