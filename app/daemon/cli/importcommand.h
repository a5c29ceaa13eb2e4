#pragma once

#include "cli/command.h"
#include "cli/keyresolver.h"

class QIODevice;

namespace stackscope::daemon {

// `stackscoped import FILE|-`: NDJSON samples into the store, in batches of kBatchSize per transaction.
// Bad lines are reported with their number and skipped (or, with --strict, the whole import is refused before
// anything is written). After each commit on a long import, stderr says how many samples are safely stored.
class ImportCommand final : public Command
{
public:
    static constexpr int kBatchSize = 5000;
    static constexpr int kMaxReportedErrors = 100;

    ImportCommand();

protected:
    void addOptions(QCommandLineParser &parser) override;
    void run() override;
    bool takesPositionalArguments() const override { return true; }

private:
    void importInto(storage::MetricStore &store);
    qint64 countBadLines(QIODevice &input);
    void reportBadLine(qint64 lineNumber, const QString &message);

    KeyResolver m_keys;
    qint64 m_reportedErrors = 0;
};

} // namespace stackscope::daemon
