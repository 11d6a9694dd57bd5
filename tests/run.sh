#!/usr/bin/env bash
# README's test command: installs what a fresh Debian 12 machine needs, builds everything and runs
# the whole test suite headless (offscreen; the one real-mouse drag test under Xvfb).
#   BUILD_DIR=dir   build folder (default: build)
#   CAR_SANITIZE=ON build with AddressSanitizer and UndefinedBehaviorSanitizer
set -euo pipefail
cd "$(dirname "$0")/.."

bash installer/install-deps.sh

build=${BUILD_DIR:-build}
cmake -S . -B "$build" -G Ninja \
    -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE:-RelWithDebInfo} \
    -DCAR_SANITIZE=${CAR_SANITIZE:-OFF}
cmake --build "$build" -j"$(nproc)"

runtime=$(mktemp -d)
chmod 700 "$runtime"
trap 'rm -rf "$runtime"' EXIT
export XDG_RUNTIME_DIR="$runtime"
export QT_QPA_PLATFORM=offscreen

ctest --test-dir "$build" --output-on-failure -j"$(nproc)" --timeout 600
