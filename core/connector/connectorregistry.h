#pragma once

#include "connector/connector.h"

#include <QList>
#include <QString>

#include <map>

namespace stackscope::connector {

// The connector types this build knows. Connectors are compiled in (no plugin loading in a program that holds
// credentials); each adds itself with one line in connectors/registration.cpp.
class ConnectorRegistry
{
public:
    void add(ConnectorFactory factory);
    std::unique_ptr<Connector> create(const QString &typeId) const;
    const ConnectorInfo *info(const QString &typeId) const;
    QList<const ConnectorInfo *> all() const;

private:
    struct Entry
    {
        ConnectorFactory factory;
        ConnectorInfo info;
    };
    std::map<QString, Entry> m_entries;
};

} // namespace stackscope::connector
