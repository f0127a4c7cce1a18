# shellcheck shell=bash
# Sourced by the install and build scripts: run_step LABEL COMMAND... says what it is doing, shows it is alive
# while COMMAND runs (seconds elapsed, updated in place, when stderr is a terminal; a plain line every
# PROGRESS_INTERVAL seconds, 10 by default, when it is not), and ends with how long it took.
# COMMAND's own output goes to stderr, so a script's stdout stays its result.

run_step() {
  local label="$1" started=$SECONDS ticker rc=0
  shift
  if [[ -t 2 ]]; then
    printf '%s ... ' "$label" >&2
    (
      while sleep 1 >/dev/null 2>&1; do
        printf '\r\033[K%s ... %d s' "$label" $((SECONDS - started)) >&2
      done
    ) &
  else
    echo "$label ..." >&2
    (
      while sleep "${PROGRESS_INTERVAL:-10}" >/dev/null 2>&1; do
        echo "$label: still running ($((SECONDS - started)) s)" >&2
      done
    ) &
  fi
  ticker=$!
  "$@" >&2 || rc=$?
  kill "$ticker" 2>/dev/null || true
  wait "$ticker" 2>/dev/null || true
  [[ -t 2 ]] && printf '\r\033[K' >&2
  if ((rc == 0)); then
    echo "$label: done ($((SECONDS - started)) s)" >&2
  else
    echo "$label: failed after $((SECONDS - started)) s" >&2
  fi
  return "$rc"
}
