// SPDX-License-Identifier: GPL-3.0-or-later
// The decision's own resources in the FHIR R4 export (exchange/FhirExport.h, docs/fhir.md#export):
// ClinicalImpression (pack + deciding criteria), RequestGroup (arms, sub-options, options with
// verdicts and citations) and CarePlan (the decision), after the MII tumour-board pattern
// (docs/fhir.md#pattern).
#include "exchange/FhirExportParts.h"
#include "rules/RulePack.h"

namespace consilium::fhir::detail {

namespace {

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

// The criteria that decide a group's verdict (docs/result-format.md#verdicts): every applicable
// exclusion, and each caution that fires (not_met) or is not yet checked (unknown).
QJsonArray decidingCriteria(const QJsonObject &group)
{
    QJsonArray out;
    const QJsonArray all = group.value(QStringLiteral("criteria")).toArray();
    for (const auto &v : all) {
        const QJsonObject cr = v.toObject();
        const QString state = str(cr, "state");
        if (state == QLatin1String("not_applicable"))
            continue;
        if (str(cr, "severity") == QLatin1String("exclusion") || state == QLatin1String("not_met")
            || state == QLatin1String("unknown"))
            out.append(cr);
    }
    return out;
}

// What stood in the way: criteria that are not met or unknown.
QJsonArray openCriteria(const QJsonObject &group)
{
    QJsonArray out;
    const QJsonArray all = group.value(QStringLiteral("criteria")).toArray();
    for (const auto &v : all) {
        const QString state = str(v.toObject(), "state");
        if (state == QLatin1String("not_met") || state == QLatin1String("unknown"))
            out.append(v);
    }
    return out;
}

QJsonObject groupOf(const QJsonObject &result, const QString &key)
{
    const QJsonObject arms = result.value(QStringLiteral("arms")).toObject();
    const qsizetype slash = key.indexOf(QLatin1Char('/'));
    const QJsonObject arm = arms.value(key.left(slash < 0 ? key.size() : slash)).toObject();
    return slash < 0 ? arm : arm.value(QStringLiteral("sub_options")).toObject().value(key.mid(slash + 1)).toObject();
}

QJsonObject finding(const ExportContext &c, const QString &group, const QJsonObject &cr)
{
    const QString id = str(cr, "id");
    QString basis = QStringLiteral("%1: %2 (%3); source: %4; evidence: %5")
                        .arg(group, str(cr, "state"), str(cr, "severity"), str(cr, "source"), str(cr, "evidence"));
    for (const ExportOverride &o : c.decision.overrides) {
        if (o.criterionId == id)
            basis += QStringLiteral("; overridden (%1): %2").arg(o.reasonCode, o.text);
    }
    QJsonObject item = codeable(coding(url::codeSystem("criterion"), id), str(cr, "explanation"));
    return QJsonObject { { QStringLiteral("extension"),
                             QJsonArray { QJsonObject { { QStringLiteral("url"), url::extension("criterion-state") },
                                 { QStringLiteral("valueCode"), str(cr, "state") } } } },
        { QStringLiteral("itemCodeableConcept"), item }, { QStringLiteral("basis"), basis } };
}

QString verdictSummary(const ExportContext &c)
{
    QStringList parts;
    for (const ArmDef &arm : c.pack.arms()) {
        const QJsonObject g = groupOf(c.result, arm.id);
        parts << QStringLiteral("%1: %2").arg(arm.id, str(g, "verdict"));
        for (const SubOption &s : arm.subOptions) {
            const QString key = arm.id + QLatin1Char('/') + s.id;
            parts << QStringLiteral("%1: %2").arg(key, str(groupOf(c.result, key), "verdict"));
        }
    }
    return parts.join(QStringLiteral("; "));
}

QJsonObject citation(const QString &label, const QString &source, const QString &evidence)
{
    QJsonObject a { { QStringLiteral("type"), QStringLiteral("citation") }, { QStringLiteral("label"), label },
        { QStringLiteral("citation"), source } };
    if (!evidence.isEmpty())
        a.insert(QStringLiteral("extension"), QJsonArray { extensionString("evidence", evidence) });
    return a;
}

// One RequestGroup action: a verdict group (arm, sub-option) or an option.
QJsonObject action(const char *system, const QString &code, const QJsonObject &group, QJsonArray documentation)
{
    const QJsonArray deciding = decidingCriteria(group);
    for (const auto &v : deciding) {
        const QJsonObject cr = v.toObject();
        if (!str(cr, "source").isEmpty())
            documentation.append(citation(str(cr, "id"), str(cr, "source"), str(cr, "evidence")));
    }
    QJsonObject a { { QStringLiteral("title"), str(group, "label") },
        { QStringLiteral("code"), QJsonArray { codeable(coding(url::codeSystem(system), code)) } },
        { QStringLiteral("extension"), QJsonArray { extensionString("verdict", str(group, "verdict")) } } };
    if (!documentation.isEmpty())
        a.insert(QStringLiteral("documentation"), documentation);
    return a;
}

QJsonArray optionActions(const ExportContext &c, const QJsonObject &arm)
{
    QJsonArray out;
    const QJsonArray options = arm.value(QStringLiteral("options")).toArray();
    for (const auto &v : options) {
        const QJsonObject opt = v.toObject();
        QJsonArray docs;
        for (const OptionDef &def : c.pack.options()) {
            if (def.id == str(opt, "id") && !def.source.isEmpty())
                docs.append(citation(def.id, def.source, def.evidence));
        }
        // The arm's criteria are cited on the arm's action; an option cites its own.
        QJsonObject own = opt;
        QJsonArray criteria;
        const QJsonArray optionCriteria = opt.value(QStringLiteral("criteria")).toArray();
        for (const auto &cr : optionCriteria) {
            if (str(cr.toObject(), "origin") == QLatin1String("option"))
                criteria.append(cr);
        }
        own.insert(QStringLiteral("criteria"), criteria);
        QJsonObject a = action("option", str(opt, "id"), own, docs);
        QJsonArray ext = a.value(QStringLiteral("extension")).toArray();
        ext.append(extensionString("option-kind", str(opt, "kind")));
        a.insert(QStringLiteral("extension"), ext);
        out.append(a);
    }
    return out;
}

} // namespace

// ClinicalImpression: the evaluation the decision was taken on (docs/fhir.md#clinicalimpression).
QJsonObject clinicalImpression(ExportContext &c)
{
    const ExportDecision &d = c.decision;
    QJsonArray findings;
    if (d.outcome == QLatin1String("arm")) {
        const QJsonArray deciding = decidingCriteria(groupOf(c.result, d.chosenArm));
        for (const auto &v : deciding)
            findings.append(finding(c, d.chosenArm, v.toObject()));
    } else {
        for (const ArmDef &arm : c.pack.arms()) {
            const QJsonArray open = openCriteria(groupOf(c.result, arm.id));
            for (const auto &v : open)
                findings.append(finding(c, arm.id, v.toObject()));
        }
    }
    QJsonObject ci { { QStringLiteral("resourceType"), QStringLiteral("ClinicalImpression") },
        { QStringLiteral("status"), d.finalised ? QStringLiteral("completed") : QStringLiteral("in-progress") },
        { QStringLiteral("description"),
            QStringLiteral("Consilium evaluation of case %1 version %2").arg(d.caseId).arg(d.caseVersion) },
        { QStringLiteral("subject"), c.ref("Patient") },
        { QStringLiteral("effectiveDateTime"), str(c.result, "as_of") },
        { QStringLiteral("date"), instant(d.createdAt) },
        { QStringLiteral("problem"), QJsonArray { c.ref("Condition") } },
        { QStringLiteral("protocol"), QJsonArray { c.packUrn() } }, { QStringLiteral("summary"), verdictSummary(c) } };
    if (!findings.isEmpty())
        ci.insert(QStringLiteral("finding"), findings);
    return ci;
}

// RequestGroup: one action per arm, nested actions for its sub-options and options.
QJsonObject requestGroup(ExportContext &c)
{
    QJsonArray actions;
    for (const ArmDef &arm : c.pack.arms()) {
        const QJsonObject g = groupOf(c.result, arm.id);
        QJsonObject a = action("arm", arm.id, g, {});
        QJsonArray nested;
        for (const SubOption &s : arm.subOptions) {
            const QString key = arm.id + QLatin1Char('/') + s.id;
            nested.append(action("arm", key, groupOf(c.result, key), {}));
        }
        const QJsonArray options = optionActions(c, g);
        for (const auto &v : options)
            nested.append(v);
        if (!nested.isEmpty())
            a.insert(QStringLiteral("action"), nested);
        actions.append(a);
    }
    return QJsonObject { { QStringLiteral("resourceType"), QStringLiteral("RequestGroup") },
        { QStringLiteral("status"), c.decision.finalised ? QStringLiteral("active") : QStringLiteral("draft") },
        { QStringLiteral("intent"), QStringLiteral("proposal") }, { QStringLiteral("subject"), c.ref("Patient") },
        { QStringLiteral("authoredOn"), instant(c.decision.createdAt) }, { QStringLiteral("action"), actions } };
}

namespace {

QJsonArray notes(const ExportDecision &d)
{
    QJsonArray out;
    if (!d.rationale.isEmpty())
        out.append(QJsonObject { { QStringLiteral("text"), QStringLiteral("Rationale: ") + d.rationale } });
    for (const ExportPosition &p : d.positions) {
        if (p.stance != QLatin1String("disagree"))
            continue;
        QJsonObject n { { QStringLiteral("authorString"), QStringLiteral("%1 (%2)").arg(p.participant, p.role) },
            { QStringLiteral("text"),
                QStringLiteral("Dissent (%1, %2): %3")
                    .arg(p.role, p.participant, p.reason.isEmpty() ? QStringLiteral("no reason given") : p.reason) } };
        if (const QString t = instant(p.recordedAt); !t.isEmpty())
            n.insert(QStringLiteral("time"), t);
        out.append(n);
    }
    return out;
}

} // namespace

// CarePlan: the decision (docs/fhir.md#careplan).
QJsonObject carePlan(ExportContext &c)
{
    const ExportDecision &d = c.decision;
    const bool arm = d.outcome == QLatin1String("arm");
    QString status = QStringLiteral("draft");
    if (d.finalised)
        status = arm ? QStringLiteral("active") : QStringLiteral("on-hold");
    const QString label = arm ? groupLabel(c.result, d.chosenArm) : QString();
    QJsonObject cp { { QStringLiteral("resourceType"), QStringLiteral("CarePlan") },
        { QStringLiteral("identifier"),
            QJsonArray { QJsonObject { { QStringLiteral("system"), url::namingSystem("decision-id") },
                { QStringLiteral("value"), QString::number(d.id) } } } },
        { QStringLiteral("status"), status }, { QStringLiteral("intent"), QStringLiteral("plan") },
        { QStringLiteral("title"), QStringLiteral("Conference decision %1").arg(d.id) },
        { QStringLiteral("description"),
            arm ? QStringLiteral("Chosen: %1 (%2)").arg(label, d.chosenArm)
                : (d.outcome == QLatin1String("deferred") ? QStringLiteral("Deferred: no arm chosen")
                                                          : QStringLiteral("Pending: no outcome recorded")) },
        { QStringLiteral("subject"), c.ref("Patient") }, { QStringLiteral("created"), instant(d.createdAt) },
        { QStringLiteral("addresses"), QJsonArray { c.ref("Condition") } },
        { QStringLiteral("supportingInfo"), QJsonArray { c.ref("ClinicalImpression") } },
        { QStringLiteral("extension"), QJsonArray { extensionString("decision-outcome", d.outcome) } } };
    if (!d.createdBy.isEmpty())
        cp.insert(QStringLiteral("author"), QJsonObject { { QStringLiteral("display"), d.createdBy } });
    if (d.correctsId)
        cp.insert(QStringLiteral("replaces"),
            QJsonArray { QJsonObject {
                { QStringLiteral("reference"), resourceUrn(*d.correctsId, QStringLiteral("CarePlan")) } } });
    // As the MII tumour-board CarePlan (docs/fhir.md#pattern): the evaluated arms as a RequestGroup
    // in activity.reference; the chosen arm as a second activity's detail.
    QJsonArray activity { QJsonObject { { QStringLiteral("reference"), c.ref("RequestGroup") } } };
    if (arm)
        activity.append(QJsonObject { { QStringLiteral("detail"),
            QJsonObject { { QStringLiteral("status"), QStringLiteral("not-started") },
                { QStringLiteral("code"), codeable(coding(url::codeSystem("arm"), d.chosenArm), label) },
                { QStringLiteral("description"), label } } } });
    cp.insert(QStringLiteral("activity"), activity);
    if (const QJsonArray n = notes(d); !n.isEmpty())
        cp.insert(QStringLiteral("note"), n);
    return cp;
}

} // namespace consilium::fhir::detail
