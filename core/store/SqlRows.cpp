// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/SqlRows.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlRecord>

namespace consilium {

namespace {

// Statements whose text the placeholder scan below does not read reliably (dollar quotes,
// comments) are prepared as on SQLite.
bool canInline(const QSqlDatabase &db, const QString &sql)
{
    const QSqlDriver *driver = db.driver();
    return driver && driver->dbmsType() == QSqlDriver::PostgreSQL && !sql.contains(QLatin1Char('$'))
        && !sql.contains(QLatin1String("--")) && !sql.contains(QLatin1String("/*"));
}

bool isNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_');
}

} // namespace

SqlStatement::SqlStatement(const QSqlDatabase &db, const QString &sql) : m_sql(sql), m_query(db)
{
    m_query.setForwardOnly(true);
    m_inline = canInline(db, sql);
    m_prepared = m_inline || m_query.prepare(sql);
}

SqlStatement &SqlStatement::bind(const QString &name, const QVariant &value)
{
    if (m_inline)
        m_bound.insert(name, value);
    else
        m_query.bindValue(name, value);
    return *this;
}

// The statement with every ":name" outside quotes replaced by its value's literal, formatted by
// the driver exactly as QPSQL formats the values of its EXECUTE; an unbound name is NULL, as it
// is for a prepared query. "::" (a cast) is not a placeholder.
QString SqlStatement::inlined() const
{
    const QSqlDriver *driver = m_query.driver();
    // Each value's literal first, so that the statement is written into one allocation (a batch's
    // values run to megabytes; growing the string as it is written would copy them again).
    QHash<QString, QString> literals;
    qsizetype size = m_sql.size();
    for (auto it = m_bound.cbegin(); it != m_bound.cend(); ++it) {
        QSqlField field(QString(), it.value().metaType());
        field.setValue(it.value());
        const QString &literal = *literals.insert(it.key(), driver->formatValue(field));
        size += literal.size();
    }
    QString out;
    out.reserve(size + 16);
    QChar quote;
    for (qsizetype i = 0; i < m_sql.size(); ++i) {
        const QChar c = m_sql.at(i);
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
        } else if (c == QLatin1Char(':') && i + 1 < m_sql.size() && isNameChar(m_sql.at(i + 1))
            && (i == 0 || m_sql.at(i - 1) != QLatin1Char(':'))) {
            qsizetype end = i + 1;
            while (end < m_sql.size() && isNameChar(m_sql.at(end)))
                ++end;
            const QString name = m_sql.mid(i, end - i);
            if (const auto literal = literals.constFind(name); literal != literals.cend()) {
                out += *literal;
            } else { // unbound: NULL, as for a prepared query
                const QSqlField field { QString(), QMetaType() };
                out += driver->formatValue(field);
            }
            i = end - 1;
            continue;
        }
        out += c;
    }
    return out;
}

bool SqlStatement::exec()
{
    m_columns.clear();
    if (m_inline)
        return m_query.exec(inlined());
    return m_prepared && m_query.exec();
}

bool SqlStatement::execAll(int statements)
{
    Q_ASSERT(m_inline);
    m_columns.clear();
    m_query.setForwardOnly(false); // QPSQL collects every statement's result only then (execEach)
    if (!m_inline || !m_query.exec(inlined()))
        return false;
    for (int i = 1; i < statements; ++i) {
        if (!m_query.nextResult())
            return false;
    }
    return true;
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

bool execEach(QSqlQuery &q, const QString &statements)
{
    q.setForwardOnly(false); // QPSQL collects every statement's result only then
    if (!q.exec(statements))
        return false;
    while (q.nextResult()) { }
    return q.lastError().type() == QSqlError::NoError;
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

QString postgresArray(const std::vector<qint64> &values)
{
    QString out;
    out.reserve(qsizetype(values.size()) * 8 + 2);
    out += QLatin1Char('{');
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0)
            out += QLatin1Char(',');
        out += QString::number(values[i]);
    }
    out += QLatin1Char('}');
    return out;
}

QString postgresArray(const QStringList &values)
{
    qsizetype size = 2;
    for (const QString &v : values)
        size += v.size() + 3;
    QString out;
    out.reserve(size);
    out += QLatin1Char('{');
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i > 0)
            out += QLatin1Char(',');
        out += QLatin1Char('"');
        // The runs between characters to escape are appended whole (a compact result is
        // mostly such runs).
        const QStringView text = values.at(i);
        qsizetype from = 0;
        for (qsizetype at = 0; at < text.size(); ++at) {
            const QChar c = text[at];
            if (c != QLatin1Char('"') && c != QLatin1Char('\\'))
                continue;
            out += text.sliced(from, at - from);
            out += QLatin1Char('\\');
            from = at;
        }
        out += text.sliced(from);
        out += QLatin1Char('"');
    }
    out += QLatin1Char('}');
    return out;
}

} // namespace consilium
