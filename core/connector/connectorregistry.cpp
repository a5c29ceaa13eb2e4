#include "connector/connectorregistry.h"

namespace stackscope::connector {

void ConnectorRegistry::add(ConnectorFactory factory)
{
    std::unique_ptr<Connector> probe = factory();
    ConnectorInfo info = probe->info();
    const QString typeId = info.typeId;
    m_entries.insert_or_assign(typeId, Entry{std::move(factory), std::move(info)});
}

std::unique_ptr<Connector> ConnectorRegistry::create(const QString &typeId) const
{
    const auto it = m_entries.find(typeId);
    return it == m_entries.end() ? nullptr : it->second.factory();
}

const ConnectorInfo *ConnectorRegistry::info(const QString &typeId) const
{
    const auto it = m_entries.find(typeId);
    return it == m_entries.end() ? nullptr : &it->second.info;
}

QList<const ConnectorInfo *> ConnectorRegistry::all() const
{
    QList<const ConnectorInfo *> infos;
    for (const auto &[typeId, entry] : m_entries)
        infos.append(&entry.info);
    return infos;
}

} // namespace stackscope::connector
