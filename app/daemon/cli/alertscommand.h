#pragma once

#include "cli/command.h"
#include "cli/keyresolver.h"

#include <memory>

namespace stackscope::storage { class MetricStore; }

namespace stackscope::daemon {

// `stackscoped alerts list|show|ack|resolve|reopen`: the alerts panel's list, filters and actions (A2, D6).
class AlertsCommand final : public Command
{
public:
    AlertsCommand();
    ~AlertsCommand() override;

protected:
    void addOptions(QCommandLineParser &parser) override;
    void run() override;
    bool takesPositionalArguments() const override { return true; }

private:
    void list(storage::MetricStore &store);
    void show(storage::MetricStore &store, qint64 id);
    void act(storage::MetricStore &store, const QString &action, qint64 id);

    KeyResolver m_keys;
    std::unique_ptr<storage::MetricStore> m_store;
};

} // namespace stackscope::daemon
