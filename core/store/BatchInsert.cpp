// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/BatchInsert.h"

#include <algorithm>

namespace consilium {

BatchInsert::BatchInsert(
    const QSqlDatabase &db, const QString &table, const QStringList &columns, const QString &tail, Returned returned)
    : m_db(db)
    , m_head(QStringLiteral("INSERT INTO %1 (%2) VALUES ").arg(table, columns.join(QStringLiteral(", "))))
    , m_tail(tail)
    , m_columns(int(std::max<qsizetype>(1, columns.size())))
    , m_rowsPerStatement(std::max(1, kMaxParameters / m_columns))
    , m_returned(std::move(returned))
{
    QStringList marks;
    for (int i = 0; i < m_columns; ++i)
        marks << QStringLiteral("?");
    m_rowPlaceholders = QLatin1Char('(') + marks.join(QStringLiteral(", ")) + QLatin1Char(')');
    m_pending.reserve(std::size_t(m_rowsPerStatement) * std::size_t(m_columns));
}

BatchInsert::~BatchInsert() = default;

QSqlQuery *BatchInsert::statementFor(int rows)
{
    auto found = m_prepared.find(rows);
    if (found != m_prepared.end())
        return found->second.get();
    QStringList values;
    values.reserve(rows);
    for (int i = 0; i < rows; ++i)
        values << m_rowPlaceholders;
    auto query = std::make_unique<QSqlQuery>(m_db);
    query->setForwardOnly(true);
    if (!query->prepare(m_head + values.join(QStringLiteral(", ")) + m_tail)) {
        m_error = QStringLiteral("cannot prepare %1…: %2").arg(m_head.trimmed(), query->lastError().text());
        return nullptr;
    }
    return m_prepared.emplace(rows, std::move(query)).first->second.get();
}

bool BatchInsert::add(const QVariantList &row)
{
    Q_ASSERT(row.size() == m_columns);
    m_pending.insert(m_pending.end(), row.begin(), row.end());
    if (int(m_pending.size()) >= m_rowsPerStatement * m_columns)
        return flush();
    return true;
}

bool BatchInsert::flush()
{
    if (m_pending.empty())
        return true;
    const int rows = int(m_pending.size()) / m_columns;
    QSqlQuery *q = statementFor(rows);
    if (!q)
        return false;
    for (int i = 0; i < int(m_pending.size()); ++i)
        q->bindValue(i, m_pending[std::size_t(i)]);
    m_pending.clear();
    ++m_statements;
    if (!q->exec()) {
        m_error = QStringLiteral("%1(%2 rows): %3").arg(m_head, QString::number(rows), q->lastError().text());
        return false;
    }
    if (m_returned) {
        while (q->next())
            m_returned(*q);
    }
    q->finish();
    return true;
}

} // namespace consilium
