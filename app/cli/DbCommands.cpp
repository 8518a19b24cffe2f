// SPDX-License-Identifier: GPL-3.0-or-later
// consilium-cli db …: versioned cases, evaluations, decisions and the audit log (issue 4).
#include "DbCommands.h"

#include "engine/ResultWriter.h"
#include "engine/Vignettes.h"
#include "rules/RulePack.h"
#include "store/Backup.h"
#include "store/CaseStore.h"
#include "store/Decisions.h"
#include "store/Evaluations.h"
#include "store/ImportExport.h"
#include "store/Replay.h"
#include "store/RequiredRoles.h"
#include "trust/TrustedPack.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <map>
#include <memory>

using namespace consilium;

namespace {

// SPEC §5 exit codes, plus EX_TEMPFAIL (sysexits) when another writer holds the database.
enum Exit { Ok = 0, Failed = 1, BadCase = 2, BadPack = 3, Usage = 64, NoInput = 66, Busy = 75 };

std::atomic<bool> s_cancel { false };

extern "C" void onInterrupt(int)
{
    s_cancel.store(true);
}

void err(const QString &line)
{
    const QByteArray b = line.toUtf8();
    std::fwrite(b.constData(), 1, size_t(b.size()), stderr);
    std::fputc('\n', stderr);
}

void out(const QString &line)
{
    const QByteArray b = line.toUtf8();
    std::fwrite(b.constData(), 1, size_t(b.size()), stdout);
    std::fputc('\n', stdout);
}

const char kUsage[]
    = "usage: consilium-cli db COMMAND [--db PATH] [--as DISPLAY_NAME] ...\n"
      "  init                                   create or upgrade the database\n"
      "  import PATH [--rules PACK]             import consilium-case/1 files (a file or a directory)\n"
      "  export CASE_ID|--all DIR [--version N] write cases as consilium-case/1 JSON\n"
      "  list [--disease D] [--verdict ARM=V] [--rules PACK] [--archived] [--limit N] [--offset N]\n"
      "  show CASE_ID [--content]               versions, evaluations and decisions of a case\n"
      "  evaluate CASE_ID|--all [--rules PACK]  evaluate and store the compact results\n"
      "  archive CASE_ID | unarchive CASE_ID\n"
      "  purge CASE_ID --confirm CASE_ID        remove an archived case for good (audited; refused while a\n"
      "                                         finalised decision rests on it)\n"
      "  replay DECISION_ID [--with-current-rules] [--rules PACK]\n"
      "  verify-audit                           exit 0 intact, 1 tampered (names the first bad row)\n"
      "  backup FILE                            consistent snapshot into a new file\n"
      "  conference create --date YYYY-MM-DD --title TEXT [--attendee NAME:ROLE]...\n"
      "  conference add-case CONFERENCE_ID CASE_ID | conference show CONFERENCE_ID | conference list\n"
      "  decide CONFERENCE_ID CASE_ID [--arm ARM | --defer] [--rationale TEXT] [--rules PACK]\n"
      "  outcome DECISION_ID --arm ARM|--defer [--rationale TEXT]\n"
      "  position DECISION_ID --participant NAME --role ROLE --agree|--disagree|--abstain [--reason TEXT]\n"
      "  override DECISION_ID --criterion ID --code CODE --text TEXT\n"
      "  finalise DECISION_ID | correct DECISION_ID | decision DECISION_ID\n"
      "  settings get KEY | settings set KEY VALUE\n"
      "Case labels must never hold names or other direct identifiers.";

int usage(const QString &problem)
{
    if (!problem.isEmpty())
        err(QStringLiteral("consilium-cli db: ") + problem);
    err(QString::fromLatin1(kUsage));
    return Usage;
}

struct Args {
    QStringList positional;
    QHash<QString, QString> values;
    QStringList attendees;
    QStringList flags;

