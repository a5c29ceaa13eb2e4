// The generic HTTP/JSON connector's path language: parsing (including hostile input) and evaluation on
// documents, with the exact words of every failure.
#include "jsonpath.h"

#include <QTest>

using namespace stackscope;
using namespace stackscope::connectors::generichttp;
using namespace Qt::StringLiterals;
using json = nlohmann::json;

class tst_JsonPath : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseValid_data();
    void parseValid();
    void parseInvalid_data();
    void parseInvalid();
    void parseLimits();
    void select_data();
    void select();
    void wildcard();
    void find_data();
    void find();
    void hugeIndexOnSmallArray();
    void deepDocument();
    void preview_data();
    void preview();
};

void tst_JsonPath::parseValid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<int>("steps");

    QTest::addRow("root") << u"$"_s << u"$"_s << 0;
    QTest::addRow("dotted") << u"$.data.stats.active_users"_s << u"$.data.stats.active_users"_s << 3;
    QTest::addRow("without $") << u"data.items[0].count"_s << u"$.data.items[0].count"_s << 4;
    QTest::addRow("leading dot") << u".data"_s << u"$.data"_s << 1;
    QTest::addRow("index first") << u"[0]"_s << u"$[0]"_s << 1;
    QTest::addRow("root index") << u"$[1][2]"_s << u"$[1][2]"_s << 2;
    QTest::addRow("negative index") << u"$.items[-1]"_s << u"$.items[-1]"_s << 2;
    QTest::addRow("leading zeros") << u"$[007]"_s << u"$[7]"_s << 1;
    QTest::addRow("double-quoted") << u"$[\"odd key\"].v"_s << u"$[\"odd key\"].v"_s << 2;
    QTest::addRow("single-quoted") << u"$['a.b']"_s << u"$[\"a.b\"]"_s << 1;
    QTest::addRow("escaped quote") << uR"($["say \"hi\""])"_s << uR"($["say \"hi\""])"_s << 1;
    QTest::addRow("escaped backslash") << uR"($['a\\b'])"_s << uR"($["a\\b"])"_s << 1;
    QTest::addRow("empty quoted name") << u"$[\"\"]"_s << u"$[\"\"]"_s << 1;
    QTest::addRow("quoted bare name") << u"$['plain']"_s << u"$.plain"_s << 1;
    QTest::addRow("unicode names") << u"$.größe.日本"_s << u"$.größe.日本"_s << 2;
    QTest::addRow("emoji name") << u"$.😀"_s << u"$.😀"_s << 1;
    QTest::addRow("dash and dollar inside") << u"$.x-rate.a$b"_s << u"$.x-rate.a$b"_s << 2;
    QTest::addRow("wildcard brackets") << u"$.series[*].points"_s << u"$.series[*].points"_s << 3;
    QTest::addRow("wildcard dot") << u"$.series.*"_s << u"$.series[*]"_s << 2;
    QTest::addRow("surrounding blanks") << u"  $.a  "_s << u"$.a"_s << 1;
    QTest::addRow("number-like name") << u"$.2026"_s << u"$.2026"_s << 1;
    QTest::addRow("quoted name starting with $") << u"$['$ref']"_s << u"$[\"$ref\"]"_s << 1;
    QTest::addRow("largest index") << u"$[999999999]"_s << u"$[999999999]"_s << 1;
}

void tst_JsonPath::parseValid()
{
    QFETCH(QString, text);
    QFETCH(QString, canonical);
    QFETCH(int, steps);
    const auto path = JsonPath::parse(text);
    QVERIFY2(path, path ? "" : qPrintable(path.error().userMessage));
    QCOMPARE(path->toString(), canonical);
    QCOMPARE(path->steps().size(), steps);
    // The canonical form parses to the same path.
    const auto again = JsonPath::parse(canonical);
    QVERIFY(again);
    QCOMPARE(again->toString(), canonical);
}

