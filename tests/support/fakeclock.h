#pragma once

#include "util/clock.h"

#include <atomic>

namespace stackscope::test {

// A clock that only moves when told to.
class FakeClock final : public Clock
{
public:
    explicit FakeClock(qint64 nowMs = 1767225600000 /* 2026-01-01T00:00:00Z */) : m_now(nowMs) {}
    qint64 nowMs() const override { return m_now.load(); }
    void set(qint64 nowMs) { m_now.store(nowMs); }
    void advance(qint64 ms) { m_now.fetch_add(ms); }

private:
    std::atomic<qint64> m_now;
};

} // namespace stackscope::test
