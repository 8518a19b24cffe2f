// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/FollowUps.h"

#include <QVariant>

#include <utility>
#include <vector>

// Shared by FollowUps*.cpp only.
namespace consilium {

inline constexpr char kFollowUpFormat[] = "consilium-follow-up/1";

// The scales a follow-up record is graded on (issue 14, "Follow-up of each decision"; their
// definitions are the ASTCT consensus for CRS and ICANS and the EHA/EBMT consensus for ICAHT):
// the highest grade of each scale, and the grade from which an event counts as severe in the
// local outcomes ("grade >= 3" in the issue). Scale bounds, not clinical thresholds.
inline constexpr int kMaxToxicityGrade = 5; // CRS, ICANS: 1-4, 5 = fatal; 0 = none
inline constexpr int kMaxIcahtGrade = 4;
inline constexpr int kSevereGrade = 3;

class SqlStatement;

// A row of follow_ups read by a statement that selects id, decision_id, content, recorded_at
// and recorded_by; StoreErrc::Corrupt when its stored content cannot be read.
StoreResult<FollowUp> followUpFromRow(const SqlStatement &q);

// The record without id, decision and recorder: what the follow_ups row stores and hashes.
QByteArray followUpContent(const FollowUp &f);

// One row of the registry extract (docs/registry.md): its fields in order, each a QString, an
// int (a grade), a bool, or null (unknown).
using RegistryRow = std::vector<std::pair<QString, QVariant>>;
RegistryRow registryRow(const FollowUp &f, const QString &caseId, const QByteArray &caseContent,
    const QByteArray &resultJson, const QString &packId, const QString &packVersion);
QByteArray registryCsv(const std::vector<RegistryRow> &rows);
QByteArray registryJson(const std::vector<RegistryRow> &rows);

} // namespace consilium
