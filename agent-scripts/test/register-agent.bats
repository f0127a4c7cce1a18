#!/usr/bin/env bats
# The Linux userdata (agent-scripts/linux/register-agent.sh) run as EC2 runs it, against a fake
# IMDSv2, moto's server for SSM (through the real AWS CLI), the Azure DevOps simulator, a fake agent
# package laid out as the real one (fixtures/fake-agent/PROVENANCE.md) whose config.sh makes the real
# agent's calls, and a fake systemctl that runs the agent service's listener.

load helpers

setup_file() {
  if ((EUID != 0)); then
    skip "the userdata runs as root (it creates the agent user and installs the service)"
  fi
  PAT="pat-$(python3 -c 'import secrets; print(secrets.token_hex(20))')"
  export PAT
  new_registration_app
  start_moto
  start_simulator
  printf '%s' "$PAT" | put_parameter "$REGISTRATION_PARAMETER"
  printf '%s' "$CLIENT_SECRET" | put_parameter "$CLIENT_SECRET_PARAMETER"
  printf '%s' "not-$CLIENT_SECRET" | put_parameter /ado-ec2-lifecycle/wrong-client-secret
  printf '%s' "placeholder: set with aws ssm put-parameter --overwrite" | put_parameter /ado-ec2-lifecycle/unset-pat
  printf '%s' "revoked-$PAT" | put_parameter /ado-ec2-lifecycle/revoked-pat
  build_fake_agent_package
}

teardown_file() {
  stop_started
}

setup() {
  new_work
}

teardown() {
  cleanup_work
}

@test "first boot: the package has no svc.sh until config.sh writes it; the agent turns online only when its service starts" {
  local instance
  instance="$(new_instance_id)"
  start_imds "$(imds_state "$instance" '{"AzDevOps-Project": "Platform", "AzDevOps-Environment": "production",
    "AzDevOps-Environment-ResourceTags": "web, linux,,Web , blue", "aws:autoscaling:groupName": "agents"}')"
  # The package is laid out as the real one: layoutroot files at its root, no svc.sh.
  [ "$(tar -tzf "$FAKE_PACKAGE" | grep -Ev '^\./bin/.|^\./$' | sort | tr '\n' ' ')" = "./bin/ ./config.sh ./env.sh ./license.html ./reauth.sh ./run-docker.sh ./run.sh " ]

  local calls_before
  calls_before="$(wc -l <"$BATS_FILE_TMPDIR/simulator.log")"
  run_userdata
  echo "$output"
  [ "$status" -eq 0 ]
  [[ "$output" == *"registered $instance in environment 'production'"* ]]

  run vm_resources "$instance"
  [ "$status" -eq 0 ]
  [ "$(jq -r '.count' <<<"$output")" = 1 ]
  [ "$(jq -r '.value[0].name' <<<"$output")" = "$instance" ]
  [ "$(jq -c '.value[0].tags' <<<"$output")" = '["web","linux","blue"]' ]

  # config.sh ran as the service user, not root, with the arguments of an unattended environment
  # registration, wrote svc.sh, and switched the agent to OAuth (no PAT kept).
  grep -qx "uid=$(id -u "$AGENT_USER_NAME")" "$WORK/agent/_diag/config.invocation"
  [ "$(id -u "$AGENT_USER_NAME")" -ne 0 ]
  grep -qx -- "arg=--agent" "$WORK/agent/_diag/config.invocation"
  grep -qx -- "arg=$instance" "$WORK/agent/_diag/config.invocation"
  grep -qx -- "arg=--replace" "$WORK/agent/_diag/config.invocation"
  grep -qx -- "arg=$ORG_URL" "$WORK/agent/_diag/config.invocation"
  [ -x "$WORK/agent/svc.sh" ]
  [ "$(jq -r '.scheme' "$WORK/agent/.credentials")" = "OAuth" ]
  [ "$(stat -c '%U %a' "$WORK/agent/.credentials_rsaparams")" = "$AGENT_USER_NAME 600" ]
  [ "$(stat -c %U "$WORK/agent/.agent")" = "$AGENT_USER_NAME" ]
  # svc.sh install (unit for the user, enabled, .service written) and start, by root.
  grep -q "^User=$AGENT_USER_NAME$" "$WORK"/systemd/units/vsts.agent.*.service
  [ "$(cat "$WORK/agent/.service")" = "$(basename "$WORK"/systemd/units/vsts.agent.*.service)" ]
  [ "$(cut -d' ' -f1 "$WORK/systemd/state/calls" | tr '\n' ' ')" = "daemon-reload enable start status " ]

  # The listener opened its session in the environment's pool: online. Stopped: offline.
  wait_for_status "$instance" online 20
  sleep 0.3
  # The agent's calls in its order: configuration with the PAT (connectionData, resource locations,
  # environment, resource, add, pool), the OAuth exchange and its test; then the service's listener
  # (token, locations, session). The test's own calls are the only other ones, all with the PAT.
  local calls
  calls="$(tail -n +"$((calls_before + 1))" "$BATS_FILE_TMPDIR/simulator.log" | awk '$1 == "call"')"
  [ "$(head -8 <<<"$calls" | awk '{print $3, $4}' | tr '\n' ',')" = "ConnectionData_Get 200,ResourceLocations_Options 200,Environments_List 200,Vmresource_List 200,Vmresource_Add 200,Pool_Get 200,OAuth_Token 200,ConnectionData_Get 200," ]
  [ "$(tail -n +9 <<<"$calls" | grep -v ' Simulator User ' | head -3 | awk '{print $3, $4}' | tr '\n' ',')" = "OAuth_Token 200,ResourceLocations_Options 200,Sessions_Create 200," ]
  agent_svc stop
  wait_for_status "$instance" offline 20
  agent_svc start
  wait_for_status "$instance" online 20

  # Every metadata read carried an IMDSv2 token.
  run grep -c -v -e ' token-ok$' -e ' token-issued$' "$WORK/imds/requests.log"
  [ "$output" = 0 ]
}

