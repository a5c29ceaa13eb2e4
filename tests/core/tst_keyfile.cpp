#include "secrets/keyfile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

using namespace stackscope;
using namespace stackscope::secrets;

namespace {

// A fixed key, so expected content can be written down.
QByteArray knownKey()
{
    QByteArray key;
    for (int i = 0; i < 32; ++i)
        key.append(char(0xa0 + i)); // non-ASCII bytes: never all hex digits
    return key;
}

QByteArray knownHex()
{
    return knownKey().toHex(); // lower case
}

unsigned fileMode(const QString &path)
{
    struct stat info = {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return 0xffffffffu;
    return unsigned(info.st_mode) & 07777u;
}

// Writes `content` to `path` with exactly `mode` (not subject to the umask).
bool writeFile(const QString &path, const QByteArray &content, unsigned mode = 0600)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    if (file.write(content) != content.size())
        return false;
    file.close();
    return ::chmod(QFile::encodeName(path).constData(), mode_t(mode)) == 0;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// Restores the process umask when a test ends, also on failure.
class UmaskGuard
{
public:
    explicit UmaskGuard(mode_t mask) : m_old(::umask(mask)) {}
    ~UmaskGuard() { ::umask(m_old); }
    UmaskGuard(const UmaskGuard &) = delete;
    UmaskGuard &operator=(const UmaskGuard &) = delete;

private:
    mode_t m_old;
};

} // namespace

class tst_KeyFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();

    void createThenRead_data();
    void createThenRead();
    void createRefusesExistingFile();
    void createDoesNotFollowDanglingSymlink();
    void createRejectsWrongKeySize_data();
    void createRejectsWrongKeySize();
    void createInMissingDirectoryLeavesNothing();

    void readMode_data();
    void readMode();
    void readContent_data();
    void readContent();
    void readMissingIsKeyMissing();
    void readRefusesNonRegularFiles_data();
    void readRefusesNonRegularFiles();
    void readRefusesFileOfAnotherUser();
    void messagesNeverContainTheKey();

    void environment();

private:
    QString path(const QString &name) const { return m_dir->filePath(name); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_KeyFile::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_KeyFile::createThenRead_data()
{
    QTest::addColumn<int>("umask");
    QTest::addRow("umask 022") << 022;
    QTest::addRow("umask 077") << 077;
    QTest::addRow("umask 000") << 000;
    QTest::addRow("umask 277 (would give 0400)") << 0277;
}

void tst_KeyFile::createThenRead()
{
    QFETCH(int, umask);
    const QString file = path(QStringLiteral("db.key"));
    const SecureBytes key = SecureBytes::random(32);
    {
        const UmaskGuard guard{mode_t(umask)};
        const Status created = createKeyFile(file, key);
        QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().userMessage));
    }
    QCOMPARE(fileMode(file), 0600u);

    const SecureBytes hex = key.toHex();
    QCOMPARE(readAll(file), QByteArray(hex.constChar(), qsizetype(hex.size())) + '\n');

    const Result<SecureBytes> read = readKeyFile(file);
    QVERIFY2(read.ok(), qPrintable(read.ok() ? QString() : read.error().userMessage));
    QCOMPARE(read->size(), std::size_t(32));
    QVERIFY(read->constantTimeEquals(key));
}

void tst_KeyFile::createRefusesExistingFile()
{
    const QString file = path(QStringLiteral("db.key"));
    QVERIFY(writeFile(file, "precious\n"));

    const Status created = createKeyFile(file, SecureBytes::random(32));
    QVERIFY(!created.ok());
    QCOMPARE(toString(created.error().code), toString(Error::Code::Config));
    QVERIFY2(created.error().userMessage.contains(QStringLiteral("already exists; refusing to overwrite")),
             qPrintable(created.error().userMessage));
    QCOMPARE(readAll(file), QByteArray("precious\n"));
}

void tst_KeyFile::createDoesNotFollowDanglingSymlink()
{
    const QString target = path(QStringLiteral("elsewhere.key"));
    const QString link = path(QStringLiteral("db.key"));
    QVERIFY(QFile::link(target, link));

    const Status created = createKeyFile(link, SecureBytes::random(32));
    QVERIFY(!created.ok());
    QCOMPARE(toString(created.error().code), toString(Error::Code::Config));
    QVERIFY(!QFile::exists(target));
}

void tst_KeyFile::createRejectsWrongKeySize_data()
{
    QTest::addColumn<int>("size");
    QTest::addRow("empty") << 0;
    QTest::addRow("16 bytes") << 16;
    QTest::addRow("31 bytes") << 31;
    QTest::addRow("33 bytes") << 33;
    QTest::addRow("64 bytes") << 64;
}

