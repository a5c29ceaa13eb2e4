// The generic HTTP/JSON connector's pure functions: settings, headers, label fields, body parsing, numbers
// and times, extraction on recorded answers (tests/data/generichttp/) and the next page.
#include "generichttpmapper.h"

#include "localhttpserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTest>

#include <cmath>
#include <limits>

using namespace stackscope;
using namespace stackscope::connectors::generichttp;
using namespace Qt::StringLiterals;
using json = nlohmann::json;

namespace {

using SettingMap = QMap<QString, QString>;

constexpr qint64 kPollTime = 1767225600987; // 2026-01-01T00:00:00.987Z

QByteArray recorded(const QString &name)
{
    QFile file(test::LocalHttpServer::dataPath(u"generichttp/"_s + name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(file.fileName()));
    return file.readAll();
}

SettingMap base(const SettingMap &extra)
{
    SettingMap settings{{u"url"_s, u"https://api.example.com/v1/stats"_s}, {u"metric"_s, u"example.metric"_s}};
    for (auto it = extra.cbegin(); it != extra.cend(); ++it)
        settings.insert(it.key(), it.value());
    return settings;
}

Settings settingsOf(const SettingMap &extra)
{
    auto settings = parseSettings(base(extra), QUrl());
    if (!settings)
        qFatal("settings refused: %s", qPrintable(settings.error().userMessage));
    return std::move(settings).value();
}

json document(const QByteArray &text)
{
    auto parsed = parseBody(text);
    if (!parsed)
        qFatal("not JSON: %s", qPrintable(parsed.error().userMessage));
    return std::move(parsed).value();
}

QString describeLabels(const Labels &labels)
{
    QStringList parts;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        parts << it.key() + u'=' + it.value();
    return parts.join(u',');
}

} // namespace

Q_DECLARE_METATYPE(SettingMap)

class tst_GenericHttpMapper : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void settings_data();
    void settings();
    void settingsDefaults();
    void relativeUrl();
    void headers_data();
    void headers();
    void labelFields_data();
    void labelFields();
    void parseBody_data();
    void parseBody();
    void numberFrom_data();
    void numberFrom();
    void timestampFrom_data();
    void timestampFrom();
    void extract_data();
    void extract();
    void valueModeStampsTheWholeSecond();
    void seriesValuesAndLabels();
    void rfc3339Incidents();
    void rejectedSamplesAreCounted();
    void manyPointsStayFast();
    void nextPage_data();
    void nextPage();
    void describeText();
};

