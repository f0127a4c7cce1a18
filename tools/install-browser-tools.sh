#!/usr/bin/env bash
# Installs Debian's chromium, which the tests use to render `simulate --report` pages headless
# (chromium --headless --no-sandbox --disable-gpu --screenshot=...). Idempotent: returns at once
# when chromium is on PATH.
set -euo pipefail

fail() {
    echo "install-browser-tools: $*" >&2
    exit 1
}

command -v chromium >/dev/null && exit 0

((EUID == 0)) || fail "chromium is not installed: install it as root (apt-get install chromium)"
echo "install-browser-tools: apt-get install chromium" >&2
apt-get update -qq >&2 || fail "apt-get update failed"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >&2 \
    || fail "apt-get install chromium failed"
command -v chromium >/dev/null || fail "chromium was installed but is not on PATH"
echo "install-browser-tools: done" >&2
