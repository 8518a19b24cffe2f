// SPDX-License-Identifier: GPL-3.0-or-later
#include "decision/FollowUpText.h"

#include "common/Html.h"
#include "common/Labels.h"
#include "common/Session.h"
#include "compare/ResultText.h"
#include "rules/RulePack.h"

#include <QDateTime>

namespace consilium {

namespace {

struct Named {
    const char *code;
    const char *text;
};

QString lookup(const Named *begin, const Named *end, const QString &code)
{
    for (const Named *n = begin; n != end; ++n) {
        if (code == QLatin1String(n->code))
            return FollowUpText::tr(n->text);
    }
    QString text = code; // a code added to the store later: readable, untranslated
    return text.replace(QLatin1Char('_'), QLatin1Char(' '));
}

} // namespace

QString FollowUpText::reason(const QString &code)
{
    static const Named names[] = {
        { "patient_declined", QT_TR_NOOP("patient declined") },
        { "not_eligible_anymore", QT_TR_NOOP("no longer eligible") },
        { "no_slot", QT_TR_NOOP("no treatment slot") },
        { "insurer_refused", QT_TR_NOOP("insurer refused") },
        { "deteriorated", QT_TR_NOOP("condition deteriorated") },
        { "died", QT_TR_NOOP("patient died") },
        { "other", QT_TR_NOOP("other reason") },
    };
    return lookup(std::begin(names), std::end(names), code);
}

QString FollowUpText::response(const QString &code)
{
    static const Named names[] = {
        { "complete_remission", QT_TR_NOOP("complete remission") },
        { "partial_response", QT_TR_NOOP("partial response") },
        { "no_response", QT_TR_NOOP("no response") },
        { "progression", QT_TR_NOOP("progression") },
        { "not_evaluable", QT_TR_NOOP("not evaluable") },
    };
    return code.isEmpty() ? unknown() : lookup(std::begin(names), std::end(names), code);
}

QString FollowUpText::due(const QString &what)
{
    static const Named names[] = {
        { "follow-up", QT_TR_NOOP("follow-up record") },
        { "day 28", QT_TR_NOOP("day 28 outcomes") },
        { "day 100", QT_TR_NOOP("day 100 outcomes") },
    };
    return lookup(std::begin(names), std::end(names), what);
}

QString FollowUpText::unknown()
{
    return tr("unknown");
}

QStringList FollowUpText::toxicityGrades()
{
    return { QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"), QStringLiteral("4"),
        QStringLiteral("5") };
}

QStringList FollowUpText::icahtGrades()
{
    return { QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"), QStringLiteral("4") };
}

QString FollowUpText::grade(const QString &grade)
{
    if (grade.isEmpty())
        return unknown();
    if (grade == QLatin1String("0"))
        return tr("grade 0 (none)");
    if (grade == QLatin1String("5"))
        return tr("grade 5 (fatal)");
    return tr("grade %1").arg(grade);
}

QString FollowUpText::lymphodepletion(const QString &regimen)
{
    // The regimen ids of the pack's options (resources/packs/FORMAT.md, "Options").
    static const Named names[] = {
        { "flu_cy", QT_TR_NOOP("fludarabine + cyclophosphamide") },
        { "cy_only", QT_TR_NOOP("cyclophosphamide only") },
        { "bendamustine", QT_TR_NOOP("bendamustine") },
        { "none", QT_TR_NOOP("no lymphodepletion") },
    };
    for (const Named &n : names) {
        if (regimen == QLatin1String(n.code))
            return tr(n.text);
    }
    return regimen;
}

QString FollowUpText::yesNo(const std::optional<bool> &value)
{
    return !value ? unknown() : (*value ? tr("yes") : tr("no"));
}

QString FollowUpText::localTime(const QString &utc)
{
    const QDateTime t = QDateTime::fromString(utc, Qt::ISODateWithMs);
    return t.isValid() ? t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : utc;
}

QString FollowUpText::armOption(const QString &arm, const QString &option, const RulePack *pack)
{
    QString text = Labels::group(arm);
    if (option.isEmpty())
        return text;
    QString name = option;
    if (pack) {
        for (const OptionDef &o : pack->options()) {
            if (o.id == option)
                name = ResultText::optionLabel(*pack, o);
        }
    }
    return text + QStringLiteral(" · ") + name;
}

QString FollowUpText::summary(const FollowUp &f, const RulePack *pack)
{
    if (f.status == FollowUpStatus::NotCarriedOut)
        return tr("Not carried out: %1").arg(reason(f.notCarriedReason));
    QString text
        = f.treatedOn.isEmpty() ? tr("Carried out (date not recorded)") : tr("Carried out %1").arg(f.treatedOn);
    text += QStringLiteral(" · ") + armOption(f.arm, f.option, pack);
    QStringList days;
    for (const FollowUpOutcome &o : f.outcomes)
        days << tr("day %1").arg(o.day);
    if (!days.isEmpty())
        text += QStringLiteral(" · ") + tr("outcomes: %1").arg(days.join(QStringLiteral(", ")));
    return text;
}

QString FollowUpText::outcomeHtml(const FollowUpOutcome &o)
{
    auto event = [](const ToxicityEvent &e) {
        QString s = grade(e.grade);
        if (!e.onset.isEmpty())
            s += QStringLiteral(", ") + tr("onset %1").arg(e.onset);
        if (!e.resolved.isEmpty())
            s += QStringLiteral(", ") + tr("resolved %1").arg(e.resolved);
        return s;
    };
    QString infection = yesNo(o.infectionGrade3plus);
    if (!o.infectionText.isEmpty())
        infection += QStringLiteral(" (") + o.infectionText + QLatin1Char(')');
    QString death = yesNo(o.died);
    if (!o.deathDate.isEmpty())
        death += QStringLiteral(" (") + o.deathDate + QLatin1Char(')');
    const std::pair<QString, QString> items[] = {
        { tr("Assessed on"), o.assessedOn.isEmpty() ? unknown() : o.assessedOn },
        { tr("CRS"), event(o.crs) },
        { tr("ICANS"), event(o.icans) },
        { tr("ICAHT"), grade(o.icahtGrade) },
        { tr("Infection grade ≥ 3"), infection },
        { tr("Response"), response(o.response) },
        { tr("Died"), death },
    };
    QString h = QStringLiteral("<p><b>%1</b></p><ul>").arg(htmlEscaped(tr("Day %1").arg(o.day)));
    for (const auto &[label, value] : items)
        h += QStringLiteral("<li>%1: %2</li>").arg(htmlEscaped(label), htmlEscaped(value));
    return h + QStringLiteral("</ul>");
}

QString FollowUpText::html(const FollowUp &f, const RulePack *pack)
{
    QString h = QStringLiteral("<p><b>%1</b> %2</p>").arg(htmlEscaped(tr("Follow-up:")), htmlEscaped(summary(f, pack)));
    h += QStringLiteral("<p>%1</p>")
             .arg(htmlEscaped(tr("Recorded %1 by %2").arg(localTime(f.recordedAt), f.recordedBy)));
    if (f.status == FollowUpStatus::NotCarriedOut) {
        if (!f.notCarriedText.isEmpty())
            h += QStringLiteral("<p>%1</p>").arg(htmlEscaped(f.notCarriedText));
        return h;
    }
    QStringList details;
    if (!f.lotOrTrialId.isEmpty())
        details << tr("lot or trial id %1").arg(f.lotOrTrialId);
    details
        << tr("lymphodepletion: %1").arg(f.lymphodepletion.isEmpty() ? unknown() : lymphodepletion(f.lymphodepletion));
    h += QStringLiteral("<p>%1</p>").arg(htmlEscaped(details.join(QStringLiteral(" · "))));
    for (const FollowUpOutcome &o : f.outcomes)
        h += outcomeHtml(o);
    return h;
}

QString FollowUpText::cell(Session &session, qint64 decisionId)
{
    const auto latest = session.followUps().latest(decisionId);
    if (!latest)
        return tr("cannot be read");
    if (!latest.value())
        return tr("none yet");
    const FollowUp &f = *latest.value();
    if (f.status == FollowUpStatus::NotCarriedOut)
        return tr("not carried out");
    return f.treatedOn.isEmpty() ? tr("carried out") : tr("treated %1").arg(f.treatedOn);
}

QString FollowUpText::history(Session &session, const Decision &d)
{
    const auto latest = session.followUps().latest(d.id);
    if (!latest)
        return QStringLiteral("<p><b>%1</b> %2</p>")
            .arg(htmlEscaped(tr("Follow-up:")), htmlEscaped(latest.error().message));
    if (!latest.value())
        return QStringLiteral("<p><b>%1</b> %2</p>")
            .arg(htmlEscaped(tr("Follow-up:")), htmlEscaped(tr("none recorded yet.")));
    // The arm and option are named from the decision's pack when it is the active one.
    return html(*latest.value(), d.packSha256 == session.pack().sha256() ? &session.pack() : nullptr);
}

} // namespace consilium