void tst_GenericHttpMapper::settings_data()
{
    QTest::addColumn<SettingMap>("extra");
    QTest::addColumn<QString>("messagePart"); // empty: accepted

    QTest::addRow("value mode") << SettingMap{{u"value_path"_s, u"$.data.count"_s}} << QString();
    QTest::addRow("series mode") << SettingMap{{u"series_path"_s, u"$.series"_s}, {u"label_fields"_s, u"region"_s}}
                                 << QString();
    QTest::addRow("post with JSON body")
        << SettingMap{{u"value_path"_s, u"$.n"_s}, {u"method"_s, u"post"_s}, {u"body"_s, u"{\"q\":1}"_s}} << QString();
    QTest::addRow("post with form body and its type")
        << SettingMap{{u"value_path"_s, u"$.n"_s}, {u"method"_s, u"POST"_s}, {u"body"_s, u"a=1&b=2"_s},
                      {u"headers"_s, u"Content-Type: application/x-www-form-urlencoded"_s}} << QString();
    QTest::addRow("cursor pagination")
        << SettingMap{{u"series_path"_s, u"data"_s}, {u"next_path"_s, u"next_cursor"_s}, {u"cursor_param"_s, u"after"_s},
                      {u"max_pages"_s, u"3"_s}} << QString();
    QTest::addRow("value mode with the CLI's defaults")
        << SettingMap{{u"value_path"_s, u"n"_s}, {u"method"_s, u"GET"_s}, {u"kind"_s, u"gauge"_s},
                      {u"timestamp_unit"_s, u"auto"_s}, {u"max_pages"_s, u"10"_s}} << QString();

    QTest::addRow("no url") << SettingMap{{u"url"_s, QString()}, {u"value_path"_s, u"n"_s}} << u"Set the url setting"_s;
    QTest::addRow("plain http to another host") << SettingMap{{u"url"_s, u"http://api.example.com/x"_s}, {u"value_path"_s, u"n"_s}}
                                                << u"plain http:// is only allowed to this computer"_s;
    QTest::addRow("ftp") << SettingMap{{u"url"_s, u"ftp://example.com/x"_s}, {u"value_path"_s, u"n"_s}}
                         << u"the scheme \"ftp\" is not supported"_s;
    QTest::addRow("user in url") << SettingMap{{u"url"_s, u"https://me:pw@example.com/x"_s}, {u"value_path"_s, u"n"_s}}
                                 << u"credentials belong in headers"_s;
    QTest::addRow("relative url without base") << SettingMap{{u"url"_s, u"/v1/stats"_s}, {u"value_path"_s, u"n"_s}}
                                               << u"must be absolute"_s;
    QTest::addRow("no rule") << SettingMap{} << u"Set value_path"_s;
    QTest::addRow("both rules") << SettingMap{{u"value_path"_s, u"a"_s}, {u"series_path"_s, u"b"_s}} << u"not both"_s;
    QTest::addRow("bad path") << SettingMap{{u"value_path"_s, u"$.data[abc]"_s}}
                              << u"The value_path setting \"$.data[abc]\" is not a path: expected an index"_s;
    QTest::addRow("wildcard in value path") << SettingMap{{u"value_path"_s, u"$.items[*].n"_s}}
                                            << u"value_path must select one number"_s;
    QTest::addRow("wildcard in value field") << SettingMap{{u"series_path"_s, u"s"_s}, {u"value_field"_s, u"v[*]"_s}}
                                             << u"The value_field setting \"v[*]\" must name one value of each point"_s;
    QTest::addRow("series setting in value mode") << SettingMap{{u"value_path"_s, u"n"_s}, {u"label_fields"_s, u"x"_s}}
                                                  << u"The label_fields setting only applies with series_path"_s;
    QTest::addRow("next_path in value mode") << SettingMap{{u"value_path"_s, u"n"_s}, {u"next_path"_s, u"next"_s}}
                                             << u"The next_path setting only applies with series_path"_s;
    QTest::addRow("timestamp unit in value mode") << SettingMap{{u"value_path"_s, u"n"_s}, {u"timestamp_unit"_s, u"ms"_s}}
                                                  << u"timestamp_unit setting only applies with series_path"_s;
    QTest::addRow("no metric") << SettingMap{{u"metric"_s, u" "_s}, {u"value_path"_s, u"n"_s}} << u"Set the metric setting"_s;
    QTest::addRow("metric too long") << SettingMap{{u"metric"_s, QString(300, u'm')}, {u"value_path"_s, u"n"_s}}
                                     << u"The metric name cannot be used: \"metric\" must be at most 256"_s;
    QTest::addRow("metric with control characters") << SettingMap{{u"metric"_s, u"a\u0007b"_s}, {u"value_path"_s, u"n"_s}}
                                                    << u"The metric name cannot be used"_s;
    QTest::addRow("bad kind") << SettingMap{{u"kind"_s, u"histogram"_s}, {u"value_path"_s, u"n"_s}}
                              << u"The kind must be gauge or counter, not \"histogram\""_s;
    QTest::addRow("long unit") << SettingMap{{u"unit"_s, QString(65, u'u')}, {u"value_path"_s, u"n"_s}}
                               << u"The unit must be at most 64"_s;
    QTest::addRow("method PUT") << SettingMap{{u"method"_s, u"PUT"_s}, {u"value_path"_s, u"n"_s}}
                                << u"The method must be GET or POST, not \"PUT\""_s;
    QTest::addRow("body with GET") << SettingMap{{u"body"_s, u"{}"_s}, {u"value_path"_s, u"n"_s}}
                                   << u"only sent with method=POST"_s;
    QTest::addRow("body not JSON") << SettingMap{{u"method"_s, u"POST"_s}, {u"body"_s, u"{oops"_s}, {u"value_path"_s, u"n"_s}}
                                   << u"The body is not valid JSON"_s;
    QTest::addRow("huge body") << SettingMap{{u"method"_s, u"POST"_s}, {u"body"_s, u"\""_s + QString(70'000, u'x') + u"\""_s},
                                             {u"value_path"_s, u"n"_s}} << u"larger than 64 KiB"_s;
    QTest::addRow("bad timestamp unit") << SettingMap{{u"series_path"_s, u"s"_s}, {u"timestamp_unit"_s, u"ns"_s}}
                                        << u"must be auto, s, ms or rfc3339, not \"ns\""_s;
    QTest::addRow("cursor_param without next_path") << SettingMap{{u"series_path"_s, u"s"_s}, {u"cursor_param"_s, u"page"_s}}
                                                    << u"cursor_param setting needs next_path"_s;
    QTest::addRow("cursor_param with &") << SettingMap{{u"series_path"_s, u"s"_s}, {u"next_path"_s, u"n"_s},
                                                       {u"cursor_param"_s, u"a&b"_s}} << u"not a usable query parameter"_s;
    QTest::addRow("max_pages zero") << SettingMap{{u"series_path"_s, u"s"_s}, {u"max_pages"_s, u"0"_s}}
                                    << u"max_pages must be a whole number from 1 to 100"_s;
    QTest::addRow("max_pages huge") << SettingMap{{u"series_path"_s, u"s"_s}, {u"max_pages"_s, u"99999999999"_s}}
                                    << u"from 1 to 100"_s;
    QTest::addRow("header_name not a token") << SettingMap{{u"value_path"_s, u"n"_s}, {u"header_name"_s, u"X Api"_s}}
                                             << u"not a valid HTTP header name"_s;
    QTest::addRow("header_name Host") << SettingMap{{u"value_path"_s, u"n"_s}, {u"header_name"_s, u"Host"_s}}
                                      << u"managed by Stackscope's HTTP client"_s;
    QTest::addRow("header_name also in headers")
        << SettingMap{{u"value_path"_s, u"n"_s}, {u"header_name"_s, u"X-Tenant"_s}, {u"headers"_s, u"X-Tenant: a"_s}}
        << u"both in headers and header_name"_s;
    QTest::addRow("label named project") << SettingMap{{u"series_path"_s, u"s"_s}, {u"label_fields"_s, u"project"_s}}
                                         << u"The label name \"project\" is set by Stackscope"_s;
}

void tst_GenericHttpMapper::settings()
{
    QFETCH(SettingMap, extra);
    QFETCH(QString, messagePart);
    const auto parsed = parseSettings(base(extra), QUrl());
    if (messagePart.isEmpty()) {
        QVERIFY2(parsed, parsed ? "" : qPrintable(parsed.error().userMessage));
        return;
    }
    QVERIFY(!parsed);
    QCOMPARE(toString(parsed.error().code), toString(Error::Code::Config));
    QVERIFY2(parsed.error().userMessage.contains(messagePart), qPrintable(parsed.error().userMessage));
}

void tst_GenericHttpMapper::settingsDefaults()
{
    const Settings series = settingsOf({{u"series_path"_s, u"$.series"_s}, {u"kind"_s, u"Counter"_s}, {u"unit"_s, u"users"_s}});
    QVERIFY(series.mode == Mode::Series);
    QCOMPARE(series.method, QByteArray("GET"));
    QVERIFY(series.kind == MetricKind::Counter);
    QCOMPARE(series.unit, u"users"_s);
    QCOMPARE(series.timestampField.toString(), u"$.timestamp"_s);
    QCOMPARE(series.valueField.toString(), u"$.value"_s);
    QVERIFY(series.timestampUnit == TimestampUnit::Auto);
    QCOMPARE(series.maxPages, kDefaultMaxPages);
    QVERIFY(!series.nextPath);
    QCOMPARE(series.headers.size(), 1);
    QCOMPARE(series.headers.first().first, QByteArray("Accept"));
    QCOMPARE(series.headers.first().second, QByteArray("application/json"));

    const Settings post = settingsOf({{u"value_path"_s, u"n"_s}, {u"method"_s, u"POST"_s}, {u"body"_s, u"{\"a\":1}"_s},
                                      {u"headers"_s, u"Accept: application/vnd.example+json"_s}});
    QCOMPARE(post.body, QByteArray("{\"a\":1}"));
    QCOMPARE(post.headers.size(), 2);
    QCOMPARE(post.headers.at(0), (QPair<QByteArray, QByteArray>("Accept", "application/vnd.example+json")));
    QCOMPARE(post.headers.at(1), (QPair<QByteArray, QByteArray>("Content-Type", "application/json")));
}

void tst_GenericHttpMapper::relativeUrl()
{
    const auto parsed = parseSettings({{u"url"_s, u"/v1/stats?x=1"_s}, {u"metric"_s, u"m"_s}, {u"value_path"_s, u"n"_s}},
                                      QUrl(u"http://127.0.0.1:8080/base/"_s));
    QVERIFY(parsed);
    QCOMPARE(parsed->url, QUrl(u"http://127.0.0.1:8080/v1/stats?x=1"_s));
    const auto relative = parseSettings({{u"url"_s, u"stats#frag"_s}, {u"metric"_s, u"m"_s}, {u"value_path"_s, u"n"_s}},
                                        QUrl(u"https://proxy.example.com/api/"_s));
    QVERIFY(relative);
    QCOMPARE(relative->url, QUrl(u"https://proxy.example.com/api/stats"_s));
}

void tst_GenericHttpMapper::headers_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected"); // "Name: value"
    QTest::addColumn<QString>("messagePart");

    QTest::addRow("empty") << QString() << QStringList() << QString();
    QTest::addRow("two with semicolon") << u"Accept: application/json; X-Tenant: a"_s
                                        << QStringList{u"Accept: application/json"_s, u"X-Tenant: a"_s} << QString();
    QTest::addRow("parameter stays in the value")
        << u"Accept: text/plain; charset=utf-8; q=0.9; X-Tenant: a"_s
        << QStringList{u"Accept: text/plain; charset=utf-8; q=0.9"_s, u"X-Tenant: a"_s} << QString();
    QTest::addRow("lines") << u"X-A: 1\r\nX-B: two words\n\n"_s << QStringList{u"X-A: 1"_s, u"X-B: two words"_s} << QString();
    QTest::addRow("colon in value") << u"X-Origin: https://a.example:8443/x"_s
                                    << QStringList{u"X-Origin: https://a.example:8443/x"_s} << QString();
    QTest::addRow("empty value") << u"X-Empty:"_s << QStringList{u"X-Empty: "_s} << QString();
    QTest::addRow("trailing semicolon") << u"X-A: 1;"_s << QStringList{u"X-A: 1"_s} << QString();
    QTest::addRow("user agent") << u"User-Agent: my-monitor/1.0"_s << QStringList{u"User-Agent: my-monitor/1.0"_s} << QString();

    QTest::addRow("no name") << u"application/json"_s << QStringList() << u"where a \"Name: value\" header was expected"_s;
    QTest::addRow("authorization") << u"Authorization: Bearer abc"_s << QStringList()
                                   << u"looks like it carries a credential"_s;
    QTest::addRow("api key") << u"Accept: a; X-Api-Key: abc"_s << QStringList() << u"header_name=X-Api-Key"_s;
    QTest::addRow("cookie") << u"Cookie: s=1"_s << QStringList() << u"carries a credential"_s;
    QTest::addRow("token") << u"X-Auth-Token: t"_s << QStringList() << u"carries a credential"_s;
    QTest::addRow("host") << u"Host: evil.example"_s << QStringList() << u"managed by Stackscope's HTTP client"_s;
    QTest::addRow("content-length") << u"Content-Length: 5"_s << QStringList() << u"managed by"_s;
    QTest::addRow("accept-encoding") << u"Accept-Encoding: gzip"_s << QStringList() << u"managed by"_s;
    QTest::addRow("proxy") << u"Proxy-Foo: x"_s << QStringList() << u"managed by"_s;
    QTest::addRow("twice") << u"X-A: 1; x-a: 2"_s << QStringList() << u"given twice"_s;
    QTest::addRow("non-ASCII value") << u"X-Name: Jürgen"_s << QStringList() << u"printable ASCII"_s;
    QTest::addRow("control character") << u"X-A: a\u0001b"_s << QStringList() << u"printable ASCII"_s;
    QTest::addRow("long value") << (u"X-A: "_s + QString(5000, u'v')) << QStringList() << u"at most 4096"_s;
    QString many;
    for (int i = 0; i < 40; ++i)
        many += u"X-H%1: v\n"_s.arg(i);
    QTest::addRow("too many") << many << QStringList() << u"At most 32 headers"_s;
}

void tst_GenericHttpMapper::headers()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    QFETCH(QString, messagePart);
    const auto parsed = parseHeaders(text);
    if (!messagePart.isEmpty()) {
        QVERIFY(!parsed);
        QCOMPARE(toString(parsed.error().code), toString(Error::Code::Config));
        QVERIFY2(parsed.error().userMessage.contains(messagePart), qPrintable(parsed.error().userMessage));
        return;
    }
    QVERIFY2(parsed, parsed ? "" : qPrintable(parsed.error().userMessage));
    QStringList got;
    for (const auto &[name, value] : parsed.value())
        got << QString::fromLatin1(name + ": " + value);
    QCOMPARE(got, expected);
}

