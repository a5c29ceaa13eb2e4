#include "expositionparser.h"

#include <QHash>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <cmath>
#include <cstring>
#include <limits>

namespace stackscope::connectors::prometheus {

namespace {

constexpr qsizetype kMaxShown = 60;          // characters of offending input quoted in a message
constexpr qsizetype kMaxInternedValue = 128; // longer label values are not worth sharing
constexpr qsizetype kMaxInterned = 1'000'000;

const char *const kSuffixes[] = {"_total", "_created", "_bucket", "_count", "_sum", "_gcount", "_gsum", "_info"};

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

bool isNameStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool isNameChar(char c)
{
    return isNameStart(c) || (c >= '0' && c <= '9');
}

bool isMetricNameStart(char c)
{
    return isNameStart(c) || c == ':';
}

bool isMetricNameChar(char c)
{
    return isNameChar(c) || c == ':';
}

bool equalsNoCase(QByteArrayView a, const char *b)
{
    return a.compare(QByteArrayView(b), Qt::CaseInsensitive) == 0;
}

// A lookup key that borrows the bytes (no copy); never stored.
QByteArray borrow(QByteArrayView view)
{
    return QByteArray::fromRawData(view.data(), view.size());
}

std::string_view sv(QByteArrayView view)
{
    return {view.data(), std::size_t(view.size())};
}

// FNV-1a: names and label values are short, and Qt's seeded hash costs more than the rest of a line's parsing.
struct Fnv1a
{
    std::size_t operator()(std::string_view text) const noexcept
    {
        std::uint64_t hash = 14695981039346656037ull;
        for (unsigned char c : text) {
            hash ^= c;
            hash *= 1099511628211ull;
        }
        return std::size_t(hash);
    }
};

template<typename T>
using ViewMap = std::unordered_map<std::string_view, T, Fnv1a>;

// Offending input, quoted for a message: bounded, control characters made visible.
QString shown(QByteArrayView bytes)
{
    QString text = QString::fromUtf8(bytes.first(std::min(bytes.size(), kMaxShown)));
    for (QChar &c : text) {
        if (c.category() == QChar::Other_Control)
            c = QChar(0xfffd);
    }
    if (bytes.size() > kMaxShown)
        text += QChar(0x2026);
    return QLatin1Char('"') + text + QLatin1Char('"');
}

// \\ -> \, \" -> ", \n -> newline; any other escaped character is kept as written.
QByteArray unescape(QByteArrayView raw)
{
    QByteArray out;
    out.reserve(raw.size());
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if (c != '\\' || i + 1 >= raw.size()) {
            out.append(c);
            continue;
        }
        const char next = raw[++i];
        if (next == 'n')
            out.append('\n');
        else if (next == '\\' || next == '"')
            out.append(next);
        else
            out.append('\\').append(next);
    }
    return out;
}

// Go's strconv.ParseFloat as the Prometheus exposition uses it: decimal and exponent forms, NaN, [+-]Inf.
bool parseFloat(QByteArrayView token, double &out)
{
    if (token.isEmpty())
        return false;
    const char *begin = token.data();
    const char *end = begin + token.size();
    bool negative = false;
    if (*begin == '+' || *begin == '-') {
        negative = *begin == '-';
        ++begin;
    }
    const QByteArrayView body(begin, end - begin);
    if (equalsNoCase(body, "nan")) {
        out = std::numeric_limits<double>::quiet_NaN();
        return true;
    }
    if (equalsNoCase(body, "inf") || equalsNoCase(body, "infinity")) {
        out = negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
        return true;
    }
    if (body.isEmpty() || !((*begin >= '0' && *begin <= '9') || *begin == '.'))
        return false;
    double value = 0.0;
    const auto [ptr, ec] = std::from_chars(begin, end, value, std::chars_format::general);
    if (ec != std::errc() || ptr != end)
        return false;
    out = negative ? -value : value;
    return true;
}

bool allows(MetricType type, QByteArrayView suffix)
{
    auto is = [suffix](const char *s) { return suffix == QByteArrayView(s); };
    switch (type) {
    case MetricType::Counter: return is("_total") || is("_created");
    case MetricType::Histogram: return is("_bucket") || is("_count") || is("_sum") || is("_created");
    case MetricType::GaugeHistogram: return is("_bucket") || is("_gcount") || is("_gsum");
    case MetricType::Summary: return is("_count") || is("_sum") || is("_created");
    case MetricType::Info: return is("_info");
    default: return false;
    }
}

std::optional<MetricType> typeFromName(QByteArrayView word)
{
    static const struct
    {
        const char *name;
        MetricType type;
    } types[] = {
        {"counter", MetricType::Counter},   {"gauge", MetricType::Gauge},
        {"histogram", MetricType::Histogram}, {"gaugehistogram", MetricType::GaugeHistogram},
        {"summary", MetricType::Summary},   {"untyped", MetricType::Untyped},
        {"info", MetricType::Info},         {"stateset", MetricType::StateSet},
        {"unknown", MetricType::Unknown},
    };
    for (const auto &entry : types) {
        if (equalsNoCase(word, entry.name))
            return entry.type;
    }
    return std::nullopt;
}

class Parser
{
public:
    Parser(QByteArrayView text, ExpositionFormat format, const ParseOptions &options)
        : m_text(text), m_format(format), m_options(options)
    {
        m_out.format = format;
    }

