#!/usr/bin/env bash
# The "Speed and memory" benchmarks of issue 4: builds Release with the benchmarks, generates the
# deterministic data (20 rules, 100,000 users, 1,000,000 connection rows), runs every benchmark
# and prints each figure beside its target.
#
#   tests/tools/bench.sh [--data DIR] [--build DIR] [--no-build] [--rows N] [--users N] [--gui]
#
# --data DIR   where the generated data and the workspace go (default: a new temporary folder,
#              removed afterwards); data already there is reused.
# --build DIR  the Release build folder (default: build-bench next to the sources).
# --no-build   use the binaries already in the build folder.
# --gui        also build the console and measure its first paint (bench_console_open).
# Figures vary with the machine and with whatever else runs on it: run it on a quiet machine.
set -euo pipefail

source_dir="$(cd "$(dirname "$0")/../.." && pwd)"
build_dir="$source_dir/build-bench"
data_dir=""
build=1
gui=0
rows=1000000
users=100000
while [ $# -gt 0 ]; do
    case "$1" in
    --data) data_dir="$2"; shift 2 ;;
    --build) build_dir="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --gui) gui=1; shift ;;
    --rows) rows="$2"; shift 2 ;;
    --users) users="$2"; shift 2 ;;
    -h | --help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "bench.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done

if [ "$build" = 1 ]; then
    gui_option=OFF
    gui_target=""
    if [ "$gui" = 1 ]; then
        gui_option=ON
        gui_target=bench_console_open
    fi
    cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DCAR_BUILD_BENCHMARKS=ON -DCAR_BUILD_GUI="$gui_option" -DBUILD_TESTING=OFF > /dev/null
    ninja -C "$build_dir" -j2 carconsole-cli bench_replay bench_readcsv bench_evaluate \
        bench_workspace $gui_target > /dev/null
fi
find_binary() {
    local found
    found="$(find "$build_dir" -type f -name "$1" -perm -u+x | head -n 1)"
    if [ -z "$found" ]; then
        echo "bench.sh: no $1 in $build_dir (build with -DCAR_BUILD_BENCHMARKS=ON)" >&2
        exit 1
    fi
    echo "$found"
}
cli="$(find_binary carconsole-cli)"
bench_replay="$(find_binary bench_replay)"
bench_readcsv="$(find_binary bench_readcsv)"
bench_evaluate="$(find_binary bench_evaluate)"
bench_workspace="$(find_binary bench_workspace)"

temp_data=0
if [ -z "$data_dir" ]; then
    data_dir="$(mktemp -d)"
    temp_data=1
fi
results="$(mktemp)"
cleanup() {
    rm -f "$results"
    if [ "$temp_data" = 1 ]; then rm -rf "$data_dir"; fi
}
trap cleanup EXIT
mkdir -p "$data_dir"
if [ ! -f "$data_dir/connections.csv" ]; then
    python3 "$source_dir/tests/tools/generate-data.py" "$data_dir" --rows "$rows" --users "$users"
fi
workspace="$data_dir/bench.carws"
if [ ! -f "$workspace" ]; then
    "$cli" --db "$workspace" exec "$data_dir/rules.ps1" > /dev/null
    "$cli" --db "$workspace" directory import "$data_dir/users.csv" > /dev/null 2>&1
fi
connections="$data_dir/connections.csv"
cores="$(nproc)"

# Every benchmark prints "RESULT key value unit" lines; gather them.
run() { "$@" 2> /dev/null | grep '^RESULT' >> "$results"; }
run "$bench_workspace" "$workspace" 3
run "$bench_evaluate" "$workspace"
run "$bench_readcsv" "$connections" --repeat 3
run "$bench_replay" "$workspace" "$connections" --threads 0 --repeat 3
run "$bench_replay" "$workspace" "$connections" --threads 1 --repeat 3
run "$bench_replay" "$workspace" "$connections" --threads "$cores" --repeat 3
if [ "$gui" = 1 ]; then
    bench_console_open="$(find_binary bench_console_open)"
    for _ in 1 2 3; do # one process per measurement; the best of three is shown
        QT_QPA_PLATFORM=offscreen run "$bench_console_open" "$workspace"
    done
fi

# The CLI end to end, as a user runs it: peak memory of the whole process, and the same output
# with one thread and with all cores.
out_seq="$data_dir/decisions-sequential.csv"
out_par="$data_dir/decisions-parallel.csv"
peak_kb="$( { /usr/bin/time -f 'PEAK %M' "$cli" --db "$workspace" replay "$connections" \
    --output "$out_par" > /dev/null; } 2>&1 | awk '/^PEAK/ { print $2 }')"
