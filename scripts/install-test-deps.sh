#!/usr/bin/env bash
# Installs what the end-to-end tests drive, on Debian 12: ffmpeg, srt-tools + libsrt, Chromium,
# Node.js + npm (the tests npm-install playwright-core and hls.js themselves), Maven, openssl, iproute2, curl.
# A JDK >= 21 is not in Debian 12's archive: scripts/find-jdk.sh finds one under /usr/lib/jvm or says what is missing. Idempotent: installs only what is missing. Needs root (or sudo).
set -euo pipefail
need=()
have() { command -v "$1" >/dev/null 2>&1; }
have ffmpeg || need+=(ffmpeg)
have srt-live-transmit || need+=(srt-tools)
[ -e /usr/lib/x86_64-linux-gnu/libsrt.so.1.5 ] || ldconfig -p 2>/dev/null | grep -q 'libsrt.so.1.5 ' || need+=(libsrt1.5-openssl)
have chromium || need+=(chromium fonts-dejavu-core)
have node || need+=(nodejs)
have npm || need+=(npm)
have mvn || need+=(maven)
have openssl || need+=(openssl)
have ip || need+=(iproute2)
have curl || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "install-test-deps: installing ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
