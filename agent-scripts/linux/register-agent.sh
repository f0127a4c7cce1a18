#!/usr/bin/env bash
# EC2 userdata: registers this instance as a VM resource of an Azure DevOps environment, named after
# its instance id and placed by its AzDevOps-* tags, and runs the Azure Pipelines agent as a service
# of a dedicated non-root user. Amazon Linux 2023 and Ubuntu, x64 and arm64; runs as root.
#
# Settings (environment variables; the Terraform example exports them ahead of this script):
#   ADO_PAT_PARAMETER     required  SSM SecureString parameter holding the registration PAT
#   ADO_ORGANIZATION_URL  required  organization (name or URL) for instances without an AzDevOps-Organization tag
#   ADO_ORGANIZATIONS     optional  further organizations (comma-separated) that the tag may choose
#   AGENT_VERSION         optional  agent version (4.261.0); empty: the newest, from the organization's agent-package API
#   AGENT_USER            optional  service account, created when missing (default azpagent)
#   AGENT_HOME            optional  agent folder (default /opt/azure-pipelines-agent)
# Locations, each overridable (the tests point them at local stand-ins):
#   IMDS_ENDPOINT (default http://169.254.169.254); AWS_ENDPOINT_URL (read by the AWS CLI itself);
#   AGENT_PACKAGE_URL (URL or path of the agent tarball: skips version resolution) with optional
#   AGENT_PACKAGE_SHA256; AGENT_DOWNLOAD_BASE_URL (default https://download.agent.dev.azure.com/agent).
#
# The order follows the agent's own (microsoft/azure-pipelines-agent at 42bde98): the package has no
# svc.sh; config.sh, run as the non-root service user, registers the VM resource and writes svc.sh from
# bin/systemd.svc.sh.template; then, as root, `svc.sh install <user>` (unit file, runsvc.sh, `.service`)
# and `svc.sh start`. The agent turns online only when the started service's listener opens its session.
# A re-run (reboot) reads the agent folder: `.agent` and `.service` both there: done; `.agent` without
# `.service`: configuration succeeded but the service install did not, so only the service is installed.
#
# The PAT goes from SSM (AWS CLI output) into a shell variable and from there only into the
# environment of config.sh (VSTS_AGENT_INPUT_TOKEN, which the agent reads and masks): never onto a
# command line, into a file or a log line. Never turn on xtrace here.
#
# Exit codes (each failure also logs one "ERROR" line saying what to fix):
readonly E_SETTINGS=2      # a setting is missing or malformed
readonly E_COMMAND=3       # a required command is missing, or not running as root
readonly E_METADATA=4      # instance metadata unreachable (IMDSv2, instance metadata tags)
readonly E_TAGS=5          # the AzDevOps-Project or AzDevOps-Environment tag is missing
readonly E_ORGANIZATION=6  # the AzDevOps-Organization tag names an organization not allowed here
readonly E_PAT=7           # the PAT could not be read from SSM
readonly E_PACKAGE=8       # the agent package could not be resolved, downloaded, verified or unpacked
readonly E_CONFIGURE=9     # config.sh failed (environment missing, ...)
readonly E_SERVICE=10      # the agent service could not be installed or started
readonly E_AGENT_EXISTS=11 # the environment's pool still holds an agent of this name (TaskAgentExistsException)
readonly E_PAT_REJECTED=12 # Azure DevOps refused the PAT

set -euo pipefail
set +x

readonly DEFAULT_DOWNLOAD_BASE_URL="https://download.agent.dev.azure.com/agent"
readonly TAG_PROJECT="AzDevOps-Project"
readonly TAG_ENVIRONMENT="AzDevOps-Environment"
readonly TAG_RESOURCE_TAGS="AzDevOps-Environment-ResourceTags"
readonly TAG_ORGANIZATION="AzDevOps-Organization"

log() {
  printf '%s register-agent: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2
}

fail() {
  local code="$1"
  shift
  log "ERROR: $* (exit code $code)"
  exit "$code"
}

# Values from tags end up in log lines: keep them on one printable line.
printable() {
  local value="${1//[^[:print:]]/?}"
  printf '%s' "${value:0:200}"
}

