#!/usr/bin/env bash
# Makes resources/screenshots/console.png: the console on a fresh demo workspace, under Xvfb.
#
#   tests/tools/screenshot.sh [BUILD_DIR] [OUTPUT.png]
#
# BUILD_DIR defaults to ./build (configured and built here if needed). The console runs with a
# temporary XDG_DATA_HOME/XDG_CONFIG_HOME, so it seeds the demo workspace (first run) and ignores
# your own settings. It grabs its window itself (`carconsole --screenshot FILE`); if that option is
# missing, the whole Xvfb screen is captured with ImageMagick's `import`.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${1:-$root/build}"
output="${2:-$root/resources/screenshots/console.png}"
screen="1400x900x24"

if [ ! -x "$build/app/carconsole" ]; then
    if [ ! -f "$build/CMakeCache.txt" ]; then
        cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release
    fi
    ninja -C "$build" -j2 carconsole
fi
command -v xvfb-run >/dev/null || { echo "screenshot: xvfb-run is missing (apt-get install xvfb xauth)" >&2; exit 1; }

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/data" "$scratch/config" "$scratch/runtime" "$(dirname "$output")"
chmod 700 "$scratch/runtime"
export XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" XDG_RUNTIME_DIR="$scratch/runtime"
export QT_QPA_PLATFORM=xcb LANG=C.UTF-8

if QT_QPA_PLATFORM=offscreen "$build/app/carconsole" --help 2>/dev/null | grep -q -- "--screenshot"; then
    xvfb-run -a -s "-screen 0 $screen" \
        timeout 60 "$build/app/carconsole" --screenshot "$output"
else
    command -v import >/dev/null || { echo "screenshot: no --screenshot option and no ImageMagick import" >&2; exit 1; }
    xvfb-run -a -s "-screen 0 $screen" sh -c '
        "$1" & app=$!
        sleep 3
        import -window root "$2"
        kill $app' sh "$build/app/carconsole" "$output"
fi
echo "screenshot: wrote $output"
