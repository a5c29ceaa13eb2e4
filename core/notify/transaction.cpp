#include "notify/transaction.h"

#include "storage/database.h"

namespace stackscope::notify {

Status runInTransaction(storage::Database &db, const std::function<Status()> &work)
{
    if (db.inTransaction())
        return work();
    if (Status st = db.begin(); !st)
        return st;
    Status st = work();
    if (st)
        st = db.commit();
    if (!st)
        db.rollback();
    return st;
}

} // namespace stackscope::notify
