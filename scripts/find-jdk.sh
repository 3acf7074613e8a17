# Sourced by the scripts: exports JAVA_HOME pointing at a JDK >= 21 (the default java may be older).
# Order: $JAVA_HOME if new enough, then /usr/lib/jvm/* (newest first), then the java on PATH.
# A JDK's version is read from its `release` file, so no JVM is started just to ask.
_livegate_java_major() {
  local v=""
  if [ -f "$1/release" ]; then v="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release")"; fi
  if [ -z "$v" ]; then v="$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p' | head -1)"; fi
  echo "$v"
}
_livegate_pick_jdk() {
  local c v
  for c in ${JAVA_HOME:-} $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV) \
      "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
    c="${c%/}"
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    v="$(_livegate_java_major "$c")"
    if [ -n "$v" ] && [ "$v" -ge 21 ] 2>/dev/null; then echo "$c"; return 0; fi
  done
  return 1
}
if ! JAVA_HOME="$(_livegate_pick_jdk)"; then
  echo "livegate: no JDK >= 21 found (looked at \$JAVA_HOME, /usr/lib/jvm/*, PATH); install one, e.g. openjdk-21-jdk" >&2
  exit 1
fi
export JAVA_HOME
