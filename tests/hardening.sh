#!/usr/bin/env bash
# The hardening stage of CI (issue 6), after README's test command: one clang build with
# AddressSanitizer + UndefinedBehaviorSanitizer and the libFuzzer targets, then
#   1. the whole test suite under the sanitizers (every ctest test, the fuzz corpus replays
#      fuzz/<target> included), and
#   2. a short fuzzing run of every target (tests/fuzz/run.sh, FUZZ_SECONDS each, default 20).
#
#   BUILD_DIR=dir      the build folder (default: build-hardening)
#   FUZZ_SECONDS=N     seconds per fuzz target (default 20; the 10-minute run is
#                      `bash tests/fuzz/run.sh 600`)
# Installs clang and clang's sanitizer/fuzzer runtime (libclang-rt-14-dev) with apt first.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

bash installer/install-deps.sh --sanitizers

build=${BUILD_DIR:-build-hardening}
CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCAR_SANITIZE=ON -DCAR_BUILD_FUZZERS=ON
cmake --build "$build" -j"$(nproc)"

runtime=$(mktemp -d)
chmod 700 "$runtime"
trap 'rm -rf "$runtime"' EXIT
export XDG_RUNTIME_DIR="$runtime"
export QT_QPA_PLATFORM=offscreen
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$repo/tests/lsan.supp
# The plain suite already kills the CLI 300 times (app/crash); under the sanitizers 100 do.
export CAR_CRASH_KILLS=${CAR_CRASH_KILLS:-100}

echo "hardening: the whole test suite under ASan/UBSan"
ctest --test-dir "$build" --output-on-failure -j"$(nproc)" --timeout 900

echo "hardening: a short fuzzing run of every target"
FUZZ_BUILD_DIR="$build" FUZZ_CONFIGURED=1 bash tests/fuzz/run.sh "${FUZZ_SECONDS:-20}"
