#!/usr/bin/env bash
# Installs the Debian 12 packages CAR Console needs to build, test and package.
# Idempotent: packages already present are skipped quickly by apt.
#   --sanitizers   also clang and its sanitizer and libFuzzer runtime (tests/hardening.sh,
#                  tests/fuzz/run.sh)
set -euo pipefail

packages=(
    # build
    cmake ninja-build g++ dpkg-dev file
    qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev qt6-charts-dev qt6-tools-dev qt6-tools-dev-tools
    qt6-l10n-tools
    # run time plugins
    libqt6sql6-sqlite libqt6svg6 qt6-qpa-plugins
    # tests
    xvfb xauth sqlite3
)
if [ "${1:-}" = "--sanitizers" ]; then
    packages+=(clang libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all packages present"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
