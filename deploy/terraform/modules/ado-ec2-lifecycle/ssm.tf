# The PATs live only in these SecureString parameters. Terraform creates them with a placeholder and
# never manages the value, so no PAT passes through a plan, the state or a variable: the operator
# writes it once with `aws ssm put-parameter --overwrite` (docs/deployment.md).
resource "aws_ssm_parameter" "function_pat" {
  count = local.entra_enabled ? 0 : 1

  name        = "/${var.name}/azure-devops-pat"
  description = "Azure DevOps PAT of the ${var.name} functions (Environment: Read & manage; Agent Pools: Read & manage)"
  type        = "SecureString"
  key_id      = aws_kms_key.this.arn
  value       = "placeholder: set with aws ssm put-parameter --overwrite"
  tags        = local.tags

  lifecycle {
    ignore_changes = [value]
  }
}

moved {
  from = aws_ssm_parameter.function_pat
  to   = aws_ssm_parameter.function_pat[0]
}

# One registration PAT per registration scope, for the instances' userdata, apart from the
# functions' PAT: a compromised instance never holds the PAT that can delete every VM resource, nor
# one that registers anywhere but in its own scope's environments. Each scope's parameters sit
# under /<name>/registration/<scope>/, which only that scope's instance policy can read.
resource "aws_ssm_parameter" "registration_pat" {
  for_each = var.registration_scopes

  name        = "${local.registration_parameter_paths[each.key]}/azure-devops-pat"
  description = "Azure DevOps PAT the ${var.name} agent userdata of scope ${each.key} registers with, in ${join(", ", each.value.environments)}"
  type        = "SecureString"
  key_id      = aws_kms_key.this.arn
  value       = "placeholder: set with aws ssm put-parameter --overwrite"
  tags        = merge(local.tags, { "ado-ec2-lifecycle-registration-scope" = each.key })

  lifecycle {
    ignore_changes = [value]
  }
}
