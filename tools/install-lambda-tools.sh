#!/usr/bin/env bash
# Installs what the Lambda runtime tests (lambda-it/) and the cold-start measurement need:
#   .tools/aws-lambda-rie   AWS's Lambda Runtime Interface Emulator, built from the Go module proxy
# The runtime interface client comes from Maven Central as a test dependency of lambda-it.
# Idempotent: a marker records the pinned version, so a re-run with the same pin returns at once.
set -euo pipefail

readonly RIE_MODULE="github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie"
readonly RIE_VERSION="v0.0.0-20261030222936-bef5c4ba774d"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly tools="${root}/.tools"
readonly rie="${tools}/aws-lambda-rie"
readonly marker="${tools}/.aws-lambda-rie-version"
# shellcheck source=tools/lib/progress.sh
source "${root}/tools/lib/progress.sh"

fail() {
    echo "install-lambda-tools: $*" >&2
    exit 1
}

if [[ -x "${rie}" && -f "${marker}" && "$(<"${marker}")" == "${RIE_VERSION}" ]]; then
    exit 0
fi

command -v go >/dev/null || fail "missing go (1.21 or newer): it builds the Lambda Runtime Interface Emulator that lambda-it runs"

mkdir -p "${tools}"
rm -f "${marker}"
run_step "install-lambda-tools: go install aws-lambda-rie ${RIE_VERSION} into ${tools}" \
    env GOBIN="${tools}" go install "${RIE_MODULE}@${RIE_VERSION}" \
    || fail "go install ${RIE_MODULE}@${RIE_VERSION} failed; see go's output above"
[[ -x "${rie}" ]] || fail "go install succeeded but ${rie} is missing"
echo "${RIE_VERSION}" >"${marker}"
echo "install-lambda-tools: done" >&2
