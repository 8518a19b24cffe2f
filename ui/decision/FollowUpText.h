// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/FollowUps.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace consilium {

class RulePack;
class Session;
struct Decision;

// The words of the follow-up (issue 14, "Follow-up of each decision"): translated labels of the
// store's codes (FollowUps::notCarriedReasons(), responses(), the due list's "what") and the
// summaries the history panel shows.
class FollowUpText
{
    Q_DECLARE_TR_FUNCTIONS(consilium::FollowUpText)

public:
    static QString reason(const QString &code);
    static QString response(const QString &code);
    static QString due(const QString &what); // "follow-up", "day 28", "day 100"
    static QString unknown(); // the explicit "unknown" choice of every outcome field
    // The grades offered (FollowUps.h): ASTCT CRS and ICANS "0".."5" (5 fatal), ICAHT "0".."4".
    static QStringList toxicityGrades();
    static QStringList icahtGrades();
    static QString grade(const QString &grade);
    static QString lymphodepletion(const QString &regimen); // a pack regimen id or free text
    static QString yesNo(const std::optional<bool> &value);
    // A stored UTC time (ISO 8601) in local time, "2026-12-05 11:49", as the history panel shows times.
    static QString localTime(const QString &utc);

    // "Carried out 2026-01-10 · Autologous CAR T" / "Not carried out: patient declined"; the arm
    // and option named from `pack` when given.
    static QString summary(const FollowUp &f, const RulePack *pack = nullptr);
    // Everything recorded, as HTML (history panel).
    static QString html(const FollowUp &f, const RulePack *pack = nullptr);
    // The history panel's column: "none yet", "not carried out", "treated 2026-01-10".
    static QString cell(Session &session, qint64 decisionId);
    // The history panel's detail of a finalised decision: its latest follow-up, or that there is none.
    static QString history(Session &session, const Decision &decision);
    static QString armOption(const QString &arm, const QString &option, const RulePack *pack);

private:
    static QString outcomeHtml(const FollowUpOutcome &o);
};

} // namespace consilium
