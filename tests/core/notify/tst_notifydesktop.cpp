// Desktop notifications through a real notification server: dunst in a private D-Bus session
// (tests/with-desktop.sh). Proved with the id the server returns and with `dunstctl history`, not with a bus
// monitor (which sees a call even when nobody answers it).
// Run a second time with WITH_DESKTOP_NO_X=1 and STACKSCOPE_EXPECT_NO_NOTIFICATION_SERVER=1: a bus without a
// notification server must give a clear, retryable error.
#include "fakeclock.h"
#include "fakesecretstore.h"
#include "tempworkspace.h"

#include "notify/channelrepository.h"
#include "notify/desktopsender.h"
#include "notify/outboxdispatcher.h"
#include "notify/outboxrepository.h"
#include "storage/metricstore.h"

#include <QDBusConnection>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace stackscope;
using namespace stackscope::notify;

namespace {

bool expectNoServer()
{
    return qEnvironmentVariableIntValue("STACKSCOPE_EXPECT_NO_NOTIFICATION_SERVER") == 1;
}

Notification alert(qint64 alertId, const QString &severity, const QString &title)
{
    NotificationItem item;
    item.alertId = alertId;
    item.ruleName = QStringLiteral("Twilio failures high");
    item.severity = severity;
    item.project = QStringLiteral("shop");
    item.service = QStringLiteral("Twilio");
    item.summary = QStringLiteral("twilio.sms.failed 42 > 10 for 5 min <b>");
    item.link = QStringLiteral("stackscope://alert/%1").arg(alertId);
    Notification n;
    n.dedupKey = QStringLiteral("alert/%1").arg(alertId);
    n.title = title;
    n.severity = severity;
    n.items = {item};
    return n;
}

SendRequest request(const Notification &n)
{
    SendRequest r;
    r.channel.name = QStringLiteral("Desktop");
    r.channel.type = QStringLiteral("desktop");
    r.notification = n;
    r.deliveryId = QStringLiteral("msg_desktop");
    return r;
}

SendResult sendNow(DesktopSender &sender, const SendRequest &r)
{
    std::optional<SendResult> outcome;
    QEventLoop loop;
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    sender.send(r, &loop, [&](SendResult result) {
        outcome = std::move(result);
        loop.quit();
    });
    if (!outcome)
        loop.exec();
    return outcome ? *outcome : SendResult::failure(Error::make(Error::Code::Timeout, QStringLiteral("test: no answer")), true);
}

QByteArray dunstctl(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral("dunstctl"), arguments);
    if (!process.waitForFinished(20000) || process.exitCode() != 0)
        qWarning() << "dunstctl" << arguments << "failed:" << process.readAllStandardError();
    return process.readAllStandardOutput();
}

// dunst's history (closed notifications) as summary/id/timeout/appname records.
QList<QJsonObject> history()
{
    dunstctl({QStringLiteral("close-all")});
    const QJsonObject document = QJsonDocument::fromJson(dunstctl({QStringLiteral("history")})).object();
    QList<QJsonObject> entries;
    for (const QJsonValue &group : document.value(QStringLiteral("data")).toArray()) {
        for (const QJsonValue &entry : group.toArray()) {
            QJsonObject flat;
            const QJsonObject object = entry.toObject();
            for (auto it = object.begin(); it != object.end(); ++it)
                flat.insert(it.key(), it.value().toObject().value(QStringLiteral("data")));
            entries.append(flat);
        }
    }
    return entries;
}

std::optional<QJsonObject> entryWithId(const QList<QJsonObject> &entries, uint id)
{
    for (const QJsonObject &entry : entries) {
        if (entry.value(QStringLiteral("id")).toInt() == int(id))
            return entry;
    }
    return std::nullopt;
}

} // namespace

class tst_NotifyDesktop : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void notifyReachesTheServer();
    void clickingOpensTheAlert();
    void noSessionBusIsARetryableError();
    void noNotificationServerIsARetryableError();
    void throughTheOutbox();
};

void tst_NotifyDesktop::initTestCase()
{
    if (expectNoServer())
        return;
    QVERIFY2(!qEnvironmentVariable("WITH_DESKTOP_MISSING").contains(QStringLiteral("dunst")),
             "dunst is needed (scripts/install-deps.sh installs it)");
    QVERIFY2(QDBusConnection::sessionBus().isConnected(), "run under tests/with-desktop.sh");
}

