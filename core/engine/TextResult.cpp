// SPDX-License-Identifier: GPL-3.0-or-later
// resultText: the readable report of `consilium-cli evaluate --format text` (docs/cli.md).
#include "engine/ResultWriter.h"

namespace consilium {

namespace {

// "eGFR: unknown (Serum creatinine missing)": an unknown value says why.
void appendDerivedLines(QString &out, const Evaluation &e)
{
    const RulePack &pack = e.pack();
    auto derivedLine = [&](const DerivedDef &def, QString v) {
        if (const QString why = e.unknownReason(def.slot); !why.isEmpty())
            v += QStringLiteral(" (") + why + QLatin1Char(')');
        out += QStringLiteral("  %1: %2\n").arg(def.label, v);
    };
    for (const DerivedDef &def : pack.derived()) {
        if (def.type == ValueType::Date || def.type == ValueType::Bool)
            continue;
        QString v = e.displayValue(def.slot);
        if (!def.unit.isEmpty() && e.isKnown(def.slot) && def.type != ValueType::Enum)
            v += QLatin1Char(' ') + def.unit;
        derivedLine(def, v);
    }
    for (const DerivedDef &def : pack.derived()) {
        if (def.type == ValueType::Date)
            derivedLine(def, e.displayValue(def.slot));
    }
}

// An arm's options, eligible first: verdict, the criteria that decide it, missing inputs, earliest
// start and the screening note (docs/result-format.md#options).
void appendOptionLines(QString &out, const Evaluation &e, Arm arm)
{
    const RulePack &pack = e.pack();
    auto line = [&out](const QString &s) { out += s + QLatin1Char('\n'); };
    const std::vector<int> options = e.optionsOf(arm);
    if (options.empty())
        return;
    line(QStringLiteral("  Options:"));
    for (int o : options) {
        const OptionDef &opt = e.optionDef(o);
        const GroupResult &r = e.option(o);
        line(QStringLiteral("  - %1 (%2, %3): %4").arg(opt.label, opt.id, opt.kind, verdictLabel(r.verdict).toUpper()));
        for (int ci : r.deciding) {
            const Criterion &cr = pack.criteria()[std::size_t(ci)];
            line(QStringLiteral("      [%1 %2] %3")
                     .arg(cr.id, QString::fromLatin1(toString(cr.severity).data()), e.explanation(ci)));
        }
        if (!r.missingInputs.isEmpty())
            line(QStringLiteral("      Missing inputs: %1").arg(r.missingInputs.join(QStringLiteral(", "))));
        const auto &start = e.optionEarliestStart(o);
        line(QStringLiteral("      Earliest start: %1")
                 .arg(start ? start->toString(Qt::ISODate) : QStringLiteral("unknown")));
        if (!opt.screeningNote.isEmpty())
            line(QStringLiteral("      Not encoded (check at screening): %1").arg(opt.screeningNote));
    }
}

void appendGroupLines(QString &out, const Engine &engine, const Evaluation &e, std::size_t g)
{
    const RulePack &pack = e.pack();
    auto line = [&out](const QString &s) { out += s + QLatin1Char('\n'); };
    const VerdictGroup &group = engine.groups()[g];
    const GroupResult &r = e.group(int(g));
    const ArmDef &arm = pack.arms()[std::size_t(group.arm)];
    const QString title = group.subOption < 0
        ? arm.label
        : arm.label + QStringLiteral(" / ") + arm.subOptions[std::size_t(group.subOption)].label;
    QString verdict = verdictLabel(r.verdict);
    if (r.verdict == Verdict::Eligible && r.cautionsUnknown > 0)
        verdict += (r.cautionsUnknown == 1 ? QStringLiteral(", %1 caution not yet checked")
                                           : QStringLiteral(", %1 cautions not yet checked"))
                       .arg(r.cautionsUnknown);
    line(QString());
    line(QStringLiteral("== %1: %2").arg(title, verdict.toUpper()));
    for (int ci : group.criteria) {
        const CriterionState st = e.state(ci);
        if (st == CriterionState::Met || st == CriterionState::NotApplicable)
            continue;
        const Criterion &cr = pack.criteria()[std::size_t(ci)];
        line(QStringLiteral("  [%1 %2] %3 (%4; %5)")
                 .arg(cr.id, QString::fromLatin1(toString(cr.severity).data()), e.explanation(ci), cr.source,
                     cr.evidence));
    }
    if (!r.missingInputs.isEmpty())
        line(QStringLiteral("  Missing inputs: %1").arg(r.missingInputs.join(QStringLiteral(", "))));
    if (!r.cautionMissingInputs.isEmpty())
        line(QStringLiteral("  Not yet checked (cautions): %1").arg(r.cautionMissingInputs.join(QStringLiteral(", "))));
    if (group.subOption >= 0)
        return;
    const Arm a = kArms[std::size_t(group.arm)];
    const auto &start = e.earliestStart(a);
    line(QStringLiteral("  Earliest start: %1").arg(start ? start->toString(Qt::ISODate) : QStringLiteral("unknown")));
    const ArmTimeline &tl = e.timeline(a);
    if (!tl.known)
        line(QStringLiteral("  %1").arg(tl.note));
    for (const TimelinePhase &ph : tl.phases) {
        line(QStringLiteral("  day %1–%2  %3")
                 .arg(ph.startDay)
                 .arg(ph.endDay ? QString::number(*ph.endDay) : QStringLiteral("?"), ph.phase));
    }
    appendOptionLines(out, e, a);
}

} // namespace

QString resultText(const Engine &engine, const Evaluation &e)
{
    const RulePack &pack = e.pack();
    const CaseData &c = e.caseData();
    QString out;
    auto line = [&out](const QString &s) { out += s + QLatin1Char('\n'); };
    line(QStringLiteral("Case %1%2").arg(c.id, c.label.isEmpty() ? QString() : QStringLiteral(" — ") + c.label));
    line(QStringLiteral("As of %1 (%2) · rule pack %3 %4 (sha256 %5…) · engine %6")
             .arg(e.asOf().toString(Qt::ISODate), pack.jurisdictions().value(c.jurisdiction), pack.id(), pack.version(),
                 pack.sha256().left(12), engineVersion()));
    line(QStringLiteral("Decision support only: the multidisciplinary team decides."));
    line(QString());
    line(QStringLiteral("Derived values"));
    appendDerivedLines(out, e);
    if (!e.whatWouldChange().empty()) {
        QStringList parts;
        for (const auto &in : e.whatWouldChange())
            parts.append(QStringLiteral("%1 (%2)").arg(in.input).arg(in.groups));
        line(QString());
        line(QStringLiteral("What would change the answer: %1").arg(parts.join(QStringLiteral(" · "))));
    }
    for (std::size_t g = 0; g < engine.groups().size(); ++g)
        appendGroupLines(out, engine, e, g);
    return out;
}

} // namespace consilium
