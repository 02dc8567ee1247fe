#!/usr/bin/env bash
# Formats every Swift file with the toolchain's swift-format and the checked-in .swift-format.
# With --check, fails when a file is not formatted (nothing is changed).
set -euo pipefail
cd "$(dirname "$0")/.."
files=$(git ls-files '*.swift')
if [ "${1:-}" = "--check" ]; then
  swift format lint --strict --parallel $files
else
  swift format format --parallel --in-place $files
fi
