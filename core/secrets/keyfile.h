#pragma once

#include "secrets/securebytes.h"
#include "util/result.h"

#include <QString>

#include <cstddef>

namespace stackscope::secrets {

// The headless daemon's database key, kept in a file when no OS keychain exists (style guide G.7).
//
// Format: the 32-byte key as 64 hex characters followed by a newline (what createKeyFile writes); on reading,
// surrounding whitespace is ignored, and a file of exactly 32 raw bytes is accepted as well.
// The file must be a regular file owned by the current user with no group or other permission bits (0600 or
// 0400); anything else is refused with Error::Code::Config and a message that says how to fix it.

inline constexpr std::size_t keyFileKeySize = 32;

// Missing file -> KeyMissing; unsafe ownership or mode, or malformed content -> Config; read failure -> Io.
Result<SecureBytes> readKeyFile(const QString &path);

// Creates `path` (mode 0600, never overwriting an existing file) holding `key` as hex plus '\n', fsynced.
// On failure nothing is left behind. The key must be 32 bytes.
Status createKeyFile(const QString &path, const SecureBytes &key);

// The key file named by the STACKSCOPE_KEY_FILE environment variable, or an empty string.
QString keyFileFromEnvironment();

} // namespace stackscope::secrets
