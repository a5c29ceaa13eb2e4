#pragma once

#include "notify/relay.h"
#include "util/result.h"

#include <functional>
#include <memory>

namespace stackscope::storage {
class MetricStore;
class StoreService;
}

namespace stackscope::notify {

// How notify code reaches the store: through StoreService::run on the store thread (app, long-running daemon),
// or directly on the caller's thread (command-line tools that own a MetricStore). Either way the result comes
// back later on the thread of `context`, never from inside call(), and is dropped if `context` is gone.
// The StoreService or MetricStore must outlive the gateway's jobs.
class StoreGateway
{
public:
    using Job = std::function<void(storage::MetricStore &)>;

    static StoreGateway direct(storage::MetricStore &store);
    static StoreGateway service(storage::StoreService &service);

    template<typename T>
    void call(QObject *context, std::function<Result<T>(storage::MetricStore &)> job,
              std::function<void(Result<T>)> done) const
    {
        post(context, [job = std::move(job), done = std::move(done)](storage::MetricStore &store) {
            auto result = std::make_shared<Result<T>>(job(store));
            return std::function<void()>([result, done] { done(std::move(*result)); });
        });
    }

    bool isDirect() const { return m_direct; }

private:
    using Continuing = std::function<std::function<void()>(storage::MetricStore &)>;
    StoreGateway(std::function<void(Job)> run, bool direct) : m_run(std::move(run)), m_direct(direct) {}
    void post(QObject *context, Continuing job) const;

    std::function<void(Job)> m_run;
    bool m_direct = false;
};

} // namespace stackscope::notify