require_commands() {
  local missing=() command
  for command in "$@"; do
    command -v "$command" >/dev/null 2>&1 || missing+=("$command")
  done
  ((${#missing[@]} == 0)) || fail "$E_COMMAND" "missing command(s): ${missing[*]}"
}

# Ubuntu images ship without the AWS CLI; Amazon Linux has it.
ensure_aws_cli() {
  command -v aws >/dev/null 2>&1 && return 0
  log "installing the AWS CLI"
  if command -v snap >/dev/null 2>&1; then
    snap install aws-cli --classic >&2 || log "WARNING: snap install aws-cli failed"
    PATH="$PATH:/snap/bin"
  fi
  if ! command -v aws >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    { apt-get update -qq && apt-get install -y -qq awscli; } >&2 || log "WARNING: apt-get install awscli failed"
  fi
  command -v aws >/dev/null 2>&1 || fail "$E_COMMAND" "the AWS CLI is missing and could not be installed (snap or apt-get)"
}

imds_token=""
imds_value=""

imds_login() {
  imds_token="$(curl -fsS --retry 5 --retry-connrefused --retry-delay 1 --max-time 10 -X PUT \
    -H "X-aws-ec2-metadata-token-ttl-seconds: 900" "$IMDS_ENDPOINT/latest/api/token")" \
    || fail "$E_METADATA" "no IMDSv2 token from $IMDS_ENDPOINT (is the instance metadata service enabled?)"
}

# Sets imds_value to a metadata item; returns 1 when the item does not exist (404). The token
# header goes to curl through standard input, not on its command line.
imds_get() {
  local path="$1" answer status
  answer="$(printf 'X-aws-ec2-metadata-token: %s\n' "$imds_token" \
    | curl -sS --retry 5 --retry-connrefused --retry-delay 1 --max-time 10 -H @- \
      -w '\n%{http_code}' "$IMDS_ENDPOINT/latest/$path")" \
    || fail "$E_METADATA" "instance metadata $path could not be read from $IMDS_ENDPOINT"
  status="${answer##*$'\n'}"
  imds_value="${answer%$'\n'*}"
  case "$status" in
    200) return 0 ;;
    404) return 1 ;;
    *) fail "$E_METADATA" "instance metadata $path answered HTTP $status" ;;
  esac
}

declare -A tags=()
placement_project=""
placement_environment=""
placement_resource_tags=""
placement_organization=""
organization=""
pat=""
work=""
package_url=""
package_sha256=""

# The tag contract: which instance tags place the agent, and what each means. Everything the script
# knows about tag names is in read_tags and agent_placement.
read_tags() {
  imds_get meta-data/tags/instance \
    || fail "$E_METADATA" "instance tags are not in the instance metadata: set InstanceMetadataTags=enabled in the launch template"
  local keys="$imds_value" key
  while IFS= read -r key; do
    case "$key" in
      "$TAG_PROJECT" | "$TAG_ENVIRONMENT" | "$TAG_RESOURCE_TAGS" | "$TAG_ORGANIZATION")
        if imds_get "meta-data/tags/instance/$key"; then
          tags[$key]="$imds_value"
        fi
        ;;
    esac
  done <<<"$keys"
}

# Sets placement_*: project and environment (required), the VM resource's tags (comma-separated, may
# be empty) and the organization the instance asks for (may be empty: the deployment's default).
agent_placement() {
  local instance_id="$1"
  placement_project="${tags[$TAG_PROJECT]:-}"
  placement_environment="${tags[$TAG_ENVIRONMENT]:-}"
  placement_resource_tags="${tags[$TAG_RESOURCE_TAGS]:-}"
  placement_organization="${tags[$TAG_ORGANIZATION]:-}"
  [[ -n "$placement_project" && -n "$placement_environment" ]] \
    || fail "$E_TAGS" "instance $instance_id lacks the $TAG_PROJECT or $TAG_ENVIRONMENT tag: tag the Auto Scaling group (propagate at launch)"
}

