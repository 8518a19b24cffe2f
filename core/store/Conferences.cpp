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

StoreResult<qint64> Decisions::createConference(
    const QString &heldOn, const QString &title, const std::vector<Attendee> &attendees)
{
    if (!parseIsoDate(heldOn))
        return storeFailure(
            StoreErrc::Refused, QStringLiteral("conference date \"%1\" is not a date (YYYY-MM-DD)").arg(heldOn));
    if (title.trimmed().isEmpty())
        return storeFailure(StoreErrc::Refused, QStringLiteral("a conference needs a title"));
    WriteTransaction tx(m_store);
    if (!tx.begun())
        return tx.begun().error();
    QSqlDatabase db = StoreConnection::of(m_store);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO conferences (held_on, title, created_at) VALUES (?, ?, ?)"));
    q.addBindValue(heldOn);
    q.addBindValue(title.trimmed());
    q.addBindValue(m_store.timestamp());
    if (!q.exec())
        return storeFailure(StoreErrc::Sql, q.lastError().text());
    const qint64 id = insertedId(q);
    QStringList names;
    for (const Attendee &a : attendees) {
        QSqlQuery ins(db);
        ins.prepare(QStringLiteral(
            "INSERT INTO conference_attendees (conference_id, name, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"));
        ins.addBindValue(id);
        ins.addBindValue(a.name.trimmed());
        ins.addBindValue(notNull(a.role.trimmed()));
        if (a.name.trimmed().isEmpty() || !ins.exec())
            return storeFailure(StoreErrc::Refused, QStringLiteral("attendee \"%1\" is not valid").arg(a.name));
        names << QStringLiteral("%1 (%2)").arg(a.name, a.role);
    }
    if (auto audited
        = m_store.audit(QStringLiteral("conference.created"), QStringLiteral("conference"), QString::number(id), {}, {},
            QStringLiteral("%1 %2; attendees: %3").arg(heldOn, title, names.join(QStringLiteral(", "))));
        !audited)
        return audited.error();
    if (auto committed = tx.commit(); !committed)
        return committed.error();
    return id;
}

StoreResult<void> Decisions::listCase(qint64 conferenceId, const QString &caseId)
{
    const auto c = m_store.caseSummary(caseId);
    if (!c)
        return c.error();
    if (const auto conf = conference(conferenceId); !conf)
        return conf.error();
    {
        QSqlQuery q(StoreConnection::of(m_store));
        q.prepare(QStringLiteral("SELECT 1 FROM conference_cases WHERE conference_id = ? AND case_ref = ?"));
        q.addBindValue(conferenceId);
        q.addBindValue(c.value().ref);
        if (!q.exec())
            return storeFailure(StoreErrc::Sql, q.lastError().text());
        if (q.next())
            return storeSuccess(); // already listed
    }
    WriteTransaction tx(m_store);
    if (!tx.begun())
        return tx.begun();
    QSqlQuery ins(StoreConnection::of(m_store));
    ins.prepare(QStringLiteral("INSERT INTO conference_cases (conference_id, case_ref, listed_at) VALUES (?, ?, ?)"));
    ins.addBindValue(conferenceId);
    ins.addBindValue(c.value().ref);
    ins.addBindValue(m_store.timestamp());
    if (!ins.exec())
        return storeFailure(StoreErrc::Sql, ins.lastError().text());
    if (auto audited = m_store.audit(QStringLiteral("conference.case_listed"), QStringLiteral("conference"),
            QString::number(conferenceId), {}, {}, caseId);
        !audited)
        return audited;
    return tx.commit();
}

StoreResult<Conference> Decisions::conference(qint64 id)
{
    QSqlDatabase db = StoreConnection::of(m_store);
    SqlStatement q(db, QStringLiteral("SELECT id, held_on, title FROM conferences WHERE id = :id"));
    q.bind(QStringLiteral(":id"), id);
    auto failed = [id](const SqlStatement &s) {
        return storeFailure(StoreErrc::Sql, QStringLiteral("cannot read conference %1: %2").arg(id).arg(s.errorText()));
    };
    if (!q.exec())
        return failed(q);
    if (!q.next())
        return storeFailure(StoreErrc::NotFound, QStringLiteral("no conference %1").arg(id));
    Conference c;
    c.id = q.int64(QStringLiteral("id"));
    c.heldOn = q.text(QStringLiteral("held_on"));
    c.title = q.text(QStringLiteral("title"));
    SqlStatement a(db,
        QStringLiteral("SELECT name, role FROM conference_attendees WHERE conference_id = :id ORDER BY name, role"));
    a.bind(QStringLiteral(":id"), id);
    if (!a.exec())
        return failed(a);
    while (a.next())
        c.attendees.push_back({ a.text(QStringLiteral("name")), a.text(QStringLiteral("role")) });
    SqlStatement cs(db,
        QStringLiteral("SELECT c.case_id FROM conference_cases cc JOIN cases c ON c.id = cc.case_ref"
                       " WHERE cc.conference_id = :id ORDER BY cc.listed_at, c.case_id"));
    cs.bind(QStringLiteral(":id"), id);
    if (!cs.exec())
        return failed(cs);
    while (cs.next())
        c.caseIds << cs.text(QStringLiteral("case_id"));
    return c;
}

StoreResult<std::vector<Conference>> Decisions::conferences()
{
    std::vector<Conference> out;
    std::vector<qint64> ids;
    SqlStatement q(StoreConnection::of(m_store), QStringLiteral("SELECT id FROM conferences ORDER BY held_on, id"));
    if (!q.exec())
        return storeFailure(StoreErrc::Sql, QStringLiteral("cannot list the conferences: %1").arg(q.errorText()));
    while (q.next())
        ids.push_back(q.int64(QStringLiteral("id")));
    for (qint64 id : ids) {
        auto c = conference(id);
        if (!c)
            return c.error();
        out.push_back(std::move(c).value());
    }
    return out;
}

} // namespace consilium
