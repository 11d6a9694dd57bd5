#!/usr/bin/env bash
# Builds the libFuzzer targets with clang in their own build dir and runs each for N seconds.
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]      SECONDS per target: default 600 (the long run);
#                                                CI uses 20. TARGET: e.g. rulejson (default: all).
# Environment: FUZZ_BUILD_DIR (default <repo>/build-fuzz), FUZZ_JOBS (targets run at once,
# default 2), FUZZ_MAX_LEN (default 4096), FUZZ_CONFIGURED=1 (the build dir is configured already).
#
# Each target starts from a copy of tests/fuzz/corpus/<target>/ (the committed seeds are not
# touched) in $FUZZ_BUILD_DIR/fuzz-work/<target>/, logs to $FUZZ_BUILD_DIR/fuzz-logs/<target>.log
# and leaves a crashing input in $FUZZ_BUILD_DIR/fuzz-artifacts/<target>/. Prints executions,
# cov: and ft: of each run; exits 1 when any target found something.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-600}
shift || true
build=${FUZZ_BUILD_DIR:-$repo/build-fuzz}
jobs=${FUZZ_JOBS:-2}
maxlen=${FUZZ_MAX_LEN:-4096}

mapfile -t all < <(cd "$repo/tests/fuzz" && ls fuzz_*.cpp | sed 's/^fuzz_//; s/\.cpp$//')
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")

# Configure: the repo itself when tests/CMakeLists.txt adds tests/fuzz, otherwise a wrapper
# project that adds the repo and then tests/fuzz.
src=$repo
if ! grep -q 'add_subdirectory(fuzz)' "$repo/tests/CMakeLists.txt"; then
    src=$build/wrapper
    mkdir -p "$src"
    cat > "$src/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.25)
project(CarFuzzWrapper LANGUAGES CXX)
enable_testing()
add_subdirectory("$repo" repo)
add_subdirectory("$repo/tests/fuzz" fuzz)
CMAKE
fi
# FUZZ_CONFIGURED=1: $build is already configured with the fuzzers (tests/hardening.sh).
if [ "${FUZZ_CONFIGURED:-0}" != 1 ]; then
    bash "$repo/installer/install-deps.sh" --sanitizers >/dev/null
    CC=clang CXX=clang++ cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCAR_BUILD_GUI=OFF -DCAR_BUILD_FUZZERS=ON -DBUILD_TESTING=ON >/dev/null
fi
ninja -C "$build" -j2 $(printf 'fuzz_%s ' "${targets[@]}")

export LSAN_OPTIONS=suppressions=$repo/tests/lsan.supp
export QT_QPA_PLATFORM=offscreen
mkdir -p "$build/fuzz-logs"

run_one() {
    local name=$1
    local work=$build/fuzz-work/$name artifacts=$build/fuzz-artifacts/$name/
    mkdir -p "$work" "$artifacts"
    local exe
    exe=$(find "$build" -type f -name "fuzz_$name" -perm -u+x | head -1)
    "$exe" -max_total_time="$seconds" -max_len="$maxlen" -timeout=20 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$artifacts" \
        "$work" "$repo/tests/fuzz/corpus/$name" >"$build/fuzz-logs/$name.log" 2>&1
}

pids=()
names=()
status=0
for name in "${targets[@]}"; do
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do sleep 1; done
    echo "fuzzing $name for ${seconds}s"
    run_one "$name" &
    pids+=($!)
    names+=("$name")
done
for i in "${!pids[@]}"; do
    if ! wait "${pids[$i]}"; then
        echo "FINDING in ${names[$i]}: see $build/fuzz-logs/${names[$i]}.log" >&2
        status=1
    fi
done

printf '%-16s %12s %8s %8s %s\n' target executions cov ft result
for name in "${targets[@]}"; do
    log=$build/fuzz-logs/$name.log
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    last=$(grep -E '^#[0-9]+' "$log" | tail -1)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
    result=ok
    grep -qE 'ERROR: (libFuzzer|AddressSanitizer|LeakSanitizer)|runtime error:|FUZZ PROPERTY' "$log" \
        && result=FINDING
    printf '%-16s %12s %8s %8s %s\n' "$name" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$result"
done
exit $status
