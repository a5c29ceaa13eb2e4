#include "util/logging.h"

Q_LOGGING_CATEGORY(lcStore, "stackscope.core.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSecrets, "stackscope.core.secrets", QtInfoMsg)
Q_LOGGING_CATEGORY(lcNet, "stackscope.core.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSched, "stackscope.core.sched", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAlerts, "stackscope.core.alerts", QtInfoMsg)
Q_LOGGING_CATEGORY(lcImport, "stackscope.core.import", QtInfoMsg)
