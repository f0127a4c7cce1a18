# shellcheck shell=bash
# Sourced by the bin/ scripts: points JAVA_HOME at a JDK of version 21 or newer, because the
# build targets the Lambda java21 runtime (--release 21) and a machine's default java may be older.

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p'
}

select_java_home() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "ado-ec2-lifecycle: no JDK 21 or newer found (looked at JAVA_HOME and /usr/lib/jvm); install one" >&2
  return 1
}
