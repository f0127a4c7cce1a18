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
# shellcheck source=tools/lib/progress.sh
source "${root}/tools/lib/progress.sh"

fail() {
    echo "install-python-tools: $*" >&2
    exit 1
}

if [[ -f "${marker}" && "$(<"${marker}")" == "${PINS[*]}" && -x "${venv}/bin/moto_server" ]]; then
    exit 0
fi

command -v python3 >/dev/null || fail "missing python3: install Python 3.10 or newer with venv (on Debian: apt-get install python3 python3-venv)"
python3 -c 'import venv, ensurepip' 2>/dev/null \
    || fail "missing Python's venv module (on Debian: apt-get install python3-venv)"

rm -f "${marker}"
if [[ ! -x "${venv}/bin/pip" ]]; then
    # --clear: a venv left half-made by an earlier failure is made again from scratch.
    run_step "install-python-tools: creating a virtual environment at ${venv}" python3 -m venv --clear "${venv}" \
        || fail "could not create a virtual environment at ${venv} (on Debian: apt-get install python3-venv)"
fi

# About 480 MB from PyPI on a first run: a minute or more.
run_step "install-python-tools: pip installing ${PINS[*]} into ${venv}" \
    "${venv}/bin/python" -m pip install --quiet --disable-pip-version-check "${PINS[@]}" \
    || fail "pip could not install ${PINS[*]}; see pip's output above"

"${venv}/bin/moto_server" --help >/dev/null 2>&1 \
    || fail "moto_server was installed but does not start; remove ${venv} and run again"

echo "${PINS[*]}" >"${marker}"
echo "install-python-tools: done" >&2