void tst_KeyFile::createRejectsWrongKeySize()
{
    QFETCH(int, size);
    const QString file = path(QStringLiteral("db.key"));
    const Status created = createKeyFile(file, SecureBytes::random(std::size_t(size)));
    QVERIFY(!created.ok());
    QCOMPARE(toString(created.error().code), toString(Error::Code::Config));
    QVERIFY(!QFile::exists(file));
}

void tst_KeyFile::createInMissingDirectoryLeavesNothing()
{
    const QString file = path(QStringLiteral("no-such-dir/db.key"));
    const Status created = createKeyFile(file, SecureBytes::random(32));
    QVERIFY(!created.ok());
    QCOMPARE(toString(created.error().code), toString(Error::Code::Io));
    QVERIFY(!QFile::exists(file));
}

void tst_KeyFile::readMode_data()
{
    QTest::addColumn<unsigned>("mode");
    QTest::addColumn<bool>("accepted");
    QTest::addRow("0600") << 0600u << true;
    QTest::addRow("0400") << 0400u << true;
    QTest::addRow("0700") << 0700u << true;
    QTest::addRow("0644") << 0644u << false;
    QTest::addRow("0640") << 0640u << false;
    QTest::addRow("0604") << 0604u << false;
    QTest::addRow("0660") << 0660u << false;
    QTest::addRow("0666") << 0666u << false;
    QTest::addRow("0601") << 0601u << false;
    QTest::addRow("0610") << 0610u << false;
}

void tst_KeyFile::readMode()
{
    QFETCH(unsigned, mode);
    QFETCH(bool, accepted);
    const QString file = path(QStringLiteral("db.key"));
    QVERIFY(writeFile(file, knownHex() + '\n', mode));
    QCOMPARE(fileMode(file), mode);

    const Result<SecureBytes> read = readKeyFile(file);
    QCOMPARE(read.ok(), accepted);
    if (accepted) {
        QVERIFY(read->constantTimeEquals(SecureBytes(knownKey())));
        return;
    }
    QCOMPARE(toString(read.error().code), toString(Error::Code::Config));
    const QString octal = QStringLiteral("%1").arg(mode, 4, 8, QLatin1Char('0'));
    const QString expected =
        QStringLiteral("Key file %1 has mode %2; it must be 0600 (chmod 600 %1)").arg(file, octal);
    QCOMPARE(read.error().userMessage, expected);
}

void tst_KeyFile::readContent_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QByteArray>("key"); // expected key when accepted

    const QByteArray hex = knownHex();
    const QByteArray raw = knownKey();
    QByteArray rawEndingInNewline = raw;
    rawEndingInNewline[31] = '\n';
    QByteArray rawWithNul = raw;
    rawWithNul[5] = '\0';

    QTest::addRow("hex + newline (as written)") << hex + '\n' << true << raw;
    QTest::addRow("hex, no newline") << hex << true << raw;
    QTest::addRow("hex upper case") << hex.toUpper() << true << raw;
    QTest::addRow("hex + CRLF") << hex + "\r\n" << true << raw;
    QTest::addRow("hex with surrounding blanks") << "  \t" + hex + " \n\n" << true << raw;
    QTest::addRow("raw 32 bytes") << raw << true << raw;
    QTest::addRow("raw 32 bytes, last one a newline") << rawEndingInNewline << true << rawEndingInNewline;
    QTest::addRow("raw 32 bytes with a NUL") << rawWithNul << true << rawWithNul;

    QTest::addRow("empty file") << QByteArray() << false << QByteArray();
    QTest::addRow("only a newline") << QByteArray("\n") << false << QByteArray();
    QTest::addRow("raw 31 bytes") << raw.left(31) << false << QByteArray();
    QTest::addRow("raw 33 bytes") << raw + 'x' << false << QByteArray();
    QTest::addRow("63 hex digits") << hex.left(63) + '\n' << false << QByteArray();
    QTest::addRow("65 hex digits") << hex + "a\n" << false << QByteArray();
    QTest::addRow("32 hex digits (a 16-byte key)") << hex.left(32) << false << QByteArray();
    QTest::addRow("128 hex digits") << hex + hex + '\n' << false << QByteArray();
    QTest::addRow("64 chars, one not hex") << hex.left(63) + 'g' << false << QByteArray();
    QTest::addRow("hex with a blank inside") << hex.left(32) + ' ' + hex.mid(32) << false << QByteArray();
    QTest::addRow("a passphrase") << QByteArray("correct horse battery staple\n") << false << QByteArray();
    QTest::addRow("5000 bytes") << QByteArray(5000, 'a') << false << QByteArray();
}

