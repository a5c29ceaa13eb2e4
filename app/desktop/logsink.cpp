#include "logsink.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QMutexLocker>

#include <cstdio>

namespace stackscope::app {

namespace {

constexpr qint64 kMaxLogBytes = 4 * 1024 * 1024;

struct SinkState
{
    QMutex mutex;
    QFile file;
    QString path;
};

SinkState &state()
{
    static SinkState s;
    return s;
}

char levelLetter(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg: return 'D';
    case QtInfoMsg: return 'I';
    case QtWarningMsg: return 'W';
    case QtCriticalMsg: return 'C';
    case QtFatalMsg: return 'F';
    }
    return '?';
}

void rotateIfNeeded(SinkState &s)
{
    if (s.file.isOpen() && s.file.size() < kMaxLogBytes)
        return;
    s.file.close();
    const QString previous = s.path + QStringLiteral(".1");
    if (QFile::exists(s.path) && QFileInfo(s.path).size() >= kMaxLogBytes) {
        QFile::remove(previous);
        QFile::rename(s.path, previous);
    }
    s.file.setFileName(s.path);
    if (!s.file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text))
        std::fprintf(stderr, "stackscope: cannot write log file %s\n", qUtf8Printable(s.path));
}

void handleMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QByteArray line = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8() + ' '
        + levelLetter(type) + ' ' + QByteArray(context.category ? context.category : "default") + ": "
        + message.toUtf8() + '\n';
    SinkState &s = state();
    {
        QMutexLocker lock(&s.mutex);
        std::fwrite(line.constData(), 1, std::size_t(line.size()), stderr);
        if (!s.path.isEmpty()) {
            rotateIfNeeded(s);
            if (s.file.isOpen()) {
                s.file.write(line);
                s.file.flush();
            }
        }
    }
    if (type == QtFatalMsg)
        std::abort();
}

} // namespace

void LogSink::install(const QString &directory)
{
    SinkState &s = state();
    {
        QMutexLocker lock(&s.mutex);
        if (QDir().mkpath(directory))
            s.path = QDir(directory).filePath(QStringLiteral("stackscope.log"));
        else
            std::fprintf(stderr, "stackscope: cannot create log directory %s\n", qUtf8Printable(directory));
    }
    qInstallMessageHandler(handleMessage);
}

QString LogSink::logFilePath()
{
    SinkState &s = state();
    QMutexLocker lock(&s.mutex);
    return s.path;
}

} // namespace stackscope::app
