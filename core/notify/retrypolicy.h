#pragma once

#include <QtGlobal>

namespace stackscope::notify {

// When the outbox tries a failed delivery again: exponential backoff with jitter, 30 s doubling up to 1 h, and
// giving up (status failed, visible in the UI) after 24 h or kMaxAttempts attempts, whichever comes first.
struct RetryPolicy
{
    qint64 firstDelayMs = 30'000;
    qint64 maxDelayMs = 3'600'000;
    qint64 giveUpAfterMs = 24LL * 3'600'000;
    int maxAttempts = 50;

    // The wait after the `attempts`-th failed attempt (1-based): d = min(max, first * 2^(attempts-1)), then
    // "equal jitter": d/2 + jitter * d/2 with jitter in [0, 1], so retries of many items spread out but never
    // come sooner than half the nominal delay.
    qint64 delayMs(int attempts, double jitter) const;
    bool givesUp(int attempts, qint64 ageMs) const { return attempts >= maxAttempts || ageMs >= giveUpAfterMs; }
};

} // namespace stackscope::notify
