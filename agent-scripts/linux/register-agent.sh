#!/usr/bin/env bash
# EC2 userdata: registers this instance as a VM resource of an Azure DevOps environment, named after
# its instance id and placed by its AzDevOps-* tags, and runs the Azure Pipelines agent as a service
# of a dedicated non-root user. Amazon Linux 2023 and Ubuntu, x64 and arm64; runs as root.
#
# Settings (environment variables; the Terraform example exports them ahead of this script):
#   ADO_AUTH              optional  pat (default) or service-principal: what the agent registers with
#   ADO_PAT_PARAMETER     pat       SSM SecureString parameter holding the registration PAT
#   ADO_CLIENT_SECRET_PARAMETER  service-principal  SSM SecureString parameter holding the Entra app's client secret
#   ADO_TENANT_ID, ADO_CLIENT_ID service-principal  the app's tenant and client (application) id
#   AZURE_AUTHORITY_HOST  optional  Entra authority for another cloud (read by the agent; default the public cloud's)
#   ADO_ORGANIZATION_URL  required  organization (name or URL) for instances without an AzDevOps-Organization tag
#   ADO_ORGANIZATIONS     optional  further organizations (comma-separated) that the tag may choose
#   AGENT_VERSION         optional  agent version (4.261.0); empty: the newest, from the organization's agent-package API
#                                   (PAT only: required with service-principal, unless AGENT_PACKAGE_URL is given)
#   AGENT_USER            optional  service account, created when missing (default azpagent)
#   AGENT_HOME            optional  agent folder (default /opt/azure-pipelines-agent)
#   IMDS_LOCKDOWN         optional  on (default): after registration only root may reach the instance
#                                   metadata service, now and after every reboot; off: jobs keep the
#                                   instance role (and with it the registration PAT): docs/deployment.md
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
# The PAT or client secret goes from SSM (AWS CLI output) into a shell variable and from there only
# into the environment of config.sh (VSTS_AGENT_INPUT_TOKEN or VSTS_AGENT_INPUT_CLIENTSECRET, which
# the agent reads, masks and removes from its environment: CommandSettings, Constants.Agent.CommandLine
# at 42bde98): never onto a command line, into a file or a log line. Never turn on xtrace here.
# With --auth SP the agent takes an Entra token with the secret (ServicePrincipalCredential) and
# registers with it; afterwards it runs on its own OAuth key, as with a PAT.
#
# Exit codes (each failure also logs one "ERROR" line saying what to fix):
readonly E_SETTINGS=2      # a setting is missing or malformed
readonly E_COMMAND=3       # a required command is missing, or not running as root
readonly E_METADATA=4      # instance metadata unreachable (IMDSv2, instance metadata tags)
readonly E_TAGS=5          # the AzDevOps-Project or AzDevOps-Environment tag is missing, or the tag contract refuses a value
readonly E_ORGANIZATION=6  # the AzDevOps-Organization tag names an organization not allowed here
readonly E_PAT=7           # the PAT or client secret could not be read from SSM
readonly E_PACKAGE=8       # the agent package could not be resolved, downloaded, verified or unpacked
readonly E_CONFIGURE=9     # config.sh failed (environment missing, ...)
readonly E_SERVICE=10      # the agent service could not be installed or started
readonly E_AGENT_EXISTS=11 # the environment's pool still holds an agent of this name (TaskAgentExistsException)
readonly E_PAT_REJECTED=12 # Azure DevOps refused the PAT, or Entra or Azure DevOps the service principal
readonly E_LOCKDOWN=13     # the instance metadata service could not be closed to non-root users

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
project=""
environment=""
resource_tags=""
organization_tag=""
organization=""
auth=""
secret_parameter=""
secret=""
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