@test "the PAT appears in no process's arguments and in no file left behind" {
  local instance
  instance="$(new_instance_id)"
  start_imds "$(imds_state "$instance" '{"AzDevOps-Project": "Platform", "AzDevOps-Environment": "production"}')"

  start_sampler
  run_userdata
  stop_sampler
  echo "$output"
  [ "$status" -eq 0 ]

  # The sampler did see the agent's configuration running (so it looked at the right moment) ...
  grep -q "Agent.Listener configure --unattended --environment" "$WORK/ps.samples"
  # ... and the PAT in no argument list, no file under the agent folder or the temporary folder,
  # no log line, and not in the environment of the running agent service's processes.
  refute_found "$PAT" "$WORK/ps.samples"
  refute_found "$PAT" "$WORK"
  [[ "$output" != *"$PAT"* ]]
  wait_for_status "$instance" online 20
  local pid service_processes=0
  for pid in $(pgrep -u "$AGENT_USER_NAME"); do
    service_processes=$((service_processes + 1))
    refute_found "$PAT" "/proc/$pid/environ"
  done
  [ "$service_processes" -gt 0 ]
  # The temporary folder is left empty.
  [ -z "$(ls -A "$WORK/tmp")" ]
}

@test "a service principal registers with --auth SP: an Entra token bought with the client secret, then OAuth; the secret nowhere" {
  local instance calls_before
  instance="$(new_instance_id)"
  start_imds "$(imds_state "$instance" '{"AzDevOps-Project": "Platform", "AzDevOps-Environment": "production",
    "AzDevOps-Environment-ResourceTags": "sp"}')"
  calls_before="$(wc -l <"$BATS_FILE_TMPDIR/simulator.log")"

  start_sampler
  run_userdata_as_service_principal
  stop_sampler
  echo "$output"
  [ "$status" -eq 0 ]
  [[ "$output" == *"registered $instance in environment 'production'"* ]]
  run vm_resources "$instance"
  [ "$(jq -r '.count' <<<"$output")" = 1 ]
  [ "$(jq -c '.value[0].tags' <<<"$output")" = '["sp"]' ]

  # The agent's own options, the secret not among them; then its own OAuth key, as with a PAT.
  grep -qx -- "arg=SP" "$WORK/agent/_diag/config.invocation"
  grep -qx -- "arg=$CLIENT_ID" "$WORK/agent/_diag/config.invocation"
  grep -qx -- "arg=$TENANT_ID" "$WORK/agent/_diag/config.invocation"
  refute_found "--clientsecret" "$WORK/agent/_diag/config.invocation"
  [ "$(jq -r '.scheme' "$WORK/agent/.credentials")" = "OAuth" ]
  # Azure DevOps took every configuration call as the app (only the Entra stand-in's tokens say so),
  # and the service's listener runs on the agent's OAuth key.
  wait_for_status "$instance" online 20
  local calls
  calls="$(tail -n +"$((calls_before + 1))" "$BATS_FILE_TMPDIR/simulator.log" | awk '$1 == "call"')"
  [ "$(head -6 <<<"$calls" | grep -c ' 200 Registration App ')" = 6 ]
  [ "$(head -6 <<<"$calls" | awk '{print $3}' | tr '\n' ',')" = "ConnectionData_Get,ResourceLocations_Options,Environments_List,Vmresource_List,Vmresource_Add,Pool_Get," ]

  # The secret in no argument list (the sampler saw configuration run), file, log line, or the
  # running service's environment.
  grep -q "Agent.Listener configure --unattended --environment" "$WORK/ps.samples"
  refute_found "$CLIENT_SECRET" "$WORK/ps.samples"
  refute_found "$CLIENT_SECRET" "$WORK"
  [[ "$output" != *"$CLIENT_SECRET"* ]]
  local pid service_processes=0
  for pid in $(pgrep -u "$AGENT_USER_NAME"); do
    service_processes=$((service_processes + 1))
    refute_found "$CLIENT_SECRET" "/proc/$pid/environ"
  done
  [ "$service_processes" -gt 0 ]
}

