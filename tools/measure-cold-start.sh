#!/usr/bin/env bash
# Measures each Lambda function's cold start in AWS's Runtime Interface Emulator, from the deployed
# jar, against moto's server and the Azure DevOps simulator, and writes the figures (and the
# artifact's size) into bench/results.json. Builds the jar and lambda-it's classes first (with the JDK
# java-home.sh chose) and measures on the Java 21 runtime (tools/install-java-runtime.sh), the release
# Lambda's java21 runtime runs: a newer JVM starts differently.
# Beside the functions it measures two one-class handlers (lambda-it/src/baseline), which lambda-it's build
# compiles for release 21 and packages each in a jar of its own (lambda-it/pom.xml, as the tests use them): a trivial one, the yardstick
# of the issue's ratios, and one that makes the SNS function's HTTP requests and nothing else, the floor
# of those round trips.
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
trivial=("$root"/lambda-it/target/lambda-it-*-trivial-handler.jar)
same_calls=("$root"/lambda-it/target/lambda-it-*-same-calls-handler.jar)
exec "$java21" -Dproject.root="$root" -Dtools.dir="$root/.tools" \
  -Dcold.start.baseline.jar="${trivial[0]}" \
  -Dcold.start.same.calls.jar="${same_calls[0]}" \
  -Dlambda.runtime.classpath.file="$root/lambda-it/target/lambda-runtime.classpath" \
  -cp "$root/lambda-it/target/test-classes:$(<"$root/lambda-it/target/test.classpath")" \
  io.adoec2.lambdait.ColdStart "$@"
