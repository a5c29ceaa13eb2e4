#pragma once

#include "notify/channelconfig.h"
#include "util/result.h"

#include <QList>

namespace stackscope::storage { class Database; }

namespace stackscope::notify {

// Configured channels, over the `channels` table. (The notify helper extends this class; list() is fixed.)
class ChannelRepository
{
public:
    explicit ChannelRepository(storage::Database &db);

    Result<QList<ChannelConfig>> list(bool includeRemoved = false);

private:
    storage::Database &m_db;
};

} // namespace stackscope::notify
