#include "daemonrunner.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTest>

namespace stackscope::test {

QList<QJsonObject> DaemonRunner::Run::lines() const
{
    QList<QJsonObject> objects;
    for (const QByteArray &line : out.split('\n')) {
        if (!line.trimmed().isEmpty())
            objects.append(QJsonDocument::fromJson(line).object());
    }
    return objects;
}

QByteArray DaemonRunner::Run::describe() const
{
    return "exit " + QByteArray::number(code) + "\n--- stdout:\n" + out.left(4000) + "\n--- stderr:\n" + err.left(4000);
}

DaemonRunner::DaemonRunner(QString daemonPath) : m_daemon(std::move(daemonPath))
{
    QDir().mkpath(m_root.filePath(QStringLiteral("home")));
}

QStringList DaemonRunner::workspaceArguments() const
{
    return {QStringLiteral("--workspace"), workspace(), QStringLiteral("--key-file"), keyFile()};
}

DaemonRunner::Run DaemonRunner::run(const QString &command, const QStringList &arguments, const QByteArray &input,
                                    int timeoutMs)
{
    return runRaw(QStringList{command} + workspaceArguments() + arguments, input, timeoutMs);
}

DaemonRunner::Run DaemonRunner::runRaw(const QStringList &arguments, const QByteArray &input, int timeoutMs)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("STACKSCOPE_WORKSPACE"));
    env.remove(QStringLiteral("STACKSCOPE_KEY_FILE"));
    env.insert(QStringLiteral("HOME"), m_root.filePath(QStringLiteral("home")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_root.filePath(QStringLiteral("home/.local/share")));
    // Sanitizer builds: OpenSSL's one-time allocations (made when Qt loads its TLS backend) are not leaks of ours.
    const QString suppressions = m_root.filePath(QStringLiteral("lsan.supp"));
    if (!QFile::exists(suppressions))
        writeFile(QStringLiteral("lsan.supp"), "leak:libcrypto.so\nleak:libssl.so\n");
    env.insert(QStringLiteral("LSAN_OPTIONS"), QStringLiteral("suppressions=") + suppressions);
    for (const auto &[name, value] : m_environment)
        env.insert(name, value);
    process.setProcessEnvironment(env);
    process.start(m_daemon, arguments);
    Run result;
    if (!process.waitForStarted(10'000)) {
        result.err = "cannot start " + m_daemon.toUtf8() + ": " + process.errorString().toUtf8();
        return result;
    }
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    // Not waitForFinished(): the event loop must turn for servers in this process to answer the daemon.
    if (!QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, timeoutMs)) {
        process.kill();
        process.waitForFinished();
    }
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    result.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    m_transcript += result.out + result.err;
    return result;
}

bool DaemonRunner::init()
{
    return runRaw({QStringLiteral("init"), QStringLiteral("--workspace"), workspace(), QStringLiteral("--key-file"), keyFile()})
               .code
           == 0;
}

QString DaemonRunner::writeFile(const QString &relative, const QByteArray &bytes)
{
    const QString target = m_root.filePath(relative);
    QDir().mkpath(QFileInfo(target).absolutePath());
    QFile file(target);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        return {};
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    return target;
}

void DaemonRunner::setEnvironment(const QString &name, const QString &value)
{
    m_environment.append({name, value});
}

QStringList DaemonRunner::filesContaining(const QByteArray &needle, const QStringList &skip) const
{
    QStringList found;
    QDirIterator it(m_root.path(), QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        if (skip.contains(file))
            continue;
        QFile handle(file);
        if (handle.open(QIODevice::ReadOnly) && handle.readAll().contains(needle))
            found.append(file);
    }
    return found;
}

} // namespace stackscope::test
