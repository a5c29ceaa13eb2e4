// dashboardFromJson: reads the JSON form written by toJson (dashboardspec.cpp), field by field, refusing
// anything of the wrong type or unknown (a typo in a hand-edited export should not vanish silently), then hands
// the spec to validateDashboard for the checks that need the whole picture (grid, overlaps, thresholds).
#include "dashboard/dashboardspec.h"

#include <QJsonArray>

#include <cmath>
#include <optional>

namespace stackscope::dashboard {

namespace {

constexpr int kMaxPanels = 200;
constexpr int kMaxQueries = 20;

QString jsonTypeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("true/false");
    case QJsonValue::Double: return QStringLiteral("a number");
    case QJsonValue::String: return QStringLiteral("text");
    case QJsonValue::Array: return QStringLiteral("a list");
    case QJsonValue::Object: return QStringLiteral("an object");
    case QJsonValue::Undefined: break;
    }
    return QStringLiteral("nothing");
}

// Reads one JSON object, remembering the first problem in plain words with `where` ("Panel 2 (\"SMS sent\")")
// in front of it. Missing optional fields keep the value the caller passed.
class ObjectReader
{
public:
    ObjectReader(const QJsonObject &object, QString where, std::optional<QString> *error)
        : m_object(object), m_where(std::move(where)), m_error(error)
    {
    }

    bool failed() const { return m_error->has_value(); }

    void fail(const QString &message)
    {
        if (!failed())
            *m_error = m_where.isEmpty() ? message : m_where + QStringLiteral(": ") + message;
    }

    // Refuses keys not in `known`.
    void onlyKnown(std::initializer_list<const char *> known)
    {
        for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it) {
            bool found = false;
            for (const char *key : known)
                found = found || it.key() == QLatin1String(key);
            if (!found) {
                fail(QStringLiteral("unknown field \"%1\".").arg(it.key()));
                return;
            }
        }
    }

    bool has(const char *key) const { return m_object.contains(QLatin1String(key)); }
    QJsonValue value(const char *key) const { return m_object.value(QLatin1String(key)); }

    void string(const char *key, QString &out, bool required = false)
    {
        if (!check(key, QJsonValue::String, QStringLiteral("text"), required))
            return;
        out = value(key).toString();
    }

    void boolean(const char *key, bool &out)
    {
        if (check(key, QJsonValue::Bool, QStringLiteral("true or false"), false))
            out = value(key).toBool();
    }

    void number(const char *key, double &out, bool required = false)
    {
        if (!check(key, QJsonValue::Double, QStringLiteral("a number"), required))
            return;
        out = value(key).toDouble();
    }

    void integer(const char *key, qint64 &out, bool required = false)
    {
        if (!check(key, QJsonValue::Double, QStringLiteral("a whole number"), required))
            return;
        const double v = value(key).toDouble();
        if (std::floor(v) != v || std::abs(v) > 9.0e15) {
            fail(QStringLiteral("\"%1\" must be a whole number, not %2.").arg(QLatin1String(key)).arg(v));
            return;
        }
        out = qint64(v);
    }

    void integer(const char *key, int &out, bool required = false)
    {
        qint64 wide = out;
        integer(key, wide, required);
        if (!failed() && (wide < -1'000'000'000 || wide > 1'000'000'000))
            fail(QStringLiteral("\"%1\" is out of range (%2).").arg(QLatin1String(key)).arg(wide));
        else
            out = int(wide);
    }

    QJsonObject object(const char *key, bool required = false)
    {
        return check(key, QJsonValue::Object, QStringLiteral("an object"), required) ? value(key).toObject()
                                                                                    : QJsonObject();
    }

    QJsonArray array(const char *key, bool required = false)
    {
        return check(key, QJsonValue::Array, QStringLiteral("a list"), required) ? value(key).toArray() : QJsonArray();
    }

    const QString &where() const { return m_where; }

private:
    bool check(const char *key, QJsonValue::Type type, const QString &expected, bool required)
    {
        if (failed())
            return false;
        if (!has(key)) {
            if (required)
                fail(QStringLiteral("the field \"%1\" is missing.").arg(QLatin1String(key)));
            return false;
        }
        const QJsonValue v = value(key);
        if (v.type() != type) {
            fail(QStringLiteral("\"%1\" must be %2, not %3.").arg(QLatin1String(key), expected, jsonTypeName(v)));
            return false;
        }
        return true;
    }

    QJsonObject m_object;
    QString m_where;
    std::optional<QString> *m_error;
};

QString panelWhere(int index, const QJsonObject &panel)
{
    const QString title = panel.value(QStringLiteral("title")).toString();
    return title.isEmpty() ? QStringLiteral("Panel %1").arg(index + 1)
                           : QStringLiteral("Panel %1 (\"%2\")").arg(index + 1).arg(title);
}

PanelQuery readQuery(const QJsonObject &json, const QString &where, std::optional<QString> *error)
{
    ObjectReader r(json, where, error);
    r.onlyKnown({"metric", "labels", "aggregation", "group_by", "legend"});
    PanelQuery query;
    r.string("metric", query.metric, true);
    const QJsonObject labels = r.object("labels");
    for (auto it = labels.constBegin(); it != labels.constEnd() && !r.failed(); ++it) {
        if (!it.value().isString())
            r.fail(QStringLiteral("the label filter \"%1\" must be text, not %2.").arg(it.key(), jsonTypeName(it.value())));
        else
            query.labelFilter.insert(it.key(), it.value().toString());
    }
    QString aggregation = storage::aggregationName(query.aggregation);
    r.string("aggregation", aggregation);
    if (!r.failed()) {
        if (auto parsed = storage::aggregationFromName(aggregation))
            query.aggregation = *parsed;
        else
            r.fail(QStringLiteral("\"%1\" is not an aggregation (use avg, min, max, sum, count or last).").arg(aggregation));
    }
    r.string("group_by", query.groupBy);
    r.string("legend", query.legend);
    return query;
}

