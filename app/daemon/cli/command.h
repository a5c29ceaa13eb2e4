#pragma once

#include "util/error.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <functional>

namespace stackscope::daemon {

// What every subcommand shares: its parser with the global options, and how it finishes. A command calls
// finish() or fail() exactly once; main() turns that into the process exit code.
class Command
{
public:
    using Finish = std::function<void(int exitCode)>;

    Command(QString name, QString summary);
    virtual ~Command() = default;

    QString name() const { return m_name; }
    QString summary() const { return m_summary; }

    // Parses `arguments` (argv without the subcommand); prints help or a usage error itself.
    void start(const QStringList &arguments, Finish finish);

protected:
    virtual void addOptions(QCommandLineParser &parser) = 0;
    virtual void run() = 0;
    // Commands that take no positional arguments refuse stray ones (a forgotten --label, say) as usage errors.
    virtual bool takesPositionalArguments() const { return false; }

    QCommandLineParser &parser() { return m_parser; }
    QString workspaceDir() const;
    QString keyFile() const;            // --key-file or STACKSCOPE_KEY_FILE
    void finish(int exitCode);
    void fail(const Error &error);      // one line on stderr, exit code from the error
    void usageError(const QString &message);

private:
    QString m_name;
    QString m_summary;
    QCommandLineParser m_parser;
    Finish m_finish;
};

void printError(const QString &message);

} // namespace stackscope::daemon
