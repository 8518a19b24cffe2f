// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace consilium {

class RulePack;

// The text of a case version in the history's detail view (HistoryPanel::showVersion), in the
// words of the editor: a fact as entered (its unit, its date), "unknown", "not evaluated" or
// "(not entered)" — never a default for what is missing.
QString factText(const QJsonValue &v);
// A version's medications or failed therapies by the pack's agent names; "(not recorded)" when
// the list is absent, "none" when it is empty.
QString agentsText(const RulePack &pack, const QJsonValue &list, bool medications);
// HTML: what differs from the version before (`was`, version `beforeVersion`) in the case's
// label, date, jurisdiction, facts and agent lists.
QString versionChangesHtml(const RulePack &pack, const QJsonObject &was, const QJsonObject &now, int beforeVersion);
// HTML: the data of the version `now` as it was saved.
QString versionDataHtml(const RulePack &pack, const QJsonObject &now);

} // namespace consilium
