// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The command-line framework of consilium-cli (docs/cli.md): one class per command, each with
// its own QCommandLineParser, options and positional arguments, and `--help`/`-h` everywhere.
// Groups (`db`, `pack`, `db conference`, `db settings`) dispatch to their sub-commands.
#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace consilium {
class RulePack;
}

namespace consilium::cli {

struct PackImport;

class Command
{
public:
    Command(QString name, QString description);
    virtual ~Command();
    Command(const Command &) = delete;
    Command &operator=(const Command &) = delete;

    const QString &name() const { return m_name; }
    const QString &description() const { return m_description; }
    // "consilium-cli db list": the words a user types to reach this command.
    QString path() const;
    void setParent(const Command *parent) { m_parent = parent; }

    // Runs the command on the arguments after its name; returns the process exit code.
    virtual int execute(const QStringList &arguments);
    // Usage, description, options and arguments, as printed by `--help`.
    virtual QString helpText() const;

    // Prints "PATH: problem" and the usage line to stderr; returns Exit::Usage.
    int usageError(const QString &problem) const;

protected:
    enum class Kind { Text, File };

    // Options and positional arguments are declared in the constructor of each command.
    void addOption(const QCommandLineOption &option, Kind kind = Kind::Text);
    void addArgument(const QString &name, const QString &description, Kind kind = Kind::Text, bool optional = false);
    // `--rules PACK` and `--allow-unsigned`, the same for every command that evaluates.
    void addRulesOptions();
    // The pack those options name, imported as a site pack (its warning printed), or the
    // built-in one without --rules; null when it is refused (findings printed, `exitCode` set).
    // `own` keeps an imported pack alive.
    static const RulePack *rulesPack(const QCommandLineParser &p, PackImport &own, int &exitCode);
    // Free-form usage syntax for commands whose arguments depend on an option (`export CASE_ID|--all DIR`).
    void setArgumentSyntax(const QString &syntax, int minimum, int maximum);
    // Refuses a value where a file name is expected that looks like an option ("--help").
    bool checkFileName(const QString &what, const QString &value, QString &problem) const;

    // "Usage: consilium-cli db purge [options] CASE_ID"
    virtual QString usageLine() const;

    // The command itself, after the arguments were parsed and counted.
    virtual int run(const QCommandLineParser &parser, const QStringList &arguments) = 0;

private:
    struct Argument {
        QString name;
        QString description;
        Kind kind;
        bool optional;
    };
    void setUp(QCommandLineParser &parser) const;
    bool checkArguments(const QCommandLineParser &parser, QString &problem) const;

    QString m_name;
    QString m_description;
    const Command *m_parent = nullptr;
    QList<QCommandLineOption> m_options;
    QStringList m_fileOptions;
    std::vector<Argument> m_arguments;
    QString m_syntax;
    int m_minimum = 0;
    int m_maximum = 0;
};

// A command made of sub-commands: `consilium-cli db list`, `consilium-cli pack keygen`.
class CommandGroup : public Command
{
public:
    CommandGroup(QString name, QString description, QString footer = QString());
    ~CommandGroup() override;

    Command &add(std::unique_ptr<Command> command);
    const std::vector<std::unique_ptr<Command>> &commands() const { return m_commands; }
    Command *find(const QString &name) const;

    int execute(const QStringList &arguments) override;
    QString helpText() const override;

protected:
    QString usageLine() const override;
    int run(const QCommandLineParser &parser, const QStringList &arguments) override;
    // Top-level extras such as `--version`; returns -1 when `argument` is not one.
    virtual int special(const QString &argument, const QStringList &rest);

private:
    QString m_footer;
    std::vector<std::unique_ptr<Command>> m_commands;
};

} // namespace consilium::cli
