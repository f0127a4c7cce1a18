#!/usr/bin/env bats
# The Linux userdata's lockdown of the instance metadata service (lock_down_instance_metadata in
# agent-scripts/linux/register-agent.sh), in network namespaces of the test's own: an "instance"
# namespace joined by a veth pair to a "metadata" namespace where the fake IMDSv2 listens at
# 169.254.169.254:80, as EC2's does. Nothing touches this machine's own network.

load helpers

setup_file() {
  if ((EUID != 0)); then
    skip "network namespaces and firewall rules need root"
  fi
  command -v nft >/dev/null || { echo "nft is missing: tools/install-deploy-tools.sh installs nftables" >&2; return 1; }
  export INSTANCE_NS="adoimds-$$-instance" METADATA_NS="adoimds-$$-metadata"
  ip netns add "$INSTANCE_NS"
  ip netns add "$METADATA_NS"
  ip link add "adoimds$$i" netns "$INSTANCE_NS" type veth peer name "adoimds$$m" netns "$METADATA_NS"
  ip -n "$INSTANCE_NS" address add 169.254.0.2/16 dev "adoimds$$i"
  ip -n "$METADATA_NS" address add 169.254.169.254/16 dev "adoimds$$m"
  local ns
  for ns in "$INSTANCE_NS" "$METADATA_NS"; do
    ip -n "$ns" link set lo up
  done
  ip -n "$INSTANCE_NS" link set "adoimds$$i" up
  ip -n "$METADATA_NS" link set "adoimds$$m" up

  local dir="$BATS_FILE_TMPDIR/imds"
  mkdir -p "$dir"
  printf '{"instance-id": "i-0123456789abcdef0", "region": "eu-west-1"}' >"$dir/state.json"
  ip netns exec "$METADATA_NS" python3 "$FIXTURES/fake_imds.py" "$dir/state.json" "$dir/port" 169.254.169.254 80 \
    >"$dir/imds.log" 2>&1 &
  echo "$!" >"$BATS_FILE_TMPDIR/imds.pid"
  local deadline=$((SECONDS + 20))
  until [[ -f "$dir/port" ]]; do
    ((SECONDS < deadline)) || { cat "$dir/imds.log" >&2; return 1; }
    sleep 0.1
  done
}

teardown_file() {
  if [[ -f "$BATS_FILE_TMPDIR/imds.pid" ]]; then
    kill "$(cat "$BATS_FILE_TMPDIR/imds.pid")" 2>/dev/null || true
  fi
  ip netns del "${INSTANCE_NS:-}" 2>/dev/null || true
  ip netns del "${METADATA_NS:-}" 2>/dev/null || true
}

setup() {
  ip netns exec "$INSTANCE_NS" nft flush ruleset
  UNITS="$BATS_TEST_TMPDIR/systemd"
  RULES="$BATS_TEST_TMPDIR/etc/imds-lockdown.nft"
}

# token_as USER: asks the metadata service for an IMDSv2 token from the instance namespace as USER
# (root, or the agent's user), the way the userdata does; prints the token.
token_as() {
  local user="$1"
  local -a as=()
  [[ "$user" == root ]] || as=(setpriv --reuid="$user" --regid="$(id -g "$user")" --clear-groups)
  ip netns exec "$INSTANCE_NS" "${as[@]}" curl -fsS --max-time 5 -X PUT \
    -H "X-aws-ec2-metadata-token-ttl-seconds: 60" http://169.254.169.254/latest/api/token
}

# lock_down [VAR=value ...]: the userdata's lockdown step, run as root in the instance namespace.
lock_down() {
  # shellcheck disable=SC2016 # expanded by the inner bash
  run ip netns exec "$INSTANCE_NS" env -i PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    IMDS_LOCKDOWN=on AGENT_USER=nobody SYSTEMD_UNIT_DIR="$UNITS" IMDS_LOCKDOWN_RULES="$RULES" "$@" \
    bash -c 'source "$1" && lock_down_instance_metadata' lockdown "$LINUX_SCRIPT"
}

