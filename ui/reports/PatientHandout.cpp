// SPDX-License-Identifier: GPL-3.0-or-later
#include "reports/PatientHandout.h"

#include "common/Html.h"
#include "compare/ResultText.h"
#include "engine/Engine.h"
#include "reports/PagedPrinter.h"

#include <QLocale>
#include <QPdfWriter>
#include <QTextDocument>
#include <QTranslator>

#include <map>

namespace consilium {

namespace {

// Translates with the handout's own translator, so the handout can be German while the
// application is English (or the other way round).
class Words
{
public:
    explicit Words(const QString &language)
    {
        if (language != QLatin1String("en"))
            m_loaded = m_tr.load(QStringLiteral(":/i18n/consilium_%1.qm").arg(language));
    }
    QString operator()(const char *text, int n = -1) const
    {
        QString s = m_loaded ? m_tr.translate("consilium::PatientHandout", text) : QString();
        if (s.isEmpty())
            s = QString::fromUtf8(text);
        if (n >= 0)
            s.replace(QStringLiteral("%n"), QString::number(n));
        return s;
    }

private:
    QTranslator m_tr;
    bool m_loaded = false;
};

QString possible(const Words &w, Verdict v)
{
    switch (v) {
    case Verdict::Eligible:
        return QStringLiteral("✓ ") + w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "Possible"));
    case Verdict::EligibleWithCautions:
        return QStringLiteral("⚠ ")
            + w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "Possible, with points to check"));
    case Verdict::Undetermined:
        return QStringLiteral("? ")
            + w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "Not yet known: some tests are still missing"));
    case Verdict::Ineligible:
        return QStringLiteral("✕ ")
            + w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "Not possible for you at the moment"));
    case Verdict::NotApplicable:
        break;
    }
    return w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "Does not apply"));
}

QString whatIs(const Words &w, Arm arm)
{
    switch (arm) {
    case Arm::AutologousCarT:
        return w(QT_TRANSLATE_NOOP("consilium::PatientHandout",
            "Your own immune cells are collected through a machine (a few hours), changed in a lab to remove the cells"
            " that cause the disease, and given back by drip after a short chemotherapy."));
    case Arm::AllogeneicCarT:
        return w(QT_TRANSLATE_NOOP("consilium::PatientHandout",
            "Ready-made immune cells from a donor are given by drip after a short chemotherapy. No collection of your"
            " own cells is needed."));
    case Arm::BispecificTce:
        return w(QT_TRANSLATE_NOOP("consilium::PatientHandout",
            "A medicine that brings your immune cells and the disease cells together. The dose is raised in small"
            " steps in hospital."));
    case Arm::StandardCare:
        break;
    }
    return w(QT_TRANSLATE_NOOP("consilium::PatientHandout",
        "The usual treatment: medicines such as steroids and drugs that calm the immune system."));
}

QString riskWords(const Words &w, const QString &risk)
{
    static const std::map<QString, const char *> words = {
        { QStringLiteral("CRS"),
            QT_TRANSLATE_NOOP(
                "consilium::PatientHandout", "fever and feeling unwell as the immune cells become active") },
        { QStringLiteral("ICANS"),
            QT_TRANSLATE_NOOP("consilium::PatientHandout", "confusion or trouble speaking, usually temporary") },
        { QStringLiteral("ICAHT"), QT_TRANSLATE_NOOP("consilium::PatientHandout", "low blood counts for a while") },
        { QStringLiteral("Infection"), QT_TRANSLATE_NOOP("consilium::PatientHandout", "infections") },
        { QStringLiteral("LICATS"),
            QT_TRANSLATE_NOOP("consilium::PatientHandout", "a short flare in an organ that was affected before") },
        { QStringLiteral("Hypogammaglobulinaemia"),
            QT_TRANSLATE_NOOP("consilium::PatientHandout", "low antibody levels; infections are more likely") },
        { QStringLiteral("Secondary malignancy"),
            QT_TRANSLATE_NOOP("consilium::PatientHandout", "a rare new blood cancer; you will be checked for it") },
        { QStringLiteral("GvHD"), QT_TRANSLATE_NOOP("consilium::PatientHandout", "donor cells attacking the body") },
        { QStringLiteral("Rejection"),
            QT_TRANSLATE_NOOP("consilium::PatientHandout", "your body removing the donor cells early") },
        { QStringLiteral("TRM"), QT_TRANSLATE_NOOP("consilium::PatientHandout", "risk of dying from the treatment") },
    };
    const auto it = words.find(risk);
    return it != words.end() ? w(it->second) : QString();
}