@test "a client secret Entra refuses: exit 12 naming the app, nothing registered" {
  local instance
  instance="$(new_instance_id)"
  start_imds "$(imds_state "$instance" '{"AzDevOps-Project": "Platform", "AzDevOps-Environment": "production"}')"
  run_userdata_as_service_principal ADO_CLIENT_SECRET_PARAMETER=/ado-ec2-lifecycle/wrong-client-secret
  echo "$output"
  [ "$status" -eq 12 ]
  [[ "$output" == *"AADSTS7000215"* ]]
  [[ "$output" == *"ERROR: Entra refused app $CLIENT_ID"* ]]
  [[ "$output" != *"$CLIENT_SECRET"* ]]
  [ "$(vm_resources "$instance" | jq -r '.count')" = 0 ]
}

@test "service-principal settings missing or malformed: exit 2 naming the setting" {
  start_imds "$(imds_state "$(new_instance_id)" '{"AzDevOps-Project": "Platform", "AzDevOps-Environment": "production"}')"
  run_userdata_as_service_principal ADO_CLIENT_ID=not-a-guid
  [ "$status" -eq 2 ]
  [[ "$output" == *"ADO_CLIENT_ID 'not-a-guid' is not an application (client) id GUID"* ]]
  run_userdata_as_service_principal ADO_CLIENT_SECRET_PARAMETER=
  [ "$status" -eq 2 ]
  [[ "$output" == *"ADO_CLIENT_SECRET_PARAMETER is not set"* ]]
  # The agent-package API takes a PAT: a service principal's instances install a pinned version.
  run_userdata_as_service_principal AGENT_PACKAGE_URL=
  [ "$status" -eq 2 ]
  [[ "$output" == *"AGENT_VERSION is not set"* ]]
  run_userdata ADO_AUTH=oauth
  [ "$status" -eq 2 ]
  [[ "$output" == *"ADO_AUTH must be pat or service-principal"* ]]
}

@test "--replace takes over a VM resource of the same name and sets its tags anew" {
  local instance
  instance="$(new_instance_id)"
  start_imds "$(imds_state "$instance" '{"AzDevOps-Project": "Platform", "AzDevOps-Environment": "production",
    "AzDevOps-Environment-ResourceTags": "old"}')"
  run_userdata
  [ "$status" -eq 0 ]
  start_imds "$(imds_state "$instance" '{"AzDevOps-Project": "Platform", "AzDevOps-Environment": "production",
    "AzDevOps-Environment-ResourceTags": "new"}')"

  # Another instance's agent folder and systemd.
  run_userdata AGENT_HOME="$WORK/agent-again" FAKE_SYSTEMD_UNIT_DIR="$WORK/systemd-again/units" \
    FAKE_SYSTEMD_STATE_DIR="$WORK/systemd-again/state"
  echo "$output"
  [ "$status" -eq 0 ]

  run vm_resources "$instance"
  [ "$(jq -r '.count' <<<"$output")" = 1 ]
  [ "$(jq -c '.value[0].tags' <<<"$output")" = '["new"]' ]
}

