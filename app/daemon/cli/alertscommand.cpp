#include "cli/alertscommand.h"

#include "alerts/alertrepository.h"
#include "cli/alertjson.h"
#include "cli/exitcodes.h"
#include "cli/jsonoutput.h"
#include "storage/metricstore.h"
#include "util/clock.h"
#include "util/timeparse.h"

#include <QJsonArray>

namespace stackscope::daemon {

namespace {

constexpr int kMaxLimit = 10'000;

// "critical,warning" -> the values, or the name that is not one.
template<typename T>
Result<QList<T>> parseList(const QStringList &values, std::optional<T> (*fromName)(const QString &), const QString &what)
{
    QList<T> parsed;
    for (const QString &value : values) {
        for (const QString &part : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const auto item = fromName(part.trimmed().toLower());
            if (!item)
                return Error::make(Error::Code::Config, QStringLiteral("unknown %1 \"%2\"").arg(what, part));
            parsed.append(*item);
        }
    }
    return parsed;
}

QString currentUser()
{
    const QString user = qEnvironmentVariable("USER", qEnvironmentVariable("LOGNAME"));
    return user.isEmpty() ? QStringLiteral("stackscoped") : user;
}

} // namespace

AlertsCommand::AlertsCommand()
    : Command(QStringLiteral("alerts"), QStringLiteral("List alerts and act on them: list, show ID, ack|resolve|reopen ID."))
{
}

AlertsCommand::~AlertsCommand() = default;

void AlertsCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("list | show ID | ack ID | resolve ID | reopen ID"));
    parser.addOptions({
        {QStringLiteral("severity"), QStringLiteral("list: info, warning, critical (comma-separated, repeatable)."), QStringLiteral("S")},
        {QStringLiteral("status"), QStringLiteral("list: open, acknowledged, resolved, reopened (comma-separated)."), QStringLiteral("S")},
        {QStringLiteral("project"), QStringLiteral("list: only this project's alerts."), QStringLiteral("P")},
        {QStringLiteral("service"), QStringLiteral("list: only this service's alerts."), QStringLiteral("S")},
        {QStringLiteral("from"), QStringLiteral("list: alerts alive at or after T (now-7d, ISO 8601, epoch ms)."), QStringLiteral("T")},
        {QStringLiteral("to"), QStringLiteral("list: alerts opened before T."), QStringLiteral("T")},
        {QStringLiteral("search"), QStringLiteral("list: text in the rule, summary, metric, labels, project or service."), QStringLiteral("TEXT")},
        {QStringLiteral("limit"), QStringLiteral("list: at most N alerts (default 50)."), QStringLiteral("N")},
        {QStringLiteral("offset"), QStringLiteral("list: skip the first N (paging)."), QStringLiteral("N")},
        {QStringLiteral("comment"), QStringLiteral("ack/resolve/reopen: why, recorded in the history."), QStringLiteral("TEXT")},
        {QStringLiteral("by"), QStringLiteral("ack/resolve/reopen: who (default: the user name)."), QStringLiteral("NAME")},
    });
}

void AlertsCommand::run()
{
    const QStringList args = parser().positionalArguments();
    const QString action = args.value(0);
    static const QStringList actions{QStringLiteral("list"), QStringLiteral("show"), QStringLiteral("ack"),
                                     QStringLiteral("resolve"), QStringLiteral("reopen")};
    if (!actions.contains(action)) {
        usageError(QStringLiteral("alerts needs an action: list, show ID, ack ID, resolve ID or reopen ID"));
        return;
    }
    qint64 id = 0;
    if (action != QLatin1String("list")) {
        bool ok = false;
        id = args.size() == 2 ? args.at(1).toLongLong(&ok) : 0;
        if (!ok || id <= 0) {
            usageError(QStringLiteral("alerts %1 needs one alert ID (see `alerts list`)").arg(action));
            return;
        }
    } else if (args.size() != 1) {
        usageError(QStringLiteral("unexpected argument \"%1\"").arg(args.at(1)));
        return;
    }
    m_keys.openWorkspace(workspaceDir(), keyFile(), [this, action, id](Result<std::unique_ptr<storage::MetricStore>> store) {
        if (!store) {
            fail(store.error());
            return;
        }
        m_store = std::move(store).value();
        if (action == QLatin1String("list"))
            list(*m_store);
        else if (action == QLatin1String("show"))
            show(*m_store, id);
        else
            act(*m_store, action, id);
    });
}

