#include "storage/database.h"

#include "secrets/securebytes.h"
#include "util/logging.h"

#include <QFileInfo>

#include <sqlcipher/sqlite3.h>

#include <cstring>

namespace stackscope::storage {

namespace {

QString sqliteMessage(sqlite3 *db)
{
    return db ? QString::fromUtf8(sqlite3_errmsg(db)) : QStringLiteral("out of memory");
}

// Builds `PRAGMA key = "x'<hex>'";` inside secure memory so the key never sits in a QString.
Status applyRawKey(sqlite3 *db, const secrets::SecureBytes &key)
{
    static constexpr char prefix[] = "PRAGMA key = \"x'";
    static constexpr char suffix[] = "'\";";
    const secrets::SecureBytes hex = key.toHex();
    secrets::SecureBytes sql(sizeof prefix - 1 + hex.size() + sizeof suffix); // includes the final NUL
    char *out = reinterpret_cast<char *>(sql.data());
    std::memcpy(out, prefix, sizeof prefix - 1);
    std::memcpy(out + sizeof prefix - 1, hex.data(), hex.size());
    std::memcpy(out + sizeof prefix - 1 + hex.size(), suffix, sizeof suffix); // copies the NUL too
    if (sqlite3_exec(db, out, nullptr, nullptr, nullptr) != SQLITE_OK)
        return Error::make(Error::Code::Storage, QStringLiteral("Could not set the database key."), sqliteMessage(db));
    return {};
}

} // namespace

Database::Database(sqlite3 *db, QString path) : m_db(db), m_path(std::move(path)) {}

Database::~Database()
{
    m_statements.clear(); // finalize before close
    if (m_db)
        sqlite3_close(m_db);
}

Result<std::unique_ptr<Database>> Database::open(const QString &path, const secrets::SecureBytes &key,
                                                 const CipherParams &params, Mode mode)
{
    if (key.size() != 32)
        return Error::make(Error::Code::WrongKey, QStringLiteral("The database key must be 32 bytes."));
    const QFileInfo info(path);
    if (mode == Mode::OpenExisting && !info.exists())
        return Error::make(Error::Code::NotFound, QStringLiteral("There is no database at %1.").arg(path));
    if (mode == Mode::CreateNew && info.exists())
        return Error::make(Error::Code::Config,
                           QStringLiteral("A database already exists at %1; refusing to overwrite it.").arg(path));

    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX
                      | (mode == Mode::CreateNew ? SQLITE_OPEN_CREATE : 0);
    sqlite3 *raw = nullptr;
    const QByteArray nativePath = path.toUtf8();
    const int rc = sqlite3_open_v2(nativePath.constData(), &raw, flags, nullptr);
    std::unique_ptr<Database> db(new Database(raw, path));
    if (rc != SQLITE_OK)
        return Error::make(Error::Code::Io, QStringLiteral("Could not open %1.").arg(path), sqliteMessage(raw));
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, 10000);

    if (Status st = applyRawKey(raw, key); !st)
        return st.error();
    // Pin the cipher: 4.x reads 3.x-format files only in compatibility mode; 3.x ignores the 4.x-only pragmas.
    const QByteArray pin = QStringLiteral("PRAGMA cipher_compatibility = %1; PRAGMA cipher_page_size = %2; "
                                          "PRAGMA kdf_iter = %3; PRAGMA cipher_hmac_algorithm = %4; "
                                          "PRAGMA cipher_kdf_algorithm = %5;")
                               .arg(params.compatibility).arg(params.pageSize).arg(params.kdfIter)
                               .arg(params.hmacAlgorithm, params.kdfAlgorithm).toLatin1();
    if (sqlite3_exec(raw, pin.constData(), nullptr, nullptr, nullptr) != SQLITE_OK)
        return Error::make(Error::Code::Storage, QStringLiteral("Could not apply the cipher settings."),
                           sqliteMessage(raw));

    auto cipherVersion = db->queryText("PRAGMA cipher_version;");
    if (!cipherVersion || cipherVersion.value().isEmpty())
        return Error::make(Error::Code::Storage,
                           QStringLiteral("This build is not linked against SQLCipher; refusing to store data unencrypted."));

    // PRAGMA key never fails by itself: the first read proves the key (SQLITE_NOTADB when wrong or damaged).
    char *message = nullptr;
    const int readRc = sqlite3_exec(raw, "SELECT count(*) FROM sqlite_master;", nullptr, nullptr, &message);
    const QString detail = message ? QString::fromUtf8(message) : QString();
    sqlite3_free(message);
    if (readRc != SQLITE_OK) {
        const int primary = readRc & 0xff;
        const auto code = primary == SQLITE_NOTADB ? Error::Code::WrongKey : Error::Code::DatabaseCorrupt;
        return Error::make(code, QStringLiteral("The database %1 could not be read.").arg(path), detail);
    }
    return db;
}

