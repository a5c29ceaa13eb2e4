#pragma once

#include <QTimer>

#include <functional>

namespace stackscope::daemon {

// Long-running commands stop cleanly on SIGINT/SIGTERM: the handler only records the signal; `timer` looks at
// it on the event loop (a signal handler may not touch Qt) and calls `stop` once.
void watchStopSignals(QTimer &timer, std::function<void()> stop);

} // namespace stackscope::daemon
