#include "cli/rulescommand.h"

#include "alerts/alertrulerepository.h"
#include "cli/exitcodes.h"
#include "cli/jsonoutput.h"
#include "cli/textinput.h"
#include "rules/alertrule.h"
#include "storage/database.h"
#include "storage/metricstore.h"
#include "util/clock.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace stackscope::daemon {

namespace {

// A rule file holds one rule, an array of rules, or {"rules": [...]} (what `export` writes).
Result<QList<QJsonObject>> ruleObjects(const QJsonDocument &document)
{
    QJsonArray array;
    if (document.isArray()) {
        array = document.array();
    } else if (document.object().contains(QStringLiteral("rules"))) {
        if (!document.object().value(QStringLiteral("rules")).isArray())
            return Error::make(Error::Code::Config, QStringLiteral("\"rules\" must be an array of rules"));
        array = document.object().value(QStringLiteral("rules")).toArray();
    } else {
        array.append(document.object());
    }
    QList<QJsonObject> objects;
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject())
            return Error::make(Error::Code::Config, QStringLiteral("rule %1: not a JSON object").arg(i + 1));
        objects.append(array.at(i).toObject());
    }
    if (objects.isEmpty())
        return Error::make(Error::Code::Config, QStringLiteral("the file holds no rule"));
    return objects;
}

QJsonObject ruleLine(const alerts::StoredRule &stored)
{
    QJsonObject line = rules::toJson(stored.rule);
    line.insert(QStringLiteral("id"), double(stored.rule.id));
    line.insert(QStringLiteral("uuid"), stored.rule.uuid);
    line.insert(QStringLiteral("enabled"), stored.rule.enabled);
    if (stored.problem)
        line.insert(QStringLiteral("problem"), stored.problem->userMessage);
    return line;
}

} // namespace

RulesCommand::RulesCommand()
    : Command(QStringLiteral("rules"), QStringLiteral("Manage alert rules: add, list, export, remove ID|NAME."))
{
}

RulesCommand::~RulesCommand() = default;

void RulesCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("add | list | export | remove ID|NAME"));
    parser.addOptions({
        {QStringLiteral("file"), QStringLiteral("add: read the rule(s) from a rule file (or - for stdin)."), QStringLiteral("FILE")},
        {QStringLiteral("output"), QStringLiteral("export: write to FILE instead of stdout."), QStringLiteral("FILE")},
        {QStringLiteral("name"), QStringLiteral("add: the rule's name (unique)."), QStringLiteral("NAME")},
        {QStringLiteral("description"), QStringLiteral("add: what the rule is for."), QStringLiteral("TEXT")},
        {QStringLiteral("metric"), QStringLiteral("add: the metric to watch."), QStringLiteral("METRIC")},
        {QStringLiteral("label"), QStringLiteral("add: a label filter, repeatable."), QStringLiteral("key=value")},
        {QStringLiteral("project"), QStringLiteral("add: only series of this project."), QStringLiteral("P")},
        {QStringLiteral("service"), QStringLiteral("add: only series of this service."), QStringLiteral("S")},
        {QStringLiteral("condition"), QStringLiteral("add: threshold (default), rate, nodata or band."), QStringLiteral("KIND")},
        {QStringLiteral("above"), QStringLiteral("add: fire above this value."), QStringLiteral("X")},
        {QStringLiteral("below"), QStringLiteral("add: fire below this value."), QStringLiteral("X")},
        {QStringLiteral("percent"), QStringLiteral("add: a rate threshold in percent of the window's first value.")},
        {QStringLiteral("window"), QStringLiteral("add: the window, e.g. 5m, 15m, 1h (default 5m)."), QStringLiteral("DURATION")},
        {QStringLiteral("for"), QStringLiteral("add: how long the condition must hold before firing."), QStringLiteral("DURATION")},
        {QStringLiteral("aggregation"), QStringLiteral("add: avg (default), min, max, sum, count or last."), QStringLiteral("AGG")},
        {QStringLiteral("sensitivity"), QStringLiteral("add: band rules: how many MADs from the median."), QStringLiteral("K")},
        {QStringLiteral("severity"), QStringLiteral("add: info, warning (default) or critical."), QStringLiteral("S")},
        {QStringLiteral("channel"), QStringLiteral("add: notify this channel, repeatable (default: the default channels)."), QStringLiteral("NAME")},
        {QStringLiteral("cooldown"), QStringLiteral("add: no re-notification within this (default 30m)."), QStringLiteral("DURATION")},
        {QStringLiteral("no-auto-resolve"), QStringLiteral("add: keep alerts open when the condition clears.")},
        {QStringLiteral("disabled"), QStringLiteral("add: store the rule disabled.")},
    });
}

