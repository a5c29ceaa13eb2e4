#include "logsink.h"
#include "mainwindow.h"
#include "workspaceopener.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QStandardPaths>
#include <QTranslator>

using namespace stackscope;

namespace {

void installTranslations(QApplication &app)
{
    const QLocale locale;
    auto *own = new QTranslator(&app);
    if (own->load(locale, QStringLiteral("stackscope"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(own);
    // Qt's own strings (standard buttons and dialogs), when the system has them.
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    // No organisation name: data lands in ~/.local/share/stackscope (next to Workspace::defaultDirectory()),
    // settings in ~/.config/stackscope.io/stackscope.conf.
    QApplication::setOrganizationDomain(QStringLiteral("stackscope.io"));
    QApplication::setApplicationName(QStringLiteral("stackscope"));
    QApplication::setApplicationDisplayName(QStringLiteral("Stackscope"));
    QApplication::setApplicationVersion(QStringLiteral(STACKSCOPE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.stackscope.Stackscope"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/stackscope.svg")));

    app::LogSink::install(
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)).filePath(QStringLiteral("logs")));
    installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Stackscope monitoring cockpit"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption workspaceOption(
        QStringLiteral("workspace"), QApplication::translate("main", "Open the workspace in <dir>."),
        QApplication::translate("main", "dir"));
    const QCommandLineOption keyFileOption(
        QStringLiteral("key-file"),
        QApplication::translate("main", "Read the database key from <file> (mode 0600) instead of the system "
                                        "keychain. Also taken from STACKSCOPE_KEY_FILE."),
        QApplication::translate("main", "file"));
    const QCommandLineOption demoOption(
        QStringLiteral("demo"),
        QApplication::translate("main", "Open the demo workspace with simulated data (created on first use)."));
    parser.addOptions({workspaceOption, keyFileOption, demoOption});
    parser.process(app);

    app::OpenRequest request;
    request.directory = parser.value(workspaceOption);
    request.keyFile = parser.value(keyFileOption);
    request.demo = parser.isSet(demoOption);

    app::MainWindow window;
    window.show();
    window.openWorkspace(request);
    return QApplication::exec();
}