void tst_GenericHttpMapper::labelFields_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected"); // "name <- path"
    QTest::addColumn<QString>("messagePart");

    QTest::addRow("names") << u"region, tier"_s << QStringList{u"region <- $.region"_s, u"tier <- $.tier"_s} << QString();
    QTest::addRow("nested takes the last name") << u"meta.host"_s << QStringList{u"host <- $.meta.host"_s} << QString();
    QTest::addRow("explicit names") << u"node=meta.host, first=tags[0]"_s
                                    << QStringList{u"node <- $.meta.host"_s, u"first <- $.tags[0]"_s} << QString();
    QTest::addRow("comma and = inside quotes") << u"['a,b'], x=['c=d']"_s
                                               << QStringList{u"a,b <- $[\"a,b\"]"_s, u"x <- $[\"c=d\"]"_s} << QString();
    QTest::addRow("empty entries") << u" , region,, "_s << QStringList{u"region <- $.region"_s} << QString();
    QTest::addRow("nothing") << QString() << QStringList() << QString();

    QTest::addRow("index needs a name") << u"tags[0]"_s << QStringList() << u"\"tags[0]\" needs a label name: write name=tags[0]"_s;
    QTest::addRow("service") << u"service"_s << QStringList() << u"\"service\" is set by Stackscope"_s;
    QTest::addRow("twice") << u"region, a.region"_s << QStringList() << u"\"region\" is used twice"_s;
    QTest::addRow("bad path") << u"x=a..b"_s << QStringList() << u"The label_fields setting \"a..b\" is not a path"_s;
    QTest::addRow("wildcard") << u"x=tags[*]"_s << QStringList() << u"must name one value of each point"_s;
    QTest::addRow("too many") << u"a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q"_s << QStringList() << u"At most 16 label fields"_s;
}

