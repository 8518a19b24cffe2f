// SPDX-License-Identifier: GPL-3.0-or-later
// Internal parts of the FHIR export (exchange/FhirExport.h, docs/fhir.md#export): the state one
// export shares between the resources it writes.
#pragma once

#include "case/CaseData.h"
#include "exchange/FhirExport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace consilium::fhir::detail {

struct ExportContext {
    ExportContext(const ExportDecision &d, const RulePack &p, const CaseData &c, const QJsonObject &r)
        : decision(d), pack(p), caseData(c), result(r)
    { }
    const ExportDecision &decision;
    const RulePack &pack;
    const CaseData &caseData;
    QJsonObject result; // the pinned consilium-result/1
    QStringList notExported;

    QString urn(const char *kind) const { return resourceUrn(decision.id, QLatin1String(kind)); }
    QJsonObject ref(const char *kind) const { return QJsonObject { { QStringLiteral("reference"), urn(kind) } }; }
    QString packUrn() const;
};

QJsonObject coding(const QString &system, const QString &code, const QString &display = {});
QJsonObject codeable(const QJsonObject &coding, const QString &text = {});
QJsonObject extensionString(const char *name, const QString &value);
// A FHIR instant from a stored ISO 8601 UTC timestamp (milliseconds kept), empty when unreadable.
QString instant(const QString &stored);
// The arm's or sub-option's label in the result ("standard_care/ahsct").
QString groupLabel(const QJsonObject &result, const QString &group);

QJsonObject clinicalImpression(ExportContext &c);
QJsonObject requestGroup(ExportContext &c);
QJsonObject carePlan(ExportContext &c);

} // namespace consilium::fhir::detail
