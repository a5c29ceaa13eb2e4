#pragma once

#include "cli/command.h"
#include "cli/keyresolver.h"

namespace stackscope::daemon {

// `stackscoped query`: one JSON line per matching series with the tier the store chose and the points.
class QueryCommand final : public Command
{
public:
    QueryCommand();

protected:
    void addOptions(QCommandLineParser &parser) override;
    void run() override;

private:
    KeyResolver m_keys;
};

} // namespace stackscope::daemon
