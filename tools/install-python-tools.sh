#!/usr/bin/env bash
# Installs the Python tools the tests and `simulate` use: moto's server (the local peer for
# DynamoDB, EC2, Auto Scaling, SSM, SQS and SNS), the AWS CLI and Microsoft's azure-devops Python SDK
# (a real client the simulator is tested against), into .tools/venv.
# Idempotent: a marker records the pinned versions, so a re-run with the same pins returns at once.
set -euo pipefail

readonly PINS=("moto[server]==5.2.5" "awscli==1.46.3" "azure-devops==7.1.0b4")

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly venv="${root}/.tools/venv"
readonly marker="${venv}/.installed-pins"

fail() {
    echo "install-python-tools: $*" >&2
    exit 1
}

if [[ -f "${marker}" && "$(<"${marker}")" == "${PINS[*]}" && -x "${venv}/bin/moto_server" ]]; then
    exit 0
fi

command -v python3 >/dev/null || fail "python3 is not on PATH; install Python 3.9 or newer"

echo "install-python-tools: installing ${PINS[*]} into ${venv}" >&2
rm -f "${marker}"
if [[ ! -x "${venv}/bin/pip" ]]; then
    # --clear: a venv left half-made by an earlier failure is made again from scratch.
    python3 -m venv --clear "${venv}" \
        || fail "could not create a virtual environment at ${venv} (on Debian: apt-get install python3-venv)"
fi

"${venv}/bin/python" -m pip install --quiet "${PINS[@]}" \
    || fail "pip could not install ${PINS[*]}; see pip's output above"

"${venv}/bin/moto_server" --help >/dev/null 2>&1 \
    || fail "moto_server was installed but does not start; remove ${venv} and run again"

echo "${PINS[*]}" >"${marker}"
echo "install-python-tools: done" >&2
