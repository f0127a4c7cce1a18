#!/usr/bin/env bats
# The project's own scripts, as a user meets them: the self-containment check that .ci/run starts with,
# the progress a long install step shows, and the JDK the scripts choose.

ROOT="$(cd "$BATS_TEST_DIRNAME/../.." && pwd)"

setup() {
  WORK="$(mktemp -d)"
}

teardown() {
  rm -rf "$WORK"
}

# A repository holding the check and the given file at the given path.
repository_with() {
  local path="$1" text="$2"
  mkdir -p "$WORK/repo/tools" "$WORK/repo/$(dirname "$path")"
  cp "$ROOT/tools/check-self-contained.sh" "$WORK/repo/tools/"
  printf '%s\n' "$text" >"$WORK/repo/$path"
  git -C "$WORK/repo" init -q
  git -C "$WORK/repo" add -A
}

@test "this repository refers to no path outside it" {
  run "$ROOT/tools/check-self-contained.sh"
  [ "$status" -eq 0 ]
}

@test "a path to a folder beside the repository fails the check, naming the file and line" {
  # shellcheck disable=SC2016 # the text of a pom, not an expansion
  repository_with pom.xml '<rest.spec.dir>${maven.multiModuleProjectDirectory}/../specs-beside/spec</rest.spec.dir>'
  run "$WORK/repo/tools/check-self-contained.sh"
  [ "$status" -eq 1 ]
  [[ "$output" == *"pom.xml:1:"*"../specs-beside"*"out of the repository"* ]]
}

@test "a relative path that stays inside the repository passes" {
  repository_with deploy/terraform/examples/main.tf 'source = "../../modules/ado-ec2-lifecycle"'
  run "$WORK/repo/tools/check-self-contained.sh"
  [ "$status" -eq 0 ]
}

@test "an absolute path into a developer's machine fails the check" {
  local machine="/home"  # spelt apart, or this very file would fail the check
  repository_with docs/notes.md "the spec is in $machine/someone/azure-devops-rest-spec"
  run "$WORK/repo/tools/check-self-contained.sh"
  [ "$status" -eq 1 ]
  [[ "$output" == *"docs/notes.md:1:"*"absolute path outside the repository"* ]]
}

@test "a long step off a terminal prints what it does, plain lines while it runs, and how long it took" {
  source "$ROOT/tools/lib/progress.sh"
  PROGRESS_INTERVAL=1 run_step "installing things" sleep 2.5 2>"$WORK/err" >"$WORK/out"
  [ ! -s "$WORK/out" ]
  run cat "$WORK/err"
  [ "${lines[0]}" = "installing things ..." ]
  [[ "${lines[1]}" == "installing things: still running (1 s)" ]]
  [[ "${lines[-1]}" =~ ^"installing things: done ("[23]" s)"$ ]]
  [[ "$output" != *$'\r'* ]]
}

@test "a failing step says so and keeps its exit status" {
  source "$ROOT/tools/lib/progress.sh"
  run run_step "building" bash -c 'echo "compiler says no" >&2; exit 3'
  [ "$status" -eq 3 ]
  [[ "$output" == *"compiler says no"* ]]
  [[ "$output" == *"building: failed after"* ]]
}

@test "with JAVA_HOME too old, the scripts say which JDK they use instead" {
  local old
  old="$(find /usr/lib/jvm -mindepth 1 -maxdepth 1 -type d -name '*17*' | head -1)"
  [ -n "$old" ] || skip "no JDK 17 here to be too old"
  source "$ROOT/bin/lib/java-home.sh"
  JAVA_HOME="$old" select_java_home 2>"$WORK/err" || skip "no JDK 21+ here"
  run cat "$WORK/err"
  [[ "$output" == "ado-ec2-lifecycle: JAVA_HOME ($old) is Java 17; using the JDK "*" at /usr/lib/jvm/"* ]]
}
