#include "cli/maintenancecommands.h"

#include "cli/exitcodes.h"
#include "cli/jsonoutput.h"
#include "storage/metricstore.h"

namespace stackscope::daemon {

StoreCommand::StoreCommand(QString name, QString summary, Action action)
    : Command(std::move(name), std::move(summary)), m_action(std::move(action))
{
}

void StoreCommand::run()
{
    m_keys.openWorkspace(workspaceDir(), keyFile(), [this](Result<std::unique_ptr<storage::MetricStore>> store) {
        if (!store) {
            fail(store.error());
            return;
        }
        m_action(*this, *store.value());
    });
}

std::unique_ptr<Command> makeStatsCommand()
{
    return std::make_unique<StoreCommand>(
        QStringLiteral("stats"), QStringLiteral("Print the store's size as JSON: series, samples per tier, bytes."),
        [](StoreCommand &command, storage::MetricStore &store) {
            auto stats = store.stats();
            if (!stats) {
                command.fail(stats.error());
                return;
            }
            const storage::StoreStats &s = stats.value();
            printJson({
                {QStringLiteral("series"), double(s.seriesCount)},
                {QStringLiteral("samples"), QJsonObject{
                    {QStringLiteral("raw"), double(s.rawRows + s.rawChunkSamples)},
                    {QStringLiteral("raw_uncompacted"), double(s.rawRows)},
                    {QStringLiteral("raw_compacted"), double(s.rawChunkSamples)},
                    {QStringLiteral("1m"), double(s.minuteRows)},
                    {QStringLiteral("1h"), double(s.hourRows)},
                    {QStringLiteral("1d"), double(s.dayRows)},
                }},
                {QStringLiteral("database_bytes"), double(s.databaseBytes)},
                {QStringLiteral("raw_bytes"), double(s.rawBytes)},
                {QStringLiteral("raw_bytes_per_sample"), s.rawBytesPerSample()},
                {QStringLiteral("schema"), store.schemaVersion()},
            });
            command.finish(ExitOk);
        });
}

std::unique_ptr<Command> makeVerifyCommand()
{
    return std::make_unique<StoreCommand>(
        QStringLiteral("verify"),
        QStringLiteral("Check the database's integrity (b-tree and compressed chunks). Exit 0 when sound."),
        [](StoreCommand &command, storage::MetricStore &store) {
            if (Status st = store.verify(); !st) {
                printJson({{QStringLiteral("ok"), false}, {QStringLiteral("problem"), st.error().userMessage}});
                command.fail(st.error());
                return;
            }
            printJson({{QStringLiteral("ok"), true}});
            command.finish(ExitOk);
        });
}

std::unique_ptr<Command> makeMaintainCommand()
{
    return std::make_unique<StoreCommand>(
        QStringLiteral("maintain"),
        QStringLiteral("Run compaction and retention now (the background job's work)."),
        [](StoreCommand &command, storage::MetricStore &store) {
            auto report = store.maintain();
            if (!report) {
                command.fail(report.error());
                return;
            }
            printJson({{QStringLiteral("chunks_written"), double(report->chunksWritten)},
                       {QStringLiteral("rows_compacted"), double(report->rowsCompacted)},
                       {QStringLiteral("rows_expired"), double(report->rowsExpired)}});
            command.finish(ExitOk);
        });
}

} // namespace stackscope::daemon