# The tag contract (docs/tag-contract.md), which the function follows too: both refuse the same
# instances (docs/tag-contract-vectors.json checks it), so no VM resource is registered that the
# function would not know. Works on bytes (LC_ALL=C) whatever the locale cloud-init runs in.
tag_value_problem() {
  local LC_ALL=C value="$1" code_points beyond_bmp
  case "$value" in
    *[[:cntrl:]]* | *$'\xc2'[$'\x80'-$'\x9f']*)
      echo "holds control characters"
      return
      ;;
    # U+00A0, U+1680, U+2000-200A, U+2028, U+2029, U+202F, U+205F, U+3000.
    *$'\xc2\xa0'* | *$'\xe1\x9a\x80'* | *$'\xe2\x80'[$'\x80'-$'\x8a'$'\xa8'$'\xa9'$'\xaf']* | *$'\xe2\x81\x9f'* | *$'\xe3\x80\x80'*)
      echo "holds a whitespace character other than a plain space"
      return
      ;;
  esac
  # Azure DevOps counts UTF-16 units: one per character, two beyond U+FFFF (4-byte UTF-8).
  code_points="${value//[$'\x80'-$'\xbf']/}"
  beyond_bmp="${value//[^$'\xf0'-$'\xf7']/}"
  if ((${#code_points} + ${#beyond_bmp} > 256)); then
    echo "is $((${#code_points} + ${#beyond_bmp})) characters long; the limit is 256"
  fi
}

# trim_spaces VALUE: without the plain spaces around it.
trim_spaces() {
  local value="$1"
  value="${value#"${value%%[! ]*}"}"
  printf '%s' "${value%"${value##*[! ]}"}"
}

# Sets project, environment, resource_tags (comma-separated, trimmed, blanks and duplicates ignoring
# the case of A-Z dropped) and organization_tag from tags[], or exits naming the tag at fault.
apply_tag_contract() {
  local instance_id="$1" key value problem tag lower
  local -A seen=()
  local -a kept=() parts=()
  if [[ -z "${tags[$TAG_PROJECT]+set}" && -z "${tags[$TAG_ENVIRONMENT]+set}" ]]; then
    fail "$E_TAGS" "instance $instance_id lacks the $TAG_PROJECT or $TAG_ENVIRONMENT tag: tag the Auto Scaling group (propagate at launch)"
  fi
  for key in "$TAG_PROJECT" "$TAG_ENVIRONMENT" "$TAG_ORGANIZATION"; do
    value="$(trim_spaces "${tags[$key]:-}")"
    problem="$(tag_value_problem "$value")"
    [[ -z "$problem" ]] || fail "$E_TAGS" "tag $key value '$(printable "$value")' $problem"
    case "$key" in
      "$TAG_PROJECT") project="$value" ;;
      "$TAG_ENVIRONMENT") environment="$value" ;;
      *) organization_tag="$value" ;;
    esac
  done
  [[ -n "$project" ]] || fail "$E_TAGS" "tag $TAG_PROJECT is missing or empty on instance $instance_id"
  [[ -n "$environment" ]] || fail "$E_TAGS" "tag $TAG_ENVIRONMENT is missing or empty on instance $instance_id"
  IFS=',' read -r -d '' -a parts < <(printf '%s' "${tags[$TAG_RESOURCE_TAGS]:-}") || true
  for tag in "${parts[@]}"; do
    tag="$(trim_spaces "$tag")"
    problem="$(tag_value_problem "$tag")"
    [[ -z "$problem" ]] || fail "$E_TAGS" "tag $TAG_RESOURCE_TAGS value '$(printable "$tag")' $problem"
    [[ -n "$tag" ]] || continue
    lower="$(LC_ALL=C && printf '%s' "${tag,,}")"
    [[ -z "${seen[k$lower]+set}" ]] || continue
    seen[k$lower]=1
    kept+=("$tag")
  done
  resource_tags="$(IFS=, && printf '%s' "${kept[*]}")"
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

# Sets secret: the registration PAT or client secret.
read_secret() {
  local region="$1"
  secret="$(aws ssm get-parameter --region "$region" --name "$secret_parameter" --with-decryption \
    --query Parameter.Value --output text)" \
    || fail "$E_PAT" "SSM parameter $secret_parameter could not be read (the instance role needs ssm:GetParameter on it and kms:Decrypt on its key)"
  [[ -n "$secret" && "$secret" != "None" ]] || fail "$E_PAT" "SSM parameter $secret_parameter is empty"
  [[ "$secret" != placeholder:* ]] \
    || fail "$E_PAT" "SSM parameter $secret_parameter still holds Terraform's placeholder: write the $(credential_name) (docs/deployment.md)"
}

credential_name() {
  if [[ "$auth" == pat ]]; then printf 'PAT'; else printf 'client secret'; fi
}

# Sets auth and secret_parameter from ADO_AUTH and its settings.
read_auth_settings() {
  auth="${ADO_AUTH:-pat}"
  case "$auth" in
    pat)
      [[ -n "${ADO_PAT_PARAMETER:-}" ]] || fail "$E_SETTINGS" "ADO_PAT_PARAMETER is not set"
      secret_parameter="$ADO_PAT_PARAMETER"
      ;;
    service-principal)
      [[ -n "${ADO_CLIENT_SECRET_PARAMETER:-}" ]] || fail "$E_SETTINGS" "ADO_CLIENT_SECRET_PARAMETER is not set (ADO_AUTH=service-principal)"
      [[ "${ADO_CLIENT_ID:-}" =~ ^[0-9A-Fa-f]{8}-([0-9A-Fa-f]{4}-){3}[0-9A-Fa-f]{12}$ ]] \
        || fail "$E_SETTINGS" "ADO_CLIENT_ID '$(printable "${ADO_CLIENT_ID:-}")' is not an application (client) id GUID"
      [[ "${ADO_TENANT_ID:-}" =~ ^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$ ]] \
        || fail "$E_SETTINGS" "ADO_TENANT_ID '$(printable "${ADO_TENANT_ID:-}")' is neither a tenant id nor a tenant domain"
      # The agent-package API takes a PAT; a service principal's instances install a pinned version.
      [[ -n "${AGENT_VERSION:-}${AGENT_PACKAGE_URL:-}" ]] \
        || fail "$E_SETTINGS" "AGENT_VERSION is not set: ADO_AUTH=service-principal installs a pinned agent version"
      secret_parameter="$ADO_CLIENT_SECRET_PARAMETER"
      ;;
    *) fail "$E_SETTINGS" "ADO_AUTH must be pat or service-principal, not '$(printable "$auth")'" ;;
  esac
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
  local organization="$1" project="$2" environment="$3" agent="$4" resource_tags="$5" secret="$6"
  local args=(--unattended --environment --url "$organization" --projectname "$project"
    --environmentname "$environment" --agent "$agent" --replace --work _work)
  # The secret's variable: the agent reads the argument NAME from VSTS_AGENT_INPUT_<NAME>.
  local secret_variable=VSTS_AGENT_INPUT_TOKEN
  if [[ "$auth" == pat ]]; then
    args+=(--auth pat)
  else
    args+=(--auth SP --clientid "$ADO_CLIENT_ID" --tenantid "$ADO_TENANT_ID")
    secret_variable=VSTS_AGENT_INPUT_CLIENTSECRET
  fi
  if [[ -n "${resource_tags//[[:space:],]/}" ]]; then
    args+=(--addvirtualmachineresourcetags --virtualmachineresourcetags "$resource_tags")
  fi
  log "configuring agent $agent for environment '$(printable "$environment")' of project '$(printable "$project")' in $organization"
  # The agent reads the variable, masks its value in its output and removes it from its environment.
  if (
    export "$secret_variable=$secret"
    cd "$AGENT_HOME"
    runuser -u "$AGENT_USER" -- ./config.sh "${args[@]}" 2>&1 | tee "$work/config.log" >&2
  ); then
    require_oauth_credentials
    return 0
  fi
  if grep -q "already contains an agent with name" "$work/config.log"; then
    fail "$E_AGENT_EXISTS" "the environment's deployment pool already holds an agent named $agent (TaskAgentExistsException; left behind when its VM resource was deleted in the web UI, microsoft/azure-pipelines-agent issues 5174 and 5299): delete that agent from the pool ($organization/_settings/deploymentpools), then relaunch the instance"
  elif [[ "$auth" != pat ]] && grep -Eq "AADSTS|ClientSecretCredential authentication failed" "$work/config.log"; then
    fail "$E_PAT_REJECTED" "Entra refused app $ADO_CLIENT_ID of tenant $(printable "$ADO_TENANT_ID") (output above: a wrong or expired client secret, client id or tenant): write a valid client secret to $secret_parameter"
  elif grep -Eq "VS30063|not authorized|HTTP 401" "$work/config.log"; then
    if [[ "$auth" == pat ]]; then
      fail "$E_PAT_REJECTED" "$organization refused the PAT (expired, revoked, or made for another organization): write a valid PAT to $secret_parameter"
    fi
    fail "$E_PAT_REJECTED" "$organization refused service principal $ADO_CLIENT_ID: add it to the organization with an access level, and as Administrator of the environment (docs/deployment.md)"
  elif grep -q "Environment not found" "$work/config.log"; then
    fail "$E_CONFIGURE" "config.sh failed: environment '$(printable "$environment")' does not exist in project '$(printable "$project")', or the $(credential_name)'s identity cannot see it"
  fi
  fail "$E_CONFIGURE" "config.sh failed (output above): check that the environment exists and the $(credential_name)'s identity may manage it"
}