"$cli" --db "$workspace" replay "$connections" --output "$out_seq" --threads 0 2> /dev/null \
    || { echo "bench.sh: carconsole-cli replay failed" >&2; exit 1; }
identical="no"
cmp -s "$out_seq" "$out_par" && identical="yes"
rm -f "$out_seq" "$out_par"

value() { awk -v k="$1" '$1 == "RESULT" && $2 == k { print $3; exit }' "$results"; }
smallest() {
    awk -v k="$1" '$1 == "RESULT" && $2 == k && (m == "" || $3 < m) { m = $3 } END { print m }' \
        "$results"
}
# line LABEL VALUE UNIT TARGET-TEXT CONDITION(awk, on v)
line() {
    local label="$1" v="$2" unit="$3" target="$4" condition="$5" verdict
    if [ -z "$v" ]; then
        printf '%-44s %14s   %-34s %s\n' "$label:" "n/a" "$target" "MISSING"
        return
    fi
    verdict="$(awk -v v="$v" "BEGIN { print (($condition) ? \"OK\" : \"MISS\") }")"
    printf '%-44s %14s   %-34s %s\n' "$label:" "$(awk -v v="$v" -v u="$unit" 'BEGIN {
        if (u == "Mrows/s") printf "%.2f M rows/s", v / 1e6;
        else if (u == "ns") printf "%.0f ns", v;
        else if (u == "ms") printf "%.0f ms", v;
        else if (u == "MB") printf "%.1f MB", v;
        else if (u == "x") printf "%.2fx", v;
        else printf "%s %s", v, u }')" "$target" "$verdict"
}

seq_rate="$(value replay_seq_rows_per_s)"
one_rate="$(value replay_t1_rows_per_s)"
all_rate="$(value "replay_t${cores}_rows_per_s")"
read_rate="$(value readcsv_replay_rows_per_s)"
csvreader_rate="$(value readcsv_csvreader_rows_per_s)"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.3f", a / b }'; }

echo
echo "CAR Console benchmarks: $(wc -l < "$connections") lines of connections, $users users," \
    "$cores core(s), $(date -u +%Y-%m-%d)"
echo
line "replay, sequential (everything on 1 thread)" "$seq_rate" Mrows/s ">= 2.0 M rows/s" "v >= 2e6"
line "replay (1 worker thread + reader/writer)" "$one_rate" Mrows/s ">= 2.0 M rows/s" "v >= 2e6"
line "replay ($cores worker threads)" "$all_rate" Mrows/s "faster than 1 worker" "v > $one_rate"
line "read+split only (replay's reader)" "$read_rate" Mrows/s "(baseline)" "1"
line "replay time / read time (1 worker)" "$(ratio "$read_rate" "$one_rate")" x "<= 5x" "v <= 5"
line "read+split only (CsvReader)" "$csvreader_rate" Mrows/s "(baseline, general reader)" "1"
line "replay time / CsvReader read time" "$(ratio "$csvreader_rate" "$one_rate")" x "<= 5x" \
    "v <= 5"
line "Test connection evaluation with trace" "$(value evaluate_trace_ns)" ns "< 2000 ns" \
    "v < 2000"
line "  the same, user looked up first" "$(value evaluate_with_user_lookup_ns)" ns "< 2000 ns" \
    "v < 2000"
line "open workspace ($(value workspace_users) users)" "$(value workspace_open_ms)" ms \
    "< 1000 ms (part of first paint)" "v < 1000"
line "  its directory in memory" "$(value workspace_resident_mb)" MB "(the model's Directory)" "1"
if [ "$gui" = 1 ]; then
    line "console first paint ($users users)" "$(smallest console_first_paint_ms)" ms "< 1000 ms" \
        "v < 1000"
fi
line "peak memory, CLI replay of all rows" "$(awk -v k="$peak_kb" 'BEGIN { print k / 1024 }')" MB \
    "< 150 MB" "v < 150"
line "  replay's own share, 1 worker" "$(value replay_t1_own_mb)" MB \
    "flat in the number of rows" "v < 64"
line "  the directory's key index" "$(value replay_directory_index_mb)" MB "(in the directory, built on load)" "1"
line "replay's index setup (per run)" "$(value replay_directory_index_ms)" ms "(in the replay figures)" "1"
line "replay's user facts (per run, on 1 thread)" "$(value replay_user_facts_ms)" ms \
    "(in the replay figures; split over threads)" "1"
printf '%-44s %14s   %-34s %s\n' "sequential and parallel output identical:" "$identical" \
    "yes" "$([ "$identical" = yes ] && echo OK || echo MISS)"
