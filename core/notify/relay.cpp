#include "notify/relay.h"

#include <QThread>

namespace stackscope::notify {

Relay::Relay(QObject *context)
    // The last copy may die on another thread: deleteLater hands the deletion back to the mailbox's thread.
    : m_mailbox(new QObject, [](QObject *mailbox) { mailbox->deleteLater(); }), m_context(context)
{
    if (context)
        m_mailbox->moveToThread(context->thread());
}

void Relay::post(std::function<void()> call) const
{
    QMetaObject::invokeMethod(
        m_mailbox.get(),
        [context = m_context, call = std::move(call)] {
            if (context)
                call();
        },
        Qt::QueuedConnection);
}

} // namespace stackscope::notify