@test "a reboot after success changes nothing" {
  local instance
  instance="$(new_instance_id)"
  start_imds "$(imds_state "$instance" '{"AzDevOps-Project": "Platform", "AzDevOps-Environment": "production"}')"
  run_userdata
  [ "$status" -eq 0 ]
  local imds_calls systemctl_calls resource
  imds_calls="$(wc -l <"$WORK/imds/requests.log")"
  systemctl_calls="$(wc -l <"$WORK/systemd/state/calls")"
  resource="$(vm_resources "$instance" | jq -c '.value[0] | {id, agent: .agent.id}')"

  run_userdata
  echo "$output"
  [ "$status" -eq 0 ]
  [[ "$output" == *"is already configured and its service installed; nothing to do"* ]]
  [ "$(wc -l <"$WORK/imds/requests.log")" = "$imds_calls" ]
  [ "$(wc -l <"$WORK/systemd/state/calls")" = "$systemctl_calls" ]
  [ "$(vm_resources "$instance" | jq -c '.value[0] | {id, agent: .agent.id}')" = "$resource" ]
}

@test "a boot after configuration succeeded but the service install failed installs the service, nothing else" {
  local instance
  instance="$(new_instance_id)"
  start_imds "$(imds_state "$instance" '{"AzDevOps-Project": "Platform", "AzDevOps-Environment": "production"}')"
  run_userdata FAKE_SYSTEMCTL_FAIL=enable
  echo "$output"
  [ "$status" -eq 10 ]
  [[ "$output" == *"ERROR: the agent service could not be installed or started"* ]]
  # Registered, but no listener: offline, and the half-made unit is left behind.
  [ "$(agent_status "$instance")" = offline ]
  [ ! -e "$WORK/agent/.service" ]
  local resource imds_calls
  resource="$(vm_resources "$instance" | jq -c '.value[0] | {id, agent: .agent.id}')"
  imds_calls="$(wc -l <"$WORK/imds/requests.log")"

  run_userdata
  echo "$output"
  [ "$status" -eq 0 ]
  [[ "$output" == *"is configured but its service is not installed"* ]]
  [ -f "$WORK/agent/.service" ]
  wait_for_status "$instance" online 20
  # The same resource and agent; no new registration, no metadata read, no PAT fetched.
  [ "$(vm_resources "$instance" | jq -c '.value[0] | {id, agent: .agent.id}')" = "$resource" ]
  [ "$(wc -l <"$WORK/imds/requests.log")" = "$imds_calls" ]
}

@test "an agent of the same name left in the pool (TaskAgentExistsException): exit 11 naming the cause" {
  start_imds "$(imds_state "$LEFT_IN_POOL" '{"AzDevOps-Project": "Platform", "AzDevOps-Environment": "production"}')"

  run_userdata
  echo "$output"
  [ "$status" -eq 11 ]
  [[ "$output" == *"ERROR: the environment's deployment pool already holds an agent named $LEFT_IN_POOL (TaskAgentExistsException"*"delete that agent from the pool"* ]]
  [ ! -e "$WORK/agent/.agent" ]
  [ ! -e "$WORK/systemd/state/calls" ]
}

@test "a PAT Azure DevOps refuses: exit 12, nothing registered" {
  local instance
  instance="$(new_instance_id)"
  start_imds "$(imds_state "$instance" '{"AzDevOps-Project": "Platform", "AzDevOps-Environment": "production"}')"

  run_userdata ADO_PAT_PARAMETER=/ado-ec2-lifecycle/revoked-pat
  echo "$output"
  [ "$status" -eq 12 ]
  [[ "$output" == *"ERROR: $ORG_URL refused the PAT"*"write a valid PAT to /ado-ec2-lifecycle/revoked-pat"* ]]
  [[ "$output" != *"revoked-$PAT"* ]]
  [ "$(vm_resources "$instance" | jq -r '.count')" = 0 ]
  [ ! -e "$WORK/agent/.agent" ]
}

@test "an AzDevOps-Organization tag may choose a configured organization and nothing else" {
  local instance
  instance="$(new_instance_id)"
  start_imds "$(imds_state "$instance" '{"AzDevOps-Project": "Platform", "AzDevOps-Environment": "production",
    "AzDevOps-Organization": "https://attacker.example/contoso"}')"

  run_userdata
  echo "$output"
  [ "$status" -eq 6 ]
  [[ "$output" == *"ERROR: tag AzDevOps-Organization 'https://attacker.example/contoso' is not one of the organizations this deployment allows"* ]]
  [ ! -e "$WORK/agent/_diag/config.invocation" ]
  [ "$(vm_resources "$instance" | jq -r '.count')" = 0 ]

  start_imds "$(imds_state "$instance" "$(jq -cn --arg org "$ORG_URL/" \
    '{"AzDevOps-Project": "Platform", "AzDevOps-Environment": "production", "AzDevOps-Organization": $org}')")"
  run_userdata ADO_ORGANIZATION_URL=other-org ADO_ORGANIZATIONS="fabrikam, $ORG_URL"
  echo "$output"
  [ "$status" -eq 0 ]
  [ "$(vm_resources "$instance" | jq -r '.count')" = 1 ]
}