    Result<Exposition> run()
    {
        const bool validUtf8 = m_text.isValidUtf8();
        const char *cursor = m_text.data();
        const char *const end = cursor + m_text.size();
        int lineNo = 0;
        while (cursor < end) {
            const void *found = std::memchr(cursor, '\n', std::size_t(end - cursor));
            const char *lineEnd = found ? static_cast<const char *>(found) : end;
            ++lineNo;
            if (!validUtf8 && !QByteArrayView(cursor, lineEnd - cursor).isValidUtf8())
                return error(lineNo, QStringLiteral("the line is not valid UTF-8"));
            if (Status st = parseLine(cursor, lineEnd, lineNo); !st)
                return st.error();
            cursor = lineEnd + 1;
        }
        m_out.lines = lineNo;
        if (m_format == ExpositionFormat::OpenMetrics && !m_out.sawEof)
            return Error::make(Error::Code::Parse,
                               QStringLiteral("The OpenMetrics exposition does not end with \"# EOF\"; it was probably "
                                              "cut off."));
        return std::move(m_out);
    }

private:
    struct LabelView
    {
        QByteArrayView name;
        QByteArrayView value;
        bool nameEscaped = false;
        bool valueEscaped = false;
    };

    struct Resolved
    {
        QString name;
        int family = -1;
        MetricKind kind = MetricKind::Gauge;
        bool keep = true;
        int firstLine = 0;
    };

    static Error error(int line, const QString &what, Error::Code code = Error::Code::Parse)
    {
        return Error::make(code, QStringLiteral("line %1: %2").arg(line).arg(what));
    }

    Status parseLine(const char *p, const char *e, int lineNo)
    {
        while (e > p && (isBlank(e[-1]) || e[-1] == '\r'))
            --e;
        while (p < e && isBlank(*p))
            ++p;
        if (m_out.sawEof) {
            if (p == e)
                return {};
            return error(lineNo, QStringLiteral("nothing may follow \"# EOF\", found %1").arg(shown({p, e - p})));
        }
        if (p == e)
            return {};
        if (*p == '#')
            return parseComment(p + 1, e, lineNo);
        return parseSample(p, e, lineNo);
    }

