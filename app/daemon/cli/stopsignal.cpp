#include "cli/stopsignal.h"

#include <atomic>
#include <csignal>

namespace stackscope::daemon {

namespace {

std::atomic<int> g_stopSignal{0};

void onStopSignal(int signal)
{
    g_stopSignal.store(signal);
}

constexpr int kWatchIntervalMs = 200;

} // namespace

void watchStopSignals(QTimer &timer, std::function<void()> stop)
{
    std::signal(SIGINT, onStopSignal);
    std::signal(SIGTERM, onStopSignal);
    QObject::connect(&timer, &QTimer::timeout, &timer, [&timer, stop = std::move(stop)] {
        if (g_stopSignal.load() != 0) {
            timer.stop();
            stop();
        }
    });
    timer.start(kWatchIntervalMs);
}

} // namespace stackscope::daemon
