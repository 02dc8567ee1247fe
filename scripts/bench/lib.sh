# Shared by scripts/bench/run, scripts/soak and scripts/leakcheck (sourced, not run).
# Starts and stops processes by the PIDs it recorded; `stop_all` runs from the caller's EXIT trap.

KKP_TOKEN_HEADER="Authorization: Bearer demo-token"
STARTED_PIDS=()

# start_mock LOGDIR NAME [kkp-mock arguments...]: starts a command (default the release kkp-mock) whose first stdout
# line is `kkp-mock listening on http://HOST:PORT`; sets MOCK_PID and MOCK_PORT. Set MOCK_COMMAND (an array) to run
# the binary under another tool (valgrind, …); MOCK_WAIT is the seconds to wait for the line (default 20).
start_mock() {
  local dir=$1 name=$2
  shift 2
  local out="$dir/$name.out" err="$dir/$name.err"
  : >"$out"
  local -a command=("${MOCK_COMMAND[@]:-$KKP_BINARY}")
  "${command[@]}" --port 0 "$@" >"$out" 2>"$err" &
  MOCK_PID=$!
  STARTED_PIDS+=("$MOCK_PID")
  local waited=0 limit=$((${MOCK_WAIT:-20} * 100))
  until grep -q '^kkp-mock listening on http://' "$out" 2>/dev/null; do
    if ! kill -0 "$MOCK_PID" 2>/dev/null; then
      echo "kkp-mock ($name) exited before listening; stderr:" >&2
      cat "$err" >&2
      return 1
    fi
    sleep 0.01
    waited=$((waited + 1))
    if ((waited > limit)); then
      echo "kkp-mock ($name) printed no listening line in ${MOCK_WAIT:-20} s" >&2
      return 1
    fi
  done
  MOCK_PORT=$(sed -n '1s/.*:\([0-9]*\)$/\1/p' "$out")
}

# stop_pid PID [SIGNAL]: signals one process we started (TERM by default) and waits for it; returns its status.
stop_pid() {
  local pid=$1 signal=${2:-TERM} status=0
  kill -0 "$pid" 2>/dev/null || return 0
  kill "-$signal" "$pid" 2>/dev/null || true
  wait "$pid" || status=$?
  return "$status"
}

# stop_all: stops every process start_mock/track_pid recorded that still runs (for the EXIT trap).
stop_all() {
  local pid
  for pid in "${STARTED_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
}

# track_pid PID: records a PID started elsewhere so stop_all stops it.
track_pid() { STARTED_PIDS+=("$1"); }

# free_port: prints a TCP port on 127.0.0.1 that is free now.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# rss_kb PID [FIELD]: VmRSS (or another /proc/PID/status field, e.g. VmHWM) of a process, in kB.
rss_kb() { awk -v f="${2:-VmRSS}:" '$1 == f { print $2 }' "/proc/$1/status"; }

# build_release: builds the release kkp-mock and sets KKP_BINARY.
build_release() {
  swift build -c release --product kkp-mock >&2
  KKP_BINARY="$(swift build -c release --show-bin-path)/kkp-mock"
}
