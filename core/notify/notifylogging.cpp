#include "notify/notifylogging.h"

Q_LOGGING_CATEGORY(lcNotify, "stackscope.core.notify", QtInfoMsg)
