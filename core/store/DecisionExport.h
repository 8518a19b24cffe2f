// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "exchange/FhirExport.h"
#include "store/CaseStore.h"

namespace consilium {

// A stored decision as a FHIR R4 Bundle (docs/fhir.md#export, exchange/FhirExport.h): the
// decision, its case version and the rule pack it pinned (by sha256) are loaded from the store.
// An unknown id is StoreErrc::NotFound; a pinned pack that no longer loads StoreErrc::InvalidPack.
StoreResult<fhir::ExportResult> exportDecisionFhir(CaseStore &store, qint64 decisionId);

// Records the export in the audit log ("decision.fhir-exported", after-hash: the bundle's
// SHA-256, detail: where it went) when the store is a writer; a read-only store records nothing
// (the caller says so, as for `db export`).
StoreResult<void> auditFhirExport(CaseStore &store, qint64 decisionId, const QByteArray &bundle, const QString &to);

} // namespace consilium
