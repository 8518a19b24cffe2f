// SPDX-License-Identifier: GPL-3.0-or-later
// The case list (docs/store.md): one query builder for the GUI's list and `consilium-cli db
// list`, counted and paged on the store's connection or on a read-only connection of a worker
// thread's own.
#include "rules/RulePack.h"
#include "store/CaseRows.h"

#include <QSqlError>

#include <atomic>

namespace consilium {

namespace {

struct ListSql {
    QString join; // sorting by a verdict
    QString where;
    QString order;
    QVariantMap binds; // ":name" -> value, each used once
    QVariantMap joinBinds; // the same for `join` (the page query has it, the count does not)
};

QString armSet()
{
    QStringList quoted;
    for (const char *arm : kArmIds)
        quoted << QStringLiteral("'%1'").arg(QLatin1String(arm));
    return QLatin1Char('(') + quoted.join(QStringLiteral(", ")) + QLatin1Char(')');
}

// The integer id of a verdict group key (schema v6, docs/store.md#evaluations) as a scalar
// subquery: NULL, matching nothing, for a key no evaluation stored.
QString groupRef(const QString &key)
{
    return QStringLiteral("(SELECT id FROM verdict_groups WHERE group_key = %1)").arg(key);
}

QString likeTerm(const QString &search)
{
    QString term = search.trimmed();
    term.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    term.replace(QLatin1Char('%'), QLatin1String("\\%"));
    term.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + term + QLatin1Char('%');
}

void readinessWhere(const SqlDialect &d, Readiness readiness, const QString &ref, QStringList &where)
{
    const QString gaps = QStringLiteral("(SELECT case_ref FROM current_verdicts WHERE pack_ref = %1 AND group_ref IN"
                                        " (SELECT id FROM verdict_groups WHERE group_key IN %2)"
                                        " AND verdict = 'undetermined')")
                             .arg(ref, armSet());
    const QString evaluated
        = QStringLiteral("(SELECT case_ref FROM current_verdicts WHERE pack_ref = %1 AND group_ref = %2)")
              .arg(ref, groupRef(QStringLiteral("'standard_care'")));
    switch (readiness) {
    case Readiness::Any:
        break;
    case Readiness::Ready:
        where << QStringLiteral("c.id IN ") + evaluated << QStringLiteral("c.id NOT IN ") + gaps;
        break;
    case Readiness::Gaps:
        where << d.withoutIndex(QStringLiteral("c.id")) + QStringLiteral(" IN ") + gaps;
        break;
    case Readiness::NotEvaluated:
        where << QStringLiteral("c.id NOT IN ") + evaluated;
        break;
    }
}

QString orderBy(const SqlDialect &d, const CaseFilter &f, const QString &ref, ListSql &s)
{
    const QString dir = f.descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    switch (f.sort) {
    case CaseSort::Label:
        return QStringLiteral("%1 %2, c.case_id").arg(d.noCase(QStringLiteral("c.label")), dir);
    case CaseSort::Disease:
        return QStringLiteral("c.disease %1, c.case_id").arg(dir);
    case CaseSort::Verdict:
        // By severity (eligible first), then by case id; a case without a row for the group (not
        // evaluated, or an option an older evaluation did not store) sorts with not_applicable,
        // last. The group (an arm, sub-option or optionGroupKey) is a bound parameter.
        if (!f.sortGroup.isEmpty()) {
            s.join = QStringLiteral(" LEFT JOIN current_verdicts o ON o.case_ref = c.id AND o.pack_ref = %1"
                                    " AND o.group_ref = %2")
                         .arg(ref, groupRef(QStringLiteral(":sort_group")));
            s.joinBinds.insert(QStringLiteral(":sort_group"), f.sortGroup);
            return QStringLiteral("CASE o.verdict WHEN 'eligible' THEN 0 WHEN 'eligible_with_cautions' THEN 1"
                                  " WHEN 'undetermined' THEN 2 WHEN 'ineligible' THEN 3 ELSE 4 END %1, c.case_id")
                .arg(dir);
        }
        break;
    case CaseSort::Updated:
        return QStringLiteral("c.updated_at %1, c.case_id").arg(dir);
    case CaseSort::CaseId:
        break;
    }
    return QStringLiteral("c.case_id %1").arg(dir);
}

// Shaped for the store's indexes: verdict filters are IN-sets read from current_verdicts
// (pack, group, verdict), tested while `cases` is scanned in case-id order (the dialect keeps
// the planner from driving the query from the set and sorting it), so a page stops after its
// last match; the page is limited on `cases` alone and only then joined with its version row
// (which carries the large case document). `packRef` < 0: the pack has no stored evaluation.
ListSql buildList(const SqlDialect &d, const CaseFilter &f, qint64 packRef)
{
    ListSql s;
    QStringList where;
    const QString ref = QString::number(packRef);
    if (!f.includeArchived)
        where << QStringLiteral("c.archived = 0");
    if (!f.search.trimmed().isEmpty()) {
        where << QStringLiteral("(c.case_id %1 :search_id ESCAPE '\\' OR c.label %1 :search_label ESCAPE '\\')")
                     .arg(d.likeNoCase());
        s.binds.insert(QStringLiteral(":search_id"), likeTerm(f.search));
        s.binds.insert(QStringLiteral(":search_label"), likeTerm(f.search));
    }
    if (!f.disease.isEmpty()) {
        where << QStringLiteral("c.disease = :disease");
        s.binds.insert(QStringLiteral(":disease"), f.disease);
    }
    if (!f.verdictGroup.isEmpty()) {
        where << d.withoutIndex(QStringLiteral("c.id"))
                + QStringLiteral(" IN (SELECT case_ref FROM current_verdicts WHERE pack_ref = %1"
                                 " AND group_ref = %2 AND verdict = :verdict)")
                      .arg(ref, groupRef(QStringLiteral(":group")));
        s.binds.insert(QStringLiteral(":group"), f.verdictGroup);
        s.binds.insert(QStringLiteral(":verdict"), notNull(f.verdict));
    }
    if (f.conference > 0) {
        where << d.withoutIndex(QStringLiteral("c.id"))
                + QStringLiteral(" IN (SELECT case_ref FROM conference_cases WHERE conference_id = :conference)");
        s.binds.insert(QStringLiteral(":conference"), f.conference);
    }
    readinessWhere(d, f.readiness, ref, where);
    if (!where.isEmpty())
        s.where = QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    s.order = orderBy(d, f, ref, s);
    return s;
}

void bindAll(SqlStatement &q, const QVariantMap &binds)
{
    for (auto it = binds.cbegin(); it != binds.cend(); ++it)
        q.bind(it.key(), it.value());
}

StoreResult<qint64> packRefOf(const QSqlDatabase &db, const QString &sha256)
{
    if (sha256.isEmpty())
        return qint64(-1);
    SqlStatement q(db, QStringLiteral("SELECT id FROM rule_packs WHERE sha256 = :sha"));
    q.bind(QStringLiteral(":sha"), sha256);
    if (!q.exec())
        return storeFailure(StoreErrc::Sql, q.errorText());
    return q.next() ? q.int64(QStringLiteral("id")) : qint64(-1);
}

StoreResult<qint64> countOn(const QSqlDatabase &db, const SqlDialect &d, const CaseFilter &f)
{
    const auto pack = packRefOf(db, f.packSha256);
    if (!pack)
        return pack.error();
    const ListSql s = buildList(d, f, pack.value());
    SqlStatement q(db, QStringLiteral("SELECT count(*) AS n FROM cases c") + s.where);
    bindAll(q, s.binds);
    if (!q.exec() || !q.next())
        return storeFailure(StoreErrc::Sql, QStringLiteral("cannot count the cases: %1").arg(q.errorText()));
    return q.int64(QStringLiteral("n"));
}

// The verdicts of a page's cases under the pack, in one statement.
StoreResult<void> addVerdicts(const QSqlDatabase &db, const SqlDialect &d, qint64 pack, std::vector<CaseSummary> &rows)
{
    if (pack < 0 || rows.empty())
        return storeSuccess();
    QStringList refs;
    std::map<qint64, CaseSummary *> byRef;
    for (CaseSummary &r : rows) {
        refs << QString::number(r.ref);
        byRef[r.ref] = &r;
    }
    SqlStatement v(db,
        // Read by the primary key (the page's case refs), then the group's key: on SQLite the
        // pack is kept out of the index choice (withoutIndex) and CROSS JOIN keeps this order;
        // without statistics SQLite took the narrow verdict index and read all of the pack's rows.
        QStringLiteral("SELECT v.case_ref, g.group_key, v.verdict FROM current_verdicts v CROSS JOIN verdict_groups g"
                       " WHERE g.id = v.group_ref AND %1 = :pack AND v.case_ref IN (%2)")
            .arg(d.withoutIndex(QStringLiteral("v.pack_ref")), refs.join(QLatin1Char(','))));
    v.bind(QStringLiteral(":pack"), pack);
    if (!v.exec())
        return storeFailure(StoreErrc::Sql, QStringLiteral("cannot read the verdicts: %1").arg(v.errorText()));
    while (v.next()) {
        CaseSummary &row = *byRef[v.int64(QStringLiteral("case_ref"))];
        const QString group = v.text(QStringLiteral("group_key"));
        const QString option = optionIdOfGroup(group);
        (option.isEmpty() ? row.verdicts[group] : row.optionVerdicts[option]) = v.text(QStringLiteral("verdict"));
    }
    return storeSuccess();
}

StoreResult<std::vector<CaseSummary>> findOn(const QSqlDatabase &db, const SqlDialect &d, const CaseFilter &f)
{
    const auto pack = packRefOf(db, f.packSha256);
    if (!pack)
        return pack.error();
    const ListSql s = buildList(d, f, pack.value());
    SqlStatement q(db,
        QStringLiteral("SELECT p.id, p.case_id, p.label, p.disease, p.created_at, p.updated_at, p.archived,"
                       " p.latest_version_id, v.version FROM (SELECT c.id, c.case_id, c.label, c.disease,"
                       " c.created_at, c.updated_at, c.archived, c.latest_version_id FROM cases c")
            + s.join + s.where + QStringLiteral(" ORDER BY ") + s.order
            + QStringLiteral(
                " LIMIT :limit OFFSET :offset) p LEFT JOIN case_versions v ON v.id = p.latest_version_id"));
    bindAll(q, s.binds);
    bindAll(q, s.joinBinds);
    q.bind(QStringLiteral(":limit"), f.limit).bind(QStringLiteral(":offset"), f.offset);
    if (!q.exec())
        return storeFailure(StoreErrc::Sql, QStringLiteral("cannot list the cases: %1").arg(q.errorText()));
    std::vector<CaseSummary> rows;
    while (q.next())
        rows.push_back(caseSummaryFrom(q));
    if (auto added = addVerdicts(db, d, pack.value(), rows); !added)
        return added.error();
    return rows;
}

// A read-only connection of the calling thread, removed when it goes out of scope.
class ReadConnection
{
public:
    // `path`: a file, or a PostgreSQL location in its normal form (CaseStore::path()).
    explicit ReadConnection(const QString &path)
    {
        static std::atomic<int> serial { 0 };
        m_name = QStringLiteral("consilium-read-%1").arg(serial.fetch_add(1));
        const StoreLocation location = parseStoreLocation(path);
        m_dialect = location.postgres ? SqlDialect::postgresql() : SqlDialect::sqlite();
        QSqlDatabase db = QSqlDatabase::addDatabase(m_dialect->driverName(), m_name);
        if (location.postgres) {
            applyPostgresTarget(db, *location.postgres, m_dialect->readOnlyConnectOptions(2000));
        } else {
            db.setDatabaseName(path);
            db.setConnectOptions(m_dialect->readOnlyConnectOptions(2000));
        }
        if (!db.open())
            m_error = QStringLiteral("cannot open %1: %2").arg(path, db.lastError().text());
    }
    ~ReadConnection() { QSqlDatabase::removeDatabase(m_name); }
    ReadConnection(const ReadConnection &) = delete;
    ReadConnection &operator=(const ReadConnection &) = delete;

