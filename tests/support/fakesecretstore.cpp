#include "fakesecretstore.h"

#include <QMetaObject>
#include <QPointer>

#include <utility>

namespace stackscope::secrets {

namespace {

SecureBytes copyOf(const SecureBytes &bytes)
{
    return SecureBytes(bytes.view());
}

// Queued on `context`'s thread; dropped if `context` is gone by then (as with the real store).
void post(QObject *context, std::function<void()> call)
{
    const QPointer<QObject> guard(context);
    if (!guard)
        return;
    QMetaObject::invokeMethod(guard.data(), std::move(call), Qt::QueuedConnection);
}

} // namespace

FakeSecretStore::FakeSecretStore() = default;
FakeSecretStore::~FakeSecretStore() = default;

std::optional<Error> FakeSecretStore::takeFailure()
{
    ++m_calls;
    return m_failure;
}

void FakeSecretStore::read(const QString &key, QObject *context, ReadCallback done)
{
    std::shared_ptr<Result<SecureBytes>> result;
    if (auto failure = takeFailure()) {
        result = std::make_shared<Result<SecureBytes>>(std::move(*failure));
    } else if (const auto it = m_entries.constFind(key); it != m_entries.constEnd()) {
        result = std::make_shared<Result<SecureBytes>>(copyOf(**it));
    } else {
        result = std::make_shared<Result<SecureBytes>>(
            Error::make(Error::Code::KeyMissing, QStringLiteral("No secret named \"%1\" is stored.").arg(key),
                        QStringLiteral("fake secret store: %1 not found").arg(key)));
    }
    post(context, [done = std::move(done), result] { done(std::move(*result)); });
}

void FakeSecretStore::write(const QString &key, const SecureBytes &secret, QObject *context, WriteCallback done)
{
    Status status;
    if (auto failure = takeFailure())
        status = std::move(*failure);
    else
        m_entries.insert(key, std::make_shared<SecureBytes>(copyOf(secret)));
    post(context, [done = std::move(done), status] { done(status); });
}

void FakeSecretStore::remove(const QString &key, QObject *context, WriteCallback done)
{
    Status status;
    if (auto failure = takeFailure())
        status = std::move(*failure);
    else
        m_entries.remove(key);
    post(context, [done = std::move(done), status] { done(status); });
}

void FakeSecretStore::failWith(Error::Code code, QString userMessage)
{
    if (userMessage.isEmpty())
        userMessage = QStringLiteral("Fake secret store failure: %1").arg(toString(code));
    m_failure = Error::make(code, std::move(userMessage), QStringLiteral("fake secret store: injected failure"));
}

void FakeSecretStore::clearFailure()
{
    m_failure.reset();
}

bool FakeSecretStore::contains(const QString &key) const
{
    return m_entries.contains(key);
}

void FakeSecretStore::insert(const QString &key, const SecureBytes &secret)
{
    m_entries.insert(key, std::make_shared<SecureBytes>(copyOf(secret)));
}

int FakeSecretStore::count() const
{
    return int(m_entries.size());
}

} // namespace stackscope::secrets