QString risks(const Words &w, const Evaluation &e, int arm)
{
    // The same figures as the grid, the chart and the report (ResultText::toxicityFigure).
    QStringList lines;
    for (const QString &risk : ResultText::toxicityRisks(e, arm)) {
        const QString words = riskWords(w, risk);
        if (words.isEmpty())
            continue;
        const ToxicityFigure f
            = ResultText::toxicityFigure(e, arm, risk, QStringLiteral("aid_cohort"), ToxicityMetric::AnyGrade);
        bool studied = f.found;
        for (const ToxicityEntry *t : ResultText::visibleToxicity(e, arm))
            studied = studied || (t->risk == risk && t->kind == QLatin1String("aid_cohort"));
        if (!studied)
            continue;
        QString line = words + QStringLiteral(": ");
        const ToxicityFigure severe
            = ResultText::toxicityFigure(e, arm, risk, QStringLiteral("aid_cohort"), ToxicityMetric::Grade3Plus);
        const ToxicityFigure *shown = &f;
        if (!f.found && severe.found && severe.events >= 0) {
            // Only the severe form was counted (e.g. grade ≥ 3 low blood counts).
            line += w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "%1 of %2 people in studies had a severe form"))
                        .arg(severe.events)
                        .arg(severe.n);
            shown = &severe;
        } else if (f.found && f.events >= 0) {
            line += w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "%1 of %2 people in studies"))
                        .arg(f.events)
                        .arg(f.n);
        } else if (f.found && f.n > 0) {
            line += w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "about %1 in 100 of %2 people in studies"))
                        .arg(qRound(f.percent))
                        .arg(f.n);
        } else if (f.found) {
            line += w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "about %1 in 100 people in studies"))
                        .arg(qRound(f.percent));
        } else {
            line += w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "how often is not known yet"));
        }
        if (shown->interval) {
            // The 95% interval in plain words: small studies say little about the true rate.
            line += QStringLiteral(" (")
                + w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "could be %1 to %2 in 100"))
                      .arg(qRound(shown->interval->lower * 100))
                      .arg(qRound(shown->interval->upper * 100))
                + QLatin1Char(')');
        }
        lines << htmlEscaped(line);
        if (lines.size() == 3)
            break;
    }
    if (lines.isEmpty())
        return htmlEscaped(
            w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "Not known from studies in people with your disease.")));
    return lines.join(QStringLiteral("<br>"));
}

QString howSure(const Words &w, const Evaluation &e, Arm arm)
{
    qint64 n = -1;
    for (const ToxicityEntry *t : ResultText::visibleToxicity(e, int(arm))) {
        if (t->kind == QLatin1String("aid_cohort"))
            n = std::max(n, t->n);
    }
    if (arm == Arm::StandardCare)
        return w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "Used for many years; well known."));
    if (n <= 0)
        return w(QT_TRANSLATE_NOOP("consilium::PatientHandout",
            "Very few people with your disease have had this treatment; the numbers are not known."));
    return w(
        QT_TRANSLATE_NOOP("consilium::PatientHandout",
            "Only a few people with diseases like yours have had this (at most %n in one study). We know little about"
            " the long term."),
        int(n));
}

// The arm is not possible by its general rules, but one of its products or studies may be: an
// option has criteria of its own (resources/packs/FORMAT.md, "Options": `replaces`).
bool onlyByOwnRules(const Evaluation &e, Arm arm)
{
    if (e.verdict(arm) != Verdict::Ineligible)
        return false;
    for (int o : e.optionsOf(arm)) {
        if (e.optionVerdict(o) != Verdict::Ineligible && e.optionVerdict(o) != Verdict::NotApplicable)
            return true;
    }
    return false;
}

QString possibleCell(const Words &w, const Evaluation &e, Arm arm)
{
    if (onlyByOwnRules(e, arm))
        return QStringLiteral("✕ ")
            + w(QT_TRANSLATE_NOOP("consilium::PatientHandout",
                "Not possible by the general rules for this treatment, but a product or study below has its own"
                " conditions"));
    return possible(w, e.verdict(arm));
}

