#include "demoseeder.h"

#include "backgroundtask.h"
#include "demo/demodata.h"
#include "storage/storeservice.h"
#include "uilogging.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSemaphore>
#include <QThreadPool>

#include <atomic>

namespace stackscope::app {

namespace {

constexpr int kMaxBatchesInFlight = 3;
constexpr qint64 kDayMs = 86'400'000;

bool writeFillState(const QString &path, const DemoFillPlan &plan, bool complete)
{
    const QJsonObject object{
        {QStringLiteral("end_ms"), double(plan.endMs)},
        {QStringLiteral("days"), plan.days},
        {QStringLiteral("after_ms"), plan.afterMs == std::numeric_limits<qint64>::min() ? QJsonValue()
                                                                                     : QJsonValue(double(plan.afterMs))},
        {QStringLiteral("anchor_ms"), double(plan.anchorMs)},
        {QStringLiteral("complete"), complete},
    };
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(QJsonDocument(object).toJson()) >= 0 && file.commit();
}

} // namespace

struct DemoSeeder::Shared
{
    explicit Shared(QObject *receiver) : target(receiver) {}
    PostTarget target;
    QSemaphore slots{kMaxBatchesInFlight};
    std::atomic<bool> cancelled{false};
    std::atomic<bool> failed{false};
};

DemoSeeder::DemoSeeder(storage::StoreService *store, QString directory, DemoFillPlan plan, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_directory(std::move(directory))
    , m_plan(plan)
    , m_shared(std::make_shared<Shared>(this))
{
}

DemoSeeder::~DemoSeeder()
{
    m_shared->cancelled = true;
    m_shared->target.detach();
    m_shared->slots.release(kMaxBatchesInFlight); // wakes a generator waiting for a free slot
}

QString DemoSeeder::fillStatePath(const QString &directory)
{
    return directory + QStringLiteral("/demo-fill.json");
}

std::optional<DemoFillPlan> DemoSeeder::planFill(const QString &directory, qint64 nowMs, int days)
{
    DemoFillPlan fresh;
    fresh.endMs = nowMs;
    fresh.days = days;
    fresh.anchorMs = nowMs;

    QFile file(fillStatePath(directory));
    if (!file.open(QIODevice::ReadOnly))
        return fresh;
    const QJsonObject state = QJsonDocument::fromJson(file.read(64 * 1024)).object();
    if (!state.contains(QStringLiteral("end_ms")))
        return fresh;
    DemoFillPlan previous;
    previous.endMs = qint64(state.value(QStringLiteral("end_ms")).toDouble());
    previous.days = state.value(QStringLiteral("days")).toInt(days);
    if (state.value(QStringLiteral("after_ms")).isDouble())
        previous.afterMs = qint64(state.value(QStringLiteral("after_ms")).toDouble());
    // Older state files have no anchor; their incidents sat at the end of the first fill.
    previous.anchorMs = state.value(QStringLiteral("anchor_ms")).isDouble()
                            ? qint64(state.value(QStringLiteral("anchor_ms")).toDouble())
                            : previous.endMs;
    if (!state.value(QStringLiteral("complete")).toBool())
        return previous; // interrupted: do the same fill again

    const qint64 gap = nowMs - previous.endMs;
    if (gap < demo::kDemoStepMs)
        return std::nullopt;
    DemoFillPlan topUp;
    topUp.endMs = nowMs;
    topUp.days = int(std::min<qint64>((gap + kDayMs - 1) / kDayMs, days));
    topUp.afterMs = std::max(previous.endMs, nowMs - qint64(topUp.days) * kDayMs);
    topUp.anchorMs = previous.anchorMs;
    return topUp;
}

void DemoSeeder::start()
{
    if (m_running)
        return;
    m_running = true;
    m_timer.start();
    m_progress = 0;
    Q_EMIT progressChanged(0);

    // `self` is only dereferenced by work posted through shared->target, which runs on this object's thread
    // and never after its destructor has started.
    DemoSeeder *self = this;
    const std::shared_ptr<Shared> shared = m_shared;
    const DemoFillPlan plan = m_plan;
    const QString statePath = fillStatePath(m_directory);
    QThreadPool::globalInstance()->start([self, shared, plan, statePath] {
        if (!writeFillState(statePath, plan, false)) {
            shared->target.post([self, statePath] {
                self->onGeneratorDone(false, tr("Cannot write %1.").arg(statePath));
            });
            return;
        }
        int dayIndex = -1;
        const demo::DemoFill fill{plan.endMs, plan.days, plan.afterMs, plan.anchorMs};
        demo::generateDemoHistory(fill, [&](SampleBatch batch) {
            ++dayIndex;
            if (shared->cancelled || shared->failed)
                return;
            if (batch.isEmpty())
                return;
            shared->slots.acquire(); // back-pressure: wait until the store has caught up
            if (shared->cancelled) {
                shared->slots.release(); // keep the count whole for the final wait below
                return;
            }
            if (!shared->target.post([self, batch, index = dayIndex] { self->ingestBatch(batch, index); }))
                shared->slots.release();
        });
        // Wait until every batch is acknowledged. When the seeder goes away its destructor releases enough
        // permits for batches that will never be acknowledged; the timeout is only a second line of defence.
        while (!shared->slots.tryAcquire(kMaxBatchesInFlight, 200)) {
            if (shared->cancelled)
                return;
        }
        shared->slots.release(kMaxBatchesInFlight);
        if (shared->cancelled)
            return;
        const bool stored = !shared->failed;
        const bool recorded = stored && writeFillState(statePath, plan, true);
        shared->target.post([self, stored, recorded, statePath] {
            if (!stored)
                self->onGeneratorDone(false, tr("The demo data could not be stored."));
            else if (!recorded)
                self->onGeneratorDone(false, tr("Cannot write %1.").arg(statePath));
            else
                self->onGeneratorDone(true, QString());
        });
    });
}

void DemoSeeder::ingestBatch(SampleBatch batch, int dayIndex)
{
    m_store->ingest(std::move(batch), this, [this, dayIndex](Result<storage::IngestReport> report) {
        m_shared->slots.release();
        if (!report) {
            if (!m_shared->failed.exchange(true))
                qCWarning(lcUi) << "demo data could not be stored:" << report.error().detail;
            return;
        }
        const int percent = std::min(99, (dayIndex + 1) * 100 / std::max(1, m_plan.days));
        if (percent != m_progress) {
            m_progress = percent;
            Q_EMIT progressChanged(percent);
        }
    });
}

void DemoSeeder::onGeneratorDone(bool ok, const QString &message)
{
    m_running = false;
    if (!ok) {
        qCWarning(lcUi).noquote() << "demo fill failed:" << message;
        Q_EMIT failed(message);
        return;
    }
    qCInfo(lcUi, "demo fill of %d day(s) stored in %lld ms", m_plan.days, qlonglong(m_timer.elapsed()));
    m_progress = 100;
    Q_EMIT progressChanged(100);
    Q_EMIT finished();
}

} // namespace stackscope::app
