#pragma once

#include "util/result.h"

#include <functional>

namespace stackscope::storage { class Database; }

namespace stackscope::notify {

// Runs `work` in a transaction of its own, committed when it succeeds and rolled back when it fails; inside a
// transaction the caller already opened, it simply joins it (the caller commits or rolls back).
Status runInTransaction(storage::Database &db, const std::function<Status()> &work);

} // namespace stackscope::notify