void tst_GenericHttpMapper::labelFields()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);
    QFETCH(QString, messagePart);
    const auto parsed = parseLabelFields(text);
    if (!messagePart.isEmpty()) {
        QVERIFY(!parsed);
        QVERIFY2(parsed.error().userMessage.contains(messagePart), qPrintable(parsed.error().userMessage));
        return;
    }
    QVERIFY2(parsed, parsed ? "" : qPrintable(parsed.error().userMessage));
    QStringList got;
    for (const LabelField &field : parsed.value())
        got << field.name + u" <- "_s + field.path.toString();
    QCOMPARE(got, expected);
}

void tst_GenericHttpMapper::parseBody_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("messagePart"); // empty: accepted

    QTest::addRow("object") << QByteArray(R"({"a":1})") << QString();
    QTest::addRow("BOM") << QByteArray("\xEF\xBB\xBF{\"a\":1}") << QString();
    QTest::addRow("brackets inside strings do not count")
        << (QByteArray("{\"s\":\"") + QByteArray(1000, '[') + "\"}") << QString();
    QTest::addRow("256 levels") << (QByteArray(256, '[') + QByteArray(256, ']')) << QString();
    QTest::addRow("empty") << QByteArray() << u"the answer is empty"_s;
    QTest::addRow("blank") << QByteArray(" \n ") << u"the answer is empty"_s;
    QTest::addRow("truncated") << recorded(u"malformed.json"_s) << u"not valid JSON (it starts with \"{\"series\""_s;
    QTest::addRow("HTML") << QByteArray("<html><body>502 Bad Gateway</body></html>")
                          << u"not valid JSON (it starts with \"<html><body>502 Bad Gateway"_s;
    QTest::addRow("number beyond double") << QByteArray(R"({"v": 1e400})") << u"not valid JSON"_s;
    QTest::addRow("NaN literal") << QByteArray(R"({"v": NaN})") << u"not valid JSON"_s;
    QTest::addRow("trailing comma") << QByteArray(R"({"v": 1,})") << u"not valid JSON"_s;
    QTest::addRow("invalid UTF-8") << QByteArray("{\"v\": \"\xff\xfe\"}") << u"not valid JSON"_s;
    QTest::addRow("257 levels") << (QByteArray(257, '[') + QByteArray(257, ']')) << u"nested more than 256 levels"_s;
    QTest::addRow("a million brackets") << QByteArray(1'000'000, '[') << u"nested more than 256 levels"_s;
    QTest::addRow("deep objects") << QByteArray("{\"a\":").repeated(300)
                                  << u"nested more than 256 levels"_s;
    QTest::addRow("too large") << QByteArray(kMaxBodyBytes + 1, ' ') << u"at most 16 MiB per page"_s;
}

void tst_GenericHttpMapper::parseBody()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, messagePart);
    const auto parsed = connectors::generichttp::parseBody(body);
    if (messagePart.isEmpty()) {
        QVERIFY2(parsed, parsed ? "" : qPrintable(parsed.error().userMessage));
        return;
    }
    QVERIFY(!parsed);
    QCOMPARE(toString(parsed.error().code), toString(Error::Code::Parse));
    QVERIFY2(parsed.error().userMessage.contains(messagePart), qPrintable(parsed.error().userMessage));
}

void tst_GenericHttpMapper::numberFrom_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<double>("expected");
    QTest::addColumn<QString>("messagePart"); // empty: accepted

    QTest::addRow("integer") << QByteArray("42") << 42.0 << QString();
    QTest::addRow("negative float") << QByteArray("-1.5") << -1.5 << QString();
    QTest::addRow("big unsigned") << QByteArray("18446744073709551615") << 18446744073709551615.0 << QString();
    QTest::addRow("exponent") << QByteArray("1e308") << 1e308 << QString();
    QTest::addRow("numeric string") << QByteArray(R"("42")") << 42.0 << QString();
    QTest::addRow("numeric string with exponent") << QByteArray(R"("-1.5e3")") << -1500.0 << QString();
    QTest::addRow("decimal string") << QByteArray(R"("0.25")") << 0.25 << QString();
    QTest::addRow("true") << QByteArray("true") << 1.0 << QString();
    QTest::addRow("false") << QByteArray("false") << 0.0 << QString();

    QTest::addRow("infinity") << QByteArray("INF") << 0.0 << u"$.v is inf, not a finite number"_s;
    QTest::addRow("NaN string") << QByteArray(R"("NaN")") << 0.0 << u"$.v is the string \"NaN\", not a number"_s;
    QTest::addRow("Infinity string") << QByteArray(R"("Infinity")") << 0.0 << u"the string \"Infinity\""_s;
    QTest::addRow("overflowing string") << QByteArray(R"("1e400")") << 0.0 << u"the string \"1e400\", not a number"_s;
    QTest::addRow("thousands separator") << QByteArray(R"("1,234")") << 0.0 << u"the string \"1,234\""_s;
    QTest::addRow("with unit") << QByteArray(R"("12 ms")") << 0.0 << u"not a number"_s;
    QTest::addRow("padded") << QByteArray(R"(" 42")") << 0.0 << u"not a number"_s;
    QTest::addRow("hex") << QByteArray(R"("0x10")") << 0.0 << u"not a number"_s;
    QTest::addRow("plus sign") << QByteArray(R"("+1")") << 0.0 << u"not a number"_s;
    QTest::addRow("empty string") << QByteArray(R"("")") << 0.0 << u"the string \"\", not a number"_s;
    QTest::addRow("null") << QByteArray("null") << 0.0 << u"$.v is null, not a number"_s;
    QTest::addRow("object") << QByteArray(R"({"avg":1})") << 0.0 << u"$.v is an object, not a number"_s;
    QTest::addRow("array") << QByteArray("[1]") << 0.0 << u"$.v is an array of 1, not a number"_s;
}

