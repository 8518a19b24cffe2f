// SPDX-License-Identifier: GPL-3.0-or-later
#include "reports/ConferenceReport.h"

#include "common/Labels.h"
#include "compare/ComparisonModel.h"
#include "compare/DerivedModel.h"
#include "compare/ResultText.h"
#include "editor/CaseDocument.h"
#include "editor/FactField.h"
#include "engine/Engine.h"
#include "engine/ResultWriter.h"
#include "reports/PagedPrinter.h"
#include "timeline/TimelineChart.h"
#include "toxicity/ToxicityChart.h"

#include <QCoreApplication>
#include <QPdfWriter>
#include <QTextDocument>
#include <QUrl>

namespace consilium {

namespace {

QString esc(const QString &s)
{
    return s.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
}

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

} // namespace

QImage ConferenceReport::chartImage(QWidget *chart, QSize size)
{
    chart->setAttribute(Qt::WA_DontShowOnScreen);
    chart->resize(size);
    chart->show();
    QCoreApplication::sendPostedEvents();
    QCoreApplication::sendPostedEvents(); // the chart lays out in response to the resize
    QImage image = chart->grab().toImage();
    chart->hide();
    return image;
}

void ConferenceReport::build(const ReportInput &in, QTextDocument &doc)
{
    QFont base(QStringLiteral("DejaVu Sans"));
    base.setPointSizeF(9);
    doc.setDefaultFont(base);
    doc.setDefaultStyleSheet(QStringLiteral(
        "h1 { font-size: 16pt; } h2 { font-size: 12pt; margin-top: 12px; } "
        "table { border-collapse: collapse; } td, th { border: 1px solid #9e9e9e; padding: 3px; vertical-align: top; } "
        "th { background: #eeeeee; text-align: left; } .muted { color: #555555; }"));
    const Evaluation *e = in.evaluation;
    const RulePack &pack = in.engine->pack();
    QString h;
    h += QStringLiteral("<h1>%1</h1>").arg(esc(tr("Conference report: %1").arg(in.document->caseId())));
    h += QStringLiteral("<p><b>%1</b></p>").arg(esc(in.header));
    if (in.conference)
        h += QStringLiteral("<p>%1</p>")
                 .arg(esc(tr("Conference: %1, %2").arg(in.conference->title, in.conference->heldOn)));
    const QString label = in.document->meta(QStringLiteral("label"));
    if (!label.isEmpty())
        h += QStringLiteral("<p>%1</p>").arg(esc(label));
    h += QStringLiteral("<p class='muted'>%1</p>")
             .arg(esc(
                 in.version > 0 ? tr("Case version %1").arg(in.version) : tr("Unsaved case (not a stored version)")));
    // The pack the verdicts come from, and whether it is vouched for.
    const bool packWarning = PackStatus::isWarning(pack, in.provenance);
    h += QStringLiteral("<p%1>%2</p>")
             .arg(packWarning ? QStringLiteral(" style='color: #8a1c00; font-weight: bold;'") : QString(),
                 esc((packWarning ? QStringLiteral("⚠ ") : QString()) + PackStatus::line(pack, in.provenance)));

    // Case summary: every fact entered, by group.
    h += QStringLiteral("<h2>%1</h2><table width='100%'>").arg(esc(tr("Case data")));
    for (const Variable &v : pack.variables()) {
        const QString text = factText(pack, v, in.document->fact(v.id));
        if (!text.isEmpty())
            h += QStringLiteral("<tr><td width='40%'>%1</td><td>%2</td></tr>").arg(esc(v.label), esc(text));
    }
    h += QStringLiteral("</table>");
    if (in.document->medicationCount() > 0) {
        h += QStringLiteral("<p><b>%1</b> ").arg(esc(tr("Medications:")));
        QStringList meds;
        for (int i = 0; i < in.document->medicationCount(); ++i) {
            const MedicationEntry m = in.document->medication(i);
            QString s = m.agent;
            if (!m.dailyDoseMg.isEmpty())
                s += QStringLiteral(" %1 mg/d").arg(m.dailyDoseMg);
            if (!m.lastDose.isEmpty())
                s += QStringLiteral(" (") + tr("last dose %1").arg(m.lastDose) + QLatin1Char(')');
            meds << s;
        }
        h += esc(meds.join(QStringLiteral("; "))) + QStringLiteral("</p>");
    }
    if (!in.document->failedTherapies().isEmpty())
        h += QStringLiteral("<p><b>%1</b> %2</p>")
                 .arg(esc(tr("Failed therapies:")), esc(in.document->failedTherapies().join(QStringLiteral(", "))));

    if (!e) {
        h += QStringLiteral("<h2>%1</h2><p>%2</p>")
                 .arg(esc(tr("Comparison")), esc(tr("No result: the case has errors that prevent evaluation.")));
    } else {
        ComparisonModel grid;
        grid.setEvaluation(in.engine, e, false);
        h += QStringLiteral("<h2>%1</h2><table width='100%'><tr><th></th>").arg(esc(tr("Comparison")));
        for (int a = 0; a < kArmCount; ++a)
            h += QStringLiteral("<th>%1</th>").arg(esc(Labels::arm(a)));
        h += QStringLiteral("</tr>");
        for (int r = 0; r < ComparisonModel::RowCount; ++r) {
            h += QStringLiteral("<tr><th>%1</th>").arg(esc(ComparisonModel::rowName(r)));
            for (int a = 0; a < kArmCount; ++a)
                h += QStringLiteral("<td>%1</td>").arg(esc(grid.index(r, a).data().toString()));
            h += QStringLiteral("</tr>");
        }
        h += QStringLiteral("</table>");
        if (!e->whatWouldChange.empty())
            h += QStringLiteral("<p><b>%1</b> %2</p>")
                     .arg(esc(tr("What would change the answer:")), esc(ResultText::whatWouldChange(*e, 10)));

        h += QStringLiteral("<h2>%1</h2>").arg(esc(tr("Decisive criteria and sources")));
        for (std::size_t g = 0; g < in.engine->groups().size(); ++g) {
            const auto deciding = ResultText::decidingCriteria(*in.engine, *e, int(g));
            const VerdictGroup &vg = in.engine->groups()[g];
            if (deciding.empty() && vg.subOption >= 0)
                continue;
            h += QStringLiteral("<p><b>%1</b>: %2</p>")
                     .arg(esc(Labels::group(vg.key)), esc(ResultText::verdictLine(*in.engine, *e, int(g))));
            if (deciding.empty())
                continue;
            h += QStringLiteral("<table width='100%'><tr><th>%1</th><th>%2</th><th>%3</th><th>%4</th></tr>")
                     .arg(esc(tr("Criterion")), esc(tr("Explanation")), esc(tr("Source")), esc(tr("Evidence")));
            for (int ci : deciding) {
                const Criterion &cr = pack.criteria()[std::size_t(ci)];
                h += QStringLiteral("<tr><td>%1<br>%2</td><td>%3</td><td>%4</td><td>%5</td></tr>")
                         .arg(esc(cr.id),
                             esc(Labels::stateIcon(e->ws.states[std::size_t(ci)]) + QLatin1Char(' ')
                                 + Labels::state(e->ws.states[std::size_t(ci)])),
                             esc(renderExplanation(pack, e->ws, ci)), esc(cr.source), esc(cr.evidence));
            }
            h += QStringLiteral("</table>");
        }

        DerivedModel derived;
        derived.setEvaluation(in.engine, e);
        h += QStringLiteral("<h2>%1</h2><table width='100%'>").arg(esc(tr("Derived values")));
        for (int r = 0; r < derived.rowCount(); ++r) {
            const QString value = derived.index(r, DerivedModel::ResultColumn).data().toString();
            h += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td></tr>")
                     .arg(esc(derived.index(r, DerivedModel::NameColumn).data().toString()), esc(value),
                         esc(derived.index(r, DerivedModel::ApplicabilityColumn).data().toString()));
        }
        h += QStringLiteral("</table>");

        TimelineChart timeline;
        timeline.setEvaluation(e);
        doc.addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("chart://timeline")),
            chartImage(&timeline, QSize(1400, 620)));
        h += QStringLiteral("<h2>%1</h2><p><img src='chart://timeline' width='680'></p>")
                 .arg(esc(tr("Logistics timeline")));
        h += QStringLiteral("<h2>%1</h2>").arg(esc(tr("Toxicity")));
        for (int a = 0; a < kArmCount; ++a) {
            ToxicityChart tox;
            tox.setEvaluation(e);
            tox.setArm(a);
            const QString url = QStringLiteral("chart://toxicity%1").arg(a);
            doc.addResource(QTextDocument::ImageResource, QUrl(url), chartImage(&tox, QSize(1400, 560)));
            h += QStringLiteral("<p><img src='%1' width='680'></p>").arg(url);
        }
        h += QStringLiteral("<p class='muted'>%1</p>")
                 .arg(esc(tr("Bars are labelled k/n (patients affected / patients studied), or with the reported"
                             " percentage where the count is not known; the whiskers are the 95%"
                             " confidence interval (Wilson score). Oncology figures are the grey \"oncology reference\""
                             " bars. \"not found\" (NF) means no rate was found, not zero.")));
    }

    h += QStringLiteral("<h2>%1</h2>").arg(esc(tr("Decision")));
    if (!in.decision) {
        h += QStringLiteral("<p>%1</p>").arg(esc(tr("No decision recorded.")));
    } else {
        const Decision &d = *in.decision;
        const QString outcome = d.outcome == QLatin1String("arm") ? Labels::group(d.chosenArm)
            : d.outcome == QLatin1String("deferred")              ? tr("deferred")
                                                                  : tr("pending");
        h += QStringLiteral("<p><b>%1</b> %2 · %3</p>")
                 .arg(esc(tr("Outcome:")), esc(outcome),
                     esc(d.finalised ? tr("final (%1, %2)").arg(d.finalisedBy, d.finalisedAt)
                                     : tr("draft, not finalised")));
        if (!d.rationale.isEmpty())
            h += QStringLiteral("<p><b>%1</b> %2</p>").arg(esc(tr("Rationale:")), esc(d.rationale));
        h += QStringLiteral("<table width='100%'><tr><th>%1</th><th>%2</th><th>%3</th><th>%4</th></tr>")
                 .arg(esc(tr("Participant")), esc(tr("Role")), esc(tr("Position")), esc(tr("Reason")));
        for (const Position &p : d.positions)
            h += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td></tr>")
                     .arg(esc(p.participant), esc(Labels::role(p.role)), esc(Labels::stance(stanceName(p.stance))),
                         esc(p.reason));
        for (const QString &r : d.missingRoles())
            h += QStringLiteral("<tr><td>—</td><td>%1</td><td>%2</td><td></td></tr>")
                     .arg(esc(Labels::role(r)), esc(tr("no position yet")));
        h += QStringLiteral("</table>");
        if (d.hasDissent())
            h += QStringLiteral("<p><b>%1</b></p>").arg(esc(tr("⚠ The decision was made with dissent.")));
        if (!d.overrides.empty()) {
            h += QStringLiteral("<p><b>%1</b></p><ul>").arg(esc(tr("Overrides of criteria:")));
            for (const CriterionOverride &o : d.overrides)
                h += QStringLiteral("<li>%1 · %2 · %3 (%4)</li>")
                         .arg(esc(o.criterionId), esc(o.reasonCode), esc(o.text), esc(o.recordedBy));
            h += QStringLiteral("</ul>");
        }
    }
    if (in.conference && !in.conference->attendees.empty()) {
        QStringList people;
        for (const Attendee &a : in.conference->attendees)
            people << a.name + QStringLiteral(" (") + Labels::role(a.role) + QLatin1Char(')');
        h += QStringLiteral("<p><b>%1</b> %2</p>")
                 .arg(esc(tr("Participants:")), esc(people.join(QStringLiteral(", "))));
    }

    h += QStringLiteral("<h2>%1</h2>").arg(esc(tr("Rule pack")));
    h += QStringLiteral("<p>%1<br>sha256 %2<br>%3</p>")
             .arg(esc(tr("%1 version %2 (%3), sign-off: %4")
                          .arg(pack.id(), pack.version(), pack.title(), pack.signOffStatus())),
                 esc(pack.sha256()), esc(tr("Engine %1").arg(engineVersion())));
    h += QStringLiteral("<p>%1</p>").arg(esc(PackStatus::provenance(pack, in.provenance)));
    if (in.decision && in.decision->packSha256 != pack.sha256())
        h += QStringLiteral("<p>%1</p>")
                 .arg(esc(tr("The decision was made under rule pack %1 %2 (sha256 %3).")
                              .arg(in.decision->packId, in.decision->packVersion, in.decision->packSha256)));
    h += QStringLiteral("<p><b>%1</b></p>").arg(esc(Labels::disclaimer()));
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