void RulesCommand::run()
{
    const QStringList args = parser().positionalArguments();
    const QString action = args.value(0);
    static const QStringList actions{QStringLiteral("add"), QStringLiteral("list"), QStringLiteral("export"),
                                     QStringLiteral("remove")};
    if (!actions.contains(action)) {
        usageError(QStringLiteral("rules needs an action: add, list, export or remove ID|NAME"));
        return;
    }
    const qsizetype expected = action == QLatin1String("remove") ? 2 : 1;
    if (args.size() != expected) {
        usageError(expected == 2 ? QStringLiteral("rules remove needs one rule ID or name (see `rules list`)")
                                 : QStringLiteral("unexpected argument \"%1\"").arg(args.value(1)));
        return;
    }
    m_keys.openWorkspace(workspaceDir(), keyFile(), [this, action, args](Result<std::unique_ptr<storage::MetricStore>> store) {
        if (!store) {
            fail(store.error());
            return;
        }
        m_store = std::move(store).value();
        if (action == QLatin1String("add"))
            add(*m_store);
        else if (action == QLatin1String("list"))
            list(*m_store);
        else if (action == QLatin1String("export"))
            exportRules(*m_store);
        else
            remove(*m_store, args.at(1));
    });
}

QJsonObject RulesCommand::ruleFromFlags()
{
    QJsonObject json;
    auto copy = [&](const char *option, const char *key) {
        if (parser().isSet(QLatin1String(option)))
            json.insert(QLatin1String(key), parser().value(QLatin1String(option)));
    };
    copy("name", "name");
    copy("description", "description");
    copy("metric", "metric");
    copy("project", "project");
    copy("service", "service");
    copy("condition", "condition");
    copy("window", "window");
    copy("for", "for");
    copy("aggregation", "aggregation");
    copy("severity", "severity");
    copy("cooldown", "cooldown");
    QJsonObject labels;
    for (const QString &pair : parser().values(QStringLiteral("label"))) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        labels.insert(pair.left(eq), eq > 0 ? QJsonValue(pair.mid(eq + 1)) : QJsonValue());
    }
    if (!labels.isEmpty())
        json.insert(QStringLiteral("labels"), labels);
    // Numbers go in as JSON numbers when they read as such, else as text for ruleFromJson to refuse by name.
    auto number = [&](const char *option, const char *key) {
        const QString text = parser().value(QLatin1String(option));
        bool ok = false;
        const double value = text.toDouble(&ok);
        json.insert(QLatin1String(key), ok ? QJsonValue(value) : QJsonValue(text));
    };
    if (parser().isSet(QStringLiteral("above")) || parser().isSet(QStringLiteral("below"))) {
        const bool above = parser().isSet(QStringLiteral("above"));
        json.insert(QStringLiteral("comparison"), above ? QStringLiteral("above") : QStringLiteral("below"));
        number(above ? "above" : "below", "threshold");
    }
    if (parser().isSet(QStringLiteral("sensitivity")))
        number("sensitivity", "sensitivity");
    if (parser().isSet(QStringLiteral("percent")))
        json.insert(QStringLiteral("percent"), true);
    if (parser().isSet(QStringLiteral("no-auto-resolve")))
        json.insert(QStringLiteral("auto_resolve"), false);
    if (parser().isSet(QStringLiteral("disabled")))
        json.insert(QStringLiteral("enabled"), false);
    const QStringList channels = parser().values(QStringLiteral("channel"));
    if (!channels.isEmpty())
        json.insert(QStringLiteral("channels"), QJsonArray::fromStringList(channels));
    return json;
}