void tst_GenericHttpMapper::numberFrom()
{
    QFETCH(QByteArray, value);
    QFETCH(double, expected);
    QFETCH(QString, messagePart);
    // JSON has no infinity (and parseBody refuses 1e400), but a json value built in code can hold one.
    const json parsed = value == "INF" ? json(std::numeric_limits<double>::infinity())
                                       : json::parse(value.cbegin(), value.cend(), nullptr, false);
    QVERIFY(!parsed.is_discarded());
    const auto number = connectors::generichttp::numberFrom(parsed, u"$.v"_s);
    if (messagePart.isEmpty()) {
        QVERIFY2(number, number ? "" : qPrintable(number.error().userMessage));
        QCOMPARE(number.value(), expected);
        return;
    }
    QVERIFY(!number);
    QCOMPARE(toString(number.error().code), toString(Error::Code::Parse));
    QVERIFY2(number.error().userMessage.contains(messagePart), qPrintable(number.error().userMessage));
}

void tst_GenericHttpMapper::timestampFrom_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<int>("unit");
    QTest::addColumn<qint64>("expected");
    QTest::addColumn<QString>("messagePart");

    const int autoUnit = int(TimestampUnit::Auto);
    QTest::addRow("seconds") << QByteArray("1767225600") << autoUnit << qint64(1767225600000) << QString();
    QTest::addRow("fractional seconds") << QByteArray("1767225600.25") << autoUnit << qint64(1767225600250) << QString();
    QTest::addRow("milliseconds") << QByteArray("1767225600123") << autoUnit << qint64(1767225600123) << QString();
    QTest::addRow("seconds as string") << QByteArray(R"("1767225600")") << autoUnit << qint64(1767225600000) << QString();
    QTest::addRow("milliseconds as string") << QByteArray(R"("1767225600123")") << autoUnit << qint64(1767225600123) << QString();
    QTest::addRow("RFC 3339 Z") << QByteArray(R"("2026-01-01T00:00:00Z")") << autoUnit << qint64(1767225600000) << QString();
    QTest::addRow("RFC 3339 offset") << QByteArray(R"("2026-01-01T01:00:00.5+01:00")") << autoUnit
                                     << qint64(1767225600500) << QString();
    QTest::addRow("epoch") << QByteArray("0") << autoUnit << qint64(0) << QString();
    QTest::addRow("small seconds, explicit ms") << QByteArray("86400000") << int(TimestampUnit::Milliseconds)
                                                << qint64(86400000) << QString();
    QTest::addRow("auto reads it as seconds") << QByteArray("86400000") << autoUnit << qint64(86400000000) << QString();
    QTest::addRow("explicit seconds") << QByteArray("1767225600") << int(TimestampUnit::Seconds) << qint64(1767225600000)
                                      << QString();
    QTest::addRow("explicit RFC 3339") << QByteArray(R"("2026-01-01 00:00:00Z")") << int(TimestampUnit::Rfc3339)
                                       << qint64(1767225600000) << QString();

    QTest::addRow("no zone") << QByteArray(R"("2026-01-01T00:00:00")") << autoUnit << qint64(0)
                             << u"$.t: \"2026-01-01T00:00:00\" is not an RFC 3339 time with a zone"_s;
    QTest::addRow("words") << QByteArray(R"("yesterday")") << autoUnit << qint64(0) << u"is not an RFC 3339 time"_s;
    QTest::addRow("negative") << QByteArray("-5") << autoUnit << qint64(0) << u"not a time between 1970 and 2200"_s;
    QTest::addRow("microseconds") << QByteArray("1767225600000000") << autoUnit << qint64(0)
                                  << u"too large for Unix seconds or milliseconds"_s;
    QTest::addRow("ms read as seconds") << QByteArray("1767225600123") << int(TimestampUnit::Seconds) << qint64(0)
                                        << u"read as seconds is not a time between 1970 and 2200"_s;
    QTest::addRow("year 2300") << QByteArray(R"("2300-01-01T00:00:00Z")") << autoUnit << qint64(0)
                               << u"read as RFC 3339 is not a time between 1970 and 2200"_s;
    QTest::addRow("number for RFC 3339") << QByteArray("1767225600") << int(TimestampUnit::Rfc3339) << qint64(0)
                                         << u"$.t is 1767225600, not an RFC 3339 time"_s;
    QTest::addRow("date string for seconds") << QByteArray(R"("2026-01-01T00:00:00Z")") << int(TimestampUnit::Seconds)
                                             << qint64(0) << u"not a time in Unix seconds (timestamp_unit)"_s;
    QTest::addRow("null") << QByteArray("null") << autoUnit << qint64(0) << u"$.t is null, not a time"_s;
    QTest::addRow("bool") << QByteArray("true") << autoUnit << qint64(0) << u"not a time"_s;
    QTest::addRow("object") << QByteArray(R"({"s":1})") << autoUnit << qint64(0) << u"$.t is an object, not a time"_s;
    QTest::addRow("NaN string") << QByteArray(R"("NaN")") << autoUnit << qint64(0) << u"not an RFC 3339 time"_s;
    QTest::addRow("overflow") << QByteArray("1e300") << int(TimestampUnit::Milliseconds) << qint64(0)
                              << u"not a time between 1970 and 2200"_s;
}

void tst_GenericHttpMapper::timestampFrom()
{
    QFETCH(QByteArray, value);
    QFETCH(int, unit);
    QFETCH(qint64, expected);
    QFETCH(QString, messagePart);
    const auto ts = connectors::generichttp::timestampFrom(json::parse(value.cbegin(), value.cend()),
                                                           TimestampUnit(unit), u"$.t"_s);
    if (messagePart.isEmpty()) {
        QVERIFY2(ts, ts ? "" : qPrintable(ts.error().userMessage));
        QCOMPARE(ts.value(), expected);
        return;
    }
    QVERIFY(!ts);
    QCOMPARE(toString(ts.error().code), toString(Error::Code::Parse));
    QVERIFY2(ts.error().userMessage.contains(messagePart), qPrintable(ts.error().userMessage));
}

