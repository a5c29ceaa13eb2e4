#pragma once

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace stackscope::notify {

// Carries a call from any thread back to the thread of `context`, where it runs unless `context` was destroyed
// meanwhile. Made on the context's thread; copies may travel to other threads. (A mailbox object on the
// context's thread receives the call, so no thread ever touches `context` itself while it may be dying.)
class Relay
{
public:
    explicit Relay(QObject *context);
    void post(std::function<void()> call) const;

private:
    std::shared_ptr<QObject> m_mailbox;
    QPointer<QObject> m_context;
};

} // namespace stackscope::notify
