#pragma once

#include "util/result.h"

namespace stackscope::storage {

class Database;

// Numbered, transactional schema migrations. Version N is reached by applying steps 1..N in order, each in its
// own transaction together with the `user_version` bump, so a failure leaves the previous version intact.
class Migrations
{
public:
    static int latestVersion();
    static Result<int> currentVersion(Database &db);
    // Upgrades to `target` (default: latest). Refuses a database newer than this build understands.
    static Status migrate(Database &db, int target = -1);
};

} // namespace stackscope::storage
