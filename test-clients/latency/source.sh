#!/usr/bin/env bash
# Publishes the measurement source to URL for SECONDS with ffmpeg, in real time (-re):
#   video: testsrc2 1280x720@30, libx264 veryfast -tune zerolatency, baseline, 1 s GOP (fixed, no scenecut),
#          2.5 Mbit/s; burned in:
#          * the latency stamp: floor(epoch ms) when ffmpeg's filter graph takes the frame, as a 48-bit block code
#            (top-left 1152x48 px: 48 blocks of 24x24, row 0 = bits MSB first, row 1 = inverted bits;
#            black Y=16 / white Y=235);
#          * the sync flash: a 160x160 box at (1080,520) white on frames n mod 30 in 0..2 (100 ms from each whole
#            second of stream time), black otherwise;
#   audio: silence with a 1 kHz beep (amplitude 0.5) for the first 100 ms of each whole second of stream time,
#          48 kHz stereo, AAC-LC 128 kbit/s (ffmpeg's native encoder).
# Flash and beep start at the same stream time, so any offset a player shows is the pipeline's.
# Usage: [TS_OPTS=...] source.sh URL SECONDS [flv|mpegts|FORMAT]   (FORMAT defaults to flv; mpegts is used for srt://)
set -euo pipefail
URL=$1
SECONDS_=${2:-30}
FORMAT=${3:-flv}
GRAPH=$(mktemp -t lg-lat-graph.XXXXXX)
trap 'rm -f "$GRAPH"' EXIT
cat > "$GRAPH" <<'G'
[0:v]format=yuv420p,drawbox=x=1080:y=520:w=160:h=160:color=black:t=fill,
drawbox=x=1080:y=520:w=160:h=160:color=white:t=fill:enable='lt(mod(n,30),3)',
settb=AVTB,setpts=RTCTIME,split[main][strip];
[strip]crop=1152:48:0:0,geq=lum='st(0,mod(floor(floor(T*1000)/pow(2,47-floor(X/24))),2));if(lt(Y,24),16+219*ld(0),235-219*ld(0))':cb=128:cr=128[code];
[main][code]overlay=0:0,settb=1/30,setpts=N[v];
[1:a]aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo[a]
G
extra=()
# TS_OPTS: extra mpegts muxer options, e.g. TS_OPTS='-pes_payload_size 0' (ffmpeg's default packs AAC frames
# into PES packets of >= 2930 bytes, ~180 ms of audio at 128 kbit/s, so audio reaches the server in bursts).
if [ "$FORMAT" = mpegts ]; then read -r -a extra <<< "-mpegts_flags +resend_headers ${TS_OPTS:-}"; fi
exec ffmpeg -hide_banner -nostdin -loglevel "${LOGLEVEL:-error}" \
  -re -f lavfi -i "testsrc2=size=1280x720:rate=30" \
  -re -f lavfi -i "aevalsrc=exprs='if(lt(mod(t,1),0.1),0.5*sin(2*PI*1000*t),0)':s=48000" \
  -filter_complex_script "$GRAPH" -map '[v]' -map '[a]' -t "$SECONDS_" \
  -c:v libx264 -preset veryfast -tune zerolatency -profile:v baseline -pix_fmt yuv420p \
  -g 30 -keyint_min 30 -sc_threshold 0 -bf 0 -x264-params keyint=30:min-keyint=30:scenecut=0 \
  -b:v 2500k -maxrate 2500k -bufsize 2500k \
  -c:a aac -b:a 128k -ar 48000 -ac 2 \
  "${extra[@]}" -f "$FORMAT" "$URL"
