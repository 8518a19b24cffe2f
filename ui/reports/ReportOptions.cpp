// SPDX-License-Identifier: GPL-3.0-or-later
#include "reports/ReportOptions.h"

#include "common/Html.h"
#include "common/Labels.h"
#include "compare/OptionsModel.h"
#include "compare/ResultText.h"
#include "compare/SiteAvailability.h"
#include "engine/Engine.h"
#include "reports/ConferenceReport.h"

namespace consilium {

namespace {

int groupOf(const Evaluation &e, int option)
{
    return int(e.groups().size()) + option;
}

} // namespace

QString ReportOptions::earliestStart(const Evaluation &e, int option)
{
    if (e.optionVerdict(option) == Verdict::Ineligible)
        return tr("— (ineligible)");
    if (e.optionVerdict(option) == Verdict::NotApplicable)
        return QStringLiteral("—");
    const auto &d = e.optionEarliestStart(option);
    if (!d)
        return e.lastDoseMissing() ? tr("unknown (a last dose is missing)") : tr("unknown");
    return *d <= e.asOf() ? tr("now") : ResultText::date(*d);
}

// One option: what it is (name, kind, status, the site's availability), its verdict with the
// screening note beside it (eligible is never enrollable), what decides it, when it could start.
QString ReportOptions::optionRow(const Evaluation &e, const SiteOptions &site, int option)
{
    const RulePack &pack = e.pack();
    const OptionDef &opt = e.optionDef(option);
    const QString label = ResultText::optionLabel(pack, opt);
    const QString name = opt.name.isEmpty() ? label : ResultText::optionText(pack, opt, u"name", opt.name);
    QString statusNote;
    QString what = QStringLiteral("<b>%1</b>").arg(htmlLines(label));
    if (name != label)
        what += QStringLiteral("<br><span class='muted'>%1</span>").arg(htmlLines(name));
    what += QStringLiteral("<br>")
        + htmlLines(
            OptionsModel::kindLabel(opt.kind) + QStringLiteral(" · ") + OptionsModel::statusText(e, opt, &statusNote));
    if (!statusNote.isEmpty())
        what += QStringLiteral(" (%1)").arg(htmlLines(statusNote));
    const SiteOptions::Level level = site.of(opt.id);
    if (level != SiteOptions::NotStated)
        what += QStringLiteral("<br><i>%1</i>").arg(htmlLines(SiteAvailability::label(level)));

    const int group = groupOf(e, option);
    QString verdict
        = QStringLiteral("<b>%1</b><br><i>%2</i>")
              .arg(htmlLines(ResultText::verdictLine(e, group)), htmlLines(OptionsModel::screeningText(pack, opt)));
    QString deciding = htmlLines(ConferenceReport::readable(pack, OptionsModel::decidingText(e, option, 0)));
    const GroupResult &r = e.option(option);
    if (!r.missingInputs.isEmpty() || !r.cautionMissingInputs.isEmpty())
        deciding += QStringLiteral("<br>") + htmlLines(tr("Missing: %1").arg(ResultText::missing(e, group, true)));
    return QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td></tr>")
        .arg(what, verdict, deciding, htmlLines(earliestStart(e, option)));
}

QString ReportOptions::armTable(const Evaluation &e, const SiteOptions &site, int arm)
{
    const std::vector<int> options = e.optionsOf(kArms[std::size_t(arm)]);
    if (options.empty())
        return {};
    QString h = QStringLiteral("<p><b>%1</b> · %2</p>")
                    .arg(htmlLines(Labels::arm(arm)),
                        htmlLines(tr("arm (generic): %1").arg(ResultText::verdictLine(e, arm))));
    // The header row repeats on the next page when the table is split (<thead>).
    h += QStringLiteral("<table width='100%'><thead><tr><th width='27%'>%1</th><th width='31%'>%2</th>"
                        "<th width='30%'>%3</th><th width='12%'>%4</th></tr></thead>")
             .arg(htmlLines(tr("Product or trial")), htmlLines(tr("Verdict and screening")),
                 htmlLines(tr("Deciding criteria")), htmlLines(tr("Earliest start")));
    for (int o : options)
        h += optionRow(e, site, o);
    return h + QStringLiteral("</table>");
}

QString ReportOptions::section(const Evaluation &e, const SiteOptions &site)
{
    if (e.optionCount() == 0)
        return {};
    QString h = QStringLiteral("<h2>%1</h2>").arg(htmlLines(tr("Products and trials (options)")));
    // resources/packs/FORMAT.md, "Options": effective criteria = the arm's less `replaces`, plus
    // the option's own; the screening note lists the protocol criteria the pack does not encode.
    h += QStringLiteral("<p class='muted'>%1</p>")
             .arg(htmlLines(
                 tr("Each option is evaluated on the arm's criteria less those it replaces, plus its own; the"
                    " arm's verdict stays the generic summary. \"Eligible\" means only that the encoded criteria"
                    " are met, not that the patient can be enrolled: the screening note says what the pack does"
                    " not check. The site's availability never changes a verdict.")));
    for (int a = 0; a < kArmCount; ++a)
        h += armTable(e, site, a);
    return h;
}

QString ReportOptions::toxicityRows(const Evaluation &e, int arm)
{
    QStringList lines;
    for (int o : e.optionsOf(kArms[std::size_t(arm)])) {
        if (e.optionVerdict(o) == Verdict::NotApplicable) // not for this patient's disease
            continue;
        const QString label = ResultText::optionLabel(e.pack(), e.optionDef(o));
        for (const ToxicityEntry *t : e.optionToxicity(o)) {
            if (t->option == o) // the option's own rows; the arm's are in the chart
                lines << label + QStringLiteral(": ") + ResultText::toxicityLine(*t);
        }
    }
    if (lines.isEmpty())
        return {};
    return QStringLiteral("<p><b>%1</b><br>%2</p>")
        .arg(htmlLines(tr("%1, rows of its options (not in the chart):").arg(Labels::arm(arm))),
            htmlLines(lines.join(u'\n')));
}

} // namespace consilium
