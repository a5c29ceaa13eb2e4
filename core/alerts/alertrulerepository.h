#pragma once

#include "rules/alertrule.h"
#include "util/result.h"

#include <QList>
#include <optional>

namespace stackscope::storage { class Database; }

namespace stackscope::alerts {

// A row of alert_rules. A spec that no longer reads (edited by hand, or written by a newer build) is still
// listed, with `problem` saying why, so people can see and fix or remove it; the engine skips it.
struct StoredRule
{
    rules::AlertRule rule;            // id, uuid, name and enabled always filled from the row
    std::optional<Error> problem;
    qint64 createdMs = 0;
    qint64 updatedMs = 0;
};

// Alert rules (A1) over the alert_rules table: the spec column holds rules::toJson(rule), the one format of
// rule files. Names are unique among rules that are not deleted; deletion is soft. Used by the CLI
// (`stackscoped rules`), the app's rule editor and the alert cycle. Runs on the store's thread.
class AlertRuleRepository
{
public:
    explicit AlertRuleRepository(storage::Database &db);

    // Stores a new rule (a uuid is made if it has none) and returns it with its id.
    Result<rules::AlertRule> add(rules::AlertRule rule, qint64 nowMs);
    // Replaces the rule with rule.id (name, spec, enabled); the uuid stays.
    Status update(const rules::AlertRule &rule, qint64 nowMs);
    Status setEnabled(qint64 id, bool enabled, qint64 nowMs);
    Status remove(qint64 id, qint64 nowMs);

    Result<StoredRule> get(qint64 id);
    // By id ("12"), uuid or name: what people type on a command line.
    Result<StoredRule> find(const QString &idUuidOrName);
    Result<QList<StoredRule>> list(bool enabledOnly = false);

private:
    Status checkNameFree(const QString &name, qint64 exceptId);

    storage::Database &m_db;
};

} // namespace stackscope::alerts
