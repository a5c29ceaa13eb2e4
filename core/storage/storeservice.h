#pragma once

#include "storage/metricstore.h"

#include <QObject>

#include <functional>
#include <memory>

class QThread;

namespace stackscope::storage {

class StoreWorker;

// The GUI- and scheduler-facing face of the store. It owns the store thread; every call queues a job there and
// returns at once. Results come back on the thread of `context` and are dropped if `context` is destroyed
// first. Ingest calls queued together share one transaction; each callback gets that transaction's report.
class StoreService : public QObject
{
    Q_OBJECT
public:
    template<typename T>
    using Callback = std::function<void(Result<T>)>;

    static constexpr int kMaintenanceIntervalMs = 10 * 60 * 1000;

    explicit StoreService(std::unique_ptr<MetricStore> store, QObject *parent = nullptr);
    ~StoreService() override; // finishes queued jobs (no sample is dropped), then stops the thread

    void ingest(SampleBatch batch, QObject *context = nullptr, Callback<IngestReport> done = {});
    void query(QueryRequest request, QObject *context, Callback<QueryResult> done);
    void listSeries(QString metricFilter, QObject *context, Callback<QList<SeriesInfo>> done);
    void stats(QObject *context, Callback<StoreStats> done);
    void maintain(QObject *context, Callback<MaintenanceReport> done);
    // Any other store work, in queue order (after every ingest queued before it).
    void run(std::function<void(MetricStore &)> job);

Q_SIGNALS:
    void samplesStored(qint64 count); // after each committed ingest transaction

private:
    template<typename T>
    void submit(std::function<Result<T>(MetricStore &)> job, QObject *context, Callback<T> done);

    QThread *m_thread = nullptr;
    StoreWorker *m_worker = nullptr;
};

} // namespace stackscope::storage