    QString value(const char *name) const { return values.value(QLatin1String(name)); }
    bool has(const char *name) const
    {
        return values.contains(QLatin1String(name)) || flags.contains(QLatin1String(name));
    }
};

bool parseArgs(const QStringList &args, Args &a, QString &problem)
{
    static const QStringList withValue { QStringLiteral("--db"), QStringLiteral("--rules"), QStringLiteral("--as"),
        QStringLiteral("--disease"), QStringLiteral("--verdict"), QStringLiteral("--limit"), QStringLiteral("--offset"),
        QStringLiteral("--date"), QStringLiteral("--title"), QStringLiteral("--arm"), QStringLiteral("--rationale"),
        QStringLiteral("--participant"), QStringLiteral("--role"), QStringLiteral("--reason"),
        QStringLiteral("--criterion"), QStringLiteral("--code"), QStringLiteral("--text"), QStringLiteral("--version"),
        QStringLiteral("--confirm") };
    static const QStringList boolean { QStringLiteral("--all"), QStringLiteral("--with-current-rules"),
        QStringLiteral("--archived"), QStringLiteral("--defer"), QStringLiteral("--agree"),
        QStringLiteral("--disagree"), QStringLiteral("--abstain"), QStringLiteral("--content"),
        QStringLiteral("--allow-unsigned") };
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args[i];
        if (arg == QLatin1String("--attendee")) {
            if (i + 1 >= args.size()) {
                problem = QStringLiteral("--attendee needs NAME:ROLE");
                return false;
            }
            a.attendees << args[++i];
        } else if (withValue.contains(arg)) {
            if (i + 1 >= args.size()) {
                problem = QStringLiteral("%1 needs a value").arg(arg);
                return false;
            }
            a.values.insert(arg.mid(2), args[++i]);
        } else if (boolean.contains(arg)) {
            a.flags << arg.mid(2);
        } else if (arg.startsWith(QLatin1String("--"))) {
            problem = QStringLiteral("unknown option %1").arg(arg);
            return false;
        } else {
            a.positional << arg;
        }
    }
    return true;
}

