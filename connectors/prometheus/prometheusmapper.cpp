#include "prometheusmapper.h"

#include "ingest/ndjsonsampleparser.h"
#include "net/httpclient.h"

namespace stackscope::connectors::prometheus {

namespace {

// The scheduler adds "project" and "service" to every sample; the store takes at most 64 labels in all.
constexpr qsizetype kMaxExposedLabels = 62;

bool hasControlCharacters(const QString &text)
{
    for (QChar c : text) {
        if (c.category() == QChar::Other_Control)
            return true;
    }
    return false;
}

// Prometheus's rule for a target label that is already exposed: the exposed one becomes exported_<name>.
void moveAside(Labels &labels, const QString &name)
{
    const auto it = labels.constFind(name);
    if (it == labels.cend())
        return;
    QString target = QStringLiteral("exported_") + name;
    while (labels.contains(target))
        target.prepend(QStringLiteral("exported_"));
    const QString value = it.value();
    labels.remove(name);
    labels.insert(target, value);
}

} // namespace

Result<ScrapeSettings> parseSettings(const QMap<QString, QString> &settings, const QUrl &baseUrlOverride)
{
    ScrapeSettings out;
    const QString text = settings.value(QStringLiteral("url")).trimmed();
    if (text.isEmpty())
        return Error::make(Error::Code::Config,
                           QStringLiteral("Set the scrape URL (the url setting), e.g. https://app.example.com/metrics."));
    QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return Error::make(Error::Code::Config, QStringLiteral("The scrape URL \"%1\" is not a valid URL.").arg(text));
    if (url.isRelative()) {
        if (baseUrlOverride.isEmpty())
            return Error::make(Error::Code::Config,
                               QStringLiteral("The scrape URL \"%1\" must be absolute (https://host/metrics).").arg(text));
        url = baseUrlOverride.resolved(url);
    }
    QString why;
    if (!net::HttpClient::isAllowedUrl(url, &why))
        return Error::make(Error::Code::Config,
                           QStringLiteral("The scrape URL %1 cannot be used: %2.").arg(net::HttpClient::redactedUrl(url), why));
    out.url = url;
    out.metricPrefix = settings.value(QStringLiteral("metric_prefix")).trimmed().toUtf8();
    out.job = settings.value(QStringLiteral("job")).trimmed();
    if (hasControlCharacters(out.job) || out.job.size() > 1024)
        return Error::make(Error::Code::Config, QStringLiteral("The job label must be printable text of at most 1024 "
                                                               "characters."));
    return out;
}

Result<ExpositionFormat> formatFromContentType(QByteArrayView contentType)
{
    const qsizetype semicolon = contentType.indexOf(';');
    const QByteArray media =
        (semicolon < 0 ? contentType : contentType.first(semicolon)).trimmed().toByteArray().toLower();
    if (media.isEmpty() || media == "text/plain")
        return ExpositionFormat::PrometheusText;
    if (media == "application/openmetrics-text")
        return ExpositionFormat::OpenMetrics;
    return Error::make(Error::Code::Config,
                       QStringLiteral("The scrape URL answered with Content-Type \"%1\", not a Prometheus or "
                                      "OpenMetrics text exposition; check the URL (it usually ends in /metrics).")
                           .arg(QString::fromLatin1(media.left(100))));
}

Result<ScrapeResult> mapScrape(QByteArrayView body, QByteArrayView contentType, qint64 scrapeTimeMs,
                               const ScrapeSettings &settings)
{
    if (body.size() > kMaxBodyBytes)
        return Error::make(Error::Code::Config,
                           QStringLiteral("The exposition is %1 MiB; Stackscope reads at most %2 MiB per scrape. Expose "
                                          "fewer series, or point the url at a narrower endpoint.")
                               .arg(double(body.size()) / (1024.0 * 1024.0), 0, 'f', 1)
                               .arg(kMaxBodyBytes / (1024 * 1024)));
    auto format = formatFromContentType(contentType);
    if (!format)
        return format.error();
    ParseOptions options;
    options.metricPrefix = settings.metricPrefix;
    options.maxSamples = kMaxSeries;
    auto parsed = parseExposition(body, format.value(), options);
    if (!parsed) {
        Error error = parsed.error();
        error.userMessage = QStringLiteral("The %1 exposition could not be read: %2")
                                .arg(format.value() == ExpositionFormat::OpenMetrics ? QStringLiteral("OpenMetrics")
                                                                                     : QStringLiteral("Prometheus"),
                                     error.userMessage);
        return error;
    }
    Exposition &exposition = parsed.value();

    ScrapeResult result;
    result.format = exposition.format;
    result.families = exposition.families.size();
    result.nonFinite = exposition.nonFinite;
    result.filteredOut = exposition.filteredOut;
    const qint64 scrapeSecond = scrapeTimeMs - (((scrapeTimeMs % 1000) + 1000) % 1000);
    const QString jobLabel = QStringLiteral("job");
    result.samples.reserve(qsizetype(exposition.samples.size()));
    for (ParsedSample &parsedSample : exposition.samples) {
        MetricSample sample;
        sample.metric = std::move(parsedSample.name);
        sample.labels = std::move(parsedSample.labels);
        sample.value = parsedSample.value;
        sample.ts = parsedSample.timestampMs.value_or(scrapeSecond);
        moveAside(sample.labels, QStringLiteral("project"));
        moveAside(sample.labels, QStringLiteral("service"));
        if (!settings.job.isEmpty()) {
            moveAside(sample.labels, jobLabel);
            sample.labels.insert(jobLabel, settings.job);
        }
        Status valid = sample.labels.size() > kMaxExposedLabels
                           ? Status(Error::make(Error::Code::Parse,
                                                QStringLiteral("more than %1 labels").arg(kMaxExposedLabels)))
                           : ingest::validateSample(sample);
        if (!valid) {
            if (result.rejected++ == 0)
                result.firstRejection = QStringLiteral("line %1 (%2): %3")
                                            .arg(parsedSample.line)
                                            .arg(sample.metric.left(100), valid.error().userMessage);
            continue;
        }
        result.samples.append(std::move(sample));
    }
    return result;
}

QString describe(const ScrapeResult &result)
{
    QString text = QStringLiteral("%1 series from %2 families").arg(result.samples.size()).arg(result.families);
    QStringList notes;
    if (result.nonFinite > 0)
        notes << QStringLiteral("%1 NaN/Inf values skipped").arg(result.nonFinite);
    if (result.filteredOut > 0)
        notes << QStringLiteral("%1 outside the metric prefix").arg(result.filteredOut);
    if (result.rejected > 0)
        notes << QStringLiteral("%1 refused, first: %2").arg(result.rejected).arg(result.firstRejection);
    if (!notes.isEmpty())
        text += QStringLiteral(" (") + notes.join(QStringLiteral("; ")) + QLatin1Char(')');
    return text;
}

} // namespace stackscope::connectors::prometheus
