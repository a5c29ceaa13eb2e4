// Polling benchmark (docs/PERFORMANCE.md, section "4. Polling"):
//
//  1. One poll cycle of N services (default 100; a mix of Prometheus scrapes, SendGrid stats, Twilio message,
//     call and usage lists, and AWS CloudWatch) against local HTTP servers that answer in the vendors' documented
//     formats (the recorded responses under tests/data, dates rewritten to the days asked for) after 20-50 ms,
//     like a real API. One HttpClient and one PollScheduler on the main thread, the built-in connectors, samples
//     going to a real encrypted store through StoreService. Measured: wall time of the cycle and until the store
//     has committed, CPU time (process, and per thread), peak RSS, requests, samples. Baselines in the same run:
//     the same services polled one after another (runNow(id), wait, next), and the same cycle with the
//     connectors' per-type request budgets and concurrency limits lifted (what the machinery alone can do).
//  2. Time to map a ~10 MB vendor page with the connectors' pure mapper functions (Twilio Messages page,
//     SendGrid category stats, Prometheus exposition), against parsing the same JSON with nlohmann_json alone
//     (and, for the exposition, a bare line scan).
//
// Usage: bench_poll [--quick] [--services N] [--rounds N] [--servers N] [--page-mb X] [--only cycle|map]
//                   [--dir DIR]
// Prints a table for people and, last, one JSON line for scripts. It measures; it never asserts on time.

#include "connector/connectorregistry.h"
#include "connector/pollscheduler.h"
#include "model/sample.h"
#include "model/serviceconfig.h"
#include "net/httpclient.h"
#include "registration.h"
#include "secrets/securebytes.h"
#include "storage/metricstore.h"
#include "storage/servicerepository.h"
#include "storage/storeservice.h"
#include "storage/workspace.h"
#include "util/clock.h"

#include "expositionparser.h"
#include "prometheusmapper.h"
#include "sendgridmapper.h"
#include "twiliomapper.h"

#include "localhttpserver.h"

#include <nlohmann/json.hpp>

#include <QCoreApplication>
#include <QDate>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QTimeZone>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <vector>

#include <malloc.h>
#include <pthread.h>
#include <sys/resource.h>
#include <time.h>

