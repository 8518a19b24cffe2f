// SPDX-License-Identifier: GPL-3.0-or-later
#include "DbCommand.h"

#include "rules/RulePack.h"
#include "store/StoreLocation.h"

#include <QFileInfo>

namespace consilium::cli {

int exitFor(const StoreError &e)
{
    switch (e.code) {
    case StoreErrc::None:
        return Ok;
    case StoreErrc::Locked:
    case StoreErrc::Unreachable: // try again later (the server is back)
        return Busy;
    case StoreErrc::InvalidCase:
        return BadCase;
    case StoreErrc::InvalidPack:
        return BadPack;
    case StoreErrc::Io:
    case StoreErrc::Foreign:
    case StoreErrc::Corrupt:
    case StoreErrc::TooNew:
    case StoreErrc::NeedsUpgrade:
        return NoInput;
    case StoreErrc::NotFound:
    case StoreErrc::Refused:
    case StoreErrc::Conflict:
    case StoreErrc::Sql:
        return Failed;
    case StoreErrc::Unsupported:
        return Usage;
    }
    return Failed;
}

int report(const StoreError &e)
{
    err(QStringLiteral("consilium-cli db: ") + e.message);
    for (const QString &d : e.details)
        err(QStringLiteral("  ") + d);
    return exitFor(e);
}

QCommandLineOption flag(const char *name, const char *description)
{
    return { QLatin1String(name), QLatin1String(description) };
}

QCommandLineOption valued(const char *name, const char *description, const char *valueName)
{
    return { QLatin1String(name), QLatin1String(description), QLatin1String(valueName) };
}

bool toId(const QString &text, qint64 &id)
{
    bool ok = false;
    id = text.toLongLong(&ok);
    return ok && id > 0;
}

QString verdictSummary(const std::map<QString, QString> &verdicts)
{
    QStringList parts;
    for (const auto &[group, verdict] : verdicts)
        parts << QStringLiteral("%1=%2").arg(group, verdict);
    return parts.isEmpty() ? QStringLiteral("(not evaluated under this pack)") : parts.join(QLatin1Char(' '));
}

StoreOptions Session::storeOptions() const
{
    StoreOptions o;
    o.path = m_options.databasePath;
    o.actor = Actor::fromEnvironment(m_options.actor);
    return o;
}

CaseStore *Session::store(bool writer, int &code)
{
    StoreOptions o = storeOptions();
    o.writer = writer;
    auto opened = CaseStore::open(o);
    if (!opened) {
        m_store.reset();
        code = report(opened.error());
        return nullptr;
    }
    m_store = std::move(opened).value();
    if (!auditPendingOverride(code))
        return nullptr;
    return m_store.get();
}

CaseStore *Session::auditedReader(int &code, QString &unaudited)
{
    StoreOptions o = storeOptions();
    // A missing database is reported by the reader, which creates nothing.
    if (!QFileInfo::exists(o.path.isEmpty() ? defaultDatabasePath() : o.path))
        return store(false, code);
    o.writer = true;
    o.create = false;
    o.lockTimeoutMs = 1000;
    auto opened = CaseStore::open(o);
    if (opened) {
        m_store = std::move(opened).value();
        return m_store.get();
    }
    // Whatever keeps a reader out too (a foreign, damaged or newer file) is reported by it.
    unaudited = opened.error().message;
    return store(false, code);
}

const RulePack *Session::pack(int &code, bool forStoring)
{
    if (m_options.rulesPath.isEmpty())
        return &RulePack::builtin();
    PackImport imported = importSitePack(
        m_options.rulesPath, m_options.allowUnsigned, forStoring, QStringLiteral("consilium-cli db: "), code);
    if (!imported.pack)
        return nullptr;
    m_pack = std::move(imported.pack);
    if (!imported.overrideWarning.isEmpty()) {
        m_pendingOverride = imported.overrideWarning;
        if (!auditPendingOverride(code))
            return nullptr;
    }
    return m_pack.get();
}

std::pair<const RulePack *, CaseStore *> Session::packAndWriter(int &code)
{
    const RulePack *p = pack(code, true);
    if (!p)
        return { nullptr, nullptr };
    CaseStore *st = store(true, code);
    return { st ? p : nullptr, st };
}

Session::~Session()
{
    if (!m_pendingOverride.isEmpty())
        err(QStringLiteral("consilium-cli db: the signature override was not audited (this command does not write "
                           "to the database)"));
}

// Records a pending --allow-unsigned override in the audit log once the database is open for
// writing. Returns false (code set) if the audit row cannot be written.
bool Session::auditPendingOverride(int &code)
{
    if (m_pendingOverride.isEmpty() || !m_store || !m_store->isWriter())
        return true;
    WriteTransaction tx(*m_store);
    StoreResult<void> done = tx.begun();
    if (done)
        done = m_store->audit(QStringLiteral("rule_pack.signature_overridden"), QStringLiteral("rule_pack"),
            m_pack->sha256(), QString(), m_pack->sha256(), m_pendingOverride);
    if (done)
        done = tx.commit();
    if (!done) {
        code = report(done.error());
        return false;
    }
    m_pendingOverride.clear();
    return true;
}

DbCommand::DbCommand(QString name, QString description, Pack pack) : Command(std::move(name), std::move(description))
{
    addOption({ QStringLiteral("db"),
                  QStringLiteral("The database: a SQLite file, or postgresql://[user@]host[:port]/dbname[?sslmode=…] "
                                 "(default: as for the application)."),
                  QStringLiteral("PATH|URI") },
        Kind::File);
    addOption({ QStringLiteral("as"), QStringLiteral("Display name of who acts, for the audit log."),
        QStringLiteral("DISPLAY_NAME") });
    if (pack == Pack::Rules)
        addRulesOptions();
}

int DbCommand::run(const QCommandLineParser &parser, const QStringList &arguments)
{
    SessionOptions options;
    // --db is classified first (docs/cli.md#database-location): an unsupported URI is a usage
    // error, and nothing is created on disk.
    const StoreLocation location = parseStoreLocation(parser.value(QStringLiteral("db")));
    if (!location.isSupported())
        return report({ StoreErrc::Unsupported, location.error, {} });
    options.databasePath = location.storePath();
    options.actor = parser.value(QStringLiteral("as"));
    // Only a command that declares --rules can have it on its command line (reading an option
    // the parser does not declare would warn).
    if (parser.optionNames().contains(QStringLiteral("rules"))) {
        options.rulesPath = parser.value(QStringLiteral("rules"));
        options.allowUnsigned = parser.isSet(QStringLiteral("allow-unsigned"));
    }
    Session session(std::move(options));
    return runDb(session, parser, arguments);
}

} // namespace consilium::cli
