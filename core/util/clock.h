#pragma once

#include <QtGlobal>

namespace stackscope {

// Time source, injected so schedulers, retention and rollups can be tested with a fake clock.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual qint64 nowMs() const = 0; // Unix epoch milliseconds, UTC

    static const Clock &system();
};

} // namespace stackscope
