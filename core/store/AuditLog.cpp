// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/AuditLog.h"

#include "store/CanonicalJson.h"

#include <QFile>
#include <QSaveFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace consilium {

namespace {

constexpr char kSidecarMagic[] = "consilium-audit-head/1";

AuditEntry entryFrom(const QSqlQuery &q)
{
    AuditEntry e;
    e.id = q.value(0).toLongLong();
    e.at = q.value(1).toString();
    e.osUser = q.value(2).toString();
    e.displayName = q.value(3).toString();
    e.action = q.value(4).toString();
    e.objectType = q.value(5).toString();
    e.objectId = q.value(6).toString();
    e.beforeHash = q.value(7).toString();
    e.afterHash = q.value(8).toString();
    e.detail = q.value(9).toString();
    e.prevHash = q.value(10).toString();
    e.hash = q.value(11).toString();
    return e;
}

const QString kColumns = QStringLiteral(
    "id, at, os_user, display_name, action, object_type, object_id, before_hash, after_hash, detail, prev_hash, hash");

} // namespace

AuditLog::AuditLog(const QSqlDatabase &db, QString sidecarPath) : m_db(db), m_sidecar(std::move(sidecarPath)) { }

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

QString AuditLog::rowHash(const QString &prevHash, const AuditEntry &e)
{
    return sha256Hex(prevHash.toLatin1() + '\n' + canonicalRow(e));
}

std::optional<AuditHead> AuditLog::head() const
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")))
        return std::nullopt;
    if (!q.next())
        return AuditHead { 0, genesisHash() };
    return AuditHead { q.value(0).toLongLong(), q.value(1).toString() };
}

bool AuditLog::append(AuditEntry entry, QString &error)
{
    const auto last = m_pending ? m_pending : head();
    if (!last) {
        error = QStringLiteral("cannot read the audit log head");
        return false;
    }
    entry.id = last->id + 1;
    entry.prevHash = last->hash;
    entry.hash = rowHash(entry.prevHash, entry);
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO audit_log (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").arg(kColumns));
    q.addBindValue(entry.id);
    for (const QString *s : { &entry.at, &entry.osUser, &entry.displayName, &entry.action, &entry.objectType,
             &entry.objectId, &entry.beforeHash, &entry.afterHash, &entry.detail, &entry.prevHash, &entry.hash })
        q.addBindValue(notNull(*s));
    if (!q.exec()) {
        error = QStringLiteral("cannot append to the audit log: %1").arg(q.lastError().text());
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
    return writeSidecar(m_sidecar, h, error);
}

std::optional<AuditHead> AuditLog::readSidecar(const QString &path)
{
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

AuditVerification AuditLog::verify(const SqlDialect &dialect) const
{
    AuditVerification r;
    auto fail = [&r](qint64 row, const QString &problem) {
        if (r.intact)
            r.firstBadRow = row;
        r.intact = false;
        r.problems << problem;
    };
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT %1 FROM audit_log ORDER BY id").arg(kColumns))) {
        fail(-1, QStringLiteral("cannot read the audit log: %1").arg(q.lastError().text()));
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
                if (e.id > lastId + 1)
                    fail(lastId + 1,
                        QStringLiteral("audit row %1: missing (deleted); row %2 does not follow row %3")
                            .arg(e.id - 1 == lastId + 1 ? QString::number(lastId + 1)
                                                        : QStringLiteral("%1..%2").arg(lastId + 1).arg(e.id - 1))
                            .arg(e.id)
                            .arg(lastId));
                else
                    fail(e.id,
                        QStringLiteral("audit row %1: does not follow row %2 (a row was removed, "
                                       "moved or edited before it)")
                            .arg(e.id)
                            .arg(lastId));
            } else if (rowHash(prev, e) != e.hash) {
                chainBroken = true;
                fail(e.id, QStringLiteral("audit row %1: content does not match its hash (edited)").arg(e.id));
            }
        }
        prev = e.hash;
        lastId = e.id;
        r.head = AuditHead { e.id, e.hash };
    }
    if (r.rows == 0)
        r.head = AuditHead { 0, genesisHash() };

    if (!chainBroken) {
        const auto sidecar = readSidecar(m_sidecar);
        if (!sidecar) {
            if (r.rows > 0)
                fail(-1,
                    QStringLiteral("audit head file %1 is missing or unreadable; the end of the chain cannot "
                                   "be checked")
                        .arg(m_sidecar));
        } else if (sidecar->id > r.head.id) {
            fail(r.head.id + 1,
                QStringLiteral("audit row %1: missing; the head file records row %2 but the log ends "
                               "at row %3 (rows removed from the end)")
                    .arg(r.head.id + 1)
                    .arg(sidecar->id)
                    .arg(r.head.id));
        } else {
            QSqlQuery at(m_db);
            at.prepare(QStringLiteral("SELECT hash FROM audit_log WHERE id = ?"));
            at.addBindValue(sidecar->id);
            const bool found = sidecar->id == 0 || (at.exec() && at.next());
            const QString stored = sidecar->id == 0 ? genesisHash() : (found ? at.value(0).toString() : QString());
            if (!found || stored != sidecar->hash) {
                fail(sidecar->id,
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
    }
    const QStringList triggers = dialect.triggerNames(m_db);
    for (const char *name : { "audit_log_no_update", "audit_log_no_delete" }) {
        if (!triggers.contains(QLatin1String(name)))
            fail(-1, QStringLiteral("the protective trigger %1 has been removed").arg(QLatin1String(name)));
    }
    return r;
}

std::vector<AuditEntry> AuditLog::entries(qint64 fromId, int limit) const
{
    std::vector<AuditEntry> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM audit_log WHERE id >= ? ORDER BY id LIMIT ?").arg(kColumns));
    q.addBindValue(fromId);
    q.addBindValue(limit);
    if (q.exec()) {
        while (q.next())
            out.push_back(entryFrom(q));
    }
    return out;
}

} // namespace consilium
