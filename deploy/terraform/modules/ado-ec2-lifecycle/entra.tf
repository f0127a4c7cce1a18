# Entra ID instead of a PAT (azure_devops_auth_mode). In service-principal mode the app's client
# secret or certificate lives in one SecureString parameter, written by the operator as the PAT is.
# In workload-identity mode nothing is stored: each function role gets a JWT from STS
# GetWebIdentityToken, which Entra trusts through a federated credential on the app whose issuer
# and subject are this module's outputs.
locals {
  entra_enabled             = var.azure_devops_auth_mode != "pat"
  workload_identity_enabled = var.azure_devops_auth_mode == "workload-identity"
  entra_secret_enabled      = var.azure_devops_auth_mode == "service-principal"
}

resource "aws_ssm_parameter" "entra_client_credential" {
  count = local.entra_secret_enabled ? 1 : 0

  name        = "/${var.name}/entra-client-${var.entra_client_credential}"
  description = "Client ${var.entra_client_credential} of the Entra app the ${var.name} functions authenticate to Azure DevOps as"
  type        = "SecureString"
  tier        = var.entra_client_credential == "certificate" ? "Advanced" : "Standard"
  key_id      = aws_kms_key.this.arn
  value       = "placeholder: set with aws ssm put-parameter --overwrite"
  tags        = local.tags

  lifecycle {
    ignore_changes = [value]
  }
}

# One per account: created here only when asked; otherwise read, so the issuer can be output.
resource "aws_iam_outbound_web_identity_federation" "this" {
  count = local.workload_identity_enabled && var.enable_outbound_identity_federation ? 1 : 0
}

data "aws_iam_outbound_web_identity_federation" "this" {
  count = local.workload_identity_enabled && !var.enable_outbound_identity_federation ? 1 : 0
}

locals {
  web_identity_issuer = !local.workload_identity_enabled ? null : (
    var.enable_outbound_identity_federation
    ? aws_iam_outbound_web_identity_federation.this[0].issuer_identifier
    : data.aws_iam_outbound_web_identity_federation.this[0].issuer_identifier
  )
}
