#pragma once

// Counts heap allocations made by the current process between start() and stop(), so that tests
// can prove a function "allocates nothing". Include it in exactly one source file of a test
// executable: it replaces malloc/calloc/realloc (forwarding to glibc), which also catches
// operator new and Qt's QArrayData. Under sanitizers, or off glibc, counting is unavailable and
// tests should QSKIP (see AllocationCounter::isAvailable()).

#include <atomic>
#include <cstddef>
#include <cstdlib>

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define CAR_TEST_NO_MALLOC_HOOK 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || !defined(__GLIBC__)
#define CAR_TEST_NO_MALLOC_HOOK 1
#endif

namespace CarTest {

inline std::atomic<bool> countingAllocations {false};
inline std::atomic<long> allocationCount {0};

class AllocationCounter
{
public:
    static bool isAvailable()
    {
#ifdef CAR_TEST_NO_MALLOC_HOOK
        return false;
#else
        return true;
#endif
    }

    void start()
    {
        allocationCount.store(0);
        countingAllocations.store(true);
    }
    /// Stops counting and returns the number of allocations since start().
    long stop()
    {
        countingAllocations.store(false);
        return allocationCount.load();
    }
};

} // namespace CarTest

#ifndef CAR_TEST_NO_MALLOC_HOOK
extern "C" {
void *__libc_malloc(std::size_t size);
void *__libc_calloc(std::size_t count, std::size_t size);
void *__libc_realloc(void *pointer, std::size_t size);

void *malloc(std::size_t size) noexcept
{
    if (CarTest::countingAllocations.load(std::memory_order_relaxed))
        CarTest::allocationCount.fetch_add(1, std::memory_order_relaxed);
    return __libc_malloc(size);
}

void *calloc(std::size_t count, std::size_t size) noexcept
{
    if (CarTest::countingAllocations.load(std::memory_order_relaxed))
        CarTest::allocationCount.fetch_add(1, std::memory_order_relaxed);
    return __libc_calloc(count, size);
}

void *realloc(void *pointer, std::size_t size) noexcept
{
    if (CarTest::countingAllocations.load(std::memory_order_relaxed))
        CarTest::allocationCount.fetch_add(1, std::memory_order_relaxed);
    return __libc_realloc(pointer, size);
}
}
#endif
