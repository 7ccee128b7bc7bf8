#!/usr/bin/env bash
# Installs what is missing, builds and runs the whole test suite; non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
install_packages "${TRACUU_PACKAGES[@]}" "${TRACUU_TEST_PACKAGES[@]}" "${TRACUU_E2E_PACKAGES[@]}"
build_tracuu build -DBUILD_TESTING=ON
ctest --test-dir build --output-on-failure -j"$(nproc)" --timeout 300
echo "== reliability: hostile requests, load during a reindex, killed indexers"
scripts/reliability --build build --quick
echo "== the search page in headless Chromium"
tests/e2e/run.sh build build/e2e
echo "== benchmark smoke run (it works and prints its tables; no speed is asserted)"
scripts/bench --smoke --build build --out build/bench-smoke
echo "== the suite under AddressSanitizer and UndefinedBehaviorSanitizer"
scripts/sanitize.sh
echo "== the concurrency tests under ThreadSanitizer"
scripts/tsan.sh
echo "== fuzzing: each target 45 s after replaying saved regressions"
scripts/fuzz.sh 45