void tst_GenericHttpMapper::extract_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<SettingMap>("rules");
    QTest::addColumn<int>("count"); // samples; -1: an error is expected
    QTest::addColumn<QString>("part"); // the description, or the error's words

    QTest::addRow("single value") << u"stats_value.json"_s << SettingMap{{u"value_path"_s, u"$.data.stats.active_users"_s}}
                                  << 1 << u"value 1234 at $.data.stats.active_users"_s;
    QTest::addRow("value in an array") << u"stats_value.json"_s << SettingMap{{u"value_path"_s, u"data.items[1].count"_s}}
                                       << 1 << u"value 9 at $.data.items[1].count"_s;
    QTest::addRow("value as string") << u"stats_value.json"_s << SettingMap{{u"value_path"_s, u"$.data.stats.signups_today"_s}}
                                     << 1 << u"value 56 at"_s;
    QTest::addRow("fraction") << u"stats_value.json"_s << SettingMap{{u"value_path"_s, u"$.data.stats.error_rate"_s}}
                              << 1 << u"value 0.0125 at"_s;
    QTest::addRow("boolean") << u"stats_value.json"_s << SettingMap{{u"value_path"_s, u"$.data.stats.healthy"_s}}
                             << 1 << u"value 1 at"_s;
    QTest::addRow("unicode key") << u"stats_value.json"_s << SettingMap{{u"value_path"_s, u"$.data['odd keys'].größe"_s}}
                                 << 1 << u"value 42 at $.data[\"odd keys\"].größe"_s;
    QTest::addRow("dotted key") << u"stats_value.json"_s << SettingMap{{u"value_path"_s, u"$.data['odd keys']['a.b']"_s}}
                                << 1 << u"value 3 at"_s;
    QTest::addRow("repository stars") << u"repo_like.json"_s << SettingMap{{u"value_path"_s, u"stargazers_count"_s}}
                                      << 1 << u"value 4821 at $.stargazers_count"_s;
    QTest::addRow("missing value path") << u"stats_value.json"_s
                                        << SettingMap{{u"value_path"_s, u"$.data.stats.active_user"_s}} << -1
                                        << u"$.data.stats has no field \"active_user\" (it has \"active_users\", \"error_rate\", \"healthy\", \"label\", \"queue\" and 1 more)"_s;
    QTest::addRow("null value") << u"stats_value.json"_s << SettingMap{{u"value_path"_s, u"$.data.stats.queue"_s}} << -1
                                << u"$.data.stats.queue is null, not a number"_s;
    QTest::addRow("text value") << u"stats_value.json"_s << SettingMap{{u"value_path"_s, u"$.data.stats.label"_s}} << -1
                                << u"$.data.stats.label is the string \"n/a\", not a number"_s;
    QTest::addRow("object value") << u"stats_value.json"_s << SettingMap{{u"value_path"_s, u"$.data.stats"_s}} << -1
                                  << u"$.data.stats is an object, not a number"_s;

    QTest::addRow("seconds with labels") << u"series_seconds.json"_s
                                         << SettingMap{{u"series_path"_s, u"$.series"_s}, {u"label_fields"_s, u"region, tier"_s}}
                                         << 4 << u"4 points in $.series"_s;
    QTest::addRow("milliseconds, nested labels")
        << u"series_ms.json"_s
        << SettingMap{{u"series_path"_s, u"data.points"_s}, {u"timestamp_field"_s, u"t"_s}, {u"value_field"_s, u"v"_s},
                      {u"label_fields"_s, u"meta.host, canary=meta.canary"_s}}
        << 3 << u"3 points in $.data.points"_s;
    QTest::addRow("RFC 3339 incidents")
        << u"incidents_rfc3339.json"_s
        << SettingMap{{u"series_path"_s, u"incident_days"_s}, {u"timestamp_field"_s, u"day"_s},
                      {u"value_field"_s, u"incidents"_s}, {u"label_fields"_s, u"impact=worst_impact"_s}}
        << 3 << u"3 points in $.incident_days"_s;
    QTest::addRow("pairs with string values")
        << u"series_pairs.json"_s
        << SettingMap{{u"series_path"_s, u"values"_s}, {u"timestamp_field"_s, u"[0]"_s}, {u"value_field"_s, u"[1]"_s},
                      {u"timestamp_unit"_s, u"s"_s}}
        << 3 << u"3 points in $.values"_s;
    QTest::addRow("wildcard over groups")
        << u"series_groups.json"_s << SettingMap{{u"series_path"_s, u"$.groups[*].points[*]"_s}}
        << 3 << u"3 points in $.groups[*].points[*]"_s;
    QTest::addRow("null values are gaps") << u"series_nulls.json"_s << SettingMap{{u"series_path"_s, u"series"_s}}
                                          << 2 << u"3 points in $.series (1 null value skipped)"_s;
    QTest::addRow("empty array") << u"series_empty.json"_s << SettingMap{{u"series_path"_s, u"series"_s}}
                                 << 0 << u"0 points in $.series"_s;
    QTest::addRow("missing value field") << u"series_missing_value.json"_s << SettingMap{{u"series_path"_s, u"series"_s}}
                                         << -1 << u"$.series[1] has no field \"value\" (it has \"count\", \"timestamp\")"_s;
    QTest::addRow("missing timestamp field") << u"series_seconds.json"_s
                                             << SettingMap{{u"series_path"_s, u"series"_s}, {u"timestamp_field"_s, u"time"_s}}
                                             << -1 << u"$.series[0] has no field \"time\""_s;
    QTest::addRow("value is an object") << u"series_wrong_type.json"_s << SettingMap{{u"series_path"_s, u"series"_s}}
                                        << -1 << u"$.series[0].value is an object, not a number"_s;
    QTest::addRow("NaN string") << u"series_nan_string.json"_s << SettingMap{{u"series_path"_s, u"series"_s}}
                                << -1 << u"$.series[1].value is the string \"NaN\", not a number"_s;
    QTest::addRow("time in words") << u"series_bad_time.json"_s << SettingMap{{u"series_path"_s, u"series"_s}}
                                   << -1 << u"$.series[0].timestamp: \"yesterday\" is not an RFC 3339 time"_s;
    QTest::addRow("series is an object") << u"series_not_array.json"_s << SettingMap{{u"series_path"_s, u"series"_s}}
                                         << -1 << u"$.series is an object, not an array of points"_s;
    QTest::addRow("missing series") << u"stats_value.json"_s << SettingMap{{u"series_path"_s, u"series"_s}}
                                    << -1 << u"$ has no field \"series\" (it has \"data\", \"meta\")"_s;
    QTest::addRow("label is an object") << u"series_ms.json"_s
                                        << SettingMap{{u"series_path"_s, u"data.points"_s}, {u"timestamp_field"_s, u"t"_s},
                                                      {u"value_field"_s, u"v"_s}, {u"label_fields"_s, u"meta"_s}}
                                        << -1 << u"$.data.points[0].meta is an object; a label takes a string"_s;
    QTest::addRow("array root") << u"series_pairs.json"_s
                                << SettingMap{{u"series_path"_s, u"$.values[0]"_s}, {u"timestamp_field"_s, u"t"_s}}
                                << -1 << u"$.values[0][0] is a number, not an object with the field \"t\""_s;
}

