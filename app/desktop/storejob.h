#pragma once

#include "backgroundtask.h"

#include "storage/metricstore.h"
#include "storage/storeservice.h"
#include "util/result.h"

#include <functional>
#include <memory>

namespace stackscope::app {

// Runs `job` on the store thread (in queue order, through StoreService::run) and then `done(result)` on the
// thread of `context`, unless `context` was destroyed in the meantime. For store work StoreService has no
// dedicated call for, such as the service repository. `job` must not capture anything of the GUI thread by
// reference: it runs on the store thread.
template<typename T>
void runStoreJob(storage::StoreService &store, QObject *context,
                 std::function<Result<T>(storage::MetricStore &)> job, std::function<void(Result<T>)> done)
{
    auto *guard = new BackgroundTaskGuard(context);
    auto target = guard->target();
    store.run([target, guard, job = std::move(job), done = std::move(done)](storage::MetricStore &metrics) {
        auto result = std::make_shared<Result<T>>(job(metrics));
        target->post([done, result, guard] {
            done(std::move(*result));
            guard->deleteLater();
        });
    });
}

} // namespace stackscope::app