readonly IMDS_LOCKDOWN_UNIT="ado-ec2-lifecycle-imds-lockdown.service"

# nftables ships with Ubuntu; Amazon Linux 2023 installs it from its repository.
ensure_nft() {
  [[ "$IMDS_LOCKDOWN" == "off" ]] && return 0
  command -v nft >/dev/null 2>&1 && return 0
  log "installing nftables"
  if command -v dnf >/dev/null 2>&1; then
    dnf install -y nftables >&2 || log "WARNING: dnf install nftables failed"
  elif command -v apt-get >/dev/null 2>&1; then
    apt-get install -y -qq nftables >&2 || log "WARNING: apt-get install nftables failed"
  fi
  command -v nft >/dev/null 2>&1 || fail "$E_COMMAND" "nft is missing and could not be installed (needed for IMDS_LOCKDOWN=on)"
}

# After registration only root (the SSM and CloudWatch agents, this script) may reach the instance
# metadata service: a job, running as the agent's user, could otherwise take the instance role's
# credentials and read the registration PAT. AWS's documented way is an owner-match firewall rule
# ("Limit access to the instance metadata service", EC2 user guide: iptables -m owner ! --uid-owner
# root -d 169.254.169.254 -j REJECT); this is its nftables form, for both IMDS addresses, plus
# forwarded traffic (containers on a bridge). A unit restores it at every boot before
# network-pre.target, and so before the agent's service, whose unit starts After=network.target
# (vsts.agent.service.template, microsoft/azure-pipelines-agent e541e71). Runs before that service
# first starts.
lock_down_instance_metadata() {
  [[ "$IMDS_LOCKDOWN" == "off" ]] && {
    log "WARNING: IMDS_LOCKDOWN=off: every job on this instance can use the instance role"
    return 0
  }
  local rules="${IMDS_LOCKDOWN_RULES:-/etc/ado-ec2-lifecycle/imds-lockdown.nft}"
  local units="${SYSTEMD_UNIT_DIR:-/etc/systemd/system}" nft group
  (($(id -u "$AGENT_USER") != 0)) || fail "$E_LOCKDOWN" "agent user $AGENT_USER is root: the lockdown would not hold"
  for group in $(id -nG "$AGENT_USER"); do
    case "$group" in
      root | sudo | wheel | admin | docker) fail "$E_LOCKDOWN" "agent user $AGENT_USER is in group $group, which can act as root: the lockdown would not hold" ;;
    esac
  done
  nft="$(command -v nft)" || fail "$E_LOCKDOWN" "nft is missing"
  mkdir -p "$(dirname "$rules")" "$units"
  cat >"$rules" <<'RULES'
