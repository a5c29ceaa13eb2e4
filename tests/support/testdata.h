#pragma once

#include <QDir>
#include <QString>

namespace stackscope::test {

// tests/data/<relative>, in the source tree.
inline QString testDataPath(const QString &relative)
{
    return QDir::cleanPath(QDir(QStringLiteral(STACKSCOPE_TEST_DATA_DIR)).filePath(relative));
}

} // namespace stackscope::test
