#pragma once

#include <QLoggingCategory>

// Category of the notification channels, the outbox and its dispatcher ("stackscope.core.notify").
Q_DECLARE_LOGGING_CATEGORY(lcNotify)
