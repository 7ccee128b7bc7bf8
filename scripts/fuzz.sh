#!/usr/bin/env bash
# Fuzzes the analyzer, the metadata extractor, the query parser and the encoding detector with
# libFuzzer (Debian's clang-14), seeded from corpus/, after replaying every saved regression.
#   scripts/fuzz.sh [SECONDS_PER_TARGET]      (default 60; CI uses it as is)
# Exits non-zero when a target crashes, leaks, times out or trips a sanitizer; the reproducer is
# left in build-fuzz/findings/<target>/ — minimise it (the target binary with
# -minimize_crash=1 -runs=10000 FILE), fix the bug, and save it in fuzz/regressions/<target>/.
#   clang-14, libclang-rt-14-dev  the compiler and libFuzzer's runtime
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
install_packages "${TRACUU_PACKAGES[@]}" clang-14 libclang-rt-14-dev
seconds="${1:-60}"
build=build-fuzz
CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DTRACUU_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target analyzer_fuzz metadata_fuzz query_fuzz encoding_fuzz

# Seeds: whole files for the file targets; single lines (what people type) for the query.
seeds="$build/seeds"
rm -rf "$seeds"
mkdir -p "$seeds/files" "$seeds/lines"
cp corpus/*.txt tests/data/legacy/*.txt "$seeds/files/"
n=0
while IFS= read -r line; do
  n=$((n + 1))
  [ ${#line} -gt 3 ] && printf '%s' "${line:0:200}" > "$seeds/lines/$n.txt"
done < <(cat corpus/*.txt | head -400)
printf '%s' '"nông thôn" -hàng OR 03-CT/TW' > "$seeds/lines/syntax.txt"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
status=0
for target in analyzer_fuzz metadata_fuzz query_fuzz encoding_fuzz; do
  corpus="$build/corpus/$target"
  findings="$build/findings/$target"
  mkdir -p "$corpus" "$findings"
  seed_dir="$seeds/files"
  max_len=65536
  if [ "$target" = query_fuzz ]; then seed_dir="$seeds/lines"; max_len=512; fi
  if compgen -G "fuzz/regressions/$target/*" >/dev/null; then
    echo "== $target: replaying fuzz/regressions/$target"
    "$build/$target" fuzz/regressions/$target/* >/dev/null 2>&1 || {
      echo "regression reproduced in $target"; status=1; }
  fi
  echo "== $target: ${seconds}s"
  if ! "$build/$target" "$corpus" "$seed_dir" -dict=fuzz/vietnamese.dict \
      -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="$findings/" -print_final_stats=1 2>"$build/$target.log"; then
    echo "FOUND a failure in $target:"; tail -40 "$build/$target.log"; status=1
  else
    grep -E "stat::number_of_executed_units|stat::peak_rss" "$build/$target.log" | tr '\n' ' '; echo
  fi
done
exit $status
