#pragma once

#include <QString>

#include <chrono>
#include <optional>

namespace stackscope {

// A failure as a value. userMessage is plain words for a person; detail is for logs and must already be
// redacted (no secrets, no bound SQL values).
struct Error
{
    enum class Code {
        Network,
        Timeout,
        Auth,
        RateLimited,
        Quota,
        Parse,
        Storage,
        Keychain,
        Config,
        // Storage-open outcomes that callers (and the CLI's exit codes) must tell apart.
        WrongKey,
        KeyMissing,
        KeychainUnavailable,
        DatabaseCorrupt,
        DatabaseTruncated,
        NotFound,
        Io,
    };

    Code code = Code::Storage;
    QString userMessage;
    QString detail;
    std::optional<std::chrono::milliseconds> retryAfter;

    static Error make(Code code, QString userMessage, QString detail = {})
    {
        return Error{code, std::move(userMessage), std::move(detail), std::nullopt};
    }
};

QString toString(Error::Code code);

} // namespace stackscope
