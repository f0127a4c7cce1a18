data "aws_iam_policy_document" "lambda_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

# One role per function, each with only what its event source needs.
resource "aws_iam_role" "function" {
  for_each = local.functions

  name               = "${var.name}-${each.key}"
  description        = "Runs the ${var.name}-${each.key} Lambda function"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
  tags               = local.tags
}

# The AWS operations the code issues (io.adoec2.aws.call.AwsOperation) and what Lambda does with the
# role, nothing more: FunctionIamTest fails when this and the code differ.
data "aws_iam_policy_document" "function" {
  for_each = local.functions

  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.function[each.key].arn}:*"]
  }

  statement {
    sid       = "RegistrationRecords"
    actions   = ["dynamodb:GetItem", "dynamodb:PutItem"]
    resources = [aws_dynamodb_table.registrations.arn]
  }

  # The reconciler scans the sparse index of managed records, never the whole table.
  dynamic "statement" {
    for_each = each.value.source == "schedule" ? [1] : []
    content {
      sid       = "ScanManagedRecords"
      actions   = ["dynamodb:Scan"]
      resources = ["${aws_dynamodb_table.registrations.arn}/index/${local.spec.table.managedIndex}"]
    }
  }

  dynamic "statement" {
    for_each = local.workload_identity_enabled ? [] : [1]
    content {
      sid       = "ReadTheCredential"
      actions   = ["ssm:GetParameter"]
      resources = local.entra_enabled ? [aws_ssm_parameter.entra_client_credential[0].arn] : [aws_ssm_parameter.function_pat[0].arn]
    }
  }

  # The role's own signed JWT, for the one audience and no longer than configured (IAM user guide,
  # "Controlling access with IAM policies" of outbound identity federation: sts:IdentityTokenAudience,
  # sts:DurationSeconds, sts:SigningAlgorithm). The audience key is multivalued (Audience.member.N,
  # up to 10): AWS's sample allows with ForAnyValue, which would let a token carry a second,
  # foreign audience; ForAllValues allows only ours, and Null = false keeps an absent key (which
  # ForAllValues would pass) from matching.
  dynamic "statement" {
    for_each = local.workload_identity_enabled ? [1] : []
    content {
      sid       = "GetOwnWebIdentityTokenForEntra"
      actions   = ["sts:GetWebIdentityToken"]
      resources = ["*"]
      condition {
        test     = "ForAllValues:StringEquals"
        variable = "sts:IdentityTokenAudience"
        values   = [var.entra_federation_audience]
      }
      condition {
        test     = "Null"
        variable = "sts:IdentityTokenAudience"
        values   = ["false"]
      }
      condition {
        test     = "NumericLessThanEquals"
        variable = "sts:DurationSeconds"
        values   = [tostring(var.entra_assertion_seconds)]
      }
      condition {
        test     = "StringEquals"
        variable = "sts:SigningAlgorithm"
        values   = ["RS256"]
      }
    }

  }

  # The key is used only by the services that store with it: SSM (the PAT), DynamoDB (the table),
  # SQS (the queues, which also Lambda's event source mapping reads with this role) and Lambda (the
  # functions' environment). The role can decrypt nothing with it directly.
  statement {
    sid       = "DecryptThroughTheModulesServices"
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.this.arn]
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = [for service in ["ssm", "dynamodb", "sqs", "lambda"] : "${service}.${local.region}.amazonaws.com"]
    }
  }

  statement {
    sid       = "EncryptThroughTheTableAndQueues"
    actions   = ["kms:GenerateDataKey"]
    resources = [aws_kms_key.this.arn]
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = [for service in ["dynamodb", "sqs"] : "${service}.${local.region}.amazonaws.com"]
    }
  }

  # DescribeInstances cannot be scoped to resources: IAM accepts only "*" for it.
  statement {
    sid       = "ReadInstanceTagsAndState"
    actions   = ["ec2:DescribeInstances"]
    resources = ["*"]
  }

  statement {
    sid       = "Tracing"
    actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
    resources = ["*"]
  }

  statement {
    sid       = "FailedAsyncEventsToDeadLetterQueue"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.function_dlq.arn]
  }

  dynamic "statement" {
    for_each = each.value.source == "sqs" ? [1] : []
    content {
      sid = "ConsumeLifecycleQueue"
      # SendMessage: a held instance's next look is a delayed message to this same queue.
      actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes", "sqs:SendMessage"]
      resources = [aws_sqs_queue.lifecycle.arn]
    }
  }

  dynamic "statement" {
    for_each = each.value.source == "sqs" && length(local.autoscaling_group_arns) > 0 ? [1] : []
    content {
      sid       = "AnswerLifecycleHooksOfManagedGroups"
      actions   = ["autoscaling:CompleteLifecycleAction", "autoscaling:RecordLifecycleActionHeartbeat"]
      resources = local.autoscaling_group_arns
    }
  }

  # A terminate hook action is acted on only when Auto Scaling says the instance is leaving its
  # group (a forged one would otherwise delete a live instance's VM resource). Auto Scaling's
  # Describe actions take no resource types in the Service Authorization Reference: "*" only.
  dynamic "statement" {
    for_each = each.value.source == "sqs" && length(local.autoscaling_group_arns) > 0 ? [1] : []
    content {
      sid       = "ConfirmTerminateHookActions"
      actions   = ["autoscaling:DescribeAutoScalingInstances"]
      resources = ["*"]
    }
  }
}

resource "aws_iam_role_policy" "function" {
  for_each = local.functions

  name   = "${var.name}-${each.key}"
  role   = aws_iam_role.function[each.key].id
  policy = data.aws_iam_policy_document.function[each.key].json
}

# One policy per registration scope, for the instance role of the groups that register there: it
# reads that scope's credential parameter (its PAT or its app's client secret) and nothing else, so
# a compromised instance can register only where its own group registers.
data "aws_iam_policy_document" "agent_registration" {
  for_each = var.registration_scopes

  statement {
    sid       = "ReadTheScopesRegistrationCredential"
    actions   = ["ssm:GetParameter"]
    resources = [local.registration_parameter_arns[each.key]]
  }

  # SSM decrypts a SecureString with the parameter's ARN as encryption context, so even through
  # SSM this key opens only this scope's credential.
  statement {
    sid       = "DecryptTheScopesParametersThroughSsm"
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.this.arn]
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["ssm.${local.region}.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "kms:EncryptionContext:PARAMETER_ARN"
      values   = [local.registration_parameter_arns[each.key]]
    }
  }
}

resource "aws_iam_policy" "agent_registration" {
  for_each = var.registration_scopes

  name        = "${var.name}-agent-registration-${each.key}"
  description = "Lets the userdata of ${var.name} instances of registration scope ${each.key} read that scope's registration ${each.value.auth == "pat" ? "PAT" : "client secret"}"
  policy      = data.aws_iam_policy_document.agent_registration[each.key].json
  tags        = local.tags
}
