#pragma once

#include "alerts/alert.h"

#include <QList>
#include <QString>

#include <limits>

namespace stackscope::alerts {

// The alerts panel's and `stackscoped alerts list`'s filters. Empty sets and strings match everything.
struct AlertFilter
{
    QList<rules::Severity> severities;
    QList<AlertStatus> statuses;
    QString project;                   // exact
    QString service;                   // exact
    QString ruleKey;                   // exact: one rule's alerts
    // Alerts alive at some moment of [fromMs, toMs): opened before toMs and not resolved before fromMs.
    qint64 fromMs = 0;
    qint64 toMs = std::numeric_limits<qint64>::max();
    QString text;                      // case-insensitive, in rule name, summary, metric, labels, project, service
    int offset = 0;
    int limit = 50;                    // newest opened first
};

struct AlertPage
{
    QList<Alert> alerts;
    qint64 total = 0;                  // how many match the filter, all pages together
};

} // namespace stackscope::alerts
