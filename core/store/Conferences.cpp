// SPDX-License-Identifier: GPL-3.0-or-later
// Conferences and the cases listed for them (docs/store.md).
#include "store/Decisions.h"

#include "case/CaseData.h"
#include "store/SqlRows.h"
#include "store/StoreConnection.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace consilium {

std::optional<qint64> Decisions::createConference(
    const QString &heldOn, const QString &title, const std::vector<Attendee> &attendees)
{
    const StoreCall call(m_store);
    if (!parseIsoDate(heldOn)) {
        m_store.fail(
            StoreErrc::Refused, QStringLiteral("conference date \"%1\" is not a date (YYYY-MM-DD)").arg(heldOn));
        return std::nullopt;
    }
    if (title.trimmed().isEmpty()) {
        m_store.fail(StoreErrc::Refused, QStringLiteral("a conference needs a title"));
        return std::nullopt;
    }
    WriteTransaction tx(m_store);
    if (!tx.ok())
        return std::nullopt;
    QSqlDatabase db = StoreConnection::of(m_store);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO conferences (held_on, title, created_at) VALUES (?, ?, ?)"));
    q.addBindValue(heldOn);
    q.addBindValue(title.trimmed());
    q.addBindValue(m_store.timestamp());
    if (!q.exec()) {
        m_store.fail(StoreErrc::Sql, q.lastError().text());
        return std::nullopt;
    }
    const qint64 id = q.lastInsertId().toLongLong();
    QStringList names;
    for (const Attendee &a : attendees) {
        QSqlQuery ins(db);
        ins.prepare(QStringLiteral(
            "INSERT INTO conference_attendees (conference_id, name, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"));
        ins.addBindValue(id);
        ins.addBindValue(a.name.trimmed());
        ins.addBindValue(notNull(a.role.trimmed()));
        if (a.name.trimmed().isEmpty() || !ins.exec()) {
            m_store.fail(StoreErrc::Refused, QStringLiteral("attendee \"%1\" is not valid").arg(a.name));
            return std::nullopt;
        }
        names << QStringLiteral("%1 (%2)").arg(a.name, a.role);
    }
    if (!m_store.audit(QStringLiteral("conference.created"), QStringLiteral("conference"), QString::number(id), {}, {},
            QStringLiteral("%1 %2; attendees: %3").arg(heldOn, title, names.join(QStringLiteral(", "))))
        || !tx.commit())
        return std::nullopt;
    return id;
}

bool Decisions::listCase(qint64 conferenceId, const QString &caseId)
{
    const StoreCall call(m_store);
    const auto c = m_store.caseSummary(caseId);
    if (!c || !conference(conferenceId))
        return false;
    {
        QSqlQuery q(StoreConnection::of(m_store));
        q.prepare(QStringLiteral("SELECT 1 FROM conference_cases WHERE conference_id = ? AND case_ref = ?"));
        q.addBindValue(conferenceId);
        q.addBindValue(c->ref);
        if (q.exec() && q.next())
            return true; // already listed
    }
    WriteTransaction tx(m_store);
    if (!tx.ok())
        return false;
    QSqlQuery ins(StoreConnection::of(m_store));
    ins.prepare(QStringLiteral("INSERT INTO conference_cases (conference_id, case_ref, listed_at) VALUES (?, ?, ?)"));
    ins.addBindValue(conferenceId);
    ins.addBindValue(c->ref);
    ins.addBindValue(m_store.timestamp());
    if (!ins.exec())
        return m_store.fail(StoreErrc::Sql, ins.lastError().text());
    return m_store.audit(QStringLiteral("conference.case_listed"), QStringLiteral("conference"),
               QString::number(conferenceId), {}, {}, caseId)
        && tx.commit();
}

std::optional<Conference> Decisions::conference(qint64 id)
{
    const StoreCall call(m_store);
    QSqlDatabase db = StoreConnection::of(m_store);
    SqlStatement q(db, QStringLiteral("SELECT id, held_on, title FROM conferences WHERE id = :id"));
    q.bind(QStringLiteral(":id"), id);
    if (!q.exec() || !q.next()) {
        m_store.fail(StoreErrc::NotFound, QStringLiteral("no conference %1").arg(id));
        return std::nullopt;
    }
    Conference c;
    c.id = q.int64(QStringLiteral("id"));
    c.heldOn = q.text(QStringLiteral("held_on"));
    c.title = q.text(QStringLiteral("title"));
    SqlStatement a(db,
        QStringLiteral("SELECT name, role FROM conference_attendees WHERE conference_id = :id ORDER BY name, role"));
    a.bind(QStringLiteral(":id"), id);
    if (a.exec()) {
        while (a.next())
            c.attendees.push_back({ a.text(QStringLiteral("name")), a.text(QStringLiteral("role")) });
    }
    SqlStatement cs(db,
        QStringLiteral("SELECT c.case_id FROM conference_cases cc JOIN cases c ON c.id = cc.case_ref"
                       " WHERE cc.conference_id = :id ORDER BY cc.listed_at, c.case_id"));
    cs.bind(QStringLiteral(":id"), id);
    if (cs.exec()) {
        while (cs.next())
            c.caseIds << cs.text(QStringLiteral("case_id"));
    }
    return c;
}

std::vector<Conference> Decisions::conferences()
{
    const StoreCall call(m_store);
    std::vector<Conference> out;
    std::vector<qint64> ids;
    SqlStatement q(StoreConnection::of(m_store), QStringLiteral("SELECT id FROM conferences ORDER BY held_on, id"));
    if (q.exec()) {
        while (q.next())
            ids.push_back(q.int64(QStringLiteral("id")));
    }
    for (qint64 id : ids) {
        if (auto c = conference(id))
            out.push_back(std::move(*c));
    }
    return out;
}

} // namespace consilium
