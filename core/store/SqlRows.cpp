// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/SqlRows.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlRecord>

namespace consilium {

SqlStatement::SqlStatement(const QSqlDatabase &db, const QString &sql) : m_sql(sql), m_query(db)
{
    m_query.setForwardOnly(true);
    m_prepared = m_query.prepare(sql);
}

SqlStatement &SqlStatement::bind(const QString &name, const QVariant &value)
{
    m_query.bindValue(name, value);
    return *this;
}

bool SqlStatement::exec()
{
    m_columns.clear();
    return m_prepared && m_query.exec();
}

QVariant SqlStatement::value(const QString &column) const
{
    int index = m_columns.value(column, -2); // -2: not looked up yet
    if (index == -2) {
        index = m_query.record().indexOf(column);
        m_columns.insert(column, index);
    }
    Q_ASSERT_X(index >= 0, "SqlStatement::value", qPrintable(column));
    return index >= 0 ? m_query.value(index) : QVariant();
}

qint64 SqlStatement::lastInsertId() const
{
    return insertedId(m_query);
}

qint64 insertedId(const QSqlQuery &insert)
{
    const QSqlDriver *driver = insert.driver();
    if (!driver || driver->dbmsType() != QSqlDriver::PostgreSQL)
        return insert.lastInsertId().toLongLong();
    QSqlQuery q(driver->createResult());
    return q.exec(QStringLiteral("SELECT lastval()")) && q.next() ? q.value(0).toLongLong() : 0;
}

QSqlError SqlStatement::lastError() const
{
    return m_query.lastError();
}

QString SqlStatement::errorText() const
{
    const QString text = m_query.lastError().text();
    return text.isEmpty() && !m_prepared ? QStringLiteral("cannot prepare: %1").arg(m_sql.left(60)) : text;
}

} // namespace consilium
