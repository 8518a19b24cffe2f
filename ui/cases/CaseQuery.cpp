// SPDX-License-Identifier: GPL-3.0-or-later
#include "cases/CaseQuery.h"

#include "rules/RulePack.h"
#include "store/CaseStore.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>

#include <atomic>

namespace consilium {

struct CaseQuery::Sql {
    QString from; // extra joins (sorting by a verdict)
    QString where;
    QString order;
    QVariantList binds;
};

CaseQuery::CaseQuery(CaseStore &store) : m_store(store) { }

std::optional<qint64> CaseQuery::packRef(const QString &sha256) const
{
    if (sha256.isEmpty())
        return std::nullopt;
    QSqlQuery q(m_store.database());
    q.prepare(QStringLiteral("SELECT id FROM rule_packs WHERE sha256 = ?"));
    q.addBindValue(sha256);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return q.value(0).toLongLong();
}

CaseQuery::Sql CaseQuery::build(const CaseQuerySpec &spec) const
{
    // Shaped for the store's indexes: verdict filters are IN-sets read from
    // current_verdicts_by_verdict (pack, group, verdict), tested while `cases` is scanned in
    // case-id order (the unary + keeps SQLite from driving the query from the set and sorting
    // it), so a page stops after 200 matches; the page is limited on `cases` alone and only
    // then joined with its version row (which carries the large case document).
    Sql s;
    QStringList where { QStringLiteral("c.archived = 0") };
    const auto pack = packRef(spec.packSha256);
    const QString ref = QString::number(pack.value_or(-1));
    const QString arms = QStringLiteral("('autologous_car_t', 'allogeneic_car_t', 'bispecific_tce', 'standard_care')");
    if (!spec.search.trimmed().isEmpty()) {
        QString term = spec.search.trimmed();
        term.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
        term.replace(QLatin1Char('%'), QLatin1String("\\%"));
        term.replace(QLatin1Char('_'), QLatin1String("\\_"));
        where << QStringLiteral("(c.case_id LIKE ? ESCAPE '\\' OR c.label LIKE ? ESCAPE '\\')");
        const QString like = QLatin1Char('%') + term + QLatin1Char('%');
        s.binds << like << like;
    }
    if (!spec.disease.isEmpty()) {
        where << QStringLiteral("c.disease = ?");
        s.binds << spec.disease;
    }
    if (!spec.verdictGroup.isEmpty() && !spec.verdict.isEmpty()) {
        where << QStringLiteral("+c.id IN (SELECT case_ref FROM current_verdicts WHERE pack_ref = %1 AND group_key = ?"
                                " AND verdict = ?)")
                     .arg(ref);
        s.binds << spec.verdictGroup << spec.verdict;
    }
    if (spec.conference > 0) {
        where << QStringLiteral("+c.id IN (SELECT case_ref FROM conference_cases WHERE conference_id = ?)");
        s.binds << spec.conference;
    }
    const QString gaps = QStringLiteral("(SELECT case_ref FROM current_verdicts WHERE pack_ref = %1 AND group_key IN %2"
                                        " AND verdict = 'undetermined')")
                             .arg(ref, arms);
    const QString evaluated
        = QStringLiteral("(SELECT case_ref FROM current_verdicts WHERE pack_ref = %1 AND group_key = 'standard_care')")
              .arg(ref);
    switch (spec.readiness) {
    case Readiness::Any:
        break;
    case Readiness::Ready:
        where << QStringLiteral("c.id IN ") + evaluated << QStringLiteral("c.id NOT IN ") + gaps;
        break;
    case Readiness::Gaps:
        where << QStringLiteral("+c.id IN ") + gaps;
        break;
    case Readiness::NotEvaluated:
        where << QStringLiteral("c.id NOT IN ") + evaluated;
        break;
    }
    s.where = QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));

    const QString dir = spec.order == Qt::AscendingOrder ? QStringLiteral("ASC") : QStringLiteral("DESC");
    switch (spec.sortColumn) {
    case 1:
        s.order = QStringLiteral("c.label COLLATE NOCASE %1, c.case_id").arg(dir);
        break;
    case 2:
        s.order = QStringLiteral("c.disease %1, c.case_id").arg(dir);
        break;
    case 3:
    case 4:
    case 5:
    case 6:
        // Verdict columns sort by severity (eligible first), then by case id.
        s.from = QStringLiteral(
            " LEFT JOIN current_verdicts o ON o.case_ref = c.id AND o.pack_ref = %1 AND o.group_key = '%2'")
                     .arg(ref, QString::fromLatin1(kArmIds[std::size_t(spec.sortColumn - 3)]));
        s.order = QStringLiteral("CASE o.verdict WHEN 'eligible' THEN 0 WHEN 'eligible_with_cautions' THEN 1"
                                 " WHEN 'undetermined' THEN 2 WHEN 'ineligible' THEN 3 ELSE 4 END %1, c.case_id")
                      .arg(dir);
        break;
    case 7:
        s.order = QStringLiteral("c.updated_at %1, c.case_id").arg(dir);
        break;
    default:
        s.order = QStringLiteral("c.case_id %1").arg(dir);
        break;
    }
    return s;
}

