#!/usr/bin/env bash
# Measures each Lambda function's cold start in AWS's Runtime Interface Emulator, from the deployed
# jar, against moto's server and the Azure DevOps simulator, and writes the figures (and the
# artifact's size) into bench/results.json. Builds the jar and lambda-it's classes first (with the JDK
# java-home.sh chose) and measures on the Java 21 runtime (tools/install-java-runtime.sh), the release
# Lambda's java21 runtime runs: a newer JVM starts differently.
# Arguments go to io.adoec2.lambdait.ColdStart:
#   [--runs N] [--out FILE] [--function KEY]... [--options NAME=JAVA_TOOL_OPTIONS]...
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bin/lib/java-home.sh
source "$root/bin/lib/java-home.sh"
select_java_home
"$root/tools/install-python-tools.sh"
"$root/tools/install-lambda-tools.sh"
java21="$("$root/tools/install-java-runtime.sh")"
cd "$root"
./mvnw -B -q -pl lambda-it -am package -DskipTests
exec "$java21" -Dproject.root="$root" -Dtools.dir="$root/.tools" \
  -Dlambda.runtime.classpath.file="$root/lambda-it/target/lambda-runtime.classpath" \
  -cp "$root/lambda-it/target/test-classes:$(<"$root/lambda-it/target/test.classpath")" \
  io.adoec2.lambdait.ColdStart "$@"
