#include "cli/querycommand.h"

#include "cli/exitcodes.h"
#include "cli/jsonoutput.h"
#include "storage/metricstore.h"
#include "util/clock.h"
#include "util/timeparse.h"

#include <QJsonArray>

namespace stackscope::daemon {

QueryCommand::QueryCommand()
    : Command(QStringLiteral("query"),
              QStringLiteral("Query a metric over a time range. Prints one JSON object per matching series: "
                             "{\"metric\",\"labels\",\"tier\",\"step_ms\",\"points\":[[ts,value],...]}."))
{
}

void QueryCommand::addOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("metric"), QStringLiteral("Metric name (required)."), QStringLiteral("NAME")},
        {QStringLiteral("label"), QStringLiteral("Only series with this label value; repeatable."), QStringLiteral("k=v")},
        {QStringLiteral("from"), QStringLiteral("Start: Unix ms, RFC 3339, now, or now-7d (default now-24h)."),
         QStringLiteral("T")},
        {QStringLiteral("to"), QStringLiteral("End (exclusive), same forms (default now)."), QStringLiteral("T")},
        {QStringLiteral("points"), QStringLiteral("Desired number of points; the store picks the tier (default 1000)."),
         QStringLiteral("N")},
        {QStringLiteral("step"), QStringLiteral("Explicit step instead of --points: 30s, 5m, 1h, 1d, 1w."),
         QStringLiteral("DURATION")},
        {QStringLiteral("agg"), QStringLiteral("avg (default), min, max, sum, count or last."), QStringLiteral("AGG")},
    });
}

void QueryCommand::run()
{
    storage::QueryRequest request;
    request.metric = parser().value(QStringLiteral("metric"));
    if (request.metric.isEmpty()) {
        usageError(QStringLiteral("--metric is required"));
        return;
    }
    for (const QString &pair : parser().values(QStringLiteral("label"))) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            usageError(QStringLiteral("--label expects k=v, got \"%1\"").arg(pair));
            return;
        }
        request.labelFilter.insert(pair.left(eq), pair.mid(eq + 1));
    }
    const qint64 now = Clock::system().nowMs();
    auto from = parseTimePoint(parser().isSet(QStringLiteral("from")) ? parser().value(QStringLiteral("from"))
                                                                      : QStringLiteral("now-24h"), now);
    auto to = parseTimePoint(parser().isSet(QStringLiteral("to")) ? parser().value(QStringLiteral("to"))
                                                                  : QStringLiteral("now"), now);
    if (!from || !to) {
        usageError(!from ? from.error().userMessage : to.error().userMessage);
        return;
    }
    request.fromMs = from.value();
    request.toMs = to.value();
    if (request.toMs <= request.fromMs) {
        usageError(QStringLiteral("--to must be after --from"));
        return;
    }
    if (parser().isSet(QStringLiteral("points")) && parser().isSet(QStringLiteral("step"))) {
        usageError(QStringLiteral("use either --points or --step, not both"));
        return;
    }
    if (parser().isSet(QStringLiteral("points"))) {
        bool ok = false;
        const int points = parser().value(QStringLiteral("points")).toInt(&ok);
        if (!ok || points < 1 || points > 1'000'000) {
            usageError(QStringLiteral("--points must be a whole number from 1 to 1000000"));
            return;
        }
        request.points = points;
    }
    if (parser().isSet(QStringLiteral("step"))) {
        auto step = parseDuration(parser().value(QStringLiteral("step")));
        if (!step) {
            usageError(step.error().userMessage);
            return;
        }
        request.stepMs = step.value();
    }
    if (parser().isSet(QStringLiteral("agg"))) {
        auto agg = storage::aggregationFromName(parser().value(QStringLiteral("agg")));
        if (!agg) {
            usageError(QStringLiteral("--agg must be avg, min, max, sum, count or last"));
            return;
        }
        request.aggregation = *agg;
    }

    m_keys.openWorkspace(workspaceDir(), keyFile(), [this, request](Result<std::unique_ptr<storage::MetricStore>> store) {
        if (!store) {
            fail(store.error());
            return;
        }
        auto result = store.value()->query(request);
        if (!result) {
            fail(result.error());
            return;
        }
        for (const storage::SeriesPoints &series : result->series) {
            QJsonArray points;
            for (const TimedValue &point : series.points)
                points.append(QJsonArray{double(point.ts), point.value});
            printJson({{QStringLiteral("metric"), series.metric},
                       {QStringLiteral("labels"), labelsToJson(series.labels)},
                       {QStringLiteral("tier"), storage::tierName(result->tier)},
                       {QStringLiteral("step_ms"), double(result->stepMs)},
                       {QStringLiteral("points"), points}});
        }
        if (result->series.isEmpty())
            printError(QStringLiteral("query: no series of \"%1\" matches").arg(request.metric));
        finish(ExitOk);
    });
}

} // namespace stackscope::daemon
