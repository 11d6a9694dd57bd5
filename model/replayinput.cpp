#include "replayinput.h"

#include "replaytokenizer.h"

#include <QIODevice>

#include <algorithm>

namespace Car {

ReplayInput::ReplayInput(QIODevice *device, qsizetype blockSize)
    : m_device(device)
    , m_blockSize(std::max<qsizetype>(blockSize, 1))
{ }

qsizetype ReplayInput::incompleteUtf8Tail(const char *data, qsizetype size)
{
    for (qsizetype back = 1; back <= 3 && back <= size; ++back) {
        const uchar b = uchar(data[size - back]);
        if ((b & 0xC0) == 0x80)
            continue;
        const qsizetype needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 ? 2 : 1;
        if (needed <= back || b > 0xF4)
            return 0;
        // A prefix that can still become a valid sequence (the second byte's range, table 3-7).
        if (back >= 2) {
            const uchar second = uchar(data[size - back + 1]);
            const uchar low = b == 0xE0 ? 0xA0 : b == 0xF0 ? 0x90 : 0x80;
            const uchar high = b == 0xED ? 0x9F : b == 0xF4 ? 0x8F : 0xBF;
            if (second < low || second > high)
                return 0;
        }
        return back;
    }
    return 0;
}

bool ReplayInput::fill(QByteArray &block, qsizetype bytes)
{
    const qsizetype target = block.size() + bytes;
    while (!m_eof && block.size() < target) {
        const qsizetype old = block.size();
        block.resize(target);
        const qint64 n = m_device->read(block.data() + old, target - old);
        if (n < 0) {
            block.resize(old);
            m_deviceError = m_device->errorString();
            m_eof = true;
            break;
        }
        block.resize(old + qsizetype(n));
        m_bytesRead += n;
        if (n == 0) {
            if (m_device->isSequential() && !m_device->atEnd() && m_device->waitForReadyRead(30000))
                continue;
            m_eof = true;
        }
    }
    return !m_eof;
}

bool ReplayInput::read(QByteArray &block)
{
    block.resize(0);
    block.append(m_carry);
    m_carry.resize(0);
    for (;;) {
        fill(block, std::max({m_blockSize - block.size(), m_blockSize / 2, qsizetype(64)}));
        if (!m_started && (block.size() >= 3 || m_eof)) {
            m_started = true;
            if (block.startsWith("\xEF\xBB\xBF"))
                block.remove(0, 3);
        }
        if (m_eof) {
            block.chop(incompleteUtf8Tail(block.constData(), block.size()));
            return !block.isEmpty();
        }
        if (!m_started)
            continue;
        const qsizetype boundary =
            ReplayTokenizer::lastRecordBoundary(block.constData(), block.size());
        if (boundary > 0) {
            m_carry.append(block.constData() + boundary, block.size() - boundary);
            block.truncate(boundary);
            return true;
        }
        // No complete record yet (one longer than a block): read on.
    }
}

} // namespace Car