void tst_JsonPath::parseInvalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("messagePart");

    QTest::addRow("empty") << QString() << u"the path is empty"_s;
    QTest::addRow("blank") << u"   "_s << u"the path is empty"_s;
    QTest::addRow("trailing dot") << u"$.a."_s << u"expected a name after \".\" at character 5"_s;
    QTest::addRow("double dot") << u"$..a"_s << u"expected a name after \".\", found \".\" at character 3"_s;
    QTest::addRow("dot only") << u"."_s << u"expected a name after \".\" at character 2"_s;
    QTest::addRow("$ then name") << u"$a"_s << u"expected \".\" or \"[\" after \"$\""_s;
    QTest::addRow("$$") << u"$$"_s << u"for a field named with a $) at character 2"_s;
    QTest::addRow("open bracket") << u"$["_s << u"\"[\" is not closed at character 2"_s;
    QTest::addRow("empty brackets") << u"$[]"_s << u"expected an index, \"*\" or a quoted name"_s;
    QTest::addRow("name in brackets") << u"$[abc]"_s << u"expected an index, \"*\" or a quoted name after \"[\" at character 3"_s;
    QTest::addRow("fraction index") << u"$[1.5]"_s << u"expected \"]\" after the index at character 4"_s;
    QTest::addRow("huge index") << u"$[99999999999999999999]"_s << u"the index has more than 9 digits"_s;
    QTest::addRow("ten-digit index") << u"$[1000000000]"_s << u"more than 9 digits"_s;
    QTest::addRow("minus alone") << u"$[-]"_s << u"expected an index"_s;
    QTest::addRow("plus sign") << u"$[+1]"_s << u"expected an index"_s;
    QTest::addRow("unclosed wildcard") << u"$[*"_s << u"expected \"]\" after \"[*\""_s;
    QTest::addRow("unterminated quote") << u"$['abc"_s << u"the quoted name is not closed at character 3"_s;
    QTest::addRow("quote without bracket") << u"$['abc'"_s << u"expected \"]\" after the quoted name"_s;
    QTest::addRow("unknown escape") << uR"($['a\n'])"_s << u"unknown escape \"\\n\""_s;
    QTest::addRow("trailing backslash") << u"$['a\\"_s << u"not closed"_s;
    QTest::addRow("space inside") << u"$.a b"_s << u"unexpected space at character 4"_s;
    QTest::addRow("stray bracket") << u"$.a]"_s << u"unexpected \"]\" at character 4"_s;
    QTest::addRow("stray quote") << u"$.a\"b\""_s << u"unexpected \"\"\" at character 4"_s;
    QTest::addRow("junk after quoted") << u"$['a']x"_s << u"unexpected \"x\" at character 7"_s;
    QTest::addRow("control character") << u"$.a\u0001b"_s << u"unexpected"_s;
    QTest::addRow("control in quotes") << u"$['a\u0007']"_s << u"a control character in a quoted name"_s;
    QTest::addRow("newline") << u"$.a\n.b"_s << u"unexpected"_s;
    QTest::addRow("zero-width joiner") << u"$.a\u200db"_s << u"unexpected"_s;
    QTest::addRow("braces") << u"${}"_s << u"after \"$\""_s;
    QTest::addRow("filter expression") << u"$.a[?(@.x>1)]"_s << u"expected an index"_s;
    QTest::addRow("slice") << u"$.a[0:2]"_s << u"expected \"]\" after the index"_s;
    QTest::addRow("star name") << u"$.a*"_s << u"unexpected \"*\""_s;
    QTest::addRow("percent sign stays literal") << u"$.a%1[x]"_s << u"expected an index, \"*\" or a quoted name after \"[\" at character 7"_s;
    QTest::addRow("comma needs quotes") << u"$.a,b"_s << u"unexpected \",\" at character 4"_s;
    QTest::addRow("lone surrogate") << (u"$."_s + QChar(0xd800)) << u"not well-formed Unicode"_s;
}

void tst_JsonPath::parseInvalid()
{
    QFETCH(QString, text);
    QFETCH(QString, messagePart);
    const auto path = JsonPath::parse(text);
    QVERIFY2(!path, qPrintable(u"parsed as "_s + (path ? path->toString() : QString())));
    QCOMPARE(toString(path.error().code), toString(Error::Code::Config));
    QVERIFY2(path.error().userMessage.contains(messagePart), qPrintable(path.error().userMessage));
}

