#include "secrets/keyfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sodium.h>

#include <utility>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace stackscope::secrets {

namespace {

// A key file is tiny; anything larger is not one of ours and is not read in full.
constexpr std::size_t maxKeyFileSize = 4096;

// Translation context for the messages below (free functions have no tr() of their own).
class KeyFile
{
    Q_DECLARE_TR_FUNCTIONS(KeyFile)
};

QString shown(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

bool isHexDigit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool allHex(QByteArrayView bytes)
{
    for (char c : bytes) {
        if (!isHexDigit(c))
            return false;
    }
    return true;
}

// Turns the file's content into the key. Never puts the content into a message.
Result<SecureBytes> parseKey(const QString &path, QByteArrayView content)
{
    // Exactly 32 bytes that are not all hex digits: a raw key. (32 hex digits would be a 16-byte key written
    // as hex, which is too short; random raw bytes are all hex digits with a probability of about 1e-34.)
    if (std::size_t(content.size()) == keyFileKeySize && !allHex(content))
        return SecureBytes(content);

    const QByteArrayView text = content.trimmed();
    if (std::size_t(text.size()) != keyFileKeySize * 2) {
        return Error::make(Error::Code::Config,
                           KeyFile::tr("Key file %1 is not a valid Stackscope key: expected 64 hexadecimal characters "
                              "(or exactly 32 raw bytes), found %2 bytes.")
                               .arg(shown(path))
                               .arg(content.size()),
                           QStringLiteral("key file %1: bad length %2").arg(path).arg(content.size()));
    }
    if (!allHex(text)) {
        return Error::make(Error::Code::Config,
                           KeyFile::tr("Key file %1 is not a valid Stackscope key: it contains characters that are not "
                              "hexadecimal digits.")
                               .arg(shown(path)),
                           QStringLiteral("key file %1: non-hex content").arg(path));
    }
    SecureBytes key = SecureBytes::fromHex(text);
    if (key.size() != keyFileKeySize) {
        return Error::make(Error::Code::Config,
                           KeyFile::tr("Key file %1 is not a valid Stackscope key.").arg(shown(path)),
                           QStringLiteral("key file %1: hex decoding failed").arg(path));
    }
    return key;
}

} // namespace

QString keyFileFromEnvironment()
{
    return qEnvironmentVariable("STACKSCOPE_KEY_FILE");
}

#ifdef Q_OS_UNIX

namespace {

Error ioError(const QString &what, const QString &path, int errorNumber)
{
    const QString reason = qt_error_string(errorNumber);
    return Error::make(Error::Code::Io, what.arg(shown(path), reason),
                       QStringLiteral("key file %1: errno %2 (%3)").arg(path).arg(errorNumber).arg(reason));
}

class FileDescriptor
{
public:
    explicit FileDescriptor(int fd) : m_fd(fd) {}
    ~FileDescriptor()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    FileDescriptor(const FileDescriptor &) = delete;
    FileDescriptor &operator=(const FileDescriptor &) = delete;

