#include "connector/requestbudget.h"

#include <chrono>

namespace stackscope::connector {

void RequestBudgetTracker::forgetBefore(qint64 nowMs) const
{
    const qint64 window = std::chrono::duration_cast<std::chrono::milliseconds>(m_budget.per).count();
    while (!m_spent.empty() && m_spent.front() <= nowMs - window)
        m_spent.pop_front();
}

bool RequestBudgetTracker::trySpend(qint64 nowMs)
{
    forgetBefore(nowMs);
    if (qsizetype(m_spent.size()) >= m_budget.requests)
        return false;
    m_spent.push_back(nowMs);
    return true;
}

qint64 RequestBudgetTracker::nextAvailableMs(qint64 nowMs) const
{
    forgetBefore(nowMs);
    if (qsizetype(m_spent.size()) < m_budget.requests)
        return nowMs;
    const qint64 window = std::chrono::duration_cast<std::chrono::milliseconds>(m_budget.per).count();
    return m_spent.front() + window;
}

} // namespace stackscope::connector