void tst_JsonPath::parseLimits()
{
    // Very long and very deep paths are refused with words, not parsed into something huge.
    QString deep = u"$"_s;
    for (int i = 0; i < 10'000; ++i)
        deep += u".a"_s;
    auto tooLong = JsonPath::parse(deep);
    QVERIFY(!tooLong);
    QVERIFY(tooLong.error().userMessage.contains(u"longer than 1000 characters"_s));

    QString steps = u"$"_s;
    for (int i = 0; i < 65; ++i)
        steps += u"[0]"_s;
    auto tooDeep = JsonPath::parse(steps);
    QVERIFY(!tooDeep);
    QVERIFY2(tooDeep.error().userMessage.contains(u"more than 64 steps"_s), qPrintable(tooDeep.error().userMessage));

    QString brackets(500, QLatin1Char('['));
    auto opened = JsonPath::parse(brackets);
    QVERIFY(!opened);

    QString sixtyFour = u"$"_s;
    for (int i = 0; i < 64; ++i)
        sixtyFour += u"[0]"_s;
    QVERIFY(JsonPath::parse(sixtyFour));
}

void tst_JsonPath::select_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("expected"); // dump() of the node; empty: an error is expected
    QTest::addColumn<QString>("messagePart");

    const QByteArray doc = R"({"data":{"stats":{"active_users":1234,"total":2000,"x":null},
        "items":[{"count":7},{"count":9}],"odd keys":{"a.b":3,"größe":42}, "s":"text", "empty":{}}})";
    QTest::addRow("number") << doc << u"$.data.stats.active_users"_s << QByteArray("1234") << QString();
    QTest::addRow("index") << doc << u"data.items[1].count"_s << QByteArray("9") << QString();
    QTest::addRow("last element") << doc << u"data.items[-1].count"_s << QByteArray("9") << QString();
    QTest::addRow("first from end") << doc << u"data.items[-2].count"_s << QByteArray("7") << QString();
    QTest::addRow("quoted dotted key") << doc << u"$.data[\"odd keys\"]['a.b']"_s << QByteArray("3") << QString();
    QTest::addRow("unicode key") << doc << u"$.data['odd keys'].größe"_s << QByteArray("42") << QString();
    QTest::addRow("null is a value") << doc << u"$.data.stats.x"_s << QByteArray("null") << QString();
    QTest::addRow("root") << QByteArray("[1,2]") << u"$"_s << QByteArray("[1,2]") << QString();
    QTest::addRow("scalar root") << QByteArray("42") << u"$"_s << QByteArray("42") << QString();

    QTest::addRow("missing field names what is there")
        << doc << u"$.data.stats.active"_s << QByteArray()
        << u"$.data.stats has no field \"active\" (it has \"active_users\", \"total\", \"x\")"_s;
    QTest::addRow("missing top field") << doc << u"$.meta.id"_s << QByteArray()
                                       << u"$ has no field \"meta\" (it has \"data\")"_s;
    QTest::addRow("empty object") << doc << u"$.data.empty.a"_s << QByteArray()
                                  << u"$.data.empty has no field \"a\" (it is an empty object)"_s;
    QTest::addRow("index out of range") << doc << u"$.data.items[2]"_s << QByteArray()
                                        << u"$.data.items has no element [2] (it has 2 elements)"_s;
    QTest::addRow("negative out of range") << doc << u"$.data.items[-3]"_s << QByteArray()
                                           << u"$.data.items has no element [-3] (it has 2 elements)"_s;
    QTest::addRow("name on array") << doc << u"$.data.items.count"_s << QByteArray()
                                   << u"$.data.items is an array, not an object with the field \"count\""_s;
    QTest::addRow("index on object") << doc << u"$.data.stats[0]"_s << QByteArray()
                                     << u"$.data.stats is an object, not an array with an element [0]"_s;
    QTest::addRow("name on string") << doc << u"$.data.s.length"_s << QByteArray()
                                    << u"$.data.s is a string, not an object with the field \"length\""_s;
    QTest::addRow("through null") << doc << u"$.data.stats.x.y"_s << QByteArray()
                                  << u"$.data.stats.x is null, not an object with the field \"y\""_s;
    QTest::addRow("names the step after an index") << doc << u"$.data.items[1].total"_s << QByteArray()
                                                   << u"$.data.items[1] has no field \"total\" (it has \"count\")"_s;
    QTest::addRow("array root") << QByteArray("[]") << u"$.data"_s << QByteArray()
                                << u"$ is an array, not an object with the field \"data\""_s;
}

void tst_JsonPath::select()
{
    QFETCH(QByteArray, document);
    QFETCH(QString, path);
    QFETCH(QByteArray, expected);
    QFETCH(QString, messagePart);
    const json doc = json::parse(document.cbegin(), document.cend());
    const auto parsed = JsonPath::parse(path);
    QVERIFY2(parsed, parsed ? "" : qPrintable(parsed.error().userMessage));
    const auto node = parsed->selectOne(doc);
    if (expected.isEmpty()) {
        QVERIFY(!node);
        QCOMPARE(toString(node.error().code), toString(Error::Code::Parse));
        QVERIFY2(node.error().userMessage.contains(messagePart), qPrintable(node.error().userMessage));
        return;
    }
    QVERIFY2(node, node ? "" : qPrintable(node.error().userMessage));
    QCOMPARE(QByteArray::fromStdString(node.value()->dump()), expected);
}

