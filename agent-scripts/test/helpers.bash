# Shared by the agent-script tests: the local stand-ins (fake IMDSv2, moto's server, the Azure
# DevOps simulator, a fake agent package) and what the tests ask of them.
# shellcheck shell=bash

ROOT="$(cd "$BATS_TEST_DIRNAME/../.." && pwd)"
FIXTURES="$BATS_TEST_DIRNAME/fixtures"
LINUX_SCRIPT="$ROOT/agent-scripts/linux/register-agent.sh"
VENV_BIN="$ROOT/.tools/venv/bin"
FAKE_SYSTEMD_BIN="$FIXTURES/fake-systemd"

ORG="contoso"
PROJECT="Platform"
ENVIRONMENT="production"
REGISTRATION_PARAMETER="/ado-ec2-lifecycle/registration/production/azure-devops-pat"
CLIENT_SECRET_PARAMETER="/ado-ec2-lifecycle/registration/production/entra-client-secret"
# A pool agent with no VM resource, as deleting the resource in the web UI leaves it.
LEFT_IN_POOL="i-0feedfacecafe0001"

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_for FILE PATTERN SECONDS: until FILE holds a line matching PATTERN.
wait_for() {
  local file="$1" pattern="$2" deadline=$((SECONDS + $3))
  until grep -Eq -- "$pattern" "$file" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      echo "gave up waiting for '$pattern' in $file:" >&2
      cat "$file" >&2 || true
      return 1
    fi
    sleep 0.1
  done
}

start_moto() {
  local port
  port="$(free_port)"
  "$VENV_BIN/moto_server" -H 127.0.0.1 -p "$port" >"$BATS_FILE_TMPDIR/moto.log" 2>&1 &
  echo "$!" >"$BATS_FILE_TMPDIR/moto.pid"
  export AWS_ENDPOINT_URL="http://127.0.0.1:$port"
  export AWS_ACCESS_KEY_ID="testing" AWS_SECRET_ACCESS_KEY="testing" AWS_DEFAULT_REGION="eu-west-1"
  local deadline=$((SECONDS + 60))
  until curl -fsS -o /dev/null "$AWS_ENDPOINT_URL/moto-api/"; do
    ((SECONDS < deadline)) || { cat "$BATS_FILE_TMPDIR/moto.log" >&2; return 1; }
    sleep 0.2
  done
}

# Starts the simulator with the test PAT and, beside it, the Entra stand-in for the registration app
# (the PAT and the client secret from the environment: its command line stays secret-free); sets
# ORG_URL and ENTRA_AUTHORITY.
start_simulator() {
  SIMULATOR_PAT="$PAT" SIMULATOR_ENTRA_CLIENT_SECRET="$CLIENT_SECRET" "$ROOT/bin/ado-ec2-lifecycle" simulator \
    --port 0 --org "$ORG" --project "$PROJECT" --environment "$ENVIRONMENT" --left-in-pool "$LEFT_IN_POOL" \
    --entra-tenant "$TENANT_ID" --entra-client-id "$CLIENT_ID" >"$BATS_FILE_TMPDIR/simulator.log" 2>&1 &
  echo "$!" >"$BATS_FILE_TMPDIR/simulator.pid"
  # The first run builds the CLI jar.
  wait_for "$BATS_FILE_TMPDIR/simulator.log" "^Azure DevOps simulator serving http://" 600
  ORG_URL="$(grep -Eo 'simulator serving http://127\.0\.0\.1:[0-9]+/[A-Za-z0-9-]+' "$BATS_FILE_TMPDIR/simulator.log" \
    | head -1 | cut -d' ' -f3)"
  ENTRA_AUTHORITY="$(grep -Eo 'Entra stand-in serving http://127\.0\.0\.1:[0-9]+' "$BATS_FILE_TMPDIR/simulator.log" \
    | head -1 | cut -d' ' -f4)"
  export ORG_URL ENTRA_AUTHORITY
}

# The registration app (a service principal of the organization) and its client secret.
new_registration_app() {
  TENANT_ID="$(python3 -c 'import uuid; print(uuid.uuid4())')"
  CLIENT_ID="$(python3 -c 'import uuid; print(uuid.uuid4())')"
  CLIENT_SECRET="sp~$(python3 -c 'import secrets; print(secrets.token_urlsafe(30))')"
  export TENANT_ID CLIENT_ID CLIENT_SECRET
}

