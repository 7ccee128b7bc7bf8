#!/usr/bin/env bash
# The whole test suite under AddressSanitizer and UndefinedBehaviorSanitizer (build-asan/).
# Any report fails the run: UBSan halts on the first error, ASan on any, LeakSanitizer included.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
install_packages "${TRACUU_PACKAGES[@]}"
# -O1: sanitizer builds compile faster and still inline enough to keep the tests quick.
build_tracuu build-asan -DBUILD_TESTING=ON -DTRACUU_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
ctest --test-dir build-asan --output-on-failure -j"$(nproc)" --timeout 600