# The canonical form the function uses too: a name means https://dev.azure.com/<name>; a URL keeps
# its path, loses trailing slashes, and has a lower-case scheme and host. Plain http only on loopback.
canonical_organization() {
  local value="$1" url_pattern='^([A-Za-z]+)://([^/?#@[:space:]]+)(/[^?#[:space:]]*)?$' scheme host path hostname
  value="${value#"${value%%[![:space:]]*}"}"
  value="${value%"${value##*[![:space:]]}"}"
  if [[ "$value" =~ ^[A-Za-z0-9][A-Za-z0-9-]{0,49}$ ]]; then
    printf 'https://dev.azure.com/%s' "$value"
    return 0
  fi
  [[ "$value" =~ $url_pattern ]] || return 1
  scheme="${BASH_REMATCH[1],,}"
  host="${BASH_REMATCH[2],,}"
  path="${BASH_REMATCH[3]:-}"
  while [[ "$path" == */ ]]; do path="${path%/}"; done
  if [[ "$host" == \[* ]]; then hostname="${host%%]*}]"; else hostname="${host%%:*}"; fi
  if [[ "$scheme" != "https" ]] && ! [[ "$scheme" == "http" && "$hostname" =~ ^(127\.0\.0\.1|localhost|\[::1\])$ ]]; then
    return 1
  fi
  printf '%s://%s%s' "$scheme" "$host" "$path"
}

# Sets organization. A tag can only choose among the configured organizations, so no tag can send
# the PAT elsewhere.
choose_organization() {
  local requested="$1" candidate wanted
  local -a allowed=() extra=()
  allowed+=("$(canonical_organization "$ADO_ORGANIZATION_URL")") \
    || fail "$E_SETTINGS" "ADO_ORGANIZATION_URL '$(printable "$ADO_ORGANIZATION_URL")' is neither an organization name nor an https URL"
  organization="${allowed[0]}"
  [[ -n "$requested" ]] || return 0
  IFS=',' read -r -a extra <<<"${ADO_ORGANIZATIONS:-}"
  for candidate in "${extra[@]}"; do
    [[ -n "${candidate//[[:space:]]/}" ]] || continue
    allowed+=("$(canonical_organization "$candidate")") \
      || fail "$E_SETTINGS" "ADO_ORGANIZATIONS holds '$(printable "$candidate")', neither an organization name nor an https URL"
  done
  wanted="$(canonical_organization "$requested")" \
    || fail "$E_ORGANIZATION" "tag $TAG_ORGANIZATION '$(printable "$requested")' is neither an organization name nor an https URL"
  for candidate in "${allowed[@]}"; do
    if [[ "${candidate,,}" == "${wanted,,}" ]]; then
      organization="$candidate"
      return 0
    fi
  done
  fail "$E_ORGANIZATION" "tag $TAG_ORGANIZATION '$(printable "$requested")' is not one of the organizations this deployment allows (ADO_ORGANIZATION_URL, ADO_ORGANIZATIONS)"
}

# Sets pat.
read_pat() {
  local region="$1"
  pat="$(aws ssm get-parameter --region "$region" --name "$ADO_PAT_PARAMETER" --with-decryption \
    --query Parameter.Value --output text)" \
    || fail "$E_PAT" "SSM parameter $ADO_PAT_PARAMETER could not be read (the instance role needs ssm:GetParameter on it and kms:Decrypt on its key)"
  [[ -n "$pat" && "$pat" != "None" ]] || fail "$E_PAT" "SSM parameter $ADO_PAT_PARAMETER is empty"
  [[ "$pat" != placeholder:* ]] \
    || fail "$E_PAT" "SSM parameter $ADO_PAT_PARAMETER still holds Terraform's placeholder: write the PAT (docs/deployment.md)"
}

agent_platform() {
  case "$(uname -m)" in
    x86_64 | amd64) printf 'linux-x64' ;;
    aarch64 | arm64) printf 'linux-arm64' ;;
    *) fail "$E_PACKAGE" "no Azure Pipelines agent for machine type $(uname -m)" ;;
  esac
}

