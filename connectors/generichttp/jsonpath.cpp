#include "jsonpath.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace stackscope::connectors::generichttp {

namespace {

using json = nlohmann::json;

Error syntaxError(const QString &what, qsizetype position)
{
    return Error::make(Error::Code::Config, QStringLiteral("%1 at character %2").arg(what, QString::number(position + 1)));
}

bool isControl(QChar c)
{
    return c.category() == QChar::Other_Control || c.category() == QChar::Other_Format
           || c.category() == QChar::Separator_Line || c.category() == QChar::Separator_Paragraph;
}

// Characters a bare name may hold; everything else goes into ["…"].
bool isNameChar(QChar c)
{
    switch (c.unicode()) {
    case u'.': case u'[': case u']': case u'"': case u'\'': case u'*': case u'\\': case u',': case u'=':
        return false;
    default:
        return !c.isSpace() && !isControl(c);
    }
}

// A UTF-16 string that survives the trip to UTF-8 (no lone surrogates).
bool isWellFormed(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate()) {
            if (i + 1 >= text.size() || !text.at(i + 1).isLowSurrogate())
                return false;
            ++i;
        } else if (c.isLowSurrogate()) {
            return false;
        }
    }
    return true;
}

bool isBareName(const QString &name)
{
    return !name.isEmpty() && name.at(0) != QLatin1Char('$') && std::all_of(name.cbegin(), name.cend(), isNameChar);
}

QString quoted(const QString &name)
{
    QString escaped = name;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    escaped.replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return QStringLiteral("[\"") + escaped + QStringLiteral("\"]");
}

QString stepText(const JsonPath::Step &step)
{
    switch (step.kind) {
    case JsonPath::StepKind::Name:
        return isBareName(step.name) ? QLatin1Char('.') + step.name : quoted(step.name);
    case JsonPath::StepKind::Index:
        return QLatin1Char('[') + QString::number(step.index) + QLatin1Char(']');
    case JsonPath::StepKind::Wildcard:
        return QStringLiteral("[*]");
    }
    return {};
}