    template <class F> auto run(F &&f) -> decltype(f(QSqlDatabase(), std::declval<const SqlDialect &>()))
    {
        if (!m_error.isEmpty())
            return storeFailure(StoreErrc::Io, m_error);
        const QSqlDatabase db = QSqlDatabase::database(m_name, false);
        auto out = f(db, *m_dialect);
        return out;
    }

private:
    std::unique_ptr<SqlDialect> m_dialect;
    QString m_name;
    QString m_error;
};

} // namespace

StoreResult<qint64> CaseStore::countCases(const CaseFilter &filter)
{
    return countOn(database(), *m_dialect, filter);
}

StoreResult<std::vector<CaseSummary>> CaseStore::findCases(const CaseFilter &filter)
{
    return findOn(database(), *m_dialect, filter);
}

StoreResult<CasePage> CaseStore::queryCases(const CaseFilter &filter)
{
    auto total = countCases(filter);
    if (!total)
        return total.error();
    auto rows = findCases(filter);
    if (!rows)
        return rows.error();
    return CasePage { total.value(), std::move(rows).value() };
}

StoreResult<qint64> CaseStore::countCasesAt(const QString &path, const CaseFilter &filter)
{
    ReadConnection c(path);
    return c.run([&](const QSqlDatabase &db, const SqlDialect &d) { return countOn(db, d, filter); });
}

StoreResult<std::vector<CaseSummary>> CaseStore::findCasesAt(const QString &path, const CaseFilter &filter)
{
    ReadConnection c(path);
    return c.run([&](const QSqlDatabase &db, const SqlDialect &d) { return findOn(db, d, filter); });
}

StoreResult<QStringList> CaseStore::diseases()
{
    SqlStatement q(
        database(), QStringLiteral("SELECT DISTINCT disease FROM cases WHERE disease IS NOT NULL ORDER BY disease"));
    if (!q.exec())
        return storeFailure(StoreErrc::Sql, q.errorText());
    QStringList out;
    while (q.next())
        out << q.text(QStringLiteral("disease"));
    return out;
}

StoreResult<std::vector<ConferenceEntry>> CaseStore::conferenceList()
{
    SqlStatement q(
        database(), QStringLiteral("SELECT id, held_on, title FROM conferences ORDER BY held_on DESC, id DESC"));
    if (!q.exec())
        return storeFailure(StoreErrc::Sql, q.errorText());
    std::vector<ConferenceEntry> out;
    while (q.next())
        out.push_back(
            { q.int64(QStringLiteral("id")), q.text(QStringLiteral("held_on")), q.text(QStringLiteral("title")) });
    return out;
}

} // namespace consilium
