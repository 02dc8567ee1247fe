#!/usr/bin/env bash
# Builds kkp-mock (release) and runs it with the seeded fixtures on a file database.
# Extra arguments go to kkp-mock, e.g. scripts/run.sh --port 0 --db :memory:
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product kkp-mock >&2
exec .build/release/kkp-mock --db kkp-mock.sqlite --fixtures fixtures "$@"