stop_started() {
  local name pid
  for name in moto simulator; do
    if [[ -f "$BATS_FILE_TMPDIR/$name.pid" ]]; then
      pid="$(cat "$BATS_FILE_TMPDIR/$name.pid")"
      kill "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
    fi
  done
}

# put_parameter NAME: the value comes from standard input, as docs/deployment.md writes the PAT.
put_parameter() {
  "$VENV_BIN/aws" ssm put-parameter --name "$1" --type SecureString --overwrite --value file:///dev/stdin >/dev/null
}

build_fake_agent_package() {
  export FAKE_PACKAGE="$BATS_FILE_TMPDIR/vsts-agent-fake.tar.gz"
  tar -czf "$FAKE_PACKAGE" --exclude=./PROVENANCE.md -C "$FIXTURES/fake-agent" .
}

new_instance_id() {
  printf 'i-0%s' "$(python3 -c 'import secrets; print(secrets.token_hex(8))')"
}

# start_imds STATE_JSON: a fake IMDSv2 serving this instance (in place of one started before);
# sets IMDS_ENDPOINT.
start_imds() {
  local dir="$WORK/imds"
  if [[ -f "$dir/pid" ]]; then
    kill "$(cat "$dir/pid")" 2>/dev/null || true
  fi
  mkdir -p "$dir"
  rm -f "$dir/port"
  printf '%s' "$1" >"$dir/state.json"
  python3 "$FIXTURES/fake_imds.py" "$dir/state.json" "$dir/port" &
  echo "$!" >"$dir/pid"
  local deadline=$((SECONDS + 20))
  until [[ -f "$dir/port" ]]; do
    ((SECONDS < deadline)) || return 1
    sleep 0.05
  done
  IMDS_ENDPOINT="http://127.0.0.1:$(cat "$dir/port")"
  export IMDS_ENDPOINT
}

# imds_state INSTANCE_ID TAGS_JSON
imds_state() {
  jq -cn --arg id "$1" --argjson tags "$2" '{"instance-id": $id, region: "eu-west-1", tags: $tags}'
}

# A fresh work folder, readable by the agent user, and a user name no one has.
new_work() {
  WORK="$(mktemp -d /tmp/agent-script-test.XXXXXX)"
  chmod 755 "$WORK"
  mkdir -p "$WORK/tmp" "$WORK/home" "$WORK/systemd/units" "$WORK/systemd/state" "$WORK/systemd-again/units"
  AGENT_USER_NAME="adoagt$$t${BATS_TEST_NUMBER}"
  export WORK AGENT_USER_NAME
}

