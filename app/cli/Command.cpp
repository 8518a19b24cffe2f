// SPDX-License-Identifier: GPL-3.0-or-later
#include "Command.h"

#include "Io.h"
#include "rules/RulePack.h"

#include <algorithm>

namespace consilium::cli {

namespace {

const QString kHelp = QStringLiteral("help");

QString optionSpelling(const QString &name)
{
    return (name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name;
}

} // namespace

Command::Command(QString name, QString description) : m_name(std::move(name)), m_description(std::move(description)) { }

Command::~Command() = default;

QString Command::path() const
{
    return m_parent ? m_parent->path() + QLatin1Char(' ') + m_name : m_name;
}

void Command::addOption(const QCommandLineOption &option, Kind kind)
{
    m_options.append(option);
    if (kind == Kind::File)
        m_fileOptions.append(option.names().constLast());
}

void Command::addArgument(const QString &name, const QString &description, Kind kind, bool optional)
{
    m_arguments.push_back({ name, description, kind, optional });
    m_maximum = int(m_arguments.size());
    if (!optional)
        m_minimum
            = int(std::count_if(m_arguments.begin(), m_arguments.end(), [](const Argument &a) { return !a.optional; }));
}

void Command::addRulesOptions()
{
    addOption({ QStringLiteral("rules"), QStringLiteral("A signed site rule pack instead of the built-in one."),
                  QStringLiteral("PACK") },
        Kind::File);
    addOption({ QStringLiteral("allow-unsigned"),
        QStringLiteral("Load an unsigned or untrusted --rules pack, with a warning (audited when the database is "
                       "written).") });
}

const RulePack *Command::rulesPack(const QCommandLineParser &p, PackImport &own, int &exitCode)
{
    if (p.value(QStringLiteral("rules")).isEmpty())
        return &RulePack::builtin();
    own = importSitePack(p.value(QStringLiteral("rules")), p.isSet(QStringLiteral("allow-unsigned")), true,
        QStringLiteral("consilium-cli: "), exitCode);
    return own.pack.get();
}

void Command::setArgumentSyntax(const QString &syntax, int minimum, int maximum)
{
    m_syntax = syntax;
    m_minimum = minimum;
    m_maximum = maximum;
}

bool Command::checkFileName(const QString &what, const QString &value, QString &problem) const
{
    if (!value.startsWith(QLatin1Char('-')))
        return true;
    problem = QStringLiteral("%1 must be a file name, not \"%2\"").arg(what, value);
    return false;
}

QString Command::usageLine() const
{
    QString syntax = m_syntax;
    if (syntax.isEmpty()) {
        QStringList parts;
        for (const Argument &a : m_arguments)
            parts << (a.optional ? QStringLiteral("[%1]").arg(a.name) : a.name);
        syntax = parts.join(QLatin1Char(' '));
    }
    return QStringLiteral("Usage: %1 [options]%2")
        .arg(path(), syntax.isEmpty() ? QString() : QLatin1Char(' ') + syntax);
}

void Command::setUp(QCommandLineParser &parser) const
{
    parser.setApplicationDescription(m_description);
    parser.addOption(QCommandLineOption({ QStringLiteral("h"), kHelp }, QStringLiteral("Show this help and exit.")));
    parser.addOptions(m_options);
    for (const Argument &a : m_arguments)
        parser.addPositionalArgument(a.name, a.description, a.optional ? QStringLiteral("[%1]").arg(a.name) : a.name);
}

QString Command::helpText() const
{
    QCommandLineParser parser;
    setUp(parser);
    const QString text = parser.helpText();
    // Qt's first line names the executable's full path; ours names the command.
    return usageLine() + text.mid(text.indexOf(QLatin1Char('\n')));
}

int Command::usageError(const QString &problem) const
{
    err(QStringLiteral("%1: %2").arg(path(), problem));
    err(usageLine());
    err(QStringLiteral("Run '%1 --help' for its options and arguments.").arg(path()));
    return Usage;
}

bool Command::checkArguments(const QCommandLineParser &parser, QString &problem) const
{
    const QStringList args = parser.positionalArguments();
    const bool syntaxGiven = !m_syntax.isEmpty();
    if (args.size() < m_minimum) {
        QStringList missing;
        for (qsizetype i = args.size(); i < qsizetype(m_arguments.size()); ++i) {
            if (!m_arguments[size_t(i)].optional)
                missing << m_arguments[size_t(i)].name;
        }
        problem = syntaxGiven || missing.isEmpty() ? QStringLiteral("missing arguments: expects %1").arg(m_syntax)
                                                   : QStringLiteral("missing %1").arg(missing.join(QLatin1Char(' ')));
        return false;
    }
    if (args.size() > m_maximum) {
        problem = m_maximum == 0 ? QStringLiteral("takes no arguments, got \"%1\"").arg(args.first())
                                 : QStringLiteral("unexpected argument \"%1\"").arg(args.value(m_maximum));
        return false;
    }
    for (const QString &name : m_fileOptions) {
        for (const QString &value : parser.values(name)) {
            if (!checkFileName(optionSpelling(name), value, problem))
                return false;
        }
    }
    if (syntaxGiven)
        return true;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const Argument &a = m_arguments[size_t(i)];
        if (a.kind == Kind::File && !checkFileName(a.name, args[i], problem))
            return false;
    }
    return true;
}

int Command::execute(const QStringList &arguments)
{
    QCommandLineParser parser;
    setUp(parser);
    if (!parser.parse(QStringList { path() } + arguments)) {
        const QStringList unknown = parser.unknownOptionNames();
        if (unknown.isEmpty())
            return usageError(parser.errorText());
        return usageError(
            QStringLiteral("unknown option %1 (not an option of this command)").arg(optionSpelling(unknown.first())));
    }
    if (parser.isSet(kHelp)) {
        out(helpText().toUtf8());
        return Ok;
    }
    QString problem;
    if (!checkArguments(parser, problem))
        return usageError(problem);
    return run(parser, parser.positionalArguments());
}

CommandGroup::CommandGroup(QString name, QString description, QString footer)
    : Command(std::move(name), std::move(description)), m_footer(std::move(footer))
{ }

CommandGroup::~CommandGroup() = default;

Command &CommandGroup::add(std::unique_ptr<Command> command)
{
    command->setParent(this);
    m_commands.push_back(std::move(command));
    return *m_commands.back();
}

Command *CommandGroup::find(const QString &name) const
{
    for (const auto &c : m_commands) {
        if (c->name() == name)
            return c.get();
    }
    return nullptr;
}

int CommandGroup::special(const QString &, const QStringList &)
{
    return -1;
}

int CommandGroup::run(const QCommandLineParser &, const QStringList &)
{
    return Usage; // a group dispatches in execute()
}

int CommandGroup::execute(const QStringList &arguments)
{
    QStringList names;
    for (const auto &c : m_commands)
        names << c->name();
    if (arguments.isEmpty())
        return usageError(QStringLiteral("needs a command (%1)").arg(names.join(QStringLiteral(", "))));
    const QString &first = arguments.first();
    const QStringList rest = arguments.mid(1);
    if (first == QLatin1String("-h") || first == QLatin1String("--help") || first == kHelp) {
        if (!rest.isEmpty())
            return usageError(QStringLiteral("%1 takes no arguments").arg(first));
        out(helpText().toUtf8());
        return Ok;
    }
    const int code = special(first, rest);
    if (code >= 0)
        return code;
    if (first.startsWith(QLatin1Char('-')))
        return usageError(QStringLiteral("unknown option %1 (give a command first: %2)")
                              .arg(first, names.join(QStringLiteral(", "))));
    Command *command = find(first);
    if (!command)
        return usageError(
            QStringLiteral("unknown command '%1' (commands: %2)").arg(first, names.join(QStringLiteral(", "))));
    return command->execute(rest);
}

QString CommandGroup::usageLine() const
{
    return QStringLiteral("Usage: %1 COMMAND [options] [arguments]").arg(path());
}

QString CommandGroup::helpText() const
{
    qsizetype width = 0;
    for (const auto &c : m_commands)
        width = std::max(width, c->name().size());
    QString text = QStringLiteral("%1\n%2\n\nCommands:\n").arg(usageLine(), description());
    for (const auto &c : m_commands)
        text += QStringLiteral("  %1  %2\n").arg(c->name().leftJustified(width), c->description());
    text += QStringLiteral("\nRun '%1 COMMAND --help' for the options and arguments of a command.\n").arg(path());
    if (!m_footer.isEmpty())
        text += m_footer + QLatin1Char('\n');
    return text;
}

} // namespace consilium::cli
