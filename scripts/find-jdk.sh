# Sourced by the scripts: exports JAVA_HOME pointing at a JDK >= 21 (the default java may be older).
# Order: $JAVA_HOME if new enough, then /usr/lib/jvm/*, then the java on PATH.
_livegate_java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1; }
_livegate_pick_jdk() {
  local c
  for c in ${JAVA_HOME:-} /usr/lib/jvm/* "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    local v; v="$(_livegate_java_major "$c")"
    if [ -n "$v" ] && [ "${v%%.*}" -ge 21 ] 2>/dev/null; then echo "$c"; return 0; fi
  done
  return 1
}
if ! JAVA_HOME="$(_livegate_pick_jdk)"; then
  echo "livegate: no JDK >= 21 found (looked at \$JAVA_HOME, /usr/lib/jvm/*, PATH); install one, e.g. openjdk-21-jdk" >&2
  exit 1
fi
export JAVA_HOME
