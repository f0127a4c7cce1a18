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
  local count index expected
  count="$(jq '.vectors | length' "$VECTORS")"
  [ "$count" -gt 10 ]
  for ((index = 0; index < count; index++)); do
    # What the vector expects, in the form run_vector prints: the outcome, then base64 values.
    expected="$(jq -r --argjson i "$index" "$JQ_VALUE"'.vectors[$i] | "vector \($i): \(.name)",
      (.expect | if .outcome == "placed" then "placed", (.project | value | @base64), (.environment | value | @base64),
        ([.resourceTags[] | value] | join(",") | @base64), (.organization // "" | value | @base64)
      elif .outcome == "refused" then "refused", .tag else .outcome end)' "$VECTORS")"
    echo "${expected%%$'\n'*}"
    run run_vector "$index"
    echo "$output"
    case "$(sed -n 2p <<<"$expected")" in
      not-managed)
        [ "$status" -eq 5 ]
        [[ "$output" == *"lacks the AzDevOps-Project or AzDevOps-Environment tag"* ]]
        ;;
      refused)
        [ "$status" -eq 5 ]
        [[ "$output" == *"ERROR: tag $(sed -n 3p <<<"$expected")"* ]]
        ;;
      placed)
        [ "$status" -eq 0 ]
        # The agent receives the kept resource tags joined by commas.
        [ "$output" = "$(sed -n '2,$p' <<<"$expected")" ]
        ;;
      *) false ;;
    esac
  done
}