# Written by register-agent.sh (ado-ec2-lifecycle): only root may reach the instance metadata service.
table inet ado_ec2_lifecycle_imds
delete table inet ado_ec2_lifecycle_imds
table inet ado_ec2_lifecycle_imds {
  chain output {
    type filter hook output priority 0; policy accept;
    ip daddr 169.254.169.254 meta skuid != 0 counter reject
    ip6 daddr fd00:ec2::254 meta skuid != 0 counter reject
  }
  chain forward {
    type filter hook forward priority 0; policy accept;
    ip daddr 169.254.169.254 counter reject
    ip6 daddr fd00:ec2::254 counter reject
  }
}
RULES
  chmod 0600 "$rules"
  cat >"$units/$IMDS_LOCKDOWN_UNIT" <<UNIT
[Unit]
Description=Only root may reach the EC2 instance metadata service (ado-ec2-lifecycle)
DefaultDependencies=no
Wants=network-pre.target
Before=network-pre.target shutdown.target
Conflicts=shutdown.target

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=$nft -f $rules

[Install]
WantedBy=sysinit.target
UNIT
  "$nft" -f "$rules" || fail "$E_LOCKDOWN" "the firewall rule closing the instance metadata service could not be loaded"
  # The tests write the unit elsewhere (SYSTEMD_UNIT_DIR) and run its ExecStart themselves.
  if [[ -d /run/systemd/system && -z "${SYSTEMD_UNIT_DIR:-}" ]]; then
    { systemctl daemon-reload && systemctl enable "$IMDS_LOCKDOWN_UNIT"; } >&2 \
      || fail "$E_LOCKDOWN" "$IMDS_LOCKDOWN_UNIT could not be enabled: the rule would not survive a reboot"
  fi
  log "the instance metadata service now answers root only ($IMDS_LOCKDOWN_UNIT restores that at boot)"
}

