// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/Engine.h"
#include "engine/Proportion.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <vector>

namespace consilium {

// Readable text for one evaluated case, shared by the comparison grid, the drill-down, the
// conference screen and the reports, so every place says the same thing in the same words.
class ResultText
{
    Q_DECLARE_TR_FUNCTIONS(consilium::ResultText)

public:
    // `group` is a verdict group (Engine::groups()), `arm` an arm's index (Arm, kArms).
    static QString verdictLine(const Evaluation &e, int group);
    // Without the "Met: " prefix, in the interface language (packLanguage): a German template
    // when the pack gives one, else the English one marked (markEnglish).
    static QString explanation(const Evaluation &e, int criterion);
    // The language of pack texts in this interface (resources/packs/FORMAT.md, "Texts in more than
    // one language"): that of the interface when the pack format has it ("de"), else "en".
    static QString packLanguage();
    // The pack text under `key` (PackTexts.h) in packLanguage(); `english` (the struct's text) in an
    // English interface, or when the pack has no such key; the English text marked when the pack
    // has none in that language.
    static QString packText(const RulePack &pack, const QString &key, const QString &english);
    // An option's text (`field`: "label", "name", "screening_note", "status.<jurisdiction>.note")
    // in packLanguage(), as packText; `english` is the OptionDef's text of that field.
    static QString optionText(const RulePack &pack, const OptionDef &option, QStringView field, const QString &english);
    static QString optionLabel(const RulePack &pack, const OptionDef &option)
    {
        return optionText(pack, option, u"label", option.label);
    }
    // "… [EN]": the text is the pack's English one, shown in another interface language.
    static QString markEnglish(const QString &text);
    static QString inputLabel(const RulePack &pack, const QString &input);
    static QStringList inputLabels(const RulePack &pack, const QStringList &inputs);

    static QString decidedBy(const Evaluation &e, int group, bool full);
    static QString missing(const Evaluation &e, int group, bool full = false);
    // "— (ineligible)" for an ineligible arm: its dates are no start dates (issue 10).
    static QString earliestStart(const Evaluation &e, int arm);
    static QString toTreatment(const Evaluation &e, int arm);
    static bool isIneligible(const Evaluation &e, int arm);
    // The dates whatever the verdict (the drill-down, tooltips): "8 Dec 2026 (after washout)".
    static QString earliestStartDate(const Evaluation &e, int arm);
    static QString timeToTreatment(const Evaluation &e, int arm);
    // Tooltip / drill-down line: when it could start, and for an ineligible arm why no date is shown.
    static QString timingDetail(const Evaluation &e, int arm);
    static QString inpatient(const RulePack &pack, int arm);
    static QString caregiver(const Evaluation &e, int arm);
    static QString risks(const Evaluation &e, int arm, bool full);
    static QString evidence(const Evaluation &e, int arm);
    static QString whatWouldChange(const Evaluation &e, int max);

    static QString factSource(const QString &source, const QString &evidence, const QString &note = {});
    static QString date(const QDate &d);

    // Toxicity entries shown for this patient (Evaluation::patientToxicity), in pack order.
    static const std::vector<const ToxicityEntry *> &visibleToxicity(const Evaluation &e, int arm);
    // The risks shown for an arm, in pack order (risks that do not apply to the arm left out).
    static QStringList toxicityRisks(const Evaluation &e, int arm);
    // The same for any list of rows (an option's: Evaluation::optionToxicity).
    static QStringList toxicityRisks(const std::vector<const ToxicityEntry *> &entries);
    // THE figure shown for a risk of an arm, from one kind of row ("aid_cohort" or
    // "oncology_reference"): the grid, the toxicity chart, the conference report and the
    // patient handout all take their numbers from here.
    static ToxicityFigure toxicityFigure(
        const Evaluation &e, int arm, const QString &risk, const QString &kind, ToxicityMetric metric);
    // "11/15", "26.9% of 3184", "94% (n not reported)" or "not found".
    static QString figureCount(const ToxicityFigure &f);
    // "95% CI 48.0–89.1%"; empty without an interval.
    static QString figureInterval(const ToxicityFigure &f);
    // "11/15 (95% CI 48.0–89.1%)"
    static QString figureText(const ToxicityFigure &f);
    static QString percentText(double percent); // one decimal, none for whole numbers
    // One line of the grid's "Main risks": the autoimmune cohort figure (any grade, then
    // grade ≥ 3), else the oncology reference, else what is known about the risk.
    static QString riskLine(const Evaluation &e, int arm, const QString &risk);
    static QString toxicityLine(const ToxicityEntry &t);
    // Summary, population and follow-up in packLanguage() (keyed by the row's JSON path, PackTexts.h).
    static QString toxicityTooltip(const RulePack &pack, const ToxicityEntry &t);
    // A pack text keyed by JSON path: `path` + "." + `field` (PackTexts.h), as packText.
    static QString pathText(const RulePack &pack, const QString &path, QStringView field, const QString &english);
    // "Studied in: …" and the option's notes (resources/packs/FORMAT.md, "Options") in packLanguage().
    static QStringList optionNotes(const RulePack &pack, const OptionDef &option);
    static QStringList modifiers(const Evaluation &e, int arm);
};

} // namespace consilium
