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

data "aws_iam_policy_document" "function" {
  for_each = local.functions

  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.function[each.key].arn}:*"]
  }

  statement {
    sid = "RegistrationRecords"
    actions = concat(
      ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem", "dynamodb:Query"],
      each.value.source == "schedule" ? ["dynamodb:Scan"] : [],
    )
    resources = [aws_dynamodb_table.registrations.arn]
  }

  dynamic "statement" {
    for_each = local.workload_identity_enabled ? [] : [1]
    content {
      sid       = "ReadTheCredential"
      actions   = ["ssm:GetParameter"]
      resources = local.entra_enabled ? [aws_ssm_parameter.entra_client_credential[0].arn] : [aws_ssm_parameter.function_pat[0].arn]
    }
  }

  # The role's own signed JWT, for the one audience and no longer than configured
  # (IAM user guide, outbound identity federation: sts:IdentityTokenAudience, sts:DurationSeconds).
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

  statement {
    sid       = "UseTheModuleKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.this.arn]
  }

  # Describe calls cannot be scoped to resources: IAM accepts only "*" for them.
  statement {
    sid       = "ReadInstanceTagsAndState"
    actions   = ["ec2:DescribeInstances", "ec2:DescribeTags"]
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
}

resource "aws_iam_role_policy" "function" {
  for_each = local.functions

  name   = "${var.name}-${each.key}"
  role   = aws_iam_role.function[each.key].id
  policy = data.aws_iam_policy_document.function[each.key].json
}

# Attach to the instance role of every managed group: the userdata reads the registration PAT.
data "aws_iam_policy_document" "agent_registration" {
  statement {
    sid       = "ReadTheRegistrationPat"
    actions   = ["ssm:GetParameter"]
    resources = [aws_ssm_parameter.registration_pat.arn]
  }

  statement {
    sid       = "DecryptTheRegistrationPatThroughSsm"
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.this.arn]
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["ssm.${local.region}.amazonaws.com"]
    }
  }
}

resource "aws_iam_policy" "agent_registration" {
  name        = "${var.name}-agent-registration"
  description = "Lets an instance's userdata read the ${var.name} registration PAT"
  policy      = data.aws_iam_policy_document.agent_registration.json
  tags        = local.tags
}
