#include "cli/alertround.h"

#include "alerts/alertcycle.h"
#include "notify/outboxdispatcher.h"
#include "notify/storegateway.h"
#include "storage/metricstore.h"
#include "storage/storeservice.h"
#include "util/clock.h"

#include <QEventLoop>
#include <QJsonArray>

#include <memory>

namespace stackscope::daemon {

namespace {

QJsonObject summarize(const alerts::CycleReport &report, const notify::OutboxDispatcher::DrainReport &drain)
{
    QJsonArray errors;
    for (const alerts::RuleProblem &problem : report.problems)
        errors.append(QJsonObject{{QStringLiteral("rule"), problem.ruleName}, {QStringLiteral("error"), problem.message}});
    return {{QStringLiteral("rules"), report.rulesEvaluated},
            {QStringLiteral("builtin_checks"), report.builtinChecks},
            {QStringLiteral("instances"), report.instances},
            {QStringLiteral("pending"), report.pending},
            {QStringLiteral("fired"), report.fired()},
            {QStringLiteral("resolved"), report.resolved},
            {QStringLiteral("muted"), report.muted},
            {QStringLiteral("queued"), report.notificationsQueued},
            {QStringLiteral("delivered"), drain.delivered},
            {QStringLiteral("failed"), drain.failedAttempts},
            {QStringLiteral("gave_up"), drain.gaveUp},
            {QStringLiteral("undelivered"), double(drain.pending)},
            {QStringLiteral("errors"), errors}};
}

} // namespace

Result<QJsonObject> AlertRound::run(storage::MetricStore &store, const notify::ChannelCredentials &credentials,
                                    std::chrono::milliseconds deliveryTimeout)
{
    auto report = alerts::AlertCycle(store, Clock::system()).runOnce();
    if (!report)
        return report.error();
    notify::OutboxDispatcher dispatcher(notify::StoreGateway::direct(store), credentials, Clock::system());
    return summarize(report.value(), dispatcher.drain(deliveryTimeout));
}

Result<QJsonObject> AlertRound::run(storage::StoreService &service, const notify::ChannelCredentials &credentials,
                                    std::chrono::milliseconds deliveryTimeout)
{
    // The cycle runs on the store thread (it owns the connection); this thread waits for it.
    auto report = std::make_shared<Result<alerts::CycleReport>>(Error::make(Error::Code::Storage, QString()));
    QEventLoop loop;
    QObject receiver;
    service.run([report, &receiver, &loop](storage::MetricStore &store) {
        *report = alerts::AlertCycle(store, Clock::system()).runOnce();
        QMetaObject::invokeMethod(&receiver, [&loop] { loop.quit(); }, Qt::QueuedConnection);
    });
    loop.exec();
    if (!*report)
        return report->error();
    notify::OutboxDispatcher dispatcher(notify::StoreGateway::service(service), credentials, Clock::system());
    return summarize(report->value(), dispatcher.drain(deliveryTimeout));
}

bool AlertRound::hasProblems(const QJsonObject &summary)
{
    return !summary.value(QStringLiteral("errors")).toArray().isEmpty() || summary.value(QStringLiteral("failed")).toInt() > 0
           || summary.value(QStringLiteral("gave_up")).toInt() > 0;
}

} // namespace stackscope::daemon
