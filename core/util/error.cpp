#include "util/error.h"

namespace stackscope {

QString toString(Error::Code code)
{
    switch (code) {
    case Error::Code::Network: return QStringLiteral("network");
    case Error::Code::Timeout: return QStringLiteral("timeout");
    case Error::Code::Auth: return QStringLiteral("auth");
    case Error::Code::RateLimited: return QStringLiteral("rate-limited");
    case Error::Code::Quota: return QStringLiteral("quota");
    case Error::Code::Parse: return QStringLiteral("parse");
    case Error::Code::Storage: return QStringLiteral("storage");
    case Error::Code::Keychain: return QStringLiteral("keychain");
    case Error::Code::Config: return QStringLiteral("config");
    case Error::Code::WrongKey: return QStringLiteral("wrong-key");
    case Error::Code::KeyMissing: return QStringLiteral("key-missing");
    case Error::Code::KeychainUnavailable: return QStringLiteral("keychain-unavailable");
    case Error::Code::DatabaseCorrupt: return QStringLiteral("database-corrupt");
    case Error::Code::DatabaseTruncated: return QStringLiteral("database-truncated");
    case Error::Code::NotFound: return QStringLiteral("not-found");
    case Error::Code::Io: return QStringLiteral("io");
    }
    return QStringLiteral("unknown");
}

} // namespace stackscope
