#!/usr/bin/env bash
# Runs every test: unit tests, in-process API tests, and end-to-end tests against the real binary on port 0.
# First it checks the format (`scripts/format.sh` fixes it).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/format.sh --check
swift build --build-tests
swift test --skip-build "$@"
