#pragma once

#include <QList>
#include <QObject>
#include <QPointF>
#include <QtNumeric>

#include <functional>
#include <memory>

template <typename T> class QFutureWatcher;

namespace stackscope::charts {

// What a chart draws for one input series after decimation: the segments of its line (gaps between them),
// for stacked areas the lower edge of each segment (same x values), and for bar charts the bucket values
// (x = bucket centre) that the crosshair reads.
struct DecimatedSeries
{
    QList<QList<QPointF>> segments;
    QList<QList<QPointF>> lowerSegments;   // empty unless stacked
    QList<QPointF> buckets;                // empty unless bars
    double minY = qQNaN();                 // the y range drawn inside the visible time range (NaN: none)
    double maxY = qQNaN();
};

// The result of one decimation job: one entry per input series (same order) and one per comparison series.
struct DecimatedChart
{
    QList<DecimatedSeries> series;
    QList<DecimatedSeries> comparison;
    qsizetype pointCount = 0;              // points in all segments
};

// Runs decimation jobs off the GUI thread (a pool thread) and hands their results back on the thread the worker
// lives in. Only the newest job counts: submitting a job makes every earlier one stale; a stale job that has not
// started is skipped, and the result of one that has is dropped (droppedCount()) instead of being emitted, so a
// chart never goes back to older data after newer data was applied. Jobs must own copies of their input.
class DecimationWorker : public QObject
{
    Q_OBJECT

public:
    using Job = std::function<DecimatedChart()>;

    explicit DecimationWorker(QObject *parent = nullptr);
    ~DecimationWorker() override;

    // Starts `job` on a pool thread; returns its generation (increasing). finished() follows, unless a newer job
    // was submitted (or runInline() called) in the meantime.
    quint64 submit(Job job);
    // Runs `job` on the calling thread and returns its result; makes every running job stale.
    DecimatedChart runInline(const Job &job);

    quint64 latestGeneration() const { return m_generation; }
    bool isBusy() const { return m_newestPending; }   // the newest job has not delivered yet
    int droppedCount() const { return m_dropped; }

Q_SIGNALS:
    void finished(quint64 generation, const stackscope::charts::DecimatedChart &result);

private:
    struct Shared;
    std::shared_ptr<Shared> m_shared;
    quint64 m_generation = 0;
    int m_dropped = 0;
    bool m_newestPending = false;
};

} // namespace stackscope::charts