std::optional<qint64> CaseQuery::count(const CaseQuerySpec &spec) const
{
    const Sql s = build(spec);
    QSqlQuery q(m_store.database());
    q.prepare(QStringLiteral("SELECT count(*) FROM cases c") + s.where);
    for (const QVariant &b : s.binds)
        q.addBindValue(b);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return q.value(0).toLongLong();
}

void CaseQuery::countAsync(
    const CaseQuerySpec &spec, std::shared_ptr<bool> alive, std::function<void(qint64)> done) const
{
    const Sql s = build(spec);
    const QString sql = QStringLiteral("SELECT count(*) FROM cases c") + s.where;
    const QVariantList binds = s.binds;
    const QString path = m_store.path();
    QThread *thread = QThread::create([sql, binds, path, alive = std::move(alive), done = std::move(done)] {
        static std::atomic<int> serial { 0 };
        const QString name = QStringLiteral("consilium-count-%1").arg(++serial);
        qint64 n = -1;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(path);
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=2000"));
            if (db.open()) {
                QSqlQuery q(db);
                q.prepare(sql);
                for (const QVariant &b : binds)
                    q.addBindValue(b);
                if (q.exec() && q.next())
                    n = q.value(0).toLongLong();
            }
        }
        QSqlDatabase::removeDatabase(name);
        QMetaObject::invokeMethod(
            qApp,
            [alive, done, n] {
                if (*alive && n >= 0)
                    done(n);
            },
            Qt::QueuedConnection);
    });
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start(QThread::LowPriority);
}

std::vector<CaseRow> CaseQuery::page(const CaseQuerySpec &spec, qint64 offset, int limit) const
{
    std::vector<CaseRow> rows;
    const Sql s = build(spec);
    QSqlQuery q(m_store.database());
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT p.id, p.case_id, p.label, p.disease, p.updated_at, v.version FROM"
                       " (SELECT c.id, c.case_id, c.label, c.disease, c.updated_at, c.latest_version_id FROM cases c")
        + s.from + s.where + QStringLiteral(" ORDER BY ") + s.order
        + QStringLiteral(" LIMIT ? OFFSET ?) p LEFT JOIN case_versions v ON v.id = p.latest_version_id"));
    for (const QVariant &b : s.binds)
        q.addBindValue(b);
    q.addBindValue(limit);
    q.addBindValue(offset);
    if (!q.exec())
        return rows;
    QStringList refs;
    std::vector<qint64> refOf;
    while (q.next()) {
        CaseRow r;
        refOf.push_back(q.value(0).toLongLong());
        refs << q.value(0).toString();
        r.caseId = q.value(1).toString();
        r.label = q.value(2).toString();
        r.disease = q.value(3).toString();
        r.updatedAt = q.value(4).toString();
        r.version = q.value(5).toInt();
        rows.push_back(std::move(r));
    }
    if (rows.empty() || spec.packSha256.isEmpty())
        return rows;
    QSqlQuery v(m_store.database());
    v.setForwardOnly(true);
    const auto pack = packRef(spec.packSha256);
    if (!pack)
        return rows;
    v.prepare(QStringLiteral(
        "SELECT case_ref, group_key, verdict FROM current_verdicts WHERE case_ref IN (%1) AND pack_ref = ?")
                  .arg(refs.join(QLatin1Char(','))));
    v.addBindValue(*pack);
    if (!v.exec())
        return rows;
    while (v.next()) {
        const qint64 ref = v.value(0).toLongLong();
        const int arm = armIndex(v.value(1).toString());
        if (arm < 0)
            continue;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            if (refOf[i] == ref) {
                rows[i].verdicts[std::size_t(arm)] = v.value(2).toString();
                rows[i].undetermined += v.value(2).toString() == QLatin1String("undetermined");
                break;
            }
        }
    }
    return rows;
}

std::vector<std::pair<qint64, QString>> CaseQuery::conferences() const
{
    std::vector<std::pair<qint64, QString>> out;
    QSqlQuery q(m_store.database());
    if (q.exec(QStringLiteral("SELECT id, held_on, title FROM conferences ORDER BY held_on DESC, id DESC"))) {
        while (q.next())
            out.emplace_back(
                q.value(0).toLongLong(), q.value(1).toString() + QStringLiteral(" · ") + q.value(2).toString());
    }
    return out;
}

QStringList CaseQuery::diseases() const
{
    QStringList out;
    QSqlQuery q(m_store.database());
    if (q.exec(QStringLiteral("SELECT DISTINCT disease FROM cases WHERE disease IS NOT NULL ORDER BY disease"))) {
        while (q.next())
            out << q.value(0).toString();
    }
    return out;
}

} // namespace consilium
