#pragma once

#include "workspaceopener.h"

#include "model/sample.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace stackscope::storage { class StoreService; }

namespace stackscope::app {

class PostTarget;

// Fills a demo workspace with simulated history (demo::generateDemoHistory) through StoreService::ingest.
// The generator runs on the thread pool and hands over one day at a time; at most a few batches are in flight,
// so memory stays small however long the history. Progress is recorded in demo-fill.json next to the database:
// an interrupted fill is redone (ingest is idempotent), and on later starts only the time since the last fill
// is added, so the demo's charts reach up to "now".
class DemoSeeder : public QObject
{
    Q_OBJECT

public:
    // `store` must outlive this object.
    DemoSeeder(storage::StoreService *store, QString directory, DemoFillPlan plan, QObject *parent = nullptr);
    ~DemoSeeder() override; // stops the generator; batches already queued in the store are still written

    void start();
    bool isRunning() const { return m_running; }
    int progress() const { return m_progress; }

    // What a demo workspace in `directory` still needs at `nowMs`; nullopt when it is up to date.
    static std::optional<DemoFillPlan> planFill(const QString &directory, qint64 nowMs, int days);
    static QString fillStatePath(const QString &directory);

Q_SIGNALS:
    void progressChanged(int percent);
    void finished();
    void failed(const QString &message);

private:
    struct Shared;
    void ingestBatch(SampleBatch batch, int dayIndex);
    void onGeneratorDone(bool ok, const QString &message);

    storage::StoreService *m_store = nullptr;
    QString m_directory;
    DemoFillPlan m_plan;
    std::shared_ptr<Shared> m_shared;
    QElapsedTimer m_timer;
    int m_progress = 0;
    bool m_running = false;
};

} // namespace stackscope::app
