#pragma once

#include "alerts/builtinalerts.h"
#include "util/result.h"

#include <QList>

namespace stackscope::storage { class MetricStore; }

namespace stackscope::alerts {

// Reads, on the store's thread, every configured service with its health and what its data looks like (the
// input of the built-in alerts). A service's series are those labelled with its project and name (PollScheduler
// adds both labels to every sample). The newest sample of a series is its newest hourly rollup's last_ts: the
// hour tier is written at ingest for every sample, and its primary key (series_id, bucket) makes this one index
// seek per series, cheap enough for every cycle.
// (Proposed to move behind MetricStore as `newestSamples(seriesIds)` so core/alerts stops reading rollup_1h.)
Result<QList<ServiceStatus>> readServiceStatuses(storage::MetricStore &store);

} // namespace stackscope::alerts
