#pragma once

#include "util/error.h"

namespace stackscope::daemon {

// Exit codes of every stackscoped subcommand: a contract with scripts (docs/CLI.md). Never renumber.
enum ExitCode : int {
    ExitOk = 0,
    ExitFailure = 1,            // storage or I/O failure not covered below
    ExitUsage = 2,              // bad arguments or configuration (including an unsafe key file)
    ExitNotFound = 3,           // no workspace, database or key file where one was expected
    ExitWrongKey = 4,
    ExitKeyMissing = 5,         // no key in the keychain entry or key file
    ExitKeychainUnavailable = 6,
    ExitCorrupt = 7,            // damaged database, or `verify` found problems
    ExitTruncated = 8,
    ExitInputRejected = 9,      // `import --strict` found bad lines; nothing was imported
};

ExitCode exitCodeFor(Error::Code code);

} // namespace stackscope::daemon
