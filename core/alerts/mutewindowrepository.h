#pragma once

#include "alerts/mutewindow.h"
#include "util/result.h"

#include <QList>

namespace stackscope::storage { class Database; }

namespace stackscope::alerts {

// Mute and maintenance windows over the mute_windows table. Removal is soft.
class MuteWindowRepository
{
public:
    explicit MuteWindowRepository(storage::Database &db);

    Result<MuteWindow> add(MuteWindow window, qint64 nowMs);
    Status remove(qint64 id, qint64 nowMs);
    // Windows that can still cover something at or after `fromMs` (recurring ones always can).
    Result<QList<MuteWindow>> list(qint64 fromMs = 0);

private:
    storage::Database &m_db;
};

} // namespace stackscope::alerts
