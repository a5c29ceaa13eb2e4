#pragma once

#include "cli/command.h"
#include "cli/keyresolver.h"

#include <QJsonObject>

#include <memory>

namespace stackscope::storage { class MetricStore; }

namespace stackscope::daemon {

// `stackscoped rules add|list|export|remove`: alert rules (A1), from flags or from the rule file format
// (rules::toJson / ruleFromJson, docs/ALERTING.md), which is also what `export` writes.
class RulesCommand final : public Command
{
public:
    RulesCommand();
    ~RulesCommand() override;

protected:
    void addOptions(QCommandLineParser &parser) override;
    void run() override;
    bool takesPositionalArguments() const override { return true; }

private:
    void add(storage::MetricStore &store);
    void list(storage::MetricStore &store);
    void exportRules(storage::MetricStore &store);
    void remove(storage::MetricStore &store, const QString &which);
    // The rule the flags describe, in the file format, so flags and files share one validation.
    QJsonObject ruleFromFlags();

    KeyResolver m_keys;
    std::unique_ptr<storage::MetricStore> m_store;
};

} // namespace stackscope::daemon
