#!/usr/bin/env bash
# Runs one measurement end to end inside a private network namespace holding only lo: starts LiveGate
# (io.livegate.gateway.LiveGate on its default ports), publishes source.sh, runs the player script, then stops
# everything and deletes the namespace. Output goes to results/<UTC time>-<mode>/ (summary.json, logs, loadavg).
# Usage: run.sh MODE [SECONDS] [JOINS]
#   rtmp-whep   RTMP -> WHEP: glass-to-glass latency + A/V sync (beep vs flash), one session of SECONDS (default 25)
#   rtmp-whep-warm  same as rtmp-whep, but an audio-only WHEP viewer has been playing for 5 s when the measured one
#               joins (the stream's WHEP fan-out and transcoder are already running)
#   rtmp-whep-video  RTMP -> WHEP, video-only offer (no audio, so no lip sync): latency of the video path alone
#   srt-whep    SRT (MPEG-TS, latency=120 ms) -> WHEP: same
#   rtmp-hls    RTMP -> LL-HLS with hls.js lowLatencyMode: glass-to-glass latency, SECONDS (default 30)
#   whep-joins  RTMP -> WHEP: JOINS (default 10) sessions of SECONDS (default 4): time to first frame
#   av-probe    RTMP -> WHEP without a browser: io.livegate.whep.AvSyncProbe puts beeps and keyframes on the wall
#               clock through the sender reports (the lip sync a perfect player shows) for SECONDS (default 60);
#               cheap enough for hour-long runs (drift). RECONNECT_EVERY=N: the publisher drops every N s for 2 s.
#   av-probe-srt  same over SRT (MPEG-TS)
# Needs root (ip netns), ffmpeg, node, /usr/bin/chromium, `npm install` done here, and the gateway built:
#   cd /work/main && mvn -B -q -o -pl gateway test-compile
#   mvn -B -q -o -pl gateway dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
#   (av-probe modes also: mvn -B -q -o -pl rtc,egress-whep test-compile)
# Environment: TS_OPTS (extra mpegts muxer options for srt-whep, see source.sh), RECONNECT_EVERY (av-probe modes),
# GATEWAY_JAVA_OPTS (extra JVM options for the gateway), JAVA_HOME (default temurin-25), CP_FILE (default /tmp/cp.txt), REPO (default ../..).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=${REPO:-$(cd "$HERE/../.." && pwd)}
MODE=${1:?mode: rtmp-whep | rtmp-whep-warm | rtmp-whep-video | srt-whep | rtmp-hls | whep-joins | av-probe | av-probe-srt}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
CP_FILE=${CP_FILE:-/tmp/cp.txt}
case "$MODE" in
  rtmp-whep|rtmp-whep-warm|rtmp-whep-video|srt-whep) SECS=${2:-25} ;;
  av-probe|av-probe-srt) SECS=${2:-60} ;;
  rtmp-hls) SECS=${2:-30} ;;
  whep-joins) SECS=${2:-4}; JOINS=${3:-10} ;;
  *) echo "unknown mode $MODE" >&2; exit 2 ;;
esac
OUT="$HERE/results/$(date -u +%Y%m%dT%H%M%SZ)-$MODE"
mkdir -p "$OUT"
NS=lg-lat-$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  sleep 1
  for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  ip netns pids "$NS" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
  ip netns del "$NS" 2>/dev/null || true
}
trap cleanup EXIT
ip netns add "$NS"
ip -n "$NS" link set lo up
inns() { ip netns exec "$NS" "$@"; }

LIVEGATE_HTTP_HOST=127.0.0.1 LIVEGATE_WEBRTC_ADVERTISED_ADDRESSES=127.0.0.1 \
  inns "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED ${GATEWAY_JAVA_OPTS:-} \
  -cp "$REPO/gateway/target/test-classes:$REPO/gateway/target/classes:$(cat "$CP_FILE")" \
  io.livegate.gateway.LiveGate > "$OUT/gateway.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 150); do inns curl -sf -m 1 http://127.0.0.1:8080/healthz >/dev/null 2>&1 && break; sleep 0.2; done
inns curl -sf -m 1 http://127.0.0.1:8080/healthz >/dev/null

