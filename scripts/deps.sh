#!/usr/bin/env bash
# Installs the Debian packages tracuu needs, only those missing. Sourced by run.sh and test.sh.
#   build-essential cmake pkg-config  the C++20 toolchain and build
#   libxapian-dev                     the search engine library (Xapian 1.4)
#   libicu-dev                        Unicode normalisation and character properties
#   libcpp-httplib-dev                the HTTP server of tracuu-server
#   nlohmann-json3-dev                JSON for the API, --show and stored documents
#   libcli11-dev                      command-line parsing
#   libxxhash-dev                     content hashes for incremental indexing
#   libdeflate-dev                    stored texts compressed in blocks (include/tracuu/stored_text.hpp)
#   zlib1g-dev                        a test checks that Xapian's zlib finds nothing to gain in a record
#   libgoogle-perftools-dev           tcmalloc_minimal, the programs' allocator (faster indexing)
#   libgtest-dev                      the test suite
# Document intake (indexer/intake/, run in the child process tracuu-read):
#   libmagic-dev                      a file's type from its content (real .doc files are RTF, HTML, docx)
#   libzip-dev libpugixml-dev         .docx and .odt (zips of XML), zip attachments of edXML packages
#   libpoppler-cpp-dev                PDF text in reading order, and page images for OCR
#   libtesseract-dev libleptonica-dev tesseract-ocr-vie
#                                     OCR of scanned pages, Vietnamese model
#   antiword                          Word 97-2003 .doc text, tables as cells (a CLI, as omindex uses it)
# For the test suite's reliability checks (scripts/reliability):
#   wrk                               HTTP load while the index is rewritten
#   xapian-tools                      xapian-delve, to check a killed indexer left a readable index
set -euo pipefail

TRACUU_PACKAGES=(build-essential cmake pkg-config libxapian-dev libicu-dev libcpp-httplib-dev
                 nlohmann-json3-dev libcli11-dev libxxhash-dev libdeflate-dev zlib1g-dev
                 libgoogle-perftools-dev libgtest-dev libmagic-dev libzip-dev libpugixml-dev
                 libpoppler-cpp-dev libtesseract-dev libleptonica-dev tesseract-ocr-vie antiword)
TRACUU_TEST_PACKAGES=(wrk xapian-tools)
# For the search page's browser test (tests/e2e): Debian's Chromium, driven by playwright-core
# from the npm registry; Node.js only when the machine has none.
TRACUU_E2E_PACKAGES=(chromium)
command -v npm >/dev/null 2>&1 || TRACUU_E2E_PACKAGES+=(nodejs npm)

install_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing: ${missing[*]}" >&2
    if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

build_tracuu() {
  local build_dir=${1:-build}
  shift || true
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  cmake --build "$build_dir" -j"$(nproc)"
}
