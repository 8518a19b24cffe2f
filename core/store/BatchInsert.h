// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <functional>
#include <map>
#include <memory>
#include <vector>

namespace consilium {

// Rows written many at a time (issue 13, docs/store.md#performance-on-postgresql): one
// `INSERT INTO t (…) VALUES (…), (…), …` per chunk of rows, with bound parameters, prepared once
// per chunk size (the full chunk, and the shorter last one). On PostgreSQL every statement is a
// round trip to the server, so a chunk of N rows costs one instead of N; on SQLite it saves the
// per-statement overhead. QtSql offers no COPY, and QSqlQuery::execBatch() on QPSQL runs one
// statement per row. The caller's transaction holds the rows: a failed chunk fails the batch.
class BatchInsert
{
public:
    // Called for each row a chunk's statement returns (a `tail` with RETURNING).
    using Returned = std::function<void(const QSqlQuery &)>;

    // `tail` is appended to every statement: ON CONFLICT …, RETURNING ….
    BatchInsert(const QSqlDatabase &db, const QString &table, const QStringList &columns, const QString &tail = {},
        Returned returned = {});
    ~BatchInsert();
    BatchInsert(const BatchInsert &) = delete;
    BatchInsert &operator=(const BatchInsert &) = delete;

    // Adds one row (one value per column, in the columns' order); a full chunk is written at once.
    bool add(const QVariantList &row);
    // Writes the rows not yet written.
    bool flush();
    // Rows in one full chunk: as many as fit in kMaxParameters bound values.
    int rowsPerStatement() const { return m_rowsPerStatement; }
    // Statements run so far (round trips on PostgreSQL).
    int statements() const { return m_statements; }
    QString errorText() const { return m_error; }

    static constexpr int kMaxParameters = 2000;

private:
    QSqlQuery *statementFor(int rows);

    QSqlDatabase m_db;
    QString m_head;
    QString m_rowPlaceholders;
    QString m_tail;
    int m_columns;
    int m_rowsPerStatement;
    Returned m_returned;
    std::vector<QVariant> m_pending;
    std::map<int, std::unique_ptr<QSqlQuery>> m_prepared;
    int m_statements = 0;
    QString m_error;
};

} // namespace consilium
