#pragma once

#include "secrets/securebytes.h"
#include "storage/metricstore.h"
#include "storage/workspace.h"

#include <QTemporaryDir>

#include <memory>

namespace stackscope::test {

// A fresh encrypted workspace in a temporary directory, removed afterwards.
class TempWorkspace
{
public:
    TempWorkspace();
    bool isValid() const { return m_dir.isValid(); }
    QString path() const { return m_dir.path() + QStringLiteral("/ws"); }
    QString databasePath() const { return storage::Workspace::databasePath(path()); }
    const secrets::SecureBytes &key() const { return m_key; }

    // Creates the workspace and returns its store (QVERIFY-friendly: null on failure, with the error logged).
    std::unique_ptr<storage::MetricStore> create();
    std::unique_ptr<storage::MetricStore> open();

private:
    QTemporaryDir m_dir;
    secrets::SecureBytes m_key;
};

} // namespace stackscope::test
