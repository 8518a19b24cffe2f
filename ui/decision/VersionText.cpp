// SPDX-License-Identifier: GPL-3.0-or-later
#include "decision/VersionText.h"

#include "common/Labels.h"
#include "decision/HistoryPanel.h"
#include "editor/FactField.h"
#include "editor/MedicationModel.h"
#include "rules/RulePack.h"

#include <QJsonArray>
#include <QStringList>

#include <utility>

namespace consilium {

QString factText(const QJsonValue &v)
{
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        QString text;
        const QString status = o.value(QStringLiteral("status")).toString();
        if (status == QLatin1String("not_evaluated"))
            text = Labels::notEvaluated();
        else if (status == QLatin1String("unknown"))
            text = Labels::unknown();
        else
            text = factText(o.value(QStringLiteral("value")))
                + (o.contains(QStringLiteral("unit"))
                        ? QLatin1Char(' ') + FactField::displayUnit(o.value(QStringLiteral("unit")).toString())
                        : QString());
        if (o.contains(QStringLiteral("date")))
            text += QStringLiteral(" (%1)").arg(o.value(QStringLiteral("date")).toString());
        return text;
    }
    if (v.isBool())
        return v.toBool() ? HistoryPanel::tr("yes") : HistoryPanel::tr("no");
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 10);
    if (v.isUndefined() || v.isNull())
        return HistoryPanel::tr("(not entered)");
    return v.toString();
}

QString agentsText(const RulePack &pack, const QJsonValue &list, bool medications)
{
    if (list.isUndefined())
        return HistoryPanel::tr("(not recorded)");
    QStringList names;
    const QJsonArray items = list.toArray();
    for (const auto &a : items) {
        names << AgentNames::nameOf(
            pack, medications ? a.toObject().value(QStringLiteral("agent")).toString() : a.toString());
    }
    return names.isEmpty() ? HistoryPanel::tr("none") : names.join(QStringLiteral(", "));
}

QString versionChangesHtml(const RulePack &pack, const QJsonObject &was, const QJsonObject &now, int beforeVersion)
{
    const QJsonObject nowFacts = now.value(QStringLiteral("facts")).toObject();
    const QJsonObject wasFacts = was.value(QStringLiteral("facts")).toObject();
    QStringList changes;
    const std::pair<const char *, QString> meta[] = { { "label", HistoryPanel::tr("Label") },
        { "as_of", HistoryPanel::tr("As of") }, { "jurisdiction", HistoryPanel::tr("Jurisdiction") } };
    for (const auto &[key, label] : meta) {
        const QJsonValue a = was.value(QLatin1String(key));
        const QJsonValue b = now.value(QLatin1String(key));
        if (a != b)
            changes << QStringLiteral("%1: %2 → %3").arg(label, factText(a), factText(b));
    }
    for (const Variable &var : pack.variables()) {
        const QJsonValue a = wasFacts.value(var.id);
        const QJsonValue b = nowFacts.value(var.id);
        if (a != b)
            changes << QStringLiteral("%1: %2 → %3").arg(var.label, factText(a), factText(b));
    }
    for (const char *key : { "medications", "failed_therapies" }) {
        const bool medications = qstrcmp(key, "medications") == 0;
        const QJsonValue a = was.value(QLatin1String(key));
        const QJsonValue b = now.value(QLatin1String(key));
        if (a != b)
            changes << QStringLiteral("%1: %2 → %3")
                           .arg(medications ? HistoryPanel::tr("Medications") : HistoryPanel::tr("Failed therapies"),
                               agentsText(pack, a, medications), agentsText(pack, b, medications));
    }
    QString html
        = QStringLiteral("<p><b>%1</b></p>").arg(HistoryPanel::tr("Changes from version %1:").arg(beforeVersion));
    if (changes.isEmpty())
        return html + QStringLiteral("<p>%1</p>").arg(HistoryPanel::tr("No change in the data."));
    html += QStringLiteral("<ul>");
    for (const QString &c : std::as_const(changes))
        html += QStringLiteral("<li>%1</li>").arg(c.toHtmlEscaped());
    return html + QStringLiteral("</ul>");
}

QString versionDataHtml(const RulePack &pack, const QJsonObject &now)
{
    const QJsonObject nowFacts = now.value(QStringLiteral("facts")).toObject();
    QString html = QStringLiteral("<p><b>%1</b></p><ul>").arg(HistoryPanel::tr("Data of this version:"));
    html += QStringLiteral("<li>%1</li>")
                .arg(HistoryPanel::tr("As of %1 · %2")
                         .arg(now.value(QStringLiteral("as_of")).toString(),
                             Labels::jurisdiction(now.value(QStringLiteral("jurisdiction")).toString()))
                         .toHtmlEscaped());
    for (const Variable &var : pack.variables()) {
        if (nowFacts.contains(var.id))
            html += QStringLiteral("<li>%1: %2</li>")
                        .arg(var.label.toHtmlEscaped(), factText(nowFacts.value(var.id)).toHtmlEscaped());
    }
    html += QStringLiteral("<li>%1: %2</li>")
                .arg(HistoryPanel::tr("Medications"),
                    agentsText(pack, now.value(QStringLiteral("medications")), true).toHtmlEscaped());
    html += QStringLiteral("<li>%1: %2</li>")
                .arg(HistoryPanel::tr("Failed therapies"),
                    agentsText(pack, now.value(QStringLiteral("failed_therapies")), false).toHtmlEscaped());
    html += QStringLiteral("</ul>");
    return html;
}

} // namespace consilium
