// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/PackProvenance.h"
#include "store/Decisions.h"
#include "store/FollowUps.h"
#include "store/SiteOptions.h"

#include <QCoreApplication>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

class QPagedPaintDevice;
class QTextDocument;

namespace consilium {

class CaseDocument;
class Engine;
class Evaluation;
class RulePack;

// Everything a report is made of: the evaluated case and, if there is one, its decision.
struct ReportInput {
    const Engine *engine = nullptr;
    // The report's own copy (copyEvaluation): the window replaces its evaluation on every edit and
    // on a language change, which can happen while the report is built (its charts are laid out
    // through posted events), so the report never points at the window's.
    std::shared_ptr<const Evaluation> evaluation;
    void copyEvaluation(const Evaluation *e);
    const CaseDocument *document = nullptr;
    QString header; // the one-line case summary
    int version = 0; // stored version, 0 = unsaved
    std::optional<Decision> decision;
    std::optional<Conference> conference;
    PackProvenance provenance; // how the engine's pack was loaded
    SiteOptions siteOptions; // which options this centre offers (Session::siteOptions())
    // The site's follow-up counts per arm (FollowUps::localOutcomes, issue 14) for "Outcomes at
    // this site beside the literature"; nullopt and no error: not read, no section.
    std::optional<std::vector<FollowUps::ArmOutcomes>> localOutcomes;
    QString localOutcomesError;
};

// The A4 conference report: case summary, comparison, decisive criteria with sources,
// derived values, timeline and toxicity charts, the decision with participants and
// overrides, the rule pack's identity, and the disclaimer in the footer of every page.
class ConferenceReport
{
    Q_DECLARE_TR_FUNCTIONS(consilium::ConferenceReport)

public:
    static void build(const ReportInput &input, QTextDocument &document);
    static bool writePdf(const ReportInput &input, const QString &path, QString &error);
    static int paint(const ReportInput &input, QPagedPaintDevice &device);
    // An explanation with the result fields it points at ("derived.washout_end_dates") named as
    // the report shows them.
    static QString readable(const RulePack &pack, const QString &text);

private:
    // The sections of build, in order (the middle ones only when there is a result).
    static QString titleSection(const ReportInput &in);
    static QString caseSection(const ReportInput &in);
    static QString comparisonSection(const ReportInput &in, const Evaluation *e);
    static QString criteriaSection(const ReportInput &in, const Evaluation *e);
    static QString derivedSection(const ReportInput &in, const Evaluation *e);
    static QString washoutSection(const RulePack &pack, const Evaluation *e);
    static QString chartSection(const Evaluation *e, QTextDocument &doc);
    static QString decisionSection(const ReportInput &in);
    static QString packSection(const ReportInput &in);
};

} // namespace consilium