PanelSpec readPanel(int index, const QJsonObject &json, std::optional<QString> *error)
{
    ObjectReader r(json, panelWhere(index, json), error);
    r.onlyKnown({"id", "type", "title", "grid", "queries", "unit", "decimals", "thresholds", "stacked", "top_n",
                 "gauge", "percentiles"});
    PanelSpec panel;
    r.string("id", panel.id, true);
    QString type;
    r.string("type", type, true);
    if (!r.failed()) {
        if (auto parsed = panelTypeFromName(type))
            panel.type = *parsed;
        else
            r.fail(QStringLiteral("\"%1\" is not a panel type (use line, area, bar, stat, gauge, table, top_n, "
                                  "percentile or status).").arg(type));
    }
    r.string("title", panel.title);

    ObjectReader grid(r.object("grid", true), r.where() + QStringLiteral(", grid"), error);
    grid.onlyKnown({"x", "y", "w", "h"});
    grid.integer("x", panel.rect.x, true);
    grid.integer("y", panel.rect.y, true);
    grid.integer("w", panel.rect.w, true);
    grid.integer("h", panel.rect.h, true);

    const QJsonArray queries = r.array("queries", true);
    if (queries.size() > kMaxQueries)
        r.fail(QStringLiteral("it has %1 queries; a panel draws at most %2.").arg(queries.size()).arg(kMaxQueries));
    for (int i = 0; i < queries.size() && !r.failed(); ++i) {
        const QString where = r.where() + QStringLiteral(", query %1").arg(i + 1);
        if (!queries.at(i).isObject())
            ObjectReader({}, where, error).fail(QStringLiteral("it must be an object, not %1.").arg(jsonTypeName(queries.at(i))));
        else
            panel.queries.append(readQuery(queries.at(i).toObject(), where, error));
    }

    r.string("unit", panel.unit);
    r.integer("decimals", panel.decimals);
    const QJsonArray thresholds = r.array("thresholds");
    for (int i = 0; i < thresholds.size() && !r.failed(); ++i) {
        ObjectReader t(thresholds.at(i).toObject(), r.where() + QStringLiteral(", threshold %1").arg(i + 1), error);
        if (!thresholds.at(i).isObject()) {
            t.fail(QStringLiteral("it must be an object with \"value\" and \"color\"."));
            break;
        }
        t.onlyKnown({"value", "color"});
        Threshold threshold;
        t.number("value", threshold.value, true);
        t.string("color", threshold.color, true);
        panel.thresholds.append(threshold);
    }
    r.boolean("stacked", panel.stacked);
    r.integer("top_n", panel.topN);
    if (r.has("gauge")) {
        ObjectReader gauge(r.object("gauge"), r.where() + QStringLiteral(", gauge"), error);
        gauge.onlyKnown({"min", "max"});
        gauge.number("min", panel.gaugeMin, true);
        gauge.number("max", panel.gaugeMax, true);
    }
    const QJsonArray percentiles = r.array("percentiles");
    for (int i = 0; i < percentiles.size() && !r.failed(); ++i) {
        if (!percentiles.at(i).isDouble())
            r.fail(QStringLiteral("percentile %1 must be a number, not %2.").arg(i + 1).arg(jsonTypeName(percentiles.at(i))));
        else
            panel.percentiles.append(percentiles.at(i).toDouble());
    }
    return panel;
}

} // namespace

Result<DashboardSpec> dashboardFromJson(const QJsonObject &json)
{
    std::optional<QString> error;
    ObjectReader r(json, QString(), &error);
    const auto refuse = [](const QString &message) {
        return Error::make(Error::Code::Parse, QStringLiteral("The dashboard cannot be read: %1").arg(message));
    };

    qint64 format = 0;
    r.integer("format", format, true);
    if (error)
        return refuse(QStringLiteral("it has no \"format\" number; is this a Stackscope dashboard?"));
    if (format > DashboardSpec::kFormatVersion)
        return Error::make(Error::Code::Parse,
                           QStringLiteral("This dashboard was written by a newer Stackscope (format %1; this version "
                                          "reads format %2). Please update Stackscope.")
                               .arg(format)
                               .arg(DashboardSpec::kFormatVersion));
    if (format < 1)
        return refuse(QStringLiteral("\"format\" %1 is not a dashboard format.").arg(format));

    r.onlyKnown({"format", "title", "description", "default_range_ms", "refresh_s", "panels"});
    DashboardSpec spec;
    r.string("title", spec.title);
    r.string("description", spec.description);
    r.integer("default_range_ms", spec.defaultRangeMs);
    r.integer("refresh_s", spec.refreshSeconds);
    const QJsonArray panels = r.array("panels", true);
    if (panels.size() > kMaxPanels)
        r.fail(QStringLiteral("it has %1 panels; a dashboard holds at most %2.").arg(panels.size()).arg(kMaxPanels));
    for (int i = 0; i < panels.size() && !error; ++i) {
        if (!panels.at(i).isObject()) {
            r.fail(QStringLiteral("panel %1 must be an object, not %2.").arg(i + 1).arg(jsonTypeName(panels.at(i))));
            break;
        }
        spec.panels.append(readPanel(i, panels.at(i).toObject(), &error));
    }
    if (error)
        return refuse(*error);
    if (Status valid = validateDashboard(spec); !valid)
        return valid.error();
    return spec;
}

} // namespace stackscope::dashboard
