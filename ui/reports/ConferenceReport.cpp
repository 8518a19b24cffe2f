// SPDX-License-Identifier: GPL-3.0-or-later
#include "reports/ConferenceReport.h"

#include "common/Html.h"
#include "common/Labels.h"
#include "compare/ComparisonModel.h"
#include "compare/DerivedModel.h"
#include "compare/ResultText.h"
#include "editor/CaseDocument.h"
#include "editor/FactField.h"
#include "engine/Engine.h"
#include "engine/ResultWriter.h"
#include "reports/PagedPrinter.h"
#include "reports/ReportCharts.h"
#include "reports/ReportOptions.h"
#include "timeline/TimelineChart.h"
#include "toxicity/LocalOutcomes.h"
#include "toxicity/ToxicityChart.h"

#include <QChart>
#include <QCoreApplication>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QTextDocument>
#include <QUrl>

namespace consilium {

namespace {

QString factText(const RulePack &pack, const Variable &v, const FactEntry &e)
{
    switch (e.state) {
    case FactEntry::State::NotEvaluated:
        return Labels::notEvaluated();
    case FactEntry::State::Unknown:
        return Labels::unknown();
    case FactEntry::State::Absent:
        return {};
    case FactEntry::State::Value:
        break;
    }
    Q_UNUSED(pack);
    if (v.type == ValueType::Bool)
        return e.text == QLatin1String("true") ? ConferenceReport::tr("yes") : ConferenceReport::tr("no");
    QString s = e.text;
    if (v.type == ValueType::Number || v.type == ValueType::Integer)
        s += QLatin1Char(' ') + FactField::displayUnit(e.unit.isEmpty() ? v.unit : e.unit);
    if (!e.date.isEmpty())
        s += QStringLiteral(" (") + e.date + QLatin1Char(')');
    return s;
}

// An agent as the pack names it ("Mycophenolate mofetil"), not its id.
QString agentLabel(const RulePack &pack, const QString &id)
{
    if (id == QLatin1String("glucocorticoids"))
        return ConferenceReport::tr("Glucocorticoids");
    const int a = pack.agentIndex(id);
    return a >= 0 ? pack.agents()[std::size_t(a)].label : id;
}

} // namespace

// Explanations may point at result fields ("per-drug dates in derived.washout_end_dates"); the
// report names the section that lists them instead.
QString ConferenceReport::readable(const RulePack &pack, const QString &text)
{
    static const QRegularExpression field(QStringLiteral("\\bderived[. ]([a-z][a-z0-9_]*)"));
    QString out;
    qsizetype from = 0;
    for (auto it = field.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const QString id = m.captured(1);
        QString name;
        if (id == QLatin1String("washout_end_dates") || id == QLatin1String("tce_washout_end_dates"))
            name = ConferenceReport::tr("“Washout end dates” below");
        else if (const int slot = pack.slotOf(id); slot >= 0)
            name = QStringLiteral("“") + ResultText::inputLabel(pack, id) + QStringLiteral("”");
        else
            continue;
        out += text.mid(from, m.capturedStart() - from) + name;
        from = m.capturedEnd();
    }
    return out + text.mid(from);
}

namespace {

// The grid's "Decided by" with whole sentences (the screen cuts them): the first three, and a
// pointer to the section that lists them all.
QString decidedBy(const Engine &engine, const Evaluation &e, int arm)
{
    const std::vector<int> &deciding = e.group(arm).deciding;
    if (deciding.empty())
        return QStringLiteral("—");
    QStringList lines;
    for (std::size_t i = 0; i < deciding.size() && i < 3; ++i) {
        const int ci = deciding[i];
        lines << Labels::stateIcon(e.state(ci)) + QLatin1Char(' ') + engine.pack().criteria()[std::size_t(ci)].id
                + QStringLiteral(": ") + ResultText::explanation(e, ci);
    }
    if (deciding.size() > 3)
        lines << ConferenceReport::tr(
            "… and %n more (see “Decisive criteria and sources”)", nullptr, int(deciding.size() - 3));
    return lines.join(QLatin1Char('\n'));
}

QString overrideReason(const QString &code)
{
    if (code == QLatin1String("data_error"))
        return ConferenceReport::tr("data error");
    if (code == QLatin1String("clinical_judgement"))
        return ConferenceReport::tr("clinical judgement");
    if (code == QLatin1String("newer_evidence"))
        return ConferenceReport::tr("newer evidence");
    if (code == QLatin1String("not_applicable_to_patient"))
        return ConferenceReport::tr("not applicable to the patient");
    if (code == QLatin1String("other"))
        return ConferenceReport::tr("other");
    return code;
}

QString washoutList(const RulePack &pack, const std::vector<WashoutEntry> &entries)
{
    QStringList parts;
    for (const WashoutEntry &w : entries)
        parts << agentLabel(pack, w.key) + QStringLiteral(": ")
                + (w.end ? ResultText::date(*w.end) : ConferenceReport::tr("unknown (last dose missing)"));
    return parts.join(QStringLiteral("; "));
}

} // namespace

void ReportInput::copyEvaluation(const Evaluation *e)
{
    evaluation = e ? std::make_shared<const Evaluation>(*e) : nullptr;
}

// The title, the case and the pack the verdicts come from.
QString ConferenceReport::titleSection(const ReportInput &in)
{
    const RulePack &pack = in.engine->pack();
    QString h;
    h += QStringLiteral("<h1>%1</h1>").arg(htmlLines(tr("Conference report: %1").arg(in.document->caseId())));
    h += QStringLiteral("<p><b>%1</b></p>").arg(htmlLines(in.header));
    if (in.conference)
        h += QStringLiteral("<p>%1</p>")
                 .arg(htmlLines(tr("Conference: %1, %2").arg(in.conference->title, in.conference->heldOn)));
    const QString label = in.document->meta(QStringLiteral("label"));
    if (!label.isEmpty())
        h += QStringLiteral("<p>%1</p>").arg(htmlLines(label));
    h += QStringLiteral("<p class='muted'>%1</p>")
             .arg(htmlLines(
                 in.version > 0 ? tr("Case version %1").arg(in.version) : tr("Unsaved case (not a stored version)")));
    // The pack the verdicts come from, and whether it is vouched for.
    const bool packWarning = PackStatus::isWarning(pack, in.provenance);
    h += QStringLiteral("<p%1>%2</p>")
             .arg(packWarning ? QStringLiteral(" style='color: #8a1c00; font-weight: bold;'") : QString(),
                 htmlLines((packWarning ? QStringLiteral("⚠ ") : QString()) + PackStatus::line(pack, in.provenance)));
    return h;
}

QString ConferenceReport::caseSection(const ReportInput &in)
{
    const RulePack &pack = in.engine->pack();
    QString h;
    // Case summary: every fact entered, by group.
    h += QStringLiteral("<h2>%1</h2><table width='100%'>").arg(htmlLines(tr("Case data")));
    for (const Variable &v : pack.variables()) {
        const QString text = factText(pack, v, in.document->fact(v.id));
        if (!text.isEmpty())
            h += QStringLiteral("<tr><td width='40%'>%1</td><td>%2</td></tr>")
                     .arg(htmlLines(ResultText::packText(pack, textKey(u"variable", v.id, u"label"), v.label)),
                         htmlLines(text));
    }
    h += QStringLiteral("</table>");
    if (in.document->medicationCount() > 0) {
        h += QStringLiteral("<p><b>%1</b> ").arg(htmlLines(tr("Medications:")));
        QStringList meds;
        for (int i = 0; i < in.document->medicationCount(); ++i) {
            const MedicationEntry m = in.document->medication(i);
            QString s = agentLabel(pack, m.agent);
            if (!m.dailyDoseMg.isEmpty())
                s += QStringLiteral(" %1 mg/d").arg(m.dailyDoseMg);
            if (!m.lastDose.isEmpty())
                s += QStringLiteral(" (") + tr("last dose %1").arg(m.lastDose) + QLatin1Char(')');
            meds << s;
        }
        h += htmlLines(meds.join(QStringLiteral("; "))) + QStringLiteral("</p>");
    }
    if (!in.document->failedTherapies().isEmpty()) {
        QStringList failed;
        for (const QString &id : in.document->failedTherapies())
            failed << agentLabel(pack, id);
        h += QStringLiteral("<p><b>%1</b> %2</p>")
                 .arg(htmlLines(tr("Failed therapies:")), htmlLines(failed.join(QStringLiteral(", "))));
    }
    return h;
}

QString ConferenceReport::comparisonSection(const ReportInput &in, const Evaluation *e)
{
    const RulePack &pack = in.engine->pack();
    QString h;
    ComparisonModel grid;
    grid.setEvaluation(in.engine, e, false);
    h += QStringLiteral("<h2>%1</h2><table width='100%'><tr><th></th>").arg(htmlLines(tr("Comparison")));
    for (int a = 0; a < kArmCount; ++a)
        h += QStringLiteral("<th>%1</th>").arg(htmlLines(Labels::arm(a)));
    h += QStringLiteral("</tr>");
    // The grid's cells, in full (the screen shortens long explanations and lists).
    for (int r = 0; r < ComparisonModel::RowCount; ++r) {
        h += QStringLiteral("<tr><th>%1</th>").arg(htmlLines(ComparisonModel::rowName(r)));
        for (int a = 0; a < kArmCount; ++a) {
            QString text;
            if (r == ComparisonModel::DecidedBy)
                text = decidedBy(*in.engine, *e, a);
            else if (r == ComparisonModel::Risks) {
                QStringList lines;
                for (const QString &risk : ResultText::toxicityRisks(*e, a))
                    lines << ResultText::riskLine(*e, a, risk);
                lines << ResultText::modifiers(*e, a);
                text = lines.isEmpty() ? QStringLiteral("—") : lines.join(QLatin1Char('\n'));
            } else
                text = grid.index(r, a).data().toString();
            h += QStringLiteral("<td>%1</td>").arg(htmlLines(readable(pack, text)));
        }
        h += QStringLiteral("</tr>");
    }
    h += QStringLiteral("</table>");
    if (!e->whatWouldChange().empty())
        h += QStringLiteral("<p><b>%1</b> %2</p>")
                 .arg(htmlLines(tr("What would change the answer:")), htmlLines(ResultText::whatWouldChange(*e, 10)));
    return h;
}

QString ConferenceReport::criteriaSection(const ReportInput &in, const Evaluation *e)
{
    const RulePack &pack = in.engine->pack();
    QString h;
    h += QStringLiteral("<h2>%1</h2>").arg(htmlLines(tr("Decisive criteria and sources")));
    // The arms and sub-options, then the options (resources/packs/FORMAT.md, "Options") that have
    // deciding criteria.
    for (int g = 0; g < in.engine->groupCount(); ++g) {
        const std::vector<int> &deciding = e->group(g).deciding;
        const VerdictGroup &vg = in.engine->group(g);
        if (deciding.empty() && (vg.subOption >= 0 || vg.option >= 0))
            continue;
        const QString name = vg.option >= 0 ? tr("%1 (%2)").arg(ResultText::optionLabel(pack, e->optionDef(vg.option)),
                                 Labels::arm(e->optionDef(vg.option).arm))
                                            : Labels::group(vg.key);
        h += QStringLiteral("<p><b>%1</b>: %2</p>").arg(htmlLines(name), htmlLines(ResultText::verdictLine(*e, g)));
        if (deciding.empty())
            continue;
        h += QStringLiteral("<table width='100%'><tr><th>%1</th><th>%2</th><th>%3</th><th>%4</th></tr>")
                 .arg(htmlLines(tr("Criterion")), htmlLines(tr("Explanation")), htmlLines(tr("Source")),
                     htmlLines(tr("Evidence")));
        for (int ci : deciding) {
            const Criterion &cr = pack.criteria()[std::size_t(ci)];
            h += QStringLiteral("<tr><td>%1<br>%2</td><td>%3</td><td>%4</td><td>%5</td></tr>")
                     .arg(htmlLines(cr.id),
                         htmlLines(Labels::stateIcon(e->state(ci)) + QLatin1Char(' ') + Labels::state(e->state(ci))),
                         htmlLines(readable(pack, ResultText::explanation(*e, ci))), htmlLines(cr.source),
                         htmlLines(cr.evidence));
        }
        h += QStringLiteral("</table>");
    }
    return h;
}

QString ConferenceReport::derivedSection(const ReportInput &in, const Evaluation *e)
{
    QString h;
    DerivedModel derived;
    derived.setEvaluation(in.engine, e);
    h += QStringLiteral("<h2>%1</h2><table width='100%'>").arg(htmlLines(tr("Derived values")));
    for (int r = 0; r < derived.rowCount(); ++r) {
        const QString value = derived.index(r, DerivedModel::ResultColumn).data().toString();
        h += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td></tr>")
                 .arg(htmlLines(derived.index(r, DerivedModel::NameColumn).data().toString()), htmlLines(value),
                     htmlLines(derived.index(r, DerivedModel::ApplicabilityColumn).data().toString()));
    }
    h += QStringLiteral("</table>");
    return h;
}

QString ConferenceReport::washoutSection(const RulePack &pack, const Evaluation *e)
{
    QString h;
    // Washout end dates per drug (what the washout criteria refer to).
    if (!e->washout().empty() || !e->tceWashout().empty() || !e->washoutNotDefined().isEmpty()) {
        h += QStringLiteral("<h2>%1</h2>").arg(htmlLines(tr("Washout end dates")));
        if (!e->washout().empty())
            h += QStringLiteral("<p><b>%1</b> %2</p>")
                     .arg(htmlLines(tr("Before leukapheresis:")), htmlLines(washoutList(pack, e->washout())));
        if (!e->tceWashout().empty())
            h += QStringLiteral("<p><b>%1</b> %2</p>")
                     .arg(htmlLines(tr("Before the first bispecific dose:")),
                         htmlLines(washoutList(pack, e->tceWashout())));
        if (!e->washoutNotDefined().isEmpty()) {
            QStringList names;
            for (const QString &id : e->washoutNotDefined())
                names << agentLabel(pack, id);
            h += QStringLiteral("<p><b>%1</b> %2</p>")
                     .arg(htmlLines(tr("Washout not defined by the evidence (decide locally):")),
                         htmlLines(names.join(QStringLiteral(", "))));
        }
    }
    return h;
}

QString ConferenceReport::chartSection(const Evaluation *e, QTextDocument &doc)
{
    QString h;
    // Charts drawn from the result for paper (vector graphics, text sized in points).
    auto *charts = new ReportCharts(&doc);
    const ChartStyle paper = ChartStyle::paper(7.5);
    auto *timeline = new QChart;
    TimelineChart::populate(timeline, e, paper);
    // The charts start on a page of their own (the timeline and the first toxicity chart share it).
    h += QStringLiteral("<h2 style='page-break-before: always'>%1</h2><p>%2</p>")
             .arg(htmlLines(tr("Logistics timeline")), charts->add(QStringLiteral("timeline"), timeline, 176, 128));
    h += QStringLiteral("<h2>%1</h2>").arg(htmlLines(tr("Toxicity")));
    for (int a = 0; a < kArmCount; ++a) {
        auto *tox = new QChart;
        ToxicityChart::populate(tox, e, a, false, paper);
        h += QStringLiteral("<p>%1</p>").arg(charts->add(QStringLiteral("toxicity%1").arg(a), tox, 176, 78));
        h += ReportOptions::toxicityRows(*e, a);
    }
    h += QStringLiteral("<p class='muted'>%1</p>")
             .arg(htmlLines(
                 tr("Bars are labelled k/n (patients affected / patients studied), or with the reported"
                    " percentage where the count is not known; the whiskers are the 95%"
                    " confidence interval (Wilson score). Oncology figures are the grey \"oncology reference\""
                    " bars. \"not found\" (NF) means no rate was found, not zero.")));
    return h;
}

QString ConferenceReport::decisionSection(const ReportInput &in)
{
    QString h;
    h += QStringLiteral("<h2>%1</h2>").arg(htmlLines(tr("Decision")));
    if (!in.decision) {
        h += QStringLiteral("<p>%1</p>").arg(htmlLines(tr("No decision recorded.")));
    } else {
        const Decision &d = *in.decision;
        const QString outcome = d.outcome == QLatin1String("arm") ? Labels::group(d.chosenArm)
            : d.outcome == QLatin1String("deferred")              ? tr("deferred")
                                                                  : tr("pending");
        h += QStringLiteral("<p><b>%1</b> %2 · %3</p>")
                 .arg(htmlLines(tr("Outcome:")), htmlLines(outcome),
                     htmlLines(d.finalised ? tr("final (%1, %2)").arg(d.finalisedBy, d.finalisedAt)
                                           : tr("draft, not finalised")));
        if (!d.rationale.isEmpty())
            h += QStringLiteral("<p><b>%1</b> %2</p>").arg(htmlLines(tr("Rationale:")), htmlLines(d.rationale));
        h += QStringLiteral("<table width='100%'><tr><th>%1</th><th>%2</th><th>%3</th><th>%4</th></tr>")
                 .arg(htmlLines(tr("Participant")), htmlLines(tr("Role")), htmlLines(tr("Position")),
                     htmlLines(tr("Reason")));
        for (const Position &p : d.positions)
            h += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td></tr>")
                     .arg(htmlLines(p.participant), htmlLines(Labels::role(p.role)),
                         htmlLines(Labels::stance(stanceName(p.stance))), htmlLines(p.reason));
        for (const QString &r : d.missingRoles())
            h += QStringLiteral("<tr><td>—</td><td>%1</td><td>%2</td><td></td></tr>")
                     .arg(htmlLines(Labels::role(r)), htmlLines(tr("no position yet")));
        h += QStringLiteral("</table>");
        if (d.hasDissent())
            h += QStringLiteral("<p><b>%1</b></p>").arg(htmlLines(tr("⚠ The decision was made with dissent.")));
        if (!d.overrides.empty()) {
            h += QStringLiteral("<p><b>%1</b></p><ul>").arg(htmlLines(tr("Overrides of criteria:")));
            for (const CriterionOverride &o : d.overrides)
                h += QStringLiteral("<li>%1 · %2 · %3 (%4)</li>")
                         .arg(htmlLines(o.criterionId), htmlLines(overrideReason(o.reasonCode)), htmlLines(o.text),
                             htmlLines(o.recordedBy));
            h += QStringLiteral("</ul>");
        }
    }
    if (in.conference && !in.conference->attendees.empty()) {
        QStringList people;
        for (const Attendee &a : in.conference->attendees)
            people << a.name + QStringLiteral(" (") + Labels::role(a.role) + QLatin1Char(')');
        h += QStringLiteral("<p><b>%1</b> %2</p>")
                 .arg(htmlLines(tr("Participants:")), htmlLines(people.join(QStringLiteral(", "))));
    }
    return h;
}

QString ConferenceReport::packSection(const ReportInput &in)
{
    const RulePack &pack = in.engine->pack();
    QString h;
    h += QStringLiteral("<h2>%1</h2>").arg(htmlLines(tr("Rule pack")));
    h += QStringLiteral("<p>%1<br>sha256 %2<br>%3</p>")
             .arg(htmlLines(tr("%1 version %2 (%3), sign-off: %4")
                                .arg(pack.id(), pack.version(), pack.title(), pack.signOffStatus())),
                 htmlLines(pack.sha256()), htmlLines(tr("Engine %1").arg(engineVersion())));
    h += QStringLiteral("<p>%1</p>").arg(htmlLines(tr("Loaded: %1").arg(PackStatus::provenance(pack, in.provenance))));
    if (in.decision && in.decision->packSha256 != pack.sha256())
        h += QStringLiteral("<p>%1</p>")
                 .arg(htmlLines(tr("The decision was made under rule pack %1 %2 (sha256 %3).")
                                    .arg(in.decision->packId, in.decision->packVersion, in.decision->packSha256)));
    h += QStringLiteral("<p><b>%1</b></p>").arg(htmlLines(Labels::disclaimer()));
    return h;
}

void ConferenceReport::build(const ReportInput &in, QTextDocument &doc)
{
    QFont base(QStringLiteral("DejaVu Sans"));
    base.setPointSizeF(9);
    // No ligatures: a hash or a word copied or searched in the PDF must read as printed ("ff", not "ﬀ").
    base.setStyleStrategy(QFont::PreferNoShaping);
    doc.setDefaultFont(base);
    doc.setDefaultStyleSheet(QStringLiteral(
        "h1 { font-size: 16pt; } h2 { font-size: 12pt; margin-top: 12px; } "
        "table { border-collapse: collapse; } td, th { border: 1px solid #9e9e9e; padding: 3px; vertical-align: top; } "
        "th { background: #eeeeee; text-align: left; } .muted { color: #555555; }"));
    const std::shared_ptr<const Evaluation> owned = in.evaluation; // held until the document is built
    const Evaluation *e = owned.get();
    QString h = titleSection(in);
    h += caseSection(in);

    if (!e) {
        h += QStringLiteral("<h2>%1</h2><p>%2</p>")
                 .arg(htmlLines(tr("Comparison")),
                     htmlLines(tr("No result: the case has errors that prevent evaluation.")));
    } else {
        h += comparisonSection(in, e);
        h += ReportOptions::section(*e, in.siteOptions);
        h += criteriaSection(in, e);
        h += derivedSection(in, e);
        h += washoutSection(in.engine->pack(), e);
        h += chartSection(e, doc);
        if (in.localOutcomes)
            h += LocalOutcomes::reportSection(*in.localOutcomes, *e);
        else if (!in.localOutcomesError.isEmpty())
            h += QStringLiteral("<h2>%1</h2><p>%2</p>")
                     .arg(htmlLines(LocalOutcomes::tr("Outcomes at this site beside the literature")),
                         htmlLines(in.localOutcomesError));
    }

    h += decisionSection(in);
    h += packSection(in);
    doc.setHtml(h);
}

int ConferenceReport::paint(const ReportInput &input, QPagedPaintDevice &device)
{
    QTextDocument doc;
    build(input, doc);
    return PagedPrinter::print(doc, device, Labels::disclaimer());
}

bool ConferenceReport::writePdf(const ReportInput &input, const QString &path, QString &error)
{
    QPdfWriter writer(path);
    if (!writer.setPageSize(QPageSize(QPageSize::A4))) {
        error = tr("cannot set the page size");
        return false;
    }
    writer.setResolution(300);
    writer.setPageMargins(QMarginsF(16, 14, 16, 12), QPageLayout::Millimeter);
    writer.setTitle(tr("Conference report %1").arg(input.document->caseId()));
    writer.setCreator(QStringLiteral("Consilium ") + engineVersion());
    if (paint(input, writer) <= 0) {
        error = tr("cannot write %1").arg(path);
        return false;
    }
    return true;
}

} // namespace consilium
