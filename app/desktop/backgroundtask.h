#pragma once

#include <QMetaObject>
#include <QMutex>
#include <QMutexLocker>
#include <QObject>
#include <QThreadPool>

#include <memory>
#include <type_traits>
#include <utility>

namespace stackscope::app {

// Lets worker threads post work to a receiver on its own thread without racing its destruction: the owner
// detaches in its destructor (under the mutex), after which every post is dropped. Work already posted to a
// receiver that is then destroyed is discarded by ~QObject with the rest of its posted events.
class PostTarget
{
public:
    explicit PostTarget(QObject *receiver) : m_receiver(receiver) {}

    void detach()
    {
        QMutexLocker lock(&m_mutex);
        m_receiver = nullptr;
    }

    template<typename Fn>
    bool post(Fn &&fn)
    {
        QMutexLocker lock(&m_mutex);
        if (!m_receiver)
            return false;
        QMetaObject::invokeMethod(m_receiver, std::forward<Fn>(fn), Qt::QueuedConnection);
        return true;
    }

private:
    QMutex m_mutex;
    QObject *m_receiver = nullptr;
};

// A child of the context object that detaches its PostTarget when the context goes away.
class BackgroundTaskGuard final : public QObject
{
public:
    explicit BackgroundTaskGuard(QObject *context)
        : QObject(context), m_target(std::make_shared<PostTarget>(this)) {}
    ~BackgroundTaskGuard() override { m_target->detach(); }
    const std::shared_ptr<PostTarget> &target() const { return m_target; }

private:
    std::shared_ptr<PostTarget> m_target;
};

// Runs `work` on the global thread pool, then `done(result)` on the thread of `context`, unless `context` was
// destroyed in the meantime (KeePassXC's runThenCallback, without any waiting). For disk work such as opening
// a workspace, which must stay off the GUI thread.
template<typename Work, typename Done>
void runInBackground(QObject *context, Work work, Done done)
{
    using R = std::invoke_result_t<Work &>;
    auto *guard = new BackgroundTaskGuard(context);
    auto target = guard->target();
    auto shared = std::make_shared<std::pair<Work, Done>>(std::move(work), std::move(done));
    QThreadPool::globalInstance()->start([target, shared, guard]() {
        auto result = std::make_shared<R>(shared->first());
        target->post([shared, result, guard]() {
            shared->second(std::move(*result));
            guard->deleteLater();
        });
    });
}

} // namespace stackscope::app
