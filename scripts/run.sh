#!/usr/bin/env bash
# Sets tracuu up on a fresh Debian 12 machine: installs what is missing, builds, indexes
# corpus/ into data/index, then starts the server. Run from the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
install_packages "${TRACUU_PACKAGES[@]}"
build_tracuu build
mkdir -p data
build/tracuu-index --db data/index corpus
if [ -x build/tracuu-server ]; then
  exec build/tracuu-server --db data/index "$@"
fi
