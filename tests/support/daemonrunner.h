#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace stackscope::test {

// stackscoped driven as a script drives it (a child process, its exit code, stdout and stderr), while this
// process keeps its event loop turning, so servers living in the test (LocalHttpServer) can answer the daemon.
// Each runner has its own temporary root with a HOME, a workspace and its key file; everything the daemon
// printed is kept in a transcript, so a test can check that no secret ever appeared.
class DaemonRunner
{
public:
    struct Run
    {
        int code = -1;                   // -1: crashed or killed after the timeout
        QByteArray out;
        QByteArray err;
        QList<QJsonObject> lines() const; // one JSON document per stdout line
        QByteArray describe() const;      // for QVERIFY2 messages
    };

    // `daemonPath`: usually from the STACKSCOPED environment variable that CTest sets.
    explicit DaemonRunner(QString daemonPath);

    bool isValid() const { return m_root.isValid(); }
    QString root() const { return m_root.path(); }
    QString path(const QString &relative) const { return m_root.filePath(relative); }
    QString workspace() const { return m_root.filePath(QStringLiteral("ws")); }
    QString keyFile() const { return m_root.filePath(QStringLiteral("ws.key")); }
    // --workspace and --key-file for the runner's workspace.
    QStringList workspaceArguments() const;

    // `command` + workspaceArguments() + `arguments`.
    Run run(const QString &command, const QStringList &arguments = {}, const QByteArray &input = {},
            int timeoutMs = 120'000);
    Run runRaw(const QStringList &arguments, const QByteArray &input = {}, int timeoutMs = 120'000);
    // `init` of the runner's workspace with its key file.
    bool init();
    // Writes a file under the root (e.g. a secret for --secret field=@FILE) and returns its path.
    QString writeFile(const QString &relative, const QByteArray &bytes);

    void setEnvironment(const QString &name, const QString &value);
    const QByteArray &transcript() const { return m_transcript; }
    // Paths of files under the root (except `skip`) whose bytes contain `needle`: where a secret leaked to.
    QStringList filesContaining(const QByteArray &needle, const QStringList &skip = {}) const;

private:
    QString m_daemon;
    QTemporaryDir m_root;
    QList<QPair<QString, QString>> m_environment;
    QByteArray m_transcript;
};

} // namespace stackscope::test
