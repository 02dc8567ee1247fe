# kkp-mock for CI jobs and test scripts. Source it from bash; do not run it.
#
#   source scripts/kkp-mock-ci.sh [kkp-mock flags...]
#
# Starts kkp-mock on a free port with a throw-away database (--db :memory:) and the repository's fixtures, waits
# until GET /healthz answers, and exports
#   KKP_MOCK_URL   the base URL, http://127.0.0.1:PORT
#   KKP_MOCK_LOG   a file with the mock's stderr (its access log, one line per request)
# and sets KKP_MOCK_PID, the process id (not exported).
# The mock is stopped when the calling shell exits, however it exits (an EXIT trap; a trap set before is kept and
# still runs). When the shell exits with a failure, the last lines of the mock's log are printed to stderr.
#
# Helpers (each fails on an HTTP error, so `set -e` stops the script):
#   kkp_mock_reset [DIR]        POST /__mock/reset: the fixtures again (or those of DIR), empty journal, no faults
#   kkp_mock_journal [QUERY]    GET /__mock/journal?QUERY, e.g. kkp_mock_journal 'method=PATCH&limit=1'
#   kkp_mock_fault JSON         POST /__mock/faults, e.g. kkp_mock_fault '{"path":"/api/**","response":{"status":503},"times":1}'
#   kkp_mock_clear_faults       DELETE /__mock/faults
#   kkp_mock_stop               stops the mock now
#
# The binary is $KKP_MOCK_BIN, else the newer of .build/release/kkp-mock and .build/debug/kkp-mock, else kkp-mock
# on PATH, else it is built first (swift build -c release). Flags given to `source` go to kkp-mock and win over the
# defaults above (e.g. --deterministic, --access-log json, --fixtures DIR). Needs curl.

__kkp_mock_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

__kkp_mock_binary() {
  if [ -n "${KKP_MOCK_BIN:-}" ]; then
    echo "$KKP_MOCK_BIN"
    return 0
  fi
  local release="$__kkp_mock_root/.build/release/kkp-mock" debug="$__kkp_mock_root/.build/debug/kkp-mock"
  if [ -x "$release" ] && { [ ! -x "$debug" ] || [ "$release" -nt "$debug" ]; }; then
    echo "$release"
  elif [ -x "$debug" ]; then
    echo "$debug"
  elif command -v kkp-mock >/dev/null 2>&1; then
    command -v kkp-mock
  else
    echo "kkp-mock-ci: building kkp-mock (swift build -c release)" >&2
    (cd "$__kkp_mock_root" && swift build -c release --product kkp-mock >&2) || return 1
    echo "$release"
  fi
}

# Starts the mock (the sourcing does it once); flags go to kkp-mock.
kkp_mock_start() {
  local binary output line
  if [ -n "${KKP_MOCK_PID:-}" ] && kill -0 "$KKP_MOCK_PID" 2>/dev/null; then
    echo "kkp-mock-ci: kkp-mock runs already at $KKP_MOCK_URL; kkp_mock_stop first" >&2
    return 1
  fi
  binary=$(__kkp_mock_binary) || return 1
  output=$(mktemp "${TMPDIR:-/tmp}/kkp-mock-stdout.XXXXXX")
  KKP_MOCK_LOG=$(mktemp "${TMPDIR:-/tmp}/kkp-mock-log.XXXXXX")
  "$binary" --port 0 --db :memory: --fixtures "$__kkp_mock_root/fixtures" "$@" >"$output" 2>"$KKP_MOCK_LOG" </dev/null &
  KKP_MOCK_PID=$!
  export KKP_MOCK_LOG
  # The first line on stdout says where it listens; poll for it (a few ms), at most 20 s.
  local deadline=$((SECONDS + 20))
  while :; do
    if IFS= read -r line <"$output" && [[ $line == "kkp-mock listening on "* ]]; then break; fi
    if ! kill -0 "$KKP_MOCK_PID" 2>/dev/null || ((SECONDS >= deadline)); then
      echo "kkp-mock-ci: kkp-mock did not start: $(cat "$KKP_MOCK_LOG")" >&2
      rm -f "$output"
      kkp_mock_stop
      return 1
    fi
    sleep 0.005
  done
  rm -f "$output"
  KKP_MOCK_URL=${line#kkp-mock listening on }
  export KKP_MOCK_URL
  # Ready means /healthz answers.
  until curl -fsS --max-time 2 "$KKP_MOCK_URL/healthz" >/dev/null 2>&1; do
    if ! kill -0 "$KKP_MOCK_PID" 2>/dev/null || ((SECONDS >= deadline)); then
      echo "kkp-mock-ci: $KKP_MOCK_URL/healthz does not answer" >&2
      kkp_mock_stop
      return 1
    fi
    sleep 0.005
  done
}

# Stops the mock: SIGTERM, and SIGKILL if it has not exited after 5 s.
kkp_mock_stop() {
  [ -n "${KKP_MOCK_PID:-}" ] || return 0
  if kill -TERM "$KKP_MOCK_PID" 2>/dev/null; then
    local tries=0
    while kill -0 "$KKP_MOCK_PID" 2>/dev/null && ((tries < 500)); do
      sleep 0.01
      tries=$((tries + 1))
    done
    kill -KILL "$KKP_MOCK_PID" 2>/dev/null || true
  fi
  wait "$KKP_MOCK_PID" 2>/dev/null || true
  unset KKP_MOCK_PID
}

kkp_mock_reset() {
  if [ $# -gt 0 ]; then
    curl -fsS -X POST "$KKP_MOCK_URL/__mock/reset" -d "{\"fixtures\":\"$1\"}"
  else
    curl -fsS -X POST "$KKP_MOCK_URL/__mock/reset"
  fi
}

kkp_mock_journal() {
  curl -fsS "$KKP_MOCK_URL/__mock/journal${1:+?$1}"
}

kkp_mock_fault() {
  curl -fsS -X POST "$KKP_MOCK_URL/__mock/faults" -d "$1"
}

kkp_mock_clear_faults() {
  curl -fsS -X DELETE "$KKP_MOCK_URL/__mock/faults"
}

__kkp_mock_on_exit() {
  local status=$?
  if ((status != 0)) && [ -s "${KKP_MOCK_LOG:-}" ]; then
    echo "kkp-mock-ci: the script failed (exit $status); the mock's last log lines:" >&2
    tail -n 20 "$KKP_MOCK_LOG" >&2
  fi
  kkp_mock_stop
  rm -f "${KKP_MOCK_LOG:-}"
  if [ -n "$__kkp_mock_previous_exit_trap" ]; then
    eval "$__kkp_mock_previous_exit_trap" || true
  fi
  return "$status"
}

# Keep an EXIT trap set before this file was sourced, and run it after stopping the mock (once: sourcing the file
# again leaves the trap as it is).
eval "__kkp_mock_trap_words=( $(trap -p EXIT) )"
if [ "${__kkp_mock_trap_words[2]:-}" != __kkp_mock_on_exit ]; then
  __kkp_mock_previous_exit_trap=${__kkp_mock_trap_words[2]:-}
  trap __kkp_mock_on_exit EXIT
fi
unset __kkp_mock_trap_words

kkp_mock_start "$@"