# The agent keeps its registration credential in .credentials (scheme PAT, or SP with the client
# secret) when the server offers no OAuth for it (ConfigurationManager.UpdateCredentialData): refuse
# to leave that secret on disk.
require_oauth_credentials() {
  local scheme
  scheme="$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1])).get("scheme", ""))' \
    "$AGENT_HOME/.credentials" 2>/dev/null)" || scheme=""
  if [[ "$scheme" != "OAuth" ]]; then
    rm -f "$AGENT_HOME/.credentials"
    fail "$E_CONFIGURE" "the agent did not switch to OAuth (credential scheme '$(printable "$scheme")'); its credential file was deleted so that no $(credential_name) stays on disk"
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
  lock_down_instance_metadata
  install_service
  log "installed and started the agent service as $AGENT_USER"
}

main() {
  IMDS_ENDPOINT="${IMDS_ENDPOINT:-http://169.254.169.254}"
  AGENT_USER="${AGENT_USER:-azpagent}"
  AGENT_HOME="${AGENT_HOME:-/opt/azure-pipelines-agent}"
  IMDS_LOCKDOWN="${IMDS_LOCKDOWN:-on}"
  [[ "$IMDS_LOCKDOWN" == "on" || "$IMDS_LOCKDOWN" == "off" ]] || fail "$E_SETTINGS" "IMDS_LOCKDOWN must be on or off"
  read_auth_settings
  [[ -n "${ADO_ORGANIZATION_URL:-}" ]] || fail "$E_SETTINGS" "ADO_ORGANIZATION_URL is not set"
  ((EUID == 0)) || fail "$E_COMMAND" "must run as root (EC2 userdata does)"
  require_commands curl tar base64 sha256sum python3 runuser useradd
  ensure_aws_cli
  ensure_nft

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
  apply_tag_contract "$instance_id"
  choose_organization "$organization_tag"
  log "instance $instance_id in $region: project '$(printable "$project")', environment '$(printable "$environment")', organization $organization"

  read_secret "$region"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  resolve_package "$organization" "$secret"
  download_package "$work/agent.tar.gz"
  ensure_agent_user
  install_package "$work/agent.tar.gz"
  configure_agent "$organization" "$project" "$environment" "$instance_id" "$resource_tags" "$secret"
  unset -v secret
  lock_down_instance_metadata
  install_service
  log "registered $instance_id in environment '$(printable "$environment")' and started the agent service as $AGENT_USER"
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  main "$@"
fi