void tst_NotifyDesktop::notifyReachesTheServer()
{
    if (expectNoServer())
        QSKIP("no notification server in this run");
    DesktopSender sender;
    const QString criticalTitle = QStringLiteral("[critical] Twilio failures high — shop");
    QVERIFY(sendNow(sender, request(alert(17, QStringLiteral("critical"), QStringLiteral("first title")))).ok());
    const uint first = sender.notificationIdFor(17);
    QVERIFY(first > 0);
    // An update about the same alert replaces the notification on screen.
    const SendResult update = sendNow(sender, request(alert(17, QStringLiteral("critical"), criticalTitle)));
    QVERIFY2(update.ok(), qPrintable(update.message()));
    QCOMPARE(sender.notificationIdFor(17), first);
    QVERIFY(sendNow(sender, request(alert(18, QStringLiteral("warning"), QStringLiteral("[warning] Latency high")))).ok());
    const uint warning = sender.notificationIdFor(18);
    QVERIFY(warning > 0 && warning != first);

    const QList<QJsonObject> entries = history();
    const auto critical = entryWithId(entries, first);
    QVERIFY2(critical.has_value(), qPrintable(QStringLiteral("%1 entries in dunst's history").arg(entries.size())));
    QCOMPARE(critical->value(QStringLiteral("summary")).toString(), criticalTitle);
    QCOMPARE(critical->value(QStringLiteral("appname")).toString(), QStringLiteral("Stackscope"));
    QVERIFY(critical->value(QStringLiteral("body")).toString().contains(QStringLiteral("&lt;b&gt;")) // escaped markup
            || !critical->value(QStringLiteral("body")).toString().contains(QStringLiteral("<b>")));
    // dunst keeps critical notifications until dismissed (timeout 0) and lets others expire: this is how we
    // see that the urgency arrived as the byte 2 the specification asks for.
    QCOMPARE(critical->value(QStringLiteral("timeout")).toInteger(), 0);
    const auto normal = entryWithId(entries, warning);
    QVERIFY(normal.has_value());
    QVERIFY(normal->value(QStringLiteral("timeout")).toInteger() > 0);
    QCOMPARE(DesktopSender::urgencyFor(QStringLiteral("critical")), uchar(2));
    QCOMPARE(DesktopSender::urgencyFor(QStringLiteral("warning")), uchar(1));
    QCOMPARE(DesktopSender::urgencyFor(QStringLiteral("info")), uchar(0));
}

void tst_NotifyDesktop::clickingOpensTheAlert()
{
    if (expectNoServer())
        QSKIP("no notification server in this run");
    DesktopSender sender;
    QSignalSpy activated(&sender, &DesktopSender::activated);
    dunstctl({QStringLiteral("close-all")});
    QVERIFY(sendNow(sender, request(alert(42, QStringLiteral("critical"), QStringLiteral("Click me")))).ok());
    dunstctl({QStringLiteral("action"), QStringLiteral("0")}); // what a click on the notification does
    QVERIFY(activated.wait(20000) || activated.size() == 1);
    QCOMPARE(activated.first().first().toLongLong(), 42);
}

void tst_NotifyDesktop::noSessionBusIsARetryableError()
{
    DesktopSender sender(QDBusConnection::connectToBus(QStringLiteral("unix:path=/nonexistent/stackscope-bus"),
                                                       QStringLiteral("stackscope-no-bus")));
    const SendResult result = sendNow(sender, request(alert(1, QStringLiteral("critical"), QStringLiteral("x"))));
    QVERIFY(!result.ok());
    QVERIFY(result.retryable);
    QVERIFY2(result.message().contains(QStringLiteral("no D-Bus session bus")), qPrintable(result.message()));
}

void tst_NotifyDesktop::noNotificationServerIsARetryableError()
{
    if (!expectNoServer())
        QSKIP("this run has a notification server");
    DesktopSender sender;
    const SendResult result = sendNow(sender, request(alert(1, QStringLiteral("critical"), QStringLiteral("x"))));
    QVERIFY(!result.ok());
    QVERIFY(result.retryable);
    QVERIFY2(result.message().contains(QStringLiteral("Desktop notifications are not available")), qPrintable(result.message()));
}

void tst_NotifyDesktop::throughTheOutbox()
{
    if (expectNoServer())
        QSKIP("no notification server in this run");
    test::TempWorkspace ws;
    auto store = ws.create();
    QVERIFY(store);
    ChannelConfig config;
    config.name = QStringLiteral("This computer");
    config.type = QStringLiteral("desktop");
    auto channel = ChannelRepository(store->database()).add(config);
    QVERIFY(channel);
    test::FakeClock clock;
    const QString title = QStringLiteral("[critical] Outbox to the desktop");
    QVERIFY(OutboxRepository(store->database()).enqueue(channel->id, alert(77, QStringLiteral("critical"), title), clock.nowMs()));
    secrets::FakeSecretStore keychain;
    OutboxDispatcher dispatcher(StoreGateway::direct(*store), ChannelCredentials::keychain(keychain), clock);
    QSignalSpy activated(&dispatcher, &OutboxDispatcher::activated);
    dunstctl({QStringLiteral("close-all")});
    QCOMPARE(dispatcher.drain(std::chrono::seconds(30)).delivered, 1);

    dunstctl({QStringLiteral("action"), QStringLiteral("0")});
    QVERIFY(activated.wait(20000) || activated.size() == 1);
    QCOMPARE(activated.first().first().toLongLong(), 77);
    bool found = false;
    for (const QJsonObject &entry : history())
        found = found || entry.value(QStringLiteral("summary")).toString() == title;
    QVERIFY(found);
}

QTEST_GUILESS_MAIN(tst_NotifyDesktop)
#include "tst_notifydesktop.moc"