QString timing(const Words &w, const Evaluation &e, Arm arm)
{
    const ArmTimeline &t = e.timeline(arm);
    QStringList parts;
    if (onlyByOwnRules(e, arm))
        return w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "Not known yet: it depends on the product or study."));
    if (e.verdict(arm) == Verdict::Ineligible) // no start date for what is not possible
        return w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "Does not apply: not possible for you at the moment."));
    if (arm == Arm::StandardCare)
        return w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "Can continue or change now."));
    if (!t.known || !t.timeToTreatmentDays)
        parts << w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "Not known yet."));
    else
        parts << w(
            QT_TRANSLATE_NOOP("consilium::PatientHandout", "About %n days until treatment."), *t.timeToTreatmentDays);
    const auto &d = e.earliestStart(arm);
    if (d && *d > e.caseData().asOf)
        parts << w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "Some medicines must be stopped first."));
    return parts.join(QLatin1Char(' '));
}

QString hospital(const Words &w, const RulePack &pack, Arm arm)
{
    const PackFact &f = pack.logistics()[armIndex(arm)].inpatientDays;
    if (arm == Arm::StandardCare)
        return w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "Usually not needed."));
    if (f.kind == PackFact::Kind::Number)
        return w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "About %n days in hospital."), int(f.number));
    return w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "Not known yet."));
}

QString optionName(const Words &w, Arm arm)
{
    switch (arm) {
    case Arm::AutologousCarT:
        return w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "Your own changed immune cells (autologous CAR T)"));
    case Arm::AllogeneicCarT:
        return w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "Donor immune cells (allogeneic CAR T)"));
    case Arm::BispecificTce:
        return w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "Bispecific antibody (T-cell engager)"));
    case Arm::StandardCare:
        break;
    }
    return w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "The usual treatment"));
}

// A pack text in the handout's language (resources/packs/FORMAT.md, "Texts in more than one
// language"): the English one, marked [EN], when the pack has none in that language.
QString packText(const RulePack &pack, const QString &key, const QString &english, const QString &language)
{
    if (PackTexts::isEnglish(language))
        return english;
    const LocalText t = pack.text(key, language);
    if (t.text.isEmpty())
        return english;
    return t.fellBack ? t.text + QStringLiteral(" [EN]") : t.text;
}

QString optionVerdictWords(const Words &w, Verdict v)
{
    switch (v) {
    case Verdict::Eligible:
        return w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "possible so far"));
    case Verdict::EligibleWithCautions:
        return w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "possible so far, with points to check"));
    case Verdict::Undetermined:
        return w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "not yet known: some tests are missing"));
    case Verdict::Ineligible:
    case Verdict::NotApplicable:
        break;
    }
    return w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "not possible at the moment"));
}

QString optionKindWords(const Words &w, const QString &kind)
{
    if (kind == QLatin1String("trial"))
        return w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "study"));
    if (kind == QLatin1String("regimen"))
        return w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "treatment plan"));
    return w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "product"));
}

// The products and studies the team looked at for an arm (resources/packs/FORMAT.md, "Options";
// those that do not apply to the patient's disease left out), in plain words. A verdict covers only
// the conditions the rules can check: the study team checks the others (the screening note), so
// nothing here promises a place.
QString optionsOfArm(const Words &w, const Evaluation &e, Arm arm, const QString &language)
{
    QStringList lines;
    int trials = 0;
    for (int o : e.optionsOf(arm)) {
        const Verdict v = e.optionVerdict(o);
        if (v == Verdict::NotApplicable)
            continue;
        const OptionDef &opt = e.optionDef(o);
        trials += opt.kind == QLatin1String("trial");
        const QString label = packText(e.pack(), textKey(u"option", opt.id, u"label"), opt.label, language);
        lines << QStringLiteral("• %1 (%2): %3").arg(label, optionKindWords(w, opt.kind), optionVerdictWords(w, v));
    }
    if (lines.isEmpty())
        return QStringLiteral("—");
    // Who checks the conditions the rules do not: the study team for a study, the care team else.
    if (trials == int(lines.size()))
        lines << w(QT_TRANSLATE_NOOP("consilium::PatientHandout",
            "The study team checks further conditions before you can take part: a place is not promised."));
    else if (trials == 0)
        lines << w(QT_TRANSLATE_NOOP(
            "consilium::PatientHandout", "Your care team checks further conditions first: nothing here is promised."));
    else
        lines << w(QT_TRANSLATE_NOOP("consilium::PatientHandout",
            "For a study the study team, otherwise your care team, checks further conditions first: a place is not"
            " promised."));
    QStringList html;
    for (const QString &line : lines)
        html << htmlEscaped(line);
    html.last() = QStringLiteral("<i>%1</i>").arg(html.last());
    return html.join(QStringLiteral("<br>"));
}

