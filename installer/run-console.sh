#!/usr/bin/env bash
# README's run command: installs what a fresh Debian 12 machine needs, builds, and opens the console
# on a freshly seeded demo workspace (demo.carws in the application data folder).
# Extra arguments go to carconsole (e.g. a workspace file instead of --demo).
set -euo pipefail
cd "$(dirname "$0")/.."

bash installer/install-deps.sh

build=${BUILD_DIR:-build}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE:-RelWithDebInfo}
cmake --build "$build" -j"$(nproc)" --target carconsole carconsole-cli

if [ $# -eq 0 ]; then
    set -- --demo
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "run-console: no display found; starting under xvfb-run (set DISPLAY to see the window)" >&2
    exec xvfb-run -a -s "-screen 0 1400x900x24" "$build/app/carconsole" "$@"
fi
exec "$build/app/carconsole" "$@"