QString fromUtf8(const std::string &text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// "(it has "a", "b", "c" and 4 more)" / "(it is empty)".
QString fieldsOf(const json &object)
{
    if (object.empty())
        return QStringLiteral("(it is an empty object)");
    QStringList names;
    for (auto it = object.cbegin(); it != object.cend() && names.size() < 5; ++it) {
        QString name = fromUtf8(it.key());
        if (name.size() > 40)
            name = name.left(39) + QChar(0x2026);
        for (QChar &c : name) {
            if (isControl(c))
                c = QChar(0xfffd);
        }
        names << QLatin1Char('"') + name + QLatin1Char('"');
    }
    const qsizetype more = qsizetype(object.size()) - names.size();
    QString list = names.join(QStringLiteral(", "));
    if (more > 0)
        list += QStringLiteral(" and %1 more").arg(more);
    return QStringLiteral("(it has ") + list + QLatin1Char(')');
}

// A node reached by a walk. Where it is, for messages, is only spelled out when a message needs it: the
// steps taken plus the element chosen at every [N] / [*] step.
struct Cursor
{
    const json *node;
    std::vector<qint64> picks;
};

QString textOf(const QString &rootText, const QList<JsonPath::Step> &steps, qsizetype depth,
               const std::vector<qint64> &picks)
{
    QString text = rootText;
    std::size_t pick = 0;
    for (qsizetype i = 0; i < depth; ++i) {
        const JsonPath::Step &step = steps.at(i);
        if (step.kind == JsonPath::StepKind::Name)
            text += stepText(step);
        else
            text += QLatin1Char('[') + QString::number(pick < picks.size() ? picks[pick++] : step.index) + QLatin1Char(']');
    }
    return text;
}

enum class Missing { IsError, IsNull };

// Step `depth` of `steps` from `from`. Appends what it reaches to `out`; returns an error for a node of the
// wrong kind, and for a missing field/element when `missing` says so (otherwise nothing is appended).
Status advance(const QList<JsonPath::Step> &steps, qsizetype depth, const QString &rootText, const Cursor &from,
               std::vector<Cursor> &out, Missing missing)
{
    const JsonPath::Step &step = steps.at(depth);
    const json &node = *from.node;
    auto fail = [&](const QString &format, const QString &detail = QString()) {
        // %1: where `from` is, %2: what is there, %3: `detail`; one pass, so none of them is read as a marker.
        return Error::make(Error::Code::Parse,
                           format.arg(textOf(rootText, steps, depth, from.picks), describeType(node), detail));
    };
    if (node.is_null() && missing == Missing::IsNull)
        return {};
    switch (step.kind) {
    case JsonPath::StepKind::Name: {
        if (!node.is_object())
            return fail(QStringLiteral("%1 is %2, not an object with the field \"%3\""), step.name);
        const auto it = node.find(step.key);
        if (it == node.end()) {
            if (missing == Missing::IsNull)
                return {};
            return Error::make(Error::Code::Parse, QStringLiteral("%1 has no field \"%2\" %3")
                                                       .arg(textOf(rootText, steps, depth, from.picks), step.name,
                                                            fieldsOf(node)));
        }
        out.push_back({&*it, from.picks});
        return {};
    }
    case JsonPath::StepKind::Index: {
        if (!node.is_array())
            return fail(QStringLiteral("%1 is %2, not an array with an element [%3]"), QString::number(step.index));
        const qint64 size = qint64(node.size());
        const qint64 index = step.index < 0 ? size + step.index : step.index;
        if (index < 0 || index >= size) {
            if (missing == Missing::IsNull)
                return {};
            return Error::make(Error::Code::Parse, QStringLiteral("%1 has no element [%2] (it has %3 element%4)")
                                                       .arg(textOf(rootText, steps, depth, from.picks),
                                                            QString::number(step.index), QString::number(size),
                                                            size == 1 ? QString() : QStringLiteral("s")));
        }
        Cursor next{&node[std::size_t(index)], from.picks};
        next.picks.push_back(index);
        out.push_back(std::move(next));
        return {};
    }
    case JsonPath::StepKind::Wildcard: {
        if (!node.is_array())
            return fail(QStringLiteral("%1 is %2, not an array (%3 takes the elements of an array)"), QStringLiteral("[*]"));
        qint64 i = 0;
        for (const json &element : node) {
            Cursor next{&element, from.picks};
            next.picks.push_back(i++);
            out.push_back(std::move(next));
        }
        return {};
    }
    }
    return {};
}

// The common case without allocations: a path without [*] followed to its node; nullptr when anything is
// off on the way (the caller then walks again, to say what).
const json *follow(const QList<JsonPath::Step> &steps, const json &root)
{
    const json *node = &root;
    for (const JsonPath::Step &step : steps) {
        switch (step.kind) {
        case JsonPath::StepKind::Name: {
            if (!node->is_object())
                return nullptr;
            const auto it = node->find(step.key);
            if (it == node->end())
                return nullptr;
            node = &*it;
            break;
        }
        case JsonPath::StepKind::Index: {
            if (!node->is_array())
                return nullptr;
            const qint64 size = qint64(node->size());
            const qint64 index = step.index < 0 ? size + step.index : step.index;
            if (index < 0 || index >= size)
                return nullptr;
            node = &(*node)[std::size_t(index)];
            break;
        }
        case JsonPath::StepKind::Wildcard:
            return nullptr;
        }
    }
    return node;
}

Result<std::vector<Cursor>> walk(const JsonPath &path, const json &root, const QString &rootText, qsizetype limit,
                                 Missing missing)
{
    const QList<JsonPath::Step> &steps = path.steps();
    std::vector<Cursor> current{{&root, {}}};
    for (qsizetype depth = 0; depth < steps.size(); ++depth) {
        std::vector<Cursor> next;
        for (const Cursor &cursor : current) {
            if (Status st = advance(steps, depth, rootText, cursor, next, missing); !st)
                return st.error();
            if (qsizetype(next.size()) > limit)
                return Error::make(Error::Code::Parse, QStringLiteral("%1 selects more than %2 values")
                                                           .arg(path.toString(rootText), QString::number(limit)));
        }
        current = std::move(next);
    }
    return current;
}

} // namespace

