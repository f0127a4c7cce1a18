# shellcheck shell=bash
# Sourced by the bin/ and tools/ scripts: points JAVA_HOME at a JDK of version 21 or newer, because the
# build targets the Lambda java21 runtime (--release 21) and a machine's default java may be older.
# JAVA_HOME wins when it is such a JDK; otherwise the newest one under /usr/lib/jvm is taken, and the
# choice is said on stderr, so a build never runs on a JDK the user did not expect without telling.

java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p'
}

select_java_home() {
  local candidate major best="" best_major=0 given="${JAVA_HOME:-}" given_major=""
  if [ -n "$given" ] && [ -x "$given/bin/javac" ]; then
    given_major=$(java_major "$given")
    if [ -n "$given_major" ] && [ "$given_major" -ge 21 ]; then
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/*; do
    if [ ! -x "$candidate/bin/javac" ] || [ -L "$candidate" ]; then
      continue
    fi
    major=$(java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"
      best_major="$major"
    fi
  done
  local why="JAVA_HOME is not set"
  if [ -n "$given" ] && [ -n "$given_major" ]; then
    why="JAVA_HOME ($given) is Java $given_major"
  elif [ -n "$given" ]; then
    why="JAVA_HOME ($given) is not a JDK (no bin/javac)"
  fi
  if [ -z "$best" ]; then
    echo "ado-ec2-lifecycle: missing a JDK 21 or newer (with javac): $why and /usr/lib/jvm has none; install one and set JAVA_HOME to it" >&2
    return 1
  fi
  echo "ado-ec2-lifecycle: $why; using the JDK $best_major at $best" >&2
  export JAVA_HOME="$best"
}
