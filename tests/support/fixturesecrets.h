#pragma once

#include "testdata.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace stackscope::test {

// A fake credential from tests/data/<file> (a JSON object of name -> value), so that no credential-shaped
// literal lives in test code. Empty when missing, which makes the test fail visibly.
inline QByteArray fixtureSecret(const QString &file, const QString &name)
{
    QFile json(testDataPath(file));
    if (!json.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(json.readAll()).object().value(name).toString().toUtf8();
}

} // namespace stackscope::test
