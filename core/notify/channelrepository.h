#pragma once

#include "notify/channelconfig.h"
#include "util/result.h"

#include <QList>

namespace stackscope::storage { class Database; }

namespace stackscope::notify {

// Configured channels, over the `channels` table. Names are unique (ignoring ASCII case) among channels that are
// not removed; removal is soft, so outbox rows keep their channel. Secrets are never here: see
// ChannelCredentials. Use on the store's thread.
class ChannelRepository
{
public:
    explicit ChannelRepository(storage::Database &db);

    Result<QList<ChannelConfig>> list(bool includeRemoved = false);

    // Validates (validateChannel), fills id, uuid and createdMs (when 0: now), and inserts.
    Result<ChannelConfig> add(ChannelConfig config);
    // Name, settings and enabled; type and uuid never change.
    Status update(const ChannelConfig &config);
    Result<ChannelConfig> get(qint64 id);                 // NotFound for unknown or removed channels
    Result<ChannelConfig> byName(const QString &name);    // ignoring ASCII case; NotFound when none
    // Soft delete. The channel's pending outbox items fail for good ("the channel was removed"). The caller
    // removes the channel's secrets (ChannelCredentials::remove).
    Status remove(qint64 id, qint64 nowMs);

private:
    Status checkNameFree(const QString &name, qint64 exceptId);

    storage::Database &m_db;
};

} // namespace stackscope::notify
