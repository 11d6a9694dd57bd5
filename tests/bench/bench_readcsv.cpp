// The read-only baseline of replay: the time to merely read a connections CSV and split it into
// records and fields, with replay's own reader (ReplayInput + ReplayTokenizer) and, for
// comparison, with the general CsvReader. Replay's target is to stay within 5x of the first.
//
//   bench_readcsv CONNECTIONS.csv [--repeat R]

#include "benchcommon.h"
#include "csv.h"
#include "replayinput.h"
#include "replaytokenizer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <algorithm>

using namespace Car;

namespace {

struct Count
{
    qint64 records = 0;
    qint64 fields = 0;
};

Count splitWithReplayReader(QFile &file)
{
    Count count;
    ReplayInput input(&file, 512 * 1024);
    ReplayTokenizer tokenizer;
    QByteArray block;
    while (input.read(block)) {
        tokenizer.reset(block.constData(), block.size());
        for (;;) {
            const ReplayTokenizer::Status status = tokenizer.next();
            if (status == ReplayTokenizer::Status::End)
                break;
            ++count.records;
            count.fields += tokenizer.fieldCount();
        }
    }
    return count;
}

Count splitWithCsvReader(QFile &file)
{
    Count count;
    CsvReader reader(&file);
    for (;;) {
        const CsvReader::Status status = reader.next();
        if (status == CsvReader::Status::End)
            break;
        ++count.records;
        count.fields += reader.fieldCount();
    }
    return count;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments();
    args.removeFirst();
    int repeat = 3;
    QString path;
    for (int i = 0; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--repeat") && i + 1 < args.size())
            repeat = std::max(1, args[++i].toInt());
        else
            path = args[i];
    }
    if (path.isEmpty()) {
        std::fprintf(stderr, "usage: bench_readcsv CONNECTIONS.csv [--repeat R]\n");
        return 2;
    }
    const auto measure = [&](Count (*split)(QFile &), const char *key) {
        double best = 0;
        Count count;
        for (int i = 0; i < repeat; ++i) {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                std::fprintf(stderr, "bench_readcsv: cannot read %s\n", qPrintable(path));
                std::exit(1);
            }
            QElapsedTimer timer;
            timer.start();
            count = split(file);
            const double seconds = double(timer.nsecsElapsed()) / 1e9;
            best = std::max(best, double(count.records) / seconds);
        }
        std::fprintf(stderr, "%s: %lld records, %lld fields\n", key, count.records, count.fields);
        CarBench::result(QByteArray(key) + "_rows_per_s", best, "rows/s");
    };
    measure(splitWithReplayReader, "readcsv_replay");
    measure(splitWithCsvReader, "readcsv_csvreader");
    return 0;
}
