#pragma once

#include <QString>

namespace stackscope::app {

// The desktop app's message handler (installed by main() only, never by a library): every message goes to
// stderr and to <directory>/stackscope.log, which is rotated to stackscope.log.1 past 4 MiB. Thread-safe.
class LogSink
{
public:
    static void install(const QString &directory);
    static QString logFilePath();
};

} // namespace stackscope::app
