#!/usr/bin/env bash
# The search page's end-to-end test: a real tracuu-server over a temporary index of corpus/,
# driven in Debian's headless Chromium by playwright-core.
#   tests/e2e/run.sh BUILD_DIR OUT_DIR     (OUT_DIR receives the screenshots)
# Needs: Debian's chromium and nodejs/npm (scripts/test.sh installs them); npm ci fetches
# playwright-core from the npm registry the first time.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
build="$(cd "${1:-$repo/build}" && pwd)"
out="${2:-$build/e2e}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

if [ ! -d "$here/node_modules/playwright-core" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Beside the seed documents, 25 undated reports citing the seed plan 02-KH/BCĐ: more citers than
# a document's page lists (20), so the page must offer the search that lists them all.
mkdir -p "$work/citers"
for i in $(seq 1 25); do
  printf 'ỦY BAN NHÂN DÂN\nXÃ ĐÔNG HỘI\nSố: %d/BC-UBND\nBÁO CÁO\nKết quả thực hiện kế hoạch của Ban Chỉ đạo\nThực hiện Kế hoạch số 02/KH-BCĐ của Ban Chỉ đạo, Ủy ban nhân dân xã báo cáo kết quả như sau.\n' \
    "$i" >"$work/citers/bc$i.txt"
done
# Four records plans over three decades: the year chart shows decades, which open on their years.
mkdir -p "$work/archive"
for year in 1996 1999 2003 2024; do
  printf 'ỦY BAN NHÂN DÂN\nHUYỆN ĐÔNG ANH\nSố: %s/KH-UBND\nĐông Anh, ngày 5 tháng 6 năm %s\nKẾ HOẠCH\nLưu trữ hồ sơ năm %s\nỦy ban nhân dân huyện lưu trữ hồ sơ, tài liệu theo quy định.\n' \
    "${year: -2}" "$year" "$year" >"$work/archive/luu_tru_$year.txt"
done
"$build/tracuu-index" --db "$work/db" "$repo/corpus" "$work/citers" "$work/archive" >/dev/null
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
"$build/tracuu-server" --db "$work/db" --port "$port" 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 1 100); do
  if python3 -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$port/api/health')" 2>/dev/null; then break; fi
  sleep 0.1
done

cd "$here"
TRACUU_URL="http://127.0.0.1:$port" CHROMIUM="${CHROMIUM:-/usr/bin/chromium}" SCREENSHOTS="$out" \
  node --test --test-reporter=spec search_page.test.mjs
echo "screenshots in $out"
