#pragma once

#include "util/result.h"

#include <QByteArray>
#include <QString>

namespace stackscope::daemon {

// Small readable files given on the command line (rule files): the whole of `path`, or of standard input for
// "-". Refuses files over a few MiB: a rule file that large is a mistake, not a rule set.
Result<QByteArray> readTextInput(const QString &path);
// Writes `bytes` to `path`, or to standard output when `path` is empty.
Status writeTextOutput(const QString &path, const QByteArray &bytes);

} // namespace stackscope::daemon