namespace {

using namespace stackscope;
using test::LocalHttpServer;
using test::RecordedRequest;
using test::ScriptedResponse;

[[noreturn]] void die(const QString &message)
{
    std::fprintf(stderr, "bench_poll: %s\n", qPrintable(message));
    std::fflush(stdout);
    std::exit(1);
}

// ---------------------------------------------------------------------------------------------------------
// Clocks and memory
// ---------------------------------------------------------------------------------------------------------

double nowSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

double clockSeconds(clockid_t id)
{
    timespec ts{};
    if (clock_gettime(id, &ts) != 0)
        return 0.0;
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

double threadCpu()
{
    return clockSeconds(CLOCK_THREAD_CPUTIME_ID);
}

// CPU time of another thread of this process (0 when it cannot be read).
double threadCpu(pthread_t thread)
{
    clockid_t id{};
    if (pthread_getcpuclockid(thread, &id) != 0)
        return 0.0;
    return clockSeconds(id);
}

// User + system CPU time of the whole process (every thread).
double processCpu()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
           + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

long maxRssKb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss; // kilobytes on Linux
}

// A field of /proc/self/status in kB ("VmRSS", "VmHWM"); -1 when unreadable.
long statusKb(const char *field)
{
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(field) + ':';
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

// Resets the kernel's peak-RSS mark (VmHWM) to the current RSS, so each phase gets its own peak.
bool resetPeakRss()
{
    QFile file(QStringLiteral("/proc/self/clear_refs"));
    if (!file.open(QIODevice::WriteOnly))
        return false;
    return file.write("5") == 1;
}

double mb(long kb)
{
    return double(kb) / 1024.0;
}

double median(std::vector<double> values)
{
    if (values.empty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

QByteArray readData(const QString &relative)
{
    QFile file(LocalHttpServer::dataPath(relative));
    if (!file.open(QIODevice::ReadOnly))
        die(QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString()));
    return file.readAll();
}

// ---------------------------------------------------------------------------------------------------------
// Generated vendor pages (documented formats; also used, small, by the local servers)
// ---------------------------------------------------------------------------------------------------------

constexpr char kTwilioAccount[] = "AC00000000000000000000000000000001";

QString rfc2822(const QDateTime &when)
{
    return QLocale::c().toString(when.toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss")) + QStringLiteral(" +0000");
}

// A Twilio 2010-04-01 Messages.json page of about `targetBytes`, every message sent on `day` (1 in 50 the day
// before: the mapper leaves those out). Fields as in twilio_api_v2010.json (api.v2010.account.message).
QByteArray twilioMessagesPage(QDate day, qsizetype targetBytes, int *messages)
{
    static const char *const statuses[] = {"delivered", "delivered", "delivered", "delivered", "sent",
                                           "undelivered", "failed",    "received",  "read",      "queued"};
    static const char *const destinations[] = {"+447700900", "+4915112345", "+3361234", "+1415555", "+9198765",
                                               "+8190123",   "+61412345",   "+5511987", "+34612345", "+1212555"};
    static const int errors[] = {30003, 30005, 30006, 30007, 21610, 30008};
    std::mt19937 rng(20261122);
    const QByteArray account(kTwilioAccount);
    const QByteArray list = "/2010-04-01/Accounts/" + account + "/Messages.json?DateSent%3E="
                            + day.toString(Qt::ISODate).toLatin1() + "&DateSent%3C="
                            + day.toString(Qt::ISODate).toLatin1() + "&PageSize=1000";
    QByteArray out;
    out.reserve(targetBytes + 4096);
    out += "{\"first_page_uri\":\"" + list + "&Page=0\",\"end\":0,\"previous_page_uri\":null,\"messages\":[";
    const QDateTime start(day, QTime(0, 0), QTimeZone::utc());
    int n = 0;
    while (out.size() < targetBytes) {
        const QByteArray sid = "SM" + QByteArray::number(0x5f3759df00000000ULL + quint64(n), 16).rightJustified(32, '0');
        const char *status = statuses[rng() % std::size(statuses)];
        const bool inbound = std::strcmp(status, "received") == 0;
        const bool failed = std::strcmp(status, "undelivered") == 0 || std::strcmp(status, "failed") == 0;
        const qint64 offset = rng() % 50 == 0 ? -qint64(rng() % 86'400) : qint64(rng() % 86'400);
        const QByteArray when = rfc2822(start.addSecs(offset)).toLatin1();
        const QByteArray to = rng() % 20 == 0 ? QByteArray("whatsapp:+447700900123")
                                              : QByteArray(destinations[rng() % std::size(destinations)])
                                                    + QByteArray::number(1000 + rng() % 9000);
        const bool mms = rng() % 25 == 0;
        if (n > 0)
            out += ',';
        out += "{\"account_sid\":\"" + account + "\",\"api_version\":\"2010-04-01\",\"body\":\"Your verification code is "
               + QByteArray::number(100000 + rng() % 900000) + ". It expires in 10 minutes.\",\"date_created\":\"" + when
               + "\",\"date_sent\":\"" + when + "\",\"date_updated\":\"" + when + "\",\"direction\":\""
               + (inbound ? "inbound" : "outbound-api") + "\",\"error_code\":"
               + (failed ? QByteArray::number(errors[rng() % std::size(errors)]) : QByteArray("null"))
               + ",\"error_message\":" + (failed ? QByteArray("\"Unreachable destination handset\"") : QByteArray("null"))
               + ",\"from\":\"" + (inbound ? to : QByteArray("+15005550006")) + "\",\"messaging_service_sid\":"
                 "\"MG00000000000000000000000000000007\",\"num_media\":\"" + (mms ? "1" : "0")
               + "\",\"num_segments\":\"" + QByteArray::number(1 + rng() % 3) + "\",\"price\":\"-0.00790\","
                 "\"price_unit\":\"USD\",\"sid\":\"" + sid + "\",\"status\":\"" + status
               + "\",\"subresource_uris\":{\"media\":\"/2010-04-01/Accounts/" + account + "/Messages/" + sid
               + "/Media.json\"},\"to\":\"" + (inbound ? QByteArray("+15005550006") : to) + "\",\"uri\":\"/2010-04-01/Accounts/"
               + account + "/Messages/" + sid + ".json\"}";
        ++n;
    }
    out += "],\"next_page_uri\":null,\"page\":0,\"page_size\":" + QByteArray::number(n) + ",\"start\":0,\"uri\":\"" + list
           + "&Page=0\"}";
    if (messages)
        *messages = n;
    return out;
}

// A SendGrid GET /v3/categories/stats answer of about `targetBytes`: `categories` categories per day, from
// 2018-01-01 on, every metric of StatsAdvancedGlobalStats present.
QByteArray sendGridCategoryStats(qsizetype targetBytes, int categories, int *entries)
{
    std::mt19937 rng(20180101);
    const QStringList &fields = connectors::sendgrid::statFields();
    QByteArray out;
    out.reserve(targetBytes + 4096);
    out += '[';
    QDate day(2018, 1, 1);
    int n = 0;
    while (out.size() < targetBytes) {
        if (day != QDate(2018, 1, 1))
            out += ',';
        out += "{\"date\":\"" + day.toString(Qt::ISODate).toLatin1() + "\",\"stats\":[";
        for (int c = 0; c < categories; ++c) {
            if (c > 0)
                out += ',';
            out += "{\"type\":\"category\",\"name\":\"campaign-" + QByteArray::number(c) + "\",\"metrics\":{";
            const int requests = int(rng() % 20'000);
            for (qsizetype f = 0; f < fields.size(); ++f) {
                if (f > 0)
                    out += ',';
                out += '"' + fields.at(f).toLatin1() + "\":" + QByteArray::number(f < 3 ? requests : int(rng() % 2000));
            }
            out += "}}";
            ++n;
        }
        out += "]}";
        day = day.addDays(1);
    }
    out += ']';
    if (entries)
        *entries = n;
    return out;
}

// A Prometheus text exposition (0.0.4) of about `targetBytes`: request counters with several labels, latency
// histograms, gauges. About 140 bytes a sample, so 10 MB stays under the connector's 100,000-series cap.
QByteArray prometheusExposition(qsizetype targetBytes)
{
    static const char *const methods[] = {"GET", "POST", "PUT", "DELETE"};
    static const char *const codes[] = {"200", "201", "404", "500"};
    static const char *const buckets[] = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf"};
    QByteArray out;
    out.reserve(targetBytes + 8192);
    int family = 0;
    while (out.size() < targetBytes) {
        const QByteArray app = "orders-api-" + QByteArray::number(family);
        const QByteArray common = "app=\"" + app + "\",instance=\"" + app + "-7f9c4d-xk2lp:8080\",namespace=\"production\"";
        const QByteArray counter = "http_server_requests_total";
        if (family == 0) {
            out += "# HELP " + counter + " Requests handled, by route, method and status.\n# TYPE " + counter + " counter\n";
        }
        for (int route = 0; route < 8; ++route) {
            for (const char *method : methods) {
                for (const char *code : codes)
                    out += counter + '{' + common + ",method=\"" + method + "\",route=\"/api/v1/orders/" + QByteArray::number(route)
                           + "/items\",status=\"" + code + "\"} " + QByteArray::number(route * 1234 + family * 7 + 3) + '\n';
            }
        }
        const QByteArray hist = "http_server_request_duration_seconds_" + QByteArray::number(family);
        out += "# HELP " + hist + " Request latency.\n# TYPE " + hist + " histogram\n";
        for (int route = 0; route < 8; ++route) {
            const QByteArray labels = common + ",route=\"/api/v1/orders/" + QByteArray::number(route) + "/items\"";
            for (int b = 0; b < 10; ++b)
                out += hist + "_bucket{" + labels + ",le=\"" + buckets[b] + "\"} " + QByteArray::number(b * 17 + route) + '\n';
            out += hist + "_sum{" + labels + "} 123.456\n" + hist + "_count{" + labels + "} 170\n";
        }
        out += "# TYPE process_resident_memory_bytes_" + QByteArray::number(family) + " gauge\nprocess_resident_memory_bytes_"
               + QByteArray::number(family) + '{' + common + "} 1.234567e+08\n";
        ++family;
    }
    return out;
}

// ---------------------------------------------------------------------------------------------------------
// The local vendors: LocalHttpServers on a thread of their own, answering every vendor's paths
// ---------------------------------------------------------------------------------------------------------

enum Vendor { Prometheus, SendGrid, Twilio, Aws, VendorCount };
const char *const kVendorNames[VendorCount] = {"prometheus", "sendgrid", "twilio", "aws"};

class Farm : public QObject
{
public:
    std::atomic<qint64> requests[VendorCount] = {};
    std::atomic<qint64> bytes{0};
    std::atomic<qint64> unknown{0};
    int minDelayMs = 20;
    int maxDelayMs = 50;

    // On the farm's thread.
    void setUp(int count)
    {
        m_thread = pthread_self();
        m_twilio.messages[0] = readData(QStringLiteral("twilio/messages_2026-03-02_page0.json"));
        m_twilio.messages[1] = readData(QStringLiteral("twilio/messages_2026-03-02_page1.json"));
        m_twilio.calls = readData(QStringLiteral("twilio/calls_2026-03-02.json"));
        m_twilio.usage[0] = readData(QStringLiteral("twilio/usage_daily_page0.json"));
        m_twilio.usage[1] = readData(QStringLiteral("twilio/usage_daily_page1.json"));
        m_sendGridGlobal = QJsonDocument::fromJson(readData(QStringLiteral("sendgrid/stats_global.json"))).array();
        m_sendGridCategory = QJsonDocument::fromJson(readData(QStringLiteral("sendgrid/stats_category.json"))).array();
        m_promText = readData(QStringLiteral("prometheus/app_text_0.0.4.txt"));
        m_promOpenMetrics = readData(QStringLiteral("prometheus/app_openmetrics_1.0.txt"));
        m_promApp = prometheusExposition(100 * 1024);
        for (const char *ns : {"ec2-page1", "ec2-page2", "cwagent", "lambda", "rds", "s3", "apigateway"})
            m_awsList.insert(QString::fromLatin1(ns), readData(QStringLiteral("aws/listmetrics-%1.json").arg(QLatin1String(ns))));
        m_awsAlarms = readData(QStringLiteral("aws/describealarms.json"));

        for (int i = 0; i < count; ++i) {
            auto *server = new LocalHttpServer(this);
            if (!server->listen())
                die(QStringLiteral("a local server could not listen on 127.0.0.1"));
            server->route("GET", QStringLiteral("/metrics/*"), [this](const RecordedRequest &r) { return prometheus(r); });
            server->route("GET", QStringLiteral("/v3/*"), [this](const RecordedRequest &r) { return sendGrid(r); });
            server->route("GET", QStringLiteral("/2010-04-01/*"), [this](const RecordedRequest &r) { return twilio(r); });
            server->route("POST", QStringLiteral("/"), [this](const RecordedRequest &r) { return aws(r); });
            m_servers.append(server);
            urls.append(server->url());
        }
    }

    // On the farm's thread: the servers record every request; a benchmark must not keep them.
    void forget()
    {
        for (LocalHttpServer *server : std::as_const(m_servers))
            server->clearRequests();
    }

    void tearDown()
    {
        qDeleteAll(m_servers);
        m_servers.clear();
    }

    void resetCounters()
    {
        for (auto &count : requests)
            count = 0;
        bytes = 0;
        unknown = 0;
    }

    qint64 totalRequests() const
    {
        qint64 total = 0;
        for (const auto &count : requests)
            total += count;
        return total;
    }

    QList<QUrl> urls;
    pthread_t thread() const { return m_thread; }

private:
    ScriptedResponse answer(Vendor vendor, QByteArray body, QByteArray contentType)
    {
        ++requests[vendor];
        bytes += body.size();
        ScriptedResponse response;
        response.status = 200;
        response.headers.append({QByteArrayLiteral("Content-Type"), std::move(contentType)});
        response.body = std::move(body);
        std::uniform_int_distribution<int> delay(minDelayMs, maxDelayMs);
        response.delayMs = maxDelayMs > 0 ? delay(m_rng) : 0;
        return response;
    }

    ScriptedResponse notFound(const RecordedRequest &request)
    {
        ++unknown;
        std::fprintf(stderr, "bench_poll: local server: no answer for %s %s\n", request.method.constData(),
                     request.target.constData());
        return ScriptedResponse::json(404, R"({"message":"not found"})");
    }

    ScriptedResponse prometheus(const RecordedRequest &request)
    {
        if (request.path == QLatin1String("/metrics/text"))
            return answer(Prometheus, m_promText, "text/plain; version=0.0.4; charset=utf-8");
        if (request.path == QLatin1String("/metrics/openmetrics"))
            return answer(Prometheus, m_promOpenMetrics, "application/openmetrics-text; version=1.0.0; charset=utf-8");
        if (request.path == QLatin1String("/metrics/app"))
            return answer(Prometheus, m_promApp, "text/plain; version=0.0.4; charset=utf-8");
        return notFound(request);
    }

    // /v3/stats and /v3/categories/stats: the recorded days, cycled over [start_date, end_date].
    ScriptedResponse sendGrid(const RecordedRequest &request)
    {
        const bool category = request.path == QLatin1String("/v3/categories/stats");
        if (!category && request.path != QLatin1String("/v3/stats"))
            return notFound(request);
        const QDate first = QDate::fromString(request.query.queryItemValue(QStringLiteral("start_date")), Qt::ISODate);
        const QDate last = QDate::fromString(request.query.queryItemValue(QStringLiteral("end_date")), Qt::ISODate);
        if (!first.isValid() || !last.isValid() || last < first)
            return notFound(request);
        const QString key = (category ? QStringLiteral("c") : QStringLiteral("g")) + first.toString(Qt::ISODate)
                            + last.toString(Qt::ISODate);
        QByteArray body = m_cache.value(key);
        if (body.isEmpty()) {
            const QJsonArray &recorded = category ? m_sendGridCategory : m_sendGridGlobal;
            QJsonArray days;
            int i = 0;
            for (QDate day = first; day <= last; day = day.addDays(1), ++i) {
                QJsonObject entry = recorded.at(i % recorded.size()).toObject();
                entry.insert(QStringLiteral("date"), day.toString(Qt::ISODate));
                days.append(entry);
            }
            body = QJsonDocument(days).toJson(QJsonDocument::Compact);
            m_cache.insert(key, body);
        }
        return answer(SendGrid, body, "application/json");
    }

    // The recorded Messages, Calls and Usage pages of 2026-03-01/02, moved to the days asked for.
    ScriptedResponse twilio(const RecordedRequest &request)
    {
        static const QRegularExpression dayPattern(QStringLiteral("(\\d{4}-\\d{2}-\\d{2})"));
        static const QRegularExpression pagePattern(QStringLiteral("[?&]Page=(\\d+)"));
        const QString target = QString::fromLatin1(request.target);
        const QRegularExpressionMatch page = pagePattern.match(target);
        const int pageNo = page.hasMatch() ? page.captured(1).toInt() : 0;
        const QString prefix = QStringLiteral("/2010-04-01/Accounts/") + QLatin1String(kTwilioAccount) + QLatin1Char('/');
        if (!request.path.startsWith(prefix) || pageNo > 1)
            return notFound(request);
        const QString list = request.path.mid(prefix.size());
        QString key = list + QString::number(pageNo);
        QList<QDate> days;
        for (auto it = dayPattern.globalMatch(target); it.hasNext();) {
            const QDate day = QDate::fromString(it.next().captured(1), Qt::ISODate);
            days.append(day);
            key += day.toString(Qt::ISODate);
        }
        if (days.isEmpty())
            return notFound(request);
        QByteArray body = m_cache.value(key);
        if (body.isEmpty()) {
            auto moveDay = [](QByteArray text, QDate from, QDate to) {
                const QDateTime fromTime(from, QTime(0, 0), QTimeZone::utc());
                const QDateTime toTime(to, QTime(0, 0), QTimeZone::utc());
                text.replace(from.toString(Qt::ISODate).toLatin1(), to.toString(Qt::ISODate).toLatin1());
                // "Mon, 02 Mar 2026": the RFC 2822 dates Twilio writes.
                text.replace(rfc2822(fromTime).left(16).toLatin1(), rfc2822(toTime).left(16).toLatin1());
                return text;
            };
            if (list == QLatin1String("Messages.json"))
                body = moveDay(m_twilio.messages[pageNo], QDate(2026, 3, 2), days.first());
            else if (list == QLatin1String("Calls.json") && pageNo == 0)
                body = moveDay(m_twilio.calls, QDate(2026, 3, 2), days.first());
            else if (list == QLatin1String("Usage/Records/Daily.json")) {
                // StartDate=2026-03-01 -> the first day asked for, EndDate=2026-03-02 -> the last.
                const QDate from = days.first();
                const QDate to = days.size() > 1 ? days.at(1) : from;
                body = m_twilio.usage[pageNo];
                body.replace("2026-03-02", "@END@");
                body = moveDay(body, QDate(2026, 3, 1), from);
                body.replace("@END@", to.toString(Qt::ISODate).toLatin1());
            } else {
                return notFound(request);
            }
            m_cache.insert(key, body);
        }
        return answer(Twilio, body, "application/json; charset=utf-8");
    }

    // CloudWatch's JSON 1.0 protocol, by X-Amz-Target. The signature is not checked here.
    ScriptedResponse aws(const RecordedRequest &request)
    {
        const QByteArray target = request.header("X-Amz-Target");
        const QJsonObject body = QJsonDocument::fromJson(request.body).object();
        const QByteArray type = "application/x-amz-json-1.0";
        if (target.endsWith(".ListMetrics")) {
            const QString ns = body.value(QStringLiteral("Namespace")).toString();
            QString file;
            if (ns == QLatin1String("AWS/EC2"))
                file = body.value(QStringLiteral("NextToken")).toString().isEmpty() ? QStringLiteral("ec2-page1")
                                                                                   : QStringLiteral("ec2-page2");
            else if (ns == QLatin1String("CWAgent"))
                file = QStringLiteral("cwagent");
            else if (ns == QLatin1String("AWS/Lambda"))
                file = QStringLiteral("lambda");
            else if (ns == QLatin1String("AWS/RDS"))
                file = QStringLiteral("rds");
            else if (ns == QLatin1String("AWS/S3"))
                file = QStringLiteral("s3");
            else if (ns == QLatin1String("AWS/ApiGateway"))
                file = QStringLiteral("apigateway");
            if (!m_awsList.contains(file))
                return answer(Aws, R"({"Metrics":[]})", type);
            return answer(Aws, m_awsList.value(file), type);
        }
        if (target.endsWith(".DescribeAlarms"))
            return answer(Aws, m_awsAlarms, type);
        if (target.endsWith(".GetMetricData")) {
            // Query i gets the value i + 1 at every period from StartTime until now.
            const qint64 start = body.value(QStringLiteral("StartTime")).toInteger();
            const qint64 end = std::min<qint64>(body.value(QStringLiteral("EndTime")).toInteger(),
                                                QDateTime::currentSecsSinceEpoch());
            QJsonArray results;
            for (const QJsonValue &query : body.value(QStringLiteral("MetricDataQueries")).toArray()) {
                const QString id = query.toObject().value(QStringLiteral("Id")).toString();
                const qint64 period = query.toObject()
                                          .value(QStringLiteral("MetricStat")).toObject()
                                          .value(QStringLiteral("Period")).toInteger();
                QJsonArray timestamps, values;
                for (qint64 ts = start; period > 0 && ts < end; ts += period) {
                    timestamps.append(ts);
                    values.append(id.mid(1).toDouble() + 1);
                }
                results.append(QJsonObject{{QStringLiteral("Id"), id}, {QStringLiteral("Timestamps"), timestamps},
                                           {QStringLiteral("Values"), values},
                                           {QStringLiteral("StatusCode"), QStringLiteral("Complete")}});
            }
            const QJsonObject reply{{QStringLiteral("MetricDataResults"), results},
                                    {QStringLiteral("Messages"), QJsonArray{}}};
            return answer(Aws, QJsonDocument(reply).toJson(QJsonDocument::Compact), type);
        }
        return notFound(request);
    }

    QList<LocalHttpServer *> m_servers;
    std::mt19937 m_rng{424242};
    pthread_t m_thread{};
    QHash<QString, QByteArray> m_cache;
    struct
    {
        QByteArray messages[2];
        QByteArray calls;
        QByteArray usage[2];
    } m_twilio;
    QJsonArray m_sendGridGlobal;
    QJsonArray m_sendGridCategory;
    QByteArray m_promText;
    QByteArray m_promOpenMetrics;
    QByteArray m_promApp;
    QHash<QString, QByteArray> m_awsList;
    QByteArray m_awsAlarms;
};

// Runs `job` on `object`'s thread and waits for it.
void runOn(QObject *object, const std::function<void()> &job)
{
    QMetaObject::invokeMethod(object, job, Qt::BlockingQueuedConnection);
}

// ---------------------------------------------------------------------------------------------------------
// Services and connectors
// ---------------------------------------------------------------------------------------------------------

// A built-in connector with its type's request budget and concurrency limit lifted: every service as if it
// were a separate account on a separate host. Shows what the scheduler, HttpClient and store do on their own.
class Unlimited final : public connector::Connector
{
public:
    explicit Unlimited(std::unique_ptr<connector::Connector> inner) : m_inner(std::move(inner)), m_info(m_inner->info())
    {
        m_info.budget = connector::RequestBudget{1'000'000, std::chrono::seconds(60), 100'000};
    }
    const connector::ConnectorInfo &info() const override { return m_info; }
    void testConnection(connector::FetchSession &session, TestDone done) override
    {
        m_inner->testConnection(session, std::move(done));
    }
    void fetch(connector::FetchSession &session, const connector::FetchWindow &window, FetchDone done) override
    {
        m_inner->fetch(session, window, std::move(done));
    }

private:
    std::unique_ptr<connector::Connector> m_inner;
    connector::ConnectorInfo m_info;
};

struct Mix
{
    int count[VendorCount] = {};
    int total() const { return count[Prometheus] + count[SendGrid] + count[Twilio] + count[Aws]; }
    QString describe() const
    {
        return QStringLiteral("%1 Prometheus, %2 SendGrid, %3 Twilio, %4 AWS")
            .arg(count[Prometheus]).arg(count[SendGrid]).arg(count[Twilio]).arg(count[Aws]);
    }
};

// Of 100 services: 65 Prometheus scrapes, 20 SendGrid, 10 Twilio, 5 AWS. At 100 this fits every type's
// request budget within one cycle (see the docs), so every service completes.
Mix mixFor(int services)
{
    Mix mix;
    mix.count[Aws] = int(std::lround(services * 0.05));
    mix.count[Twilio] = int(std::lround(services * 0.10));
    mix.count[SendGrid] = int(std::lround(services * 0.20));
    mix.count[Prometheus] = std::max(0, services - mix.count[Aws] - mix.count[Twilio] - mix.count[SendGrid]);
    return mix;
}

std::shared_ptr<const secrets::SecureBytes> secret(const QByteArray &value)
{
    return std::make_shared<const secrets::SecureBytes>(QByteArrayView(value));
}

struct ServicePlan
{
    ServiceConfig config;
    connector::CredentialMap credentials;
    Vendor vendor = Prometheus;
};

QList<ServicePlan> planServices(const Mix &mix, const QList<QUrl> &servers)
{
    QList<ServicePlan> plans;
    int index = 0;
    auto add = [&](Vendor vendor, int nth) {
        ServicePlan plan;
        plan.vendor = vendor;
        ServiceConfig &config = plan.config;
        const QUrl server = servers.at(index % servers.size());
        config.project = QStringLiteral("bench");
        config.type = QString::fromLatin1(kVendorNames[vendor]);
        config.name = QStringLiteral("%1-%2").arg(config.type).arg(nth, 3, 10, QLatin1Char('0'));
        const QByteArray n = QByteArray::number(index);
        switch (vendor) {
        case Prometheus: {
            // 1 in 5 a 100 KB application exposition (about 800 series), the rest the small recorded ones.
            const char *path = nth % 5 == 4 ? "/metrics/app" : nth % 2 ? "/metrics/openmetrics" : "/metrics/text";
            QUrl url = server;
            url.setPath(QString::fromLatin1(path));
            config.settings.insert(QStringLiteral("url"), url.toString());
            config.settings.insert(QStringLiteral("job"), config.name);
            plan.credentials[QStringLiteral("bearer_token")] = secret("fake-bearer-token-" + n);
            break;
        }
        case SendGrid:
            config.baseUrl = server;
            if (nth % 4 == 3) // 1 in 4 also reads two categories: a second request
                config.settings.insert(QStringLiteral("categories"), QStringLiteral("welcome, password reset"));
            plan.credentials[QStringLiteral("api_key")] = secret("SG.fakefakefakefake." + n);
            break;
        case Twilio:
            config.baseUrl = server;
            config.settings.insert(QStringLiteral("account_sid"), QString::fromLatin1(kTwilioAccount));
            if (nth % 2) // half read messages only; half usage, messages and calls
                config.settings.insert(QStringLiteral("resources"), QStringLiteral("messages"));
            plan.credentials[QStringLiteral("auth_token")] = secret("0123456789abcdef0123456789abcd" + n.right(2).rightJustified(2, '0'));
            break;
        case Aws:
            config.baseUrl = server;
            config.settings.insert(QStringLiteral("region"), QStringLiteral("eu-west-1"));
            plan.credentials[QStringLiteral("access_key_id")] = secret("AKIAFAKEBENCH" + n.rightJustified(7, '0'));
            plan.credentials[QStringLiteral("secret_access_key")] = secret("fake/Secret+AccessKey/bench0000000000000" + n);
            break;
        case VendorCount:
            break;
        }
        plans.append(plan);
        ++index;
    };
    // Interleaved, as a user adds them over time.
    int left[VendorCount];
    for (int v = 0; v < VendorCount; ++v)
        left[v] = mix.count[v];
    int nth[VendorCount] = {};
    while (left[Prometheus] + left[SendGrid] + left[Twilio] + left[Aws] > 0) {
        for (int v = 0; v < VendorCount; ++v) {
            // Prometheus gets several slots per round so the types stay spread over the whole list.
            const int slots = v == Prometheus ? 3 : 1;
            for (int s = 0; s < slots && left[v] > 0; ++s, --left[v])
                add(Vendor(v), nth[v]++);
        }
    }
    return plans;
}

// ---------------------------------------------------------------------------------------------------------
// 1. The poll cycle
// ---------------------------------------------------------------------------------------------------------

enum class Mode { Concurrent, ConcurrentUnlimited, Serial };

const char *modeName(Mode mode)
{
    switch (mode) {
    case Mode::Concurrent: return "concurrent";
    case Mode::ConcurrentUnlimited: return "concurrentUnlimited";
    case Mode::Serial: return "serial";
    }
    return "";
}

struct Phase
{
    Mode mode = Mode::Concurrent;
    double cycleWall = 0;   // runNow() -> cycleFinished (serial: sum over services, incl. the waits between)
    double totalWall = 0;   // runNow() -> the store has committed every sample and health update
    double processCpu = 0;  // every thread
    double mainCpu = 0;     // scheduler, connectors, mappers, HttpClient's main-thread side
    double serverCpu = 0;   // the local servers (not the product)
    double storeCpu = 0;    // store thread: ingest, rollups, encryption, health saves
    qint64 requests[VendorCount] = {};
    qint64 bytesServed = 0;
    qint64 unknownRequests = 0;
    qint64 samples = 0;     // handed to the store (samplesFetched)
    qint64 written = 0;     // inserted or replaced (StoreService::samplesStored)
    qint64 transactions = 0;
    int ok = 0, partial = 0, failed = 0;
    long rssBeforeKb = 0, rssAfterKb = 0, peakKb = 0;
    double lastDone[VendorCount] = {}; // seconds after the start when the type's last service finished
    double medianDone[VendorCount] = {};
    QStringList errors;

    qint64 totalRequests() const { return requests[0] + requests[1] + requests[2] + requests[3]; }
    double clientCpu() const { return processCpu - serverCpu; }

    QJsonObject toJson() const
    {
        QJsonObject perType;
        for (int v = 0; v < VendorCount; ++v)
            perType.insert(QLatin1String(kVendorNames[v]),
                           QJsonObject{{QStringLiteral("requests"), requests[v]},
                                       {QStringLiteral("lastDoneS"), lastDone[v]},
                                       {QStringLiteral("medianDoneS"), medianDone[v]}});
        return QJsonObject{{QStringLiteral("cycleWallS"), cycleWall},
                           {QStringLiteral("toCommitWallS"), totalWall},
                           {QStringLiteral("processCpuS"), processCpu},
                           {QStringLiteral("clientCpuS"), clientCpu()},
                           {QStringLiteral("mainThreadCpuS"), mainCpu},
                           {QStringLiteral("storeThreadCpuS"), storeCpu},
                           {QStringLiteral("serverThreadCpuS"), serverCpu},
                           {QStringLiteral("requests"), totalRequests()},
                           {QStringLiteral("bytesServed"), bytesServed},
                           {QStringLiteral("samples"), samples},
                           {QStringLiteral("samplesWritten"), written},
                           {QStringLiteral("transactions"), transactions},
                           {QStringLiteral("ok"), ok},
                           {QStringLiteral("partial"), partial},
                           {QStringLiteral("failed"), failed},
                           {QStringLiteral("rssBeforeMb"), mb(rssBeforeKb)},
                           {QStringLiteral("rssAfterMb"), mb(rssAfterKb)},
                           {QStringLiteral("peakRssMb"), mb(peakKb)},
                           {QStringLiteral("perType"), perType}};
    }
};

struct CycleContext
{
    storage::StoreService *store = nullptr;
    Farm *farm = nullptr;
    pthread_t storeThread{};
    const connector::ConnectorRegistry *shipped = nullptr;
    const connector::ConnectorRegistry *unlimited = nullptr;
    QList<ServicePlan> plans;
    QHash<qint64, Vendor> vendorOf;
    bool hwmResettable = false;
};

// Steady state: each service succeeded one interval ago (no backfill), so a poll re-reads one interval (and
// whatever its connector always re-reads: SendGrid the last 3 days, Twilio yesterday and today).
QList<connector::ScheduledService> scheduledServices(const QList<ServicePlan> &plans)
{
    const qint64 now = Clock::system().nowMs();
    QList<connector::ScheduledService> services;
    for (const ServicePlan &plan : plans) {
        connector::ScheduledService service;
        service.config = plan.config;
        service.credentials = plan.credentials;
        service.health.state = ServiceHealth::State::Ok;
        const qint64 interval = std::chrono::duration_cast<std::chrono::milliseconds>(plan.config.interval).count();
        service.health.lastSuccessMs = now - interval;
        service.health.lastAttemptMs = now - interval;
        service.health.nextRunMs = now;
        services.append(service);
    }
    return services;
}

Phase runPhase(CycleContext &ctx, Mode mode)
{
    Phase phase;
    phase.mode = mode;
    // Prometheus stamps samples with the scrape's second: start in a new second, so every run's scrapes are new
    // samples rather than repeats of the previous run's.
    QThread::msleep(static_cast<unsigned long>(1005 - Clock::system().nowMs() % 1000));
    runOn(ctx.farm, [farm = ctx.farm] { farm->forget(); });
    ctx.farm->resetCounters();
    if (ctx.hwmResettable)
        resetPeakRss();
    phase.rssBeforeKb = statusKb("VmRSS");

    const QList<connector::ScheduledService> services = scheduledServices(ctx.plans);
    net::HttpClient http;
    connector::PollScheduler scheduler(mode == Mode::ConcurrentUnlimited ? *ctx.unlimited : *ctx.shipped, http,
                                       Clock::system());
    scheduler.setServices(services);

    std::map<qint64, double> doneAt;
    const double cpu0 = processCpu();
    const double main0 = threadCpu();
    const double server0 = threadCpu(ctx.farm->thread());
    const double store0 = threadCpu(ctx.storeThread);
    const double start = nowSeconds();

    QObject scope; // the connections below end with this phase
    QObject::connect(&scheduler, &connector::PollScheduler::samplesFetched, &scope,
                     [&ctx, &phase](qint64, const SampleBatch &samples) {
                         phase.samples += samples.size();
                         ctx.store->ingest(samples);
                     });
    QObject::connect(&scheduler, &connector::PollScheduler::healthChanged, &scope,
                     [&ctx, &doneAt, start](qint64 id, const ServiceHealth &health, const QJsonObject &cursor) {
                         doneAt[id] = nowSeconds() - start;
                         ctx.store->run([id, health, cursor](storage::MetricStore &store) {
                             (void)store.services().saveHealth(id, health, cursor);
                         });
                     });
    QObject::connect(ctx.store, &storage::StoreService::samplesStored, &scope, [&phase](qint64 count) {
        phase.written += count;
        ++phase.transactions;
    });

    // One cycle: everything at once, or one service after the other.
    auto waitCycle = [&scheduler](const std::function<void()> &kick) {
        QEventLoop loop;
        bool finished = false;
        const QMetaObject::Connection c = QObject::connect(&scheduler, &connector::PollScheduler::cycleFinished, &loop,
                                                           [&] {
                                                               if (scheduler.isBusy())
                                                                   return;
                                                               finished = true;
                                                               loop.quit();
                                                           });
        QTimer::singleShot(std::chrono::minutes(6), &loop, &QEventLoop::quit);
        kick();
        if (!finished)
            loop.exec();
        QObject::disconnect(c);
        return finished;
    };
    if (mode == Mode::Serial) {
        for (const connector::ScheduledService &service : services) {
            const qint64 id = service.config.id;
            if (!waitCycle([&scheduler, id] { scheduler.runNow(id); }))
                die(QStringLiteral("service %1 did not finish within 6 minutes").arg(id));
        }
    } else if (!waitCycle([&scheduler] { scheduler.runNow(); })) {
        die(QStringLiteral("the cycle did not finish within 6 minutes"));
    }
    phase.cycleWall = nowSeconds() - start;

    // The store has committed when a job queued after every ingest and health update runs.
    {
        QEventLoop loop;
        bool committed = false;
        QObject *target = &loop;
        ctx.store->run([target, &committed, &loop](storage::MetricStore &) {
            QMetaObject::invokeMethod(target, [&committed, &loop] {
                committed = true;
                loop.quit();
            }, Qt::QueuedConnection);
        });
        if (!committed)
            loop.exec();
    }
    phase.totalWall = nowSeconds() - start;
    phase.processCpu = processCpu() - cpu0;
    phase.mainCpu = threadCpu() - main0;
    phase.serverCpu = threadCpu(ctx.farm->thread()) - server0;
    phase.storeCpu = threadCpu(ctx.storeThread) - store0;
    phase.rssAfterKb = statusKb("VmRSS");
    phase.peakKb = statusKb("VmHWM");
    for (int v = 0; v < VendorCount; ++v)
        phase.requests[v] = ctx.farm->requests[v];
    phase.bytesServed = ctx.farm->bytes;
    phase.unknownRequests = ctx.farm->unknown;

    std::vector<double> done[VendorCount];
    for (qint64 id : scheduler.serviceIds()) {
        const auto health = scheduler.health(id);
        if (!health || health->state != ServiceHealth::State::Ok) {
            ++phase.failed;
            if (health && phase.errors.size() < 5)
                phase.errors.append(QStringLiteral("service %1 (%2): %3")
                                        .arg(id).arg(QLatin1String(kVendorNames[ctx.vendorOf.value(id)]), health->lastError));
        } else if (!health->caughtUp) {
            ++phase.partial;
        } else {
            ++phase.ok;
        }
        done[ctx.vendorOf.value(id)].push_back(doneAt.count(id) ? doneAt.at(id) : 0.0);
    }
    for (int v = 0; v < VendorCount; ++v) {
        phase.lastDone[v] = done[v].empty() ? 0.0 : *std::max_element(done[v].begin(), done[v].end());
        phase.medianDone[v] = median(done[v]);
    }
    return phase;
}

// The round whose wall time is the median (so a row's figures belong together).
Phase medianPhase(std::vector<Phase> phases)
{
    std::sort(phases.begin(), phases.end(), [](const Phase &a, const Phase &b) { return a.totalWall < b.totalWall; });
    return phases.at(phases.size() / 2);
}

double medianOf(const std::vector<Phase> &phases, double Phase::*field)
{
    std::vector<double> values;
    for (const Phase &phase : phases)
        values.push_back(phase.*field);
    return median(values);
}

struct Options
{
    bool quick = false;
    int services = 100;
    int rounds = 3;
    int servers = 4;
    double pageMb = 10.0;
    int mapRounds = 5;
    QString only;
    QString dir;
};

void benchCycle(const Options &options, const QString &root, QJsonObject &json)
{
    // The store: a real encrypted workspace, the services registered as `service add` would.
    const secrets::SecureBytes key = secrets::SecureBytes::random(32);
    storage::WorkspaceInfo info;
    info.name = QStringLiteral("bench_poll");
    auto created = storage::Workspace::create(QDir(root).filePath(QStringLiteral("ws")), key, info);
    if (!created)
        die(QStringLiteral("cannot create the workspace: %1").arg(created.error().userMessage));
    std::unique_ptr<storage::MetricStore> store = std::move(created).value();

    // The local vendors.
    QThread farmThread;
    farmThread.setObjectName(QStringLiteral("bench-servers"));
    auto *farm = new Farm;
    farm->moveToThread(&farmThread);
    farmThread.start();
    runOn(farm, [farm, n = options.servers] { farm->setUp(n); });

    connector::ConnectorRegistry shipped;
    connectors::registerBuiltInConnectors(shipped);
    connector::ConnectorRegistry unlimited;
    for (const connector::ConnectorInfo *type : shipped.all()) {
        const QString id = type->typeId;
        unlimited.add([&shipped, id] { return std::make_unique<Unlimited>(shipped.create(id)); });
    }

    CycleContext ctx;
    ctx.farm = farm;
    ctx.shipped = &shipped;
    ctx.unlimited = &unlimited;
    ctx.hwmResettable = resetPeakRss();
    const Mix mix = mixFor(options.services);
    ctx.plans = planServices(mix, farm->urls);
    for (ServicePlan &plan : ctx.plans) {
        const connector::ConnectorInfo *type = shipped.info(plan.config.type);
        if (!type)
            die(QStringLiteral("this build has no %1 connector").arg(plan.config.type));
        plan.config.interval = type->defaultInterval;
        auto added = store->services().add(plan.config);
        if (!added)
            die(QStringLiteral("cannot add a service: %1").arg(added.error().userMessage));
        plan.config = added.value();
        ctx.vendorOf.insert(plan.config.id, plan.vendor);
    }
    for (const connector::ConnectorInfo *type : shipped.all()) {
        for (const connector::MetricSpec &metric : type->metrics)
            (void)store->describeMetric({metric.name, metric.unit, metric.kind, metric.description});
    }
    storage::StoreService service(std::move(store));
    ctx.store = &service;
    {
        QEventLoop loop;
        bool known = false;
        QObject *target = &loop;
        service.run([&ctx, target, &known, &loop](storage::MetricStore &) {
            ctx.storeThread = pthread_self();
            QMetaObject::invokeMethod(target, [&known, &loop] {
                known = true;
                loop.quit();
            }, Qt::QueuedConnection);
        });
        if (!known)
            loop.exec();
    }

    std::printf("\n1. One poll cycle: %d services (%s) on %d local HTTP servers (127.0.0.1, HTTP/1.1 keep-alive).\n"
                "   Every answer waits %d-%d ms (uniform, like a real API) and is a vendor's documented format.\n"
                "   Steady state: each service last succeeded one interval ago. Store: encrypted workspace, StoreService.\n",
                mix.total(), qPrintable(mix.describe()), options.servers, farm->minDelayMs, farm->maxDelayMs);
    std::fflush(stdout);

    // Warm-up (not reported): the first cycle inserts every series; later ones re-send the overlap, as in
    // steady state. It also warms up the code paths and the store's page cache.
    const long rssStart = statusKb("VmRSS");
    const Phase warmUp = runPhase(ctx, Mode::Concurrent);
    std::printf("   warm-up: concurrent %.2f s, %lld samples, %lld written\n", warmUp.totalWall,
                static_cast<long long>(warmUp.samples), static_cast<long long>(warmUp.written));
    std::vector<Phase> concurrent, unlimitedRuns, serial;
    std::vector<long> rssAfterConcurrent;
    std::vector<double> heapAfterConcurrent; // malloc'd bytes in use (MB): tells caches and leaks from fragmentation
    for (int round = 0; round < options.rounds; ++round) {
        concurrent.push_back(runPhase(ctx, Mode::Concurrent));
        rssAfterConcurrent.push_back(concurrent.back().rssAfterKb);
        heapAfterConcurrent.push_back(double(mallinfo2().uordblks) / (1024.0 * 1024.0));
        unlimitedRuns.push_back(runPhase(ctx, Mode::ConcurrentUnlimited));
        if (round == 0 || !options.quick)
            serial.push_back(runPhase(ctx, Mode::Serial));
        std::printf("   round %d: concurrent %.2f s, limits lifted %.2f s, serial %.2f s (wall to commit)\n", round + 1,
                    concurrent.back().totalWall, unlimitedRuns.back().totalWall, serial.back().totalWall);
        std::fflush(stdout);
    }
    const long rssEnd = statusKb("VmRSS");

    const Phase c = medianPhase(concurrent);
    const Phase u = medianPhase(unlimitedRuns);
    const Phase s = medianPhase(serial);
    const int n = mix.total();

    std::printf("\n   Median round of %d (figures of one round; wall = runNow() until the store has committed):\n\n",
                options.rounds);
    std::printf("   | run | wall s | cycle s | process CPU s | client CPU s | requests | samples | samples/s | "
                "ok/partial/failed | peak RSS MB | vs serial (wall) | vs serial (client CPU) |\n");
    std::printf("   |---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|\n");
    auto row = [&](const char *name, const Phase &p) {
        std::printf("   | %s | %.2f | %.2f | %.2f | %.2f | %lld | %lld | %.0f | %d/%d/%d | %.0f | %.1fx | %.2fx |\n", name,
                    p.totalWall, p.cycleWall, p.processCpu, p.clientCpu(), static_cast<long long>(p.totalRequests()),
                    static_cast<long long>(p.samples), double(p.samples) / p.totalWall, p.ok, p.partial, p.failed,
                    mb(p.peakKb), s.totalWall / p.totalWall, s.clientCpu() / p.clientCpu());
    };
    row("concurrent, limits as shipped", c);
    row("concurrent, per-type limits lifted", u);
    row("**serial** (runNow(id), wait, next)", s);

    std::printf("\n   Per service (median round): serial wall %.1f ms; client CPU %.2f ms concurrent, %.2f ms serial;\n"
                "   CPU by thread, concurrent: main (scheduler, connectors, mappers) %.2f s, store %.2f s, other %.2f s,\n"
                "   local servers %.2f s (not counted as client). Bytes served per cycle: %.1f MB. Store transactions: "
                "%lld concurrent, %lld serial.\n",
                s.totalWall * 1000.0 / n, c.clientCpu() * 1000.0 / n, s.clientCpu() * 1000.0 / n, c.mainCpu, c.storeCpu,
                c.processCpu - c.mainCpu - c.storeCpu - c.serverCpu, c.serverCpu, double(c.bytesServed) / 1e6,
                static_cast<long long>(c.transactions), static_cast<long long>(s.transactions));
    std::printf("\n   When each type's last service finished (s after runNow(); median service in brackets):\n\n");
    std::printf("   | type | services | requests | concurrent, as shipped | limits lifted | serial |\n");
    std::printf("   |---|---:|---:|---:|---:|---:|\n");
    for (int v = 0; v < VendorCount; ++v)
        std::printf("   | %s | %d | %lld | %.2f (%.2f) | %.2f (%.2f) | %.2f (%.2f) |\n", kVendorNames[v], mix.count[v],
                    static_cast<long long>(c.requests[v]), c.lastDone[v], c.medianDone[v], u.lastDone[v],
                    u.medianDone[v], s.lastDone[v], s.medianDone[v]);
    std::printf("\n   RSS: %.1f MB before the warm-up cycle, %.1f MB after the last (after each concurrent round:",
                mb(rssStart), mb(rssEnd));
    for (long kb : rssAfterConcurrent)
        std::printf(" %.1f", mb(kb));
    std::printf("); process peak (ru_maxrss) %.1f MB.%s\n", mb(maxRssKb()),
                ctx.hwmResettable ? "" : " Peak per run not available (no /proc/self/clear_refs).");
    const QString dbPath = storage::Workspace::databasePath(QDir(root).filePath(QStringLiteral("ws")));
    const double dbMb = double(QFileInfo(dbPath).size() + QFileInfo(dbPath + QStringLiteral("-wal")).size()) / (1024.0 * 1024.0);
    std::printf("   Heap in use (malloc) after each concurrent round:");
    for (double heap : heapAfterConcurrent)
        std::printf(" %.1f", heap);
    std::printf(" MB; database file + WAL now %.1f MB (SQLCipher's page cache holds up to 32 MB of it).\n", dbMb);
    for (const Phase *p : {&c, &u, &s}) {
        if (p->unknownRequests)
            std::printf("   WARNING: %lld requests the local servers could not answer (%s)\n",
                        static_cast<long long>(p->unknownRequests), modeName(p->mode));
        for (const QString &error : p->errors)
            std::printf("   failed in %s: %s\n", modeName(p->mode), qPrintable(error));
    }
    std::fflush(stdout);

    QJsonArray rounds;
    for (std::size_t i = 0; i < concurrent.size(); ++i)
        rounds.append(QJsonObject{{QStringLiteral("concurrentS"), concurrent[i].totalWall},
                                  {QStringLiteral("concurrentCpuS"), concurrent[i].clientCpu()},
                                  {QStringLiteral("unlimitedS"), unlimitedRuns[i].totalWall},
                                  {QStringLiteral("unlimitedCpuS"), unlimitedRuns[i].clientCpu()},
                                  {QStringLiteral("serialS"), i < serial.size() ? serial[i].totalWall : QJsonValue()},
                                  {QStringLiteral("serialCpuS"), i < serial.size() ? serial[i].clientCpu() : QJsonValue()}});
    QJsonObject mixJson;
    for (int v = 0; v < VendorCount; ++v)
        mixJson.insert(QLatin1String(kVendorNames[v]), mix.count[v]);
    json.insert(QStringLiteral("cycle"),
                QJsonObject{{QStringLiteral("services"), n},
                            {QStringLiteral("mix"), mixJson},
                            {QStringLiteral("servers"), options.servers},
                            {QStringLiteral("delayMs"), QJsonArray{farm->minDelayMs, farm->maxDelayMs}},
                            {QStringLiteral("rounds"), rounds},
                            {QStringLiteral("concurrent"), c.toJson()},
                            {QStringLiteral("unlimited"), u.toJson()},
                            {QStringLiteral("serial"), s.toJson()},
                            {QStringLiteral("speedupWall"), s.totalWall / c.totalWall},
                            {QStringLiteral("speedupWallUnlimited"), s.totalWall / u.totalWall},
                            {QStringLiteral("medianConcurrentWallS"), medianOf(concurrent, &Phase::totalWall)},
                            {QStringLiteral("medianSerialWallS"), medianOf(serial, &Phase::totalWall)},
                            {QStringLiteral("clientCpuMsPerServiceConcurrent"), c.clientCpu() * 1000.0 / n},
                            {QStringLiteral("clientCpuMsPerServiceSerial"), s.clientCpu() * 1000.0 / n},
                            {QStringLiteral("wallMsPerServiceSerial"), s.totalWall * 1000.0 / n},
                            {QStringLiteral("rssStartMb"), mb(rssStart)},
                            {QStringLiteral("rssEndMb"), mb(rssEnd)},
                            {QStringLiteral("rssAfterConcurrentMb"), [&] {
                                 QJsonArray a;
                                 for (long kb : rssAfterConcurrent)
                                     a.append(mb(kb));
                                 return a;
                             }()},
                            {QStringLiteral("heapAfterConcurrentMb"), [&] {
                                 QJsonArray a;
                                 for (double heap : heapAfterConcurrent)
                                     a.append(heap);
                                 return a;
                             }()},
                            {QStringLiteral("databaseMb"), dbMb},
                            {QStringLiteral("maxRssMb"), mb(maxRssKb())}});

    runOn(farm, [farm] { farm->tearDown(); });
    farmThread.quit();
    farmThread.wait();
    delete farm;
    // `service` (declared after the farm thread) goes first: it commits what is queued, then stops its thread.
}

// ---------------------------------------------------------------------------------------------------------
// 2. Mapping one large page
// ---------------------------------------------------------------------------------------------------------

struct MapTiming
{
    double cpuMs = 0;
    double wallMs = 0;
    double peakExtraMb = 0; // peak RSS during the first run above the RSS before it (the page excluded)
};

// Median of `rounds` runs (one warm-up first) of `job`, by the calling thread's CPU time and by wall time.
MapTiming timeIt(int rounds, const std::function<void()> &job)
{
    malloc_trim(0); // give back what earlier pages freed, so the peak below is this job's own
    const bool peakKnown = resetPeakRss();
    const long before = statusKb("VmRSS");
    job();
    const double peakExtraMb = peakKnown ? mb(statusKb("VmHWM") - before) : 0.0;
    std::vector<double> cpu, wall;
    for (int i = 0; i < rounds; ++i) {
        const double c0 = threadCpu();
        const double w0 = nowSeconds();
        job();
        wall.push_back((nowSeconds() - w0) * 1000.0);
        cpu.push_back((threadCpu() - c0) * 1000.0);
    }
    return {median(cpu), median(wall), peakExtraMb};
}

void benchMapping(const Options &options, QJsonObject &json)
{
    const qsizetype target = qsizetype(options.pageMb * 1024 * 1024);
    std::printf("\n2. Mapping one %.1f MiB vendor page (median of %d after a warm-up; CPU = this thread's CPU time).\n"
                "   Baseline in the same run: nlohmann::json::parse of the same bytes (what the mappers start with);\n"
                "   for the exposition, a bare scan (split lines, strtod the value).\n\n",
                options.pageMb, options.mapRounds);
    std::printf("   | page | bytes | items | samples | mapper CPU ms | wall ms | MiB/s (CPU) | samples/s (CPU) | "
                "baseline CPU ms | mapper / baseline | peak MB above start |\n");
    std::printf("   |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    QJsonObject out;
    auto report = [&](const char *name, const char *key, const QByteArray &body, qint64 items, const char *itemName,
                      qint64 samples, const MapTiming &mapper, const MapTiming &baseline, const char *baselineName) {
        const double mib = double(body.size()) / (1024.0 * 1024.0);
        std::printf("   | %s | %lld | %lld %s | %lld | %.1f | %.1f | %.1f | %.0f | %.1f | %.2fx | %.0f |\n", name,
                    static_cast<long long>(body.size()), static_cast<long long>(items), itemName,
                    static_cast<long long>(samples), mapper.cpuMs, mapper.wallMs, mib / (mapper.cpuMs / 1000.0),
                    double(samples) / (mapper.cpuMs / 1000.0), baseline.cpuMs, mapper.cpuMs / baseline.cpuMs,
                    mapper.peakExtraMb);
        std::fflush(stdout);
        out.insert(QLatin1String(key),
                   QJsonObject{{QStringLiteral("bytes"), body.size()}, {QStringLiteral("items"), items},
                               {QStringLiteral("samples"), samples}, {QStringLiteral("mapperCpuMs"), mapper.cpuMs},
                               {QStringLiteral("mapperWallMs"), mapper.wallMs},
                               {QStringLiteral("mibPerCpuS"), mib / (mapper.cpuMs / 1000.0)},
                               {QStringLiteral("samplesPerCpuS"), double(samples) / (mapper.cpuMs / 1000.0)},
                               {QStringLiteral("baseline"), QLatin1String(baselineName)},
                               {QStringLiteral("baselineCpuMs"), baseline.cpuMs},
                               {QStringLiteral("baselineWallMs"), baseline.wallMs},
                               {QStringLiteral("ratio"), mapper.cpuMs / baseline.cpuMs},
                               {QStringLiteral("peakAboveStartMb"), mapper.peakExtraMb}});
    };
    auto parseOnly = [](const QByteArray &body) {
        return [&body] {
            const nlohmann::json doc = nlohmann::json::parse(body.constData(), body.constData() + body.size(), nullptr, false);
            if (doc.is_discarded())
                die(QStringLiteral("the generated page is not JSON"));
        };
    };

    // Twilio: one Messages.json page, tallied for its day, then the day's samples.
    {
        const QDate day(2026, 11, 21);
        int messages = 0;
        const QByteArray body = twilioMessagesPage(day, target, &messages);
        qint64 samples = 0, counted = 0;
        const MapTiming mapper = timeIt(options.mapRounds, [&] {
            connectors::twilio::DayTally tally;
            auto page = connectors::twilio::tallyMessagesPage(body, day, tally);
            if (!page)
                die(QStringLiteral("Twilio mapper: %1").arg(page.error().userMessage));
            counted = page->counted;
            samples = connectors::twilio::messageSamples(tally, day).size();
        });
        const MapTiming baseline = timeIt(options.mapRounds, parseOnly(body));
        report("Twilio Messages.json page (tallyMessagesPage + messageSamples)", "twilioMessages", body, messages,
               "messages", samples, mapper, baseline, "nlohmann::json::parse");
        QJsonObject o = out.value(QStringLiteral("twilioMessages")).toObject();
        o.insert(QStringLiteral("messagesOnDay"), counted);
        o.insert(QStringLiteral("messagesPerCpuS"), double(messages) / (mapper.cpuMs / 1000.0));
        out.insert(QStringLiteral("twilioMessages"), o);
    }
    // SendGrid: /v3/categories/stats over many days and 10 categories.
    {
        int entries = 0;
        const QByteArray body = sendGridCategoryStats(target, 10, &entries);
        qint64 samples = 0;
        const MapTiming mapper = timeIt(options.mapRounds, [&] {
            auto mapped = connectors::sendgrid::mapStats(body, connectors::sendgrid::StatsScope::Category);
            if (!mapped)
                die(QStringLiteral("SendGrid mapper: %1").arg(mapped.error().userMessage));
            samples = mapped->size();
        });
        const MapTiming baseline = timeIt(options.mapRounds, parseOnly(body));
        report("SendGrid /v3/categories/stats (mapStats)", "sendgridCategoryStats", body, entries, "day x category",
               samples, mapper, baseline, "nlohmann::json::parse");
    }
    // Prometheus: one text exposition, parsed and mapped (the connector's 100,000-series cap applies).
    {
        const QByteArray body = prometheusExposition(target);
        qint64 lines = 0, parsedSamples = 0, samples = 0;
        double checksum = 0;
        const MapTiming scan = timeIt(options.mapRounds, [&] {
            lines = 0;
            checksum = 0;
            const char *p = body.constData();
            const char *end = p + body.size();
            while (p < end) {
                const char *eol = static_cast<const char *>(std::memchr(p, '\n', std::size_t(end - p)));
                if (!eol)
                    eol = end;
                if (p < eol && *p != '#') {
                    const char *space = eol;
                    while (space > p && space[-1] != ' ')
                        --space;
                    checksum += std::strtod(space, nullptr);
                }
                ++lines;
                p = eol + 1;
            }
        });
        connectors::prometheus::ParseOptions parseOptions;
        parseOptions.maxSamples = 10'000'000;
        const MapTiming parse = timeIt(options.mapRounds, [&] {
            auto parsed = connectors::prometheus::parseExposition(body, connectors::prometheus::ExpositionFormat::PrometheusText,
                                                                   parseOptions);
            if (!parsed)
                die(QStringLiteral("exposition parser: %1").arg(parsed.error().userMessage));
            parsedSamples = qint64(parsed->samples.size());
        });
        connectors::prometheus::ScrapeSettings settings;
        settings.job = QStringLiteral("bench");
        const qint64 scrapeTime = Clock::system().nowMs();
        const MapTiming mapper = timeIt(options.mapRounds, [&] {
            auto mapped = connectors::prometheus::mapScrape(body, "text/plain; version=0.0.4", scrapeTime, settings);
            if (!mapped)
                die(QStringLiteral("Prometheus mapper: %1").arg(mapped.error().userMessage));
            samples = mapped->samples.size();
        });
        report("Prometheus exposition: parseExposition", "prometheusParse", body, lines, "lines", parsedSamples, parse,
               scan, "line scan + strtod");
        report("Prometheus exposition: mapScrape (parse + labels + checks)", "prometheusMap", body, lines, "lines",
               samples, mapper, scan, "line scan + strtod");
        QJsonObject o = out.value(QStringLiteral("prometheusMap")).toObject();
        o.insert(QStringLiteral("vsParse"), mapper.cpuMs / parse.cpuMs);
        out.insert(QStringLiteral("prometheusMap"), o);
        std::printf("\n   mapScrape / parseExposition: %.2fx (checksum %.0f)\n", mapper.cpuMs / parse.cpuMs, checksum);
    }
    json.insert(QStringLiteral("mapping"), out);
}

QString argumentValue(const QStringList &args, const QString &name, const QString &fallback = {})
{
    const qsizetype at = args.indexOf(name);
    return at >= 0 && at + 1 < args.size() ? args.at(at + 1) : fallback;
}

Options parseOptions(const QStringList &args)
{
    if (args.contains(QStringLiteral("--help")) || args.contains(QStringLiteral("-h"))) {
        std::printf("usage: bench_poll [--quick] [--services N] [--rounds N] [--servers N] [--page-mb X]\n"
                    "                  [--only cycle|map] [--dir DIR]\n");
        std::exit(0);
    }
    Options options;
    options.quick = args.contains(QStringLiteral("--quick"));
    if (options.quick) {
        options.services = 20;
        options.rounds = 1;
        options.pageMb = 1.0;
        options.mapRounds = 2;
    }
    options.services = std::max(1, argumentValue(args, QStringLiteral("--services"), QString::number(options.services)).toInt());
    options.rounds = std::max(1, argumentValue(args, QStringLiteral("--rounds"), QString::number(options.rounds)).toInt());
    options.servers = std::max(1, argumentValue(args, QStringLiteral("--servers"), QString::number(options.servers)).toInt());
    options.pageMb = std::max(0.01, argumentValue(args, QStringLiteral("--page-mb"), QString::number(options.pageMb)).toDouble());
    options.only = argumentValue(args, QStringLiteral("--only"));
    options.dir = argumentValue(args, QStringLiteral("--dir"));
    if (!options.only.isEmpty() && options.only != QLatin1String("cycle") && options.only != QLatin1String("map"))
        die(QStringLiteral("--only takes cycle or map"));
    return options;
}

QString cpuModel()
{
    QFile file(QStringLiteral("/proc/cpuinfo"));
    if (file.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : file.readAll().split('\n')) {
            if (line.startsWith("model name"))
                return QString::fromLatin1(line.mid(line.indexOf(':') + 1).trimmed());
        }
    }
    return QStringLiteral("unknown CPU");
}

double loadAverage()
{
    double load[1] = {0};
    return getloadavg(load, 1) == 1 ? load[0] : -1.0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("stackscope.*.info=false\nstackscope.*.debug=false"));
    const Options options = parseOptions(app.arguments());
    if (!secrets::initSodium())
        die(QStringLiteral("libsodium failed to initialise"));
    QTemporaryDir temp(options.dir.isEmpty() ? QDir::tempPath() + QStringLiteral("/bench_poll-XXXXXX")
                                             : QDir(options.dir).filePath(QStringLiteral("bench_poll-XXXXXX")));
    if (!temp.isValid())
        die(QStringLiteral("cannot create a temporary directory: %1").arg(temp.errorString()));

    const QString cpu = cpuModel();
    const int cores = QThread::idealThreadCount();
    const double loadBefore = loadAverage();
    std::printf("Stackscope polling benchmark (%s). Machine: %d x %s; Qt %s; load average %.1f.\n"
                "Ratios against baselines measured in this run matter, not absolute numbers.\n",
                options.quick ? "--quick smoke sizes" : "full sizes", cores, qPrintable(cpu), qVersion(), loadBefore);
    std::fflush(stdout);

    QJsonObject json{{QStringLiteral("benchmark"), QStringLiteral("poll")},
                     {QStringLiteral("quick"), options.quick},
                     {QStringLiteral("machine"), QJsonObject{{QStringLiteral("nproc"), cores},
                                                             {QStringLiteral("cpu"), cpu},
                                                             {QStringLiteral("qt"), QString::fromLatin1(qVersion())},
                                                             {QStringLiteral("loadBefore"), loadBefore}}}};
    const double start = nowSeconds();
    if (options.only.isEmpty() || options.only == QLatin1String("cycle"))
        benchCycle(options, temp.path(), json);
    if (options.only.isEmpty() || options.only == QLatin1String("map"))
        benchMapping(options, json);
    json.insert(QStringLiteral("runSeconds"), nowSeconds() - start);
    json.insert(QStringLiteral("loadAfter"), loadAverage());
    std::printf("\n%s\n", QJsonDocument(json).toJson(QJsonDocument::Compact).constData());
    return 0;
}
