#!/usr/bin/env bash
# Sets tracuu up on a fresh Debian 12 machine: installs what is missing, builds, indexes
# corpus/ into data/index, then starts the server. Run from the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
install_packages "${TRACUU_PACKAGES[@]}"
build_tracuu build
mkdir -p data
# An index left by an older tracuu (another schema version) is rebuilt from corpus/.
if ! build/tracuu-index --db data/index corpus 2> >(tee /tmp/tracuu-index.err >&2); then
  grep -q -- "--rebuild" /tmp/tracuu-index.err || exit 1
  build/tracuu-index --db data/index --rebuild corpus
fi
if [ -x build/tracuu-server ]; then
  exec build/tracuu-server --db data/index "$@"
fi
