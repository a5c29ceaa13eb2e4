#include "fakeclock.h"

#include "connector/connectorregistry.h"
#include "connector/pollscheduler.h"
#include "connector/requestbudget.h"
#include "net/httpclient.h"

#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <cmath>

using namespace stackscope;
using namespace stackscope::connector;

namespace {

constexpr qint64 kT0 = 1767225600000;
constexpr qint64 kInterval = 300'000;

// What the fake connector does on its next fetch.
struct Script
{
    enum class Kind { Succeed, Fail, Hang, Incomplete };
    Kind kind = Kind::Succeed;
    Error error;
    int delayMs = 0;
};

// A connector whose behaviour the test scripts, per service name; it records every window it is asked for.
struct FakeBackend
{
    QHash<QString, Script> scripts;
    QList<QPair<QString, FetchWindow>> calls;
    QList<Connector::FetchDone> hung; // answers held back by "hanging" fetches
};

class FakeConnector final : public Connector
{
public:
    explicit FakeConnector(FakeBackend &backend, std::optional<int> backfillDays, int maxConcurrent = 4)
        : m_backend(backend)
    {
        m_info.typeId = QStringLiteral("fake");
        m_info.displayName = QStringLiteral("Fake");
        m_info.credentials = {FieldSpec{QStringLiteral("token"), QStringLiteral("Token"), {}, true, true, {}}};
        m_info.maxBackfillDays = backfillDays;
        m_info.budget = RequestBudget{1000, std::chrono::seconds(60), maxConcurrent};
    }
    const ConnectorInfo &info() const override { return m_info; }
    void testConnection(FetchSession &, TestDone done) override { done({}); }
    QString accountKey(const ServiceConfig &config) const override
    {
        return config.settings.value(QStringLiteral("account"), config.uuid);
    }
    void fetch(FetchSession &session, const FetchWindow &window, FetchDone done) override
    {
        const QString name = session.service().name;
        m_backend.calls.append({name, window});
        const Script script = m_backend.scripts.value(name);
        FetchResult result;
        result.samples.append({QStringLiteral("fake.metric"), {}, window.toMs, 1.0});
        // A connector bug or a hostile response: never stored.
        result.samples.append({QStringLiteral("fake.metric"), {}, window.toMs, std::nan("")});
        result.samples.append({QString(), {}, window.toMs, 2.0});
        switch (script.kind) {
        case Script::Kind::Hang:
            m_backend.hung.append(std::move(done));
            return;
        case Script::Kind::Fail:
            done(script.error);
            return;
        case Script::Kind::Incomplete:
            result.complete = false;
            result.cursor = QJsonObject{{QStringLiteral("page"), 2}};
            break;
        case Script::Kind::Succeed:
            break;
        }
        if (script.delayMs > 0)
            QTimer::singleShot(script.delayMs, [done, result] { done(result); });
        else
            done(result);
    }

private:
    FakeBackend &m_backend;
    ConnectorInfo m_info;
};

ScheduledService service(qint64 id, const QString &name, bool withToken = true)
{
    ScheduledService s;
    s.config.id = id;
    s.config.uuid = QStringLiteral("uuid-%1").arg(id);
    s.config.project = QStringLiteral("shop");
    s.config.type = QStringLiteral("fake");
    s.config.name = name;
    s.config.interval = std::chrono::seconds(kInterval / 1000);
    if (withToken)
        s.credentials.emplace(QStringLiteral("token"), std::make_shared<const secrets::SecureBytes>(QByteArrayView("t0k3n")));
    return s;
}

Error error(Error::Code code, std::optional<std::chrono::milliseconds> retryAfter = std::nullopt)
{
    Error e = Error::make(code, QStringLiteral("scripted failure"));
    e.retryAfter = retryAfter;
    return e;
}

} // namespace