Result<JsonPath> JsonPath::parse(const QString &input)
{
    const QString text = input.trimmed();
    if (text.isEmpty())
        return Error::make(Error::Code::Config, QStringLiteral("the path is empty (use \"$\" for the whole document)"));
    if (text.size() > kMaxLength)
        return Error::make(Error::Code::Config, QStringLiteral("the path is longer than %1 characters").arg(kMaxLength));
    if (!isWellFormed(text))
        return Error::make(Error::Code::Config, QStringLiteral("the path is not well-formed Unicode"));

    JsonPath path;
    qsizetype pos = 0;
    const qsizetype end = text.size();
    auto addStep = [&path](Step step) -> Status {
        if (path.m_steps.size() >= kMaxSteps)
            return Error::make(Error::Code::Config, QStringLiteral("the path has more than %1 steps").arg(kMaxSteps));
        if (step.kind == StepKind::Name)
            step.key = step.name.toStdString();
        path.m_steps.append(std::move(step));
        return {};
    };
    auto readName = [&](qsizetype from) {
        qsizetype to = from;
        while (to < end && isNameChar(text.at(to)))
            ++to;
        return to;
    };

    if (text.at(0) == QLatin1Char('$')) {
        pos = 1;
        if (pos < end && text.at(pos) != QLatin1Char('.') && text.at(pos) != QLatin1Char('['))
            return syntaxError(QStringLiteral("expected \".\" or \"[\" after \"$\" (write [\"$name\"] for a field "
                                              "named with a $)"),
                               pos);
    } else if (isNameChar(text.at(0))) {
        // A relative path may start with a bare name: "data.items[0]".
        const qsizetype to = readName(0);
        if (Status st = addStep({StepKind::Name, text.first(to), {}, 0}); !st)
            return st.error();
        pos = to;
    }

    while (pos < end) {
        const QChar c = text.at(pos);
        if (c == QLatin1Char('.')) {
            ++pos;
            if (pos < end && text.at(pos) == QLatin1Char('*')) {
                ++pos;
                if (Status st = addStep({StepKind::Wildcard, {}, {}, 0}); !st)
                    return st.error();
                continue;
            }
            const qsizetype to = readName(pos);
            if (to == pos)
                return syntaxError(pos < end && !isControl(text.at(pos)) && !text.at(pos).isSpace()
                                       ? QStringLiteral("expected a name after \".\", found \"%1\"").arg(text.at(pos))
                                       : QStringLiteral("expected a name after \".\""),
                                   pos);
            if (Status st = addStep({StepKind::Name, text.sliced(pos, to - pos), {}, 0}); !st)
                return st.error();
            pos = to;
            continue;
        }
        if (c != QLatin1Char('['))
            return syntaxError(c.isSpace() ? QStringLiteral("unexpected space")
                               : isControl(c) ? QStringLiteral("unexpected character U+%1").arg(c.unicode(), 4, 16, QLatin1Char('0'))
                                              : QStringLiteral("unexpected \"%1\"").arg(c),
                               pos);
        const qsizetype open = pos;
        ++pos;
        if (pos >= end)
            return syntaxError(QStringLiteral("\"[\" is not closed"), open);
        const QChar first = text.at(pos);
        if (first == QLatin1Char('*')) {
            ++pos;
            if (pos >= end || text.at(pos) != QLatin1Char(']'))
                return syntaxError(QStringLiteral("expected \"]\" after \"[*\""), pos);
            ++pos;
            if (Status st = addStep({StepKind::Wildcard, {}, {}, 0}); !st)
                return st.error();
            continue;
        }
        if (first == QLatin1Char('"') || first == QLatin1Char('\'')) {
            ++pos;
            QString name;
            bool closed = false;
            while (pos < end) {
                const QChar q = text.at(pos);
                if (q == first) {
                    closed = true;
                    ++pos;
                    break;
                }
                if (q == QLatin1Char('\\')) {
                    if (pos + 1 >= end)
                        break;
                    const QChar escaped = text.at(pos + 1);
                    if (escaped != QLatin1Char('\\') && escaped != QLatin1Char('"') && escaped != QLatin1Char('\''))
                        return syntaxError(QStringLiteral("unknown escape \"\\%1\" in a quoted name (only \\\", \\' and "
                                                          "\\\\ are known)").arg(escaped),
                                           pos);
                    name += escaped;
                    pos += 2;
                    continue;
                }
                if (isControl(q))
                    return syntaxError(QStringLiteral("a control character in a quoted name"), pos);
                name += q;
                ++pos;
            }
            if (!closed)
                return syntaxError(QStringLiteral("the quoted name is not closed"), open + 1);
            if (pos >= end || text.at(pos) != QLatin1Char(']'))
                return syntaxError(QStringLiteral("expected \"]\" after the quoted name"), pos);
            ++pos;
            if (Status st = addStep({StepKind::Name, name, {}, 0}); !st)
                return st.error();
            continue;
        }
        const qsizetype numberStart = pos;
        const bool negative = first == QLatin1Char('-');
        if (negative)
            ++pos;
        const qsizetype digitsStart = pos;
        while (pos < end && text.at(pos) >= QLatin1Char('0') && text.at(pos) <= QLatin1Char('9'))
            ++pos;
        const qsizetype digits = pos - digitsStart;
        if (digits == 0)
            return syntaxError(QStringLiteral("expected an index, \"*\" or a quoted name after \"[\""), numberStart);
        if (digits > kMaxIndexDigits)
            return syntaxError(QStringLiteral("the index has more than %1 digits").arg(kMaxIndexDigits), numberStart);
        if (pos >= end || text.at(pos) != QLatin1Char(']'))
            return syntaxError(QStringLiteral("expected \"]\" after the index"), pos);
        const qint64 magnitude = text.sliced(digitsStart, digits).toLongLong();
        ++pos;
        if (Status st = addStep({StepKind::Index, {}, {}, negative ? -magnitude : magnitude}); !st)
            return st.error();
    }
    return path;
}