# Stops the agent services the fake systemctl started (as `systemctl stop` would at shutdown).
stop_services() {
  local pid_file pid
  for pid_file in "$WORK"/systemd*/state/*.pid; do
    [[ -f "$pid_file" ]] || continue
    pid="$(cat "$pid_file")"
    pkill -TERM -P "$pid" 2>/dev/null || true
    for _ in $(seq 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$pid_file"
  done
}

cleanup_work() {
  stop_services
  if [[ -f "$WORK/imds/pid" ]]; then
    kill "$(cat "$WORK/imds/pid")" 2>/dev/null || true
  fi
  if [[ -f "$WORK/sampler.pid" ]]; then
    kill "$(cat "$WORK/sampler.pid")" 2>/dev/null || true
  fi
  if id -u "$AGENT_USER_NAME" >/dev/null 2>&1; then
    # userdel refuses a user whose processes still run: the service's last ones may be exiting.
    local deadline=$((SECONDS + 10))
    while pgrep -u "$AGENT_USER_NAME" >/dev/null && ((SECONDS < deadline)); do
      pkill -TERM -u "$AGENT_USER_NAME" 2>/dev/null || true
      sleep 0.2
    done
    userdel "$AGENT_USER_NAME" 2>/dev/null || echo "could not remove test user $AGENT_USER_NAME" >&2
  fi
  rm -rf "$WORK"
}

# Samples every process's arguments until stop_sampler.
start_sampler() {
  (
    while :; do
      ps -eo pid=,args= >>"$WORK/ps.samples"
      sleep 0.05
    done
  ) &
  echo "$!" >"$WORK/sampler.pid"
}

stop_sampler() {
  kill "$(cat "$WORK/sampler.pid")" 2>/dev/null || true
  rm -f "$WORK/sampler.pid"
}

# run_userdata [VAR=value ...]: runs the Linux userdata as EC2 would (root, fresh environment),
# pointed at the stand-ins, with its home and temporary folders inside the work folder. Its IMDS
# lockdown stays off here, in this machine's own network; imds-lockdown.bats tests it in a namespace.
run_userdata() {
  run env -i PATH="$FAKE_SYSTEMD_BIN:$VENV_BIN:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    FAKE_SYSTEMD_UNIT_DIR="$WORK/systemd/units" FAKE_SYSTEMD_STATE_DIR="$WORK/systemd/state" \
    HOME="$WORK/home" TMPDIR="$WORK/tmp" LANG=C.UTF-8 \
    IMDS_ENDPOINT="$IMDS_ENDPOINT" AWS_ENDPOINT_URL="$AWS_ENDPOINT_URL" \
    AWS_ACCESS_KEY_ID="$AWS_ACCESS_KEY_ID" AWS_SECRET_ACCESS_KEY="$AWS_SECRET_ACCESS_KEY" \
    ADO_PAT_PARAMETER="$REGISTRATION_PARAMETER" ADO_ORGANIZATION_URL="$ORG_URL" \
    AGENT_PACKAGE_URL="$FAKE_PACKAGE" AGENT_USER="$AGENT_USER_NAME" AGENT_HOME="$WORK/agent" \
    IMDS_LOCKDOWN=off "$@" bash "$LINUX_SCRIPT"
}

# run_userdata_as_service_principal [VAR=value ...]: the same, registering with the registration app.
run_userdata_as_service_principal() {
  run_userdata ADO_PAT_PARAMETER= ADO_AUTH=service-principal ADO_CLIENT_SECRET_PARAMETER="$CLIENT_SECRET_PARAMETER" \
    ADO_TENANT_ID="$TENANT_ID" ADO_CLIENT_ID="$CLIENT_ID" AZURE_AUTHORITY_HOST="$ENTRA_AUTHORITY" "$@"
}

# ado_get PATH_AND_QUERY: GET against the simulator with the PAT (through curl's standard input).
ado_get() {
  printf 'header = "Authorization: Basic %s"\n' "$(printf ':%s' "$PAT" | base64 -w0)" \
    | curl -fsS -K - -H 'Accept: application/json;api-version=7.2-preview.1' "$ORG_URL/$1"
}

environment_id() {
  ado_get "$PROJECT/_apis/pipelines/environments?name=$ENVIRONMENT" | jq -r '.value[0].id'
}

# vm_resources NAME: the environment's VM resources of that name, as the REST API lists them.
vm_resources() {
  ado_get "$PROJECT/_apis/pipelines/environments/$(environment_id)/providers/virtualmachines?name=$1"
}

# refute_found TEXT PATH...: fails (showing where) when any of the files, or any file under the
# folders, holds TEXT. (Bats does not fail a test on a negated command, hence a function.)
refute_found() {
  local text="$1"
  shift
  if grep -rnF -- "$text" "$@"; then
    echo "found where it must not be: $*" >&2
    return 1
  fi
}

# agent_svc COMMAND [DIR]: the agent's svc.sh as root, with the fake systemd.
agent_svc() {
  (cd "${2:-$WORK/agent}" && PATH="$FAKE_SYSTEMD_BIN:$PATH" FAKE_SYSTEMD_UNIT_DIR="$WORK/systemd/units" \
    FAKE_SYSTEMD_STATE_DIR="$WORK/systemd/state" ./svc.sh "$1")
}

# agent_status NAME: online or offline, as the environment's pool reports the agent.
agent_status() {
  local pool
  pool="$(ado_get "$PROJECT/_apis/pipelines/environments/$(environment_id)/providers/virtualmachines/pool" | jq -r '.id')"
  ado_get "_apis/distributedtask/pools/$pool/agents?agentName=$1" | jq -r '.value[0].status // "absent"'
}

# wait_for_status NAME STATUS SECONDS
wait_for_status() {
  local deadline=$((SECONDS + $3)) status
  until status="$(agent_status "$1")" && [[ "$status" == "$2" ]]; do
    if ((SECONDS >= deadline)); then
      echo "agent $1 is $status, not $2, after $3 s; agent service output:" >&2
      cat "$WORK"/systemd*/state/*.log >&2 2>/dev/null || true
      return 1
    fi
    sleep 0.2
  done
}