void AlertsCommand::list(storage::MetricStore &store)
{
    alerts::AlertFilter filter;
    auto severities = parseList<rules::Severity>(parser().values(QStringLiteral("severity")), &rules::severityFromName,
                                                 QStringLiteral("severity"));
    auto statuses = parseList<alerts::AlertStatus>(parser().values(QStringLiteral("status")), &alerts::statusFromName,
                                                   QStringLiteral("status"));
    if (!severities || !statuses) {
        usageError(!severities ? severities.error().userMessage : statuses.error().userMessage);
        return;
    }
    filter.severities = severities.value();
    filter.statuses = statuses.value();
    filter.project = parser().value(QStringLiteral("project"));
    filter.service = parser().value(QStringLiteral("service"));
    filter.text = parser().value(QStringLiteral("search"));
    const qint64 now = Clock::system().nowMs();
    for (const auto &[option, target] : {std::pair{QStringLiteral("from"), &filter.fromMs}, std::pair{QStringLiteral("to"), &filter.toMs}}) {
        if (!parser().isSet(option))
            continue;
        auto at = parseTimePoint(parser().value(option), now);
        if (!at) {
            usageError(QStringLiteral("--%1: %2").arg(option, at.error().userMessage));
            return;
        }
        *target = at.value();
    }
    for (const auto &[option, target, fallback] : {std::tuple{QStringLiteral("limit"), &filter.limit, 50},
                                                   std::tuple{QStringLiteral("offset"), &filter.offset, 0}}) {
        if (!parser().isSet(option)) {
            *target = fallback;
            continue;
        }
        bool ok = false;
        const int value = parser().value(option).toInt(&ok);
        if (!ok || value < 0 || value > kMaxLimit * 1000 || (option == QLatin1String("limit") && (value < 1 || value > kMaxLimit))) {
            usageError(QStringLiteral("--%1 must be a whole number%2").arg(option, option == QLatin1String("limit")
                                                                                   ? QStringLiteral(" from 1 to 10000")
                                                                                   : QString()));
            return;
        }
        *target = value;
    }
    auto page = alerts::AlertRepository(store.database()).query(filter);
    if (!page) {
        fail(page.error());
        return;
    }
    for (const alerts::Alert &alert : page->alerts)
        printJson(alertToJson(alert));
    printJson({{QStringLiteral("total"), double(page->total)}});
    finish(ExitOk);
}

void AlertsCommand::show(storage::MetricStore &store, qint64 id)
{
    alerts::AlertRepository repository(store.database());
    auto alert = repository.get(id);
    if (!alert) {
        fail(alert.error());
        return;
    }
    auto history = repository.history(id);
    if (!history) {
        fail(history.error());
        return;
    }
    QJsonObject json = alertToJson(alert.value());
    QJsonArray events;
    for (const alerts::AlertEvent &event : history.value())
        events.append(alertEventToJson(event));
    json.insert(QStringLiteral("history"), events);
    printJson(json);
    finish(ExitOk);
}

void AlertsCommand::act(storage::MetricStore &store, const QString &action, qint64 id)
{
    alerts::AlertRepository repository(store.database());
    const QString by = parser().isSet(QStringLiteral("by")) ? parser().value(QStringLiteral("by")) : currentUser();
    const QString comment = parser().value(QStringLiteral("comment"));
    const qint64 now = Clock::system().nowMs();
    Result<alerts::Alert> changed = action == QLatin1String("ack")       ? repository.acknowledge(id, by, comment, now)
                                    : action == QLatin1String("resolve") ? repository.resolve(id, by, comment, now)
                                                                         : repository.reopen(id, by, comment, now);
    if (!changed) {
        // A change the alert's status does not allow is the caller's mistake (exit 2), not a failure.
        if (changed.error().code == Error::Code::Config)
            usageError(changed.error().userMessage);
        else
            fail(changed.error());
        return;
    }
    printJson(alertToJson(changed.value()));
    finish(ExitOk);
}

} // namespace stackscope::daemon
