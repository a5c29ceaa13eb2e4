#pragma once

#include "connector/connectorinfo.h"

#include <deque>

namespace stackscope::connector {

// A sliding-window request budget (C5): at most `requests` per `per`. Shared by every service of one connector
// type, since vendors count per account or per key and a user rarely has two.
class RequestBudgetTracker
{
public:
    explicit RequestBudgetTracker(RequestBudget budget = {}) : m_budget(budget) {}

    bool trySpend(qint64 nowMs);
    qint64 nextAvailableMs(qint64 nowMs) const;  // when trySpend will succeed again
    const RequestBudget &budget() const { return m_budget; }

private:
    void forgetBefore(qint64 nowMs) const;
    RequestBudget m_budget;
    mutable std::deque<qint64> m_spent;
};

} // namespace stackscope::connector
