#!/usr/bin/env bash
# The seed's workflow with curl, step by step: a Kubernetes 1.19 cluster has token volume projection off; a merge
# patch turns it on; null puts the default back; the upgrade to 1.20 turns it on by default (KKP's rule), and an
# explicit false is then ignored with a Warning header. Each step prints the curl command and what came back.
#
#   scripts/demo.sh            starts its own kkp-mock on a free port (--db :memory:) and stops it at the end
#   scripts/demo.sh URL        uses a running kkp-mock, e.g. http://127.0.0.1:8080 (its data changes; reset it with
#                              curl -X POST URL/__mock/reset)
#
# Needs curl; python3 (when present) prints the interesting fields instead of the whole document.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -gt 0 ]; then
  KKP_MOCK_URL=${1%/}
  curl -fsS "$KKP_MOCK_URL/healthz" >/dev/null || { echo "demo: no kkp-mock answers at $KKP_MOCK_URL" >&2; exit 1; }
else
  # shellcheck source=kkp-mock-ci.sh
  source scripts/kkp-mock-ci.sh --quiet
fi

AUTH="Authorization: Bearer demo-token"   # Jane Doe, owner of project jb4kfzwsxl (fixtures/users.json)
CLUSTER=/api/v1/projects/jb4kfzwsxl/dc/europe-west3-c/clusters/w225mx4z66
KKP=$KKP_MOCK_URL$CLUSTER

# The interpreter itself, once: a version manager's shim (pyenv) costs a good part of a second per call.
python=""
if command -v python3 >/dev/null 2>&1; then
  python=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null || true)
fi

bold=""
plain=""
if [ -t 1 ]; then
  bold=$'\e[1m'
  plain=$'\e[0m'
fi

step() {
  printf '\n%s== %s%s\n' "$bold" "$1" "$plain"
}

# Shows a cluster document: its version and its spec.serviceAccount (the whole document without python3).
show() {
  if [ -n "$python" ]; then
    "$python" -c '
import json, sys
cluster = json.load(sys.stdin)
if "error" in cluster:
    print(json.dumps(cluster))
else:
    print("spec.version:", cluster["spec"]["version"])
    print("spec.serviceAccount:", json.dumps(cluster["spec"]["serviceAccount"], indent=2).replace("\n", "\n  "))'
  else
    cat
    echo
  fi
}

# Runs curl with the token, prints the command (with $KKP for the cluster URL), the Warning headers, and the body.
call() {
  local argument shown=""
  for argument in "$@"; do
    if [ "$argument" = "$KKP" ]; then
      shown+=' $KKP'
    elif [[ $argument =~ ^[A-Za-z0-9_./:=-]+$ ]]; then
      shown+=" $argument"
    else
      shown+=" '$argument'"
    fi
  done
  printf '$ curl -s -H "$AUTH"%s\n' "$shown"
  local headers body
  headers=$(mktemp)
  body=$(curl -sS -D "$headers" -H "$AUTH" "$@")
  grep -i '^Warning:' "$headers" | tr -d '\r' || true
  rm -f "$headers"
  printf '%s\n' "$body" | show
}

echo "kkp-mock at $KKP_MOCK_URL; the cluster is staging-eu, KKP=$KKP"

step "1. A Kubernetes 1.19 cluster: projection is off, issuer and audiences default to the API server URL"
call "$KKP"

step "2. Enable token volume projection with a merge patch: the answer is the stored cluster"
call -X PATCH "$KKP" -d '{"spec":{"serviceAccount":{"tokenVolumeProjectionEnabled":true}}}'

step "3. Read it again: the change is stored"
call "$KKP"

step "4. null puts the default back: off again below 1.20"
call -X PATCH "$KKP" -d '{"spec":{"serviceAccount":{"tokenVolumeProjectionEnabled":null}}}'

step "5. Upgrade to 1.20: projection turns on by default"
call -X PATCH "$KKP" -d '{"spec":{"version":"1.20.2"}}'

step "6. On 1.20 an explicit false is kept in the intent but not applied, and a Warning says so"
call -X PATCH "$KKP" -d '{"spec":{"serviceAccount":{"tokenVolumeProjectionEnabled":false}}}'

step "7. What the mock saw: its request journal (GET /__mock/journal?method=PATCH)"
echo '$ curl -s "'"$KKP_MOCK_URL"'/__mock/journal?method=PATCH"'
journal=$(curl -fsS "$KKP_MOCK_URL/__mock/journal?method=PATCH")
if [ -n "$python" ]; then
  printf '%s' "$journal" | "$python" -c '
import json, sys
for entry in json.load(sys.stdin)["entries"]:
    print(entry["id"], entry["request"]["method"], entry["request"]["path"], entry["request"].get("body", ""), "->", entry["response"]["status"])'
else
  printf '%s\n' "$journal"
fi
