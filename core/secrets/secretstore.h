#pragma once

#include "secrets/securebytes.h"
#include "util/result.h"

#include <QObject>
#include <QString>

#include <functional>

namespace stackscope::secrets {

// Asynchronous access to a secret store (the OS keychain, or a fake in tests). Keys are names such as
// "workspace/<id>/database-key" or "connector/<uuid>/<field>". Callbacks run on the thread of `context`
// and are dropped if `context` is destroyed first. Outcomes are kept apart (style guide G.3):
//   Error::Code::KeyMissing          the entry does not exist ("not configured")
//   Error::Code::KeychainUnavailable no backend, access denied, or no answer in time
//   Error::Code::Keychain            anything else
class SecretStore
{
public:
    using ReadCallback = std::function<void(Result<SecureBytes>)>;
    using WriteCallback = std::function<void(Status)>;

    virtual ~SecretStore() = default;
    virtual void read(const QString &key, QObject *context, ReadCallback done) = 0;
    virtual void write(const QString &key, const SecureBytes &secret, QObject *context, WriteCallback done) = 0;
    virtual void remove(const QString &key, QObject *context, WriteCallback done) = 0;
};

} // namespace stackscope::secrets