PUBLISH_SECS=$((SECS * ${JOINS:-1} + ${JOINS:-1} + 40))
publish() {
  case "$MODE" in
    srt-whep|av-probe-srt) inns "$HERE/source.sh" \
      'srt://127.0.0.1:9000?streamid=#!::r=live/lat,m=publish&pkt_size=1316&latency=120000' "$1" mpegts ;;
    *) inns "$HERE/source.sh" rtmp://127.0.0.1:1935/live/lat "$1" flv ;;
  esac
}
if [ "${RECONNECT_EVERY:-0}" -gt 0 ]; then
  # The publisher disconnects every RECONNECT_EVERY seconds and comes back 2 s later (within the grace period).
  (end=$((SECONDS + PUBLISH_SECS)); while [ $SECONDS -lt $end ]; do publish "$RECONNECT_EVERY"; sleep 2;
     echo "$(date -u +%T) reconnect"; done) > "$OUT/ffmpeg.log" 2>&1 &
else
  publish "$PUBLISH_SECS" > "$OUT/ffmpeg.log" 2>&1 &
fi
PIDS+=($!)
for _ in $(seq 150); do
  k=$(inns curl -s -m 1 http://127.0.0.1:8080/api/v1/streams/live/lat | grep -o '"keyframes":[0-9]*' | head -1 | cut -d: -f2 || true)
  [ "${k:-0}" -ge 3 ] && break
  sleep 0.2
done

if [ "$MODE" = rtmp-whep-warm ]; then
  inns node "$HERE/whep-latency.mjs" http://127.0.0.1:8080 live/lat $((SECS + 15)) --hold > "$OUT/holder.log" 2>&1 &
  PIDS+=($!)
  sleep 5
fi
(while sleep 2; do echo "$(date -u +%T) $(cat /proc/loadavg)"; done) > "$OUT/loadavg.txt" &
PIDS+=($!)
vmstat -n 2 > "$OUT/vmstat.txt" 2>&1 &
PIDS+=($!)
echo "$(date -u +%T) $(cat /proc/loadavg)" >> "$OUT/loadavg.txt"
case "$MODE" in
  rtmp-whep|rtmp-whep-warm|srt-whep) inns node "$HERE/whep-latency.mjs" http://127.0.0.1:8080 live/lat "$SECS" ;;
  rtmp-whep-video) inns node "$HERE/whep-latency.mjs" http://127.0.0.1:8080 live/lat "$SECS" --video-only ;;
  whep-joins) inns node "$HERE/whep-latency.mjs" http://127.0.0.1:8080 live/lat "$SECS" --joins "$JOINS" ;;
  rtmp-hls) inns node "$HERE/hls-latency.mjs" http://127.0.0.1:8080/live/lat/index.m3u8 "$SECS" ;;
  av-probe|av-probe-srt) inns "$JAVA_HOME/bin/java" \
      -cp "$REPO/egress-whep/target/test-classes:$REPO/rtc/target/test-classes:$REPO/gateway/target/classes:$(cat "$CP_FILE")" \
      io.livegate.whep.AvSyncProbe http://127.0.0.1:8080 live/lat "$SECS" ;;
esac > "$OUT/player.log" 2> "$OUT/player.err" || echo "player exited with $?" >&2
echo "$(date -u +%T) $(cat /proc/loadavg)" >> "$OUT/loadavg.txt"
inns curl -s -m 2 http://127.0.0.1:8080/api/v1/streams/live/lat > "$OUT/stream-after.json" || true
grep -E '^\{"(summary|beeps)"' "$OUT/player.log" > "$OUT/summary.json" || { tail -20 "$OUT/player.log" "$OUT/player.err" >&2; exit 1; }
awk '{print $2}' "$OUT/loadavg.txt" | sort -n | awk '{a[NR]=$1} END {printf "load average (1 min) during run: min %s max %s\n", a[1], a[NR]}' | tee "$OUT/load.txt"
awk 'NR > 3 {n++; id += $15} END {if (n) printf "CPU idle during run (vmstat): %.0f %%\n", id / n}' "$OUT/vmstat.txt" | tee -a "$OUT/load.txt"
echo "results: $OUT"
cat "$OUT/summary.json"
