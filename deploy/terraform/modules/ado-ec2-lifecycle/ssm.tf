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

# A separate PAT for the instances' userdata, so a compromised instance never holds the PAT that
# can delete every VM resource.
resource "aws_ssm_parameter" "registration_pat" {
  name        = "/${var.name}/azure-devops-registration-pat"
  description = "Azure DevOps PAT the ${var.name} agent userdata registers VM resources with (Environment: Read & manage)"
  type        = "SecureString"
  key_id      = aws_kms_key.this.arn
  value       = "placeholder: set with aws ssm put-parameter --overwrite"
  tags        = local.tags

  lifecycle {
    ignore_changes = [value]
  }
}
