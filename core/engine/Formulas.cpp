// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/Formulas.h"

#include <algorithm>
#include <cmath>

namespace consilium::formulas {

double ckdEpi2021(double scr, double age, bool female) noexcept
{
    // Coefficients from Inker et al. 2021 (NEJM 385:1737), Table/Appendix "CKD-EPI 2021 creatinine".
    const double kappa = female ? 0.7 : 0.9;
    const double alpha = female ? -0.241 : -0.302;
    const double ratio = scr / kappa;
    double egfr = 142.0 * std::pow(std::min(ratio, 1.0), alpha) * std::pow(std::max(ratio, 1.0), -1.200)
        * std::pow(0.9938, age);
    if (female)
        egfr *= 1.012;
    return egfr;
}

double cockcroftGault(double scr, double age, double weight, bool female) noexcept
{
    // (140 - age) × weight / (72 × Scr), × 0.85 for women (Cockcroft & Gault 1976).
    double crcl = (140.0 - age) * weight / (72.0 * scr);
    if (female)
        crcl *= 0.85;
    return crcl;
}

bool easix(double ldh, double secondFactor, double platelets, double &out) noexcept
{
    if (platelets == 0.0)
        return false;
    out = ldh * secondFactor / platelets;
    return true;
}

} // namespace consilium::formulas