# Sets package_url and package_sha256: the given package, the pinned version, or the newest one the
# organization offers (its agent-package API; the PAT goes to curl through standard input).
resolve_package() {
  local organization="$1" pat="$2" platform answer
  package_sha256="${AGENT_PACKAGE_SHA256:-}"
  if [[ -n "${AGENT_PACKAGE_URL:-}" ]]; then
    package_url="$AGENT_PACKAGE_URL"
    return 0
  fi
  platform="$(agent_platform)"
  if [[ -n "${AGENT_VERSION:-}" ]]; then
    [[ "$AGENT_VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "$E_SETTINGS" "AGENT_VERSION '$(printable "$AGENT_VERSION")' is not MAJOR.MINOR.PATCH"
    package_url="${AGENT_DOWNLOAD_BASE_URL:-$DEFAULT_DOWNLOAD_BASE_URL}/$AGENT_VERSION/vsts-agent-$platform-$AGENT_VERSION.tar.gz"
    return 0
  fi
  answer="$(printf 'header = "Authorization: Basic %s"\n' "$(printf ':%s' "$pat" | base64 -w0)" \
    | curl -fsS --retry 3 --retry-connrefused --max-time 30 -K - \
      "$organization/_apis/distributedtask/packages/agent?platform=$platform&top=1")" \
    || fail "$E_PACKAGE" "the agent-package API of $organization did not answer (set AGENT_VERSION to skip it; the PAT needs Agent Pools: Read for it)"
  package_url="$(python3 -c 'import json, sys
packages = json.load(sys.stdin).get("value") or [{}]
print(packages[0].get("downloadUrl") or "")' <<<"$answer")" || package_url=""
  [[ -n "$package_url" ]] || fail "$E_PACKAGE" "the agent-package API of $organization offered no $platform package"
  if [[ -z "$package_sha256" ]]; then
    package_sha256="$(python3 -c 'import json, re, sys
value = (json.load(sys.stdin).get("value") or [{}])[0].get("hashValue") or ""
print(value if re.fullmatch("[0-9A-Fa-f]{64}", value) else "")' <<<"$answer")"
  fi
}

download_package() {
  local target="$1" actual
  log "downloading the agent from $package_url"
  if [[ "$package_url" == /* ]]; then
    cp "$package_url" "$target" || fail "$E_PACKAGE" "agent package $package_url could not be read"
  else
    curl -fsSL --retry 5 --retry-connrefused --max-time 600 -o "$target" "$package_url" \
      || fail "$E_PACKAGE" "agent package $package_url could not be downloaded"
  fi
  if [[ -n "$package_sha256" ]]; then
    actual="$(sha256sum "$target" | cut -d' ' -f1)"
    [[ "${actual,,}" == "${package_sha256,,}" ]] \
      || fail "$E_PACKAGE" "agent package SHA-256 is $actual, expected $package_sha256"
  fi
}

ensure_agent_user() {
  if id -u "$AGENT_USER" >/dev/null 2>&1; then
    return 0
  fi
  log "creating service user $AGENT_USER"
  useradd --system --user-group --home-dir "$AGENT_HOME" --no-create-home --shell /sbin/nologin "$AGENT_USER" \
    || fail "$E_COMMAND" "service user $AGENT_USER could not be created"
}

install_package() {
  local archive="$1" group
  group="$(id -gn "$AGENT_USER")"
  mkdir -p "$AGENT_HOME"
  tar -xzf "$archive" -C "$AGENT_HOME" || fail "$E_PACKAGE" "agent package could not be unpacked into $AGENT_HOME"
  # The package's root is the agent's layoutroot (config.sh, env.sh, run.sh, ...) plus bin/; svc.sh is
  # not in it: config.sh writes it from bin/systemd.svc.sh.template.
  [[ -x "$AGENT_HOME/config.sh" && -x "$AGENT_HOME/bin/Agent.Listener" && -f "$AGENT_HOME/bin/systemd.svc.sh.template" ]] \
    || fail "$E_PACKAGE" "agent package lacks config.sh, bin/Agent.Listener or bin/systemd.svc.sh.template: not an Azure Pipelines agent for Linux"
  # .NET needs ICU; the package's own installer covers Ubuntu and the Red Hat family, and config.sh
  # checks the result, so a failure here is only a warning.
  if command -v dnf >/dev/null 2>&1; then
    dnf install -y libicu >&2 || log "WARNING: dnf install libicu failed"
  fi
  if [[ -x "$AGENT_HOME/bin/installdependencies.sh" ]]; then
    (cd "$AGENT_HOME" && ./bin/installdependencies.sh >&2) || log "WARNING: bin/installdependencies.sh failed; config.sh will report what is missing"
  fi
  chown -R "$AGENT_USER:$group" "$AGENT_HOME"
}

configure_agent() {
  local organization="$1" project="$2" environment="$3" agent="$4" resource_tags="$5" pat="$6"
  local args=(--unattended --environment --url "$organization" --projectname "$project"
    --environmentname "$environment" --agent "$agent" --replace --auth pat --work _work)
  if [[ -n "${resource_tags//[[:space:],]/}" ]]; then
    args+=(--addvirtualmachineresourcetags --virtualmachineresourcetags "$resource_tags")
  fi
  log "configuring agent $agent for environment '$(printable "$environment")' of project '$(printable "$project")' in $organization"
  # The agent reads VSTS_AGENT_INPUT_TOKEN, masks it in its output and removes it from its environment.
  if (
    export VSTS_AGENT_INPUT_TOKEN="$pat"
    cd "$AGENT_HOME"
    runuser -u "$AGENT_USER" -- ./config.sh "${args[@]}" 2>&1 | tee "$work/config.log" >&2
  ); then
    require_oauth_credentials
    return 0
  fi
  if grep -q "already contains an agent with name" "$work/config.log"; then
    fail "$E_AGENT_EXISTS" "the environment's deployment pool already holds an agent named $agent (TaskAgentExistsException; left behind when its VM resource was deleted in the web UI, microsoft/azure-pipelines-agent issues 5174 and 5299): delete that agent from the pool, then relaunch the instance"
  elif grep -Eq "VS30063|not authorized|HTTP 401" "$work/config.log"; then
    fail "$E_PAT_REJECTED" "$organization refused the PAT (expired, revoked, or made for another organization): write a valid PAT to $ADO_PAT_PARAMETER"
  elif grep -q "Environment not found" "$work/config.log"; then
    fail "$E_CONFIGURE" "config.sh failed: environment '$(printable "$environment")' does not exist in project '$(printable "$project")', or the PAT cannot see it"
  fi
  fail "$E_CONFIGURE" "config.sh failed (output above): check that the environment exists and the PAT has Environment: Read & manage"
}

# The agent keeps the PAT in .credentials (scheme PAT) when the server offers no OAuth for it
# (ConfigurationManager.UpdateCredentialData): refuse to leave the PAT on disk.
require_oauth_credentials() {
  local scheme
  scheme="$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1])).get("scheme", ""))' \
    "$AGENT_HOME/.credentials" 2>/dev/null)" || scheme=""
  if [[ "$scheme" != "OAuth" ]]; then
    rm -f "$AGENT_HOME/.credentials"
    fail "$E_CONFIGURE" "the agent did not switch to OAuth (credential scheme '$(printable "$scheme")'); its credential file was deleted so that no PAT stays on disk"
  fi
}

# svc.sh exists only once config.sh has written it; install (as root, for the service user) writes
# the unit, runsvc.sh and .service; start starts the listener.
install_service() {
  [[ -x "$AGENT_HOME/svc.sh" ]] \
    || fail "$E_SERVICE" "config.sh wrote no svc.sh in $AGENT_HOME: run './config.sh remove' as $AGENT_USER and reboot to configure again"
  (cd "$AGENT_HOME" && ./svc.sh install "$AGENT_USER" >&2 && ./svc.sh start >&2) \
    || fail "$E_SERVICE" "the agent service could not be installed or started (output above)"
}

# A boot after config.sh succeeded and the service install did not: a half-made unit blocks
# `svc.sh install` ("error: exists"), so uninstall what is there first (it fails harmlessly when
# nothing is), then install and start.
repair_service() {
  log "the agent in $AGENT_HOME is configured but its service is not installed (an earlier boot failed after config.sh): installing it"
  (cd "$AGENT_HOME" && ./svc.sh uninstall >&2) || log "svc.sh uninstall found nothing to remove"
  install_service
  log "installed and started the agent service as $AGENT_USER"
}

main() {
  IMDS_ENDPOINT="${IMDS_ENDPOINT:-http://169.254.169.254}"
  AGENT_USER="${AGENT_USER:-azpagent}"
  AGENT_HOME="${AGENT_HOME:-/opt/azure-pipelines-agent}"
  [[ -n "${ADO_PAT_PARAMETER:-}" ]] || fail "$E_SETTINGS" "ADO_PAT_PARAMETER is not set"
  [[ -n "${ADO_ORGANIZATION_URL:-}" ]] || fail "$E_SETTINGS" "ADO_ORGANIZATION_URL is not set"
  ((EUID == 0)) || fail "$E_COMMAND" "must run as root (EC2 userdata does)"
  require_commands curl tar base64 sha256sum python3 runuser useradd
  ensure_aws_cli

  if [[ -f "$AGENT_HOME/.agent" && -f "$AGENT_HOME/.service" ]]; then
    log "the agent in $AGENT_HOME is already configured and its service installed; nothing to do"
    return 0
  fi
  if [[ -f "$AGENT_HOME/.agent" ]]; then
    repair_service
    return 0
  fi

  imds_login
  imds_get meta-data/instance-id || fail "$E_METADATA" "no instance id in the instance metadata"
  local instance_id="$imds_value"
  imds_get meta-data/placement/region || fail "$E_METADATA" "no region in the instance metadata"
  local region="$imds_value"
  read_tags
  agent_placement "$instance_id"
  local project="$placement_project" environment="$placement_environment"
  choose_organization "$placement_organization"
  log "instance $instance_id in $region: project '$(printable "$project")', environment '$(printable "$environment")', organization $organization"

  read_pat "$region"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  resolve_package "$organization" "$pat"
  download_package "$work/agent.tar.gz"
  ensure_agent_user
  install_package "$work/agent.tar.gz"
  configure_agent "$organization" "$project" "$environment" "$instance_id" "$placement_resource_tags" "$pat"
  unset -v pat
  install_service
  log "registered $instance_id in environment '$(printable "$environment")' and started the agent service as $AGENT_USER"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  main "$@"
fi
