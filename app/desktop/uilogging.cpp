#include "uilogging.h"

Q_LOGGING_CATEGORY(lcUi, "stackscope.app.ui", QtInfoMsg)
