#pragma once

#include "cli/command.h"
#include "cli/keyresolver.h"

namespace stackscope::daemon {

// `stackscoped init`: a new encrypted workspace with a random 256-bit key, kept in the OS keychain or in a new
// 0600 key file.
class InitCommand final : public Command
{
public:
    InitCommand();

protected:
    void addOptions(QCommandLineParser &parser) override;
    void run() override;

private:
    void createWith(const secrets::SecureBytes &key);
    KeyResolver m_context; // parent and callback context of the keychain job
    QString m_pendingId;   // workspace id whose key is already in the keychain
};

} // namespace stackscope::daemon
