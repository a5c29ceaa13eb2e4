#pragma once

#include "model/sample.h"
#include "util/result.h"

#include <QByteArrayView>

namespace stackscope::ingest {

// Parses one NDJSON import line:
//   {"metric":"twilio.sms.sent","labels":{"project":"shop","country":"US"},"ts":1767225600000,"value":42}
// `ts` is Unix milliseconds or an RFC 3339 string; `labels` is optional (string, number or boolean values).
// Untrusted input: every field is checked and a bad line yields Error::Code::Parse with a message that says
// what is wrong, never an exception or a crash.
Result<MetricSample> parseSampleLine(QByteArrayView line);

// The checks every sample passes before it reaches the store, whatever its source.
Status validateSample(const MetricSample &sample);

} // namespace stackscope::ingest
