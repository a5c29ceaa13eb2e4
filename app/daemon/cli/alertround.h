#pragma once

#include "util/result.h"

#include <QJsonObject>

#include <chrono>

namespace stackscope::notify { class ChannelCredentials; }
namespace stackscope::storage {
class MetricStore;
class StoreService;
}

namespace stackscope::daemon {

// One evaluation of every alert rule and built-in check, then delivery of every notification due (the outbox,
// including what an earlier run left unsent), for `evaluate --once` and for `poll` after its round. Returns the
// summary `evaluate --once` prints: {"rules","instances","fired","resolved","queued","delivered","failed",
// "pending","errors":[…]}. A failed rule or delivery is in the summary, not an error; only a failure to read or
// write the store is.
class AlertRound
{
public:
    static constexpr std::chrono::seconds kDeliveryTimeout{60};

    // On the caller's thread, over a store it owns.
    static Result<QJsonObject> run(storage::MetricStore &store, const notify::ChannelCredentials &credentials,
                                   std::chrono::milliseconds deliveryTimeout = kDeliveryTimeout);
    // Over a store thread (the store belongs to `service`); waits in a local event loop.
    static Result<QJsonObject> run(storage::StoreService &service, const notify::ChannelCredentials &credentials,
                                   std::chrono::milliseconds deliveryTimeout = kDeliveryTimeout);

    // Whether the summary reports a problem (exit code 1 for `evaluate --once`).
    static bool hasProblems(const QJsonObject &summary);
};

} // namespace stackscope::daemon
