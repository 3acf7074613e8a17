#!/usr/bin/env bash
# Runs the README's run command (./livegate, built-in defaults) as a user would: measures the time until
# /healthz answers, checks /metrics, stops it with SIGTERM and checks it exits cleanly.
# Ports come from the environment so a busy machine can move them (defaults: the built-in ones).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${LIVEGATE_HTTP_PORT:-8080}"
LOG="$(mktemp)"
PID=""
trap '[ -z "$PID" ] || kill -9 "$PID" 2>/dev/null || true; rm -f "$LOG"' EXIT
"$ROOT/livegate" --version >/dev/null   # builds if needed, so the timing below is startup only
if curl -s -m 1 -o /dev/null "http://127.0.0.1:$PORT/"; then
  echo "smoke: something already answers on port $PORT; stop it or set LIVEGATE_HTTP_PORT" >&2; exit 1
fi
start=$(date +%s%N)
"$ROOT/livegate" >"$LOG" 2>&1 &
PID=$!
for _ in $(seq 1 300); do
  if curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; then break; fi
  kill -0 "$PID" 2>/dev/null || { cat "$LOG"; echo "smoke: livegate exited during startup" >&2; exit 1; }
  sleep 0.02
done
ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null || { cat "$LOG"; echo "smoke: /healthz never answered" >&2; exit 1; }
# Read it whole first: `curl | grep -q` under pipefail fails whenever grep stops reading before curl is done.
metrics=$(curl -fsS "http://127.0.0.1:$PORT/metrics") || { echo "smoke: /metrics failed" >&2; exit 1; }
grep -q '^livegate_streams ' <<<"$metrics" || { echo "smoke: /metrics lacks livegate_streams" >&2; exit 1; }
kill -TERM "$PID"
code=0; wait "$PID" || code=$?
grep -q 'msg="gateway stopped"' "$LOG" || { cat "$LOG"; echo "smoke: no clean stop logged" >&2; exit 1; }
[ "$code" -eq 143 ] || [ "$code" -eq 0 ] || { cat "$LOG"; echo "smoke: exit status $code" >&2; exit 1; }
echo "smoke: ./livegate answered /healthz ${ready_ms} ms after launch; SIGTERM exit status $code"