class tst_PollScheduler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void successRunsAgainOneIntervalLater();
    void failuresBackOffExponentiallyUpToTheInterval();
    void rateLimitHonoursRetryAfter();
    void rejectedCredentialsDisableTheService();
    void missingCredentialDisablesWithoutAFetch();
    void aHangingServiceDelaysNoOther();
    void firstPollBackfillsThenOverlapsOneInterval();
    void incompleteFetchResumesSoonWithItsCursor();
    void samplesAreLabelledWithProjectAndService();
    void requestBudgetSlidingWindow();
    void servicesOfOneTypeTakeTurnsWithinItsConcurrency(); // per account, really

private:
    std::unique_ptr<PollScheduler> makeScheduler(std::optional<int> backfillDays = std::nullopt, int maxConcurrent = 4);

    FakeBackend m_backend;
    ConnectorRegistry m_registry;
    test::FakeClock m_clock{kT0};
    std::unique_ptr<net::HttpClient> m_http;
};

void tst_PollScheduler::init()
{
    m_backend = {};
    m_registry = {};
    m_clock.set(kT0);
    m_http = std::make_unique<net::HttpClient>();
}

void tst_PollScheduler::cleanup()
{
    m_http.reset();
}

std::unique_ptr<PollScheduler> tst_PollScheduler::makeScheduler(std::optional<int> backfillDays, int maxConcurrent)
{
    m_registry.add([this, backfillDays, maxConcurrent] {
        return std::make_unique<FakeConnector>(m_backend, backfillDays, maxConcurrent);
    });
    auto scheduler = std::make_unique<PollScheduler>(m_registry, *m_http, m_clock);
    scheduler->setJitter(0);
    return scheduler;
}

void tst_PollScheduler::successRunsAgainOneIntervalLater()
{
    auto scheduler = makeScheduler();
    scheduler->setServices({service(1, QStringLiteral("a"))});
    scheduler->runDue();
    QCOMPARE(m_backend.calls.size(), 1);
    QCOMPARE(scheduler->health(1)->state, ServiceHealth::State::Ok);
    QCOMPARE(scheduler->health(1)->nextRunMs, kT0 + kInterval);
    QCOMPARE(scheduler->health(1)->lastSuccessMs, kT0);

    m_clock.advance(kInterval - 1);
    scheduler->runDue();
    QCOMPARE(m_backend.calls.size(), 1); // not yet due
    m_clock.advance(1);
    scheduler->runDue();
    QCOMPARE(m_backend.calls.size(), 2);
}