void tst_JsonPath::wildcard()
{
    const json doc = json::parse(R"({"groups":[{"points":[1,2]},{"points":[3]},{"points":[]}],"o":{"a":1}})");
    auto path = JsonPath::parse(u"$.groups[*].points[*]"_s);
    QVERIFY(path);
    QVERIFY(path->hasWildcard());
    auto nodes = path->select(doc);
    QVERIFY(nodes);
    QCOMPARE(nodes->size(), std::size_t(3));
    QCOMPARE(nodes->at(2)->get<int>(), 3);

    // Over the limit: an error, not a partial list.
    auto limited = path->select(doc, u"$"_s, 2);
    QVERIFY(!limited);
    QVERIFY2(limited.error().userMessage.contains(u"selects more than 2 values"_s), qPrintable(limited.error().userMessage));

    // [*] takes arrays only, and a failure names the element it happened in.
    auto onObject = JsonPath::parse(u"$.o[*]"_s)->select(doc);
    QVERIFY(!onObject);
    QVERIFY2(onObject.error().userMessage.contains(u"$.o is an object, not an array ([*] takes"_s),
             qPrintable(onObject.error().userMessage));
    auto inElement = JsonPath::parse(u"$.groups[*].points[0]"_s)->select(doc);
    QVERIFY(!inElement);
    QVERIFY2(inElement.error().userMessage.contains(u"$.groups[2].points has no element [0] (it has 0 elements)"_s),
             qPrintable(inElement.error().userMessage));
}

void tst_JsonPath::find_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("expected"); // "absent": nullptr; "error:…": an error containing …

    QTest::addRow("present") << u"meta.region"_s << QByteArray("\"eu\"");
    QTest::addRow("missing field") << u"meta.zone"_s << QByteArray("absent");
    QTest::addRow("missing parent") << u"labels.zone"_s << QByteArray("absent");
    QTest::addRow("null on the way") << u"nothing.zone"_s << QByteArray("absent");
    QTest::addRow("index beyond") << u"list[5]"_s << QByteArray("absent");
    QTest::addRow("wrong type on the way") << u"count.zone"_s
                                           << QByteArray("error:$.series[4].count is a number, not an object");
}

void tst_JsonPath::find()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, expected);
    const json point = json::parse(R"({"meta":{"region":"eu"},"nothing":null,"list":[1],"count":3})");
    const auto found = JsonPath::parse(path)->find(point, u"$.series[4]"_s);
    if (expected.startsWith("error:")) {
        QVERIFY(!found);
        QVERIFY2(found.error().userMessage.contains(QString::fromUtf8(expected.mid(6))),
                 qPrintable(found.error().userMessage));
        return;
    }
    QVERIFY2(found, found ? "" : qPrintable(found.error().userMessage));
    if (expected == "absent")
        QVERIFY(found.value() == nullptr);
    else
        QCOMPARE(QByteArray::fromStdString(found.value()->dump()), expected);
}

void tst_JsonPath::hugeIndexOnSmallArray()
{
    const json doc = json::parse("[1,2,3]");
    auto path = JsonPath::parse(u"$[999999999]"_s);
    QVERIFY(path);
    auto node = path->selectOne(doc);
    QVERIFY(!node);
    QVERIFY(node.error().userMessage.contains(u"has no element [999999999] (it has 3 elements)"_s));
    auto negative = JsonPath::parse(u"$[-999999999]"_s)->selectOne(doc);
    QVERIFY(!negative);
}

void tst_JsonPath::deepDocument()
{
    // 64 nested arrays, and a path that walks all of them.
    std::string text(64, '[');
    text += "42";
    text += std::string(64, ']');
    const json doc = json::parse(text);
    QString path = u"$"_s;
    for (int i = 0; i < 64; ++i)
        path += u"[0]"_s;
    auto node = JsonPath::parse(path)->selectOne(doc);
    QVERIFY(node);
    QCOMPARE(node.value()->get<int>(), 42);
}

void tst_JsonPath::preview_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("expected");
    QTest::addRow("string") << QByteArray(R"("NaN")") << u"\"NaN\""_s;
    QTest::addRow("long string") << QByteArray('"' + QByteArray(100, 'x') + '"') << (u"\""_s + QString(60, u'x') + QChar(0x2026) + u"\""_s);
    QTest::addRow("control characters") << QByteArray(R"("a\nb")") << (u"\"a"_s + QChar(0xfffd) + u"b\""_s);
    QTest::addRow("number") << QByteArray("1.5") << u"1.5"_s;
    QTest::addRow("null") << QByteArray("null") << u"null"_s;
    QTest::addRow("array") << QByteArray("[1,2]") << u"an array of 2"_s;
    QTest::addRow("object") << QByteArray(R"({"a":1})") << u"an object"_s;
}

void tst_JsonPath::preview()
{
    QFETCH(QByteArray, value);
    QFETCH(QString, expected);
    QCOMPARE(connectors::generichttp::preview(json::parse(value.cbegin(), value.cend())), expected);
}

QTEST_GUILESS_MAIN(tst_JsonPath)
#include "tst_jsonpath.moc"
