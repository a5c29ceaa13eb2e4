#pragma once

#include "alerts/alert.h"
#include "util/result.h"

#include <QHash>
#include <QString>

namespace stackscope::storage { class Database; }

namespace stackscope::alerts {

// (rule key, instance): the identity of one evaluated series of one rule.
struct InstanceKey
{
    QString ruleKey;
    QString instance;
    friend bool operator==(const InstanceKey &, const InstanceKey &) = default;
};
inline size_t qHash(const InstanceKey &key, size_t seed = 0) { return qHashMulti(seed, key.ruleKey, key.instance); }

// What the engine remembers per rule instance between cycles and across restarts (alert_eval_state). Only
// instances with something to remember have a row.
class EvalStateRepository
{
public:
    explicit EvalStateRepository(storage::Database &db);

    Result<QHash<InstanceKey, EvalState>> all();
    // An empty state deletes the row.
    Status save(const InstanceKey &key, const EvalState &state);
    // Forgets every instance of a rule (e.g. when it is deleted).
    Status forgetRule(const QString &ruleKey);

private:
    storage::Database &m_db;
};

} // namespace stackscope::alerts
