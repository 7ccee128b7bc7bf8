#!/usr/bin/env bash
# The concurrency tests under ThreadSanitizer (build-tsan/): the HTTP server with its workers,
# the connection pool, and the revision cache the workers share. Only their targets are built,
# to keep the step short. Any report fails the run.
#
# libxapian is not instrumented: each Searcher owns its Xapian handles on its own thread, so no
# Xapian state is shared between threads, and tsan.supp stays empty unless a report proves
# otherwise (each entry there says why).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
install_packages "${TRACUU_PACKAGES[@]}"
TESTS=(http_api_test connection_pool_test revision_cache_test)
cmake -S . -B build-tsan -DBUILD_TESTING=ON -DTRACUU_TCMALLOC=OFF -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS="-fsanitize=thread -fno-omit-frame-pointer" -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" >/dev/null
cmake --build build-tsan -j"$(nproc)" --target "${TESTS[@]}"
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/scripts/tsan.supp"
for t in "${TESTS[@]}"; do
  echo "== $t under ThreadSanitizer"
  build-tsan/"$t" --gtest_brief=1
done
