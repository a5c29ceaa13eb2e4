#pragma once

#include "rules/alertrule.h"
#include "util/result.h"

#include <QByteArray>
#include <QList>

namespace stackscope::app {

// Rule files, the format of `stackscoped rules export` and `rules add --file`: {"rules": [...]} with each rule
// as rules::toJson writes it (a single rule object or a bare array are read too). Reading checks every rule
// with rules::ruleFromJson; the error names the rule ("rule 2 (API latency): threshold: is required").
Result<QList<rules::AlertRule>> readRuleFile(const QByteArray &data);
QByteArray writeRuleFile(const QList<rules::AlertRule> &rules);

} // namespace stackscope::app