void tst_GenericHttpMapper::extract()
{
    QFETCH(QString, file);
    QFETCH(SettingMap, rules);
    QFETCH(int, count);
    QFETCH(QString, part);
    const Settings settings = settingsOf(rules);
    const auto result = connectors::generichttp::extract(document(recorded(file)), settings, kPollTime);
    if (count < 0) {
        QVERIFY(!result);
        QCOMPARE(toString(result.error().code), toString(Error::Code::Parse));
        QVERIFY2(result.error().userMessage.contains(part), qPrintable(result.error().userMessage));
        return;
    }
    QVERIFY2(result, result ? "" : qPrintable(result.error().userMessage));
    QCOMPARE(result->samples.size(), count);
    QVERIFY2(describe(result.value(), settings).contains(part), qPrintable(describe(result.value(), settings)));
    for (const MetricSample &sample : result->samples)
        QCOMPARE(sample.metric, u"example.metric"_s);
}

void tst_GenericHttpMapper::valueModeStampsTheWholeSecond()
{
    const Settings settings = settingsOf({{u"value_path"_s, u"$.data.stats.active_users"_s}});
    const json doc = document(recorded(u"stats_value.json"_s));
    const auto first = connectors::generichttp::extract(doc, settings, kPollTime);
    const auto again = connectors::generichttp::extract(doc, settings, kPollTime - 900);
    QVERIFY(first && again);
    QCOMPARE(first->samples.first().ts, 1767225600000);
    QCOMPARE(again->samples.first().ts, 1767225600000);
    QCOMPARE(first->samples.first().value, 1234.0);
    QVERIFY(first->samples.first().labels.isEmpty());
    const auto later = connectors::generichttp::extract(doc, settings, kPollTime + 13);
    QCOMPARE(later->samples.first().ts, 1767225601000);
}

void tst_GenericHttpMapper::seriesValuesAndLabels()
{
    const Settings settings = settingsOf({{u"series_path"_s, u"data.points"_s}, {u"timestamp_field"_s, u"t"_s},
                                          {u"value_field"_s, u"v"_s}, {u"label_fields"_s, u"meta.host, canary=meta.canary"_s}});
    const auto result = connectors::generichttp::extract(document(recorded(u"series_ms.json"_s)), settings, kPollTime);
    QVERIFY(result);
    QCOMPARE(result->samples.size(), 3);
    QCOMPARE(result->samples.at(0).ts, 1767225600000);
    QCOMPARE(result->samples.at(0).value, 1.0);
    QCOMPARE(describeLabels(result->samples.at(0).labels), u"canary=false,host=web-1"_s);
    // A point without the label field has no such label.
    QCOMPARE(describeLabels(result->samples.at(2).labels), u"host=web-2"_s);
    QCOMPARE(result->samples.at(2).ts, 1767225720000);

    const Settings numeric = settingsOf({{u"series_path"_s, u"series"_s}, {u"label_fields"_s, u"region,tier"_s}});
    const auto seconds = connectors::generichttp::extract(document(recorded(u"series_seconds.json"_s)), numeric, kPollTime);
    QVERIFY(seconds);
    QCOMPARE(seconds->samples.at(1).ts, 1767229200000);
    QCOMPARE(seconds->samples.at(1).value, 15.5);
    QCOMPARE(describeLabels(seconds->samples.at(3).labels), u"region=us,tier=2"_s);

    const Settings pairs = settingsOf({{u"series_path"_s, u"values"_s}, {u"timestamp_field"_s, u"[0]"_s},
                                       {u"value_field"_s, u"[-1]"_s}});
    const auto pairSamples = connectors::generichttp::extract(document(recorded(u"series_pairs.json"_s)), pairs, kPollTime);
    QVERIFY(pairSamples);
    QCOMPARE(pairSamples->samples.at(1).ts, 1767225615500);
    QCOMPARE(pairSamples->samples.at(1).value, 13.0);
    QCOMPARE(pairSamples->samples.at(2).value, 14.25);
}

void tst_GenericHttpMapper::rfc3339Incidents()
{
    const Settings settings = settingsOf({{u"series_path"_s, u"incident_days"_s}, {u"timestamp_field"_s, u"day"_s},
                                          {u"value_field"_s, u"incidents"_s}, {u"label_fields"_s, u"impact=worst_impact"_s},
                                          {u"timestamp_unit"_s, u"rfc3339"_s}});
    const auto result = connectors::generichttp::extract(document(recorded(u"incidents_rfc3339.json"_s)), settings, kPollTime);
    QVERIFY(result);
    QCOMPARE(result->samples.size(), 3);
    QCOMPARE(result->samples.at(0).ts, 1767225600000);
    QCOMPARE(describeLabels(result->samples.at(0).labels), u"impact=minor"_s);
    QCOMPARE(result->samples.at(1).ts, 1767312000000);
    QVERIFY(result->samples.at(1).labels.isEmpty()); // worst_impact is null
    QCOMPARE(result->samples.at(1).value, 0.0);
    QCOMPARE(result->samples.at(2).ts, 1767398400000); // 01:00+01:00 is midnight UTC
}

void tst_GenericHttpMapper::rejectedSamplesAreCounted()
{
    const Settings settings = settingsOf({{u"series_path"_s, u"series"_s}, {u"label_fields"_s, u"region"_s}});
    const auto result = connectors::generichttp::extract(document(recorded(u"series_long_label.json"_s)), settings, kPollTime);
    QVERIFY(result);
    QCOMPARE(result->samples.size(), 1);
    QCOMPARE(result->rejected, 1);
    QVERIFY2(result->firstRejection.contains(u"$.series[1]: label \"region\" is longer than 1024 characters"_s),
             qPrintable(result->firstRejection));
    QVERIFY(describe(result.value(), settings).contains(u"1 refused by the store's checks"_s));
}