// The option grid: a column per option, a row per question.
QString optionGrid(const Words &w, const Engine &engine, const Evaluation &e, const QString &language)
{
    QString h;
    h += QStringLiteral("<table width='100%'><tr><th width='16%'></th>");
    for (const Arm a : kArms)
        h += QStringLiteral("<th width='21%'>%1</th>").arg(htmlEscaped(optionName(w, a)));
    h += QStringLiteral("</tr>");
    auto row = [&h](const QString &question, const std::array<QString, kArmCount> &cells, bool escaped) {
        h += QStringLiteral("<tr><th>%1</th>").arg(question.toHtmlEscaped());
        for (const QString &c : cells)
            h += QStringLiteral("<td>%1</td>").arg(escaped ? c : c.toHtmlEscaped());
        h += QStringLiteral("</tr>");
    };
    std::array<QString, kArmCount> c;
    for (const Arm a : kArms)
        c[armIndex(a)] = possibleCell(w, e, a);
    row(w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "Is this possible for me?")), c, false);
    if (e.optionCount() > 0) { // a pack without options prints as before
        for (const Arm a : kArms)
            c[armIndex(a)] = optionsOfArm(w, e, a, language);
        row(w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "Which products or studies did the team look at?")), c,
            true);
    }
    for (const Arm a : kArms)
        c[armIndex(a)] = whatIs(w, a);
    row(w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "What is involved?")), c, false);
    for (const Arm a : kArms)
        c[armIndex(a)] = timing(w, e, a);
    row(w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "How soon could it start?")), c, false);
    for (const Arm a : kArms)
        c[armIndex(a)] = hospital(w, engine.pack(), a);
    row(w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "How long in hospital?")), c, false);
    for (const Arm a : kArms)
        c[armIndex(a)] = a == Arm::StandardCare ? htmlEscaped(w(QT_TRANSLATE_NOOP(
                             "consilium::PatientHandout", "Side effects of the usual medicines, such as infections.")))
                                                : risks(w, e, int(a));
    row(w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "What are the main risks?")), c, true);
    for (const Arm a : kArms)
        c[armIndex(a)] = howSure(w, e, a);
    row(w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "How sure are we?")), c, false);
    h += QStringLiteral("</table>");
    return h;
}

// Which rule pack the answers come from (for the care team), and whether it is vouched for.
QString packLine(const Words &w, const RulePack &pack, const PackProvenance &provenance)
{
    const QString packName
        = QStringLiteral("%1 %2 (sha256 %3)").arg(pack.id(), pack.version(), PackStatus::shortSha(pack.sha256()));
    QString line;
    switch (provenance.kindFor(pack)) {
    case PackProvenance::Kind::Builtin:
        line = w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "Rule pack %1, built into the program.")).arg(packName);
        break;
    case PackProvenance::Kind::Signed:
        line = w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "Rule pack %1, signed by %2…."))
                   .arg(packName, provenance.signer.left(16));
        break;
    case PackProvenance::Kind::Override:
        line = w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "Rule pack %1, UNSIGNED — loaded by override: %2"))
                   .arg(packName, provenance.reason);
        break;
    case PackProvenance::Kind::NotRecorded:
        line = w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "Rule pack %1; how it was loaded was not recorded."))
                   .arg(packName);
        break;
    }
    return line;
}

} // namespace

QString PatientHandout::date(const QDate &d, const QString &language)
{
    // Day before month in both languages (the handout is for European patients).
    const QLocale locale = language == QLatin1String("de") ? QLocale(QLocale::German, QLocale::Germany)
                                                           : QLocale(QLocale::English, QLocale::UnitedKingdom);
    return locale.toString(
        d, language == QLatin1String("de") ? QStringLiteral("d. MMMM yyyy") : QStringLiteral("d MMMM yyyy"));
}

