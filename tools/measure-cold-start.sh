#!/usr/bin/env bash
# Measures each Lambda function's cold start in AWS's Runtime Interface Emulator, from the deployed
# jar, against moto's server and the Azure DevOps simulator, and writes the figures (and the
# artifact's size) into bench/results.json. Builds the jar and lambda-it's classes first (with the JDK
# java-home.sh chose) and measures on the Java 21 runtime (tools/install-java-runtime.sh), the release
# Lambda's java21 runtime runs: a newer JVM starts differently.
# Beside the functions it measures two one-class handlers (lambda-it/src/baseline), each compiled here with
# --release 21 against aws-lambda-java-core alone and packaged as its own jar: a trivial one, the yardstick
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
baseline="$root/lambda-it/target/cold-start-baseline"
lambda_core="$(tr ':' '\n' <"$root/lambda-it/target/lambda-runtime.classpath" | grep '/aws-lambda-java-core-[^/]*\.jar$')"
rm -rf "$baseline"
for handler in TrivialHandler SameCallsHandler; do
  "$JAVA_HOME/bin/javac" --release 21 -cp "$lambda_core" -d "$baseline/$handler" \
    "$root/lambda-it/src/baseline/java/baseline/$handler.java"
  "$JAVA_HOME/bin/jar" --create --file "$baseline/$handler.jar" -C "$baseline/$handler" .
done
exec "$java21" -Dproject.root="$root" -Dtools.dir="$root/.tools" \
  -Dcold.start.baseline.jar="$baseline/TrivialHandler.jar" \
  -Dcold.start.same.calls.jar="$baseline/SameCallsHandler.jar" \
  -Dlambda.runtime.classpath.file="$root/lambda-it/target/lambda-runtime.classpath" \
  -cp "$root/lambda-it/target/test-classes:$(<"$root/lambda-it/target/test.classpath")" \
  io.adoec2.lambdait.ColdStart "$@"