int exitFor(const StoreError &e)
{
    switch (e.code) {
    case StoreErrc::None:
        return Ok;
    case StoreErrc::Locked:
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
    case StoreErrc::Sql:
        return Failed;
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

class Session
{
public:
    explicit Session(const Args &a) : m_args(a) { }

    // Opens the store; on failure prints and returns null with `code` set.
    CaseStore *store(bool writer, int &code)
    {
        StoreOptions o;
        o.path = m_args.value("db");
        o.writer = writer;
        o.actor = Actor::fromEnvironment(m_args.value("as"));
        StoreError e;
        m_store = CaseStore::open(o, e);
        if (!m_store)
            code = report(e);
        else if (!auditPendingOverride(code))
            return nullptr;
        return m_store.get();
    }

    // For actions that only read but are audited (export, backup): a writer when the lock can
    // be had within a second, so the action is recorded in the audit log; when another process
    // holds it (or the file cannot be written), read-only, with `unaudited` set to why (the
    // caller warns, and still succeeds).
    CaseStore *auditedReader(int &code, QString &unaudited)
    {
        StoreOptions o;
        o.path = m_args.value("db");
        // A missing database is reported by the reader, which creates nothing.
        if (!QFileInfo::exists(o.path.isEmpty() ? defaultDatabasePath() : o.path))
            return store(false, code);
        o.writer = true;
        o.create = false;
        o.lockTimeoutMs = 1000;
        o.actor = Actor::fromEnvironment(m_args.value("as"));
        StoreError e;
        m_store = CaseStore::open(o, e);
        if (m_store)
            return m_store.get();
        // Whatever keeps a reader out too (a foreign, damaged or newer file) is reported by it.
        unaudited = e.message;
        return store(false, code);
    }

    // The pack named by --rules, or the built-in one. A site pack is imported (issue 6): its
    // schema must validate, its vignettes pass and PACK.sig be a trusted signature, unless
    // --allow-unsigned overrides the signature check; the override is printed and, when the
    // session holds the database for writing, recorded in the audit log. `forStoring` says
    // whether results will be stored: only then must every vignette pass (a replay diff may
    // compare with a draft pack).
    const RulePack *pack(int &code, bool forStoring)
    {
        const QString path = m_args.value("rules");
        if (path.isEmpty())
            return &RulePack::builtin();
        trust::ImportOptions options;
        options.allowUnsigned = m_args.has("allow-unsigned");
        options.requireVignettes = forStoring;
        trust::ImportReport imported;
        json::Diagnostics diag;
        bool unreadable = false;
        m_pack = trust::importPack(path, options, diag, imported, &unreadable);
        if (!m_pack) {
            for (const QString &l : diag.lines())
                err(QStringLiteral("%1: %2").arg(path, l));
            code = unreadable ? NoInput : BadPack;
            return nullptr;
        }
        if (imported.overridden) {
            err(QStringLiteral("consilium-cli db: ") + imported.warning);
            m_pendingOverride = imported.warning;
            if (!auditPendingOverride(code))
                return nullptr;
        }
        return m_pack.get();
    }

    // The pack results will be stored with, then the store opened for writing (in this order,
    // so that a signature override is audited as soon as the writer is open). Both null on failure.
    std::pair<const RulePack *, CaseStore *> packAndWriter(int &code)
    {
        const RulePack *p = pack(code, true);
        if (!p)
            return { nullptr, nullptr };
        CaseStore *st = store(true, code);
        return { st ? p : nullptr, st };
    }

    ~Session()
    {
        if (!m_pendingOverride.isEmpty())
            err(QStringLiteral("consilium-cli db: the signature override was not audited (this command does not write "
                               "to the database)"));
    }

private:
    // Records a pending --allow-unsigned override in the audit log once the database is open
    // for writing. Returns false (code set) if the audit row cannot be written.
    bool auditPendingOverride(int &code)
    {
        if (m_pendingOverride.isEmpty() || !m_store || !m_store->isWriter())
            return true;
        const bool ok = m_store->begin()
            && m_store->audit(QStringLiteral("rule_pack.signature_overridden"), QStringLiteral("rule_pack"),
                m_pack->sha256(), QString(), m_pack->sha256(), m_pendingOverride)
            && m_store->commit();
        if (!ok) {
            m_store->rollback();
            code = report(m_store->lastError());
            return false;
        }
        m_pendingOverride.clear();
        return true;
    }

    const Args &m_args;
    std::unique_ptr<CaseStore> m_store;
    std::unique_ptr<RulePack> m_pack;
    QString m_pendingOverride;
};

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

int cmdInit(Session &s)
{
    int code = Ok;
    CaseStore *store = s.store(true, code);
    if (!store)
        return code;
    out(QStringLiteral("database %1 ready (schema v%2)").arg(store->path()).arg(store->schemaVersion()));
    return Ok;
}

int cmdImport(Session &s, const Args &a)
{
    if (a.positional.size() != 1)
        return usage(QStringLiteral("import needs exactly one PATH"));
    int code = Ok;
    const RulePack *pack = s.pack(code, false);
    if (!pack)
        return code;
    CaseStore *store = s.store(true, code);
    if (!store)
        return code;
    StoreError e;
    const auto summary = importCases(*store, a.positional.first(), *pack, e);
    if (!summary)
        return report(e);
    for (const ImportFileOutcome &f : summary->files) {
        switch (f.status) {
        case SaveStatus::Added:
            out(QStringLiteral("imported %1 version %2 (%3)").arg(f.caseId).arg(f.version).arg(f.file));
            break;
        case SaveStatus::Unchanged:
            out(QStringLiteral("unchanged %1 (%2)").arg(f.caseId, f.file));
            break;
        case SaveStatus::Rejected:
            for (const QString &p : f.problems)
                err(QStringLiteral("%1: %2").arg(f.file, p));
            break;
        }
    }
    out(QStringLiteral("%1 imported, %2 unchanged, %3 rejected")
            .arg(summary->imported)
            .arg(summary->unchanged)
            .arg(summary->rejected));
    return summary->rejected > 0 ? BadCase : Ok;
}

void warnUnaudited(const QString &what, const QString &why)
{
    err(QStringLiteral("consilium-cli db: warning: the %1 was made read-only and could not be audited (%2)")
            .arg(what, why));
}

QString auditedNote(CaseStore &store)
{
    return QStringLiteral("; audit row %1").arg(store.audit().head().value_or(AuditHead {}).id);
}

int cmdExport(Session &s, const Args &a)
{
    const bool all = a.has("all");
    if ((all && a.positional.size() != 1) || (!all && a.positional.size() != 2))
        return usage(QStringLiteral("export needs CASE_ID DIR or --all DIR"));
    int code = Ok;
    QString unaudited;
    CaseStore *store = s.auditedReader(code, unaudited);
    if (!store)
        return code;
    StoreError e;
    if (all) {
        const auto n = exportAll(*store, a.positional.first(), e);
        if (!n)
            return report(e);
        out(QStringLiteral("%1 case(s) exported to %2%3")
                .arg(*n)
                .arg(a.positional.first(), store->isWriter() ? auditedNote(*store) : QString()));
    } else {
        const int version = a.value("version").toInt();
        const auto file = exportCase(*store, a.positional[0], a.positional[1], e, version);
        if (!file)
            return report(e);
        out(QStringLiteral("exported %1 to %2%3")
                .arg(a.positional[0], *file, store->isWriter() ? auditedNote(*store) : QString()));
    }
    if (!store->isWriter())
        warnUnaudited(QStringLiteral("export"), unaudited);
    return Ok;
}

int cmdList(Session &s, const Args &a)
{
    if (!a.positional.isEmpty())
        return usage(QStringLiteral("list takes no positional arguments"));
    int code = Ok;
    const RulePack *pack = s.pack(code, false);
    if (!pack)
        return code;
    CaseFilter f;
    f.disease = a.value("disease");
    f.packSha256 = pack->sha256();
    f.includeArchived = a.has("archived");
    if (a.has("limit"))
        f.limit = a.value("limit").toInt();
    if (a.has("offset"))
        f.offset = a.value("offset").toInt();
    if (f.limit <= 0 || f.offset < 0)
        return usage(QStringLiteral("--limit must be positive and --offset not negative"));
    if (a.has("verdict")) {
        const QString v = a.value("verdict");
        const qsizetype eq = v.indexOf(QLatin1Char('='));
        static const QStringList verdicts { QStringLiteral("eligible"), QStringLiteral("eligible_with_cautions"),
            QStringLiteral("undetermined"), QStringLiteral("ineligible"), QStringLiteral("not_applicable") };
        if (eq <= 0 || !verdicts.contains(v.mid(eq + 1)))
            return usage(QStringLiteral("--verdict needs ARM=VERDICT (verdict one of %1)")
                             .arg(verdicts.join(QStringLiteral(", "))));
        f.verdictGroup = v.left(eq);
        f.verdict = v.mid(eq + 1);
        if (armIndex(f.verdictGroup.section(QLatin1Char('/'), 0, 0)) < 0)
            return usage(QStringLiteral("unknown arm \"%1\"").arg(f.verdictGroup));
    }
    CaseStore *store = s.store(false, code);
    if (!store)
        return code;
    const CasePage page = store->listCases(f);
    if (store->lastError())
        return report(store->lastError());
    out(QStringLiteral("# verdicts under pack %1 %2 (sha256:%3)")
            .arg(pack->id(), pack->version(), pack->sha256().left(12)));
    for (const CaseSummary &c : page.rows) {
        out(QStringLiteral("%1\tv%2\t%3\t%4%5\t%6\t%7")
                .arg(c.caseId)
                .arg(c.latestVersion)
                .arg(c.disease.isEmpty() ? QStringLiteral("-") : c.disease, c.updatedAt,
                    c.archived ? QStringLiteral(" (archived)") : QString(), verdictSummary(c.verdicts), c.label));
    }
    out(QStringLiteral("%1 of %2 case(s)").arg(page.rows.size()).arg(page.total));
    return Ok;
}

int cmdShow(Session &s, const Args &a)
{
    if (a.positional.size() != 1)
        return usage(QStringLiteral("show needs CASE_ID"));
    int code = Ok;
    CaseStore *store = s.store(false, code);
    if (!store)
        return code;
    const QString id = a.positional.first();
    const auto c = store->caseSummary(id);
    if (!c)
        return report(store->lastError());
    if (a.has("content")) {
        const auto v = store->latestVersion(id);
        if (!v)
            return report(store->lastError());
        out(QString::fromUtf8(v->content));
        return Ok;
    }
    out(QStringLiteral("case %1%2").arg(c->caseId, c->archived ? QStringLiteral(" (archived)") : QString()));
    out(QStringLiteral("label: %1").arg(c->label));
    out(QStringLiteral("disease: %1").arg(c->disease.isEmpty() ? QStringLiteral("-") : c->disease));
    out(QStringLiteral("created %1, updated %2").arg(c->createdAt, c->updatedAt));
    out(QStringLiteral("versions:"));
    for (const CaseVersion &v : store->versions(id))
        out(QStringLiteral("  v%1  %2  %3  sha256:%4")
                .arg(v.version)
                .arg(v.createdAt, v.createdBy, v.contentSha256.left(16)));
    Evaluations evaluations(*store);
    const auto evals = evaluations.evaluationsOf(id);
    out(QStringLiteral("evaluations:%1").arg(evals.empty() ? QStringLiteral(" none") : QString()));
    for (const StoredEvaluation &e : evals) {
        out(QStringLiteral("  #%1 v%2 %3 %4 sha256:%5 engine %6 at %7")
                .arg(e.id)
                .arg(e.version)
                .arg(e.packId, e.packVersion, e.packSha256.left(12), e.engineVersion, e.evaluatedAt));
        out(QStringLiteral("     %1").arg(verdictSummary(e.result.verdicts)));
        QStringList earliest;
        for (const auto &[arm, date] : e.result.earliest)
            earliest << QStringLiteral("%1=%2").arg(arm, date.value_or(QStringLiteral("unknown")));
        out(QStringLiteral("     earliest start: %1").arg(earliest.join(QLatin1Char(' '))));
    }
    Decisions decisions(*store);
    const auto ids = decisions.decisionsOfCase(id);
    out(QStringLiteral("decisions:%1").arg(ids.empty() ? QStringLiteral(" none") : QString()));
    for (qint64 d : ids) {
        if (const auto dec = decisions.decision(d))
            out(QStringLiteral("  #%1 v%2 %3 %4 %5")
                    .arg(d)
                    .arg(dec->caseVersion)
                    .arg(dec->finalised ? QStringLiteral("final") : QStringLiteral("draft"), dec->outcome,
                        dec->chosenArm));
    }
    return Ok;
}

int cmdEvaluate(Session &s, const Args &a)
{
    const bool all = a.has("all");
    if ((all && !a.positional.isEmpty()) || (!all && a.positional.size() != 1))
        return usage(QStringLiteral("evaluate needs CASE_ID or --all"));
    int code = Ok;
    const auto [pack, store] = s.packAndWriter(code);
    if (!store)
        return code;
    Evaluations evaluations(*store);
    if (!all) {
        const auto e = evaluations.evaluateCase(a.positional.first(), *pack);
        if (!e)
            return report(store->lastError());
        out(QStringLiteral("evaluation %1 of %2 v%3 under %4 %5: %6")
                .arg(e->id)
                .arg(e->caseId)
                .arg(e->version)
                .arg(pack->id(), pack->version(), verdictSummary(e->result.verdicts)));
        return Ok;
    }
    s_cancel.store(false);
    auto previous = std::signal(SIGINT, onInterrupt);
    QElapsedTimer tick;
    tick.start();
    const auto summary = evaluations.reevaluateAll(
        *pack,
        [&tick](qint64 done, qint64 total) {
            if (tick.elapsed() >= 1000 || done == total) {
                err(QStringLiteral("%1/%2 evaluated…").arg(done).arg(total));
                tick.restart();
            }
        },
        &s_cancel);
    std::signal(SIGINT, previous);
    for (const QString &f : summary.failures)
        err(QStringLiteral("consilium-cli db: %1").arg(f));
    out(QStringLiteral("%1 of %2 case(s) evaluated under %3 %4, %5 failed%6 (engine %7 s, total %8 s)")
            .arg(summary.evaluated)
            .arg(summary.total)
            .arg(pack->id(), pack->version())
            .arg(summary.failed)
            .arg(summary.cancelled ? QStringLiteral(", cancelled") : QString())
            .arg(summary.engineSeconds, 0, 'f', 2)
            .arg(summary.totalSeconds, 0, 'f', 2));
    if (summary.failed > 0)
        return BadCase;
    return summary.failures.isEmpty() && !summary.cancelled ? Ok : Failed;
}

int cmdArchive(Session &s, const Args &a, bool archived)
{
    if (a.positional.size() != 1)
        return usage(QStringLiteral("archive/unarchive needs CASE_ID"));
    int code = Ok;
    CaseStore *store = s.store(true, code);
    if (!store)
        return code;
    if (!store->setArchived(a.positional.first(), archived))
        return report(store->lastError());
    out(QStringLiteral("%1 %2").arg(
        a.positional.first(), archived ? QStringLiteral("archived") : QStringLiteral("unarchived")));
    return Ok;
}

int cmdReplay(Session &s, const Args &a)
{
    qint64 id = 0;
    if (a.positional.size() != 1 || !toId(a.positional.first(), id))
        return usage(QStringLiteral("replay needs a DECISION_ID"));
    int code = Ok;
    const RulePack *current = a.has("with-current-rules") ? s.pack(code, false) : nullptr;
    if (a.has("with-current-rules") && !current)
        return code;
    CaseStore *store = s.store(false, code);
    if (!store)
        return code;
    StoreError e;
    const auto r = replayDecision(*store, id, e);
    if (!r)
        return report(e);
    Decisions decisions(*store);
    const auto d = decisions.decision(id);
    const QString pinned
        = d ? QStringLiteral("%1 %2 sha256:%3").arg(d->packId, d->packVersion, d->packSha256) : QString();
    if (r->identical) {
        out(QStringLiteral(
            "decision %1: replay with the pinned pack %2 reproduces the stored result byte for byte (%3 bytes)")
                .arg(id)
                .arg(pinned)
                .arg(r->stored.size()));
    } else {
        out(QStringLiteral("decision %1: replay with the pinned pack %2 DIFFERS from the stored result%3")
                .arg(id)
                .arg(pinned,
                    r->sameEngine ? QString()
                                  : QStringLiteral(" (stored with engine %1, this is %2)")
                                        .arg(d ? d->engineVersion : QString(), engineVersion())));
        for (const QString &line : r->differences)
            out(QStringLiteral("  ") + line);
    }
    if (current) {
        const auto diff = compareWithRules(*store, id, *current, e);
        if (!diff)
            return report(e);
        out(QStringLiteral("with the current rules (%1 %2 sha256:%3):")
                .arg(current->id(), current->version(), current->sha256()));
        for (const QString &line : *diff)
            out(QStringLiteral("  ") + line);
    }
    return r->identical ? Ok : Failed;
}

int cmdVerifyAudit(Session &s, const Args &a)
{
    if (!a.positional.isEmpty())
        return usage(QStringLiteral("verify-audit takes no arguments"));
    int code = Ok;
    CaseStore *store = s.store(false, code);
    if (!store)
        return code;
    const AuditVerification v = store->audit().verify(store->dialect());
    for (const QString &n : v.notes)
        out(QStringLiteral("note: %1").arg(n));
    if (v.intact) {
        out(QStringLiteral("audit log intact: %1 row(s); head row %2 sha256:%3")
                .arg(v.rows)
                .arg(v.head.id)
                .arg(v.head.hash));
        return Ok;
    }
    out(v.firstBadRow > 0 ? QStringLiteral("audit log TAMPERED: first bad row %1").arg(v.firstBadRow)
                          : QStringLiteral("audit log TAMPERED"));
    for (const QString &p : v.problems)
        out(QStringLiteral("  ") + p);
    return Failed;
}

int cmdBackup(Session &s, const Args &a)
{
    if (a.positional.size() != 1)
        return usage(QStringLiteral("backup needs FILE"));
    int code = Ok;
    QString unaudited;
    CaseStore *store = s.auditedReader(code, unaudited);
    if (!store)
        return code;
    StoreError e;
    const auto r = backupDatabase(*store, a.positional.first(), e);
    if (!r)
        return report(e);
    out(QStringLiteral("backup written to %1 (%2 bytes, %3 case(s), sha256:%4); audit head row %5 sha256:%6")
            .arg(r->path)
            .arg(r->bytes)
            .arg(r->cases)
            .arg(r->sha256)
            .arg(r->auditHead.id)
            .arg(r->auditHead.hash));
    if (r->audited)
        out(QStringLiteral("recorded in the audit log of %1 as row %2").arg(store->path()).arg(r->auditRow));
    else
        warnUnaudited(QStringLiteral("backup"), unaudited);
    return Ok;
}

int cmdPurge(Session &s, const Args &a)
{
    if (a.positional.size() != 1)
        return usage(QStringLiteral("purge needs CASE_ID --confirm CASE_ID"));
    const QString id = a.positional.first();
    if (!a.has("confirm"))
        return usage(QStringLiteral("purge removes case %1 for good; confirm with --confirm %1").arg(id));
    if (a.value("confirm") != id)
        return usage(QStringLiteral("--confirm %1 does not match the case id %2; nothing was purged")
                         .arg(a.value("confirm"), id));
    int code = Ok;
    CaseStore *store = s.store(true, code);
    if (!store)
        return code;
    const auto p = store->purgeCase(id, a.value("confirm"));
    if (!p)
        return report(store->lastError());
    out(QStringLiteral("purged %1: %2 version(s), %3 evaluation(s), %4 draft decision(s), %5 conference listing(s) "
                       "removed; audit row %6 (before sha256:%7)")
            .arg(p->caseId)
            .arg(p->versions)
            .arg(p->evaluations)
            .arg(p->draftDecisions)
            .arg(p->conferenceListings)
            .arg(p->auditRow)
            .arg(p->contentSha256));
    out(QStringLiteral("note: backups and exports made before the purge still hold the case"));
    return Ok;
}

void printDecision(const Decision &d)
{
    out(QStringLiteral("decision %1 (%2)%3")
            .arg(d.id)
            .arg(d.finalised ? QStringLiteral("final") : QStringLiteral("draft"),
                d.correctsId ? QStringLiteral(", corrects decision %1").arg(*d.correctsId) : QString()));
    out(QStringLiteral("conference %1; case %2 v%3; pack %4 %5 sha256:%6; engine %7")
            .arg(d.conferenceId)
            .arg(d.caseId)
            .arg(d.caseVersion)
            .arg(d.packId, d.packVersion, d.packSha256, d.engineVersion));
    out(QStringLiteral("outcome: %1%2")
            .arg(d.outcome, d.chosenArm.isEmpty() ? QString() : QStringLiteral(" ") + d.chosenArm));
    if (!d.rationale.isEmpty())
        out(QStringLiteral("rationale: %1").arg(d.rationale));
    out(QStringLiteral("required roles: %1").arg(d.requiredRoles.join(QStringLiteral(", "))));
    for (const Position &p : d.positions)
        out(QStringLiteral("  %1 (%2): %3%4")
                .arg(p.participant, p.role, stanceName(p.stance),
                    p.reason.isEmpty() ? QString() : QStringLiteral(" — ") + p.reason));
    const QStringList missing = d.missingRoles();
    if (!missing.isEmpty())
        out(QStringLiteral("awaiting positions from: %1").arg(missing.join(QStringLiteral(", "))));
    if (d.hasDissent())
        out(QStringLiteral("dissent recorded"));
    for (const CriterionOverride &o : d.overrides)
        out(QStringLiteral("override %1 [%2]: %3 (%4, %5)")
                .arg(o.criterionId, o.reasonCode, o.text, o.recordedBy, o.recordedAt));
    if (d.finalised)
        out(QStringLiteral("finalised %1 by %2").arg(d.finalisedAt, d.finalisedBy));
}

int cmdConference(Session &s, const Args &a)
{
    const QString sub = a.positional.value(0);
    int code = Ok;
    if (sub == QLatin1String("create")) {
        if (a.positional.size() != 1 || !a.has("date") || !a.has("title"))
            return usage(QStringLiteral("conference create needs --date and --title"));
        std::vector<Attendee> attendees;
        for (const QString &spec : a.attendees) {
            const qsizetype colon = spec.lastIndexOf(QLatin1Char(':'));
            if (colon <= 0 || colon == spec.size() - 1)
                return usage(QStringLiteral("--attendee needs NAME:ROLE, got \"%1\"").arg(spec));
            attendees.push_back({ spec.left(colon), spec.mid(colon + 1) });
        }
        CaseStore *store = s.store(true, code);
        if (!store)
            return code;
        Decisions decisions(*store);
        const auto id = decisions.createConference(a.value("date"), a.value("title"), attendees);
        if (!id)
            return report(store->lastError());
        out(QStringLiteral("conference %1 created").arg(*id));
        return Ok;
    }
    if (sub == QLatin1String("add-case")) {
        qint64 id = 0;
        if (a.positional.size() != 3 || !toId(a.positional[1], id))
            return usage(QStringLiteral("conference add-case needs CONFERENCE_ID CASE_ID"));
        CaseStore *store = s.store(true, code);
        if (!store)
            return code;
        Decisions decisions(*store);
        if (!decisions.listCase(id, a.positional[2]))
            return report(store->lastError());
        out(QStringLiteral("%1 listed in conference %2").arg(a.positional[2]).arg(id));
        return Ok;
    }
    if (sub == QLatin1String("show") || sub == QLatin1String("list")) {
        qint64 id = 0;
        if (sub == QLatin1String("show") && (a.positional.size() != 2 || !toId(a.positional[1], id)))
            return usage(QStringLiteral("conference show needs CONFERENCE_ID"));
        CaseStore *store = s.store(false, code);
        if (!store)
            return code;
        Decisions decisions(*store);
        std::vector<Conference> list;
        if (id > 0) {
            auto c = decisions.conference(id);
            if (!c)
                return report(store->lastError());
            list.push_back(std::move(*c));
        } else {
            list = decisions.conferences();
        }
        for (const Conference &c : list) {
            QStringList names;
            for (const Attendee &at : c.attendees)
                names << QStringLiteral("%1 (%2)").arg(at.name, at.role);
            out(QStringLiteral("conference %1: %2 %3").arg(c.id).arg(c.heldOn, c.title));
            out(QStringLiteral("  attendees: %1").arg(names.join(QStringLiteral(", "))));
            out(QStringLiteral("  cases: %1").arg(c.caseIds.join(QStringLiteral(", "))));
        }
        return Ok;
    }
    return usage(QStringLiteral("conference needs create, add-case, show or list"));
}

int cmdDecide(Session &s, const Args &a)
{
    qint64 conf = 0;
    if (a.positional.size() != 2 || !toId(a.positional[0], conf))
        return usage(QStringLiteral("decide needs CONFERENCE_ID CASE_ID"));
    if (a.has("arm") && a.has("defer"))
        return usage(QStringLiteral("give --arm or --defer, not both"));
    int code = Ok;
    const auto [pack, store] = s.packAndWriter(code);
    if (!store)
        return code;
    Decisions decisions(*store);
    const auto id = decisions.open(conf, a.positional[1], *pack);
    if (!id)
        return report(store->lastError());
    if ((a.has("arm") || a.has("defer")) && !decisions.setOutcome(*id, a.value("arm"), a.value("rationale")))
        return report(store->lastError());
    const auto d = decisions.decision(*id);
    if (d)
        printDecision(*d);
    return Ok;
}

int cmdDecisionChange(Session &s, const Args &a, const QString &command)
{
    qint64 id = 0;
    if (a.positional.size() != 1 || !toId(a.positional.first(), id))
        return usage(QStringLiteral("%1 needs a DECISION_ID").arg(command));
    const bool readOnly = command == QLatin1String("decision");
    // Validate the usage before opening (and locking) the database.
    std::optional<Stance> stance;
    if (command == QLatin1String("position")) {
        const int n = int(a.has("agree")) + int(a.has("disagree")) + int(a.has("abstain"));
        if (n != 1 || !a.has("participant") || !a.has("role"))
            return usage(
                QStringLiteral("position needs --participant, --role and one of --agree/--disagree/--abstain"));
        stance = a.has("agree") ? Stance::Agree : a.has("disagree") ? Stance::Disagree : Stance::Abstain;
    } else if (command == QLatin1String("outcome")) {
        if (a.has("arm") == a.has("defer"))
            return usage(QStringLiteral("outcome needs --arm ARM or --defer"));
    } else if (command == QLatin1String("override")) {
        if (!a.has("criterion") || !a.has("code") || !a.has("text"))
            return usage(QStringLiteral("override needs --criterion, --code (%1) and --text")
                             .arg(Decisions::overrideReasonCodes().join(QStringLiteral(", "))));
    }
    int code = Ok;
    CaseStore *store = s.store(!readOnly, code);
    if (!store)
        return code;
    Decisions decisions(*store);
    bool ok = true;
    qint64 shown = id;
    if (command == QLatin1String("position")) {
        ok = decisions.recordPosition(id, { a.value("participant"), a.value("role"), *stance, a.value("reason"), {} });
    } else if (command == QLatin1String("outcome")) {
        ok = decisions.setOutcome(id, a.value("arm"), a.value("rationale"));
    } else if (command == QLatin1String("override")) {
        ok = decisions.addOverride(id, a.value("criterion"), a.value("code"), a.value("text"));
    } else if (command == QLatin1String("finalise")) {
        ok = decisions.finalise(id);
    } else if (command == QLatin1String("correct")) {
        const auto c = decisions.correct(id);
        ok = c.has_value();
        if (c)
            shown = *c;
    }
    if (!ok)
        return report(store->lastError());
    const auto d = decisions.decision(shown);
    if (!d)
        return report(store->lastError());
    printDecision(*d);
    return Ok;
}

int cmdSettings(Session &s, const Args &a)
{
    const QString sub = a.positional.value(0);
    int code = Ok;
    if (sub == QLatin1String("get") && a.positional.size() == 2) {
        CaseStore *store = s.store(false, code);
        if (!store)
            return code;
        const auto v = store->setting(a.positional[1]);
        if (!v) {
            err(QStringLiteral("consilium-cli db: no setting %1").arg(a.positional[1]));
            return Failed;
        }
        out(*v);
        return Ok;
    }
    if (sub == QLatin1String("set") && a.positional.size() == 3) {
        const QString key = a.positional[1];
        const QString value = a.positional[2];
        if (key == RequiredRoles::settingKey()) {
            QString problem;
            if (!RequiredRoles::validate(value.toUtf8(), problem))
                return usage(QStringLiteral("%1: %2").arg(key, problem));
        }
        CaseStore *store = s.store(true, code);
        if (!store)
            return code;
        if (!store->setSetting(key, value))
            return report(store->lastError());
        out(QStringLiteral("%1 set").arg(key));
        return Ok;
    }
    return usage(QStringLiteral("settings get KEY | settings set KEY VALUE"));
}

} // namespace

int runDbCommand(const QStringList &argv)
{
    if (argv.isEmpty())
        return usage(QString());
    QStringList rest = argv;
    const QString command = rest.takeFirst();
    if (command == QLatin1String("--help") || command == QLatin1String("help")) {
        err(QString::fromLatin1(kUsage));
        return Ok;
    }
    Args a;
    QString problem;
    if (!parseArgs(rest, a, problem))
        return usage(problem);
    Session s(a);
    if (command == QLatin1String("init"))
        return a.positional.isEmpty() ? cmdInit(s) : usage(QStringLiteral("init takes no arguments"));
    if (command == QLatin1String("import"))
        return cmdImport(s, a);
    if (command == QLatin1String("export"))
        return cmdExport(s, a);
    if (command == QLatin1String("list"))
        return cmdList(s, a);
    if (command == QLatin1String("show"))
        return cmdShow(s, a);
    if (command == QLatin1String("evaluate"))
        return cmdEvaluate(s, a);
    if (command == QLatin1String("archive") || command == QLatin1String("unarchive"))
        return cmdArchive(s, a, command == QLatin1String("archive"));
    if (command == QLatin1String("purge"))
        return cmdPurge(s, a);
    if (command == QLatin1String("replay"))
        return cmdReplay(s, a);
    if (command == QLatin1String("verify-audit"))
        return cmdVerifyAudit(s, a);
    if (command == QLatin1String("backup"))
        return cmdBackup(s, a);
    if (command == QLatin1String("conference"))
        return cmdConference(s, a);
    if (command == QLatin1String("decide"))
        return cmdDecide(s, a);
    if (command == QLatin1String("settings"))
        return cmdSettings(s, a);
    for (const char *c : { "position", "outcome", "override", "finalise", "correct", "decision" }) {
        if (command == QLatin1String(c))
            return cmdDecisionChange(s, a, command);
    }
    return usage(QStringLiteral("unknown db command '%1'").arg(command));
}
