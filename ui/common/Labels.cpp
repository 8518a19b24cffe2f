// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/Labels.h"

#include "rules/RulePack.h"

namespace consilium {

QString Labels::arm(int arm)
{
    switch (arm) {
    case 0:
        return tr("Autologous CAR T");
    case 1:
        return tr("Allogeneic CAR T");
    case 2:
        return tr("Bispecific T-cell engager (TCE)");
    case 3:
        return tr("Standard care");
    default:
        return {};
    }
}

QString Labels::armShort(int arm)
{
    switch (arm) {
    case 0:
        return tr("Autologous\nCAR T");
    case 1:
        return tr("Allogeneic\nCAR T");
    case 2:
        return tr("Bispecific\n(TCE)");
    case 3:
        return tr("Standard\ncare");
    default:
        return {};
    }
}

QString Labels::group(const QString &groupKey)
{
    if (groupKey == QLatin1String("standard_care/ahsct"))
        return tr("Autologous HSCT (within standard care)");
    return arm(armIndex(groupKey));
}

QString Labels::verdict(Verdict v)
{
    switch (v) {
    case Verdict::Eligible:
        return tr("Eligible");
    case Verdict::EligibleWithCautions:
        return tr("Eligible with cautions");
    case Verdict::Undetermined:
        return tr("Undetermined");
    case Verdict::Ineligible:
        return tr("Ineligible");
    case Verdict::NotApplicable:
        return tr("Not applicable");
    }
    return {};
}

QString Labels::verdictFromName(const QString &name)
{
    for (Verdict v : { Verdict::Eligible, Verdict::EligibleWithCautions, Verdict::Undetermined, Verdict::Ineligible,
             Verdict::NotApplicable }) {
        if (name == QLatin1String(toString(v).data()))
            return verdict(v);
    }
    return name.isEmpty() ? tr("not evaluated") : name;
}

QString Labels::verdictIcon(Verdict v)
{
    switch (v) {
    case Verdict::Eligible:
        return QStringLiteral("✓");
    case Verdict::EligibleWithCautions:
        return QStringLiteral("⚠");
    case Verdict::Undetermined:
        return QStringLiteral("?");
    case Verdict::Ineligible:
        return QStringLiteral("✕");
    case Verdict::NotApplicable:
        return QStringLiteral("–");
    }
    return {};
}

QString Labels::state(CriterionState s)
{
    switch (s) {
    case CriterionState::Met:
        return tr("Met");
    case CriterionState::NotMet:
        return tr("Not met");
    case CriterionState::Unknown:
        return tr("Unknown");
    case CriterionState::NotApplicable:
        return tr("Not applicable");
    }
    return {};
}

QString Labels::stateIcon(CriterionState s)
{
    switch (s) {
    case CriterionState::Met:
        return QStringLiteral("✓");
    case CriterionState::NotMet:
        return QStringLiteral("✕");
    case CriterionState::Unknown:
        return QStringLiteral("?");
    case CriterionState::NotApplicable:
        return QStringLiteral("–");
    }
    return {};
}

QString Labels::severity(Severity s)
{
    switch (s) {
    case Severity::Exclusion:
        return tr("Exclusion");
    case Severity::Caution:
        return tr("Caution");
    case Severity::Info:
        return tr("Information");
    }
    return {};
}

QString Labels::variableGroup(const QString &group)
{
    if (group == QLatin1String("demographics"))
        return tr("Demographics");
    if (group == QLatin1String("disease"))
        return tr("Disease and activity");
    if (group == QLatin1String("organ_function"))
        return tr("Organ function");
    if (group == QLatin1String("labs"))
        return tr("Laboratory values");
    if (group == QLatin1String("serology"))
        return tr("Infection and serology");
    if (group == QLatin1String("history"))
        return tr("History");
    if (group == QLatin1String("logistics"))
        return tr("Logistics and access");
    return group;
}

QString Labels::phase(const QString &phase)
{
    static const struct {
        const char *id;
        const char *text;
    } names[] = {
        { "washout", QT_TR_NOOP("Washout") },
        { "leukapheresis", QT_TR_NOOP("Leukapheresis") },
        { "manufacturing", QT_TR_NOOP("Manufacturing") },
        { "bridging", QT_TR_NOOP("Bridging therapy") },
        { "lymphodepletion", QT_TR_NOOP("Lymphodepletion") },
        { "infusion", QT_TR_NOOP("Infusion") },
        { "infusion_course", QT_TR_NOOP("Infusion course") }, // continuous IV over days (options-2026.2.md §C)
        { "injection", QT_TR_NOOP("Injection") }, // a subcutaneous dose (options-2026.2.md §C)
        { "inpatient_monitoring", QT_TR_NOOP("Inpatient monitoring") },
        { "proximity_window", QT_TR_NOOP("Proximity window") },
        { "driving_restriction", QT_TR_NOOP("No driving") },
        { "irradiated_blood_products", QT_TR_NOOP("Irradiated blood products") },
        { "step_up_inpatient", QT_TR_NOOP("Step-up doses (inpatient)") },
        { "maintenance_dose", QT_TR_NOOP("Maintenance dose") },
        { "infection_prophylaxis", QT_TR_NOOP("Infection prophylaxis") },
    };
    for (const auto &n : names) {
        if (phase == QLatin1String(n.id))
            return tr(n.text);
    }
    QString s = phase;
    s.replace(QLatin1Char('_'), QLatin1Char(' '));
    return s;
}

QString Labels::risk(const QString &risk)
{
    static const struct {
        const char *id;
        const char *text;
    } names[] = {
        { "CRS", QT_TR_NOOP("CRS") },
        { "ICANS", QT_TR_NOOP("ICANS") },
        { "ICAHT", QT_TR_NOOP("Low blood counts (ICAHT)") },
        { "Infection", QT_TR_NOOP("Infection") },
        { "LICATS", QT_TR_NOOP("LICATS") },
        { "Hypogammaglobulinaemia", QT_TR_NOOP("Hypogammaglobulinaemia") },
        { "Secondary malignancy", QT_TR_NOOP("Secondary malignancy") },
        { "GvHD", QT_TR_NOOP("GvHD") },
        { "Rejection", QT_TR_NOOP("Rejection") },
        { "TRM", QT_TR_NOOP("Treatment-related mortality") },
        { "Conventional immunosuppression toxicity", QT_TR_NOOP("Immunosuppression toxicity") },
    };
    for (const auto &n : names) {
        if (risk == QLatin1String(n.id))
            return tr(n.text);
    }
    return risk;
}

QString Labels::riskShort(const QString &risk)
{
    if (risk == QLatin1String("ICAHT"))
        return QStringLiteral("ICAHT");
    if (risk == QLatin1String("Hypogammaglobulinaemia"))
        return tr("Low IgG");
    if (risk == QLatin1String("Secondary malignancy"))
        return tr("2nd malignancy");
    if (risk == QLatin1String("TRM"))
        return QStringLiteral("TRM");
    if (risk == QLatin1String("Conventional immunosuppression toxicity"))
        return tr("IS toxicity");
    return Labels::risk(risk);
}

QString Labels::role(const QString &role)
{
    if (role == QLatin1String("rheumatology"))
        return tr("Rheumatology");
    if (role == QLatin1String("cellular_therapy"))
        return tr("Cellular therapy");
    if (role == QLatin1String("infectious_disease"))
        return tr("Infectious diseases");
    if (role == QLatin1String("neurology"))
        return tr("Neurology");
    if (role == QLatin1String("nephrology"))
        return tr("Nephrology");
    if (role == QLatin1String("coordinator"))
        return tr("Coordinator");
    return role;
}

QString Labels::stance(const QString &stance)
{
    if (stance == QLatin1String("agree"))
        return tr("Agree");
    if (stance == QLatin1String("disagree"))
        return tr("Disagree");
    if (stance == QLatin1String("abstain"))
        return tr("Abstain");
    return stance;
}

QString Labels::jurisdiction(const QString &code)
{
    if (code == QLatin1String("EU"))
        return tr("EU");
    if (code == QLatin1String("US"))
        return tr("US");
    return code;
}

QString Labels::notEvaluated()
{
    return tr("not evaluated");
}
QString Labels::unknown()
{
    return tr("unknown");
}

QString Labels::disclaimer()
{
    return tr("Decision support only: the multidisciplinary team is responsible for the decision");
}

} // namespace consilium
