#!/usr/bin/env bash
# Installs what .ci/deploy-checks needs; each part is skipped when already in place:
#   Debian packages  bats, shellcheck, jq, curl, nftables and iproute2 (the IMDS lockdown test),
#                    with apt-get, as root
#   .tools/venv      moto's server and the AWS CLI (tools/install-python-tools.sh)
#   .tools/checkov   checkov, in its own virtual environment
#   .tools/tflint    tflint, built from the Go module proxy
# terraform is not installed here: no registry serves it, and this kind of machine has it on PATH.
set -euo pipefail

readonly CHECKOV_PIN="checkov==3.3.30"
readonly TFLINT_VERSION="0.64.0"
readonly APT_PACKAGES=(bats shellcheck jq curl nftables iproute2)

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly tools="$root/.tools"

fail() {
  echo "install-deploy-tools: $*" >&2
  exit 1
}

install_apt_packages() {
  local missing=() package
  for package in "${APT_PACKAGES[@]}"; do
    [[ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" == *"ok installed" ]] || missing+=("$package")
  done
  ((${#missing[@]} > 0)) || return 0
  ((EUID == 0)) || fail "missing Debian packages ${missing[*]}: install them as root (apt-get install ${missing[*]})"
  echo "install-deploy-tools: apt-get install ${missing[*]}" >&2
  apt-get update -qq >&2 || fail "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2 || fail "apt-get install ${missing[*]} failed"
}

install_checkov() {
  local venv="$tools/checkov" marker="$tools/checkov/.installed-pin"
  [[ -f "$marker" && "$(<"$marker")" == "$CHECKOV_PIN" && -x "$venv/bin/checkov" ]] && return 0
  echo "install-deploy-tools: installing $CHECKOV_PIN into $venv" >&2
  python3 -m venv --clear "$venv" || fail "could not create $venv (on Debian: apt-get install python3-venv)"
  "$venv/bin/python" -m pip install --quiet "$CHECKOV_PIN" || fail "pip could not install $CHECKOV_PIN"
  echo "$CHECKOV_PIN" >"$marker"
}

install_tflint() {
  if [[ -x "$tools/tflint" && "$("$tools/tflint" --version 2>/dev/null)" == "TFLint version $TFLINT_VERSION"* ]]; then
    return 0
  fi
  command -v go >/dev/null || fail "go is not on PATH: it builds tflint"
  echo "install-deploy-tools: building tflint $TFLINT_VERSION" >&2
  GOBIN="$tools" go install "github.com/terraform-linters/tflint@v$TFLINT_VERSION" || fail "go install tflint failed"
}

mkdir -p "$tools"
command -v terraform >/dev/null || fail "terraform is not on PATH (1.11 or newer; no registry here serves it)"
install_apt_packages
"$root/tools/install-python-tools.sh"
install_checkov
install_tflint
