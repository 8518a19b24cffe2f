// SPDX-License-Identifier: GPL-3.0-or-later
#include "compare/ResultText.h"

#include "common/Labels.h"
#include "engine/Explanations.h"
#include "engine/ResultWriter.h"

#include <QLocale>

#include <set>

namespace consilium {

namespace {

Arm armAt(int arm)
{
    return kArms[std::size_t(arm)];
}

} // namespace

QString ResultText::verdictLine(const Evaluation &e, int group)
{
    const GroupResult &g = e.group(group);
    const QString icon = Labels::verdictIcon(g.verdict) + QLatin1Char(' ');
    switch (g.verdict) {
    case Verdict::Eligible:
        if (g.cautionsUnknown > 0)
            return icon + tr("Eligible · %n caution(s) not yet checked", nullptr, g.cautionsUnknown);
        return icon + tr("Eligible");
    case Verdict::EligibleWithCautions: {
        QString s = icon + tr("Eligible, %n caution(s)", nullptr, g.cautionsFired);
        if (g.cautionsUnknown > 0)
            s += QStringLiteral(" · ") + tr("%n not yet checked", nullptr, g.cautionsUnknown);
        return s;
    }
    case Verdict::Undetermined:
        return icon + tr("Undetermined · %n exclusion(s) unknown", nullptr, int(g.deciding.size()));
    case Verdict::Ineligible:
        return icon + tr("Ineligible");
    case Verdict::NotApplicable:
        return icon + tr("Not applicable");
    }
    return {};
}

QString ResultText::packLanguage()
{
    const QString language = QLocale().name().section(QLatin1Char('_'), 0, 0);
    return PackTexts::languages().contains(language) ? language : QStringLiteral("en");
}

QString ResultText::markEnglish(const QString &text)
{
    return tr("%1 [EN]", "a pack text shown in English because the pack has none in this language").arg(text);
}

QString ResultText::packText(const RulePack &pack, const QString &key, const QString &english)
{
    const QString language = packLanguage();
    if (PackTexts::isEnglish(language) || english.isEmpty())
        return english;
    const LocalText t = pack.text(key, language);
    if (t.text.isEmpty())
        return english;
    return t.fellBack ? markEnglish(t.text) : t.text;
}

QString ResultText::optionText(const RulePack &pack, const OptionDef &option, QStringView field, const QString &english)
{
    return packText(pack, textKey(u"option", option.id, field), english);
}

QString ResultText::explanation(const Evaluation &e, int criterion)
{
    const QString language = packLanguage();
    if (PackTexts::isEnglish(language))
        return e.explanationText(criterion);
    ExplanationWords words;
    words.language = language;
    words.unknownValue = tr("unknown", "a value in an explanation");
    words.notEvaluatedValue = tr("not evaluated", "a value in an explanation");
    words.yes = tr("yes", "a value in an explanation");
    words.no = tr("no", "a value in an explanation");
    words.missing = tr("%1 missing", "%1: input labels, in an explanation");
    words.unknown = tr("%1 unknown", "%1: input labels, in an explanation");
    words.notEvaluated = tr("%1 not evaluated", "%1: input labels, in an explanation");
    const LocalText t = e.explanationText(criterion, words);
    return t.fellBack ? markEnglish(t.text) : t.text;
}

QString ResultText::inputLabel(const RulePack &pack, const QString &input)
{
    const int slot = pack.slotOf(input);
    if (slot >= 0) {
        const Symbol &sym = pack.symbol(slot);
        if (sym.kind == SymbolKind::Variable)
            return packText(
                pack, textKey(u"variable", input, u"label"), pack.variables()[std::size_t(sym.index)].label);
        if (sym.kind == SymbolKind::Derived)
            return packText(pack, textKey(u"derived", input, u"label"), pack.derived()[std::size_t(sym.index)].label);
        return tr("Jurisdiction");
    }
    if (input == pseudoInputName(PseudoInput::Medications))
        return tr("Medication list");
    if (input == pseudoInputName(PseudoInput::FailedTherapies))
        return tr("Failed therapies");
    if (input == pseudoInputName(PseudoInput::MedicationLastDose))
        return tr("Last dose of a medication");
    return input;
}

QStringList ResultText::inputLabels(const RulePack &pack, const QStringList &inputs)
{
    QStringList out;
    for (const QString &in : inputs)
        out << inputLabel(pack, in);
    return out;
}

QString ResultText::decidedBy(const Evaluation &e, int group, bool full)
{
    const std::vector<int> &deciding = e.group(group).deciding;
    if (deciding.empty())
        return QStringLiteral("—");
    QStringList lines;
    for (int ci : deciding) {
        const Criterion &cr = e.pack().criteria()[std::size_t(ci)];
        QString text = explanation(e, ci);
        if (!full && text.size() > 70)
            text = text.left(68) + QStringLiteral("…");
        lines << Labels::stateIcon(e.state(ci)) + QLatin1Char(' ') + cr.id + QStringLiteral(": ") + text;
        if (!full && lines.size() == 3 && deciding.size() > 3) {
            lines << tr("… and %n more", nullptr, int(deciding.size() - 3));
            break;
        }
    }
    return lines.join(QLatin1Char('\n'));
}

QString ResultText::missing(const Evaluation &e, int group, bool full)
{
    const GroupResult &g = e.group(group);
    const int max = full ? 1000 : 6;
    auto list = [&](const QStringList &inputs) {
        QStringList labels = inputLabels(e.pack(), inputs);
        if (labels.size() > max) {
            const int more = int(labels.size()) - max;
            labels = labels.mid(0, max);
            labels << tr("%n more", nullptr, more);
        }
        return labels.join(QStringLiteral(", "));
    };
    QStringList parts;
    if (!g.missingInputs.isEmpty())
        parts << list(g.missingInputs);
    if (!g.cautionMissingInputs.isEmpty())
        parts << tr("for cautions: %1").arg(list(g.cautionMissingInputs));
    return parts.isEmpty() ? tr("nothing missing") : parts.join(QLatin1Char('\n'));
}

QString ResultText::date(const QDate &d)
{
    return QLocale().toString(d, QStringLiteral("d MMM yyyy"));
}

bool ResultText::isIneligible(const Evaluation &e, int arm)
{
    return arm >= 0 && arm < kArmCount && e.verdict(armAt(arm)) == Verdict::Ineligible;
}

QString ResultText::earliestStart(const Evaluation &e, int arm)
{
    return isIneligible(e, arm) ? tr("— (ineligible)") : earliestStartDate(e, arm);
}

QString ResultText::toTreatment(const Evaluation &e, int arm)
{
    return isIneligible(e, arm) ? tr("— (ineligible)") : timeToTreatment(e, arm);
}

QString ResultText::timingDetail(const Evaluation &e, int arm)
{
    const QString start = earliestStartDate(e, arm).replace(QLatin1Char('\n'), QLatin1Char(' '));
    const QString treatment = timeToTreatment(e, arm).replace(QLatin1Char('\n'), QLatin1Char(' '));
    if (isIneligible(e, arm))
        return tr("Ineligible, so no start date is shown. By the washouts alone the earliest start would be %1;"
                  " the logistics timeline takes %2.")
            .arg(start, treatment);
    return tr("Earliest start: %1 · to treatment: %2").arg(start, treatment);
}

QString ResultText::earliestStartDate(const Evaluation &e, int arm)
{
    const auto &d = e.earliestStart(armAt(arm));
    if (!d)
        return e.lastDoseMissing() ? tr("unknown (a last dose is missing)") : tr("unknown");
    if (*d <= e.asOf())
        return tr("now");
    const QString reason = armAt(arm) == Arm::BispecificTce ? tr("after washout / steroid taper") : tr("after washout");
    return date(*d) + QStringLiteral("\n(") + reason + QLatin1Char(')');
}

QString ResultText::timeToTreatment(const Evaluation &e, int arm)
{
    const ArmTimeline &t = e.timeline(armAt(arm));
    if (!t.known)
        return tr("unknown");
    if (!t.timeToTreatmentDays)
        return QStringLiteral("—");
    QString s = tr("~%n day(s)", nullptr, *t.timeToTreatmentDays);
    if (!t.variant.isEmpty())
        s += QStringLiteral("\n(") + t.variant + QLatin1Char(')');
    return s;
}

QString ResultText::inpatient(const RulePack &pack, int arm)
{
    const PackFact &f = pack.logistics()[std::size_t(arm)].inpatientDays;
    if (f.kind == PackFact::Kind::Number)
        return tr("%n day(s)", nullptr, int(f.number));
    return tr("unknown (no data)");
}

QString ResultText::caregiver(const Evaluation &e, int arm)
{
    const LogisticsDef &l = e.pack().logistics()[std::size_t(arm)];
    QStringList parts;
    if (l.caregiverRequired.kind == PackFact::Kind::Bool)
        parts << (l.caregiverRequired.boolean ? tr("caregiver needed") : tr("no caregiver needed"));
    else
        parts << tr("caregiver: unknown");
    for (const TimelinePhase &p : e.timeline(armAt(arm)).phases) {
        if (p.phase == QLatin1String("proximity_window")) {
            if (p.endDay)
                parts << tr("stay near the centre %n day(s)", nullptr, *p.endDay - p.startDay);
            else
                parts << tr("stay near the centre (length unknown)");
        }
    }
    const int slot = e.pack().slotOf(QStringLiteral("travel_minutes_to_centre"));
    if (slot >= 0 && armAt(arm) != Arm::StandardCare && e.isKnown(slot))
        parts << tr("travel %1 min").arg(formatDecimal(e.value(slot), 0));
    return parts.join(QLatin1Char('\n'));
}

const std::vector<const ToxicityEntry *> &ResultText::visibleToxicity(const Evaluation &e, int arm)
{
    return e.patientToxicity(armAt(arm));
}

QStringList ResultText::toxicityRisks(const Evaluation &e, int arm)
{
    return toxicityRisks(visibleToxicity(e, arm));
}

QStringList ResultText::toxicityRisks(const std::vector<const ToxicityEntry *> &entries)
{
    QStringList risks;
    for (const ToxicityEntry *t : entries) {
        if (!risks.contains(t->risk) && t->kind != QLatin1String("not_applicable"))
            risks << t->risk;
    }
    return risks;
}

ToxicityFigure ResultText::toxicityFigure(
    const Evaluation &e, int arm, const QString &risk, const QString &kind, ToxicityMetric metric)
{
    return bestToxicityFigure(visibleToxicity(e, arm), risk, kind, metric);
}

QString ResultText::percentText(double percent)
{
    const double rounded = std::round(percent * 10.0) / 10.0;
    return formatDecimal(rounded, rounded == std::floor(rounded) ? 0 : 1) + QLatin1Char('%');
}

QString ResultText::figureCount(const ToxicityFigure &f)
{
    if (!f.found)
        return tr("not found");
    if (f.events >= 0)
        return QStringLiteral("%1/%2").arg(f.events).arg(f.n);
    if (f.n > 0)
        return tr("%1 of %2").arg(percentText(f.percent)).arg(f.n);
    return tr("%1 (n not reported)").arg(percentText(f.percent));
}

QString ResultText::figureInterval(const ToxicityFigure &f)
{
    if (!f.found || !f.interval)
        return {};
    const double lo = std::round(f.interval->lower * 1000.0) / 10.0;
    const double hi = std::round(f.interval->upper * 1000.0) / 10.0;
    return tr("95% CI %1–%2").arg(formatDecimal(lo, lo == std::floor(lo) ? 0 : 1), percentText(hi));
}

QString ResultText::figureText(const ToxicityFigure &f)
{
    const QString ci = figureInterval(f);
    return ci.isEmpty() ? figureCount(f) : figureCount(f) + QStringLiteral(" (") + ci + QLatin1Char(')');
}

QString ResultText::riskLine(const Evaluation &e, int arm, const QString &risk)
{
    const QString name = Labels::risk(risk);
    const auto &visible = visibleToxicity(e, arm);
    for (const QString &kind : { QStringLiteral("aid_cohort"), QStringLiteral("oncology_reference") }) {
        // As toxicityFigure() does, with the rows looked up once.
        const ToxicityFigure any = bestToxicityFigure(visible, risk, kind, ToxicityMetric::AnyGrade);
        const ToxicityFigure g3 = bestToxicityFigure(visible, risk, kind, ToxicityMetric::Grade3Plus);
        if (!any.found && !g3.found)
            continue;
        QStringList parts;
        if (any.found)
            parts << figureText(any);
        if (g3.found)
            parts << QStringLiteral("g≥3 ") + (any.found ? figureCount(g3) : figureText(g3));
        const QString figures = parts.join(QStringLiteral(", "));
        return name + QLatin1Char(' ')
            + (kind == QLatin1String("aid_cohort") ? figures : tr("(oncology reference %1)").arg(figures));
    }
    bool label = false;
    for (const ToxicityEntry *t : visible)
        label = label || (t->risk == risk && t->kind == QLatin1String("label"));
    if (label)
        return name + QLatin1Char(' ') + tr("(label warning; rate not found)");
    return name + QLatin1Char(' ') + tr("rate not found (NF)");
}

QString ResultText::toxicityLine(const ToxicityEntry &t)
{
    QString risk = Labels::risk(t.risk);
    if (t.kind == QLatin1String("aid_cohort") || t.kind == QLatin1String("oncology_reference")) {
        // The same figures as everywhere else, for this one row.
        const ToxicityFigure any = consilium::toxicityFigure(t, ToxicityMetric::AnyGrade);
        const ToxicityFigure g3 = consilium::toxicityFigure(t, ToxicityMetric::Grade3Plus);
        QStringList parts;
        if (any.found)
            parts << figureText(any);
        if (g3.found)
            parts << QStringLiteral("g≥3 ") + figureText(g3);
        if (parts.isEmpty())
            parts << (t.n > 0 ? tr("rate not reported (n=%1)").arg(t.n) : tr("rate not reported"));
        const QString figures = parts.join(QStringLiteral(", "));
        return risk + QLatin1Char(' ')
            + (t.kind == QLatin1String("aid_cohort") ? figures : tr("(oncology reference %1)").arg(figures));
    }
    if (t.kind == QLatin1String("not_found"))
        return risk + QLatin1Char(' ') + tr("no AID data (NF)");
    if (t.kind == QLatin1String("not_applicable"))
        return risk + QLatin1Char(' ') + tr("not applicable");
    if (t.kind == QLatin1String("label"))
        return risk + QLatin1Char(' ') + tr("(label warning)");
    return risk;
}

QString ResultText::pathText(const RulePack &pack, const QString &path, QStringView field, const QString &english)
{
    return path.isEmpty() ? packText(pack, {}, english)
                          : packText(pack, path + QLatin1Char('.') + field.toString(), english);
}

QStringList ResultText::optionNotes(const RulePack &pack, const OptionDef &option)
{
    QStringList out;
    if (!option.diseasesStudied.isEmpty())
        out << tr("Studied in: %1").arg(optionText(pack, option, u"diseases_studied", option.diseasesStudied));
    for (qsizetype i = 0; i < option.notes.size(); ++i)
        out << optionText(pack, option, QStringLiteral("notes/%1").arg(i), option.notes[i]);
    return out;
}

QString ResultText::toxicityTooltip(const RulePack &pack, const ToxicityEntry &t)
{
    QStringList lines;
    lines << toxicityLine(t);
    if (!t.summary.isEmpty())
        lines << pathText(pack, t.path, u"summary", t.summary);
    if (!t.population.isEmpty())
        lines << tr("Population: %1").arg(pathText(pack, t.path, u"population", t.population));
    if (t.n > 0)
        lines << tr("n = %1").arg(t.n);
    if (!t.followUp.isEmpty())
        lines << tr("Follow-up: %1").arg(pathText(pack, t.path, u"follow_up", t.followUp));
    lines << factSource(t.source, t.evidence);
    return lines.join(QLatin1Char('\n'));
}

QStringList ResultText::modifiers(const Evaluation &e, int arm)
{
    QStringList out;
    for (const Modifier *m : e.modifiers(armAt(arm)))
        out << packText(e.pack(), textKey(u"modifier", m->id, u"label"), m->label) + QStringLiteral(": ")
                + packText(e.pack(), textKey(u"modifier", m->id, u"text"), m->text);
    return out;
}

QString ResultText::risks(const Evaluation &e, int arm, bool full)
{
    // One line per risk (riskLine): the autoimmune cohort figure, else the oncology reference,
    // else what is known.
    QStringList lines;
    if (full) {
        for (const ToxicityEntry *t : visibleToxicity(e, arm))
            lines << toxicityTooltip(e.pack(), *t);
        lines << modifiers(e, arm);
        return lines.join(QStringLiteral("\n\n"));
    }
    const QStringList order = toxicityRisks(e, arm);
    for (const QString &r : order) {
        lines << riskLine(e, arm, r);
        if (lines.size() == 3 && order.size() > 3) {
            lines << tr("… %n more", nullptr, int(order.size() - 3));
            break;
        }
    }
    if (!modifiers(e, arm).isEmpty())
        lines << tr("⚠ %n patient-specific modifier(s)", nullptr, int(modifiers(e, arm).size()));
    return lines.isEmpty() ? QStringLiteral("—") : lines.join(QLatin1Char('\n'));
}

QString ResultText::evidence(const Evaluation &e, int arm)
{
    qint64 maxN = -1;
    QStringList followUps;
    std::set<QString> codes;
    for (const ToxicityEntry *t : visibleToxicity(e, arm)) {
        if (t->kind != QLatin1String("aid_cohort"))
            continue;
        maxN = std::max(maxN, t->n);
        if (!t->followUp.isEmpty() && !followUps.contains(t->followUp))
            followUps << t->followUp;
        for (const QString &c : t->evidence.split(QLatin1Char('/'), Qt::SkipEmptyParts))
            codes.insert(c.trimmed());
    }
    QStringList parts;
    if (maxN > 0)
        parts << tr("AID cohorts n ≤ %1").arg(maxN);
    else
        parts << tr("no AID cohort with n");
    if (!followUps.isEmpty())
        parts << followUps.first();
    if (!codes.empty()) {
        QStringList c(codes.begin(), codes.end());
        parts << tr("evidence %1").arg(c.join(QStringLiteral(", ")));
    }
    return parts.join(QLatin1Char('\n'));
}

QString ResultText::whatWouldChange(const Evaluation &e, int max)
{
    QStringList parts;
    for (const RankedInput &r : e.whatWouldChange()) {
        parts << tr("%1 (settles %n arm(s))", nullptr, r.groups).arg(inputLabel(e.pack(), r.input));
        if (parts.size() >= max)
            break;
    }
    return parts.join(QStringLiteral(" · "));
}

QString ResultText::factSource(const QString &source, const QString &evidence, const QString &note)
{
    QString s = tr("Source: %1").arg(source.isEmpty() ? tr("not stated") : source);
    if (!evidence.isEmpty())
        s += QStringLiteral(" · ") + tr("evidence %1").arg(evidence);
    if (!note.isEmpty())
        s += QLatin1Char('\n') + note;
    return s;
}

} // namespace consilium