    // "# HELP name text", "# TYPE name type", "# UNIT name unit", "# EOF"; any other "#" line is a comment.
    Status parseComment(const char *p, const char *e, int lineNo)
    {
        if (p == e || !isBlank(*p))
            return {};
        while (p < e && isBlank(*p))
            ++p;
        const char *wordStart = p;
        while (p < e && !isBlank(*p))
            ++p;
        const QByteArrayView word(wordStart, p - wordStart);
        if (word == QByteArrayView("EOF") && p == e) {
            if (m_format == ExpositionFormat::OpenMetrics)
                m_out.sawEof = true;
            return {};
        }
        const bool help = word == QByteArrayView("HELP");
        const bool type = word == QByteArrayView("TYPE");
        const bool unit = word == QByteArrayView("UNIT");
        if (!help && !type && !unit)
            return {};
        if (p == e)
            return error(lineNo, QStringLiteral("\"# %1\" without a metric name").arg(QString::fromLatin1(word)));
        while (p < e && isBlank(*p))
            ++p;
        QByteArray name;
        if (Status st = readMetricName(p, e, lineNo, name); !st)
            return st;
        if (p < e && !isBlank(*p))
            return error(lineNo, QStringLiteral("unexpected %1 after the metric name").arg(shown({p, e - p})));
        while (p < e && isBlank(*p))
            ++p;
        const QByteArrayView rest(p, e - p);
        const int index = familyIndex(name);
        MetricFamily &family = m_out.families[index];
        if (help) {
            if (family.help.isEmpty())
                family.help = QString::fromUtf8(unescape(rest));
            return {};
        }
        if (unit) {
            family.unit = QString::fromUtf8(rest);
            return {};
        }
        if (rest.isEmpty())
            return error(lineNo, QStringLiteral("\"# TYPE %1\" names no type").arg(QString::fromUtf8(name)));
        const std::optional<MetricType> parsed = typeFromName(rest);
        if (!parsed)
            return error(lineNo, QStringLiteral("unknown metric type %1 (expected counter, gauge, histogram, summary, "
                                                "untyped, info, stateset, gaugehistogram or unknown)")
                                     .arg(shown(rest)));
        if (m_typeLine[index] > 0) {
            if (family.type == *parsed)
                return {}; // the same declaration twice: harmless
            return error(lineNo, QStringLiteral("a second \"# TYPE\" for %1 says %2, but line %3 said %4")
                                     .arg(shown(name), typeName(*parsed))
                                     .arg(m_typeLine[index])
                                     .arg(typeName(family.type)));
        }
        // Samples read before their TYPE line were taken as untyped; refuse rather than mix both readings.
        for (const QByteArrayView candidate : candidatesFor(name, *parsed)) {
            const auto seen = m_resolved.find(sv(candidate));
            if (seen != m_resolved.end())
                return error(lineNo, QStringLiteral("\"# TYPE\" for %1 comes after its samples (line %2)")
                                         .arg(shown(name))
                                         .arg(seen->second.firstLine));
        }
        family.type = *parsed;
        m_typeLine[index] = lineNo;
        return {};
    }

    // The sample names a family of this type may have: the name itself and name + each allowed suffix.
    QList<QByteArrayView> candidatesFor(const QByteArray &name, MetricType type)
    {
        m_scratch.clear();
        m_scratch.append(name);
        for (const char *suffix : kSuffixes) {
            if (allows(type, suffix))
                m_scratch.append(QByteArray(name + suffix));
        }
        QList<QByteArrayView> views;
        for (const QByteArray &candidate : std::as_const(m_scratch))
            views.append(candidate);
        return views;
    }

    int familyIndex(const QByteArray &name)
    {
        const auto it = m_familyByName.constFind(name);
        if (it != m_familyByName.cend())
            return it.value();
        const int index = int(m_out.families.size());
        MetricFamily family;
        family.name = QString::fromUtf8(name);
        m_out.families.append(family);
        m_typeLine.push_back(0);
        m_familyByName.insert(name, index);
        return index;
    }

