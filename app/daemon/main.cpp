// stackscoped: the headless Stackscope engine and its scriptable subcommands (docs/CLI.md).
#include "cli/alertscommand.h"
#include "cli/channelscommand.h"
#include "cli/evaluatecommand.h"
#include "cli/exitcodes.h"
#include "cli/importcommand.h"
#include "cli/initcommand.h"
#include "cli/maintenancecommands.h"
#include "cli/pollcommand.h"
#include "cli/querycommand.h"
#include "cli/rulescommand.h"
#include "cli/servicecommand.h"

#include <QCoreApplication>
#include <QTextStream>
#include <QTimer>

#include <cstdio>
#include <map>
#include <memory>

using namespace stackscope::daemon;

namespace {

void logToStderr(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    // Libraries log through categories and never log secrets; the daemon writes everything to stderr
    // (journald picks it up under systemd).
    static const char *const names[] = {"debug", "warning", "critical", "fatal", "info"};
    const int index = int(type) < 5 ? int(type) : 0;
    std::fprintf(stderr, "stackscoped [%s] %s: %s\n", names[index], context.category ? context.category : "default",
                 qUtf8Printable(message));
}

std::map<QString, std::function<std::unique_ptr<Command>()>> commands()
{
    return {
        {QStringLiteral("init"), [] { return std::make_unique<InitCommand>(); }},
        {QStringLiteral("import"), [] { return std::make_unique<ImportCommand>(); }},
        {QStringLiteral("query"), [] { return std::make_unique<QueryCommand>(); }},
        {QStringLiteral("stats"), [] { return makeStatsCommand(); }},
        {QStringLiteral("verify"), [] { return makeVerifyCommand(); }},
        {QStringLiteral("maintain"), [] { return makeMaintainCommand(); }},
        {QStringLiteral("service"), [] { return std::make_unique<ServiceCommand>(); }},
        {QStringLiteral("poll"), [] { return std::make_unique<PollCommand>(); }},
        {QStringLiteral("rules"), [] { return std::make_unique<RulesCommand>(); }},
        {QStringLiteral("channels"), [] { return std::make_unique<ChannelsCommand>(); }},
        {QStringLiteral("evaluate"), [] { return std::make_unique<EvaluateCommand>(); }},
        {QStringLiteral("alerts"), [] { return std::make_unique<AlertsCommand>(); }},
    };
}

void printUsage(FILE *stream)
{
    QTextStream out(stream);
    out << "Usage: stackscoped <command> [options]\n\nCommands:\n";
    for (const auto &[name, make] : commands())
        out << "  " << qSetFieldWidth(10) << Qt::left << name << qSetFieldWidth(0) << make()->summary() << '\n';
    out << "\nRun `stackscoped <command> --help` for a command's options. Exit codes: docs/CLI.md.\n";
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Stackscope"));
    QCoreApplication::setApplicationName(QStringLiteral("stackscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(STACKSCOPE_VERSION));
    qInstallMessageHandler(logToStderr);

    QStringList arguments = QCoreApplication::arguments().mid(1);
    if (arguments.isEmpty() || arguments.first() == QLatin1String("--help") || arguments.first() == QLatin1String("-h")) {
        printUsage(arguments.isEmpty() ? stderr : stdout);
        return arguments.isEmpty() ? ExitUsage : ExitOk;
    }
    if (arguments.first() == QLatin1String("--version")) {
        QTextStream(stdout) << "stackscoped " << QCoreApplication::applicationVersion() << '\n';
        return ExitOk;
    }
    const QString name = arguments.takeFirst();
    const auto all = commands();
    const auto found = all.find(name);
    if (found == all.end()) {
        printError(QStringLiteral("unknown command \"%1\"; run `stackscoped --help`").arg(name));
        return ExitUsage;
    }
    std::unique_ptr<Command> command = found->second();
    int exitCode = -1;
    QTimer::singleShot(0, &app, [&] {
        command->start(arguments, [&](int code) {
            exitCode = code;
            QCoreApplication::exit(code);
        });
    });
    if (exitCode < 0)
        app.exec();
    return exitCode < 0 ? ExitFailure : exitCode;
}
