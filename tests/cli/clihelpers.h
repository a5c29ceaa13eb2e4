#pragma once

// Helpers for tests that drive stackscoped the way a shell script would: a child process, its exit code, its
// stdout and stderr, and the bytes of the files it may (or must not) touch.

#include <QByteArray>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <cmath>
#include <map>
#include <optional>

namespace stackscope::clitest {

using namespace Qt::StringLiterals;

inline constexpr qint64 kSecond = 1000;
inline constexpr qint64 kMinute = 60 * kSecond;
inline constexpr qint64 kHour = 60 * kMinute;
inline constexpr qint64 kDay = 24 * kHour;

// Exit codes (app/daemon/cli/exitcodes.h): a contract with scripts, so the tests spell them out again.
enum Exit : int {
    Ok = 0,
    Failure = 1,
    Usage = 2,
    NotFound = 3,
    WrongKey = 4,
    KeyMissing = 5,
    Corrupt = 7,
    Truncated = 8,
    InputRejected = 9,
};

inline QString daemonPath()
{
    const QString fromEnv = qEnvironmentVariable("STACKSCOPED");
    return fromEnv.isEmpty() ? QStringLiteral(STACKSCOPED_PATH) : fromEnv;
}

// A clean environment: no workspace or key file inherited from the user running the tests.
inline QProcessEnvironment daemonEnvironment(const QString &home)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"STACKSCOPE_WORKSPACE"_s);
    env.remove(u"STACKSCOPE_KEY_FILE"_s);
    if (!home.isEmpty()) {
        env.insert(u"HOME"_s, home);
        env.insert(u"XDG_DATA_HOME"_s, home + u"/.local/share"_s);
    }
    return env;
}

struct Run
{
    int code = -1;
    bool crashed = false;
    QByteArray out;
    QByteArray err;

    QList<QByteArray> outLines() const { return nonEmptyLines(out); }
    QList<QByteArray> errLines() const { return nonEmptyLines(err); }
    QJsonObject json() const { return QJsonDocument::fromJson(out.trimmed()).object(); }
    QList<QJsonObject> jsonLines() const
    {
        QList<QJsonObject> objects;
        for (const QByteArray &line : outLines())
            objects.append(QJsonDocument::fromJson(line).object());
        return objects;
    }
    // For QVERIFY2 messages.
    QByteArray describe() const
    {
        return "exit " + QByteArray::number(code) + (crashed ? " (crashed)" : "") + "\n--- stdout:\n" + out.left(2000)
               + "\n--- stderr:\n" + err.left(2000);
    }

private:
    static QList<QByteArray> nonEmptyLines(const QByteArray &text)
    {
        QList<QByteArray> lines;
        for (const QByteArray &line : text.split('\n')) {
            if (!line.trimmed().isEmpty())
                lines.append(line);
        }
        return lines;
    }
};

inline Run runDaemon(const QStringList &arguments, const QString &home, const QByteArray &input = {},
                     bool feedStdin = false, int timeoutMs = 60'000)
{
    QProcess process;
    process.setProcessEnvironment(daemonEnvironment(home));
    process.start(daemonPath(), arguments);
    Run run;
    if (!process.waitForStarted(10'000)) {
        run.err = "could not start " + daemonPath().toUtf8() + ": " + process.errorString().toUtf8();
        return run;
    }
    if (feedStdin)
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        run.crashed = true;
    }
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    run.crashed = run.crashed || process.exitStatus() != QProcess::NormalExit;
    run.code = run.crashed ? -1 : process.exitCode();
    return run;
}

// "name sha256" for every file in dir (hidden ones too, so a stray -wal, -shm or journal shows up).
inline QString snapshot(const QString &dir)
{
    QStringList entries;
    const QFileInfoList files = QDir(dir).entryInfoList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name);
    for (const QFileInfo &info : files) {
        QFile file(info.absoluteFilePath());
        QByteArray hash = "(unreadable)";
        if (file.open(QIODevice::ReadOnly)) {
            QCryptographicHash sha(QCryptographicHash::Sha256);
            sha.addData(&file);
            hash = sha.result().toHex();
        }
        entries.append(info.fileName() + u' ' + QString::number(info.size()) + u' ' + QString::fromLatin1(hash));
    }
    return entries.join(u'\n');
}

inline QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

inline bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size() && file.flush();
}

// One NDJSON line. Built by hand so that integers are written as integers, whatever QJsonDocument would do.
inline QByteArray sampleLine(const QByteArray &metric, const QByteArray &labelsJson, const QByteArray &ts, double value)
{
    QByteArray line = R"({"metric":")" + metric + '"';
    if (!labelsJson.isEmpty())
        line += R"(,"labels":)" + labelsJson;
    return line + R"(,"ts":)" + ts + R"(,"value":)" + QByteArray::number(value, 'g', 17) + '}';
}

inline QByteArray sampleLine(const QByteArray &metric, const QByteArray &labelsJson, qint64 ts, double value)
{
    return sampleLine(metric, labelsJson, QByteArray::number(ts), value);
}

inline QString ms(qint64 value)
{
    return QString::number(value);
}

inline qint64 floorTo(qint64 ts, qint64 width)
{
    return ts - (((ts % width) + width) % width);
}

// The sum of every point's value in every series of a query's output (e.g. the number of samples for --agg count).
inline double sumOfPoints(const QList<QJsonObject> &series)
{
    double total = 0;
    for (const QJsonObject &object : series) {
        for (const QJsonValue &point : object.value(u"points"_s).toArray())
            total += point.toArray().at(1).toDouble();
    }
    return total;
}

inline double maxOfPoints(const QList<QJsonObject> &series)
{
    double best = -INFINITY;
    for (const QJsonObject &object : series) {
        for (const QJsonValue &point : object.value(u"points"_s).toArray())
            best = std::max(best, point.toArray().at(1).toDouble());
    }
    return best;
}

} // namespace stackscope::clitest