    // A metric name: [a-zA-Z_:][a-zA-Z0-9_:]*, or a double-quoted UTF-8 name.
    Status readMetricName(const char *&p, const char *e, int lineNo, QByteArray &name)
    {
        if (p < e && *p == '"') {
            QByteArrayView raw;
            bool escaped = false;
            if (!readQuoted(p, e, raw, escaped))
                return error(lineNo, QStringLiteral("the quoted metric name has no closing double quote"));
            name = escaped ? unescape(raw) : raw.toByteArray();
            if (name.isEmpty())
                return error(lineNo, QStringLiteral("the metric name is empty"));
            return {};
        }
        const char *start = p;
        if (p < e && isMetricNameStart(*p)) {
            ++p;
            while (p < e && isMetricNameChar(*p))
                ++p;
        }
        if (p == start)
            return error(lineNo, QStringLiteral("expected a metric name, found %1").arg(shown({start, e - start})));
        name = QByteArray(start, p - start);
        return {};
    }

    // p at the opening quote; on success p is past the closing quote and `raw` holds what is between.
    static bool readQuoted(const char *&p, const char *e, QByteArrayView &raw, bool &escaped)
    {
        const char *start = ++p;
        escaped = false;
        while (p < e && *p != '"') {
            if (*p == '\\') {
                escaped = true;
                ++p;
            }
            ++p;
        }
        if (p >= e)
            return false;
        raw = QByteArrayView(start, p - start);
        ++p;
        return true;
    }

    static QString labelWhat(QByteArrayView name)
    {
        return QStringLiteral("label %1").arg(shown(name));
    }

    // p at '{'. Fills m_labels; a quoted string without '=' (only first) is the metric name.
    Status readLabels(const char *&p, const char *e, int lineNo, QByteArrayView &quotedName, bool &quotedNameEscaped)
    {
        ++p;
        auto skipBlanks = [&p, e] {
            while (p < e && isBlank(*p))
                ++p;
        };
        skipBlanks();
        if (p < e && *p == '}') {
            ++p;
            return {};
        }
        bool first = true;
        bool closed = false;
        while (true) {
            LabelView label;
            if (p < e && *p == '"') {
                QByteArrayView raw;
                bool escaped = false;
                if (!readQuoted(p, e, raw, escaped))
                    return error(lineNo, QStringLiteral("a quoted name in the label set has no closing double quote"));
                skipBlanks();
                if (first && (p >= e || *p != '=')) {
                    quotedName = raw;
                    quotedNameEscaped = escaped;
                    first = false;
                    if (Status st = afterLabel(p, e, lineNo, {}, closed); !st)
                        return st;
                    if (closed)
                        return {};
                    continue;
                }
                label.name = raw;
                label.nameEscaped = escaped;
            } else {
                const char *start = p;
                if (p < e && isNameStart(*p)) {
                    ++p;
                    while (p < e && isNameChar(*p))
                        ++p;
                }
                if (p == start) {
                    if (p >= e)
                        return error(lineNo, QStringLiteral("the label set has no closing '}'"));
                    return error(lineNo, QStringLiteral("expected a label name, found %1").arg(shown({p, e - p})));
                }
                label.name = QByteArrayView(start, p - start);
            }
            first = false;
            skipBlanks();
            if (p >= e || *p != '=')
                return error(lineNo, QStringLiteral("expected '=' after %1").arg(labelWhat(label.name)));
            ++p;
            skipBlanks();
            if (p >= e || *p != '"')
                return error(lineNo, QStringLiteral("the value of %1 must be in double quotes").arg(labelWhat(label.name)));
            if (!readQuoted(p, e, label.value, label.valueEscaped))
                return error(lineNo, QStringLiteral("the value of %1 has no closing double quote").arg(labelWhat(label.name)));
            m_labels.push_back(label);
            if (Status st = afterLabel(p, e, lineNo, label.name, closed); !st)
                return st;
            if (closed)
                return {};
        }
    }