void tst_GenericHttpMapper::manyPointsStayFast()
{
    QByteArray body = "{\"series\":[";
    for (int i = 0; i < kMaxPointsPerPage; ++i) {
        if (i)
            body += ',';
        body += "{\"timestamp\":" + QByteArray::number(1767225600 + i) + ",\"value\":" + QByteArray::number(i)
                + ",\"meta\":{\"region\":\"eu\"}}";
    }
    body += "]}";
    const Settings settings = settingsOf({{u"series_path"_s, u"series"_s}, {u"label_fields"_s, u"meta.region"_s}});
    QElapsedTimer timer;
    timer.start();
    const json parsed = document(body);
    const qint64 parseMs = timer.restart();
    const auto result = connectors::generichttp::extract(parsed, settings, kPollTime);
    QVERIFY(result);
    QCOMPARE(result->samples.size(), kMaxPointsPerPage);
    qInfo() << "parsed" << body.size() << "bytes in" << parseMs << "ms, extracted" << kMaxPointsPerPage << "points in"
            << timer.elapsed() << "ms";

    // One more point is refused as a whole, with words.
    body.chop(2);
    body += ",{\"timestamp\":1767225600,\"value\":1}]}";
    const auto over = connectors::generichttp::extract(document(body), settings, kPollTime);
    QVERIFY(!over);
    QVERIFY2(over.error().userMessage.contains(u"$.series has 100001 points; at most 100000 per page are read"_s),
             qPrintable(over.error().userMessage));
}

void tst_GenericHttpMapper::nextPage_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("cursorParam");
    QTest::addColumn<QString>("expected"); // the next URL; "none"; or "error:…"

    QTest::addRow("relative URL") << QByteArray(R"({"next":"/v1/events?page=2"})") << QString()
                                  << u"https://api.example.com/v1/events?page=2"_s;
    QTest::addRow("relative to the current page") << QByteArray(R"({"next":"?page=3"})") << QString()
                                                  << u"https://api.example.com/v1/events?page=3"_s;
    QTest::addRow("absolute same host") << QByteArray(R"({"next":"https://API.example.com/v1/events?page=2#top"})")
                                        << QString() << u"https://api.example.com/v1/events?page=2"_s;
    QTest::addRow("null") << QByteArray(R"({"next":null})") << QString() << u"none"_s;
    QTest::addRow("missing") << QByteArray(R"({"data":[]})") << QString() << u"none"_s;
    QTest::addRow("empty string") << QByteArray(R"({"next":"  "})") << QString() << u"none"_s;
    QTest::addRow("false") << QByteArray(R"({"next":false})") << QString() << u"none"_s;
    QTest::addRow("other host") << QByteArray(R"({"next":"https://evil.example.net/steal"})") << QString()
                                << u"error:$.next points to https://evil.example.net/steal, not to https://api.example.com; Stackscope only follows next pages on the same host"_s;
    QTest::addRow("other port") << QByteArray(R"({"next":"https://api.example.com:8443/x"})") << QString()
                                << u"error:only follows next pages on the same host"_s;
    QTest::addRow("downgrade to http") << QByteArray(R"({"next":"http://api.example.com/x"})") << QString()
                                       << u"error:only follows next pages on the same host"_s;
    QTest::addRow("protocol-relative elsewhere") << QByteArray(R"({"next":"//evil.example.net/x"})") << QString()
                                                 << u"error:only follows next pages on the same host"_s;
    QTest::addRow("number without cursor_param") << QByteArray(R"({"next":42})") << QString()
                                                 << u"error:$.next is the number 42, not a next-page URL; if it is a cursor, set cursor_param"_s;
    QTest::addRow("object") << QByteArray(R"({"next":{"href":"x"}})") << QString()
                            << u"error:$.next is an object, not a next-page URL or cursor"_s;
    QTest::addRow("wrong type on the way") << QByteArray(R"({"links":"x"})") << QString()
                                           << u"error:$.links is a string, not an object with the field \"next\""_s;

    QTest::addRow("cursor") << QByteArray(R"({"next":"abc"})") << u"after"_s
                            << u"https://api.example.com/v1/events?limit=2&after=abc"_s;
    QTest::addRow("cursor with reserved characters") << QByteArray(R"({"next":"c2+/=&x"})") << u"after"_s
                                                     << u"https://api.example.com/v1/events?limit=2&after=c2%2B%2F%3D%26x"_s;
    QTest::addRow("numeric cursor") << QByteArray(R"({"next":987654})") << u"page"_s
                                    << u"https://api.example.com/v1/events?after=old&limit=2&page=987654"_s;
    QTest::addRow("cursor replaces the first page's value") << QByteArray(R"({"next":"new"})") << u"after"_s
                                                            << u"https://api.example.com/v1/events?limit=2&after=new"_s;
    QTest::addRow("float cursor") << QByteArray(R"({"next":1.5})") << u"after"_s
                                  << u"error:$.next is 1.5, not a next-page URL or cursor"_s;
}

void tst_GenericHttpMapper::nextPage()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, cursorParam);
    QFETCH(QString, expected);
    const bool nested = body.contains("\"links\"");
    SettingMap rules{{u"series_path"_s, u"data"_s}, {u"next_path"_s, nested ? u"links.next"_s : u"next"_s}};
    if (!cursorParam.isEmpty())
        rules.insert(u"cursor_param"_s, cursorParam);
    rules.insert(u"url"_s, u"https://api.example.com/v1/events?after=old&limit=2"_s);
    const Settings settings = settingsOf(rules);
    const QUrl current(u"https://api.example.com/v1/events?page=2"_s);
    const auto next = connectors::generichttp::nextPage(document(body), settings, current, settings.url);
    if (expected.startsWith(u"error:"_s)) {
        QVERIFY(!next);
        QCOMPARE(toString(next.error().code), toString(Error::Code::Parse));
        QVERIFY2(next.error().userMessage.contains(expected.mid(6)), qPrintable(next.error().userMessage));
        return;
    }
    QVERIFY2(next, next ? "" : qPrintable(next.error().userMessage));
    if (expected == u"none"_s) {
        QVERIFY(!next->has_value());
        return;
    }
    QVERIFY(next->has_value());
    QCOMPARE(next->value().toString(QUrl::FullyEncoded), expected);
}

void tst_GenericHttpMapper::describeText()
{
    Extraction value;
    value.value = 1234;
    value.where = u"$.data.count"_s;
    QCOMPARE(describe(value, settingsOf({{u"value_path"_s, u"$.data.count"_s}})), u"value 1234 at $.data.count"_s);
    Extraction series;
    series.points = 1;
    series.where = u"$.series"_s;
    QCOMPARE(describe(series, settingsOf({{u"series_path"_s, u"$.series"_s}})), u"1 point in $.series"_s);
}

QTEST_GUILESS_MAIN(tst_GenericHttpMapper)
#include "tst_generichttpmapper.moc"
