provider "aws" {
  region = var.region
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  repository_root = "${path.module}/../../../.."

  # The tag contract (README.md): the Auto Scaling group carries these and propagates them to its
  # instances, where the userdata reads them from the instance metadata.
  placement_tags = {
    "AzDevOps-Project"                  = var.azure_devops_project
    "AzDevOps-Environment"              = var.azure_devops_environment
    "AzDevOps-Environment-ResourceTags" = var.resource_tags
  }

  # Both groups register into the one environment of this example: one registration scope.
  registration_scope = "agents"

  agent_environment = merge(module.ado_ec2_lifecycle.agent_userdata_environment[local.registration_scope], {
    AGENT_VERSION = var.agent_version
  })

  # Userdata = the deployment's settings as environment variables, then the script itself. Quoting:
  # a value ends up single-quoted, with each ' written as '\'' (bash) or '' (PowerShell).
  linux_userdata = join("\n", concat(
    ["#!/bin/bash"],
    [for key, value in local.agent_environment : "export ${key}='${replace(value, "'", "'\\''")}'"],
    [file("${local.repository_root}/agent-scripts/linux/register-agent.sh")],
  ))
  windows_userdata = join("\n", concat(
    ["<powershell>"],
    [for key, value in local.agent_environment : "$env:${key} = '${replace(value, "'", "''")}'"],
    [local.windows_script],
    ["</powershell>"],
  ))

  # EC2 takes at most 16 KB of userdata and EC2Launch does not unpack gzip, so the Windows script
  # goes without its comment lines and indentation (safe: it has no here-strings or block comments,
  # which agent-scripts/test checks along with the size).
  windows_script = replace(replace(file("${local.repository_root}/agent-scripts/windows/register-agent.ps1"),
  "/(?m)^[ \t]*#.*\r?\n/", ""), "/(?m)^[ \t]+/", "")

  linux_architecture = var.architecture == "arm64" ? "arm64" : "x86_64"
}

module "ado_ec2_lifecycle" {
  source = "../../modules/ado-ec2-lifecycle"

  name                          = var.name
  lambda_jar_path               = "${local.repository_root}/function/target/ado-ec2-lifecycle-function.jar"
  architecture                  = var.architecture
  azure_devops_organization_url = var.azure_devops_organization_url
  autoscaling_group_names       = concat([aws_autoscaling_group.linux.name], aws_autoscaling_group.windows[*].name)
  registration_scopes = {
    (local.registration_scope) = {
      environments    = ["${var.azure_devops_organization_url}/${var.azure_devops_project}/${var.azure_devops_environment}"]
      auth            = var.registration_auth
      entra_tenant_id = var.registration_entra_tenant_id
      entra_client_id = var.registration_entra_client_id
    }
  }
  alarm_actions = [aws_sns_topic.alarms.arn]
  # Lets `terraform destroy` remove the example's table; keep the default (true) in production.
  table_deletion_protection = false
}

# Alarms of the deployment go to this topic.
resource "aws_kms_key" "alarms" {
  description         = "${var.name}: alarm topic"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.alarms_key.json
}

data "aws_iam_policy_document" "alarms_key" {
  statement {
    sid       = "AccountAdministersTheKeyThroughIam"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }

  statement {
    sid       = "CloudWatchAlarmsPublish"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_sns_topic" "alarms" {
  name              = "${var.name}-alarms"
  kms_master_key_id = aws_kms_key.alarms.arn
}

resource "aws_sns_topic_subscription" "alarm_email" {
  count = var.alarm_email == "" ? 0 : 1

  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}
