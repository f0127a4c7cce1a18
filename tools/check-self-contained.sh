#!/usr/bin/env bash
# Fails when a tracked file refers to a path outside the repository: a relative path that climbs above the
# repository's root (a sibling folder such as "shared" reached with dot-dot from the root) or an absolute path into a
# developer's machine (/work, /home, /Users, /root, /mnt, or wherever this clone lies). A clone with nothing
# beside it must build and pass its tests, so nothing may read from beside it.
# Paths a program uses at run time on its own machine (/usr/lib/jvm, /opt/azagent, /var/runtime, /tmp) are fine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

found=0
report() {
  echo "check-self-contained: $1" >&2
  found=1
}

# Absolute paths into a developer's machine, or into this very clone.
machine_paths="(^|[^A-Za-z0-9_.~\$}-])/(work|home|Users|root|mnt)/[A-Za-z0-9_.-]"
while IFS= read -r hit; do
  report "$hit: an absolute path outside the repository"
done < <(git grep -I -n -E "$machine_paths" -- . ':!tools/check-self-contained.sh' || true)
while IFS= read -r hit; do
  report "$hit: this clone's own absolute path"
done < <(git grep -I -n -F "$root/" -- . || true)

# Relative paths that climb above the root: more "../" than the file's folder is deep.
while IFS=: read -r file line match; do
  dir="$(dirname "$file")"
  depth=0
  [[ "$dir" == "." ]] || depth=$(($(tr -cd / <<<"$dir" | wc -c) + 1))
  ups=$(grep -o '\.\./' <<<"$match" | wc -l)
  if ((ups > depth)); then
    report "$file:$line: '$match' climbs $ups folders up from $dir, out of the repository"
  fi
done < <(git grep -I -n -o -E '(\.\./)+[A-Za-z0-9_.-]*' -- . || true)

if ((found)); then
  echo "check-self-contained: tracked files refer to paths outside the repository (above); copy what they need into it" >&2
  exit 1
fi
echo "check-self-contained: no tracked file refers to a path outside the repository"
