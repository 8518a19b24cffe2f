// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The base of every `consilium-cli db` command (docs/cli.md, docs/store.md): `--db PATH` and
// `--as NAME` on every command, `--rules PACK [--allow-unsigned]` on those that evaluate, and a
// Session that opens the store and the pack the way each command needs them.
#include "Command.h"
#include "Io.h"
#include "store/CaseStore.h"

#include <map>
#include <memory>
#include <utility>

namespace consilium {
class RulePack;
}

namespace consilium::cli {

// Exit code for a store error (README "exit codes": locked → 75, invalid case → 2, …).
int exitFor(const StoreError &e);
// Prints "consilium-cli db: message" and its details to stderr; returns exitFor(e).
int report(const StoreError &e);
// An option without a value (`--flag`), and one with a value (`--name VALUE`).
QCommandLineOption flag(const char *name, const char *description);
QCommandLineOption valued(const char *name, const char *description, const char *valueName);
// A positive numeric id (conference, decision).
bool toId(const QString &text, qint64 &id);
// "AUTO=eligible ALLO=…", or a note when the case was not evaluated under the pack.
QString verdictSummary(const std::map<QString, QString> &verdicts);

struct SessionOptions {
    QString databasePath;
    QString actor;
    QString rulesPath;
    bool allowUnsigned = false;
};

class Session
{
public:
    explicit Session(SessionOptions options) : m_options(std::move(options)) { }
    ~Session();
    Session(const Session &) = delete;
    Session &operator=(const Session &) = delete;

    // Opens the store; on failure prints and returns null with `code` set.
    CaseStore *store(bool writer, int &code);
    // For actions that only read but are audited (export, backup): a writer when the lock can
    // be had within a second, so the action is recorded in the audit log; when another process
    // holds it (or the file cannot be written), read-only, with `unaudited` set to why (the
    // caller warns, and still succeeds).
    CaseStore *auditedReader(int &code, QString &unaudited);
    // The pack named by --rules, or the built-in one. A site pack is imported: its schema must
    // validate, its vignettes pass and PACK.sig be a trusted signature, unless --allow-unsigned
    // overrides the signature check; the override is printed and, when the session holds the
    // database for writing, recorded in the audit log. `forStoring` says whether results will
    // be stored: only then must every vignette pass (a replay diff may compare with a draft pack).
    const RulePack *pack(int &code, bool forStoring);
    // The pack results will be stored with, then the store opened for writing (in this order,
    // so that a signature override is audited as soon as the writer is open). Both null on failure.
    std::pair<const RulePack *, CaseStore *> packAndWriter(int &code);

private:
    bool auditPendingOverride(int &code);
    StoreOptions storeOptions() const;

    SessionOptions m_options;
    std::unique_ptr<CaseStore> m_store;
    std::unique_ptr<RulePack> m_pack;
    QString m_pendingOverride;
};

class DbCommand : public Command
{
public:
    enum class Pack { None, Rules };
    DbCommand(QString name, QString description, Pack pack = Pack::None);

protected:
    int run(const QCommandLineParser &parser, const QStringList &arguments) final;
    virtual int runDb(Session &session, const QCommandLineParser &parser, const QStringList &arguments) = 0;
};

} // namespace consilium::cli
