#include "cli/command.h"

#include "cli/exitcodes.h"
#include "secrets/keyfile.h"
#include "storage/workspace.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

namespace stackscope::daemon {

void printError(const QString &message)
{
    QTextStream err(stderr);
    err << "stackscoped: " << message << '\n';
}

Command::Command(QString name, QString summary) : m_name(std::move(name)), m_summary(std::move(summary)) {}

void Command::start(const QStringList &arguments, Finish finish)
{
    m_finish = std::move(finish);
    m_parser.setApplicationDescription(m_summary);
    m_parser.addHelpOption();
    m_parser.addOption({QStringLiteral("workspace"),
                        QStringLiteral("Workspace directory (default: $STACKSCOPE_WORKSPACE or %1).")
                            .arg(storage::Workspace::defaultDirectory()),
                        QStringLiteral("DIR")});
    m_parser.addOption({QStringLiteral("key-file"),
                        QStringLiteral("File holding the database key (mode 0600); default: $STACKSCOPE_KEY_FILE, "
                                       "else the OS keychain."),
                        QStringLiteral("FILE")});
    addOptions(m_parser);

    QStringList argv = arguments;
    argv.prepend(QStringLiteral("stackscoped ") + m_name);
    if (!m_parser.parse(argv)) {
        usageError(m_parser.errorText());
        return;
    }
    if (m_parser.isSet(QStringLiteral("help"))) {
        QTextStream out(stdout);
        out << m_parser.helpText().replace(QStringLiteral("[options]"), m_name + QStringLiteral(" [options]"));
        this->finish(ExitOk); // the parameter `finish` was moved from above; this is the member
        return;
    }
    if (!takesPositionalArguments() && !m_parser.positionalArguments().isEmpty()) {
        usageError(QStringLiteral("unexpected argument \"%1\"").arg(m_parser.positionalArguments().constFirst()));
        return;
    }
    run();
}

QString Command::workspaceDir() const
{
    if (m_parser.isSet(QStringLiteral("workspace")))
        return m_parser.value(QStringLiteral("workspace"));
    const QString fromEnv = qEnvironmentVariable("STACKSCOPE_WORKSPACE");
    return fromEnv.isEmpty() ? storage::Workspace::defaultDirectory() : fromEnv;
}

QString Command::keyFile() const
{
    if (m_parser.isSet(QStringLiteral("key-file")))
        return m_parser.value(QStringLiteral("key-file"));
    return secrets::keyFileFromEnvironment();
}

void Command::finish(int exitCode)
{
    if (m_finish)
        std::exchange(m_finish, {})(exitCode);
}

void Command::fail(const Error &error)
{
    printError(error.userMessage);
    finish(exitCodeFor(error.code));
}

void Command::usageError(const QString &message)
{
    printError(message + QStringLiteral(" (see `stackscoped %1 --help`)").arg(m_name));
    finish(ExitUsage);
}

} // namespace stackscope::daemon