@test "instance metadata tags switched off: exit 4 naming the launch template setting" {
  start_imds "$(jq -cn --arg id "$(new_instance_id)" '{"instance-id": $id, region: "eu-west-1"}')"

  run_userdata
  echo "$output"
  [ "$status" -eq 4 ]
  [[ "$output" == *"ERROR: instance tags are not in the instance metadata: set InstanceMetadataTags=enabled in the launch template (exit code 4)"* ]]
}

@test "no AzDevOps-Environment tag: exit 5, nothing registered" {
  local instance
  instance="$(new_instance_id)"
  start_imds "$(imds_state "$instance" '{"AzDevOps-Project": "Platform"}')"

  run_userdata
  echo "$output"
  [ "$status" -eq 5 ]
  [[ "$output" == *"ERROR: tag AzDevOps-Environment is missing or empty on instance $instance"* ]]
  [ ! -e "$WORK/agent" ]
}

@test "a PAT parameter that still holds Terraform's placeholder, or does not exist: exit 7" {
  start_imds "$(imds_state "$(new_instance_id)" '{"AzDevOps-Project": "Platform", "AzDevOps-Environment": "production"}')"

  run_userdata ADO_PAT_PARAMETER=/ado-ec2-lifecycle/unset-pat
  echo "$output"
  [ "$status" -eq 7 ]
  [[ "$output" == *"still holds Terraform's placeholder"* ]]

  run_userdata ADO_PAT_PARAMETER=/ado-ec2-lifecycle/no-such-parameter
  echo "$output"
  [ "$status" -eq 7 ]
  [[ "$output" == *"ERROR: SSM parameter /ado-ec2-lifecycle/no-such-parameter could not be read"* ]]
}

@test "the environment missing: config.sh fails, exit 9, no service installed" {
  start_imds "$(imds_state "$(new_instance_id)" '{"AzDevOps-Project": "Platform", "AzDevOps-Environment": "staging"}')"

  run_userdata
  echo "$output"
  [ "$status" -eq 9 ]
  [[ "$output" == *"Environment not found: 'staging'"* ]]
  [[ "$output" == *"ERROR: config.sh failed: environment 'staging' does not exist in project 'Platform'"* ]]
  [ ! -e "$WORK/agent/svc.sh" ]
  [ ! -e "$WORK/systemd/state/calls" ]
}

@test "an agent package whose SHA-256 differs from the expected one: exit 8, nothing configured" {
  start_imds "$(imds_state "$(new_instance_id)" '{"AzDevOps-Project": "Platform", "AzDevOps-Environment": "production"}')"

  run_userdata AGENT_PACKAGE_SHA256="$(printf '0%.0s' {1..64})"
  echo "$output"
  [ "$status" -eq 8 ]
  [[ "$output" == *"ERROR: agent package SHA-256 is "* ]]
  [ ! -e "$WORK/agent" ]
}

@test "without a pinned version the newest agent comes from the organization's agent-package API, checked against its hash" {
  FEED_PAT="$PAT" python3 "$FIXTURES/fake_package_feed.py" "$FAKE_PACKAGE" "$WORK/feed.port" &
  local feed_pid=$!
  wait_for "$WORK/feed.port" '^[0-9]+$' 20
  local feed
  feed="http://127.0.0.1:$(cat "$WORK/feed.port")/$ORG"

  # shellcheck disable=SC2016 # expanded by the inner bash
  run env TEST_PAT="$PAT" TMPDIR="$WORK/tmp" bash -c 'source "$1"; resolve_package "$2" "$TEST_PAT"
    echo "url=$package_url"; echo "sha256=$package_sha256"' _ "$LINUX_SCRIPT" "$feed"
  kill "$feed_pid"
  echo "$output"
  [ "$status" -eq 0 ]
  [[ "$output" == *"url=http://127.0.0.1:"*"/downloads/vsts-agent-linux-"*"-4.261.0.tar.gz"* ]]
  [[ "$output" == *"sha256=$(sha256sum "$FAKE_PACKAGE" | cut -d' ' -f1)"* ]]
}

