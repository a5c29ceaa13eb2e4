// How long the Prometheus/OpenMetrics parser takes for a ~10 MB exposition (docs/connectors/prometheus.md).
// Built by tests/connectors/prometheus/CMakeLists.txt; run by hand:
//   bench_prometheus_parse [megabytes=10] [rounds=5]
#include "expositionparser.h"
#include "prometheusmapper.h"

#include <QByteArray>
#include <QElapsedTimer>

#include <algorithm>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace stackscope::connectors::prometheus;

namespace {

// A realistic mix: request counters with several labels, latency histograms, a few gauges with long values.
QByteArray makeExposition(qsizetype targetBytes)
{
    static const char *const methods[] = {"GET", "POST", "PUT", "DELETE"};
    static const char *const buckets[] = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf"};
    QByteArray out;
    out.reserve(targetBytes + 4096);
    int family = 0;
    while (out.size() < targetBytes) {
        const QByteArray name = "app_http_requests_" + QByteArray::number(family);
        out += "# HELP " + name + "_total Requests handled, by route and status.\n";
        out += "# TYPE " + name + "_total counter\n";
        for (int route = 0; route < 20; ++route) {
            for (const char *method : methods) {
                out += name + "_total{method=\"" + method + "\",route=\"/api/v1/items/" + QByteArray::number(route)
                       + "\",status=\"200\",instance=\"app-7f9c4d-xk2lp:8080\"} " + QByteArray::number(route * 1234 + family)
                       + "\n";
            }
        }
        const QByteArray hist = "app_request_duration_seconds_" + QByteArray::number(family);
        out += "# TYPE " + hist + " histogram\n";
        for (int route = 0; route < 10; ++route) {
            const QByteArray labels = "route=\"/api/v1/items/" + QByteArray::number(route) + "\",method=\"GET\"";
            for (int b = 0; b < 10; ++b)
                out += hist + "_bucket{" + labels + ",le=\"" + buckets[b] + "\"} " + QByteArray::number(b * 17 + route)
                       + "\n";
            out += hist + "_sum{" + labels + "} 123.456\n" + hist + "_count{" + labels + "} 170\n";
        }
        out += "app_build_info{version=\"1.2." + QByteArray::number(family)
               + "\",commit=\"0123456789abcdef0123456789abcdef01234567\"} 1\n";
        ++family;
    }
    return out;
}

} // namespace

int main(int argc, char **argv)
{
    const double megabytes = argc > 1 ? std::atof(argv[1]) : 10.0;
    const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
    const QByteArray body = makeExposition(qsizetype(megabytes * 1024 * 1024));

    ParseOptions options;
    options.maxSamples = 10'000'000; // measure the parser, not the series cap
    // CPU time of this process, so a busy machine does not inflate the numbers; wall time is printed too.
    std::vector<double> parseMs, mapMs, parseWallMs;
    qsizetype series = 0;
    for (int round = 0; round < rounds; ++round) {
        QElapsedTimer timer;
        timer.start();
        const std::clock_t cpu = std::clock();
        const auto parsed = parseExposition(body, ExpositionFormat::PrometheusText, options);
        parseMs.push_back(double(std::clock() - cpu) * 1000.0 / CLOCKS_PER_SEC);
        parseWallMs.push_back(double(timer.nsecsElapsed()) / 1e6);
        if (!parsed) {
            std::fprintf(stderr, "parse failed: %s\n", qPrintable(parsed.error().userMessage));
            return 1;
        }
        series = qsizetype(parsed->samples.size());
    }
    // The mapper adds the label moves and the store's checks, within the 100k-series cap.
    ScrapeSettings settings;
    settings.job = QStringLiteral("bench");
    const QByteArray capped = makeExposition(qsizetype(std::min(megabytes, 10.0) * 1024 * 1024 * 0.6));
    qsizetype mapped = 0;
    for (int round = 0; round < rounds; ++round) {
        const std::clock_t cpu = std::clock();
        const auto result = mapScrape(capped, "text/plain; version=0.0.4", 1767225600000, settings);
        mapMs.push_back(double(std::clock() - cpu) * 1000.0 / CLOCKS_PER_SEC);
        if (!result) {
            std::fprintf(stderr, "map failed: %s\n", qPrintable(result.error().userMessage));
            return 1;
        }
        mapped = result->samples.size();
    }
    std::sort(parseMs.begin(), parseMs.end());
    std::sort(mapMs.begin(), mapMs.end());
    std::sort(parseWallMs.begin(), parseWallMs.end());
    const double mb = double(body.size()) / (1024.0 * 1024.0);
    std::printf("parseExposition: %.1f MiB, %lld series: CPU median %.1f ms (%.0f MiB/s), best %.1f ms; wall median "
                "%.1f ms; %d rounds\n",
                mb, static_cast<long long>(series), parseMs[parseMs.size() / 2],
                mb / (parseMs[parseMs.size() / 2] / 1000.0), parseMs.front(), parseWallMs[parseWallMs.size() / 2],
                rounds);
    std::printf("mapScrape:       %.1f MiB, %lld samples: CPU median %.1f ms, best %.1f ms\n",
                double(capped.size()) / (1024.0 * 1024.0), static_cast<long long>(mapped), mapMs[mapMs.size() / 2],
                mapMs.front());
    return 0;
}
