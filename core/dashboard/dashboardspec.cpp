#include "dashboard/dashboardspec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

namespace stackscope::dashboard {

// The JSON form (format 1). Keys are written in QJsonObject's sorted order, and fields that hold their default
// are left out, so an export reads short and two equal specs give byte-identical files:
//
// { "format": 1, "title": "…", "description": "…", "default_range_ms": 86400000, "refresh_s": 60,
//   "panels": [ { "id": "…", "type": "line", "title": "…", "grid": {"x": 0, "y": 0, "w": 12, "h": 6},
//                 "queries": [ { "metric": "twilio.sms.sent", "labels": {"service": "…"}, "aggregation": "sum",
//                                "group_by": "country", "legend": "…" } ],
//                 "unit": "…", "decimals": 1, "thresholds": [ {"value": 0, "color": "#2E7D32"} ],
//                 "stacked": true, "top_n": 10, "gauge": {"min": 0, "max": 100}, "percentiles": [50, 95, 99] } ] }

namespace {

struct PanelTypeEntry
{
    PanelType type;
    const char *name;
};

constexpr PanelTypeEntry kPanelTypes[] = {
    {PanelType::Line, "line"},   {PanelType::Area, "area"},   {PanelType::Bar, "bar"},
    {PanelType::Stat, "stat"},   {PanelType::Gauge, "gauge"}, {PanelType::Table, "table"},
    {PanelType::TopN, "top_n"},  {PanelType::Percentile, "percentile"}, {PanelType::Status, "status"},
};

QJsonObject labelsToJson(const Labels &labels)
{
    QJsonObject object;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

QJsonObject queryToJson(const PanelQuery &query)
{
    QJsonObject object{{QStringLiteral("metric"), query.metric},
                       {QStringLiteral("aggregation"), storage::aggregationName(query.aggregation)}};
    if (!query.labelFilter.isEmpty())
        object.insert(QStringLiteral("labels"), labelsToJson(query.labelFilter));
    if (!query.groupBy.isEmpty())
        object.insert(QStringLiteral("group_by"), query.groupBy);
    if (!query.legend.isEmpty())
        object.insert(QStringLiteral("legend"), query.legend);
    return object;
}

QJsonObject panelToJson(const PanelSpec &panel)
{
    const PanelSpec defaults;
    QJsonArray queries;
    for (const PanelQuery &query : panel.queries)
        queries.append(queryToJson(query));
    QJsonObject object{
        {QStringLiteral("id"), panel.id},
        {QStringLiteral("type"), panelTypeName(panel.type)},
        {QStringLiteral("title"), panel.title},
        {QStringLiteral("grid"), QJsonObject{{QStringLiteral("x"), panel.rect.x}, {QStringLiteral("y"), panel.rect.y},
                                             {QStringLiteral("w"), panel.rect.w}, {QStringLiteral("h"), panel.rect.h}}},
        {QStringLiteral("queries"), queries},
    };
    if (!panel.unit.isEmpty())
        object.insert(QStringLiteral("unit"), panel.unit);
    if (panel.decimals != defaults.decimals)
        object.insert(QStringLiteral("decimals"), panel.decimals);
    if (!panel.thresholds.isEmpty()) {
        QJsonArray thresholds;
        for (const Threshold &t : panel.thresholds)
            thresholds.append(QJsonObject{{QStringLiteral("value"), t.value}, {QStringLiteral("color"), t.color}});
        object.insert(QStringLiteral("thresholds"), thresholds);
    }
    if (panel.stacked)
        object.insert(QStringLiteral("stacked"), true);
    if (panel.topN != defaults.topN)
        object.insert(QStringLiteral("top_n"), panel.topN);
    if (panel.type == PanelType::Gauge || panel.gaugeMin != defaults.gaugeMin || panel.gaugeMax != defaults.gaugeMax)
        object.insert(QStringLiteral("gauge"),
                      QJsonObject{{QStringLiteral("min"), panel.gaugeMin}, {QStringLiteral("max"), panel.gaugeMax}});
    if (!panel.percentiles.isEmpty()) {
        QJsonArray percentiles;
        for (double p : panel.percentiles)
            percentiles.append(p);
        object.insert(QStringLiteral("percentiles"), percentiles);
    }
    return object;
}

} // namespace

QString panelTypeName(PanelType type)
{
    for (const PanelTypeEntry &entry : kPanelTypes) {
        if (entry.type == type)
            return QString::fromLatin1(entry.name);
    }
    return {};
}

std::optional<PanelType> panelTypeFromName(const QString &name)
{
    for (const PanelTypeEntry &entry : kPanelTypes) {
        if (name == QLatin1String(entry.name))
            return entry.type;
    }
    return std::nullopt;
}

QJsonObject toJson(const DashboardSpec &spec)
{
    QJsonArray panels;
    for (const PanelSpec &panel : spec.panels)
        panels.append(panelToJson(panel));
    QJsonObject object{
        {QStringLiteral("format"), DashboardSpec::kFormatVersion},
        {QStringLiteral("title"), spec.title},
        {QStringLiteral("default_range_ms"), double(spec.defaultRangeMs)},
        {QStringLiteral("refresh_s"), spec.refreshSeconds},
        {QStringLiteral("panels"), panels},
    };
    if (!spec.description.isEmpty())
        object.insert(QStringLiteral("description"), spec.description);
    return object;
}

QByteArray exportDashboard(const DashboardSpec &spec)
{
    return QJsonDocument(toJson(spec)).toJson(QJsonDocument::Indented);
}

Result<DashboardSpec> importDashboard(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error::make(Error::Code::Parse,
                           QStringLiteral("This is not a dashboard file: the JSON is broken at character %1 (%2).")
                               .arg(parseError.offset)
                               .arg(parseError.errorString()));
    if (!document.isObject())
        return Error::make(Error::Code::Parse,
                           QStringLiteral("This is not a dashboard file: it holds no JSON object."));
    return dashboardFromJson(document.object());
}

QString newPanelId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace stackscope::dashboard
