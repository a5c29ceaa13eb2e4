#include "rulefile.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace stackscope::app {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("stackscope::app::RuleFile", text);
}
Error fileError(const QString &message)
{
    return Error::make(Error::Code::Parse, message);
}
} // namespace

Result<QList<rules::AlertRule>> readRuleFile(const QByteArray &data)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
    if (document.isNull())
        return fileError(tr("This is not a rule file: %1 at character %2.")
                             .arg(parseError.errorString())
                             .arg(parseError.offset));
    QJsonArray array;
    if (document.isArray()) {
        array = document.array();
    } else if (document.object().contains(QStringLiteral("rules"))) {
        if (!document.object().value(QStringLiteral("rules")).isArray())
            return fileError(tr("\"rules\" must be a list of rules."));
        array = document.object().value(QStringLiteral("rules")).toArray();
    } else {
        array.append(document.object());
    }
    QList<rules::AlertRule> rules;
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject())
            return fileError(tr("Rule %1 is not a JSON object.").arg(i + 1));
        const QJsonObject object = array.at(i).toObject();
        auto rule = rules::ruleFromJson(object);
        if (!rule) {
            const QString name = object.value(QStringLiteral("name")).toString();
            return fileError(name.isEmpty() ? tr("Rule %1: %2").arg(i + 1).arg(rule.error().userMessage)
                                            : tr("Rule %1 (%2): %3").arg(i + 1).arg(name, rule.error().userMessage));
        }
        rules.append(rule.value());
    }
    if (rules.isEmpty())
        return fileError(tr("The file holds no rule."));
    return rules;
}

QByteArray writeRuleFile(const QList<rules::AlertRule> &rules)
{
    QJsonArray array;
    for (const rules::AlertRule &rule : rules)
        array.append(rules::toJson(rule));
    return QJsonDocument(QJsonObject{{QStringLiteral("rules"), array}}).toJson(QJsonDocument::Indented);
}

} // namespace stackscope::app