    // After a label (or the quoted metric name, `label` empty): ',' (optionally followed by '}') or '}'.
    Status afterLabel(const char *&p, const char *e, int lineNo, QByteArrayView label, bool &closed)
    {
        closed = false;
        while (p < e && isBlank(*p))
            ++p;
        if (p < e && *p == ',') {
            ++p;
            while (p < e && isBlank(*p))
                ++p;
            if (p < e && *p == '}') {
                ++p;
                closed = true;
            }
            return {};
        }
        if (p < e && *p == '}') {
            ++p;
            closed = true;
            return {};
        }
        if (p >= e)
            return error(lineNo, QStringLiteral("the label set has no closing '}'"));
        const QString what = label.isEmpty() ? QStringLiteral("the metric name")
                                             : QStringLiteral("the value of %1").arg(labelWhat(label));
        return error(lineNo, QStringLiteral("expected ',' or '}' after %1, found %2").arg(what, shown({p, e - p})));
    }

    Status parseSample(const char *p, const char *e, int lineNo)
    {
        m_labels.clear();
        QByteArray ownedName;
        QByteArrayView name;
        if (*p != '{') {
            const char *start = p;
            if (isMetricNameStart(*p)) {
                ++p;
                while (p < e && isMetricNameChar(*p))
                    ++p;
            }
            if (p == start)
                return error(lineNo, QStringLiteral("expected a metric name or a comment, found %1")
                                         .arg(shown({start, e - start})));
            name = QByteArrayView(start, p - start);
            // Blanks may separate the name from its label set.
            const char *afterBlanks = p;
            while (afterBlanks < e && isBlank(*afterBlanks))
                ++afterBlanks;
            if (afterBlanks < e && *afterBlanks == '{')
                p = afterBlanks;
        }
        if (p < e && *p == '{') {
            QByteArrayView quoted;
            bool quotedEscaped = false;
            const bool hadName = !name.isEmpty();
            if (Status st = readLabels(p, e, lineNo, quoted, quotedEscaped); !st)
                return st;
            if (!quoted.isEmpty() || quotedEscaped) {
                if (hadName)
                    return error(lineNo, QStringLiteral("the metric name is given twice"));
                if (quotedEscaped) {
                    ownedName = unescape(quoted);
                    name = ownedName;
                } else {
                    name = quoted;
                }
            }
            if (name.isEmpty())
                return error(lineNo, QStringLiteral("the sample has no metric name"));
        }
        if (p < e && !isBlank(*p))
            return error(lineNo, QStringLiteral("unexpected %1 after the metric name").arg(shown({p, e - p})));
        while (p < e && isBlank(*p))
            ++p;
        const char *valueStart = p;
        while (p < e && !isBlank(*p))
            ++p;
        const QByteArrayView valueToken(valueStart, p - valueStart);
        if (valueToken.isEmpty())
            return error(lineNo, QStringLiteral("%1 has no value").arg(shown(name)));
        double value = 0.0;
        if (!parseFloat(valueToken, value))
            return error(lineNo, QStringLiteral("%1 is not a number").arg(shown(valueToken)));

        std::optional<qint64> timestamp;
        while (p < e && isBlank(*p))
            ++p;
        if (p < e && *p != '#') {
            const char *tsStart = p;
            while (p < e && !isBlank(*p))
                ++p;
            const QByteArrayView tsToken(tsStart, p - tsStart);
            timestamp = parseTimestamp(tsToken);
            if (!timestamp)
                return error(lineNo, QStringLiteral("%1 is not a timestamp (%2)")
                                         .arg(shown(tsToken),
                                              m_format == ExpositionFormat::OpenMetrics
                                                  ? QStringLiteral("seconds since 1970, OpenMetrics")
                                                  : QStringLiteral("milliseconds since 1970")));
            while (p < e && isBlank(*p))
                ++p;
        }
        // An OpenMetrics exemplar (" # {trace_id=\"…\"} 1.0") says nothing about the sample itself.
        if (p < e && !(*p == '#' && (p + 1 == e || isBlank(p[1]))))
            return error(lineNo, QStringLiteral("unexpected %1 after the value").arg(shown({p, e - p})));

        const Resolved &resolved = resolve(name, lineNo);
        if (!resolved.keep) {
            ++m_out.filteredOut;
            return {};
        }
        if (!std::isfinite(value)) {
            ++m_out.nonFinite;
            return {};
        }
        if (qsizetype(m_out.samples.size()) >= m_options.maxSamples)
            return error(lineNo,
                         QStringLiteral("the exposition has more than %1 series; keep fewer with a metric prefix")
                             .arg(m_options.maxSamples),
                         Error::Code::Config);

        ParsedSample sample;
        sample.name = resolved.name;
        sample.family = resolved.family;
        sample.kind = resolved.kind;
        sample.value = value;
        sample.timestampMs = timestamp;
        sample.line = lineNo;
        for (std::size_t i = 0; i < m_labels.size(); ++i) {
            const LabelView &label = m_labels[i];
            const QString key = label.nameEscaped ? QString::fromUtf8(unescape(label.name)) : labelText(label.name, i, true);
            if (key.isEmpty())
                return error(lineNo, QStringLiteral("a label name is empty"));
            if (sample.labels.contains(key))
                return error(lineNo, QStringLiteral("label %1 appears twice").arg(shown(key.toUtf8())));
            sample.labels.insert(key, label.valueEscaped ? QString::fromUtf8(unescape(label.value))
                                                         : labelText(label.value, i, false));
        }
        m_out.samples.push_back(std::move(sample));
        return {};
    }

