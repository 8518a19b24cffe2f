// SPDX-License-Identifier: GPL-3.0-or-later
// Concurrency-test helper (tst_store_concurrency, issue 13): one of several writer processes on
// one PostgreSQL database. Prints "ready", waits for a line on stdin, then runs OPS operations
// on the cases conc-0..CASES-1 and the decisions DECISION_IDS: saves against the version it
// just read, positions and finalisations; afterwards it records the cellular-therapy position
// on every decision and tries to finalise each. One line per outcome (flushed):
//   save CASE VERSION SHA256 | conflict CASE | position DECISION | refused DECISION | final DECISION
// Anything else is an error: printed as "error …", exit 1.
// Usage: store_writer_child LOCATION WORKER OPS CASES DECISION_ID[,DECISION_ID…]
#include "rules/RulePack.h"
#include "store/CaseStore.h"
#include "store/Decisions.h"

#include <QCoreApplication>
#include <QFile>
#include <QRandomGenerator>
#include <QThread>

#include <cstdio>
#include <iostream>
#include <string>

using namespace consilium;

namespace {

void say(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

int fail(const QString &what, const StoreError &e)
{
    say(QStringLiteral("error %1: %2").arg(what, e.message));
    return 1;
}

class Writer
{
public:
    Writer(CaseStore &store, QByteArray base, int worker)
        : m_store(store), m_base(std::move(base)), m_worker(worker) { }

    int save(const QString &caseId, int op)
    {
        const auto latest = m_store.latestVersion(caseId);
        if (!latest)
            return fail(QStringLiteral("read ") + caseId, latest.error());
        QByteArray bytes = m_base;
        bytes.replace("\"id\": \"V01-sle-ln-si-units\"", QStringLiteral("\"id\": \"%1\"").arg(caseId).toUtf8());
        bytes.replace("\"label\": \"", QStringLiteral("\"label\": \"worker %1 op %2: ").arg(m_worker).arg(op).toUtf8());
        QThread::usleep(QRandomGenerator::global()->bounded(3000)); // widen the window for others
        const auto saved = m_store.saveCase(bytes, RulePack::builtin(), latest.value().version);
        if (saved && saved.value().status == SaveStatus::Added) {
            say(QStringLiteral("save %1 %2 %3")
                    .arg(caseId)
                    .arg(saved.value().version)
                    .arg(saved.value().contentSha256));
            return 0;
        }
        if (!saved && saved.error().code == StoreErrc::Conflict) {
            say(QStringLiteral("conflict %1").arg(caseId));
            return 0;
        }
        return fail(QStringLiteral("save ") + caseId,
            saved ? StoreError { StoreErrc::Sql, QStringLiteral("unchanged"), {} } : saved.error());
    }

    int position(qint64 decision, const QString &role)
    {
        Position p;
        p.participant = QStringLiteral("Worker %1").arg(m_worker);
        p.role = role;
        return outcome(QStringLiteral("position"), decision, Decisions(m_store).recordPosition(decision, p));
    }

    int finalise(qint64 decision)
    {
        return outcome(QStringLiteral("final"), decision, Decisions(m_store).finalise(decision));
    }

private:
    static int outcome(const QString &done, qint64 decision, const StoreResult<void> &r)
    {
        if (r) {
            say(QStringLiteral("%1 %2").arg(done).arg(decision));
            return 0;
        }
        if (r.error().code == StoreErrc::Refused) { // finalised already, or a role still missing
            say(QStringLiteral("refused %1").arg(decision));
            return 0;
        }
        return fail(QStringLiteral("%1 %2").arg(done).arg(decision), r.error());
    }

    CaseStore &m_store;
    QByteArray m_base;
    int m_worker;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 6) {
        std::fprintf(stderr, "usage: store_writer_child LOCATION WORKER OPS CASES DECISION_ID[,…]\n");
        return 64;
    }
    QFile f(QStringLiteral(CONSILIUM_SOURCE_DIR_CHILD "/resources/examples/V01-sle-ln-si-units.json"));
    if (!f.open(QIODevice::ReadOnly))
        return 66;
    const int worker = args[2].toInt();
    const int ops = args[3].toInt();
    const int cases = args[4].toInt();
    std::vector<qint64> decisions;
    for (const QString &id : args[5].split(QLatin1Char(',')))
        decisions.push_back(id.toLongLong());
    StoreOptions o;
    o.path = args[1];
    o.actor = { QStringLiteral("worker%1").arg(worker), QStringLiteral("Worker %1").arg(worker) };
    auto opened = CaseStore::open(o);
    if (!opened)
        return fail(QStringLiteral("open"), opened.error());
    const std::unique_ptr<CaseStore> store = std::move(opened).value();
    Writer w(*store, f.readAll(), worker);
    say(QStringLiteral("ready"));
    std::string go;
    std::getline(std::cin, go);
    QRandomGenerator random(quint32(worker) * 7919U + 1U);
    int code = 0;
    for (int op = 0; op < ops && code == 0; ++op) {
        const int kind = random.bounded(100);
        const qint64 decision = decisions[random.bounded(int(decisions.size()))];
        if (kind < 60)
            code = w.save(QStringLiteral("conc-%1").arg(random.bounded(cases)), op);
        else if (kind < 85)
            code = w.position(
                decision, random.bounded(2) ? QStringLiteral("rheumatology") : QStringLiteral("cellular_therapy"));
        else
            code = w.finalise(decision);
    }
    for (std::size_t i = 0; i < decisions.size() && code == 0; ++i) {
        code = w.position(decisions[i], QStringLiteral("cellular_therapy"));
        if (code == 0)
            code = w.finalise(decisions[i]);
    }
    return code;
}