bool JsonPath::hasWildcard() const
{
    return std::any_of(m_steps.cbegin(), m_steps.cend(), [](const Step &step) { return step.kind == StepKind::Wildcard; });
}

QString JsonPath::toString() const
{
    return toString(QStringLiteral("$"));
}

QString JsonPath::toString(const QString &base) const
{
    QString text = base;
    for (const Step &step : m_steps)
        text += stepText(step);
    return text;
}

QString JsonPath::lastName() const
{
    if (m_steps.isEmpty() || m_steps.last().kind != StepKind::Name)
        return {};
    return m_steps.last().name;
}

Result<std::vector<const json *>> JsonPath::select(const json &root, const QString &rootText, qsizetype limit) const
{
    auto walked = walk(*this, root, rootText, limit, Missing::IsError);
    if (!walked)
        return walked.error();
    std::vector<const json *> nodes;
    nodes.reserve(walked->size());
    for (const Cursor &cursor : walked.value())
        nodes.push_back(cursor.node);
    return nodes;
}

Result<const json *> JsonPath::selectOne(const json &root, const QString &rootText) const
{
    if (const json *node = follow(m_steps, root))
        return node;
    auto walked = walk(*this, root, rootText, 1, Missing::IsError);
    if (!walked)
        return walked.error();
    if (walked->size() != 1)
        return Error::make(Error::Code::Parse, QStringLiteral("%1 selects %2 values, not one")
                                                   .arg(toString(rootText), QString::number(walked->size())));
    return walked->front().node;
}

Result<const json *> JsonPath::find(const json &root, const QString &rootText) const
{
    if (const json *node = follow(m_steps, root))
        return node;
    auto walked = walk(*this, root, rootText, 1, Missing::IsNull);
    if (!walked)
        return walked.error();
    if (walked->empty())
        return static_cast<const json *>(nullptr);
    if (walked->size() != 1)
        return Error::make(Error::Code::Parse, QStringLiteral("%1 selects %2 values, not one")
                                                   .arg(toString(rootText), QString::number(walked->size())));
    return walked->front().node;
}

QString describeType(const json &value)
{
    switch (value.type()) {
    case json::value_t::object: return QStringLiteral("an object");
    case json::value_t::array: return QStringLiteral("an array");
    case json::value_t::string: return QStringLiteral("a string");
    case json::value_t::boolean: return QStringLiteral("true/false");
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return QStringLiteral("a number");
    case json::value_t::null: return QStringLiteral("null");
    case json::value_t::binary:
    case json::value_t::discarded: break;
    }
    return QStringLiteral("not a JSON value");
}

QString preview(const json &value)
{
    constexpr qsizetype kMax = 60;
    if (value.is_string()) {
        QString text = fromUtf8(value.get_ref<const std::string &>());
        const bool cut = text.size() > kMax;
        text = text.left(kMax);
        for (QChar &c : text) {
            if (isControl(c))
                c = QChar(0xfffd);
        }
        return QLatin1Char('"') + text + (cut ? QString(QChar(0x2026)) : QString()) + QLatin1Char('"');
    }
    if (value.is_number_float() && !std::isfinite(value.get<double>())) // dump() would say "null"
        return std::isnan(value.get<double>()) ? QStringLiteral("NaN")
                                               : value.get<double>() > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    if (value.is_number() || value.is_boolean() || value.is_null())
        return fromUtf8(value.dump());
    if (value.is_array())
        return QStringLiteral("an array of %1").arg(value.size());
    return describeType(value);
}

} // namespace stackscope::connectors::generichttp