    std::optional<qint64> parseTimestamp(QByteArrayView token) const
    {
        if (m_format == ExpositionFormat::PrometheusText) {
            qint64 ms = 0;
            const char *begin = token.data();
            const char *end = begin + token.size();
            const auto [ptr, ec] = std::from_chars(begin, end, ms);
            if (ec == std::errc() && ptr == end)
                return ms;
        }
        double number = 0.0;
        if (!parseFloat(token, number) || !std::isfinite(number))
            return std::nullopt;
        const double ms = m_format == ExpositionFormat::OpenMetrics ? number * 1000.0 : number;
        if (std::fabs(ms) > 1e16) // beyond year 300000: not a time
            return std::nullopt;
        return qint64(std::llround(ms));
    }

    // Which family a sample name belongs to, its kind, and whether the prefix keeps it; cached per name (and
    // the previous line's answer first: a family's samples come one after another).
    const Resolved &resolve(QByteArrayView name, int lineNo)
    {
        if (m_lastResolved && name == m_lastName)
            return *m_lastResolved;
        const auto cached = m_resolved.find(sv(name));
        if (cached != m_resolved.end()) {
            remember(name, cached->second);
            return cached->second;
        }
        Resolved resolved;
        resolved.name = QString::fromUtf8(name);
        resolved.firstLine = lineNo;
        resolved.keep = name.startsWith(m_options.metricPrefix);
        const auto exact = m_familyByName.constFind(borrow(name));
        if (exact != m_familyByName.cend()) {
            resolved.family = exact.value();
            resolved.kind = kindOf(m_out.families.at(exact.value()).type, {});
        } else {
            for (const char *suffix : kSuffixes) {
                const QByteArrayView s(suffix);
                if (!name.endsWith(s) || name.size() == s.size())
                    continue;
                const auto base = m_familyByName.constFind(borrow(name.chopped(s.size())));
                if (base == m_familyByName.cend() || !allows(m_out.families.at(base.value()).type, s))
                    continue;
                resolved.family = base.value();
                resolved.kind = kindOf(m_out.families.at(base.value()).type, s);
                break;
            }
        }
        const Resolved &stored = m_resolved.emplace(stableKey(name), std::move(resolved)).first->second;
        remember(name, stored);
        return stored;
    }

    void remember(QByteArrayView name, const Resolved &resolved)
    {
        m_lastName = inText(name) ? name : QByteArrayView();
        m_lastResolved = inText(name) ? &resolved : nullptr;
    }

