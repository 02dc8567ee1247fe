#!/usr/bin/env bash
# Checks a running kkp-mock against its own Swagger document with schemathesis: every operation, every check,
# requests as Jane (demo-token). It writes: run it against a throw-away database (scripts/run.sh --db :memory:).
#
#   scripts/swagger/conformance.sh http://127.0.0.1:8080 [more schemathesis run options]
#
# EndToEndTests runs it with a few examples per operation and a fixed seed; for a longer exploration, try e.g.
#   scripts/swagger/conformance.sh http://127.0.0.1:8080 --max-examples 200   (a new random seed each run)
# The admin API (tag mock) is left out: its fault rules would make the server answer what a test asks it to.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
base="${1:?usage: conformance.sh BASE_URL [schemathesis run options]}"
shift
# schemathesis's console script may not be on PATH; the python3 that pip installed it for runs it the same way.
exec python3 -c 'import sys; from schemathesis.cli import schemathesis; sys.argv[0] = "schemathesis"; sys.exit(schemathesis())' \
  --config-file "$here/schemathesis.toml" --no-color \
  run "$base/api/swagger.json" --url "$base" \
  --checks all --header "Authorization: Bearer demo-token" --exclude-tag mock \
  --generation-database none --report-dir "${TMPDIR:-/tmp}/kkp-mock-schemathesis" \
  "$@"