@test "a pinned AGENT_VERSION downloads that version for this machine's platform" {
  # shellcheck disable=SC2016 # expanded by the inner bash
  run env AGENT_VERSION=4.261.0 bash -c 'source "$1"; resolve_package https://dev.azure.com/contoso unused
    echo "$package_url"' _ "$LINUX_SCRIPT"
  [ "$status" -eq 0 ]
  case "$(uname -m)" in
    x86_64) [ "$output" = "https://download.agent.dev.azure.com/agent/4.261.0/vsts-agent-linux-x64-4.261.0.tar.gz" ] ;;
    aarch64) [ "$output" = "https://download.agent.dev.azure.com/agent/4.261.0/vsts-agent-linux-arm64-4.261.0.tar.gz" ] ;;
  esac
}

@test "organization names and URLs take the canonical form the function uses" {
  # shellcheck disable=SC2016 # expanded by the inner bash
  run bash -c 'source "$1"
    for value in contoso " https://dev.azure.com/contoso/ " "HTTPS://Dev.Azure.com/contoso" http://127.0.0.1:8090/contoso \
      http://example.com/contoso "ftp://dev.azure.com/x" "https://user@dev.azure.com/x"; do
      canonical_organization "$value" && echo || echo "rejected: $value"
    done' _ "$LINUX_SCRIPT"
  [ "$status" -eq 0 ]
  [ "$output" = "https://dev.azure.com/contoso
https://dev.azure.com/contoso
https://dev.azure.com/contoso
http://127.0.0.1:8090/contoso
rejected: http://example.com/contoso
rejected: ftp://dev.azure.com/x
rejected: https://user@dev.azure.com/x" ]
}

@test "not root: exit 3 before touching anything" {
  # A copy nobody can read: a clone under a private folder (mktemp -d is 0700) is not readable by nobody.
  local script
  script="$(mktemp /tmp/register-agent.XXXXXX)"
  cp "$LINUX_SCRIPT" "$script"
  chmod 0644 "$script"
  run runuser -u nobody -- env ADO_PAT_PARAMETER=/x ADO_ORGANIZATION_URL=contoso bash "$script"
  rm -f "$script"
  [ "$status" -eq 3 ]
  [[ "$output" == *"ERROR: must run as root"* ]]
}

@test "each userdata fits EC2's 16 KB limit with the settings the Terraform example puts ahead of it" {
  local common pat_settings sp_settings prelude linux_size windows_size windows_script="$ROOT/agent-scripts/windows/register-agent.ps1"
  local scope
  scope="$(printf 's%.0s' {1..64})"
  common="$(printf "export ADO_ORGANIZATION_URL='https://dev.azure.com/a-long-organization-name'\nexport ADO_ORGANIZATIONS='%s'\nexport AGENT_VERSION='4.261.0'\n" "$(printf 'org%02d,' {1..20})")"
  pat_settings="export ADO_PAT_PARAMETER='/ado-ec2-lifecycle/registration/$scope/azure-devops-pat'"
  sp_settings="$(printf "export ADO_AUTH='service-principal'\nexport ADO_CLIENT_SECRET_PARAMETER='/ado-ec2-lifecycle/registration/%s/entra-client-secret'\nexport ADO_TENANT_ID='%s'\nexport ADO_CLIENT_ID='%s'\n" "$scope" "$(python3 -c 'import uuid; print(uuid.uuid4())')" "$(python3 -c 'import uuid; print(uuid.uuid4())')")"
  [ -s "$LINUX_SCRIPT" ] && [ -s "$windows_script" ]
  # Linux userdata goes gzip-compressed (cloud-init unpacks it); Windows userdata without its comment
  # lines and indentation (the example's windows_script), which alters nothing only while the script
  # has no here-strings or block comments.
  run grep -nE "@['\"][[:space:]]*\$|<#" "$windows_script"
  [ "$status" -eq 1 ]
  # A scope registers with a PAT or with a service principal, never both.
  for prelude in "$common$pat_settings" "$common$sp_settings"; do
    linux_size="$( { echo "#!/bin/bash"; echo "$prelude"; cat "$LINUX_SCRIPT"; } | gzip -9 | wc -c)"
    windows_size="$( { echo "<powershell>"; echo "$prelude"; sed -E '/^[[:blank:]]*#/d; s/^[[:blank:]]+//' "$windows_script"; echo "</powershell>"; } | wc -c)"
    echo "linux (gzip) $linux_size bytes, windows $windows_size bytes"
    [ "$linux_size" -lt 16384 ]
    [ "$windows_size" -lt 16384 ]
  done
}
