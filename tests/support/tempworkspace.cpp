#include "tempworkspace.h"

#include <QDebug>

namespace stackscope::test {

TempWorkspace::TempWorkspace() : m_key(secrets::SecureBytes::random(32)) {}

std::unique_ptr<storage::MetricStore> TempWorkspace::create()
{
    storage::WorkspaceInfo info;
    info.name = QStringLiteral("test workspace");
    auto store = storage::Workspace::create(path(), m_key, info);
    if (!store) {
        qWarning().noquote() << "creating the test workspace failed:" << store.error().userMessage << store.error().detail;
        return {};
    }
    return std::move(store).value();
}

std::unique_ptr<storage::MetricStore> TempWorkspace::open()
{
    auto store = storage::Workspace::open(path(), m_key);
    if (!store) {
        qWarning().noquote() << "opening the test workspace failed:" << store.error().userMessage << store.error().detail;
        return {};
    }
    return std::move(store).value();
}

} // namespace stackscope::test
