#pragma once

#include "secrets/securebytes.h"
#include "storage/metricstore.h"
#include "util/result.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

namespace stackscope::daemon {

// Finds a workspace's database key: the key file when one is named (--key-file or STACKSCOPE_KEY_FILE), else
// the workspace's entry in the OS keychain. Never falls back from one to the other silently.
class KeyResolver : public QObject
{
    Q_OBJECT
public:
    using KeyCallback = std::function<void(Result<secrets::SecureBytes>)>;
    using StoreCallback = std::function<void(Result<std::unique_ptr<storage::MetricStore>>)>;

    explicit KeyResolver(QObject *parent = nullptr);

    void resolveKey(const QString &workspaceDir, const QString &keyFile, KeyCallback done);
    // Resolves the key, then opens the workspace with it.
    void openWorkspace(const QString &workspaceDir, const QString &keyFile, StoreCallback done);
};

} // namespace stackscope::daemon
