#pragma once

#include "util/result.h"

#include <QList>
#include <QString>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

// A small path language for picking values out of a JSON document, parsed once when a service is configured
// and evaluated on every answer (docs/connectors/generic-http.md, "Paths"):
//
//   $.data.stats.active_users      names after dots ("$" is the document; it may be left out)
//   data.items[0].count            [N] an array element, [-1] the last one
//   $["odd key"].value             ["…"] or ['…'] a name with dots, brackets, spaces or quotes (\" \' \\)
//   $.series[*]                    [*] (or .*) every element of an array
//
// Untrusted on both sides: a malformed path is refused with the position of the problem, and evaluating a
// path on a document that does not have it says which step failed and what was there instead.
namespace stackscope::connectors::generichttp {

class JsonPath
{
public:
    static constexpr qsizetype kMaxLength = 1000;  // characters of path text
    static constexpr int kMaxSteps = 64;
    static constexpr int kMaxIndexDigits = 9;      // |index| <= 999 999 999

    enum class StepKind { Name, Index, Wildcard };
    struct Step
    {
        StepKind kind = StepKind::Name;
        QString name;      // StepKind::Name
        std::string key;   // the name as UTF-8, as nlohmann stores keys
        qint64 index = 0;  // StepKind::Index; negative counts from the end
    };

    // An empty path selects the document itself (as does "$").
    JsonPath() = default;

    // Parses `text`. Errors are Error::Code::Config and name the character where the problem is.
    static Result<JsonPath> parse(const QString &text);

    const QList<Step> &steps() const { return m_steps; }
    bool hasWildcard() const;
    bool isRoot() const { return m_steps.isEmpty(); }
    // The canonical text: "$.data.items[0][\"odd key\"]".
    QString toString() const;
    // The same, relative to some node: ".data.items[0]" appended to `base`.
    QString toString(const QString &base) const;
    // The name of the last step when it is a name ("region" for "meta.region"); empty otherwise.
    QString lastName() const;

    // Every node the path selects in `root` (one without [*]). `rootText` names the root in messages ("$",
    // or "$.series[3]" for a field path evaluated on one point). Errors (Error::Code::Parse) name the step
    // that failed and what was found instead; more than `limit` nodes is an error too.
    Result<std::vector<const nlohmann::json *>> select(const nlohmann::json &root, const QString &rootText = QStringLiteral("$"),
                                                       qsizetype limit = 1'000'000) const;
    // The single node of a path without [*].
    Result<const nlohmann::json *> selectOne(const nlohmann::json &root, const QString &rootText = QStringLiteral("$")) const;
    // Like selectOne, but "not there" (a missing field or element, or null on the way) is nullptr instead of an
    // error; a node of the wrong type on the way (a string where an object should be) is still an error.
    Result<const nlohmann::json *> find(const nlohmann::json &root, const QString &rootText = QStringLiteral("$")) const;

private:
    QList<Step> m_steps;
};

// "an object", "an array", "a string", "a number", "true/false", "null" — for messages.
QString describeType(const nlohmann::json &value);
// A short, printable rendering of a JSON value for messages (strings quoted, at most ~60 characters).
QString preview(const nlohmann::json &value);

} // namespace stackscope::connectors::generichttp
