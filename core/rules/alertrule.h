#pragma once

#include "model/sample.h"
#include "storage/query.h"
#include "util/result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace stackscope::rules {

// An alert rule (A1) as people write it: in the app's rule editor, from a panel ("alert on this"), or in a
// JSON file for `stackscoped rules add --file` (toJson/ruleFromJson: the one readable format for both).

enum class Severity { Info, Warning, Critical };
QString severityName(Severity severity);                    // "info", "warning", "critical"
std::optional<Severity> severityFromName(const QString &name);

enum class ConditionKind {
    Threshold,      // the window's aggregate above/below `threshold`
    RateOfChange,   // change across the window (absolute, or percent when `percent`) above/below `threshold`
    NoData,         // no sample for `windowMs`
    LearnedBand,    // outside median ± sensitivity × MAD of the same hour of the week in past weeks
};
QString conditionName(ConditionKind kind);                  // "threshold", "rate", "nodata", "band"
std::optional<ConditionKind> conditionFromName(const QString &name);

enum class Comparison { Above, Below, Outside };           // Outside: learned bands (either side)
QString comparisonName(Comparison comparison);              // "above", "below", "outside"
std::optional<Comparison> comparisonFromName(const QString &name);

// Limits that ruleFromJson enforces (and the rule editor should offer).
inline constexpr qint64 kMinWindowMs = 60 * 1000;                  // rollups are per minute
inline constexpr qint64 kMaxWindowMs = 30 * 24 * 3600 * 1000LL;
inline constexpr qint64 kMaxForMs = 7 * 24 * 3600 * 1000LL;
inline constexpr int kMaxHistoryWeeks = 12;                        // learned bands look back at most this far
inline constexpr double kMaxSensitivity = 100.0;

struct AlertRule
{
    qint64 id = 0;                   // 0 until stored
    QString uuid;                    // stable identity; alerts refer to it
    QString name;
    QString description;
    bool enabled = true;
    Severity severity = Severity::Warning;

    // What it watches. Every label in labelFilter must match; each matching series is its own instance
    // (one alert per series), unless `aggregateAcrossSeries` folds them into one.
    QString metric;
    Labels labelFilter;
    QString project;                 // scope: empty = any project
    QString service;                 // scope: empty = any service of the project
    bool aggregateAcrossSeries = false;

    ConditionKind condition = ConditionKind::Threshold;
    Comparison comparison = Comparison::Above;
    double threshold = 0.0;
    bool percent = false;            // RateOfChange: threshold is a percentage of the window's first value
    storage::Aggregation aggregation = storage::Aggregation::Avg;
    qint64 windowMs = 5 * 60 * 1000;
    qint64 forMs = 0;                // the condition must hold this long before the alert fires
    double sensitivity = 3.0;        // LearnedBand: MADs from the median
    int minHistoryWeeks = 2;         // LearnedBand: says "learning" until it has this much history

    // Lifecycle and noise (A2, A4).
    bool autoResolve = true;         // resolve when the condition clears
    qint64 reopenGraceMs = 60 * 60 * 1000; // fires again within this after resolving: reopened, not new
    qint64 cooldownMs = 30 * 60 * 1000;    // no re-notification of the same alert within this
    QStringList channels;            // channel names; empty = the default channels
    QString panelRef;                // "dashboard-uuid/panel-id" when created from a panel

    friend bool operator==(const AlertRule &, const AlertRule &) = default;
};

// How many past weeks a learned band reads: max(minHistoryWeeks, 4), at most kMaxHistoryWeeks.
int bandHistoryWeeks(const AlertRule &rule);

// The rule file format: every field, durations as text ("5m"). `id` is the database's and is not written.
QJsonObject toJson(const AlertRule &rule);
// Reads a rule and checks it (known metric syntax, positive windows, a threshold where one is needed, ...):
// the error names the field and what is wrong, in plain words.
Result<AlertRule> ruleFromJson(const QJsonObject &json);

} // namespace stackscope::rules
