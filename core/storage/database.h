#pragma once

#include "util/result.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace stackscope::secrets { class SecureBytes; }

namespace stackscope::storage {

class Statement;

// Cipher parameters pinned per workspace (recorded in workspace.json and in the meta table), so that a newer
// SQLCipher never silently reads or writes the file with different defaults. See docs/ARCHITECTURE.md.
struct CipherParams
{
    int pageSize = 4096;
    int kdfIter = 64000;
    QString hmacAlgorithm = QStringLiteral("HMAC_SHA1");
    QString kdfAlgorithm = QStringLiteral("PBKDF2_HMAC_SHA1");
    int compatibility = 3;
};

// RAII owner of one SQLCipher connection. Never logs bound values. Not thread-safe: one thread uses it.
class Database
{
public:
    enum class Mode { CreateNew, OpenExisting };

    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    // Opens (or creates) an encrypted database keyed with a raw 32-byte key, applies the pinned cipher
    // parameters and proves the key with a read. OpenExisting never creates a file.
    static Result<std::unique_ptr<Database>> open(const QString &path, const secrets::SecureBytes &key,
                                                  const CipherParams &params, Mode mode);

    QString path() const { return m_path; }
    Status exec(const char *sql);                 // one or more statements, no parameters
    Statement &prepare(const char *sql);          // cached per SQL text; reset before it is returned
    Result<qint64> queryInt(const char *sql);     // first column of the first row
    Result<QString> queryText(const char *sql);

    Status begin();                               // BEGIN IMMEDIATE
    Status commit();
    void rollback();                              // best effort
    bool inTransaction() const;

    qint64 changes() const;
    Error lastError(const QString &what) const;   // Error::Code::Storage with SQLite's message
    sqlite3 *handle() { return m_db; }

private:
    Database(sqlite3 *db, QString path);
    sqlite3 *m_db = nullptr;
    QString m_path;
    QHash<const char *, std::shared_ptr<Statement>> m_statements;
};

// A prepared statement with 1-based bind helpers. step() returns true while rows are available.
class Statement
{
public:
    Statement(sqlite3 *db, sqlite3_stmt *stmt);
    ~Statement();
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    Statement &bind(int index, qint64 value);
    Statement &bind(int index, int value) { return bind(index, qint64(value)); }
    Statement &bind(int index, double value);
    Statement &bind(int index, const QString &value);
    Statement &bindBlob(int index, const QByteArray &value);
    Statement &bindNull(int index);

    // Advances; a failure is remembered and reported by ok()/error().
    bool step();
    // Runs to completion (for INSERT/UPDATE/DELETE) and resets.
    Status run();
    void reset();

    bool isNull(int column) const;
    qint64 int64(int column) const;
    double real(int column) const;
    QString text(int column) const;
    QByteArray blob(int column) const;

    bool ok() const { return m_rc == 0 || m_rc == 100 || m_rc == 101; } // SQLITE_OK, _ROW, _DONE
    int resultCode() const { return m_rc; }
    Error error(const QString &what) const;

private:
    sqlite3 *m_db;
    sqlite3_stmt *m_stmt;
    int m_rc = 0;
};

} // namespace stackscope::storage
