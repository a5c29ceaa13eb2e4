#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

#include <chrono>
#include <optional>

namespace stackscope {

// A failure as a value. userMessage is plain words for a person; detail is for logs and must already be
// redacted (no secrets, no bound SQL values).
struct Error
{
    Q_GADGET // so that Qt Test and logging print codes by name

public:
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
    Q_ENUM(Code)

    Code code = Code::Storage;
    QString userMessage;
    QString detail;
    std::optional<std::chrono::milliseconds> retryAfter;
    // HTTP-level failures (net::HttpClient): the status, and the start of the vendor's answer (at most 4 KiB,
    // the request's secrets scrubbed) so a connector can read the vendor's own error code. Not for logs or
    // messages as it is: the connector turns it into plain words.
    int httpStatus = 0;
    QByteArray vendorBody;

    static Error make(Code code, QString userMessage, QString detail = {})
    {
        return Error{code, std::move(userMessage), std::move(detail), std::nullopt, 0, {}};
    }
};

QString toString(Error::Code code);

} // namespace stackscope
