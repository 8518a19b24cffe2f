// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/DecisionExport.h"

#include "rules/RulePack.h"
#include "store/CanonicalJson.h"
#include "store/Decisions.h"
#include "store/Replay.h"

namespace consilium {

namespace {

fhir::ExportDecision exportView(const Decision &d)
{
    fhir::ExportDecision e;
    e.id = d.id;
    e.caseId = d.caseId;
    e.caseVersion = d.caseVersion;
    e.resultJson = d.resultJson;
    e.outcome = d.outcome;
    e.chosenArm = d.chosenArm;
    e.rationale = d.rationale;
    e.finalised = d.finalised;
    e.correctsId = d.correctsId;
    e.createdAt = d.createdAt;
    e.createdBy = d.createdBy;
    e.finalisedAt = d.finalisedAt;
    e.finalisedBy = d.finalisedBy;
    for (const Position &p : d.positions)
        e.positions.push_back({ p.participant, p.role, stanceName(p.stance), p.reason, p.recordedAt, p.recordedBy });
    for (const CriterionOverride &o : d.overrides)
        e.overrides.push_back({ o.criterionId, o.reasonCode, o.text });
    return e;
}

} // namespace

StoreResult<fhir::ExportResult> exportDecisionFhir(CaseStore &store, qint64 decisionId)
{
    const auto pinned = pinnedDecision(store, decisionId);
    if (!pinned)
        return pinned.error();
    fhir::ExportDecision view = exportView(pinned.value().decision);
    view.caseJson = pinned.value().caseContent;
    fhir::ExportResult result = fhir::exportDecision(view, *pinned.value().pack);
    if (!result.ok())
        return storeFailure(StoreErrc::InvalidCase, result.error);
    return result;
}

StoreResult<void> auditFhirExport(CaseStore &store, qint64 decisionId, const QByteArray &bundle, const QString &to)
{
    if (!store.isWriter())
        return storeSuccess();
    WriteTransaction tx(store);
    StoreResult<void> done = tx.begun();
    if (done)
        done = store.audit(QStringLiteral("decision.fhir-exported"), QStringLiteral("decision"),
            QString::number(decisionId), {}, sha256Hex(bundle), QStringLiteral("FHIR R4 Bundle to %1").arg(to));
    if (done)
        done = tx.commit();
    return done;
}

} // namespace consilium
