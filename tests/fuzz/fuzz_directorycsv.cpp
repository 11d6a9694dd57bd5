// Fuzzes DirectoryCsv::read: never crash; all or nothing (a failed read leaves the directory as
// it was); an accepted directory written out reads back to the same users.

#include "directorycsv.h"
#include "fuzzcommon.h"

#include <QBuffer>

using namespace Car;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray input = CarFuzz::bytes(data, size);
    QBuffer buffer(&input);
    buffer.open(QIODevice::ReadOnly);
    Directory directory = CarFuzz::sampleDirectory();
    const DirectoryCsv::Result result = DirectoryCsv::read(&buffer, directory);
    if (!result.ok) {
        CAR_FUZZ_CHECK(directory == CarFuzz::sampleDirectory(), result.error.message);
        CAR_FUZZ_CHECK(!result.error.message.isEmpty(), QString());
        return 0;
    }
    CAR_FUZZ_CHECK(result.userCount == directory.size(), QString::number(result.userCount));
    QByteArray written;
    QBuffer out(&written);
    out.open(QIODevice::WriteOnly);
    CAR_FUZZ_CHECK(DirectoryCsv::write(directory, &out), QString());
    out.close();
    out.open(QIODevice::ReadOnly);
    Directory again;
    const DirectoryCsv::Result reread = DirectoryCsv::read(&out, again);
    CAR_FUZZ_CHECK(reread.ok,
                   reread.error.message + QStringLiteral("\n") + QString::fromUtf8(written));
    CAR_FUZZ_CHECK(again == directory, QString::fromUtf8(written));
    return 0;
}
