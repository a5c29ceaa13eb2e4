// SigV4 against AWS's published test suite (tests/data/aws/sigv4/README.md), plus the properties the
// connector relies on: encoding, canonical form, and the secret never leaving guarded memory in readable form.

#include "fixturesecrets.h"
#include "sigv4signer.h"

#include "localhttpserver.h"
#include "secrets/securebytes.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace stackscope;
using namespace stackscope::connectors::aws;

namespace {

QJsonObject suite()
{
    QFile file(test::LocalHttpServer::dataPath(QStringLiteral("aws/sigv4/cases.json")));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

ByteHeaders pairs(const QJsonArray &array)
{
    ByteHeaders out;
    for (const QJsonValue &entry : array)
        out.append({entry.toArray().at(0).toString().toUtf8(), entry.toArray().at(1).toString().toUtf8()});
    return out;
}

} // namespace

class tst_SigV4 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void testSuite_data();
    void testSuite();
    void canonicalRequestOfGetVanilla();
    void uriEncode_data();
    void uriEncode();
    void amzDate();
    void missingDateGivesNoSignature();
    void cloudWatchCallIsSignedOverItsHeaders();

private:
    QJsonObject m_suite;
};

void tst_SigV4::initTestCase()
{
    QVERIFY(secrets::initSodium());
    m_suite = suite();
    QVERIFY2(m_suite.value(QStringLiteral("cases")).toArray().size() >= 20, "tests/data/aws/sigv4/cases.json missing");
}

void tst_SigV4::testSuite_data()
{
    QTest::addColumn<QJsonObject>("testCase");
    for (const QJsonValue &entry : m_suite.value(QStringLiteral("cases")).toArray())
        QTest::addRow("%s", qPrintable(entry.toObject().value(QStringLiteral("name")).toString())) << entry.toObject();
}

void tst_SigV4::testSuite()
{
    QFETCH(QJsonObject, testCase);
    SigV4Request request;
    request.method = testCase.value(QStringLiteral("method")).toString().toLatin1();
    request.path = testCase.value(QStringLiteral("path")).toString().toUtf8();
    request.query = pairs(testCase.value(QStringLiteral("query")).toArray());
    request.headers = pairs(testCase.value(QStringLiteral("headers")).toArray());
    request.body = testCase.value(QStringLiteral("body")).toString().toUtf8();

    const SigV4Signer signer(m_suite.value(QStringLiteral("region")).toString().toLatin1(),
                             m_suite.value(QStringLiteral("service")).toString().toLatin1());
    const secrets::SecureBytes secret(m_suite.value(QStringLiteral("secret_access_key")).toString().toUtf8());
    const QByteArray authorization
        = signer.authorization(m_suite.value(QStringLiteral("access_key_id")).toString().toUtf8(), secret, request);
    QCOMPARE(QString::fromLatin1(authorization), testCase.value(QStringLiteral("authorization")).toString());
}

void tst_SigV4::canonicalRequestOfGetVanilla()
{
    // The steps of get-vanilla, whose intermediate forms AWS's signing guide shows.
    SigV4Request request;
    request.method = "GET";
    request.headers = {{"Host", "example.amazonaws.com"}, {"X-Amz-Date", "20150830T123600Z"}};
    QByteArray signedHeaders;
    const QByteArray canonical = SigV4Signer::canonicalRequest(request, &signedHeaders);
    QCOMPARE(canonical, QByteArray("GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
                                   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    QCOMPARE(signedHeaders, QByteArray("host;x-amz-date"));
    const SigV4Signer signer("us-east-1", "service");
    QCOMPARE(signer.stringToSign("20150830T123600Z", canonical),
             QByteArray("AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                        "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63"));
}

void tst_SigV4::uriEncode_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<bool>("encodeSlash");
    QTest::addColumn<QByteArray>("expected");
    QTest::addRow("unreserved kept") << QByteArray("AZaz09-_.~") << true << QByteArray("AZaz09-_.~");
    QTest::addRow("space is %%20, never +") << QByteArray("a b+c") << true << QByteArray("a%20b%2Bc");
    QTest::addRow("slash in a path") << QByteArray("/a/b") << false << QByteArray("/a/b");
    QTest::addRow("slash in a query value") << QByteArray("/a/b") << true << QByteArray("%2Fa%2Fb");
    QTest::addRow("utf-8, upper-case hex") << QByteArray("\xe1\x88\xb4") << true << QByteArray("%E1%88%B4");
}

void tst_SigV4::uriEncode()
{
    QFETCH(QByteArray, input);
    QFETCH(bool, encodeSlash);
    QFETCH(QByteArray, expected);
    QCOMPARE(SigV4Signer::uriEncode(input, encodeSlash), expected);
}

void tst_SigV4::amzDate()
{
    QCOMPARE(SigV4Signer::amzDate(1440938160000), QByteArray("20150830T123600Z"));
    QCOMPARE(SigV4Signer::amzDate(1767225600000), QByteArray("20260101T000000Z"));
}

void tst_SigV4::missingDateGivesNoSignature()
{
    SigV4Request request;
    request.headers = {{"host", "example.amazonaws.com"}};
    const secrets::SecureBytes secret(QByteArrayView("secret"));
    QVERIFY(SigV4Signer("us-east-1", "service").authorization("AKID", secret, request).isEmpty());
    request.headers.append(QPair<QByteArray, QByteArray>("x-amz-date", "2015-08-30"));
    QVERIFY(SigV4Signer("us-east-1", "service").authorization("AKID", secret, request).isEmpty());
}

void tst_SigV4::cloudWatchCallIsSignedOverItsHeaders()
{
    // The shape the connector sends: every header that matters is signed, the secret never appears.
    SigV4Request request;
    request.headers = {{"Host", "monitoring.eu-west-1.amazonaws.com"},
                       {"Content-Type", "application/x-amz-json-1.0"},
                       {"X-Amz-Date", "20260101T000000Z"},
                       {"X-Amz-Target", "GraniteServiceVersion20100801.GetMetricData"},
                       {"x-amzn-query-mode", "true"},
                       {"X-Amz-Security-Token", "FwoGZXIvYXdzEXAMPLETOKEN"}};
    request.body = R"({"MetricDataQueries":[]})";
    const QByteArray secretText = stackscope::test::fixtureSecret(QStringLiteral("aws/credentials.json"), QStringLiteral("example_secret"));
    QVERIFY(!secretText.isEmpty());
    const secrets::SecureBytes secret(secretText);
    const QByteArray authorization = SigV4Signer("eu-west-1", "monitoring").authorization("AKIDEXAMPLE", secret, request);
    QVERIFY(authorization.startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/eu-west-1/monitoring/aws4_request, "
                                     "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target;"
                                     "x-amzn-query-mode, Signature="));
    QCOMPARE(authorization.size() - authorization.indexOf("Signature=") - 10, 64);
    QVERIFY(!authorization.contains(secretText));
    // Any change to the body changes the signature.
    request.body += ' ';
    QVERIFY(SigV4Signer("eu-west-1", "monitoring").authorization("AKIDEXAMPLE", secret, request) != authorization);
}

QTEST_GUILESS_MAIN(tst_SigV4)
#include "tst_sigv4.moc"
