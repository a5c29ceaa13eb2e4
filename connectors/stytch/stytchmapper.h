#pragma once

#include "model/sample.h"
#include "util/result.h"

#include <QDate>
#include <QMap>
#include <QStringList>
#include <QUrl>

#include <optional>

// Pure functions for the Stytch connector: settings, request bodies and response bodies to samples. No network,
// no event loop; every input is untrusted and a bad one gives an Error, never a crash.
namespace stackscope::connectors::stytch {

inline constexpr char kLiveBaseUrl[] = "https://api.stytch.com";
inline constexpr char kTestBaseUrl[] = "https://test.stytch.com";
inline constexpr int kMaxBackfillDays = 30;    // days of signups read on the first poll
inline constexpr int kSettleDays = 1;          // every poll re-reads today and yesterday
inline constexpr int kMaxSessionUsers = 20;    // users whose sessions are sampled (one request each)

// Metric names.
inline constexpr char kUsersTotal[] = "stytch.users.total";
inline constexpr char kOrganizationsTotal[] = "stytch.organizations.total";
inline constexpr char kMembersTotal[] = "stytch.members.total";
inline constexpr char kM2mClientsTotal[] = "stytch.m2m_clients.total";
inline constexpr char kSignups[] = "stytch.users.signups";
inline constexpr char kUsersWithFactor[] = "stytch.users.with_factor";
inline constexpr char kUsersByStatus[] = "stytch.users.by_status";
inline constexpr char kSessionsActive[] = "stytch.sessions.active";
inline constexpr char kSessionsDurationAvg[] = "stytch.sessions.duration_avg";
inline constexpr char kSessionsWithFactor[] = "stytch.sessions.with_factor";
inline constexpr char kSessionsMultiFactor[] = "stytch.sessions.multi_factor";

// An authentication factor counted with a user-search filter ("totp" -> totp_verified: true).
struct Factor
{
    QString key;    // label value: "totp"
    QString filter; // search filter_name: "totp_verified"
};
const QList<Factor> &factors();
const QStringList &userStatuses(); // "active", "pending": the values of the `status` filter

struct Settings
{
    QString projectId;
    bool live = false;            // project-live-…: api.stytch.com, otherwise test.stytch.com
    QUrl baseUrl;                 // from the project ID, or the service's base-URL override
    QStringList factors;          // Factor::key values to count, catalogue order
    QStringList sessionUserIds;   // users whose sessions are sampled (empty: none)
};

// `settings`: project_id, factors, session_user_ids. `baseUrlOverride`: the service's own base URL (empty: the
// live or test URL the project ID calls for).
Result<Settings> parseSettings(const QMap<QString, QString> &settings, const QUrl &baseUrlOverride);

// POST /v1/users/search bodies; limit 1, since only results_metadata.total is read.
QByteArray signupSearchBody(QDate day);                   // created_at_between [day 00:00Z, next day 00:00Z)
QByteArray filterSearchBody(const QString &filterName, bool value);
QByteArray statusSearchBody(const QString &status);
QByteArray allUsersSearchBody();                          // no query: every user

// GET /v1/projects/metrics -> one gauge per known metric_type, stamped `ts`.
Result<SampleBatch> mapProjectMetrics(QByteArrayView body, qint64 ts);

// POST /v1/users/search -> results_metadata.total. Stytch answers -1 when totals are disabled for the project;
// that is passed on as it is (kTotalsDisabled), for the caller to say so.
inline constexpr qint64 kTotalsDisabled = -1;
Result<qint64> searchTotal(QByteArrayView body);

// GET /v1/sessions?user_id= over several users, summed.
struct SessionTally
{
    qint64 sessions = 0;
    double durationSecondsSum = 0;  // Σ (last_accessed_at − started_at) of the sessions that have both
    qint64 timedSessions = 0;
    qint64 multiFactor = 0;         // sessions with two or more distinct factor types
    QMap<QString, qint64> factors;  // authentication_factors[].type -> sessions that include it
};
Status tallySessions(QByteArrayView body, SessionTally &tally);
SampleBatch sessionSamples(const SessionTally &tally, qint64 ts);

// Stytch's error body: {status_code, request_id, error_type, error_message, error_url}.
struct StytchError
{
    QString type;
    QString message;
    QString requestId;
};
std::optional<StytchError> parseStytchError(QByteArrayView body);

QDate utcDay(qint64 ms);
qint64 dayStartMs(QDate day);
qint64 minuteStartMs(qint64 ms);
// RFC 3339, UTC, whole seconds: "2026-03-01T00:00:00Z".
QString rfc3339(qint64 ms);

} // namespace stackscope::connectors::stytch
