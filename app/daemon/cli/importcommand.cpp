#include "cli/importcommand.h"

#include "cli/exitcodes.h"
#include "cli/jsonoutput.h"
#include "ingest/ndjsonsampleparser.h"
#include "storage/metricstore.h"

#include <QFile>
#include <QTemporaryFile>

#include <cstdio>

namespace stackscope::daemon {

namespace {

constexpr qint64 kMaxLineBytes = 1 << 20;

// Reads one line (without its end-of-line); false at end of input. Longer lines are read whole but flagged.
bool readLine(QIODevice &input, QByteArray &line, bool &tooLong)
{
    line.clear();
    tooLong = false;
    if (input.atEnd())
        return false;
    while (!input.atEnd()) {
        char buffer[65536];
        const qint64 n = input.readLine(buffer, sizeof buffer);
        if (n <= 0)
            break;
        if (line.size() < kMaxLineBytes)
            line.append(buffer, n);
        else
            tooLong = true;
        if (buffer[n - 1] == '\n')
            break;
    }
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    tooLong = tooLong || line.size() > kMaxLineBytes;
    return true;
}

} // namespace

ImportCommand::ImportCommand()
    : Command(QStringLiteral("import"),
              QStringLiteral("Import samples from an NDJSON file (or - for standard input), one per line: "
                             "{\"metric\":\"name\",\"labels\":{\"k\":\"v\"},\"ts\":1767225600000,\"value\":42}. "
                             "ts is Unix milliseconds or RFC 3339."))
{
}

void ImportCommand::addOptions(QCommandLineParser &parser)
{
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("NDJSON file, or - for standard input."));
    parser.addOption({QStringLiteral("strict"),
                      QStringLiteral("Refuse the whole import (exit 9, nothing written) if any line is bad.")});
}

void ImportCommand::reportBadLine(qint64 lineNumber, const QString &message)
{
    if (++m_reportedErrors <= kMaxReportedErrors)
        printError(QStringLiteral("import: line %1: %2").arg(lineNumber).arg(message));
    else if (m_reportedErrors == kMaxReportedErrors + 1)
        printError(QStringLiteral("import: further bad lines are counted but not listed"));
}

qint64 ImportCommand::countBadLines(QIODevice &input)
{
    qint64 lineNumber = 0, bad = 0;
    QByteArray line;
    bool tooLong = false;
    while (readLine(input, line, tooLong)) {
        ++lineNumber;
        if (line.trimmed().isEmpty())
            continue;
        if (tooLong) {
            reportBadLine(lineNumber, QStringLiteral("line is longer than 1 MiB"));
            ++bad;
            continue;
        }
        if (auto sample = ingest::parseSampleLine(line); !sample) {
            reportBadLine(lineNumber, sample.error().userMessage);
            ++bad;
        }
    }
    return bad;
}

void ImportCommand::run()
{
    const QStringList positional = parser().positionalArguments();
    if (positional.size() != 1) {
        usageError(QStringLiteral("import needs exactly one FILE (or - for standard input)"));
        return;
    }
    m_keys.openWorkspace(workspaceDir(), keyFile(), [this](Result<std::unique_ptr<storage::MetricStore>> store) {
        if (!store) {
            fail(store.error());
            return;
        }
        importInto(*store.value());
    });
}

void ImportCommand::importInto(storage::MetricStore &store)
{
    const QString path = parser().positionalArguments().constFirst();
    const bool strict = parser().isSet(QStringLiteral("strict"));

    QFile file;
    QTemporaryFile spool; // --strict reads its input twice; standard input can only be read once
    QIODevice *input = &file;
    if (path == QLatin1String("-")) {
        if (!file.open(stdin, QIODevice::ReadOnly)) {
            fail(Error::make(Error::Code::Io, QStringLiteral("Cannot read standard input.")));
            return;
        }
        if (strict) {
            if (!spool.open()) {
                fail(Error::make(Error::Code::Io, QStringLiteral("Cannot create a temporary file: %1").arg(spool.errorString())));
                return;
            }
            while (!file.atEnd())
                spool.write(file.read(1 << 20));
            spool.seek(0);
            input = &spool;
        }
    } else {
        file.setFileName(path);
        if (!file.open(QIODevice::ReadOnly)) {
            fail(Error::make(file.exists() ? Error::Code::Io : Error::Code::NotFound,
                             QStringLiteral("Cannot read %1: %2").arg(path, file.errorString())));
            return;
        }
    }

    if (strict) {
        const qint64 bad = countBadLines(*input);
        if (bad > 0) {
            printError(QStringLiteral("import: refused: %1 bad lines (--strict); nothing was imported").arg(bad));
            printJson({{QStringLiteral("imported"), 0}, {QStringLiteral("rejected"), double(bad)}});
            finish(ExitInputRejected);
            return;
        }
        input->seek(0);
    }

    qint64 lineNumber = 0, imported = 0, rejected = 0;
    SampleBatch batch;
    batch.reserve(kBatchSize);
    auto commit = [&]() -> bool {
        if (batch.isEmpty())
            return true;
        auto report = store.ingest(batch);
        if (!report) {
            printError(QStringLiteral("import: stopped at line %1: %2").arg(lineNumber).arg(report.error().userMessage));
            printJson({{QStringLiteral("imported"), double(imported)}, {QStringLiteral("rejected"), double(rejected)}});
            finish(exitCodeFor(report.error().code));
            return false;
        }
        imported += batch.size();
        batch.clear();
        // A script (and the crash test) may rely on this line: everything counted here is committed.
        if (imported >= kBatchSize)
            printError(QStringLiteral("import: committed %1 samples through line %2").arg(imported).arg(lineNumber));
        return true;
    };

    QByteArray line;
    bool tooLong = false;
    while (readLine(*input, line, tooLong)) {
        ++lineNumber;
        if (line.trimmed().isEmpty())
            continue;
        if (tooLong) {
            reportBadLine(lineNumber, QStringLiteral("line is longer than 1 MiB"));
            ++rejected;
            continue;
        }
        auto sample = ingest::parseSampleLine(line);
        if (!sample) {
            reportBadLine(lineNumber, sample.error().userMessage);
            ++rejected;
            continue;
        }
        batch.append(std::move(sample).value());
        if (batch.size() >= kBatchSize && !commit())
            return;
    }
    if (!commit())
        return;
    printJson({{QStringLiteral("imported"), double(imported)}, {QStringLiteral("rejected"), double(rejected)}});
    finish(ExitOk);
}

} // namespace stackscope::daemon
