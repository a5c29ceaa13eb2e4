#pragma once

#include "model/sample.h"
#include "util/result.h"

#include <QDate>
#include <QList>
#include <QMap>
#include <QStringList>
#include <QUrl>

#include <chrono>

// Pure functions for the Mixpanel connector: settings, the query plan and its cost against Mixpanel's hourly
// query limit, and Query API answers to samples. No network, no event loop; every input is untrusted and a bad
// one gives an Error, never a crash.
namespace stackscope::connectors::mixpanel {

inline constexpr char kUsBaseUrl[] = "https://mixpanel.com";
inline constexpr char kEuBaseUrl[] = "https://eu.mixpanel.com";
inline constexpr char kInBaseUrl[] = "https://in.mixpanel.com";

inline constexpr int kQueriesPerHour = 60;   // Query API limit per project (rate-limits.mdx)
inline constexpr int kMaxConcurrentQueries = 5;
inline constexpr int kMaxEvents = 100;       // names in one `event` array (all counted by one query)
inline constexpr int kMaxFunnels = 20;
inline constexpr int kDefaultRetentionDays = 7;
inline constexpr int kMaxRetentionDays = 30;
inline constexpr int kMaxWindowDays = 90;    // how far back one fetch reaches
inline constexpr int kSettleDays = 1;        // event counts: yesterday and today are always read again
inline constexpr int kFunnelSettleDays = 7;  // funnels: conversions of recent days still grow

// Metric names.
inline constexpr char kEvents[] = "mixpanel.events";
inline constexpr char kSegmentEvents[] = "mixpanel.segment.events";
inline constexpr char kFunnelCount[] = "mixpanel.funnel.step.count";
inline constexpr char kFunnelConversion[] = "mixpanel.funnel.step.conversion";
inline constexpr char kFunnelStepConversion[] = "mixpanel.funnel.step.step_conversion";
inline constexpr char kRetentionCohort[] = "mixpanel.retention.cohort_size";
inline constexpr char kRetentionRetained[] = "mixpanel.retention.retained";
inline constexpr char kRetentionRate[] = "mixpanel.retention.rate";

struct Settings
{
    QUrl baseUrl;                // from the region, or the service's override
    QString username;            // service account user name (Basic user)
    QString projectId;
    QString workspaceId;         // optional
    QStringList events;          // counted together by one /events query
    QString segmentEvent;        // the event segmented by segmentProperty (default: the first of `events`)
    QString segmentProperty;
    QList<qint64> funnelIds;
    QString retentionBornEvent;  // birth retention of users who did this event
    QString retentionEvent;      // ... coming back to do this one (empty: any event)
    int retentionDays = kDefaultRetentionDays;
};

Result<Settings> parseSettings(const QMap<QString, QString> &settings, const QUrl &baseUrlOverride);

// The queries one poll sends: one for all events, one for the segmentation, one per funnel, one for retention.
int queriesPerPoll(const Settings &settings);
// Whether `queriesPerPoll` queries every `interval` fit into Mixpanel's 60 queries an hour; if not, the error
// says in plain words how many they would need and what to change.
Status checkQueryBudget(int queriesPerPoll, std::chrono::seconds interval);

struct PlannedQuery
{
    enum class Kind { Events, Segmentation, Funnel, Retention };
    Kind kind = Kind::Events;
    QString key;         // names it in the resume cursor: "events", "segmentation", "funnel:7509", "retention"
    qint64 funnelId = 0;
};
QList<PlannedQuery> plan(const Settings &settings);
// `queries` from the one named `key` on; all of them when none has that key.
QList<PlannedQuery> resumeAt(const QList<PlannedQuery> &queries, const QString &key);

// ["Signup","Export Clicked"], as the `event` parameter of /events wants it.
QString jsonArray(const QStringList &values);
// properties["plan"], quotes and backslashes escaped: the `on` expression of /segmentation.
QString propertyExpression(const QString &property);

// GET /api/query/events answer -> mixpanel.events{event} per day.
Result<SampleBatch> mapEvents(QByteArrayView body);
// GET /api/query/segmentation answer -> mixpanel.segment.events{event, property, segment} per day.
Result<SampleBatch> mapSegmentation(QByteArrayView body, const QString &event, const QString &property);
// GET /api/query/funnels answer -> per day and step: count, overall and step conversion ratios.
Result<SampleBatch> mapFunnel(QByteArrayView body, qint64 funnelId);
// GET /api/query/retention answer -> per cohort day: cohort size, retained users and rate per day after birth.
Result<SampleBatch> mapRetention(QByteArrayView body, const QString &bornEvent, const QString &returnEvent);

struct SavedFunnel
{
    qint64 id = 0;
    QString name;
};
// GET /api/query/funnels/list answer.
Result<QList<SavedFunnel>> mapFunnelList(QByteArrayView body);

// HttpClient's error in Mixpanel's words.
Error explain(Error error);

QDate utcDay(qint64 ms);
qint64 dayStartMs(QDate day);

} // namespace stackscope::connectors::mixpanel
