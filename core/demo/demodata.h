#pragma once

#include "model/sample.h"

#include <QList>
#include <QString>

#include <functional>

namespace stackscope::demo {

// The demo workspace (requirement P5): simulated history of one service per connector type, so that a new
// user sees every screen working before entering any credential. Everything here is simulated. Project names
// start with demoProjectPrefix() and every metric description ends in "(demo data)", so demo series are
// recognisable wherever they show up.

inline constexpr qint64 kDemoStepMs = 5 * 60 * 1000; // one sample per series every five minutes
inline constexpr int kDemoDays = 90;

QString demoProjectPrefix(); // "Demo – "
QString demoStorefrontProject(); // "Demo – Storefront": the SaaS services
QString demoPlatformProject();   // "Demo – Platform": AWS and the team's own Prometheus-scraped API

// The metric catalogue of the demo services (names, units, kinds, descriptions).
QList<MetricInfo> demoMetrics();

// Number of series generateDemoHistory emits samples for.
int demoSeriesCount();

// Generates `days` days of history at kDemoStepMs ending at `endMs`: every sample with a timestamp on the
// five-minute grid in (endMs - days * 24 h, endMs]. Values have daily and weekly seasonality plus noise and are
// a pure function of (series, timestamp), so two calls agree wherever their ranges overlap, except inside the
// incident windows. Those sit at fixed offsets before `endMs`: a failed-SMS spike for Germany (3 days before),
// an outage of the Platform API with no data at all (12 days before, 3 hours), a Lambda error spike (40 days)
// and an email bounce spike (61 days).
// Samples are handed to `sink` in batches of one day (all series), oldest first, so memory stays small.
void generateDemoHistory(qint64 endMs, int days, const std::function<void(SampleBatch)> &sink);

} // namespace stackscope::demo
