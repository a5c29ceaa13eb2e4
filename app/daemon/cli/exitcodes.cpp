#include "cli/exitcodes.h"

namespace stackscope::daemon {

ExitCode exitCodeFor(Error::Code code)
{
    switch (code) {
    case Error::Code::Config:
    case Error::Code::Parse: return ExitUsage;
    case Error::Code::NotFound: return ExitNotFound;
    case Error::Code::WrongKey: return ExitWrongKey;
    case Error::Code::KeyMissing: return ExitKeyMissing;
    case Error::Code::KeychainUnavailable: return ExitKeychainUnavailable;
    case Error::Code::DatabaseCorrupt: return ExitCorrupt;
    case Error::Code::DatabaseTruncated: return ExitTruncated;
    default: return ExitFailure;
    }
}

} // namespace stackscope::daemon