Status Database::exec(const char *sql)
{
    char *message = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
        Error error = lastError(QStringLiteral("statement failed"));
        if (message)
            error.detail = QString::fromUtf8(message);
        sqlite3_free(message);
        return error;
    }
    return {};
}

Statement &Database::prepare(const char *sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        sqlite3_stmt *stmt = nullptr;
        const int rc = sqlite3_prepare_v2(m_db, sql, -1, &stmt, nullptr);
        if (rc != SQLITE_OK)
            qCWarning(lcStore) << "prepare failed:" << sqliteMessage(m_db);
        it = m_statements.insert(sql, std::make_shared<Statement>(m_db, stmt));
    }
    Statement &statement = **it;
    statement.reset();
    return statement;
}

Result<qint64> Database::queryInt(const char *sql)
{
    Statement &st = prepare(sql);
    if (!st.step())
        return st.ok() ? Error::make(Error::Code::Storage, QStringLiteral("No result."), QString::fromUtf8(sql))
                       : st.error(QStringLiteral("query failed"));
    const qint64 value = st.int64(0);
    st.reset();
    return value;
}

Result<QString> Database::queryText(const char *sql)
{
    Statement &st = prepare(sql);
    if (!st.step())
        return st.ok() ? QString() : Result<QString>(st.error(QStringLiteral("query failed")));
    const QString value = st.text(0);
    st.reset();
    return value;
}

Status Database::begin() { return exec("BEGIN IMMEDIATE;"); }
Status Database::commit() { return exec("COMMIT;"); }

void Database::rollback()
{
    if (inTransaction())
        sqlite3_exec(m_db, "ROLLBACK;", nullptr, nullptr, nullptr);
}

bool Database::inTransaction() const { return sqlite3_get_autocommit(m_db) == 0; }
qint64 Database::changes() const { return sqlite3_changes(m_db); }

Error Database::lastError(const QString &what) const
{
    const int rc = sqlite3_extended_errcode(m_db);
    const int primary = rc & 0xff;
    Error::Code code = Error::Code::Storage;
    if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
        code = Error::Code::DatabaseCorrupt;
    else if (primary == SQLITE_IOERR || primary == SQLITE_FULL || primary == SQLITE_CANTOPEN)
        code = Error::Code::Io;
    return Error::make(code, QStringLiteral("Database error: %1").arg(what), sqliteMessage(m_db));
}

Statement::Statement(sqlite3 *db, sqlite3_stmt *stmt) : m_db(db), m_stmt(stmt)
{
    if (!m_stmt)
        m_rc = sqlite3_errcode(db) ? sqlite3_errcode(db) : SQLITE_ERROR;
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement &Statement::bind(int index, qint64 value)
{
    if (m_stmt)
        sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

Statement &Statement::bind(int index, double value)
{
    if (m_stmt)
        sqlite3_bind_double(m_stmt, index, value);
    return *this;
}

Statement &Statement::bind(int index, const QString &value)
{
    if (m_stmt) {
        const QByteArray utf8 = value.toUtf8();
        sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    }
    return *this;
}

Statement &Statement::bindBlob(int index, const QByteArray &value)
{
    if (m_stmt)
        sqlite3_bind_blob(m_stmt, index, value.constData(), int(value.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement &Statement::bindNull(int index)
{
    if (m_stmt)
        sqlite3_bind_null(m_stmt, index);
    return *this;
}

bool Statement::step()
{
    if (!m_stmt)
        return false;
    m_rc = sqlite3_step(m_stmt);
    return m_rc == SQLITE_ROW;
}

Status Statement::run()
{
    if (!m_stmt)
        return error(QStringLiteral("statement could not be prepared"));
    while (step()) {
    }
    const bool good = m_rc == SQLITE_DONE;
    Status result = good ? Status() : Status(error(QStringLiteral("statement failed")));
    reset();
    return result;
}

void Statement::reset()
{
    if (!m_stmt)
        return;
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    m_rc = SQLITE_OK;
}

bool Statement::isNull(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }
qint64 Statement::int64(int column) const { return sqlite3_column_int64(m_stmt, column); }
double Statement::real(int column) const { return sqlite3_column_double(m_stmt, column); }

QString Statement::text(int column) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return data ? QString::fromUtf8(data, sqlite3_column_bytes(m_stmt, column)) : QString();
}

QByteArray Statement::blob(int column) const
{
    const void *data = sqlite3_column_blob(m_stmt, column);
    return data ? QByteArray(static_cast<const char *>(data), sqlite3_column_bytes(m_stmt, column)) : QByteArray();
}

Error Statement::error(const QString &what) const
{
    const int primary = m_rc & 0xff;
    Error::Code code = Error::Code::Storage;
    if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
        code = Error::Code::DatabaseCorrupt;
    else if (primary == SQLITE_IOERR || primary == SQLITE_FULL)
        code = Error::Code::Io;
    return Error::make(code, QStringLiteral("Database error: %1").arg(what),
                       m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QString());
}

} // namespace stackscope::storage