void PatientHandout::build(const Engine &engine, const Evaluation &e, const Options &options, QTextDocument &doc)
{
    const QString &language = options.language;
    const Words w(language);
    QFont base(QStringLiteral("DejaVu Sans"));
    base.setPointSizeF(8.5 * options.textScale);
    // No ligatures: a hash or a word copied or searched in the PDF must read as printed ("ff", not "ﬀ").
    base.setStyleStrategy(QFont::PreferNoShaping);
    doc.setDefaultFont(base);
    doc.setDefaultStyleSheet(
        QStringLiteral("h1 { font-size: %1pt; } table { border-collapse: collapse; }").arg(15 * options.textScale)
        + QStringLiteral(""
                         " td, th { border: 1px solid #757575; padding: 4px; vertical-align: top; }"
                         " th { background: #e3f2fd; }"));
    QString h;
    h += QStringLiteral("<h1>%1</h1>")
             .arg(htmlEscaped(w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "Your treatment options"))));
    h += QStringLiteral("<p>%1</p>")
             .arg(htmlEscaped(w(QT_TRANSLATE_NOOP("consilium::PatientHandout",
                 "Your care team met to talk about the treatments that could help you. This page"
                 " compares them. It does not choose for you: you decide together with your"
                 " team."))));
    h += optionGrid(w, engine, e, language);
    h += QStringLiteral("<p>%1</p>")
             .arg(htmlEscaped(w(QT_TRANSLATE_NOOP("consilium::PatientHandout",
                 "Words: \"CAR T\" means immune cells changed in a lab. \"Chemotherapy\" here is"
                 " a short, low-dose treatment that makes room for the new cells. Numbers such"
                 " as \"11 of 15 people\" come from small studies and may change."))));
    h += QStringLiteral("<p>%1</p>")
             .arg(htmlEscaped(w(QT_TRANSLATE_NOOP("consilium::PatientHandout",
                 "Questions to ask your team: What happens if I wait? What would I need to"
                 " stop? Who can stay with me after the treatment?"))));
    const QDate printed = options.printedOn.isValid() ? options.printedOn : QDate::currentDate();
    h += QStringLiteral("<p><i>%1</i></p>")
             .arg(htmlEscaped(w(QT_TRANSLATE_NOOP("consilium::PatientHandout",
                                    "Prepared on %1 for your conversation with your care team."))
                                  .arg(date(printed, language))));
    h += QStringLiteral("<p style='font-size: 7pt; color: #424242;'>%1</p>")
             .arg(htmlEscaped(packLine(w, engine.pack(), options.provenance)));
    doc.setHtml(h);
}

int PatientHandout::paint(
    const Engine &engine, const Evaluation &evaluation, const Options &options, QPagedPaintDevice &device)
{
    // One page: the text is made a little smaller if the patient's options need the room.
    QTextDocument doc;
    Options fitted = options;
    for (const qreal scale : { 1.0, 0.94, 0.88, 0.82, 0.76 }) {
        fitted.textScale = options.textScale * scale;
        doc.clear();
        build(engine, evaluation, fitted, doc);
        if (PagedPrinter::pagesNeeded(doc, device) <= 1)
            break;
    }
    const Words w(options.language);
    return PagedPrinter::print(doc, device,
        w(QT_TRANSLATE_NOOP("consilium::PatientHandout",
            "This page supports a conversation. Your care team is responsible for the decision.")),
        w(QT_TRANSLATE_NOOP("consilium::PatientHandout", "Page %1 of %2")));
}

bool PatientHandout::writePdf(
    const Engine &engine, const Evaluation &evaluation, const Options &options, const QString &path, QString &error)
{
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageOrientation(QPageLayout::Landscape);
    writer.setResolution(300);
    writer.setPageMargins(QMarginsF(12, 12, 12, 10), QPageLayout::Millimeter);
    writer.setCreator(QStringLiteral("Consilium"));
    if (paint(engine, evaluation, options, writer) <= 0) {
        error = QStringLiteral("cannot write %1").arg(path);
        return false;
    }
    return true;
}

} // namespace consilium