    int get() const { return m_fd; }
    int release() { return std::exchange(m_fd, -1); }

private:
    int m_fd;
};

} // namespace

Result<SecureBytes> readKeyFile(const QString &path)
{
    if (path.isEmpty())
        return Error::make(Error::Code::Config, KeyFile::tr("No key file was given."), QStringLiteral("empty key file path"));

    const QByteArray native = QFile::encodeName(path);
    // O_NONBLOCK: opening a FIFO must not hang; it has no effect on the regular file we expect. fstat on the open
    // descriptor checks exactly the file we then read (no race between check and use).
    int fd = -1;
    do {
        fd = ::open(native.constData(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        const int openError = errno;
        if (openError == ENOENT || openError == ENOTDIR) {
            return Error::make(Error::Code::KeyMissing, KeyFile::tr("Key file %1 does not exist.").arg(shown(path)),
                               QStringLiteral("key file %1: not found").arg(path));
        }
        return ioError(KeyFile::tr("Key file %1 cannot be opened: %2"), path, openError);
    }
    FileDescriptor file(fd);

    struct stat info = {};
    if (::fstat(file.get(), &info) != 0)
        return ioError(KeyFile::tr("Key file %1 cannot be examined: %2"), path, errno);
    if (!S_ISREG(info.st_mode)) {
        return Error::make(Error::Code::Config, KeyFile::tr("Key file %1 is not a regular file.").arg(shown(path)),
                           QStringLiteral("key file %1: st_mode %2").arg(path).arg(info.st_mode, 0, 8));
    }
    if (info.st_uid != ::geteuid()) {
        return Error::make(Error::Code::Config,
                           KeyFile::tr("Key file %1 is owned by user id %2, not by the user running Stackscope (%3); it "
                              "must belong to that user (chown it, or create a new key file).")
                               .arg(shown(path))
                               .arg(info.st_uid)
                               .arg(::geteuid()),
                           QStringLiteral("key file %1: owner uid %2").arg(path).arg(info.st_uid));
    }
    const unsigned mode = unsigned(info.st_mode) & 07777u;
    if ((mode & 077u) != 0) {
        const QString octal = QStringLiteral("%1").arg(mode, 4, 8, QLatin1Char('0'));
        return Error::make(Error::Code::Config,
                           KeyFile::tr("Key file %1 has mode %2; it must be 0600 (chmod 600 %1)").arg(shown(path), octal),
                           QStringLiteral("key file %1: mode %2").arg(path, octal));
    }
    if (info.st_size < 0 || std::size_t(info.st_size) > maxKeyFileSize) {
        return Error::make(Error::Code::Config,
                           KeyFile::tr("Key file %1 is not a valid Stackscope key: it is %2 bytes long.")
                               .arg(shown(path))
                               .arg(qint64(info.st_size)),
                           QStringLiteral("key file %1: size %2").arg(path).arg(qint64(info.st_size)));
    }

    // Read straight into locked memory; one byte more than the limit tells a file that grew meanwhile.
    SecureBytes buffer(maxKeyFileSize + 1);
    std::size_t total = 0;
    while (total < buffer.size()) {
        const ssize_t n = ::read(file.get(), buffer.data() + total, buffer.size() - total);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return ioError(KeyFile::tr("Key file %1 cannot be read: %2"), path, errno);
        }
        if (n == 0)
            break;
        total += std::size_t(n);
    }
    if (total > maxKeyFileSize) {
        return Error::make(Error::Code::Config,
                           KeyFile::tr("Key file %1 is not a valid Stackscope key: it is too large.").arg(shown(path)),
                           QStringLiteral("key file %1: larger than %2 bytes").arg(path).arg(maxKeyFileSize));
    }
    return parseKey(path, QByteArrayView(buffer.constChar(), qsizetype(total)));
}

Status createKeyFile(const QString &path, const SecureBytes &key)
{
    if (path.isEmpty())
        return Error::make(Error::Code::Config, KeyFile::tr("No key file was given."), QStringLiteral("empty key file path"));
    if (key.size() != keyFileKeySize) {
        return Error::make(Error::Code::Config, KeyFile::tr("A Stackscope key must be 32 bytes long."),
                           QStringLiteral("createKeyFile: key of %1 bytes").arg(key.size()));
    }

    const QByteArray native = QFile::encodeName(path);
    int fd = -1;
    do {
        fd = ::open(native.constData(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOCTTY, 0600);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        const int openError = errno;
        if (openError == EEXIST) {
            return Error::make(Error::Code::Config,
                               KeyFile::tr("Key file %1 already exists; refusing to overwrite it.").arg(shown(path)),
                               QStringLiteral("key file %1: exists").arg(path));
        }
        return ioError(KeyFile::tr("Key file %1 cannot be created: %2"), path, openError);
    }
    FileDescriptor file(fd);

    // From here on, any failure removes the file we created.
    auto fail = [&](const QString &what, int errorNumber) -> Status {
        ::close(file.release());
        ::unlink(native.constData());
        return ioError(what, path, errorNumber);
    };

    // The umask may have taken bits away; it can never have added any, but make the mode exact anyway.
    if (::fchmod(file.get(), 0600) != 0)
        return fail(KeyFile::tr("Key file %1 cannot be made private: %2"), errno);

    // hex + '\n' in locked memory (toHex leaves room for a terminator after the 64 characters).
    const SecureBytes hex = key.toHex();
    SecureBytes line(hex.size() + 1);
    std::memcpy(line.data(), hex.data(), hex.size());
    line.data()[hex.size()] = '\n';

    std::size_t written = 0;
    while (written < line.size()) {
        const ssize_t n = ::write(file.get(), line.data() + written, line.size() - written);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return fail(KeyFile::tr("Key file %1 cannot be written: %2"), errno);
        }
        written += std::size_t(n);
    }
    if (::fsync(file.get()) != 0)
        return fail(KeyFile::tr("Key file %1 cannot be flushed to disk: %2"), errno);
    if (::close(file.release()) != 0) {
        const int closeError = errno;
        ::unlink(native.constData());
        return ioError(KeyFile::tr("Key file %1 cannot be written: %2"), path, closeError);
    }

    // Make the new directory entry durable too; failing here does not endanger the key, so it is not an error.
    const QByteArray directory = QFile::encodeName(QFileInfo(path).absolutePath());
    const int dirFd = ::open(directory.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
    return {};
}

#else // !Q_OS_UNIX

// Not built yet: Stackscope builds on Linux only for now. A Windows version must check that the file's DACL
// grants access to the current user only (GetNamedSecurityInfo + the ACEs) instead of the POSIX mode bits,
// and create the file with such a DACL (CreateFile with SECURITY_ATTRIBUTES, CREATE_NEW).
Result<SecureBytes> readKeyFile(const QString &path)
{
    return Error::make(Error::Code::Config, KeyFile::tr("Key files are not supported on this platform yet."),
                       QStringLiteral("readKeyFile(%1): not implemented").arg(path));
}

Status createKeyFile(const QString &path, const SecureBytes &)
{
    return Error::make(Error::Code::Config, KeyFile::tr("Key files are not supported on this platform yet."),
                       QStringLiteral("createKeyFile(%1): not implemented").arg(path));
}

#endif

} // namespace stackscope::secrets