void RulesCommand::add(storage::MetricStore &store)
{
    QList<QJsonObject> objects;
    if (parser().isSet(QStringLiteral("file"))) {
        if (parser().isSet(QStringLiteral("name")) || parser().isSet(QStringLiteral("metric"))) {
            usageError(QStringLiteral("rules add takes either --file or the rule's flags, not both"));
            return;
        }
        auto text = readTextInput(parser().value(QStringLiteral("file")));
        if (!text) {
            fail(text.error());
            return;
        }
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(text.value(), &parseError);
        if (parseError.error != QJsonParseError::NoError || document.isNull()) {
            usageError(QStringLiteral("%1 is not valid JSON: %2 (at byte %3)")
                           .arg(parser().value(QStringLiteral("file")), parseError.errorString())
                           .arg(parseError.offset));
            return;
        }
        auto found = ruleObjects(document);
        if (!found) {
            usageError(found.error().userMessage);
            return;
        }
        objects = found.value();
    } else {
        if (!parser().isSet(QStringLiteral("name")) || !parser().isSet(QStringLiteral("metric"))) {
            usageError(QStringLiteral("rules add needs --file, or at least --name and --metric"));
            return;
        }
        if (parser().isSet(QStringLiteral("above")) && parser().isSet(QStringLiteral("below"))) {
            usageError(QStringLiteral("give --above or --below, not both"));
            return;
        }
        objects.append(ruleFromFlags());
    }

    // Every rule is checked before anything is written; then all are added in one transaction or none is.
    QList<rules::AlertRule> parsed;
    for (qsizetype i = 0; i < objects.size(); ++i) {
        auto rule = rules::ruleFromJson(objects.at(i));
        if (!rule) {
            const QString where = objects.size() > 1 ? QStringLiteral("rule %1: ").arg(i + 1) : QString();
            usageError(where + rule.error().userMessage);
            return;
        }
        parsed.append(rule.value());
    }
    storage::Database &db = store.database();
    if (Status begun = db.begin(); !begun) {
        fail(begun.error());
        return;
    }
    alerts::AlertRuleRepository repository(db);
    QList<rules::AlertRule> added;
    for (const rules::AlertRule &rule : parsed) {
        auto stored = repository.add(rule, Clock::system().nowMs());
        if (!stored) {
            db.rollback();
            const Error &error = stored.error();
            if (error.code == Error::Code::Config) {
                usageError(QStringLiteral("%1: %2").arg(rule.name, error.userMessage));
                return;
            }
            fail(error);
            return;
        }
        added.append(stored.value());
    }
    if (Status committed = db.commit(); !committed) {
        db.rollback();
        fail(committed.error());
        return;
    }
    for (const rules::AlertRule &rule : added)
        printJson({{QStringLiteral("id"), double(rule.id)}, {QStringLiteral("uuid"), rule.uuid}, {QStringLiteral("name"), rule.name}});
    finish(ExitOk);
}

void RulesCommand::list(storage::MetricStore &store)
{
    auto stored = alerts::AlertRuleRepository(store.database()).list();
    if (!stored) {
        fail(stored.error());
        return;
    }
    for (const alerts::StoredRule &rule : stored.value())
        printJson(ruleLine(rule));
    finish(ExitOk);
}

void RulesCommand::exportRules(storage::MetricStore &store)
{
    auto stored = alerts::AlertRuleRepository(store.database()).list();
    if (!stored) {
        fail(stored.error());
        return;
    }
    QJsonArray array;
    for (const alerts::StoredRule &rule : stored.value()) {
        if (!rule.problem)
            array.append(rules::toJson(rule.rule));
    }
    const QByteArray document = QJsonDocument(QJsonObject{{QStringLiteral("rules"), array}}).toJson(QJsonDocument::Indented);
    if (Status written = writeTextOutput(parser().value(QStringLiteral("output")), document); !written) {
        fail(written.error());
        return;
    }
    finish(ExitOk);
}

void RulesCommand::remove(storage::MetricStore &store, const QString &which)
{
    alerts::AlertRuleRepository repository(store.database());
    auto found = repository.find(which);
    if (!found) {
        fail(found.error());
        return;
    }
    if (Status removed = repository.remove(found->rule.id, Clock::system().nowMs()); !removed) {
        fail(removed.error());
        return;
    }
    printJson({{QStringLiteral("removed"), double(found->rule.id)}, {QStringLiteral("name"), found->rule.name}});
    finish(ExitOk);
}

} // namespace stackscope::daemon
