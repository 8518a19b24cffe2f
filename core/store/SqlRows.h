// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <vector>

namespace consilium {

// One statement of the store: parameters bound by name (":case_id") and result columns read
// by name, each name looked up once per statement (QSqlRecord::indexOf), never by position.
// On PostgreSQL a prepared QSqlQuery costs three round trips to the server (QPSQL sends
// PREPARE, EXECUTE with the values as literals, and DEALLOCATE when the query goes), so a
// statement there is sent once, with each bound value written as the very literal QPSQL would
// have put into its EXECUTE (QSqlDriver::formatValue): one round trip
// (docs/store.md#performance-on-postgresql). SQLite prepares, as before.
class SqlStatement
{
public:
    SqlStatement(const QSqlDatabase &db, const QString &sql);

    SqlStatement &bind(const QString &name, const QVariant &value);
    bool exec();
    // PostgreSQL only (the values written inline): the text holds `statements` statements
    // separated by `;`, sent in one round trip; stands on the last one's rows. False if any of
    // them failed (lastError() says why; the server runs none after it).
    bool execAll(int statements);
    bool next() { return m_query.next(); }
    void finish() { m_query.finish(); }

    QVariant value(const QString &column) const;
    QString text(const QString &column) const { return value(column).toString(); }
    qint64 int64(const QString &column) const { return value(column).toLongLong(); }
    int integer(const QString &column) const { return value(column).toInt(); }

    qint64 lastInsertId() const;
    int numRowsAffected() const { return m_query.numRowsAffected(); }
    // The statement exactly as exec() sends it, its values written in (PostgreSQL); empty where
    // it is prepared (SQLite, or text the placeholder scan cannot read).
    QString sentText() const { return m_inline ? inlined() : QString(); }
    // The driver's message for a failed prepare or exec (with the statement's first words).
    QString errorText() const;
    QSqlError lastError() const;

private:
    QString inlined() const;

    QString m_sql;
    QSqlQuery m_query;
    bool m_prepared = false;
    bool m_inline = false; // PostgreSQL: the values go into the statement's text (above)
    QHash<QString, QVariant> m_bound;
    mutable QHash<QString, int> m_columns;
};

// Runs `statements` (several, separated by `;`, no bound values) in one round trip and reads
// every result: false if any of them failed (q.lastError() says why). The server stops at the
// first that fails. PostgreSQL (QPSQL returns one result per statement; QSqlQuery::nextResult).
bool execEach(QSqlQuery &q, const QString &statements);

// The key the database gave the row `insert` has just inserted (SQLite: the rowid; PostgreSQL:
// lastval(), the identity value drawn in this session, since QPSQL's lastInsertId() is a table
// OID that PostgreSQL 12 and later no longer have).
qint64 insertedId(const QSqlQuery &insert);

// PostgreSQL array literals ({1,2,3}, {"a","b\"c"}), to pass a whole column of a batch's
// rows as one bound value: `unnest(CAST(:ids AS bigint[]), CAST(:texts AS text[]))` writes a
// batch in one statement with no limit on the number of parameters
// (docs/store.md#performance-on-postgresql). Every text element is quoted, with `"` and `\`
// escaped, so any text (commas, braces, quotes, the word NULL) arrives as it was.
QString postgresArray(const std::vector<qint64> &values);
QString postgresArray(const QStringList &values);

} // namespace consilium