# boot_restore: what systemd runs at boot, the unit's own ExecStart, in the instance namespace.
boot_restore() {
  local exec_start
  exec_start="$(sed -n 's/^ExecStart=//p' "$UNITS/ado-ec2-lifecycle-imds-lockdown.service")"
  [ -n "$exec_start" ]
  # shellcheck disable=SC2086 # the unit's command line, split as systemd splits it
  ip netns exec "$INSTANCE_NS" $exec_start
}

@test "before the lockdown both root and the agent's user get a token (the namespaces work)" {
  run token_as root
  [ "$status" -eq 0 ]
  [ -n "$output" ]
  run token_as nobody
  [ "$status" -eq 0 ]
  [ -n "$output" ]
}

@test "after the lockdown the agent's user is refused and root is answered" {
  lock_down
  echo "$output"
  [ "$status" -eq 0 ]
  [[ "$output" == *"answers root only"* ]]

  run token_as nobody
  echo "$output"
  # curl's 7: the connection was refused (the rule's reject), not a timeout.
  [ "$status" -eq 7 ]
  run token_as root
  [ "$status" -eq 0 ]
  [ -n "$output" ]
}

@test "the rule is back after a simulated reboot: the firewall flushed, then the unit's restore" {
  lock_down
  [ "$status" -eq 0 ]
  ip netns exec "$INSTANCE_NS" nft flush ruleset
  run token_as nobody
  [ "$status" -eq 0 ]

  boot_restore
  run token_as nobody
  [ "$status" -eq 7 ]
  run token_as root
  [ "$status" -eq 0 ]
}

@test "the restore unit runs before the network comes up, so before the agent's service, at every boot" {
  lock_down
  [ "$status" -eq 0 ]
  local unit="$UNITS/ado-ec2-lifecycle-imds-lockdown.service"
  grep -qx 'Before=network-pre.target shutdown.target' "$unit"
  grep -qx 'Wants=network-pre.target' "$unit"
  grep -qx 'DefaultDependencies=no' "$unit"
  grep -qx 'WantedBy=sysinit.target' "$unit"
  grep -qx "ExecStart=$(command -v nft) -f $RULES" "$unit"
  [ "$(stat -c %a "$RULES")" = 600 ]
}

@test "running the lockdown again (or the restore after it) leaves one rule set, not two" {
  lock_down
  [ "$status" -eq 0 ]
  lock_down
  [ "$status" -eq 0 ]
  boot_restore
  [ "$(ip netns exec "$INSTANCE_NS" nft list tables | grep -c ado_ec2_lifecycle_imds)" = 1 ]
  [ "$(ip netns exec "$INSTANCE_NS" nft list table inet ado_ec2_lifecycle_imds | grep -c 'reject')" = 4 ]
}

@test "an agent user that is root stops the userdata instead of a lockdown that would not hold" {
  lock_down AGENT_USER=root
  echo "$output"
  [ "$status" -eq 13 ]
  [[ "$output" == *"agent user root is root"* ]]
  run ip netns exec "$INSTANCE_NS" nft list tables
  [ -z "$output" ]
}

@test "an agent user in group sudo stops the userdata: with sudo, a job could lift the rule" {
  local user="adoimds$$s"
  useradd --system --no-create-home --shell /sbin/nologin --groups sudo "$user"
  lock_down AGENT_USER="$user"
  userdel "$user"
  echo "$output"
  [ "$status" -eq 13 ]
  [[ "$output" == *"agent user $user is in group sudo"* ]]
  run ip netns exec "$INSTANCE_NS" nft list tables
  [ -z "$output" ]
}

@test "IMDS_LOCKDOWN=off leaves the metadata service open and says so" {
  lock_down IMDS_LOCKDOWN=off
  [ "$status" -eq 0 ]
  [[ "$output" == *"IMDS_LOCKDOWN=off"* ]]
  run token_as nobody
  [ "$status" -eq 0 ]
}
