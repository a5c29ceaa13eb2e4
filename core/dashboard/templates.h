#pragma once

#include "connector/connectorinfo.h"
#include "dashboard/dashboardspec.h"
#include "storage/metricstore.h"

#include <QList>
#include <QString>

namespace stackscope::dashboard {

// Built-in dashboards (D1). Every query of every template is narrowed to one service by the labels the polling
// engine puts on each sample: "project" = the project's name and "service" = the service's name (service names
// are unique only within a project, so both). Templates use only metrics of the catalogue they are given and
// always pass validateDashboard. Core does not link the connectors: the caller passes the catalogue
// (ConnectorInfo::metrics, Connector::metricsFor, or discoveredMetrics below).

// A configured service as the templates see it.
struct ServiceRef
{
    QString project;                         // the "project" label
    QString name;                            // the "service" label
    QString type;                            // connector type id: "twilio", "aws", "prometheus", ...
    QList<connector::MetricSpec> metrics;    // the metrics this service delivers
};

// The labels that select this service's series: {"project": project, "service": name}.
Labels serviceLabels(const ServiceRef &service);

// (a) The service view: headline stats with sparklines on top, then the key time series, breakdowns by a
// dimension, cost and latency where the type has them. Curated layouts for twilio, aws, sendgrid, stytch,
// onesignal, sendbird and mixpanel; a layout built from the catalogue for prometheus, http_json and anything
// unknown.
DashboardSpec serviceTemplate(const ServiceRef &service);

// (b) The project dashboard: per service one row with a status tile and its headline numbers.
DashboardSpec projectTemplate(const QString &project, const QList<ServiceRef> &services);

// (c) Scenario dashboards across services (and projects), from whichever services of the right types exist.
enum class Scenario { AuthHealth, MessagingDelivery, Infrastructure, EmailDeliverability, BusinessKpis };
QList<Scenario> allScenarios();
QString scenarioTitle(Scenario scenario);      // "Auth health", "Messaging delivery", ...
QString scenarioDescription(Scenario scenario);
// Panels for every service that has metrics for the scenario; no panels when none has (scenarioApplies false).
DashboardSpec scenarioTemplate(Scenario scenario, const QList<ServiceRef> &services);
bool scenarioApplies(Scenario scenario, const QList<ServiceRef> &services);

// A catalogue for services whose metrics are only known from what they stored (prometheus, http_json, the
// demo workspace): one entry per metric among `series` of that project and service, its dimensions the other
// label names seen, unit and kind from `infos` (MetricStore::metricInfo) when given.
QList<connector::MetricSpec> discoveredMetrics(const QList<storage::SeriesInfo> &series, const QString &project,
                                               const QString &service, const QList<MetricInfo> &infos = {});

} // namespace stackscope::dashboard
