#pragma once

#include "secrets/secretstore.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace stackscope::secrets {

// In-memory SecretStore for unit tests. Answers asynchronously (queued on `context`, like the real keychain),
// holds its entries in SecureBytes, and can be told to fail every call with a given error code, e.g.
// Error::Code::KeychainUnavailable, to exercise the "keychain unavailable" paths without a keyring.
class FakeSecretStore final : public SecretStore
{
public:
    FakeSecretStore();
    ~FakeSecretStore() override;

    void read(const QString &key, QObject *context, ReadCallback done) override;
    void write(const QString &key, const SecureBytes &secret, QObject *context, WriteCallback done) override;
    void remove(const QString &key, QObject *context, WriteCallback done) override;

    // Every following call fails with `code` (until clearFailure()); the entries are left untouched.
    void failWith(Error::Code code, QString userMessage = {});
    void clearFailure();

    // Synchronous inspection and setup for tests.
    bool contains(const QString &key) const;
    void insert(const QString &key, const SecureBytes &secret);
    int count() const;
    int callCount() const { return m_calls; }

private:
    std::optional<Error> takeFailure();

    QHash<QString, std::shared_ptr<SecureBytes>> m_entries;
    std::optional<Error> m_failure;
    int m_calls = 0;
};

} // namespace stackscope::secrets