void tst_KeyFile::readContent()
{
    QFETCH(QByteArray, content);
    QFETCH(bool, accepted);
    QFETCH(QByteArray, key);
    const QString file = path(QStringLiteral("db.key"));
    QVERIFY(writeFile(file, content));

    const Result<SecureBytes> read = readKeyFile(file);
    QVERIFY2(read.ok() == accepted, qPrintable(read.ok() ? QStringLiteral("accepted") : read.error().userMessage));
    if (accepted) {
        QCOMPARE(read->size(), std::size_t(32));
        QVERIFY(read->constantTimeEquals(SecureBytes(key)));
    } else {
        QCOMPARE(toString(read.error().code), toString(Error::Code::Config));
        QVERIFY(read.error().userMessage.contains(file));
    }
}

void tst_KeyFile::readMissingIsKeyMissing()
{
    const Result<SecureBytes> missing = readKeyFile(path(QStringLiteral("absent.key")));
    QVERIFY(!missing.ok());
    QCOMPARE(toString(missing.error().code), toString(Error::Code::KeyMissing));

    const Result<SecureBytes> missingDir = readKeyFile(path(QStringLiteral("absent/db.key")));
    QVERIFY(!missingDir.ok());
    QCOMPARE(toString(missingDir.error().code), toString(Error::Code::KeyMissing));

    const Result<SecureBytes> empty = readKeyFile(QString());
    QVERIFY(!empty.ok());
    QCOMPARE(toString(empty.error().code), toString(Error::Code::Config));
}

void tst_KeyFile::readRefusesNonRegularFiles_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addRow("directory") << QStringLiteral("directory");
    QTest::addRow("fifo (must not block)") << QStringLiteral("fifo");
    QTest::addRow("character device") << QStringLiteral("device");
}

void tst_KeyFile::readRefusesNonRegularFiles()
{
    QFETCH(QString, kind);
    QString file = path(QStringLiteral("db.key"));
    if (kind == QStringLiteral("directory")) {
        QVERIFY(QDir().mkdir(file));
        QVERIFY(::chmod(QFile::encodeName(file).constData(), 0700) == 0);
    } else if (kind == QStringLiteral("fifo")) {
        QVERIFY(::mkfifo(QFile::encodeName(file).constData(), 0600) == 0);
    } else {
        file = QStringLiteral("/dev/null");
    }
    const Result<SecureBytes> read = readKeyFile(file);
    QVERIFY(!read.ok());
    QCOMPARE(toString(read.error().code), toString(Error::Code::Config));
    QVERIFY2(read.error().userMessage.contains(QStringLiteral("not a regular file")),
             qPrintable(read.error().userMessage));
}

void tst_KeyFile::readRefusesFileOfAnotherUser()
{
    if (::geteuid() != 0)
        QSKIP("giving a file to another user needs root");
    const QString file = path(QStringLiteral("db.key"));
    QVERIFY(writeFile(file, knownHex() + '\n'));
    QVERIFY(::chown(QFile::encodeName(file).constData(), 65534, 65534) == 0); // nobody

    const Result<SecureBytes> read = readKeyFile(file);
    QVERIFY(!read.ok());
    QCOMPARE(toString(read.error().code), toString(Error::Code::Config));
    QVERIFY2(read.error().userMessage.contains(QStringLiteral("is owned by user id 65534")),
             qPrintable(read.error().userMessage));
}

void tst_KeyFile::messagesNeverContainTheKey()
{
    // Content that is almost a key, in the two places where it could leak: userMessage and detail.
    const QByteArray hex = knownHex();
    const QString file = path(QStringLiteral("db.key"));
    QVERIFY(writeFile(file, hex.left(63) + 'g', 0644));
    for (unsigned mode : {0644u, 0600u}) {
        QVERIFY(::chmod(QFile::encodeName(file).constData(), mode_t(mode)) == 0);
        const Result<SecureBytes> read = readKeyFile(file);
        QVERIFY(!read.ok());
        for (const QString &text : {read.error().userMessage, read.error().detail}) {
            QVERIFY2(!text.contains(QString::fromLatin1(hex.left(16)), Qt::CaseInsensitive), qPrintable(text));
        }
    }
}

void tst_KeyFile::environment()
{
    const QByteArray saved = qgetenv("STACKSCOPE_KEY_FILE");
    const bool wasSet = qEnvironmentVariableIsSet("STACKSCOPE_KEY_FILE");
    qunsetenv("STACKSCOPE_KEY_FILE");
    QCOMPARE(keyFileFromEnvironment(), QString());
    qputenv("STACKSCOPE_KEY_FILE", "/etc/stackscope/db.key");
    QCOMPARE(keyFileFromEnvironment(), QStringLiteral("/etc/stackscope/db.key"));
    if (wasSet)
        qputenv("STACKSCOPE_KEY_FILE", saved);
    else
        qunsetenv("STACKSCOPE_KEY_FILE");
}

QTEST_GUILESS_MAIN(tst_KeyFile)
#include "tst_keyfile.moc"
