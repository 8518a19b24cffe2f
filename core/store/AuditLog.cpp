// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/AuditLog.h"

#include "store/CanonicalJson.h"
#include "store/SqlRows.h"

#include <QFile>
#include <QSaveFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <array>

namespace consilium {

namespace {

constexpr char kSidecarMagic[] = "consilium-audit-head/1";

AuditEntry entryFrom(const SqlStatement &q)
{
    AuditEntry e;
    e.id = q.int64(QStringLiteral("id"));
    e.at = q.text(QStringLiteral("at"));
    e.osUser = q.text(QStringLiteral("os_user"));
    e.displayName = q.text(QStringLiteral("display_name"));
    e.action = q.text(QStringLiteral("action"));
    e.objectType = q.text(QStringLiteral("object_type"));
    e.objectId = q.text(QStringLiteral("object_id"));
    e.beforeHash = q.text(QStringLiteral("before_hash"));
    e.afterHash = q.text(QStringLiteral("after_hash"));
    e.detail = q.text(QStringLiteral("detail"));
    e.prevHash = q.text(QStringLiteral("prev_hash"));
    e.hash = q.text(QStringLiteral("hash"));
    return e;
}

const QString kColumns = QStringLiteral(
    "id, at, os_user, display_name, action, object_type, object_id, before_hash, after_hash, detail, prev_hash, hash");

} // namespace

AuditLog::AuditLog(const QSqlDatabase &db, QString sidecarPath, QString serverAppend)
    : m_db(db), m_sidecar(std::move(sidecarPath)), m_serverAppend(std::move(serverAppend))
{ }

QString AuditLog::genesisHash()
{
    return QString(64, QLatin1Char('0'));
}

QByteArray AuditLog::canonicalRow(const AuditEntry &e)
{
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> w(buffer);
    auto str = [&w](const QString &s) {
        const QByteArray u = s.toUtf8();
        w.String(u.constData(), rapidjson::SizeType(u.size()));
    };
    w.StartArray();
    w.Int64(e.id);
    for (const QString *s : { &e.at, &e.osUser, &e.displayName, &e.action, &e.objectType, &e.objectId, &e.beforeHash,
             &e.afterHash, &e.detail })
        str(*s);
    w.EndArray();
    return QByteArray(buffer.GetString(), qsizetype(buffer.GetSize()));
}

QByteArray AuditLog::canonicalTail(const AuditEntry &e)
{
    const QByteArray row = canonicalRow(e);
    return row.mid(row.indexOf(',') + 1); // the id is a number: the first comma follows it
}

QString AuditLog::rowHash(const QString &prevHash, const AuditEntry &e)
{
    return sha256Hex(prevHash.toLatin1() + '\n' + canonicalRow(e));
}

QString AuditLog::takeHeldBack()
{
    QString statements = m_heldBack.join(QStringLiteral("; "));
    m_heldBack.clear();
    return statements;
}

bool AuditLog::sendHeldBack() const
{
    if (m_heldBack.isEmpty())
        return true;
    QSqlQuery q(m_db);
    const bool sent = execEach(q, m_heldBack.join(QStringLiteral("; ")));
    m_heldBack.clear();
    return sent;
}

std::optional<AuditHead> AuditLog::head() const
{
    if (!sendHeldBack())
        return std::nullopt;
    SqlStatement q(m_db, QStringLiteral("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"));
    if (!q.exec())
        return std::nullopt;
    if (!q.next())
        return AuditHead { 0, genesisHash() };
    return AuditHead { q.int64(QStringLiteral("id")), q.text(QStringLiteral("hash")) };
}

bool AuditLog::append(AuditEntry entry, QString &error, const Notice *notice)
{
    const QStringList columns = kColumns.split(QStringLiteral(", "));
    const std::array<const QString *, 9> texts { &entry.at, &entry.osUser, &entry.displayName, &entry.action,
        &entry.objectType, &entry.objectId, &entry.beforeHash, &entry.afterHash, &entry.detail };
    if (!m_serverAppend.isEmpty()) {
        // One round trip: the server locks the chain, reads its head, hashes and inserts the row.
        SqlStatement q(m_db, m_serverAppend);
        for (std::size_t i = 0; i < texts.size(); ++i)
            q.bind(QLatin1Char(':') + columns.at(qsizetype(i) + 1), notNull(*texts.at(i)));
        q.bind(QStringLiteral(":tail"), canonicalTail(entry));
        q.bind(QStringLiteral(":channel"), notice ? notice->channel : QVariant(QMetaType(QMetaType::QString)))
            .bind(QStringLiteral(":payload"), notice ? notice->payload : QVariant(QMetaType(QMetaType::QString)));
        if (const QString text = m_holdBack ? q.sentText() : QString(); !text.isEmpty()) {
            m_heldBack << text;
            return true;
        }
        if (!q.exec() || !q.next()) {
            error = QStringLiteral("cannot append to the audit log: %1").arg(q.errorText());
            return false;
        }
        return true;
    }
    const auto last = m_pending ? m_pending : head();
    if (!last) {
        error = QStringLiteral("cannot read the audit log head");
        return false;
    }
    entry.id = last->id + 1;
    entry.prevHash = last->hash;
    entry.hash = rowHash(entry.prevHash, entry);
    // Parameters named after kColumns.
    SqlStatement q(m_db,
        QStringLiteral("INSERT INTO audit_log (%1) VALUES (:%2)").arg(kColumns, columns.join(QStringLiteral(", :"))));
    q.bind(QStringLiteral(":id"), entry.id);
    for (std::size_t i = 0; i < texts.size(); ++i)
        q.bind(QLatin1Char(':') + columns.at(qsizetype(i) + 1), notNull(*texts.at(i)));
    q.bind(QStringLiteral(":prev_hash"), entry.prevHash).bind(QStringLiteral(":hash"), entry.hash);
    if (!q.exec()) {
        error = QStringLiteral("cannot append to the audit log: %1").arg(q.errorText());
        return false;
    }
    m_pending = AuditHead { entry.id, entry.hash };
    return true;
}

bool AuditLog::publishHead(QString &error)
{
    if (!m_pending)
        return true;
    const AuditHead h = *m_pending;
    m_pending.reset();
    if (m_sidecar.isEmpty())
        return true; // PostgreSQL: no head file
    return writeSidecar(m_sidecar, h, error);
}

std::optional<AuditHead> AuditLog::readSidecar(const QString &path)
{
    if (path.isEmpty())
        return std::nullopt; // PostgreSQL: no head file
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QList<QByteArray> lines = f.readAll().split('\n');
    if (lines.size() < 2 || lines[0] != kSidecarMagic)
        return std::nullopt;
    const QList<QByteArray> parts = lines[1].split(' ');
    bool ok = false;
    AuditHead h;
    if (parts.size() == 2)
        h.id = parts[0].toLongLong(&ok);
    if (!ok || parts[1].size() != 64)
        return std::nullopt;
    h.hash = QString::fromLatin1(parts[1]);
    return h;
}

bool AuditLog::writeSidecar(const QString &path, const AuditHead &head, QString &error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        error = QStringLiteral("cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    f.write(QByteArray(kSidecarMagic) + '\n' + QByteArray::number(head.id) + ' ' + head.hash.toLatin1() + '\n');
    if (!f.commit()) {
        error = QStringLiteral("cannot write %1: %2").arg(path, f.errorString());
        return false;
    }
    return true;
}

namespace {

// Records one problem of the verification; the first one names the first bad row.
void flag(AuditVerification &r, qint64 row, const QString &problem)
{
    if (r.intact)
        r.firstBadRow = row;
    r.intact = false;
    r.problems << problem;
}

// The row after `lastId` is not `e`: rows were removed before it, or it was moved or edited.
void flagBrokenLink(AuditVerification &r, const AuditEntry &e, qint64 lastId)
{
    if (e.id > lastId + 1)
        flag(r, lastId + 1,
            QStringLiteral("audit row %1: missing (deleted); row %2 does not follow row %3")
                .arg(e.id - 1 == lastId + 1 ? QString::number(lastId + 1)
                                            : QStringLiteral("%1..%2").arg(lastId + 1).arg(e.id - 1))
                .arg(e.id)
                .arg(lastId));
    else
        flag(r, e.id,
            QStringLiteral("audit row %1: does not follow row %2 (a row was removed, "
                           "moved or edited before it)")
                .arg(e.id)
                .arg(lastId));
}

} // namespace

// The end of an intact chain against the head file beside the database: rows removed from the
// end, or the whole chain rewritten, show there.
void AuditLog::verifyHeadFile(AuditVerification &r) const
{
    if (m_sidecar.isEmpty())
        return; // PostgreSQL: no head file (see the class comment)
    const auto sidecar = readSidecar(m_sidecar);
    if (!sidecar) {
        if (r.rows > 0)
            flag(r, -1,
                QStringLiteral("audit head file %1 is missing or unreadable; the end of the chain cannot "
                               "be checked")
                    .arg(m_sidecar));
        return;
    }
    if (sidecar->id > r.head.id) {
        flag(r, r.head.id + 1,
            QStringLiteral("audit row %1: missing; the head file records row %2 but the log ends "
                           "at row %3 (rows removed from the end)")
                .arg(r.head.id + 1)
                .arg(sidecar->id)
                .arg(r.head.id));
        return;
    }
    SqlStatement at(m_db, QStringLiteral("SELECT hash FROM audit_log WHERE id = :id"));
    at.bind(QStringLiteral(":id"), sidecar->id);
    const bool found = sidecar->id == 0 || (at.exec() && at.next());
    const QString stored = sidecar->id == 0 ? genesisHash() : (found ? at.text(QStringLiteral("hash")) : QString());
    if (!found || stored != sidecar->hash) {
        flag(r, sidecar->id,
            QStringLiteral("audit row %1: hash differs from the head file %2 (the chain was "
                           "rewritten)")
                .arg(sidecar->id)
                .arg(m_sidecar));
    } else if (sidecar->id < r.head.id) {
        r.notes << QStringLiteral("the head file is %1 row(s) behind the log (an interrupted write); it is "
                                  "brought up to date on the next write")
                       .arg(r.head.id - sidecar->id);
    }
}

AuditVerification AuditLog::verify(const SqlDialect &dialect) const
{
    AuditVerification r;
    if (!sendHeldBack()) {
        flag(r, -1, QStringLiteral("cannot append this transaction's audit rows before reading the log"));
        return r;
    }
    SqlStatement q(m_db, QStringLiteral("SELECT %1 FROM audit_log ORDER BY id").arg(kColumns));
    if (!q.exec()) {
        flag(r, -1, QStringLiteral("cannot read the audit log: %1").arg(q.errorText()));
        return r;
    }
    QString prev = genesisHash();
    qint64 lastId = 0;
    bool chainBroken = false;
    while (q.next()) {
        const AuditEntry e = entryFrom(q);
        ++r.rows;
        if (!chainBroken) {
            if (e.prevHash != prev) {
                chainBroken = true;
                flagBrokenLink(r, e, lastId);
            } else if (rowHash(prev, e) != e.hash) {
                chainBroken = true;
                flag(r, e.id, QStringLiteral("audit row %1: content does not match its hash (edited)").arg(e.id));
            }
        }
        prev = e.hash;
        lastId = e.id;
        r.head = AuditHead { e.id, e.hash };
    }
    if (r.rows == 0)
        r.head = AuditHead { 0, genesisHash() };
    if (!chainBroken)
        verifyHeadFile(r);
    const QStringList triggers = dialect.triggerNames(m_db);
    for (const char *name : { "audit_log_no_update", "audit_log_no_delete" }) {
        if (!triggers.contains(QLatin1String(name)))
            flag(r, -1, QStringLiteral("the protective trigger %1 has been removed").arg(QLatin1String(name)));
    }
    return r;
}

std::vector<AuditEntry> AuditLog::entries(qint64 fromId, int limit) const
{
    std::vector<AuditEntry> out;
    if (!sendHeldBack())
        return out;
    // No limit is no LIMIT clause: PostgreSQL refuses a negative one.
    SqlStatement q(m_db,
        QStringLiteral("SELECT %1 FROM audit_log WHERE id >= :from ORDER BY id%2")
            .arg(kColumns, limit < 0 ? QString() : QStringLiteral(" LIMIT :limit")));
    q.bind(QStringLiteral(":from"), fromId);
    if (limit >= 0)
        q.bind(QStringLiteral(":limit"), limit);
    if (q.exec()) {
        while (q.next())
            out.push_back(entryFrom(q));
    }
    return out;
}

} // namespace consilium