    bool inText(QByteArrayView bytes) const
    {
        return bytes.data() >= m_text.data() && bytes.data() + bytes.size() <= m_text.data() + m_text.size();
    }

    // A key that outlives the line: a view into the exposition itself, or a copy we keep (unescaped names).
    std::string_view stableKey(QByteArrayView bytes)
    {
        if (inText(bytes))
            return sv(bytes);
        return m_owned.emplace_back(bytes.data(), std::size_t(bytes.size()));
    }

    // Label names and short values repeat on every line: share one QString per distinct text.
    QString intern(QByteArrayView bytes)
    {
        if (bytes.size() > kMaxInternedValue || !inText(bytes))
            return QString::fromUtf8(bytes);
        const auto it = m_interned.find(sv(bytes));
        if (it != m_interned.end())
            return it->second;
        QString text = QString::fromUtf8(bytes);
        if (qsizetype(m_interned.size()) < kMaxInterned)
            m_interned.emplace(sv(bytes), text);
        return text;
    }

    // The label at `index` of this sample, as a QString: most lines repeat the previous line's names and many
    // of its values at the same positions.
    QString labelText(QByteArrayView bytes, std::size_t index, bool isName)
    {
        if (m_previous.size() <= index)
            m_previous.resize(index + 1);
        Previous &previous = m_previous[index];
        QByteArrayView &seen = isName ? previous.nameBytes : previous.valueBytes;
        QString &text = isName ? previous.name : previous.value;
        if (!seen.isNull() && seen == bytes)
            return text;
        text = intern(bytes);
        seen = bytes;
        return text;
    }

    QByteArrayView m_text;
    ExpositionFormat m_format;
    const ParseOptions &m_options;
    Exposition m_out;
    QHash<QByteArray, int> m_familyByName;
    std::vector<int> m_typeLine; // per family: the line of its # TYPE, 0 when none yet
    ViewMap<Resolved> m_resolved;
    ViewMap<QString> m_interned;
    std::deque<std::string> m_owned;
    QByteArrayView m_lastName;
    const Resolved *m_lastResolved = nullptr;
    struct Previous
    {
        QByteArrayView nameBytes;
        QString name;
        QByteArrayView valueBytes;
        QString value;
    };
    std::vector<Previous> m_previous;
    std::vector<LabelView> m_labels;
    QList<QByteArray> m_scratch;
};

} // namespace

QString typeName(MetricType type)
{
    switch (type) {
    case MetricType::Untyped: return QStringLiteral("untyped");
    case MetricType::Counter: return QStringLiteral("counter");
    case MetricType::Gauge: return QStringLiteral("gauge");
    case MetricType::Histogram: return QStringLiteral("histogram");
    case MetricType::GaugeHistogram: return QStringLiteral("gaugehistogram");
    case MetricType::Summary: return QStringLiteral("summary");
    case MetricType::Info: return QStringLiteral("info");
    case MetricType::StateSet: return QStringLiteral("stateset");
    case MetricType::Unknown: return QStringLiteral("unknown");
    }
    return {};
}

MetricKind kindOf(MetricType type, QByteArrayView suffix)
{
    auto is = [suffix](const char *s) { return suffix == QByteArrayView(s); };
    switch (type) {
    case MetricType::Counter: return is("_created") ? MetricKind::Gauge : MetricKind::Counter;
    case MetricType::Histogram:
        return is("_bucket") || is("_count") || is("_sum") ? MetricKind::Counter : MetricKind::Gauge;
    case MetricType::Summary: return is("_count") || is("_sum") ? MetricKind::Counter : MetricKind::Gauge;
    default: return MetricKind::Gauge;
    }
}

Result<Exposition> parseExposition(QByteArrayView text, ExpositionFormat format, const ParseOptions &options)
{
    return Parser(text, format, options).run();
}

} // namespace stackscope::connectors::prometheus
