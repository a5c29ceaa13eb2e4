#include "cli/textinput.h"

#include <QFile>
#include <QSaveFile>

#include <cstdio>

namespace stackscope::daemon {

namespace {
constexpr qint64 kMaxInputBytes = 4 * 1024 * 1024;
}

Result<QByteArray> readTextInput(const QString &path)
{
    QFile file;
    const bool fromStdin = path == QLatin1String("-");
    const bool opened = fromStdin ? file.open(stdin, QIODevice::ReadOnly) : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!opened) {
        const bool missing = !fromStdin && !QFile::exists(path);
        return Error::make(missing ? Error::Code::NotFound : Error::Code::Io,
                           missing ? QStringLiteral("%1 does not exist").arg(path)
                                   : QStringLiteral("cannot read %1: %2").arg(fromStdin ? QStringLiteral("standard input") : path,
                                                                            file.errorString()));
    }
    QByteArray bytes = file.read(kMaxInputBytes + 1);
    if (bytes.size() > kMaxInputBytes)
        return Error::make(Error::Code::Config, QStringLiteral("%1 is larger than 4 MiB").arg(path));
    return bytes;
}

Status writeTextOutput(const QString &path, const QByteArray &bytes)
{
    if (path.isEmpty()) {
        if (std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout) != size_t(bytes.size()) || std::fflush(stdout) != 0)
            return Error::make(Error::Code::Io, QStringLiteral("cannot write to standard output"));
        return {};
    }
    // All or nothing: a half-written export must not replace a good one.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error::make(Error::Code::Io, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

} // namespace stackscope::daemon
