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

# One registration credential per registration scope, for the instances' userdata, apart from the
# functions' credential: a compromised instance never holds the one that can delete every VM
# resource, nor one that registers anywhere but in its own scope's environments. Each scope's
# parameter sits under /<name>/registration/<scope>/, and only that scope's instance policy can read it.
resource "aws_ssm_parameter" "registration_pat" {
  for_each = local.registration_pat_scopes

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

# A service-principal scope's instances register as an Entra app (the agent's --auth SP) with its
# client secret, written by the operator as a PAT is.
resource "aws_ssm_parameter" "registration_client_secret" {
  for_each = local.registration_app_scopes

  name        = "${local.registration_parameter_paths[each.key]}/entra-client-secret"
  description = "Client secret of Entra app ${each.value.entra_client_id} the ${var.name} agent userdata of scope ${each.key} registers as, in ${join(", ", each.value.environments)}"
  type        = "SecureString"
  key_id      = aws_kms_key.this.arn
  value       = "placeholder: set with aws ssm put-parameter --overwrite"
  tags        = merge(local.tags, { "ado-ec2-lifecycle-registration-scope" = each.key })

  lifecycle {
    ignore_changes = [value]
  }
}

locals {
  # How each scope's userdata finds its credential (agent-scripts/README.md). The agent reads
  # Azure.Identity's AZURE_AUTHORITY_HOST, whose default is the public cloud's authority.
  registration_credential_environment = merge(
    { for scope, parameter in aws_ssm_parameter.registration_pat : scope => { ADO_PAT_PARAMETER = parameter.name } },
    {
      for scope, parameter in aws_ssm_parameter.registration_client_secret : scope => merge({
        ADO_AUTH                    = "service-principal"
        ADO_CLIENT_SECRET_PARAMETER = parameter.name
        ADO_TENANT_ID               = var.registration_scopes[scope].entra_tenant_id
        ADO_CLIENT_ID               = var.registration_scopes[scope].entra_client_id
      }, trimsuffix(var.entra_authority_url, "/") == "https://login.microsoftonline.com" ? {} : { AZURE_AUTHORITY_HOST = var.entra_authority_url })
    },
  )
}
