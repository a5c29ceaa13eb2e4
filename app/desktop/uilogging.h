#pragma once

#include <QLoggingCategory>

// The desktop app's logging category, "stackscope.app.ui" (default level Info).
Q_DECLARE_LOGGING_CATEGORY(lcUi)
