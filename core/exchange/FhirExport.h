// SPDX-License-Identifier: GPL-3.0-or-later
// Export of one conference decision as a FHIR R4 Bundle (type collection), docs/fhir.md#export
// (issue 14): a pseudonymous Patient, the Condition, the case's key inputs as Observations
// (LOINC + UCUM from the pack's codes, resources/packs/FORMAT.md "Codes for exchange"), a
// ClinicalImpression (the pack in `protocol`, the deciding criteria as findings), a RequestGroup
// of the arms and their options, the CarePlan of the decision and the Provenance of its
// finalisation. Nothing is invented: a value without a code or a UCUM spelling is left out and
// named in `notExported`. Qt6::Core only: the store's adapter (store/DecisionExport.h) fills
// ExportDecision.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace consilium {
class RulePack;
} // namespace consilium

namespace consilium::fhir {

// The URLs and URNs the export defines (docs/fhir.md#urls).
namespace url {
inline constexpr char kBase[] = "https://consilium.invalid/fhir";
QString codeSystem(const char *name); // kBase + "/CodeSystem/" + name
QString extension(const char *name); // kBase + "/StructureDefinition/" + name
QString namingSystem(const char *name); // kBase + "/NamingSystem/" + name
// "urn:consilium:pack:<id>:<version>:sha256:<hex>": ClinicalImpression.protocol, Provenance.policy.
QString packUrn(const QString &id, const QString &version, const QString &sha256);
} // namespace url

struct ExportPosition {
    QString participant;
    QString role;
    QString stance; // "agree", "disagree", "abstain" (Decisions.h stanceName)
    QString reason;
    QString recordedAt;
    QString recordedBy;
};

struct ExportOverride {
    QString criterionId;
    QString reasonCode;
    QString text;
};

// A decision as stored (docs/store.md, decisions), without the store's types.
struct ExportDecision {
    qint64 id = 0;
    QString caseId;
    int caseVersion = 0;
    QByteArray caseJson; // the decided case version, consilium-case/1
    QByteArray resultJson; // the full consilium-result/1 pinned at decision time
    QString outcome; // "pending", "arm" or "deferred"
    QString chosenArm; // "autologous_car_t" or "standard_care/ahsct"; empty unless outcome is "arm"
    QString rationale;
    bool finalised = false;
    std::optional<qint64> correctsId;
    QString createdAt; // ISO 8601 UTC
    QString createdBy;
    QString finalisedAt;
    QString finalisedBy;
    std::vector<ExportPosition> positions;
    std::vector<ExportOverride> overrides;
};

struct ExportResult {
    QString error; // non-empty: nothing was exported (the case or the result does not read)
    QByteArray bundle; // indented JSON, "\n" at the end; byte-identical for the same decision
    QStringList notExported; // "<variable>: <why>" for each value of the case left out
    bool ok() const { return error.isEmpty(); }
};

// `pack` is the pack the decision pinned (its sha256 is the result's).
ExportResult exportDecision(const ExportDecision &decision, const RulePack &pack);

// The urn:uuid of one resource of a decision's export: UUID v5 of "decision/<id>/<kind>" in
// the export's namespace (docs/fhir.md#export), so a correction's `replaces` names the
// CarePlan of the decision it corrects.
QString resourceUrn(qint64 decisionId, const QString &kind);

} // namespace consilium::fhir
