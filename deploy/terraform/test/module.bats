#!/usr/bin/env bats
# The Terraform module against its single source of truth (functions.json) and the IAM rules it
# promises. Terraform cannot plan here (no provider downloads), so these read the HCL itself.

setup() {
  ROOT="$(cd "$BATS_TEST_DIRNAME/../../.." && pwd)"
  MODULE="$ROOT/deploy/terraform/modules/ado-ec2-lifecycle"
  SPEC="$MODULE/functions.json"
  PYTHON="$ROOT/.tools/checkov/bin/python"
}

# hcl FILE: the module file as JSON.
hcl() {
  "$PYTHON" "$BATS_TEST_DIRNAME/hcl2json.py" "$MODULE/$1"
}

@test "functions.json names the three entry classes, each with its event source and Lambda-valid sizes" {
  run jq -r '.functions | to_entries[] | "\(.key) \(.value.source) \(.value.handler)"' "$SPEC"
  [ "$output" = "asg-notifications sns io.adoec2.handler.AsgNotificationHandler::handleRequest
lifecycle-queue sqs io.adoec2.handler.LifecycleQueueHandler::handleRequest
reconciler schedule io.adoec2.handler.ReconcileHandler::handleRequest" ]
  run jq -r '.functions[] | select(.memory < 128 or .memory > 10240 or .timeout < 1 or .timeout > 900 or (.memory | floor) != .memory)' "$SPEC"
  [ -z "$output" ]
  [ "$(jq -r '.runtime' "$SPEC")" = java21 ]
  [ "$(jq -r '.artifact' "$SPEC")" = function/target/ado-ec2-lifecycle-function.jar ]
}

@test "the functions get a value for exactly the environment variables functions.json lists" {
  local listed set
  listed="$(jq -r '.environment | sort | .[]' "$SPEC")"
  [ "$(jq -r '.environment | length' "$SPEC")" = "$(jq -r '.environment | unique | length' "$SPEC")" ]
  set="$(hcl main.tf | jq -r '[.locals[] | .environment_values? // empty | if type == "array" then .[0] else . end | keys[]] | sort | .[]')"
  echo "functions.json: $listed"
  echo "main.tf:        $set"
  [ -n "$listed" ]
  [ "$listed" = "$set" ]
}

@test "every function has a reserved concurrency, and every trigger names a function of the right source" {
  local functions reserved
  functions="$(jq -r '.functions | keys | .[]' "$SPEC")"
  reserved="$(hcl main.tf | jq -r '[.locals[] | .reserved_concurrency? // empty | if type == "array" then .[0] else . end | keys[]] | sort | .[]')"
  [ "$functions" = "$reserved" ]

  # References like aws_lambda_alias.live["reconciler"] outside lambda.tf are triggers.
  local file key source expected
  for file in "$MODULE"/*.tf; do
    while IFS= read -r key; do
      source="$(jq -r --arg key "$key" '.functions[$key].source // "missing"' "$SPEC")"
      case "$(basename "$file")" in
        queues.tf) expected=sqs ;;
        events.tf) expected=schedule ;;
        autoscaling.tf) expected=sns ;;
        *) continue ;;
      esac
      echo "$(basename "$file") triggers $key ($source)"
      [ "$source" = "$expected" ]
    done < <(grep -oE 'aws_lambda_(alias\.live|function\.this)\["[^"]+"\]' "$file" | sed -E 's/.*\["([^"]+)"\]/\1/' | sort -u)
  done
}

@test "the queue function reports partial batch failures and every function publishes a SnapStart version" {
  run bash -c "\"$PYTHON\" \"$BATS_TEST_DIRNAME/hcl2json.py\" \"$MODULE/queues.tf\" | jq -c '.resource[] | .aws_lambda_event_source_mapping? // empty | .lifecycle.function_response_types'"
  [ "$output" = '[["ReportBatchItemFailures"]]' ]
  run bash -c "\"$PYTHON\" \"$BATS_TEST_DIRNAME/hcl2json.py\" \"$MODULE/lambda.tf\" | jq -c '.resource[] | .aws_lambda_function? // empty | .this | [.publish, .dynamic[0].snap_start.content[0].apply_on]'"
  [ "$output" = '[[true],["PublishedVersions"]]' ]
}

@test "no IAM statement allows a wildcard action, and only describe and tracing calls have Resource \"*\"" {
  local statements
  statements="$(hcl iam.tf | jq -c '[.data[] | .aws_iam_policy_document? // empty | to_entries[] | .key as $document
    | .value | ((.statement // []) + [(.dynamic // [])[] | .statement.content[]?]) | .[]
    | {document: $document, sid: (.sid | if type == "array" then .[0] else . end),
       actions: (.actions | if type == "array" and (.[0] | type) == "array" then .[0] else . end),
       resources: (.resources | if type == "array" and (.[0] | type) == "array" then .[0] else . end)}]')"
  echo "$statements" | jq .
  [ "$(jq 'length' <<<"$statements")" -ge 10 ]
  # No action with a wildcard (a string action list, from concat(), is checked as text).
  [ -z "$(jq -r '.[] | select((.actions | tostring) | test("\\*\"|:\\*")) | .sid' <<<"$statements")" ]
  # Resource "*" only for calls IAM cannot scope (sts:GetWebIdentityToken has no resource: its
  # audience, duration and algorithm conditions narrow it instead; Auto Scaling's Describe actions
  # have no resource types).
  [ -z "$(jq -r '.[] | select(.resources == ["*"]) | select(.actions - ["ec2:DescribeInstances", "xray:PutTraceSegments", "xray:PutTelemetryRecords", "sts:GetWebIdentityToken", "autoscaling:DescribeAutoScalingInstances"] != []) | .sid' <<<"$statements")" ]
  # Lifecycle actions only on the named groups.
  # shellcheck disable=SC2016 # a Terraform expression, not a shell one
  [ "$(jq -c '.[] | select(.sid == "AnswerLifecycleHooksOfManagedGroups") | .resources' <<<"$statements")" = '["${local.autoscaling_group_arns}"]' ]
}

@test "the module README documents every variable and output, and nothing that is gone" {
  local declared documented
  declared="$( { grep -hoE '^(variable|output) "[a-z0-9_]+"' "$MODULE/variables.tf" "$MODULE/outputs.tf" | sed -E 's/.*"(.*)"/\1/'; } | sort)"
  # shellcheck disable=SC2016 # literal backticks of Markdown
  documented="$(grep -oE '^\| `[a-z0-9_]+` \|' "$MODULE/README.md" | sed -E 's/^\| `(.*)` \|/\1/' | sort)"
  diff <(echo "$declared") <(echo "$documented")
}

@test "every function alarms on throttles; the asynchronous ones on dead-letter errors and dropped events" {
  local signals alarms
  [ "$(hcl alarms.tf | jq -r '.resource[] | .aws_cloudwatch_metric_alarm? // empty | .lambda_signals // empty | .namespace[0]')" = AWS/Lambda ]
  signals="$(hcl alarms.tf | jq -r '.locals[] | .lambda_signal_alarms? // empty | .[0]')"
  echo "$signals"
  # Lambda's own metric names (docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html).
  # shellcheck disable=SC2016 # Terraform expressions, not shell ones
  [[ "$signals" == *'local.functions : "${key}-throttles" => {'*"'metric': 'Throttles'"* ]]
  # shellcheck disable=SC2016
  [[ "$signals" == *'local.async_functions : "${key}-dead-letter-errors" => {'*"'metric': 'DeadLetterErrors'"* ]]
  # shellcheck disable=SC2016
  [[ "$signals" == *'local.async_functions : "${key}-async-events-dropped" => {'*"'metric': 'AsyncEventsDropped'"* ]]
  alarms="$(hcl alarms.tf | jq -r '.locals[] | .async_functions? // empty | .[0]')"
  [[ "$alarms" == *'if function.source != "sqs"'* ]]
}

@test "the failure alarms count the functions' own HandlerError and ReconcileError metrics, named in functions.json" {
  [ "$(jq -r '.metrics.handlerErrors.metric' "$SPEC")" = HandlerError ]
  [ "$(jq -r '.metrics.reconcileErrors.metric' "$SPEC")" = ReconcileError ]
  local query alarms
  query="$(hcl alarms.tf | jq -r '.resource[] | .aws_cloudwatch_metric_alarm? // empty | .function_failures // empty | .metric_query[0].expression[0]')"
  echo "$query"
  # shellcheck disable=SC2016 # a Terraform expression, not a shell one
  [ "$query" = 'SELECT SUM(\"${each.value.metric.metric}\") FROM SCHEMA(\"${local.metrics.namespace}\", \"${each.value.metric.dimension}\")' ]
  alarms="$(hcl alarms.tf | jq -c '.locals[] | .failure_alarms? // empty')"
  [[ "$alarms" == *'local.metrics.handlerErrors'*'local.metrics.reconcileErrors'* ]]
}

@test "429s alarm only when sustained for 15 minutes; a lifecycle action no longer held alarms at once" {
  [ "$(jq -r '.metrics.azureDevOpsRefused.metric' "$SPEC")" = AzureDevOpsRefused ]
  [ "$(jq -r '.metrics.hooksNotHeld.metric' "$SPEC")" = HookNotHeld ]
  local alarms resource
  alarms="$(hcl alarms.tf | jq -c '.locals[] | .failure_alarms? // empty')"
  echo "$alarms"
  # shellcheck disable=SC2016 # Terraform expressions, not shell ones
  [ "$(jq -r '.[0]."azure-devops-refusals".metric' <<<"$alarms")" = '${local.metrics.azureDevOpsRefused}' ]
  [ "$(jq -r '.[0]."azure-devops-refusals".periods' <<<"$alarms")" = 3 ]
  # shellcheck disable=SC2016
  [ "$(jq -r '.[0]."hooks-not-held".metric' <<<"$alarms")" = '${local.metrics.hooksNotHeld}' ]
  [ "$(jq -r '.[0]."hooks-not-held".periods' <<<"$alarms")" = 1 ]
  resource="$(hcl alarms.tf | jq -c '.resource[] | .aws_cloudwatch_metric_alarm? // empty | .function_failures // empty')"
  # shellcheck disable=SC2016 # Terraform expressions, not shell ones
  [[ "$resource" == *'"evaluation_periods":["${each.value.periods}"]'*'"datapoints_to_alarm":["${each.value.periods}"]'* ]]
}

# plan_checks ARGS...: plans checks.tf on its own (it reads only variables and the queue's timeout
# from functions.json), with the module's required variables set.
plan_checks() {
  local dir jar timeout
  dir="$BATS_TEST_TMPDIR/checks"
  mkdir -p "$dir"
  cp "$MODULE/variables.tf" "$MODULE/checks.tf" "$dir/"
  timeout="$(jq -r '.functions[] | select(.source == "sqs") | .timeout' "$SPEC")"
  echo "locals { queue_function_timeout = $timeout }" >"$dir/functions.tf"
  jar="$dir/ado-ec2-lifecycle-function.jar"
  touch "$jar"
  (cd "$dir" && terraform init -input=false -no-color >/dev/null &&
    terraform plan -input=false -no-color -var "lambda_jar_path=$jar" -var azure_devops_organization_url=contoso \
      -var 'autoscaling_group_names=["web"]' -var lifecycle_hooks_enabled=true \
      -var 'registration_scopes={web={environments=["contoso/web/production"]}}' "$@") 2>&1 | tr -s ' \n' ' '
  return "${PIPESTATUS[0]}"
}

@test "the plan refuses a queue concurrency above the function's reserved concurrency" {
  unset TF_CLI_CONFIG_FILE
  run plan_checks
  [ "$status" -eq 0 ]
  run plan_checks -var queue_maximum_concurrency=6
  [ "$status" -ne 0 ]
  [[ "$output" == *"queue_maximum_concurrency (6) exceeds reserved_concurrency.lifecycle_queue (5)"* ]]
  run plan_checks -var queue_maximum_concurrency=6 -var 'reserved_concurrency={asg_notifications=5, lifecycle_queue=6, reconciler=1}'
  [ "$status" -eq 0 ]
}

@test "the plan refuses a drain limit that does not fit in the terminate hook's global timeout" {
  unset TF_CLI_CONFIG_FILE
  # 100 heartbeats of 600 s: a 60000 s hook, and the last look needs 30 s + 360 s more.
  run plan_checks -var terminate_hook_timeout_seconds=600 -var drain_limit_seconds=59610
  [ "$status" -eq 0 ]
  run plan_checks -var terminate_hook_timeout_seconds=600 -var drain_limit_seconds=59611
  [ "$status" -ne 0 ]
  [[ "$output" == *"drain_limit_seconds (59611) does not fit in the terminate hook's global timeout (60000 s"* ]]
  # Never more than 48 hours, whatever the heartbeat timeout.
  run plan_checks -var terminate_hook_timeout_seconds=7200 -var drain_limit_seconds=172800
  [ "$status" -ne 0 ]
  # Without hooks nothing holds an instance, so nothing has to fit.
  run plan_checks -var terminate_hook_timeout_seconds=600 -var drain_limit_seconds=172800 -var lifecycle_hooks_enabled=false
  [ "$status" -eq 0 ]
}

@test "a service-principal registration scope needs its app's client and tenant ids; a pat scope takes neither" {
  unset TF_CLI_CONFIG_FILE
  local app='environments=["contoso/web/production"], auth="service-principal"'
  run plan_checks -var "registration_scopes={web={$app, entra_tenant_id=\"contoso.onmicrosoft.com\", entra_client_id=\"66666666-7777-8888-9999-000000000000\"}}"
  [ "$status" -eq 0 ]
  run plan_checks -var "registration_scopes={web={$app, entra_tenant_id=\"contoso.onmicrosoft.com\"}}"
  [ "$status" -ne 0 ]
  [[ "$output" == *"A service-principal registration scope needs entra_client_id"* ]]
  run plan_checks -var "registration_scopes={web={$app, entra_tenant_id=\"t\", entra_client_id=\"not-a-guid\"}}"
  [ "$status" -ne 0 ]
  run plan_checks -var 'registration_scopes={web={environments=["contoso/web/production"], entra_client_id="66666666-7777-8888-9999-000000000000"}}'
  [ "$status" -ne 0 ]
  [[ "$output" == *"a pat scope takes neither"* ]]
  run plan_checks -var 'registration_scopes={web={environments=["contoso/web/production"], auth="oauth"}}'
  [ "$status" -ne 0 ]
  [[ "$output" == *"auth must be pat or service-principal"* ]]
}

@test "every kms statement of the functions and instances is bound by kms:ViaService; an instance's by its scope's parameters too" {
  local kms
  kms="$(hcl iam.tf | jq -c '[.data[] | .aws_iam_policy_document? // empty | to_entries[] | .key as $document
    | .value.statement[] | select((.actions | tostring) | test("kms:"))
    | {document: $document, sid: .sid[0], conditions: [(.condition // [])[] | {(.variable[0]): .values[0]}] | add}]')"
  echo "$kms" | jq .
  [ "$(jq '[.[] | select(.document == "function" or .document == "agent_registration")] | length' <<<"$kms")" -ge 3 ]
  [ -z "$(jq -r '.[] | select(.conditions["kms:ViaService"] == null) | .sid' <<<"$kms")" ]
  # shellcheck disable=SC2016 # a Terraform expression, not a shell one
  [ "$(jq -r '.[] | select(.document == "agent_registration") | .conditions["kms:EncryptionContext:PARAMETER_ARN"][0]' <<<"$kms")" = '${local.registration_parameter_arns[each.key]}' ]
}

@test "no role reads both kinds of PAT: the functions read theirs only, each scope's instances their scope's only" {
  local statements
  statements="$(hcl iam.tf | jq -c '[.data[] | .aws_iam_policy_document? // empty | to_entries[] | .key as $document
    | .value | ((.statement // []) + [(.dynamic // [])[] | .statement.content[]?]) | .[]
    | select(.actions | tostring | test("ssm:GetParameter")) | {document: $document, resources: .resources[0]}]')"
  echo "$statements" | jq .
  # The functions read their own credential: the PAT, or in service-principal mode the app's secret.
  # shellcheck disable=SC2016 # Terraform expressions, not shell ones
  [ "$(jq -r '[.[] | select(.document == "function") | .resources | tostring]
    | length == 1 and (.[0] | test("function_pat") and test("entra_client_credential") and (test("registration") | not))' \
    <<<"$statements")" = true ]
  # shellcheck disable=SC2016
  [ "$(jq -c '[.[] | select(.document == "agent_registration") | .resources]' <<<"$statements")" = '[["${local.registration_parameter_arns[each.key]}"]]' ]
  # A scope's instances read exactly one parameter under its own path, no wildcard: its PAT or its
  # registration app's client secret, the names the two parameters have.
  # shellcheck disable=SC2016
  hcl main.tf | jq -e '[.locals[] | .registration_parameter_arns? // empty] | tostring
    | test("parameter\\$\\{path\\}/") and test("azure-devops-pat") and test("entra-client-secret") and (test("\\*") | not)'
  # shellcheck disable=SC2016
  hcl ssm.tf | jq -e '[.resource[] | .aws_ssm_parameter?.registration_pat? // empty | .name[0]] == ["${local.registration_parameter_paths[each.key]}/azure-devops-pat"]'
  # shellcheck disable=SC2016
  hcl ssm.tf | jq -e '[.resource[] | .aws_ssm_parameter?.registration_client_secret? // empty | .name[0]] == ["${local.registration_parameter_paths[each.key]}/entra-client-secret"]'
}
