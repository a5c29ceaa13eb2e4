#pragma once

#include "cli/command.h"
#include "cli/keyresolver.h"

#include <functional>

namespace stackscope::daemon {

// The small commands that open the workspace, do one thing with the store and print one JSON line.
class StoreCommand : public Command
{
public:
    using Action = std::function<void(StoreCommand &, storage::MetricStore &)>;
    StoreCommand(QString name, QString summary, Action action);

    using Command::fail;
    using Command::finish;

protected:
    void addOptions(QCommandLineParser &) override {}
    void run() override;

private:
    Action m_action;
    KeyResolver m_keys;
};

std::unique_ptr<Command> makeStatsCommand();    // series, rows per tier, bytes, raw bytes per sample
std::unique_ptr<Command> makeVerifyCommand();   // integrity check; exit 0 when sound, 7 when not
std::unique_ptr<Command> makeMaintainCommand(); // compaction, rollup catch-up and retention, now

} // namespace stackscope::daemon