void tst_PollScheduler::failuresBackOffExponentiallyUpToTheInterval()
{
    m_backend.scripts.insert(QStringLiteral("a"), {Script::Kind::Fail, error(Error::Code::Network), 0});
    auto scheduler = makeScheduler();
    scheduler->setServices({service(1, QStringLiteral("a"))});
    const qint64 expected[] = {15'000, 30'000, 60'000, 120'000, 240'000, kInterval, kInterval};
    for (qint64 delay : expected) {
        scheduler->runDue();
        const ServiceHealth health = *scheduler->health(1);
        QCOMPARE(health.state, ServiceHealth::State::Failing);
        QCOMPARE(health.lastError, QStringLiteral("scripted failure"));
        QCOMPARE(health.nextRunMs - m_clock.nowMs(), delay);
        m_clock.set(health.nextRunMs);
    }
    // Recovery resets the backoff.
    m_backend.scripts.remove(QStringLiteral("a"));
    scheduler->runDue();
    QCOMPARE(scheduler->health(1)->state, ServiceHealth::State::Ok);
    QCOMPARE(scheduler->health(1)->consecutiveFailures, 0);
    QVERIFY(scheduler->health(1)->lastError.isEmpty());
}

void tst_PollScheduler::rateLimitHonoursRetryAfter()
{
    m_backend.scripts.insert(QStringLiteral("a"),
                             {Script::Kind::Fail, error(Error::Code::RateLimited, std::chrono::milliseconds(120'000)), 0});
    auto scheduler = makeScheduler();
    scheduler->setServices({service(1, QStringLiteral("a"))});
    scheduler->runDue();
    QCOMPARE(scheduler->health(1)->nextRunMs, kT0 + 120'000);
}

void tst_PollScheduler::rejectedCredentialsDisableTheService()
{
    m_backend.scripts.insert(QStringLiteral("a"), {Script::Kind::Fail, error(Error::Code::Auth), 0});
    auto scheduler = makeScheduler();
    QSignalSpy changed(scheduler.get(), &PollScheduler::healthChanged);
    scheduler->setServices({service(1, QStringLiteral("a")), service(2, QStringLiteral("b"))});
    scheduler->runDue();
    QCOMPARE(scheduler->health(1)->state, ServiceHealth::State::Disabled);
    QVERIFY(scheduler->health(1)->lastError.contains(QStringLiteral("until the credentials change")));
    QCOMPARE(scheduler->health(1)->nextRunMs, 0);
    QCOMPARE(changed.size(), 2);
    m_clock.advance(10 * kInterval);
    scheduler->runDue();
    int callsForA = 0;
    for (const auto &call : m_backend.calls)
        callsForA += call.first == QLatin1String("a");
    QCOMPARE(callsForA, 1); // never again until its credentials change (setServices with new ones)
    QCOMPARE(scheduler->health(2)->state, ServiceHealth::State::Ok);
}

void tst_PollScheduler::missingCredentialDisablesWithoutAFetch()
{
    auto scheduler = makeScheduler();
    scheduler->setServices({service(1, QStringLiteral("a"), false)});
    scheduler->runDue();
    QVERIFY(m_backend.calls.isEmpty());
    QCOMPARE(scheduler->health(1)->state, ServiceHealth::State::Disabled);
    QVERIFY(scheduler->health(1)->lastError.contains(QStringLiteral("missing")));
}

void tst_PollScheduler::aHangingServiceDelaysNoOther()
{
    m_backend.scripts.insert(QStringLiteral("slow"), {Script::Kind::Hang, {}, 0});
    m_backend.scripts.insert(QStringLiteral("fast"), {Script::Kind::Succeed, {}, 20});
    auto scheduler = makeScheduler();
    scheduler->setRunDeadline(std::chrono::milliseconds(300));
    QSignalSpy samples(scheduler.get(), &PollScheduler::samplesFetched);
    scheduler->setServices({service(1, QStringLiteral("slow")), service(2, QStringLiteral("fast"))});
    scheduler->runDue();
    QVERIFY(QTest::qWaitFor([&] { return scheduler->health(2)->state == ServiceHealth::State::Ok; }, 2000));
    QCOMPARE(samples.size(), 1);
    QCOMPARE(samples.first().at(0).toLongLong(), 2);
    QVERIFY(scheduler->isBusy()); // the slow one is still running

    QVERIFY(QTest::qWaitFor([&] { return scheduler->health(1)->state == ServiceHealth::State::Failing; }, 2000));
    QVERIFY(scheduler->health(1)->lastError.contains(QStringLiteral("abandoned")));
    QVERIFY(!scheduler->isBusy());
    // Its late answer changes nothing.
    QCOMPARE(m_backend.hung.size(), 1);
    m_backend.hung.takeFirst()(FetchResult{});
    QCOMPARE(scheduler->health(1)->state, ServiceHealth::State::Failing);
    QCOMPARE(samples.size(), 1);
}

void tst_PollScheduler::firstPollBackfillsThenOverlapsOneInterval()
{
    auto scheduler = makeScheduler(7);
    scheduler->setServices({service(1, QStringLiteral("a"))});
    scheduler->runDue();
    QCOMPARE(m_backend.calls.size(), 1);
    QVERIFY(m_backend.calls[0].second.backfill);
    QCOMPARE(m_backend.calls[0].second.fromMs, kT0 - 7 * 86'400'000LL);
    QCOMPARE(m_backend.calls[0].second.toMs, kT0);

    m_clock.advance(kInterval);
    scheduler->runDue();
    QCOMPARE(m_backend.calls.size(), 2);
    QVERIFY(!m_backend.calls[1].second.backfill);
    QCOMPARE(m_backend.calls[1].second.fromMs, kT0 - kInterval); // last success minus one interval
    QCOMPARE(m_backend.calls[1].second.toMs, kT0 + kInterval);
}

void tst_PollScheduler::incompleteFetchResumesSoonWithItsCursor()
{
    m_backend.scripts.insert(QStringLiteral("a"), {Script::Kind::Incomplete, {}, 0});
    auto scheduler = makeScheduler(30);
    scheduler->setServices({service(1, QStringLiteral("a"))});
    scheduler->runDue();
    const ServiceHealth health = *scheduler->health(1);
    QCOMPARE(health.nextRunMs, kT0 + 1000);
    QCOMPARE(health.lastSuccessMs, 0); // the backfill is not done yet
    m_clock.advance(1000);
    scheduler->runDue();
    QCOMPARE(m_backend.calls.size(), 2);
    QVERIFY(m_backend.calls[1].second.backfill);
    QCOMPARE(m_backend.calls[1].second.cursor.value(QStringLiteral("page")).toInt(), 2);
}

void tst_PollScheduler::samplesAreLabelledWithProjectAndService()
{
    auto scheduler = makeScheduler();
    QSignalSpy samples(scheduler.get(), &PollScheduler::samplesFetched);
    scheduler->setServices({service(7, QStringLiteral("Twilio prod"))});
    scheduler->runDue();
    QCOMPARE(samples.size(), 1);
    const auto batch = samples.first().at(1).value<SampleBatch>();
    QCOMPARE(batch.size(), 1);
    QCOMPARE(batch.first().labels.value(QStringLiteral("project")), QStringLiteral("shop"));
    QCOMPARE(batch.first().labels.value(QStringLiteral("service")), QStringLiteral("Twilio prod"));
}

void tst_PollScheduler::requestBudgetSlidingWindow()
{
    RequestBudgetTracker budget(RequestBudget{3, std::chrono::seconds(60), 1});
    QVERIFY(budget.trySpend(0));
    QVERIFY(budget.trySpend(10'000));
    QVERIFY(budget.trySpend(20'000));
    QVERIFY(!budget.trySpend(30'000));
    QCOMPARE(budget.nextAvailableMs(30'000), 60'000);
    QVERIFY(budget.trySpend(60'000)); // the first spend has left the window
    QVERIFY(!budget.trySpend(60'001));
}

void tst_PollScheduler::servicesOfOneTypeTakeTurnsWithinItsConcurrency()
{
    for (const char *name : {"a", "b", "c"})
        m_backend.scripts.insert(QString::fromLatin1(name), {Script::Kind::Succeed, {}, 50});
    auto scheduler = makeScheduler(std::nullopt, 1);
    QSignalSpy finished(scheduler.get(), &PollScheduler::cycleFinished);
    // a and b are on one vendor account (one run at a time); c is on another and never waits for them.
    auto a = service(1, QStringLiteral("a"));
    auto b = service(2, QStringLiteral("b"));
    auto c = service(3, QStringLiteral("c"));
    a.config.settings.insert(QStringLiteral("account"), QStringLiteral("acct-1"));
    b.config.settings.insert(QStringLiteral("account"), QStringLiteral("acct-1"));
    c.config.settings.insert(QStringLiteral("account"), QStringLiteral("acct-2"));
    scheduler->setServices({a, b, c});
    scheduler->runNow();
    QCOMPARE(m_backend.calls.size(), 2);
    QStringList started;
    for (const auto &call : m_backend.calls)
        started.append(call.first);
    QVERIFY(started.contains(QStringLiteral("c")));
    QVERIFY(QTest::qWaitFor([&] { return !finished.isEmpty(); }, 3000));
    QCOMPARE(m_backend.calls.size(), 3);
    for (qint64 id : {1, 2, 3})
        QCOMPARE(scheduler->health(id)->state, ServiceHealth::State::Ok);
}

QTEST_GUILESS_MAIN(tst_PollScheduler)
#include "tst_pollscheduler.moc"
