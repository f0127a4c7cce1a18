#!/usr/bin/env bats
# The tag contract's one table of test vectors (docs/tag-contract-vectors.json), run against the
# Linux userdata's apply_tag_contract (sourced, so no peer is needed); the function's
# TagContractVectorsTest runs the same table. Values travel base64-encoded, so line breaks and
# other control characters reach the function as they are.

setup() {
  ROOT="$(cd "$BATS_TEST_DIRNAME/../.." && pwd)"
  VECTORS="$ROOT/docs/tag-contract-vectors.json"
}

# A value is a string, or a list of parts (strings and {"repeat": s, "times": n}).
JQ_VALUE='def value: if type == "string" then . else map(if type == "string" then . else .repeat * .times end) | join("") end;'

# run_vector INDEX: applies the contract to the vector's tags in a subshell; prints the outcome.
run_vector() {
  local index="$1" key encoded
  # shellcheck source=agent-scripts/linux/register-agent.sh
  source "$ROOT/agent-scripts/linux/register-agent.sh"
  set +e
  while IFS=$'\t' read -r key encoded; do
    tags["$key"]="$(printf '%s' "$encoded" | base64 -d)"
  done < <(jq -r --argjson i "$index" "$JQ_VALUE"'.vectors[$i].tags | to_entries[] | "\(.key)\t\(.value | value | @base64)"' "$VECTORS")
  (
    apply_tag_contract i-0123456789abcdef0
    printf 'placed\n%s\n%s\n%s\n%s\n' "$(printf '%s' "$project" | base64 -w0)" "$(printf '%s' "$environment" | base64 -w0)" \
      "$(printf '%s' "$resource_tags" | base64 -w0)" "$(printf '%s' "$organization_tag" | base64 -w0)"
  )
}

@test "the Linux userdata follows every tag-contract vector" {
  local count index name outcome expected_tag lines
  count="$(jq '.vectors | length' "$VECTORS")"
  [ "$count" -gt 10 ]
  for ((index = 0; index < count; index++)); do
    name="$(jq -r --argjson i "$index" '.vectors[$i].name' "$VECTORS")"
    outcome="$(jq -r --argjson i "$index" '.vectors[$i].expect.outcome' "$VECTORS")"
    echo "vector $index: $name (expect $outcome)"
    run run_vector "$index"
    case "$outcome" in
      not-managed)
        [ "$status" -eq 5 ]
        [[ "$output" == *"lacks the AzDevOps-Project or AzDevOps-Environment tag"* ]]
        ;;
      refused)
        expected_tag="$(jq -r --argjson i "$index" '.vectors[$i].expect.tag' "$VECTORS")"
        echo "$output"
        [ "$status" -eq 5 ]
        [[ "$output" == *"ERROR: tag $expected_tag"* ]]
        ;;
      placed)
        [ "$status" -eq 0 ]
        mapfile -t lines <<<"$output"
        [ "${lines[0]}" = placed ]
        [ "${lines[1]}" = "$(jq -r --argjson i "$index" "$JQ_VALUE"'.vectors[$i].expect.project | value | @base64' "$VECTORS")" ]
        [ "${lines[2]}" = "$(jq -r --argjson i "$index" "$JQ_VALUE"'.vectors[$i].expect.environment | value | @base64' "$VECTORS")" ]
        # The agent receives the kept resource tags joined by commas.
        [ "${lines[3]}" = "$(jq -r --argjson i "$index" "$JQ_VALUE"'[.vectors[$i].expect.resourceTags[] | value] | join(",") | @base64' "$VECTORS")" ]
        [ "${lines[4]}" = "$(jq -r --argjson i "$index" "$JQ_VALUE"'.vectors[$i].expect.organization // "" | value | @base64' "$VECTORS")" ]
        ;;
      *) false ;;
    esac
  done
}
